/**
 * Composition root: the database every entry point opens (server, CLI, tests of the whole app)
 * and the web application built on it.
 */
import type { FastifyInstance } from 'fastify'
import { auditRoutes } from './platform/audit/routes.js'
import { auditSafetyWarnings } from './platform/audit/safety.js'
import { adminRoutes } from './platform/admin/routes.js'
import { adminSubjects } from './platform/admin/subjects.js'
import { permissionRoutes, permissionSubjects } from './platform/permissions/routes.js'
import { authRoutes } from './platform/auth/routes.js'
import { sessionRoutes } from './platform/auth/session-routes.js'
import type { ProviderOptions } from './platform/auth/sso/provider.js'
import { providerFor, ssoRoutes } from './platform/auth/sso/routes.js'
import { providerSignOutUrl } from './platform/auth/sso/service.js'
import { ssoAdminRoutes } from './platform/admin/sso-routes.js'
import { systemClock, type Clock } from './platform/calendar/clock.js'
import { configuredClocks, syncClockDefinitions } from './platform/calendar/store.js'
import { loadConfig, type Config } from './platform/config.js'
import type { Kysely } from 'kysely'
import type { Database } from './platform/db/schema.js'
import { openDatabase, type OpenDatabase } from './platform/db/database.js'
import { createApp } from './platform/http/app.js'
import type { Logger } from './platform/logging.js'
import { PLATFORM_ADMIN_SECTIONS, PLATFORM_NAVIGATION } from './platform/http/navigation.js'
import { moduleContributions, moduleSubjects, type HavenModule } from './platform/modules.js'
import type { DemoBackgroundLoad } from './modules/demo/background.js'
import { seedDemoIfEmpty } from './modules/demo/seed.js'
import { loadSyntheticPostcodesIfEmpty } from './modules/returns/ssda903/postcode-store.js'
import { assessmentModule } from './modules/assessment/index.js'
import { careModule } from './modules/care/index.js'
import { casenotesModule } from './modules/casenotes/index.js'
import { chronologyModule } from './modules/chronology/index.js'
import { documentsModule } from './modules/documents/index.js'
import { earlyHelpModule } from './modules/earlyhelp/index.js'
import { escalationsModule } from './modules/escalations/index.js'
import { frontdoorModule } from './modules/frontdoor/index.js'
import { peopleModule } from './modules/people/index.js'
import { digestCatalogue, performanceModule } from './modules/performance/index.js'
import { syncKpiCatalogue } from './modules/performance/catalogue-store.js'
import { loadDemoPopulationIfEmpty } from './modules/performance/population-store.js'
import { protectionModule } from './modules/protection/index.js'
import { returnsModule } from './modules/returns/index.js'
import { worklistsModule } from './modules/worklists/index.js'

/** Haven's modules: adding one is writing its folder and one line here. */
export const HAVEN_MODULES: readonly HavenModule[] = [
  worklistsModule,
  peopleModule,
  frontdoorModule,
  protectionModule,
  returnsModule,
  casenotesModule,
  documentsModule,
  assessmentModule,
  escalationsModule,
  chronologyModule,
  earlyHelpModule,
  careModule,
  performanceModule,
]

/**
 * The reference data every opened database is given: the clocks' definitions and the KPI
 * catalogue from the files, and outside production the synthetic postcodes behind the SSDA903
 * placement facts and the demo authority's 0–17 population, each until an authority loads its own
 * (never in production: the postcodes' grid references are made up, the population the demo's).
 */
export async function loadReferenceData(db: Kysely<Database>, config: Config): Promise<void> {
  await syncClockDefinitions(db, configuredClocks(config.clocks), config.clocks.workingHours)
  await syncKpiCatalogue(db, digestCatalogue(HAVEN_MODULES))
  if (config.environment === 'production') return
  await loadSyntheticPostcodesIfEmpty(db)
  await loadDemoPopulationIfEmpty(db)
}

/**
 * Opens Haven's database: migrated, and outside production loaded with the synthetic postcode
 * table (reference/postcodes/) and the demo authority the
 * first time (the hand-made demo and a synthetic authority of `demoChildren` children, Thurrock's
 * 42,000 unless configured: minutes on the embedded database, with progress lines). The server
 * and every `haven` command come through here.
 */
export async function openHavenDatabase(
  config: Config = loadConfig(),
  options: {
    seedDemo?: boolean
    demoChildren?: number
    onProgress?: (message: string) => void
    warn?: (line: string) => void
    /** Hand over the synthetic authority's load to run in the background (`npm start`) rather than now. */
    deferSyntheticLoad?: (load: DemoBackgroundLoad) => void
  } = {},
): Promise<OpenDatabase> {
  const seed = options.seedDemo ?? (config.environment !== 'production' && config.features.seedDemoOnFirstRun)
  const syntheticChildren = options.demoChildren ?? config.features.demoChildren
  const onProgress = options.onProgress ?? ((message: string) => console.log(message))
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`))
  const database = await openDatabase({
    url: config.database.url,
    migrationUrl: config.database.migrationUrl,
    appRole: config.database.appRole,
    dataDir: config.database.dataDir,
    onOpen: async (db) => {
      await loadReferenceData(db, config)
      if (seed)
        await seedDemoIfEmpty(db, systemClock.now(), {
          syntheticChildren,
          onProgress,
          ...(options.deferSyntheticLoad ? { defer: options.deferSyntheticLoad } : {}),
        })
    },
  })
  for (const line of auditSafetyWarnings(config, database)) warn(line)
  return database
}

export function buildApp(
  config: Config,
  database: OpenDatabase,
  options: {
    logger?: boolean | Logger
    sso?: ProviderOptions
    clock?: Clock
    /** A line for signed-in staff on every page while it returns one. */
    notice?: () => string | null
  } = {},
): Promise<FastifyInstance> {
  const { db } = database
  const clock = options.clock ?? systemClock
  const provider = providerFor(config, options.sso)
  const signInWithProvider = provider && {
    displayName: provider.config.displayName,
    signOutUrl: (cookie: string) => providerSignOutUrl(db, provider, cookie),
  }
  const platform = { db, config, clock }
  const deps = { ...platform, modules: moduleContributions(HAVEN_MODULES, platform) }
  return createApp({
    config,
    db,
    logger: options.logger ?? process.env.HAVEN_TEST_LOG === 'true',
    ...(options.notice ? { notice: options.notice } : {}),
    clock,
    subjects: moduleSubjects(HAVEN_MODULES, { ...permissionSubjects, ...adminSubjects }),
    navigation: [...PLATFORM_NAVIGATION, ...HAVEN_MODULES.flatMap((m) => m.navigation ?? [])],
    adminSections: [...PLATFORM_ADMIN_SECTIONS, ...HAVEN_MODULES.flatMap((m) => m.adminSections ?? [])],
    routes: [
      // The platform's own pages: sign-in, the audit trail, accounts, permissions.
      authRoutes({ db, config, sso: signInWithProvider }),
      sessionRoutes({ db, config }),
      ssoRoutes({ db, config, provider }),
      ...HAVEN_MODULES.flatMap((m) => m.routes?.(deps) ?? []),
      auditRoutes({ db }),
      adminRoutes({ db }),
      permissionRoutes({ db }),
      ssoAdminRoutes({ db, ssoEnabled: provider !== null }),
    ],
  })
}

/**
 * Composition root: the database every entry point opens (server, CLI, tests of the whole app)
 * and the web application built on it.
 */
import type { FastifyInstance } from 'fastify'
import { auditRoutes } from './platform/audit/routes.js'
import { adminRoutes } from './platform/admin/routes.js'
import { authRoutes } from './platform/auth/routes.js'
import { syncClockDefinitions } from './platform/calendar/store.js'
import { loadConfig, type Config } from './platform/config.js'
import { openDatabase, type OpenDatabase } from './platform/db/database.js'
import { createApp } from './platform/http/app.js'
import type { Logger } from './platform/logging.js'
import { seedDemoIfEmpty } from './modules/demo/seed.js'
import { frontdoorRoutes } from './modules/frontdoor/routes.js'
import { partnerContactRoutes } from './modules/frontdoor/partner-routes.js'
import { peopleRoutes } from './modules/people/routes.js'
import { worklistRoutes } from './modules/worklists/routes.js'

/**
 * Opens Haven's database: migrated, and outside production loaded with the demo authority the
 * first time (the hand-made demo and a synthetic authority of `demoChildren` children, Thurrock's
 * 42,000 unless configured: minutes on the embedded database, with progress lines). The server
 * and every `haven` command come through here.
 */
export function openHavenDatabase(
  config: Config = loadConfig(),
  options: { seedDemo?: boolean; demoChildren?: number; onProgress?: (message: string) => void } = {},
): Promise<OpenDatabase> {
  const seed = options.seedDemo ?? (config.environment !== 'production' && config.features.seedDemoOnFirstRun)
  const syntheticChildren = options.demoChildren ?? config.features.demoChildren
  const onProgress = options.onProgress ?? ((message: string) => console.log(message))
  return openDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    onOpen: async (db) => {
      await syncClockDefinitions(db)
      if (seed) await seedDemoIfEmpty(db, new Date(), { syntheticChildren, onProgress })
    },
  })
}

export function buildApp(
  config: Config,
  database: OpenDatabase,
  options: { logger?: boolean | Logger } = {},
): Promise<FastifyInstance> {
  const { db } = database
  return createApp({
    config,
    db,
    logger: options.logger ?? process.env.HAVEN_TEST_LOG === 'true',
    routes: [
      authRoutes({ db, config }),
      worklistRoutes({ db }),
      peopleRoutes({ db }),
      partnerContactRoutes({ db }),
      frontdoorRoutes({ db }),
      auditRoutes({ db }),
      adminRoutes({ db }),
    ],
  })
}

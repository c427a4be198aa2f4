/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (as CI runs the suite a second time).
 *
 * `{ roles: 'separate' }` (PostgreSQL only) makes the database as production should: an owner
 * role that migrates and a role for the application that owns nothing, both new and dropped at
 * close (roles belong to the whole cluster, so their names are unique to this call). It needs
 * DATABASE_URL to connect as a role that may create roles and databases, and the server to let
 * the new roles sign in without a password, as CI's throwaway cluster (trust) does.
 *
 * `{ seeded: true }` gives it the demo authority, as `seedDemo(db)` loads it.
 *
 * Under vitest with database-templates.ts as global set-up, a database that is migrated as usual
 * starts as a copy of the run's migrated one (or, seeded, of the run's seeded one) instead of
 * running initdb and every migration (and the seed) again; `migrated` is then empty. The copy
 * with the demo authority is used only on the day and within the half hour it was loaded, so
 * that what the demo's dates mean stays as near to "now" as a fresh seed's would be.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/platform/db/database.js'
import { seedTestDemo } from './demo-database.js'
import type { DatabaseTemplates } from './database-templates.js'

export const onPostgres = Boolean(process.env.DATABASE_URL)

export interface TestDatabase extends OpenDatabase {
  /** With `roles: 'separate'`: the owner's URL and role (what migrations connect as), and the application's. */
  owner?: { url: string; role: string }
  app?: { url: string; role: string }
}

/** The run's template databases, when vitest's global set-up made them for this driver. */
function templatesFor(driver: DatabaseTemplates['driver']): DatabaseTemplates | null {
  let templates: DatabaseTemplates | null | undefined
  try {
    templates = inject('havenDatabaseTemplates')
  } catch {
    return null
  }
  return templates?.driver === driver ? templates : null
}

const SEEDED_COPY_MAX_AGE_MS = 30 * 60_000
const londonDate = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { timeZone: 'Europe/London' })

/** Whether the run's seeded copy is as good as seeding now (the same day, within half an hour). */
function seededCopyCurrent(templates: DatabaseTemplates): boolean {
  const now = Date.now()
  return (
    now - templates.seededAt < SEEDED_COPY_MAX_AGE_MS && londonDate(now) === londonDate(templates.seededAt)
  )
}

export async function openTestDatabase(
  options: { migrate?: boolean; roles?: 'one' | 'separate'; seeded?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true
  if (options.seeded && !migrate) throw new Error('The demo authority needs a migrated database')
  const opened = await openUnseeded({ ...options, migrate }, options.seeded ?? false)
  if (options.seeded && !opened.seededCopy) {
    try {
      await seedTestDemo(opened.db)
    } catch (err) {
      await opened.close()
      throw err
    }
  }
  const { seededCopy: _, ...database } = opened
  return database
}

async function openUnseeded(
  options: { migrate: boolean; roles?: 'one' | 'separate' },
  seeded: boolean,
): Promise<TestDatabase & { seededCopy: boolean }> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    if (options.roles === 'separate')
      throw new Error('Separate database roles need a PostgreSQL server (DATABASE_URL)')
    const templates = options.migrate ? templatesFor('pglite') : null
    if (!templates)
      return {
        ...(await openDatabase({ dataDir: 'memory://', migrate: options.migrate })),
        seededCopy: false,
      }
    const seededCopy = seeded && seededCopyCurrent(templates)
    const file = seededCopy ? templates.seeded : templates.migrated
    // Migrating a copy applies nothing, but still checks that the copy's migrations are today's.
    const database = await openDatabase({
      dataDir: 'memory://',
      loadDataDir: new Blob([fs.readFileSync(file)]),
      migrate: true,
    })
    return { ...database, seededCopy }
  }

  const suffix = randomBytes(6).toString('hex')
  const name = `haven_test_${suffix}`
  const separate = options.roles === 'separate'
  // Roles of their own make their database and migrate it themselves: what that test is about.
  const templates = options.migrate && !separate ? templatesFor('postgres') : null
  const seededCopy = Boolean(templates && seeded && seededCopyCurrent(templates))
  const template = templates ? (seededCopy ? templates.seeded : templates.migrated) : null
  const ownerRole = `haven_test_owner_${suffix}`
  const appRole = `haven_test_app_${suffix}`
  const asRole = (role: string) => {
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    url.username = role
    url.password = ''
    return url.toString()
  }
  const cleanup = async () => {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    try {
      await admin.query(`drop database if exists ${name} with (force)`)
      if (separate) await admin.query(`drop role if exists ${appRole}, ${ownerRole}`)
    } finally {
      await admin.end()
    }
  }

  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    if (separate) {
      await admin.query(`create role ${ownerRole} login`)
      await admin.query(`create role ${appRole} login`)
      // The owner of the database owns its public schema (PostgreSQL 15), so it may create tables there.
      await admin.query(`create database ${name} owner ${ownerRole}`)
    } else {
      await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`)
    }
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  let opened: OpenDatabase
  try {
    opened = separate
      ? await openDatabase({
          url: asRole(appRole),
          migrationUrl: asRole(ownerRole),
          migrate: options.migrate,
        })
      : await openDatabase({ url: url.toString(), migrate: options.migrate })
  } catch (err) {
    await cleanup()
    throw err
  }
  return {
    ...opened,
    seededCopy,
    ...(separate
      ? { owner: { url: asRole(ownerRole), role: ownerRole }, app: { url: asRole(appRole), role: appRole } }
      : {}),
    close: async () => {
      await opened.close()
      await cleanup()
    },
  }
}

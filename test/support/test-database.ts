/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (as CI runs the suite a second time).
 *
 * `{ roles: 'separate' }` (PostgreSQL only) makes the database as production should: an owner
 * role that migrates and a role for the application that owns nothing, both new and dropped at
 * close (roles belong to the whole cluster, so their names are unique to this call). It needs
 * DATABASE_URL to connect as a role that may create roles and databases, and the server to let
 * the new roles sign in without a password, as CI's throwaway cluster (trust) does.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type OpenDatabase } from '../../src/platform/db/database.js'

export const onPostgres = Boolean(process.env.DATABASE_URL)

export interface TestDatabase extends OpenDatabase {
  /** With `roles: 'separate'`: the owner's URL and role (what migrations connect as), and the application's. */
  owner?: { url: string; role: string }
  app?: { url: string; role: string }
}

export async function openTestDatabase(
  options: { migrate?: boolean; roles?: 'one' | 'separate' } = {},
): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    if (options.roles === 'separate')
      throw new Error('Separate database roles need a PostgreSQL server (DATABASE_URL)')
    return openDatabase({ dataDir: 'memory://', migrate: options.migrate ?? true })
  }

  const suffix = randomBytes(6).toString('hex')
  const name = `haven_test_${suffix}`
  const separate = options.roles === 'separate'
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
      await admin.query(`create database ${name}`)
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
          migrate: options.migrate ?? true,
        })
      : await openDatabase({ url: url.toString(), migrate: options.migrate ?? true })
  } catch (err) {
    await cleanup()
    throw err
  }
  return {
    ...opened,
    ...(separate
      ? { owner: { url: asRole(ownerRole), role: ownerRole }, app: { url: asRole(appRole), role: appRole } }
      : {}),
    close: async () => {
      await opened.close()
      await cleanup()
    },
  }
}

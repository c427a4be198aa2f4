/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (as CI runs the suite a second time).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type OpenDatabase } from '../../src/platform/db/database.js'

export const onPostgres = Boolean(process.env.DATABASE_URL)

export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) return openDatabase({ dataDir: 'memory://', migrate: options.migrate ?? true })

  const name = `haven_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const opened = await openDatabase({ url: url.toString(), migrate: options.migrate ?? true })
  return {
    ...opened,
    close: async () => {
      await opened.close()
      const cleanup = new pg.Client({ connectionString: serverUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}

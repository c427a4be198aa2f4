/**
 * Forward-only migrations: plain SQL files in `migrations/`, applied in name order, each in its
 * own transaction with its checksum recorded. Changing a file that has been applied is an error:
 * write a new migration instead.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { Db } from './database.js'

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Any number unique to Haven: one migrator (and one granter, see roles.ts) at a time. */
export const MIGRATION_LOCK = 727_001

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8')
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') }
    })
}

/** Applies what has not been applied; returns the names applied now. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  await sql`create table if not exists schema_migration (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(db)
  const applied = new Map(
    (await db.selectFrom('schema_migration').select(['name', 'checksum']).execute()).map((m) => [
      m.name,
      m.checksum,
    ]),
  )
  for (const m of migrations) {
    const known = applied.get(m.name)
    if (known !== undefined && known !== m.checksum) {
      throw new Error(
        `Migration ${m.name} has changed since it was applied. Migrations are forward-only: add a new one.`,
      )
    }
  }
  const done: string[] = []
  for (const m of migrations) {
    if (applied.has(m.name)) continue
    const ran = await db.transaction().execute(async (trx) => {
      // One migrator at a time across processes on a shared server.
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx)
      const again = await trx
        .selectFrom('schema_migration')
        .select('name')
        .where('name', '=', m.name)
        .executeTakeFirst()
      if (again) return false
      await sql.raw(m.sql).execute(trx)
      await trx.insertInto('schema_migration').values({ name: m.name, checksum: m.checksum }).execute()
      return true
    })
    if (ran) done.push(m.name)
  }
  return done
}

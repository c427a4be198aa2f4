/**
 * Vitest's global set-up for the projects that open databases: migrates one database, and a copy
 * of it with the demo authority, once per run, so that each test file starts from a copy instead
 * of running initdb (PGlite's takes 5 to 15 s of CPU), every migration and the demo seed again.
 *
 * On PGlite the copies are data directories dumped to files (`dumpDataDir`), which each file's
 * database starts from (`loadDataDir`); on a PostgreSQL server (DATABASE_URL) they are databases
 * that each file's database is created from (`create database … template …`). Both are removed
 * when the run ends. test-database.ts falls back to a fresh database when they are absent.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { HavenKysely, openDatabase } from '../../src/platform/db/database.js'
import { migrate } from '../../src/platform/db/migrate.js'
import { PGliteDialect } from '../../src/platform/db/pglite-dialect.js'
import type { Database } from '../../src/platform/db/schema.js'
import { parsers } from '../../src/platform/db/type-parsers.js'
import { seedTestDemo } from './demo-database.js'

export interface DatabaseTemplates {
  driver: 'pglite' | 'postgres'
  /** PGlite: the file of a migrated data directory. PostgreSQL: the migrated database's name. */
  migrated: string
  /** The same with the demo authority loaded as `seedDemo(db, new Date(seededAt))` loads it. */
  seeded: string
  /** When the demo authority was loaded (milliseconds since 1970). */
  seededAt: number
}

declare module 'vitest' {
  export interface ProvidedContext {
    havenDatabaseTemplates: DatabaseTemplates | null
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL
  const made = serverUrl ? await onServer(serverUrl) : await onPglite()
  project.provide('havenDatabaseTemplates', made.templates)
  return made.remove
}

async function onPglite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-test-templates-'))
  const remove = async () => fs.rmSync(dir, { recursive: true, force: true })
  // As openDatabase opens the embedded database, keeping the PGlite handle to dump it.
  const pglite = new PGlite('memory://', { parsers })
  const db = new HavenKysely<Database>({ dialect: new PGliteDialect(pglite) })
  try {
    await pglite.exec(`set time zone 'UTC'; set datestyle = 'ISO, YMD'`)
    const dump = async (file: string) => {
      const blob = await pglite.dumpDataDir('none')
      const to = path.join(dir, file)
      fs.writeFileSync(to, Buffer.from(await blob.arrayBuffer()))
      return to
    }
    await migrate(db)
    const migrated = await dump('migrated.tar')
    const seededAt = Date.now()
    await seedTestDemo(db, new Date(seededAt))
    const seeded = await dump('seeded.tar')
    const templates: DatabaseTemplates = { driver: 'pglite', migrated, seeded, seededAt }
    return { templates, remove }
  } catch (err) {
    await remove()
    throw err
  } finally {
    await db.destroy()
  }
}

async function onServer(serverUrl: string) {
  const suffix = randomBytes(6).toString('hex')
  const migrated = `haven_template_${suffix}`
  const seeded = `haven_template_seeded_${suffix}`
  const admin = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    try {
      for (const statement of statements) await client.query(statement)
    } finally {
      await client.end()
    }
  }
  const urlOf = (name: string) => {
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    return url.toString()
  }
  const remove = () =>
    admin([
      `drop database if exists ${seeded} with (force)`,
      `drop database if exists ${migrated} with (force)`,
    ])
  try {
    await admin([`create database ${migrated}`])
    const first = await openDatabase({ url: urlOf(migrated), migrate: true })
    await first.close()
    // A database that another session is connected to cannot be copied: each is closed first.
    await admin([`create database ${seeded} template ${migrated}`])
    const second = await openDatabase({ url: urlOf(seeded), migrate: false })
    const seededAt = Date.now()
    try {
      await seedTestDemo(second.db, new Date(seededAt))
    } finally {
      await second.close()
    }
    const templates: DatabaseTemplates = { driver: 'postgres', migrated, seeded, seededAt }
    return { templates, remove }
  } catch (err) {
    await remove()
    throw err
  }
}

/**
 * `openDatabase()`: the one way the server, the CLI and the tests reach the database. Embedded
 * PGlite under `./data` by default; a PostgreSQL server when `DATABASE_URL` is set. Both get the
 * same type parsers and a UTC session, so every value reads back the same.
 */
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type Driver, type TransactionBuilder } from 'kysely'
import pg from 'pg'
import { logger, type Logger } from '../logging.js'
import { lockDataDir } from './data-dir-lock.js'
import { migrate } from './migrate.js'
import { PGliteDialect } from './pglite-dialect.js'
import type { Database } from './schema.js'
import { assertNotInTransaction, runInTransactionScope } from './transaction-scope.js'
import { parsers } from './type-parsers.js'

/**
 * Kysely with one guard added: inside `transaction().execute(fn)`, `fn` runs in a scope where the
 * outer handle refuses to run queries (see transaction-scope.ts).
 */
export class HavenKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    return guardTransaction(super.transaction())
  }
}

function guardTransaction<DB>(builder: TransactionBuilder<DB>): TransactionBuilder<DB> {
  const execute = builder.execute.bind(builder)
  const setIsolationLevel = builder.setIsolationLevel.bind(builder)
  return Object.assign(builder, {
    execute: ((fn) => execute((trx) => runInTransactionScope(() => fn(trx)))) as typeof builder.execute,
    setIsolationLevel: ((level) =>
      guardTransaction(setIsolationLevel(level))) as typeof builder.setIsolationLevel,
  })
}

export type Db = Kysely<Database>

export interface OpenDatabase {
  db: Db
  driver: 'pglite' | 'postgres'
  /** Where it is: the data directory, `memory`, or the server URL without its password. */
  location: string
  close(): Promise<void>
}

export interface OpenOptions {
  /** A PostgreSQL URL; when absent the embedded database is used. */
  url?: string | undefined
  /** The embedded database's directory, or `memory://` for a throwaway one. */
  dataDir?: string
  migrate?: boolean
  /**
   * Runs after migrating, on every open: e.g. load the demo authority when the database holds no
   * users yet. It decides for itself whether there is anything to do, so an interrupted first run
   * is finished by the next one.
   */
  onOpen?: (db: Db) => Promise<void>
  /** Where the database layer logs (a lost idle connection); the process's logger by default. */
  log?: Logger
}

class GuardedPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    const driver = super.createDriver()
    const acquire = driver.acquireConnection.bind(driver)
    driver.acquireConnection = () => {
      assertNotInTransaction()
      return acquire()
    }
    return driver
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres'
  }
}

async function openPostgres(url: string, log: Logger): Promise<OpenDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c TimeZone=UTC -c DateStyle=ISO,YMD',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection the server drops (a restart, an administrator ending it) must not crash
  // the process: the pool discards it and opens another when next needed.
  pool.on('error', (err) => {
    log.warn({ err }, 'database: idle connection lost')
  })
  const db = new HavenKysely<Database>({ dialect: new GuardedPostgresDialect({ pool }) })
  return { db, driver: 'postgres', location: redact(url), close: () => db.destroy() }
}

async function openEmbedded(dataDir: string): Promise<OpenDatabase> {
  const inMemory = dataDir.startsWith('memory://')
  const release = inMemory ? () => {} : lockDataDir(dataDir)
  try {
    const pglite = new PGlite(inMemory ? dataDir : `${dataDir}/pgdata`, { parsers })
    await pglite.waitReady
    await pglite.exec(`set time zone 'UTC'; set datestyle = 'ISO, YMD'`)
    const db = new HavenKysely<Database>({ dialect: new PGliteDialect(pglite) })
    return {
      db,
      driver: 'pglite',
      location: inMemory ? 'memory' : dataDir,
      close: async () => {
        await db.destroy()
        release()
      },
    }
  } catch (err) {
    release()
    throw err
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<OpenDatabase> {
  const opened = options.url
    ? await openPostgres(options.url, options.log ?? logger)
    : await openEmbedded(options.dataDir ?? 'data')
  try {
    if (options.migrate !== false) await migrate(opened.db)
    if (options.onOpen) await options.onOpen(opened.db)
  } catch (err) {
    await opened.close()
    throw err
  }
  return opened
}

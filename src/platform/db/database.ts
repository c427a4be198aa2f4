/**
 * `openDatabase()`: the one way the server, the CLI and the tests reach the database. Embedded
 * PGlite under `./data` by default; a PostgreSQL server when `DATABASE_URL` is set. Both get the
 * same type parsers and a UTC session, so every value reads back the same.
 *
 * On a server, migrations may run as a different role from the application's
 * (`DATABASE_MIGRATION_URL`): then they run as that owner, which afterwards grants the
 * application's role exactly what it needs (roles.ts), and the application connects as its own.
 */
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql, type Driver, type TransactionBuilder } from 'kysely'
import pg from 'pg'
import { logger, type Logger } from '../logging.js'
import { lockDataDir } from './data-dir-lock.js'
import { migrate } from './migrate.js'
import { PGliteDialect } from './pglite-dialect.js'
import { preparingPool } from './prepared-statements.js'
import { canRewriteAuditTrail, grantApplicationPrivileges } from './roles.js'
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
  /** Migrations applied by this open (empty when the schema was already up to date). */
  migrated: string[]
  /**
   * 'separate' when migrations ran as an owner and the application's role was granted only what
   * it needs; 'one' when the application's role is the one that migrates (the embedded database,
   * or a server without DATABASE_MIGRATION_URL).
   */
  roles: 'one' | 'separate'
  /**
   * Whether the role the application connects as could alter, empty or drop the audit tables
   * (it owns them, is a member of their owner, or is a superuser). Always true on PGlite.
   */
  canRewriteAudit: boolean
  close(): Promise<void>
}

export interface OpenOptions {
  /** A PostgreSQL URL, what the application connects as; when absent the embedded database is used. */
  url?: string | undefined
  /**
   * A PostgreSQL URL for migrations, connecting as the role that owns the schema. When it connects
   * as a different role from `url`, that role migrates and then grants `url`'s role (or `appRole`)
   * only what the application needs. Ignored without `url`.
   */
  migrationUrl?: string | undefined
  /** The role to grant to, when the application's login is a member of it (default: `url`'s role). */
  appRole?: string | undefined
  /** The embedded database's directory, or `memory://` for a throwaway one. */
  dataDir?: string
  /**
   * A data directory to start the embedded database from, as PGlite's `dumpDataDir` wrote it
   * (the tests' migrated copy, instead of running initdb and every migration again).
   */
  loadDataDir?: Blob
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

type Opened = Omit<OpenDatabase, 'migrated' | 'roles' | 'canRewriteAudit'>

async function openPostgres(url: string, log: Logger): Promise<Opened> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Connections are renewed now and then, which clears the statements they have prepared.
    maxUses: 10_000,
    // An idle connection is kept for ten minutes, not pg's ten seconds: a new backend starts with
    // cold catalogue caches and none of Haven's prepared statements, and planning the published
    // views from cold costs more than running them, so closing connections after a quiet spell
    // made the next burst of requests queue behind that planning (bench/results/casework.md).
    idleTimeoutMillis: 600_000,
    // No JIT compilation: the digest's statements are planned as costly enough for it, and
    // compiling took longer than it saved (a tenth of England: 0.9 s of a 2 s statement, the
    // full digest 12.3 s with it, 8.8 s without); Haven's other statements are too small for it.
    options: '-c TimeZone=UTC -c DateStyle=ISO,YMD -c jit=off',
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
  const db = new HavenKysely<Database>({ dialect: new GuardedPostgresDialect({ pool: preparingPool(pool) }) })
  return { db, driver: 'postgres', location: redact(url), close: () => db.destroy() }
}

async function openEmbedded(dataDir: string, loadDataDir?: Blob): Promise<Opened> {
  const inMemory = dataDir.startsWith('memory://')
  const release = inMemory ? () => {} : lockDataDir(dataDir)
  try {
    const pglite = new PGlite(inMemory ? dataDir : `${dataDir}/pgdata`, {
      parsers,
      ...(loadDataDir ? { loadDataDir } : {}),
    })
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
    : await openEmbedded(options.dataDir ?? 'data', options.loadDataDir)
  try {
    let migrated: string[] = []
    let roles: OpenDatabase['roles'] = 'one'
    const shouldMigrate = options.migrate !== false
    if (shouldMigrate && options.url && options.migrationUrl && options.migrationUrl !== options.url) {
      const appRole = options.appRole ?? (await sessionUser(opened.db))
      const owner = await openPostgres(options.migrationUrl, options.log ?? logger)
      try {
        migrated = await migrate(owner.db)
        roles = (await grantApplicationPrivileges(owner.db, appRole)).sameRole ? 'one' : 'separate'
      } finally {
        await owner.close()
      }
    } else if (shouldMigrate) {
      migrated = await migrate(opened.db)
    }
    const canRewriteAudit = opened.driver === 'pglite' || ((await canRewriteAuditTrail(opened.db)) ?? true)
    if (options.onOpen) await options.onOpen(opened.db)
    return { ...opened, migrated, roles, canRewriteAudit }
  } catch (err) {
    await opened.close()
    throw err
  }
}

async function sessionUser(db: Db): Promise<string> {
  const r = await sql<{ user: string }>`select session_user as user`.execute(db)
  const user = r.rows[0]?.user
  if (!user) throw new Error('Could not tell which role DATABASE_URL connects as')
  return user
}

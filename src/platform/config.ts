/**
 * Haven's one configuration module: reads the environment once, with a block per dependency.
 * In production it fails fast on anything missing rather than falling back to a demo default.
 */
import fs from 'node:fs'
import path from 'node:path'

/** The commit being run: HAVEN_COMMIT when the build sets it, else read from a git checkout. */
function currentCommit(env: Env): string {
  if (env.HAVEN_COMMIT) return env.HAVEN_COMMIT
  try {
    const head = fs.readFileSync('.git/HEAD', 'utf8').trim()
    const ref = /^ref: (.+)$/.exec(head)?.[1]
    return ref ? fs.readFileSync(path.join('.git', ref), 'utf8').trim() : head
  } catch {
    return 'unknown'
  }
}

export interface Config {
  environment: 'development' | 'test' | 'production'
  /** Shown as a tag in the header outside production (e.g. "Demo", "Test"). */
  environmentName: string
  version: string
  commit: string
  http: { port: number; host: string; publicUrl: string }
  /**
   * url: what the application connects as (DATABASE_URL). migrationUrl: what migrations connect
   * as (DATABASE_MIGRATION_URL), the role that owns the tables; when it is set the application's
   * role (appRole, by default the user in `url`) is granted only what it needs: see
   * docs/adr/0004-audit-two-database-roles.md.
   */
  database: {
    url: string | undefined
    migrationUrl: string | undefined
    appRole: string | undefined
    dataDir: string
  }
  session: { idleMinutes: number; absoluteHours: number; secureCookie: boolean }
  /**
   * checkpointFile: where the sealer appends the chain's new end after each seal, outside the
   * database (AUDIT_CHECKPOINT_FILE; by default beside the embedded database, none for a server).
   */
  audit: { hmacKey: string | undefined; sealEverySeconds: number; checkpointFile: string | undefined }
  /**
   * demoChildren: the synthetic children loaded with the demo on the first run (HAVEN_DEMO_CHILDREN;
   * Thurrock's 42,000 by default, none under NODE_ENV=test).
   */
  features: { seedDemoOnFirstRun: boolean; demoChildren: number }
}

type Env = Record<string, string | undefined>

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`)
  return n
}

export function loadConfig(env: Env = process.env): Config {
  const environment =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development'
  const production = environment === 'production'
  const databaseUrl = env.DATABASE_URL || undefined
  if (production && !databaseUrl) {
    throw new Error(
      'DATABASE_URL is required in production: the embedded database is for demos, development and tests only',
    )
  }
  const migrationUrl = env.DATABASE_MIGRATION_URL || undefined
  if (migrationUrl && !databaseUrl) {
    throw new Error(
      'DATABASE_MIGRATION_URL is set but DATABASE_URL is not: set DATABASE_URL to the role the application connects as',
    )
  }
  if (production && !env.AUDIT_HMAC_KEY) throw new Error('AUDIT_HMAC_KEY is required in production')
  const dataDirSetting = env.HAVEN_DATA_DIR ?? 'data'
  const dataDir = dataDirSetting.startsWith('memory://') ? dataDirSetting : path.resolve(dataDirSetting)
  const checkpointFile = env.AUDIT_CHECKPOINT_FILE
    ? path.resolve(env.AUDIT_CHECKPOINT_FILE)
    : databaseUrl || dataDir.startsWith('memory://')
      ? undefined
      : path.join(dataDir, 'audit-checkpoints.log')
  const port = int(env, 'PORT', 3000)
  return {
    environment,
    environmentName:
      env.HAVEN_ENVIRONMENT_NAME ?? (production ? '' : environment === 'test' ? 'Test' : 'Demo'),
    version: env.npm_package_version ?? '0.1.0',
    commit: currentCommit(env),
    http: {
      port,
      host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    },
    database: {
      url: databaseUrl,
      migrationUrl,
      appRole: env.DATABASE_APP_ROLE || undefined,
      dataDir,
    },
    session: {
      idleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 10),
      secureCookie: production,
    },
    audit: {
      hmacKey: env.AUDIT_HMAC_KEY || undefined,
      sealEverySeconds: int(env, 'AUDIT_SEAL_SECONDS', 5),
      checkpointFile,
    },
    features: {
      seedDemoOnFirstRun: env.HAVEN_SEED_DEMO !== 'false',
      demoChildren: int(env, 'HAVEN_DEMO_CHILDREN', environment === 'test' ? 0 : 42_000),
    },
  }
}

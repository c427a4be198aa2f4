/**
 * Haven's one configuration module: reads the environment once, with a block per dependency.
 * In production it fails fast on anything missing rather than falling back to a demo default.
 */
import fs from 'node:fs'
import net from 'node:net'
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
  /**
   * trustedProxies: the addresses or CIDR ranges of the proxies in front of Haven
   * (TRUSTED_PROXIES, comma-separated; none by default). Only a request from one of them has its
   * X-Forwarded-For believed, for the address that sign-in throttling and the audit trail use.
   */
  http: { port: number; host: string; publicUrl: string; trustedProxies: string[] }
  database: { url: string | undefined; dataDir: string }
  session: { idleMinutes: number; absoluteHours: number; secureCookie: boolean }
  audit: { hmacKey: string | undefined; sealEverySeconds: number }
  /**
   * demoChildren: the synthetic children loaded with the demo on the first run (HAVEN_DEMO_CHILDREN;
   * Thurrock's 42,000 by default, none under NODE_ENV=test).
   */
  features: { seedDemoOnFirstRun: boolean; demoChildren: number }
}

type Env = Record<string, string | undefined>

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length. */
function proxyList(env: Env, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const entry of list) {
    const [address = '', prefix, extra] = entry.split('/')
    const family = net.isIP(address)
    const bits = family === 4 ? 32 : 128
    const goodPrefix =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits && extra === undefined)
    if (family === 0 || !goodPrefix)
      throw new Error(
        `${name} must list IP addresses or CIDR ranges, separated by commas; "${entry}" is neither`,
      )
  }
  return list
}

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
  if (production && !env.AUDIT_HMAC_KEY) throw new Error('AUDIT_HMAC_KEY is required in production')
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
      trustedProxies: proxyList(env, 'TRUSTED_PROXIES'),
    },
    database: { url: databaseUrl, dataDir: path.resolve(env.HAVEN_DATA_DIR ?? 'data') },
    session: {
      idleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 10),
      secureCookie: production,
    },
    audit: { hmacKey: env.AUDIT_HMAC_KEY || undefined, sealEverySeconds: int(env, 'AUDIT_SEAL_SECONDS', 5) },
    features: {
      seedDemoOnFirstRun: env.HAVEN_SEED_DEMO !== 'false',
      demoChildren: int(env, 'HAVEN_DEMO_CHILDREN', environment === 'test' ? 0 : 42_000),
    },
  }
}

/**
 * Haven's one configuration module: reads the environment once, with a block per dependency.
 * In production it fails fast on anything missing rather than falling back to a demo default.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { checkWorkingHours, DEFAULT_WORKING_HOURS, type WorkingHours } from './calendar/working-days.js'

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
  session: {
    idleMinutes: number
    absoluteHours: number
    /** How long before either limit the time-out warning shows (GOV.UK's pattern: two minutes). */
    warningSeconds: number
    secureCookie: boolean
  }
  /**
   * checkpointFile: where the sealer appends the chain's new end after each seal, outside the
   * database (AUDIT_CHECKPOINT_FILE; by default beside the embedded database, none for a server).
   */
  audit: { hmacKey: string | undefined; sealEverySeconds: number; checkpointFile: string | undefined }
  /** Unsent form answers kept for their author (platform/drafts): the sealing key and how long. */
  drafts: { key: string | undefined; keepDays: number }
  /** Single sign-on through the authority's OpenID Connect provider; null when no issuer is set. */
  sso: SsoConfig | null
  /**
   * demoChildren: the synthetic children loaded with the demo on the first run (HAVEN_DEMO_CHILDREN;
   * Thurrock's 42,000 by default, none under NODE_ENV=test).
   */
  features: { seedDemoOnFirstRun: boolean; demoChildren: number }
  /**
   * The front door's clocks. workingHours: the authority's opening and close of business, London
   * times (WORKING_DAY_OPENS, WORKING_DAY_CLOSES; 09:00 and 17:00 by default): a red contact is
   * due at the close, amber and green count working hours, and a contact received out of hours
   * counts from the next opening. referrerFeedbackWorkingDays: working days after the decision
   * by which the referrer is told it (REFERRER_FEEDBACK_WORKING_DAYS; 3 by default).
   */
  clocks: { workingHours: WorkingHours; referrerFeedbackWorkingDays: number }
  /**
   * Returns uploaded to be checked. uploadDir: where their files are kept (RETURN_UPLOAD_DIR; by
   * default `uploads` in the data directory, or the system's temporary directory for an
   * in-memory database). maxFileMegabytes: the largest file taken (RETURN_UPLOAD_MAX_MB; 200,
   * ten times a large authority's CIN census). keepDays: how long the files and findings are kept
   * before Haven deletes them (RETURN_UPLOAD_KEEP_DAYS; 14). authorityOnsCode: the authority's ONS
   * code (AUTHORITY_ONS_CODE), for SSDA903's in or out of area; the demo authority's outside
   * production, none in production until set. authorityLaNumber: the DfE's three-digit number
   * for the authority (AUTHORITY_LA_NUMBER), the LEA in the CIN census header Haven writes; the
   * demo authority's (883) outside production.
   */
  returns: {
    uploadDir: string
    maxFileMegabytes: number
    keepDays: number
    authorityOnsCode: string | null
    authorityLaNumber: string | null
  }
  /**
   * Documents kept on children's records (platform/documents). dir: where their files are kept
   * under opaque names (DOCUMENT_DIR; by default `documents` in the data directory, or the
   * system's temporary directory for an in-memory database; every server must see the same
   * folder). maxMegabytes: the largest file taken (DOCUMENT_MAX_MB; 25). scanCommand: the virus
   * scanner run on every file before it is kept, as its words, the file's path added last
   * (DOCUMENT_SCAN_COMMAND, e.g. `clamdscan --no-summary --fdpass`: exit 0 clean, 1 infected,
   * anything else a failed scan); null when unset, and documents then say "not scanned".
   */
  documents: { dir: string; maxMegabytes: number; scanCommand: string[] | null }
}

export interface SsoConfig {
  /** The provider's issuer identifier; its discovery document is read from here. */
  issuerUrl: string
  clientId: string
  /** Absent for a public client, which then relies on PKCE alone. */
  clientSecret: string | undefined
  /** How the sign-in page names the provider: "Sign in with …". */
  displayName: string
  /** The ID token claim holding the person's groups (Entra ID: `groups`). */
  groupsClaim: string
  scopes: string
  /** Where the provider sends people back: PUBLIC_URL + /sign-in/sso/callback. */
  redirectUrl: string
  /** Where the provider sends people after signing out there: PUBLIC_URL + /signed-out. */
  postLogoutRedirectUrl: string
  /** Plain http to the provider, allowed only for a provider on this machine outside production. */
  allowHttp: boolean
}

type Env = Record<string, string | undefined>

function ssoConfig(env: Env, publicUrl: string, production: boolean): SsoConfig | null {
  const issuer = env.OIDC_ISSUER_URL?.trim()
  if (!issuer) return null
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    throw new Error(`OIDC_ISSUER_URL must be a web address, got "${issuer}"`)
  }
  const clientId = env.OIDC_CLIENT_ID?.trim()
  if (!clientId) throw new Error('OIDC_CLIENT_ID is required when OIDC_ISSUER_URL is set')
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && (production || !loopback || url.protocol !== 'http:')) {
    throw new Error('OIDC_ISSUER_URL must use https (plain http only for a test provider on this machine)')
  }
  const base = publicUrl.replace(/\/+$/, '')
  return {
    issuerUrl: issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    displayName: env.OIDC_DISPLAY_NAME?.trim() || 'your organisation’s account',
    groupsClaim: env.OIDC_GROUPS_CLAIM?.trim() || 'groups',
    scopes: env.OIDC_SCOPES?.trim() || 'openid profile email',
    redirectUrl: `${base}/sign-in/sso/callback`,
    postLogoutRedirectUrl: `${base}/signed-out`,
    allowHttp: url.protocol === 'http:',
  }
}

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

function workingHours(env: Env): WorkingHours {
  const hours = {
    opensAt: env.WORKING_DAY_OPENS?.trim() || DEFAULT_WORKING_HOURS.opensAt,
    closesAt: env.WORKING_DAY_CLOSES?.trim() || DEFAULT_WORKING_HOURS.closesAt,
  }
  try {
    return checkWorkingHours(hours)
  } catch (err) {
    throw new Error(
      `WORKING_DAY_OPENS and WORKING_DAY_CLOSES must be times like 09:00 and 17:00, opening first: ${(err as Error).message}`,
    )
  }
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
  if (production && !env.DRAFT_KEY) throw new Error('DRAFT_KEY is required in production')
  const dataDirSetting = env.HAVEN_DATA_DIR ?? 'data'
  const dataDir = dataDirSetting.startsWith('memory://') ? dataDirSetting : path.resolve(dataDirSetting)
  const checkpointFile = env.AUDIT_CHECKPOINT_FILE
    ? path.resolve(env.AUDIT_CHECKPOINT_FILE)
    : databaseUrl || dataDir.startsWith('memory://')
      ? undefined
      : path.join(dataDir, 'audit-checkpoints.log')
  const port = int(env, 'PORT', 3000)
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`
  return {
    environment,
    environmentName:
      env.HAVEN_ENVIRONMENT_NAME ?? (production ? '' : environment === 'test' ? 'Test' : 'Demo'),
    version: env.npm_package_version ?? '0.1.0',
    commit: currentCommit(env),
    http: {
      port,
      host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      publicUrl,
      trustedProxies: proxyList(env, 'TRUSTED_PROXIES'),
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
      warningSeconds: int(env, 'SESSION_WARNING_SECONDS', 120),
      secureCookie: production,
    },
    audit: {
      hmacKey: env.AUDIT_HMAC_KEY || undefined,
      sealEverySeconds: int(env, 'AUDIT_SEAL_SECONDS', 5),
      checkpointFile,
    },
    drafts: { key: env.DRAFT_KEY || undefined, keepDays: int(env, 'DRAFT_KEEP_DAYS', 14) },
    sso: ssoConfig(env, publicUrl, production),
    features: {
      seedDemoOnFirstRun: env.HAVEN_SEED_DEMO !== 'false',
      demoChildren: int(env, 'HAVEN_DEMO_CHILDREN', environment === 'test' ? 0 : 42_000),
    },
    clocks: {
      workingHours: workingHours(env),
      referrerFeedbackWorkingDays: int(env, 'REFERRER_FEEDBACK_WORKING_DAYS', 3),
    },
    returns: {
      uploadDir: env.RETURN_UPLOAD_DIR
        ? path.resolve(env.RETURN_UPLOAD_DIR)
        : dataDir.startsWith('memory://')
          ? path.join(os.tmpdir(), `haven-uploads-${process.pid}`)
          : path.join(dataDir, 'uploads'),
      maxFileMegabytes: Math.max(1, int(env, 'RETURN_UPLOAD_MAX_MB', 200)),
      keepDays: Math.max(1, int(env, 'RETURN_UPLOAD_KEEP_DAYS', 14)),
      authorityOnsCode: onsCode(env, production),
      authorityLaNumber: laNumber(env, production),
    },
    documents: {
      dir: env.DOCUMENT_DIR
        ? path.resolve(env.DOCUMENT_DIR)
        : dataDir.startsWith('memory://')
          ? path.join(os.tmpdir(), `haven-documents-${process.pid}`)
          : path.join(dataDir, 'documents'),
      maxMegabytes: Math.max(1, int(env, 'DOCUMENT_MAX_MB', 25)),
      scanCommand: scanCommand(env.DOCUMENT_SCAN_COMMAND),
    },
  }
}

/** The scanner's command as its words (run without a shell), or null when none is set. */
function scanCommand(raw: string | undefined): string[] | null {
  const words = (raw ?? '').trim().split(/\s+/).filter(Boolean)
  return words.length ? words : null
}

/** The authority's ONS code: E, W, S or N and eight digits. The demo authority's outside production. */
function laNumber(env: Env, production: boolean): string | null {
  const raw = env.AUTHORITY_LA_NUMBER?.trim()
  if (!raw) return production ? null : '883'
  if (!/^\d{3}$/.test(raw))
    throw new Error(
      `AUTHORITY_LA_NUMBER must be the DfE's three-digit authority number such as 883, got "${raw}"`,
    )
  return raw
}

function onsCode(env: Env, production: boolean): string | null {
  const raw = env.AUTHORITY_ONS_CODE?.trim()
  if (!raw) return production ? null : 'E06000034'
  if (!/^[ENSW]\d{8}$/.test(raw))
    throw new Error(`AUTHORITY_ONS_CODE must be an ONS code such as E06000034, got "${raw}"`)
  return raw
}

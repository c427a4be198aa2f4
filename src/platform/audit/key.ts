/**
 * The key that seals the audit chain. Whoever holds it can re-seal a tampered trail, so in
 * production it comes from AUDIT_HMAC_KEY (kept out of the database and its backups). The
 * embedded demo database gets a random key of its own beside it; a development PostgreSQL server
 * without one gets a fixed, public development key and a warning.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const KEY_FILE = 'audit-hmac.key'

/** Public, so a trail sealed with it proves nothing: for development servers only. */
export const DEVELOPMENT_KEY = 'haven-development-audit-key: not secret, never use in production'

const MIN_PRODUCTION_KEY_LENGTH = 32

export interface AuditKeyConfig {
  audit: { hmacKey: string | undefined }
  database: { url: string | undefined; dataDir: string }
  environment: string
}

let warned = false

export function resolveAuditKey(
  config: AuditKeyConfig,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string {
  const production = config.environment === 'production'
  const configured = config.audit.hmacKey
  if (configured) {
    if (production && configured.length < MIN_PRODUCTION_KEY_LENGTH) {
      throw new Error(`AUDIT_HMAC_KEY must be at least ${MIN_PRODUCTION_KEY_LENGTH} characters in production`)
    }
    return configured
  }
  if (production) throw new Error('AUDIT_HMAC_KEY is required in production')
  const { url, dataDir } = config.database
  if (!url && !dataDir.startsWith('memory://')) return embeddedKey(dataDir)
  if (!warned) {
    warned = true
    warn('haven: AUDIT_HMAC_KEY is not set: sealing the audit trail with the public development key')
  }
  return DEVELOPMENT_KEY
}

/** The embedded database's own key, created on first use and readable only by its owner. */
function embeddedKey(dataDir: string): string {
  const file = path.join(dataDir, KEY_FILE)
  try {
    return readKey(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  fs.mkdirSync(dataDir, { recursive: true })
  try {
    // 'wx': if another process created it first, use theirs.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  return readKey(file)
}

function readKey(file: string): string {
  const key = fs.readFileSync(file, 'utf8').trim()
  if (key.length < MIN_PRODUCTION_KEY_LENGTH) {
    throw new Error(`The audit key in ${file} is empty or too short: restore it from a backup`)
  }
  return key
}

/**
 * Keys Haven holds outside its database (the audit chain's, the drafts'). In production each
 * comes from its environment variable and must be long enough. The embedded demo database gets a
 * random key of its own in a file beside it, readable only by its owner; a development PostgreSQL
 * server without one gets a fixed, public development value and one warning.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export interface SecretKey {
  /** The environment variable that gives the key. */
  variable: string
  /** The key file's name in the embedded database's data directory. */
  file: string
  /** Public, so it protects nothing: for development servers only. */
  developmentValue: string
  /** What a development server falls back to, for the warning ("sealing the audit trail"). */
  fallbackUse: string
}

export interface SecretKeyConfig {
  database: { url: string | undefined; dataDir: string }
  environment: string
}

export const MIN_PRODUCTION_KEY_LENGTH = 32

const warned = new Set<string>()

/** The key named by `spec`: `configured` (the variable's value) or the fallbacks above. */
export function resolveSecretKey(
  spec: SecretKey,
  configured: string | undefined,
  config: SecretKeyConfig,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string {
  const production = config.environment === 'production'
  if (configured) {
    if (production && configured.length < MIN_PRODUCTION_KEY_LENGTH) {
      throw new Error(
        `${spec.variable} must be at least ${MIN_PRODUCTION_KEY_LENGTH} characters in production`,
      )
    }
    return configured
  }
  if (production) throw new Error(`${spec.variable} is required in production`)
  const { url, dataDir } = config.database
  if (!url && !dataDir.startsWith('memory://')) return embeddedKey(path.join(dataDir, spec.file), dataDir)
  if (!warned.has(spec.variable)) {
    warned.add(spec.variable)
    warn(`haven: ${spec.variable} is not set: ${spec.fallbackUse} with the public development key`)
  }
  return spec.developmentValue
}

/** The embedded database's own key, created on first use and readable only by its owner. */
function embeddedKey(file: string, dataDir: string): string {
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
    throw new Error(`The key in ${file} is empty or too short: restore it from a backup`)
  }
  return key
}

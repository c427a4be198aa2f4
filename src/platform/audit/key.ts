/**
 * The key that seals the audit chain. Whoever holds it can re-seal a tampered trail, so in
 * production it comes from AUDIT_HMAC_KEY (kept out of the database and its backups); elsewhere
 * the fallbacks of secret-keys.ts apply.
 */
import { resolveSecretKey, type SecretKeyConfig } from '../secret-keys.js'

export const KEY_FILE = 'audit-hmac.key'

/** Public, so a trail sealed with it proves nothing: for development servers only. */
export const DEVELOPMENT_KEY = 'haven-development-audit-key: not secret, never use in production'

export interface AuditKeyConfig extends SecretKeyConfig {
  audit: { hmacKey: string | undefined }
}

export function resolveAuditKey(config: AuditKeyConfig, warn?: (line: string) => void): string {
  return resolveSecretKey(
    {
      variable: 'AUDIT_HMAC_KEY',
      file: KEY_FILE,
      developmentValue: DEVELOPMENT_KEY,
      fallbackUse: 'sealing the audit trail',
    },
    config.audit.hmacKey,
    config,
    warn,
  )
}

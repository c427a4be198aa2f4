/** What the server and every `haven` command say about the audit trail's safety when opening the database. */
import type { Config } from '../config.js'
import type { OpenDatabase } from '../db/database.js'

/**
 * What a production operator must hear about the audit trail's safety: that the application's
 * database role could rewrite it, and that no checkpoint leaves the database. Empty elsewhere.
 */
export function auditSafetyWarnings(
  config: Pick<Config, 'environment' | 'audit'>,
  database: Pick<OpenDatabase, 'canRewriteAudit'>,
): string[] {
  if (config.environment !== 'production') return []
  const lines: string[] = []
  if (database.canRewriteAudit) {
    lines.push(
      'haven: WARNING: the application connects to the database as a role that owns the audit tables (or is a ' +
        'superuser), so anyone holding DATABASE_URL can switch off their triggers and rewrite the audit trail. ' +
        'Set DATABASE_MIGRATION_URL to the owner role and DATABASE_URL to a role that owns nothing ' +
        '(docs/adr/0004-audit-two-database-roles.md).',
    )
  }
  if (!config.audit.checkpointFile) {
    lines.push(
      'haven: WARNING: AUDIT_CHECKPOINT_FILE is not set, so no checkpoint of the audit chain is kept outside the ' +
        'database and a cut-off end of the trail would go unnoticed by "haven audit verify".',
    )
  }
  return lines
}

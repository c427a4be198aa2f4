/**
 * `haven audit seal` links the events written since the last run into the hash chain;
 * `haven audit verify` walks the chain and lists anything altered, removed or re-ordered.
 * Verify exits 0 when the trail is intact and 1 when it is not, so a scheduled job can alert.
 */
import { parseArgs } from 'node:util'
import {
  resolveAuditKey,
  sealAudit,
  verifyAudit,
  type AuditVerification,
} from '../../platform/audit/audit.js'
import { loadConfig } from '../../platform/config.js'
import { CliError } from '../cli-error.js'
import { withDatabase } from '../with-database.js'
import type { Command } from '../haven.js'

const USAGE = [
  'Usage: haven audit seal',
  '       haven audit verify [--checkpoint SEQ:HASH]',
  '',
  '  --checkpoint  a "last seal" printed by an earlier verify: the chain must still hold it unchanged',
].join('\n')

/** `SEQ:HASH`, as verify prints it. */
export function parseCheckpoint(text: string): { seq: number; hash: string } {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim())
  if (!m || Number(m[1]) < 1)
    throw new CliError(`--checkpoint must be SEQ:HASH as verify prints it, got "${text}"`)
  return { seq: Number(m[1]), hash: m[2] ?? '' }
}

export function describeVerification(v: AuditVerification): string[] {
  const unsealed = v.unsealed === 1 ? '1 not yet sealed' : `${v.unsealed} not yet sealed`
  const head = v.head
    ? [`Last seal: ${v.head.seq}:${v.head.hash} (keep it; check against it with --checkpoint)`]
    : []
  if (v.ok) return [`Audit trail intact: ${v.checked} sealed events checked, ${unsealed}.`, ...head]
  return [
    `Audit trail NOT intact: ${v.problems.length} problem(s) in ${v.checked} sealed events (${unsealed}):`,
    ...v.problems.map((p) => {
      const where = [
        p.seq !== null ? `seal ${p.seq}` : null,
        p.eventId !== null ? `event ${p.eventId}` : null,
      ]
        .filter(Boolean)
        .join(', ')
      return `  ${where || 'trail'}: ${p.problem}`
    }),
    ...head,
  ]
}

export const command: Command = {
  summary: 'seal the audit trail, or verify nobody has altered it (seal | verify)',
  async run(args) {
    const [sub, ...rest] = args
    if (sub !== 'seal' && sub !== 'verify') throw new CliError(USAGE)
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: { checkpoint: { type: 'string' } },
    })
    if (sub === 'seal' && values.checkpoint !== undefined) throw new CliError(USAGE)
    const checkpoint = values.checkpoint === undefined ? undefined : parseCheckpoint(values.checkpoint)

    const config = loadConfig()
    const key = resolveAuditKey(config)
    return withDatabase(
      async (database) => {
        if (sub === 'seal') {
          const { sealed } = await sealAudit(database.db, key)
          console.log(sealed === 1 ? 'Sealed 1 audit event.' : `Sealed ${sealed} audit events.`)
          return 0
        }
        const verification = await verifyAudit(database.db, key, checkpoint ? { checkpoint } : {})
        for (const line of describeVerification(verification)) console.log(line)
        return verification.ok ? 0 : 1
      },
      { seedDemo: false, config },
    )
  },
}

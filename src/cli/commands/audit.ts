/**
 * `haven audit seal` links the events written since the last run into the hash chain and appends
 * the chain's new end to the checkpoint file (AUDIT_CHECKPOINT_FILE); `haven audit verify` walks
 * the chain, lists anything altered, removed or re-ordered, and holds the chain's end to the
 * latest checkpoint in that file, so a cut-off end is found without `--checkpoint`.
 * Verify exits 0 when the trail is intact and 1 when it is not, so a scheduled job can alert.
 */
import { parseArgs } from 'node:util'
import {
  resolveAuditKey,
  sealAudit,
  verifyAuditTrail,
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
  '',
  'Both also use the checkpoint file, AUDIT_CHECKPOINT_FILE (by default audit-checkpoints.log beside',
  'the embedded database): seal appends to it, verify checks the end of the chain against it.',
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
  const file = describeCheckpointFile(v)
  if (v.ok) return [`Audit trail intact: ${v.checked} sealed events checked, ${unsealed}.`, ...file, ...head]
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
    ...file,
    ...head,
  ]
}

function describeCheckpointFile(v: AuditVerification): string[] {
  if (v.checkpointFile === undefined) return []
  if (v.checkpointFile === null) {
    return [
      'No checkpoint file is configured (AUDIT_CHECKPOINT_FILE): a cut-off end of the chain would not be noticed.',
    ]
  }
  const { path, checkpoint, problem } = v.checkpointFile
  if (checkpoint)
    return [
      `Checked against ${path}: its latest checkpoint is seal ${checkpoint.seq}, written ${checkpoint.at}.`,
    ]
  if (problem) return []
  return [`The checkpoint file ${path} has no checkpoint yet: nothing has been sealed.`]
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
          const { sealed } = await sealAudit(database.db, key, {
            checkpointFile: config.audit.checkpointFile,
          })
          console.log(sealed === 1 ? 'Sealed 1 audit event.' : `Sealed ${sealed} audit events.`)
          return 0
        }
        const verification = await verifyAuditTrail(database.db, key, {
          checkpointFile: config.audit.checkpointFile,
          ...(checkpoint ? { checkpoint: { ...checkpoint, source: 'given with --checkpoint' } } : {}),
        })
        for (const line of describeVerification(verification)) console.log(line)
        return verification.ok ? 0 : 1
      },
      { seedDemo: false, config },
    )
  },
}

import { describe, expect, it } from 'vitest'
import { CliError } from '../cli-error.js'
import { describeVerification, parseCheckpoint } from './audit.js'

const HASH = 'ab'.repeat(32)

describe('parseCheckpoint', () => {
  it('reads the last seal as verify prints it', () => {
    expect(parseCheckpoint(`120:${HASH}`)).toEqual({ seq: 120, hash: HASH })
  })

  it.each(['120', `0:${HASH}`, `x:${HASH}`, '120:abc', `120:${HASH.toUpperCase()}`])(
    'refuses "%s"',
    (text) => {
      expect(() => parseCheckpoint(text)).toThrow(CliError)
    },
  )
})

describe('describeVerification', () => {
  it('says an intact trail is intact and gives its last seal', () => {
    const lines = describeVerification({
      ok: true,
      checked: 3,
      unsealed: 1,
      problems: [],
      head: { seq: 3, eventId: 3, hash: HASH },
    })
    expect(lines).toEqual([
      'Audit trail intact: 3 sealed events checked, 1 not yet sealed.',
      `Last seal: 3:${HASH} (keep it; check against it with --checkpoint)`,
    ])
  })

  it('lists each problem with its seal and event', () => {
    const lines = describeVerification({
      ok: false,
      checked: 4,
      unsealed: 1,
      problems: [
        { seq: 2, eventId: 2, problem: 'event 2 does not match its seal' },
        { seq: 4, eventId: null, problem: 'seal 4 is missing' },
        { seq: null, eventId: 4, problem: 'event 4 has no seal' },
      ],
      head: null,
    })
    expect(lines).toEqual([
      'Audit trail NOT intact: 3 problem(s) in 4 sealed events (1 not yet sealed):',
      '  seal 2, event 2: event 2 does not match its seal',
      '  seal 4: seal 4 is missing',
      '  event 4: event 4 has no seal',
    ])
  })

  const intact = { ok: true, checked: 3, unsealed: 0, problems: [], head: null }

  it('says which checkpoint file the end of the chain was held to', () => {
    const lines = describeVerification({
      ...intact,
      checkpointFile: {
        path: '/var/log/haven/audit-checkpoints.log',
        checkpoint: { seq: 3, eventId: 3, hash: HASH, at: '2026-03-05T10:00:00.000Z' },
        problem: null,
      },
    })
    expect(lines[1]).toBe(
      'Checked against /var/log/haven/audit-checkpoints.log: its latest checkpoint is seal 3, written 2026-03-05T10:00:00.000Z.',
    )
  })

  it('says when no checkpoint file is configured, or it has none yet', () => {
    expect(describeVerification({ ...intact, checkpointFile: null })[1]).toMatch(
      /No checkpoint file is configured \(AUDIT_CHECKPOINT_FILE\)/,
    )
    expect(
      describeVerification({
        ...intact,
        checked: 0,
        checkpointFile: { path: '/x', checkpoint: null, problem: null },
      })[1],
    ).toBe('The checkpoint file /x has no checkpoint yet: nothing has been sealed.')
  })
})

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
})

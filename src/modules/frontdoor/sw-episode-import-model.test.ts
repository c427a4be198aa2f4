import { describe, expect, it } from 'vitest'
import {
  derivedSwReason,
  planSocialWorkerEpisodes,
  type HeldWorkerGrant,
  type ImportedSwEpisode,
  type SwAccount,
} from './sw-episode-import-model.js'

const accounts = new Map<string, SwAccount>([
  ['SW10001', { id: 1, disabled: false }],
  ['SW10002', { id: 2, disabled: false }],
  ['SW10003', { id: 3, disabled: true }],
])

const row = (over: Partial<ImportedSwEpisode> = {}): ImportedSwEpisode => ({
  workerId: 'SW10001',
  start: '2025-06-02',
  end: null,
  reason: 'FCONTA',
  ...over,
})

/** A grant Haven holds, given and revoked at London midnight of the days given. */
const held = (userId: number, from: string, to: string | null): HeldWorkerGrant => ({
  userId,
  grantedAt: new Date(`${from}T00:00:00+01:00`),
  revokedAt: to === null ? null : new Date(`${to}T00:00:00+01:00`),
})

describe('a return’s social worker episodes as allocated-worker grants', () => {
  it('grants from London midnight of SW_DECOM to London midnight of SW_DEC, an open episode open', () => {
    const plan = planSocialWorkerEpisodes(
      [row({ workerId: 'sw10002 ', start: '2025-09-01', reason: 'LEFTRL' }), row({ end: '2025-09-01' })],
      accounts,
      [],
    )
    expect(plan).toEqual({
      outcome: 'grant',
      grants: [
        {
          userId: 1,
          registration: 'SW10001',
          start: '2025-06-02',
          end: '2025-09-01',
          grantedAt: new Date('2025-06-01T23:00:00Z'),
          revokedAt: new Date('2025-08-31T23:00:00Z'),
          swReason: null,
        },
        {
          userId: 2,
          registration: 'SW10002',
          start: '2025-09-01',
          end: null,
          grantedAt: new Date('2025-08-31T23:00:00Z'),
          revokedAt: null,
          swReason: 'LEFTRL',
        },
      ],
    })
  })

  it.each([
    ['FCONTA for a first worker: the view gives it', [row()], [], [null]],
    ['another reason for a first worker', [row({ reason: 'TSPROC' })], [], ['TSPROC']],
    [
      'FCONTA for a worker taking over the day the last left: the view gives none',
      [row({ end: '2025-09-01' }), row({ workerId: 'SW10002', start: '2025-09-01', reason: 'FCONTA' })],
      [],
      [null, 'FCONTA'],
    ],
    [
      'a blank reason for a change of worker: the view gives none either',
      [row({ end: '2025-09-01' }), row({ workerId: 'SW10002', start: '2025-09-01', reason: null })],
      [],
      [null, null],
    ],
    [
      'FCONTA after a gap with no worker',
      [row({ end: '2025-08-01' }), row({ workerId: 'SW10002', start: '2025-09-01' })],
      [],
      [null, null],
    ],
    [
      'a change from a worker Haven already held before the return’s first episode',
      [row({ start: '2025-09-01', reason: 'MANAGE' })],
      [held(2, '2025-01-01', '2025-09-01')],
      ['MANAGE'],
    ],
  ])('records the reason only where the view would not give it: %s', (_, rows, grants, reasons) => {
    const plan = planSocialWorkerEpisodes(rows, accounts, grants)
    expect(plan.outcome === 'grant' && plan.grants.map((g) => g.swReason)).toEqual(reasons)
  })

  it.each([
    [
      'an SW_ID the old system knew no number for',
      [row({ workerId: 'XX123' })],
      [],
      /SW_ID XX123 .* registration/,
    ],
    ['an SW_ID with no Haven account', [row({ workerId: 'SW99999' })], [], /no Haven account .* SW99999/],
    ['an episode ending the day it starts', [row({ end: '2025-06-02' })], [], /ends the day it starts/],
    ['an episode ending before it starts', [row({ end: '2025-06-01' })], [], /ends before it starts/],
    ['a reason that is not a DfE code', [row({ reason: 'BORED' })], [], /SW_REASON BORED .* not a DfE code/],
    ['a blank reason for a first worker', [row({ reason: null })], [], /blank .* Haven gives it FCONTA/],
    ['an open episode for a disabled account', [row({ workerId: 'SW10003' })], [], /disabled account/],
    [
      'an episode overlapping an allocation Haven holds',
      [row({ end: '2025-09-01' })],
      [held(2, '2025-08-01', null)],
      /already allocates the child .* from 02\/06\/2025/,
    ],
    [
      'the same grants held, and one more episode',
      [row({ end: '2025-09-01' }), row({ workerId: 'SW10002', start: '2025-09-01', reason: 'LEFTRL' })],
      [held(1, '2025-06-02', '2025-09-01')],
      /already allocates/,
    ],
  ])('refuses the child’s episodes for %s', (_, rows, grants, reason) => {
    const plan = planSocialWorkerEpisodes(rows, accounts, grants)
    expect(plan.outcome).toBe('refused')
    expect(plan.outcome === 'refused' && plan.reason).toMatch(/^SWEpisodes: /)
    expect(plan.outcome === 'refused' && plan.reason).toMatch(reason)
  })

  it('takes an ended disabled worker’s episode, and one beside an allocation that ended as it began', () => {
    const plan = planSocialWorkerEpisodes(
      [row({ workerId: 'SW10003', end: '2025-09-01', reason: 'MANAGE' })],
      accounts,
      [held(2, '2025-01-01', '2025-06-02')],
    )
    expect(plan.outcome === 'grant' && plan.grants.map((g) => [g.userId, g.swReason])).toEqual([
      [3, 'MANAGE'],
    ])
  })

  it('is unchanged when Haven holds every episode as exactly its grant (the same return again)', () => {
    const rows = [
      row({ end: '2025-09-01' }),
      row({ workerId: 'SW10002', start: '2025-09-01', reason: 'LEFTRL' }),
    ]
    const grants = [held(1, '2025-06-02', '2025-09-01'), held(2, '2025-09-01', null)]
    expect(planSocialWorkerEpisodes(rows, accounts, grants)).toEqual({ outcome: 'unchanged' })
    // An open grant revoked since is no longer the same grant.
    expect(
      planSocialWorkerEpisodes(rows, accounts, [
        grants[0] as HeldWorkerGrant,
        held(2, '2025-09-01', '2026-01-05'),
      ]).outcome,
    ).toBe('refused')
  })

  it('gives no grants for no episodes', () => {
    expect(planSocialWorkerEpisodes([], accounts, [held(1, '2025-01-01', null)])).toEqual({
      outcome: 'grant',
      grants: [],
    })
  })
})

describe('SW_REASON as the view works it out', () => {
  const at = (d: string) => new Date(`${d}T00:00:00+01:00`)
  it.each([
    ['no other grant', [], 'FCONTA'],
    ['another given earlier and still live', [{ grantedAt: at('2025-01-01'), revokedAt: null }], null],
    [
      'another revoked the moment this was given',
      [{ grantedAt: at('2025-01-01'), revokedAt: at('2025-06-02') }],
      null,
    ],
    [
      'another revoked the day before',
      [{ grantedAt: at('2025-01-01'), revokedAt: at('2025-06-01') }],
      'FCONTA',
    ],
    ['another given the same moment', [{ grantedAt: at('2025-06-02'), revokedAt: null }], null],
    ['another given later', [{ grantedAt: at('2025-06-03'), revokedAt: null }], 'FCONTA'],
  ])('%s', (_, others, reason) => {
    expect(derivedSwReason({ grantedAt: at('2025-06-02') }, others)).toBe(reason)
  })
})

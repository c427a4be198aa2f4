import { describe, expect, it } from 'vitest'
import type { ChildState, Segment } from './load-batch.js'
import { oneHolderAtATime } from './load-referrals.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Monday 30 March 2026 at midnight (UTC); times below are hours after it.
const D = Date.parse('2026-03-30T00:00:00Z')
const worker = (userId: number, from: number, to: number, teamId = 60): Segment => ({
  from,
  to,
  userId,
  teamId,
  closedBy: 'transfer',
})
const waiting = (from: number, to: number, teamId = 58): Segment => ({
  from,
  to,
  userId: null,
  teamId,
  closedBy: 'closure',
})
const holders = (segments: Segment[]) => {
  const state = { personId: 1, child: {}, segments } as unknown as ChildState
  oneHolderAtATime(state)
  return state.segments.map((s) => [s.userId, s.teamId, s.from, s.to, s.closedBy])
}

describe('one holder of a child’s case at a time', () => {
  it('keeps a child who came into care with their worker when a referral about them then waits for allocation', () => {
    // Care began at 09:28 with worker 535; a referral made at 11:33 the same day waits in team 58's queue.
    expect(holders([worker(535, D + 9.5 * HOUR, Infinity), waiting(D + 11.5 * HOUR, Infinity)])).toEqual([
      [535, 60, D + 9.5 * HOUR, Infinity, 'transfer'],
    ])
  })

  it('gives a waiting referral the time no worker holds the child, before and after', () => {
    expect(
      holders([
        waiting(D, Infinity),
        worker(535, D + 2 * DAY, D + 10 * DAY),
        worker(536, D + 20 * DAY, D + 30 * DAY),
      ]),
    ).toEqual([
      [null, 58, D, D + 2 * DAY, 'transfer'],
      [535, 60, D + 2 * DAY, D + 10 * DAY, 'transfer'],
      [null, 58, D + 10 * DAY, D + 20 * DAY, 'transfer'],
      [536, 60, D + 20 * DAY, D + 30 * DAY, 'transfer'],
      [null, 58, D + 30 * DAY, Infinity, 'closure'],
    ])
  })

  it('ends each worker’s allocation when the next worker’s begins, and joins one worker’s overlapping spells', () => {
    expect(
      holders([
        worker(535, D, D + 10 * DAY),
        worker(535, D + 5 * DAY, D + 12 * DAY),
        worker(536, D + 11 * DAY, Infinity, 61),
      ]),
    ).toEqual([
      [535, 60, D, D + 11 * DAY, 'transfer'],
      [536, 61, D + 11 * DAY, Infinity, 'transfer'],
    ])
  })
})

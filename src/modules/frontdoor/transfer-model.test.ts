import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import {
  needsTransferInConference,
  TRANSFER_IN_CONFERENCE_CLOCK,
  transferInSchema,
} from './transfer-model.js'

/** The transfer-in conference clock for a notification at `notifiedAt`, as the engine runs it. */
function conference(notifiedAt: string, held?: string, previousStatus = 'cp_plan') {
  const event = (id: number, type: string, occurredAt: string) => ({
    id,
    childId: 7,
    subjectType: 'transfer_in',
    subjectId: 3,
    type,
    occurredAt,
    attributes: { previousStatus },
  })
  const events = [event(1, 'transfer_in.notified', notifiedAt)]
  if (held) events.push(event(2, 'transfer_in.conference_held', held))
  const { instances } = evaluateClocks(STATUTORY_CLOCKS, events, '2026-08-20T12:00:00Z', englandAndWales)
  return instances.filter((i) => i.code === TRANSFER_IN_CONFERENCE_CLOCK)
}

describe('the transfer-in conference clock', () => {
  it('is due at the end of the 15th working day after notification, counting past the August bank holiday', () => {
    // Notified Thursday 20 August 2026. Working days: 21, 24–28 August (6), Monday 31 August is the
    // summer bank holiday, 1–4 September (10), 7–11 September (15): due by the end of Friday
    // 11 September, in BST.
    const [clock] = conference(londonInstant('2026-08-20', '09:00').toISOString())
    expect(clock?.dueAt).toBe('2026-09-11T22:59:59.999Z')
    expect(clock?.title).toBe('Transfer-in child protection conference held')
  })

  it('counts past Christmas, Boxing Day moved to Monday and New Year’s Day', () => {
    // Notified Thursday 17 December 2026: 18, 21–24 December (5), 25 and 28 December are bank
    // holidays, 29–31 December (8), 1 January is one, 4–8 January (13), 11 and 12 January (15).
    const [clock] = conference(londonInstant('2026-12-17', '09:00').toISOString())
    expect(clock?.dueAt).toBe('2027-01-12T23:59:59.999Z')
  })

  it('stops when the conference is held', () => {
    const [clock] = conference('2026-08-20T08:00:00Z', '2026-09-03T09:00:00Z')
    expect(clock?.stoppedAt).toBe('2026-09-03T09:00:00.000Z')
  })

  it('does not run for a child who was looked after or in need there', () => {
    expect(conference('2026-08-20T08:00:00Z', undefined, 'looked_after')).toEqual([])
    expect(conference('2026-08-20T08:00:00Z', undefined, 'cin')).toEqual([])
  })

  it('is only for a child on a child protection plan in the previous authority', () => {
    expect(needsTransferInConference('cp_plan')).toBe(true)
    expect(needsTransferInConference('looked_after')).toBe(false)
    expect(needsTransferInConference('cin')).toBe(false)
    expect(needsTransferInConference('none')).toBe(false)
  })
})

describe('the transfer-in form', () => {
  const schema = transferInSchema('2026-08-20')
  const valid = {
    previousAuthority: 'Essex County Council',
    previousStatus: 'cp_plan',
    'notified-day': '19',
    'notified-month': '8',
    'notified-year': '2026',
    documents: ['cp_plan', 'chronology'],
  }

  it('takes the authority, status, notification date and documents', () => {
    const parsed = schema.safeParse(valid)
    expect(parsed.success && parsed.data).toMatchObject({
      previousAuthority: 'Essex County Council',
      previousStatus: 'cp_plan',
      notifiedOn: '2026-08-19',
      receivedOn: null,
      documents: ['cp_plan', 'chronology'],
    })
  })

  it('refuses a missing authority, an unknown status and a notification in the future', () => {
    const parsed = schema.safeParse({
      ...valid,
      previousAuthority: ' ',
      previousStatus: 'x',
      'notified-day': '21',
    })
    expect(parsed.success).toBe(false)
    const messages = parsed.error?.issues.map((i) => i.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        'Enter the authority the child is moving from',
        'Select what the child was to the previous authority',
        'The date the previous authority told us must be today or in the past',
      ]),
    )
  })
})

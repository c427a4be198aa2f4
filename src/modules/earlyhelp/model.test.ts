import { describe, expect, it } from 'vitest'
import clockFile from '../../../reference/clock-definitions.json' with { type: 'json' }
import { englandAndWales } from '../../platform/calendar/working-days.js'
import {
  alertsFor,
  ASSESSMENT_CLOCK,
  leadMissedMeetings,
  movement,
  nextMeetingDueOn,
  noRecentMeeting,
  recordDueOn,
  rightsOn,
  sessionCounts,
  SETTINGS,
  TAF_MEETING_CLOCK,
  unrecordedMeetings,
  type MeetingFacts,
} from './model.js'

const held = (
  id: number,
  heldOn: string,
  lead: MeetingFacts['leadAttendance'],
  recorded = true,
): MeetingFacts => ({
  id,
  heldOn,
  recordedAt: recorded ? new Date(`${heldOn}T15:00:00Z`) : null,
  leadAttendance: lead,
})

describe('the settings and the clocks', () => {
  it('keeps the clocks equal to the settings', () => {
    const defs = clockFile.definitions as { code: string; length: number; unit: string }[]
    expect(defs.find((d) => d.code === ASSESSMENT_CLOCK)).toMatchObject({
      length: SETTINGS.assessmentWorkingDays,
      unit: 'working_days',
    })
    expect(defs.find((d) => d.code === TAF_MEETING_CLOCK)).toMatchObject({
      length: SETTINGS.tafMeetingWeeks,
      unit: 'weeks',
    })
  })
})

describe('the lead professional missing meetings', () => {
  it('alerts when the lead did not attend the last recorded meeting, not an earlier one', () => {
    expect(leadMissedMeetings([held(1, '2026-11-02', 'did_not_attend')])?.code).toBe('lead_did_not_attend')
    expect(
      leadMissedMeetings([held(1, '2026-11-02', 'did_not_attend'), held(2, '2026-11-16', 'attended')]),
    ).toBeNull()
  })
  it('alerts on apologies at two meetings in a row, not at one', () => {
    expect(leadMissedMeetings([held(1, '2026-11-02', 'apologies')], 2)).toBeNull()
    expect(
      leadMissedMeetings([held(1, '2026-11-02', 'apologies'), held(2, '2026-11-16', 'apologies')], 2)?.code,
    ).toBe('lead_apologies')
    expect(
      leadMissedMeetings(
        [
          held(1, '2026-11-02', 'apologies'),
          held(2, '2026-11-09', 'attended'),
          held(3, '2026-11-16', 'apologies'),
        ],
        2,
      ),
    ).toBeNull()
  })
  it('ignores a meeting with nothing recorded', () => {
    expect(
      leadMissedMeetings([held(1, '2026-11-02', 'attended'), held(2, '2026-11-16', null, false)]),
    ).toBeNull()
  })
})

describe('a meeting held with nothing recorded', () => {
  // Held Friday 18 December 2026: 5 working days over Christmas (25, 28 December bank holidays).
  it('is due by the fifth working day after, and alerts only the day after that', () => {
    expect(recordDueOn('2026-12-18', englandAndWales, 5)).toBe('2026-12-29')
    const m = [held(7, '2026-12-18', null, false)]
    expect(unrecordedMeetings(m, '2026-12-29', englandAndWales, 5)).toEqual([])
    expect(unrecordedMeetings(m, '2026-12-30', englandAndWales, 5)).toEqual([
      expect.objectContaining({ code: 'meeting_not_recorded', meetingId: 7 }),
    ])
  })
})

describe('no team around the family meeting', () => {
  it('is due 6 weeks after the start or the last meeting, and alerts the day after', () => {
    expect(nextMeetingDueOn('2026-11-02', [], 6)).toBe('2026-12-14')
    expect(noRecentMeeting('2026-11-02', [], '2026-12-14', 6)).toBeNull()
    expect(noRecentMeeting('2026-11-02', [], '2026-12-15', 6)?.code).toBe('no_meeting')
    expect(noRecentMeeting('2026-11-02', [{ heldOn: '2026-12-01' }], '2026-12-15', 6)).toBeNull()
  })
  it('raises nothing on an episode awaiting allocation', () => {
    const now = new Date('2027-03-01T12:00:00Z')
    expect(
      alertsFor({ status: 'awaiting_allocation', started_on: '2026-11-02' }, [], now, englandAndWales),
    ).toEqual([])
    expect(alertsFor({ status: 'open', started_on: '2026-11-02' }, [], now, englandAndWales)).toHaveLength(1)
  })
})

describe('rights on an episode', () => {
  const episode = { team_id: 5, lead_user_id: 9, status: 'open' as const }
  it('lets the lead, the team and its manager record; only the manager allocates', () => {
    expect(rightsOn(episode, { id: 9, role: 'partner_practitioner', teamId: null }, false)).toEqual({
      record: true,
      allocate: false,
    })
    expect(rightsOn(episode, { id: 3, role: 'partner_practitioner', teamId: 5 }, false).record).toBe(false)
    expect(rightsOn(episode, { id: 4, role: 'social_worker', teamId: 5 }, false)).toEqual({
      record: true,
      allocate: false,
    })
    expect(rightsOn(episode, { id: 4, role: 'social_worker', teamId: 6 }, false).record).toBe(false)
    expect(rightsOn(episode, { id: 2, role: 'team_manager', teamId: 6 }, true)).toEqual({
      record: true,
      allocate: true,
    })
  })
})

describe('the family plan', () => {
  it('shows the movement from the first score to the latest against the target', () => {
    expect(
      movement(
        [
          { id: 2, scoredOn: '2026-12-01', score: 5 },
          { id: 1, scoredOn: '2026-11-01', score: 3 },
        ],
        8,
      ),
    ).toEqual({ start: 3, latest: 5, target: 8, change: 2, met: false })
    expect(movement([{ id: 1, scoredOn: '2026-11-01', score: 8 }], 8).met).toBe(true)
    expect(movement([], 8).change).toBeNull()
  })
  it('counts sessions planned against delivered', () => {
    expect(sessionCounts(6, ['delivered', 'delivered', 'delivered', 'cancelled', 'not_attended'])).toEqual({
      planned: 6,
      delivered: 3,
      cancelled: 1,
      notAttended: 1,
      remaining: 3,
    })
  })
})

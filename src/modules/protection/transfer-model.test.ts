/**
 * Transfers' rules: the transfer-in conference clock (from the definitions, through the clock
 * engine, across a bank holiday), the notification's dates and children, and the transfer-out's
 * dates. Monday 18 May 2026: Monday 25 May is the late May bank holiday.
 */
import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import { checkAnswers } from '../../platform/http/form.js'
import { dayInstant } from './plan-model.js'
import {
  authorityName,
  LOCAL_AUTHORITIES,
  notificationSchema,
  siblingJoin,
  transferConferenceDateProblem,
  transferInDueDate,
  TRANSFER_IN_CLOCK,
  transferOutHeldSchema,
  transferOutSchema,
} from './transfer-model.js'

const ava = { childId: 7, name: 'Ava Okafor' }
const leo = { childId: 8, name: 'Leo Okafor' }

describe('the transfer-in conference clock', () => {
  it.each([
    // Across the late May bank holiday: 15 working days is 22 calendar days.
    ['2026-05-18', '2026-06-09'],
    // No holiday in the window: three weeks.
    ['2026-06-01', '2026-06-22'],
    // Across Christmas and New Year (25, 28 December 2026, 1 January 2027).
    ['2026-12-11', '2027-01-06'],
    // Notified on a Saturday: counted from the next working day's end.
    ['2026-05-16', '2026-06-08'],
  ])('notified %s: due %s', (notifiedOn, due) => {
    expect(transferInDueDate(englandAndWales, notifiedOn)).toBe(due)
  })

  it('runs in the clock engine from cp_transfer_in.notified to cp_transfer_in.conference_held', () => {
    const notified = {
      id: '1',
      childId: '7',
      subjectType: 'cp_transfer_in',
      subjectId: '3',
      type: 'cp_transfer_in.notified',
      occurredAt: dayInstant('2026-05-18').toISOString(),
      attributes: {},
    }
    const open = evaluateClocks(STATUTORY_CLOCKS, [notified], '2026-05-20T09:00:00Z', englandAndWales)
    const clock = open.instances.find((i) => i.code === TRANSFER_IN_CLOCK)
    expect(clock?.dueDate).toBe('2026-06-09')
    expect(clock?.stoppedAt).toBeUndefined()
    const held = {
      ...notified,
      id: '2',
      type: 'cp_transfer_in.conference_held',
      occurredAt: '2026-06-04T09:00:00.000Z',
    }
    const stopped = evaluateClocks(
      STATUTORY_CLOCKS,
      [notified, held],
      '2026-06-04T12:00:00Z',
      englandAndWales,
    )
    expect(stopped.instances.find((i) => i.code === TRANSFER_IN_CLOCK)?.stoppedAt).toBe(
      '2026-06-04T09:00:00.000Z',
    )
    // The front door's transfer_in events start no clock at all: its own transfer-in clock is
    // retired, and a child on a plan there is handed over to this notification (one clock).
    const frontDoor = {
      ...notified,
      subjectType: 'transfer_in',
      type: 'transfer_in.notified',
      attributes: { previousStatus: 'cp_plan' },
    }
    const none = evaluateClocks(STATUTORY_CLOCKS, [frontDoor], '2026-05-20T09:00:00Z', englandAndWales)
    expect(none.instances).toEqual([])
  })
})

describe('the conference and the notification', () => {
  it('refuses a conference before the notification, allowing the same day', () => {
    expect(transferConferenceDateProblem('2026-05-17', '2026-05-18')).toBe(
      'The conference cannot be before the notification of the move (18 May 2026)',
    )
    expect(transferConferenceDateProblem('2026-05-18', '2026-05-18')).toBe(null)
  })

  it('knows the authorities by their three-digit number', () => {
    expect(authorityName('883')).toBe('Thurrock')
    expect(authorityName('999')).toBe(null)
    expect(LOCAL_AUTHORITIES.every((a) => /^\d{3}$/.test(a.code))).toBe(true)
    expect(new Set(LOCAL_AUTHORITIES.map((a) => a.code)).size).toBe(LOCAL_AUTHORITIES.length)
  })
})

describe('the notification form', () => {
  const today = '2026-06-03'
  const schema = notificationSchema(today, ava, [leo])
  const answers = {
    la: '881',
    'notified-day': '18',
    'notified-month': '5',
    'notified-year': '2026',
    workerName: 'Grace Adeyemi',
    workerContact: 'grace@example.org',
    'start-7-day': '3',
    'start-7-month': '11',
    'start-7-year': '2025',
    'category-7': 'NEG',
  }

  it('reads the child alone, and a brother chosen with his own plan', () => {
    const alone = checkAnswers(schema, answers)
    expect(alone.ok && alone.data).toEqual({
      laCode: '881',
      laName: 'Essex',
      notifiedOn: '2026-05-18',
      workerName: 'Grace Adeyemi',
      workerContact: 'grace@example.org',
      children: [{ childId: 7, theirPlanStart: '2025-11-03', theirCategory: 'NEG' }],
    })
    const both = checkAnswers(schema, {
      ...answers,
      siblings: '8',
      'start-8-day': '3',
      'start-8-month': '11',
      'start-8-year': '2025',
      'category-8': 'EMO',
    })
    expect(both.ok && both.data.children.map((c) => [c.childId, c.theirCategory])).toEqual([
      [7, 'NEG'],
      [8, 'EMO'],
    ])
  })

  it.each([
    ['an authority not on the list', { la: '999' }, 'la', 'Select the other local authority'],
    [
      'a notification in the future',
      { 'notified-day': '4', 'notified-month': '6' },
      'notified-day',
      'Date notified must be today or in the past',
    ],
    [
      'a plan started after the notification',
      { 'start-7-day': '19', 'start-7-month': '5', 'start-7-year': '2026' },
      'start-7-day',
      'Ava Okafor’s plan start date must be today or in the past',
    ],
    [
      'no category',
      { 'category-7': 'XYZ' },
      'category-7',
      'Select the category of abuse of Ava Okafor’s plan there',
    ],
    [
      'a child not among the brothers and sisters',
      { siblings: '99' },
      'siblings',
      'Select brothers and sisters from the list',
    ],
    ['no social worker', { workerName: ' ' }, 'workerName', 'Enter the name of their social worker'],
  ])('refuses %s', (_what, change, field, message) => {
    const checked = checkAnswers(schema, { ...answers, ...change })
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.errors.byField[field]?.text).toBe(message)
  })

  it('shows every error of an empty form at once, in the order of the page', () => {
    const checked = checkAnswers(schema, {})
    expect(!checked.ok && Object.keys(checked.errors.byField)).toEqual([
      'la',
      'notified-day',
      'workerName',
      'workerContact',
      'start-7-day',
      'category-7',
    ])
  })

  it('asks for the plan of a brother chosen', () => {
    const checked = checkAnswers(schema, { ...answers, siblings: '8' })
    expect(checked.ok).toBe(false)
    if (!checked.ok) {
      expect(checked.errors.byField['start-8-day']?.text).toBe(
        'Enter the date Leo Okafor’s plan started there',
      )
      expect(checked.errors.byField['category-8']?.text).toBe(
        'Select the category of abuse of Leo Okafor’s plan there',
      )
    }
  })
})

describe('the transfer-out forms', () => {
  const today = '2026-06-08'
  const move = {
    version: '3',
    la: '882',
    'notified-day': '8',
    'notified-month': '6',
    'notified-year': '2026',
    'conference-day': '22',
    'conference-month': '6',
    'conference-year': '2026',
  }

  it('reads the move, whose conference may be ahead', () => {
    const checked = checkAnswers(transferOutSchema(today, '2026-06-04'), move)
    expect(checked.ok && checked.data).toEqual({
      version: 3,
      laCode: '882',
      laName: 'Southend-on-Sea',
      notifiedOn: '2026-06-08',
      conferenceOn: '2026-06-22',
    })
  })

  it.each([
    [
      'told before the plan started',
      { 'notified-day': '3' },
      'notified-day',
      'Date notified must be on or after 4 June 2026, when the plan started',
    ],
    [
      'their conference before we were told',
      { 'conference-day': '7' },
      'conference-day',
      'Date of their conference must be on or after 8 June 2026, when we were told of the move',
    ],
    [
      'no version',
      { version: '' },
      'version',
      'The form is missing the plan’s version: open it again from the plan',
    ],
  ])('refuses a move %s', (_what, change, field, message) => {
    const checked = checkAnswers(transferOutSchema(today, '2026-06-04'), { ...move, ...change })
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.errors.byField[field]?.text).toBe(message)
  })

  it('takes their conference held between the notification and today', () => {
    const schema = transferOutHeldSchema('2026-06-23', { notifiedOn: '2026-06-08', planStart: '2026-06-04' })
    const held = (day: string) => ({ version: '4', 'held-day': day, 'held-month': '6', 'held-year': '2026' })
    const ok = checkAnswers(schema, held('22'))
    expect(ok.ok && ok.data).toEqual({ version: 4, heldOn: '2026-06-22' })
    const early = checkAnswers(schema, held('5'))
    expect(!early.ok && early.errors.byField['held-day']?.text).toBe(
      'Date held must be on or after 8 June 2026, when we were told of the move',
    )
    const future = checkAnswers(schema, held('24'))
    expect(!future.ok && future.errors.byField['held-day']?.text).toBe(
      'Date held must be today or in the past',
    )
  })
})

describe('a brother or sister transferring in through the front door', () => {
  const now = new Date('2026-05-20T09:00:00Z')
  const child = { laCode: '882', notifiedOn: '2026-05-18' }
  const notification = (
    id: number,
    over: Partial<{ laCode: string; notifiedOn: string }> = {},
    conference: { scheduledAt: string; heldAt?: string; cancelledAt?: string } | null = null,
  ) => ({
    id,
    laCode: over.laCode ?? '882',
    notifiedOn: over.notifiedOn ?? '2026-05-18',
    conference: conference && {
      id: 100 + id,
      scheduledAt: new Date(conference.scheduledAt),
      heldAt: conference.heldAt ? new Date(conference.heldAt) : null,
      cancelledAt: conference.cancelledAt ? new Date(conference.cancelledAt) : null,
    },
  })

  it('joins the notification from the same authority on the same day, none arranged yet', () => {
    expect(siblingJoin([notification(4)], child, now)).toEqual({ kind: 'join', id: 4, conferenceId: null })
  })

  it('joins it and its conference when arranged for later, not yet held', () => {
    expect(siblingJoin([notification(4, {}, { scheduledAt: '2026-05-27T09:00:00Z' })], child, now)).toEqual({
      kind: 'join',
      id: 4,
      conferenceId: 104,
    })
  })

  it('has a notification of its own from another authority or another day, or with no brothers and sisters', () => {
    const own = { kind: 'own', siblingsHeld: false }
    expect(siblingJoin([], child, now)).toEqual(own)
    expect(siblingJoin([notification(4, { laCode: '883' })], child, now)).toEqual(own)
    expect(siblingJoin([notification(4, { notifiedOn: '2026-05-19' })], child, now)).toEqual(own)
  })

  it('has its own when the others’ conference has been held, and says so', () => {
    const held = notification(4, {}, { scheduledAt: '2026-05-19T09:00:00Z', heldAt: '2026-05-19T09:00:00Z' })
    expect(siblingJoin([held], child, now)).toEqual({ kind: 'own', siblingsHeld: true })
  })

  it('joins the notification, not the conference, when the others’ conference was cancelled: the next one names them all', () => {
    const cancelled = notification(
      4,
      {},
      { scheduledAt: '2026-05-19T09:00:00Z', cancelledAt: '2026-05-18T15:00:00Z' },
    )
    expect(siblingJoin([cancelled], child, now)).toEqual({ kind: 'join', id: 4, conferenceId: null })
  })

  it('is refused when the others’ conference was arranged for a time now passed and is not recorded as held', () => {
    const passed = notification(4, {}, { scheduledAt: '2026-05-19T09:00:00Z' })
    const rule = siblingJoin([passed], child, now)
    expect(rule.kind).toBe('refuse')
    expect(rule.kind === 'refuse' && rule.message).toContain('arranged for 19 May 2026')
    // A conference arranged for this very moment has begun: refused too.
    expect(siblingJoin([notification(4, {}, { scheduledAt: now.toISOString() })], child, now).kind).toBe(
      'refuse',
    )
  })

  it('prefers one still to come over one passed, and the earliest of those', () => {
    const passed = notification(3, {}, { scheduledAt: '2026-05-19T09:00:00Z' })
    expect(siblingJoin([notification(6), passed, notification(5)], child, now)).toEqual({
      kind: 'join',
      id: 5,
      conferenceId: null,
    })
  })
})

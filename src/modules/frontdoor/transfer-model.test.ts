import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import { needsTransferInConference, transferInSchema } from './transfer-model.js'

/** What the clock engine makes of the front door's transfer-in events alone. */
function clocksOf(previousStatus: string) {
  const events = [
    {
      id: 1,
      childId: 7,
      subjectType: 'transfer_in',
      subjectId: 3,
      type: 'transfer_in.notified',
      occurredAt: londonInstant('2026-08-20', '09:00').toISOString(),
      attributes: { previousStatus },
    },
  ]
  return evaluateClocks(STATUTORY_CLOCKS, events, '2026-08-20T12:00:00Z', englandAndWales).instances
}

describe('the transfer-in conference', () => {
  it('is not timed by the front door: a child on a plan there is handed to child protection’s clock', () => {
    expect(clocksOf('cp_plan')).toEqual([])
    expect(STATUTORY_CLOCKS.some((c) => c.code === 'transfer-in-conference-15wd')).toBe(false)
    expect(STATUTORY_CLOCKS.some((c) => c.code === 'cp-transfer-in-conference-15wd')).toBe(true)
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
    la: '881',
    'planStart-day': '3',
    'planStart-month': '2',
    'planStart-year': '2026',
    category: 'NEG',
    workerName: 'Jo Reeve',
    workerContact: '01245 430000',
  }

  it('takes the authority, status, notification date and documents', () => {
    const parsed = schema.safeParse(valid)
    expect(parsed.success && parsed.data).toMatchObject({
      previousAuthority: 'Essex County Council',
      previousStatus: 'cp_plan',
      notifiedOn: '2026-08-19',
      receivedOn: null,
      documents: ['cp_plan', 'chronology'],
      plan: {
        laCode: '881',
        laName: 'Essex',
        theirPlanStart: '2026-02-03',
        theirCategory: 'NEG',
        workerName: 'Jo Reeve',
        workerContact: '01245 430000',
      },
    })
  })

  it('asks what child protection’s notification needs only for a child on a plan there', () => {
    const bare = {
      previousAuthority: 'Essex County Council',
      'notified-day': '19',
      'notified-month': '8',
      'notified-year': '2026',
    }
    const looked = schema.safeParse({ ...bare, previousStatus: 'looked_after' })
    expect(looked.success && looked.data.plan).toBe(null)
    const onPlan = schema.safeParse({
      ...bare,
      previousStatus: 'cp_plan',
      'planStart-day': '20',
      'planStart-month': '8',
      'planStart-year': '2026',
    })
    expect(onPlan.success).toBe(false)
    expect(onPlan.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['la', 'Select the authority whose plan the child is on'],
      ['planStart-day', 'The plan’s start date must be on or before the date that authority told us'],
      ['category', 'Select the category of abuse of the plan there'],
      ['workerName', 'Enter the name of their social worker'],
      ['workerContact', 'Enter a telephone number or email address for their social worker'],
    ])
  })

  it('shows the plan’s errors with the others at once', () => {
    const parsed = schema.safeParse({
      previousStatus: 'cp_plan',
      'notified-day': '21',
      'notified-month': '8',
      'notified-year': '2026',
    })
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'Enter the authority the child is moving from',
        'The date the previous authority told us must be today or in the past',
        'Select the authority whose plan the child is on',
        'Enter the date the plan started there',
        'Enter the name of their social worker',
      ]),
    )
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

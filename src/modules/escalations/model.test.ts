import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { englandAndWales as calendar } from '../../platform/calendar/working-days.js'
import {
  afterEscalation,
  afterResponse,
  agencyOf,
  decideSchema,
  ESCALATION_CLOCK,
  isOverdue,
  LEVELS,
  mayRespond,
  raiserChoices,
  raiseSchema,
  readLevels,
  reportFilter,
  respondSchema,
  responseDue,
  TEAM_MANAGER,
  TOP_LEVEL,
  type EscalationState,
} from './model.js'

const definition = STATUTORY_CLOCKS.find((d) => d.code === ESCALATION_CLOCK)
if (!definition) throw new Error(`${ESCALATION_CLOCK} is not defined`)

describe('the protocol’s levels', () => {
  it('has three levels, each answered in 5 working days, and the clock counts the same days', () => {
    expect(LEVELS.map((l) => [l.level, l.responseWorkingDays])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
    ])
    expect(TOP_LEVEL).toBe(3)
    for (const l of LEVELS)
      expect(definition.byAttribute?.values[String(l.level)]).toEqual({
        length: l.responseWorkingDays,
        unit: 'working_days',
      })
  })

  it('goes to service managers above level 1, and to anyone working with the child at level 1', () => {
    expect(LEVELS.map((l) => l.recipientRoles)).toEqual([null, ['service_manager'], ['service_manager']])
  })

  it('refuses levels out of order or with an unknown role', () => {
    const level = (n: number, roles: string[] | null = null) => ({
      level: n,
      title: `Level ${n}`,
      responseWorkingDays: 5,
      recipientRoles: roles,
    })
    expect(() => readLevels({ source: 'LSCP', levels: [level(1), level(3)] })).toThrow(/out of order/)
    expect(() => readLevels({ source: 'LSCP', levels: [level(1, ['head_of_service'])] })).toThrow()
  })
})

describe('when a level’s response is due', () => {
  it.each<[string, string, number, string]>([
    // A Tuesday in March (GMT): five working days on, the end of the next Tuesday in London.
    ['an ordinary week', '2026-03-03T10:00:00Z', 1, '2026-03-10T23:59:59.999Z'],
    // Friday 18 December: 25 and 28 December are bank holidays, so day 5 is Tuesday 29 December.
    ['across Christmas', '2026-12-18T10:00:00Z', 1, '2026-12-29T23:59:59.999Z'],
    // Maundy Thursday 2 April 2026 (BST): Good Friday and Easter Monday skipped, due Monday 13 April.
    ['across Easter', '2026-04-02T13:00:00Z', 2, '2026-04-13T22:59:59.999Z'],
    // Sent at 23:30 UTC on Saturday 30 May: Sunday 31 May in London, so day 0 is a Sunday and the
    // late May bank holiday (25 May) is already past: due the end of Friday 5 June.
    ['late on a Saturday night, a Sunday in London', '2026-05-30T23:30:00Z', 3, '2026-06-05T22:59:59.999Z'],
  ])('%s: sent %s at level %i, due %s', (_case, sent, level, due) => {
    expect(responseDue(definition, new Date(sent), level, calendar).toISOString()).toBe(due)
  })

  it('is the due time the clock gives the recipient’s task, and a later level starts a new clock', () => {
    const event = (id: string, type: string, at: string, attributes: Record<string, unknown> = {}) => ({
      id,
      childId: 7,
      subjectType: 'escalation',
      subjectId: '3',
      type,
      occurredAt: at,
      attributes,
    })
    const { instances } = evaluateClocks(
      [definition],
      [
        event('1', 'escalation.sent', '2026-12-18T10:00:00Z', { level: '1' }),
        // No response in time: the raiser escalates on 4 January, closing level 1's clock.
        event('2', 'escalation.sent', '2027-01-04T11:00:00Z', { level: '2' }),
        event('3', 'escalation.responded', '2027-01-06T09:00:00Z', { level: '2' }),
      ],
      new Date('2027-01-06T12:00:00Z'),
      calendar,
    )
    expect(instances.map((i) => [i.dueAt, i.stoppedAt, i.status])).toEqual([
      ['2026-12-29T23:59:59.999Z', '2027-01-04T11:00:00.000Z', 'cancelled'],
      ['2027-01-11T23:59:59.999Z', '2027-01-06T09:00:00.000Z', 'met'],
    ])
  })
})

const due = new Date('2026-12-29T23:59:59.999Z')
const waiting: EscalationState = {
  status: 'awaiting_response',
  level: 1,
  raisedBy: 10,
  recipientId: 20,
  dueAt: due,
}
const before = new Date('2026-12-22T12:00:00Z')
const after = new Date('2026-12-30T09:00:00Z')

describe('who may move an escalation on', () => {
  it('is overdue only while it waits for a response past its due time', () => {
    expect(isOverdue(waiting, before)).toBe(false)
    expect(isOverdue(waiting, due)).toBe(false)
    expect(isOverdue(waiting, after)).toBe(true)
    expect(isOverdue(afterResponse(waiting), after)).toBe(false)
  })

  it('lets the recipient or their manager respond, once, and nobody else', () => {
    expect(mayRespond(waiting, 20, false)).toEqual({ allowed: true })
    expect(mayRespond(waiting, 30, true)).toEqual({ allowed: true })
    expect(mayRespond(waiting, 10, false).allowed).toBe(false)
    expect(mayRespond(afterResponse(waiting), 20, false).allowed).toBe(false)
  })

  it('lets only the raiser decide: after a response, or once the response is late', () => {
    expect(raiserChoices(waiting, 10, before)).toMatchObject({ allowed: false })
    expect(raiserChoices(waiting, 10, after)).toEqual({ allowed: true, canEscalate: true, because: 'late' })
    expect(raiserChoices(afterResponse(waiting), 10, before)).toEqual({
      allowed: true,
      canEscalate: true,
      because: 'disputed',
    })
    expect(raiserChoices(afterResponse(waiting), 20, before)).toMatchObject({ allowed: false })
    expect(raiserChoices({ ...waiting, status: 'resolved' }, 10, after)).toMatchObject({ allowed: false })
  })

  it('escalates one level at a time to a new recipient and due time, and never past the top', () => {
    const newDue = new Date('2027-01-11T23:59:59.999Z')
    const level2 = afterEscalation(afterResponse(waiting), 40, newDue)
    expect(level2).toEqual({
      status: 'awaiting_response',
      level: 2,
      raisedBy: 10,
      recipientId: 40,
      dueAt: newDue,
    })
    const level3 = afterEscalation(afterResponse(level2), 41, newDue)
    expect(level3.level).toBe(3)
    expect(raiserChoices(afterResponse(level3), 10, before)).toEqual({
      allowed: true,
      canEscalate: false,
      because: 'disputed',
    })
    expect(() => afterEscalation(level3, 42, newDue)).toThrow(/highest/)
  })

  it('names the raiser’s agency: a partner’s own, else children’s social care', () => {
    expect(agencyOf({ role: 'partner_practitioner', agency: 'health' })).toBe('health')
    expect(agencyOf({ role: 'partner_practitioner', agency: null })).toBe('other')
    expect(agencyOf({ role: 'social_worker', agency: null })).toBe('social_care')
  })
})

describe('the forms', () => {
  it('asks for the difference, what should happen and one of the people offered, all at once', () => {
    const schema = raiseSchema([TEAM_MANAGER, '12'])
    const empty = schema.safeParse({})
    expect(empty.success).toBe(false)
    expect(empty.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['difference', 'Enter what was decided or not done'],
      ['wanted', 'Enter what you want to happen'],
      ['recipient', 'Select who the escalation is to'],
    ])
    expect(schema.safeParse({ difference: 'x', wanted: 'y', recipient: '13' }).success).toBe(false)
    expect(schema.parse({ difference: ' Closed ', wanted: 'Review', recipient: TEAM_MANAGER })).toEqual({
      difference: 'Closed',
      wanted: 'Review',
      recipient: TEAM_MANAGER,
    })
  })

  it('asks the recipient to agree or disagree with reasons; actions are optional', () => {
    expect(
      respondSchema.safeParse({ response: 'maybe', reasons: '' }).error?.issues.map((i) => i.path[0]),
    ).toEqual(['response', 'reasons'])
    expect(respondSchema.parse({ response: 'disagree', reasons: 'Threshold not met' })).toEqual({
      response: 'disagree',
      reasons: 'Threshold not met',
      actions: null,
    })
  })

  it('escalates only where the next level is open, with a reason and a recipient offered', () => {
    const schema = decideSchema(true, ['5'])
    expect(schema.safeParse({ outcome: 'escalate' }).error?.issues.map((i) => i.path[0])).toEqual([
      'reason',
      'recipient',
    ])
    expect(schema.parse({ outcome: 'escalate', reason: 'Risk unchanged', recipient: '5' })).toEqual({
      outcome: 'escalate',
      reason: 'Risk unchanged',
      recipient: '5',
    })
    expect(schema.parse({ outcome: 'resolved', note: '' })).toEqual({ outcome: 'resolved', note: null })
    expect(decideSchema(false, []).safeParse({ outcome: 'escalate', reason: 'x' }).success).toBe(false)
    expect(schema.safeParse({}).error?.issues.map((i) => i.path[0])).toEqual(['outcome'])
  })

  it('reads the report’s filter from its URL, leaving out what it does not know', () => {
    expect(reportFilter({ level: '2', agency: 'health', overdue: 'yes' }, null)).toEqual({
      level: 2,
      agency: 'health',
      overdueOnly: true,
      involving: null,
    })
    expect(reportFilter({ level: '9', agency: 'pirates' }, 4)).toEqual({
      level: null,
      agency: null,
      overdueOnly: false,
      involving: 4,
    })
  })
})

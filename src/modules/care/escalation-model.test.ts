import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { englandAndWales as calendar } from '../../platform/calendar/working-days.js'
import {
  afterResponse,
  ESCALATION_CLOCK,
  mayEscalateLate,
  mayRaise,
  mayRespond,
  nextStage,
  PERMANENCE_PLANS,
  PERMANENCY_CLOCK,
  permanencyRefusal,
  permanencySchema,
  raiseSchema,
  readStages,
  REFERRAL,
  respondSchema,
  STAGES,
  stageDue,
  sentSummary,
} from './escalation-model.js'

const definition = STATUTORY_CLOCKS.find((d) => d.code === ESCALATION_CLOCK)
if (!definition) throw new Error(`${ESCALATION_CLOCK} is not defined`)
const meeting = STATUTORY_CLOCKS.find((d) => d.code === PERMANENCY_CLOCK)
if (!meeting) throw new Error(`${PERMANENCY_CLOCK} is not defined`)

describe('the dispute resolution protocol’s stages', () => {
  it('goes informal, team manager, service manager, head of service, director, then Cafcass', () => {
    expect(STAGES.map((s) => [s.code, s.responseWorkingDays])).toEqual([
      ['informal', 5],
      ['team_manager', 5],
      ['service_manager', 10],
      ['head_of_service', 10],
      ['director', 10],
      ['cafcass', null],
    ])
    expect(REFERRAL).toBe('cafcass')
  })

  it('counts each stage’s days in the clock exactly as the reference file has them', () => {
    for (const s of STAGES.filter((x) => x.responseWorkingDays !== null))
      expect(definition.byAttribute?.values[s.code]).toEqual({
        length: s.responseWorkingDays,
        unit: 'working_days',
      })
    expect(Object.keys(definition.byAttribute?.values ?? {})).toHaveLength(STAGES.length - 1)
  })

  it('refuses a protocol whose last stage has days, or a middle stage with none', () => {
    const stage = (code: string, days: number | null, roles = ['team_manager']) => ({
      code,
      title: code,
      responseWorkingDays: days,
      responderRoles: roles,
    })
    const categories = [{ code: 'other', label: 'Other' }]
    expect(() => readStages({ source: 'x', stages: [stage('a', 5), stage('b', 5)], categories })).toThrow(
      /only the last stage/,
    )
    expect(() =>
      readStages({ source: 'x', stages: [stage('a', null), stage('b', null)], categories }),
    ).toThrow()
    expect(() =>
      readStages({ source: 'x', stages: [stage('a', 5, []), stage('b', null, [])], categories }),
    ).toThrow(/no responder/)
  })

  it('moves up one stage at a time, and past the director refers to Cafcass', () => {
    expect(nextStage('informal')?.code).toBe('team_manager')
    expect(nextStage('director')?.code).toBe('cafcass')
    expect(nextStage('cafcass')).toBeNull()
    expect(afterResponse('informal', 'resolved')).toEqual({ status: 'resolved' })
    expect(afterResponse('informal', 'not_resolved')).toEqual({ status: 'open', stage: 'team_manager' })
    expect(afterResponse('head_of_service', 'not_resolved')).toEqual({ status: 'open', stage: 'director' })
    expect(afterResponse('director', 'not_resolved')).toEqual({ status: 'referred', stage: 'cafcass' })
  })
})

describe('when a stage’s response is due', () => {
  it.each<[string, string, string, string]>([
    // Tuesday 3 March 2026 (GMT): 5 working days on, the end of Tuesday 10 March in London.
    ['an ordinary week', '2026-03-03T10:00:00Z', 'informal', '2026-03-10T23:59:59.999Z'],
    // Friday 18 December 2026: Christmas Day and Boxing Day (observed Monday 28th) skipped.
    ['across Christmas', '2026-12-18T10:00:00Z', 'team_manager', '2026-12-29T23:59:59.999Z'],
    // Thursday 2 April 2026 (BST): Good Friday and Easter Monday skipped, 10 days: Monday 20 April.
    ['across Easter, 10 days', '2026-04-02T13:00:00Z', 'service_manager', '2026-04-20T22:59:59.999Z'],
    // Friday 1 May 2026: the early May bank holiday (Monday 4th) skipped, due Monday 18 May.
    ['across the May bank holiday', '2026-05-01T09:00:00Z', 'director', '2026-05-18T22:59:59.999Z'],
  ])('%s: sent %s at %s, due %s', (_case, sent, stage, due) => {
    expect(stageDue(definition, new Date(sent), stage, calendar).toISOString()).toBe(due)
  })

  it('is the clock’s due time; a later stage closes the one below and the response stops it', () => {
    const event = (id: string, type: string, at: string, attributes: Record<string, unknown> = {}) => ({
      id,
      childId: 7,
      subjectType: 'period_of_care',
      subjectId: '3',
      type,
      occurredAt: at,
      attributes,
    })
    const { instances } = evaluateClocks(
      [definition],
      [
        event('1', 'iro_escalation.sent', '2026-12-18T10:00:00Z', { stage: 'informal' }),
        event('2', 'iro_escalation.responded', '2026-12-22T10:00:00Z', { stage: 'informal' }),
        event('3', 'iro_escalation.sent', '2026-12-22T10:00:00Z', { stage: 'team_manager' }),
        // No response in time: the IRO moves it on, closing the team manager's clock.
        event('4', 'iro_escalation.sent', '2027-01-04T11:00:00Z', { stage: 'service_manager' }),
        event('5', 'iro_escalation.closed', '2027-01-06T09:00:00Z'),
      ],
      new Date('2027-01-06T12:00:00Z'),
      calendar,
    )
    expect(instances.map((i) => [i.dueAt, i.status])).toEqual([
      ['2026-12-29T23:59:59.999Z', 'met'],
      // Tuesday 22 December: 23, 24, 29, 30, 31 December: due the end of Thursday the 31st.
      ['2026-12-31T23:59:59.999Z', 'cancelled'],
      ['2027-01-18T23:59:59.999Z', 'cancelled'],
    ])
  })
})

describe('the permanency planning meeting’s clock', () => {
  it('is due 4 months after care starts and stops when the meeting is held', () => {
    const { instances } = evaluateClocks(
      [meeting],
      [
        {
          id: '1',
          childId: 7,
          subjectType: 'period_of_care',
          subjectId: '3',
          type: 'care.started',
          occurredAt: '2026-03-02T00:00:00Z',
          attributes: {},
        },
        {
          id: '2',
          childId: 7,
          subjectType: 'period_of_care',
          subjectId: '3',
          type: 'permanency_planning.held',
          occurredAt: '2026-06-10T11:00:00Z',
          attributes: {},
        },
      ],
      new Date('2026-06-11T12:00:00Z'),
      calendar,
    )
    expect(instances.map((i) => [i.dueAt, i.status])).toEqual([['2026-07-02T22:59:59.999Z', 'met']])
  })

  it('is recorded once, on or after care started', () => {
    expect(permanencyRefusal({ heldOn: '2026-03-01', periodStart: '2026-03-02', already: null })?.field).toBe(
      'held-day',
    )
    expect(
      permanencyRefusal({ heldOn: '2026-04-01', periodStart: '2026-03-02', already: '2026-03-30' })?.message,
    ).toBe('The permanency planning meeting was already recorded, on 30 March 2026')
    expect(permanencyRefusal({ heldOn: '2026-03-02', periodStart: '2026-03-02', already: null })).toBeNull()
  })

  it('offers the seven plans as plain codes and checks the form', () => {
    expect(PERMANENCE_PLANS.map((p) => p.code)).toEqual([
      'return_home',
      'family_friends',
      'long_term_foster',
      'special_guardianship',
      'adoption',
      'residential',
      'independence',
    ])
    const schema = permanencySchema(new Date('2026-06-11T12:00:00Z'))
    expect(
      schema.parse({
        'held-day': '10',
        'held-month': '6',
        'held-year': '2026',
        chair: ' Pat Shah ',
        plan: 'adoption',
      }),
    ).toEqual({ heldOn: '2026-06-10', chair: 'Pat Shah', plan: 'adoption', note: null })
    expect(
      schema.safeParse({
        'held-day': '12',
        'held-month': '6',
        'held-year': '2026',
        chair: 'x',
        plan: 'adoption',
      }).success,
    ).toBe(false)
    expect(
      schema.safeParse({ 'held-day': '10', 'held-month': '6', 'held-year': '2026', chair: 'x', plan: 'sgo' })
        .success,
    ).toBe(false)
  })
})

describe('who may move an escalation on', () => {
  const iro = { id: 5, role: 'independent_reviewing_officer' as const }
  const worker = { id: 6, role: 'social_worker' as const }
  const tm = { id: 7, role: 'team_manager' as const }
  const sm = { id: 8, role: 'service_manager' as const }

  it('lets the allocated IRO or a manager raise, and no one else', () => {
    expect(mayRaise(iro, 5).allowed).toBe(true)
    expect(mayRaise({ ...iro, id: 9 }, 5).allowed).toBe(false)
    expect(mayRaise(worker, 5).allowed).toBe(false)
    expect(mayRaise(tm, null).allowed).toBe(true)
    expect(mayRaise(sm, null).allowed).toBe(true)
  })

  it('lets a team manager answer only up to the first formal stage, a service manager above', () => {
    expect(mayRespond({ status: 'open', stage: 'informal' }, tm).allowed).toBe(true)
    expect(mayRespond({ status: 'open', stage: 'team_manager' }, tm).allowed).toBe(true)
    expect(mayRespond({ status: 'open', stage: 'service_manager' }, tm).allowed).toBe(false)
    expect(mayRespond({ status: 'open', stage: 'director' }, sm).allowed).toBe(true)
    expect(mayRespond({ status: 'open', stage: 'informal' }, iro).allowed).toBe(false)
    expect(mayRespond({ status: 'resolved', stage: 'informal' }, sm).allowed).toBe(false)
  })

  it('lets the IRO move a stage on only once its response is overdue', () => {
    const e = { status: 'open', dueAt: new Date('2026-03-10T23:59:59.999Z') }
    expect(mayEscalateLate(e, iro, 5, new Date('2026-03-10T12:00:00Z')).allowed).toBe(false)
    expect(mayEscalateLate(e, iro, 5, new Date('2026-03-11T08:00:00Z')).allowed).toBe(true)
    expect(mayEscalateLate(e, worker, 5, new Date('2026-03-11T08:00:00Z')).allowed).toBe(false)
    expect(
      mayEscalateLate({ ...e, status: 'resolved' }, iro, 5, new Date('2026-03-11T08:00:00Z')).allowed,
    ).toBe(false)
  })
})

describe('the forms and the words', () => {
  it('needs the plan issue, the concern, the reason and the first stage', () => {
    const r = raiseSchema.safeParse({ category: 'nope', concern: ' ', stage: 'director' })
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(['category', 'concern', 'reason', 'stage'])
    expect(respondSchema.safeParse({ outcome: 'not_resolved', note: 'No' }).success).toBe(true)
  })

  it('says where it went and when the response is due', () => {
    expect(sentSummary('informal', 'raised', '10 March 2026')).toBe(
      'IRO escalation raised: Informal: the social worker or their team manager, response due by 10 March 2026',
    )
    expect(sentSummary('service_manager', 'late', '1 April 2026')).toBe(
      'IRO escalation escalated (no response in time): Formal stage 2: service manager, response due by 1 April 2026',
    )
    expect(sentSummary('cafcass', 'not_resolved', null)).toBe('IRO escalation referred to Cafcass')
  })
})

/**
 * The health of children looked after through their pages, on a fixed clock (Friday 20 March 2026,
 * noon). Mia (born 15 June 2021, so 4) comes into care on Monday 2 March: her initial health
 * assessment is due within 20 working days, by the end of Monday 30 March. It waits for the
 * paperwork (requested on the 3rd), which puts her on the managers' list of who is waiting and
 * why; completed on the 18th by the LAC nurse, it stops that clock and starts her first review's,
 * 6 months on as she is under 5: by the end of 18 September. Leo (born 10 September 2020) shows
 * the age band changing: his reviews before his 5th birthday set the next at 6 months, the one
 * after it at 12. Refusals (a review before the IHA, dates before care or in the future, an SDQ
 * for a 3-year-old or scored 41) save nothing; a reader who may not change the record is refused
 * and audited. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'
import { careStartForm, dayFields as day } from '../support/care.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let mia = 0

const start = (date: string) => careStartForm(date)

/** The child's health clocks: each instance's code, due time and how it closed. */
async function healthTasks(childId: number) {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'closed_by'])
    .where('child_id', '=', childId)
    .where('clock_code', 'in', ['iha-20wd', 'rha'])
    .orderBy('started_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.clock_code, r.due_at.toISOString(), r.closed_by])
}

const count = async (childId: number) => ({
  assessments: (
    await db().selectFrom('care_health_assessment').select('id').where('child_id', '=', childId).execute()
  ).length,
  checks: (await db().selectFrom('care_health_check').select('id').where('child_id', '=', childId).execute())
    .length,
  events: (
    await db()
      .selectFrom('case_event')
      .select('id')
      .where('child_id', '=', childId)
      .where((eb) =>
        eb.or([
          eb('type', 'like', 'iha.%'),
          eb('type', 'like', 'rha.%'),
          eb('type', 'like', 'health_check.%'),
        ]),
      )
      .execute()
  ).length,
  audits: (
    await db()
      .selectFrom('audit_event')
      .select('id')
      .where('child_id', '=', childId)
      .where('action', 'in', ['care.health_assessment_record', 'care.health_check_record'])
      .where('outcome', '=', 'allowed')
      .execute()
  ).length,
})

beforeAll(async () => {
  t = await openTestApp({ clock })
  mia = await f.child({ given: 'Mia', family: 'Stone', dob: '2021-06-15' })
}, 60_000)
afterAll(async () => t.close())

describe('the initial health assessment', () => {
  it('is refused while the child is not looked after', async () => {
    const b = await f.signedIn('social.worker')
    const page = await b.get(`/children/${mia}/care/health/iha`)
    expect(page.statusCode).toBe(409)
    expect(pageText(page.body)).toContain('Mia Stone is not looked after')
    expect(await count(mia)).toEqual({ assessments: 0, checks: 0, events: 0, audits: 0 })
  })

  it('is due within 20 working days of care starting', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${mia}/care/start`, start('2026-03-02'))).statusCode).toBe(303)
    // Day 0 is Monday 2 March; the 20th working day is Monday 30 March, in British Summer Time.
    expect(await healthTasks(mia)).toEqual([['iha-20wd', '2026-03-30T22:59:59.999Z', null]])
    const page = pageText((await b.get(`/children/${mia}/care`)).body)
    expect(page).toContain('Initial health assessment: by 30 March 2026')
    expect(page).toContain('Nothing recorded as waiting')
  })

  it('refuses a review before the IHA, bad answers and dates outside care, saving nothing', async () => {
    const b = await f.signedIn('social.worker')
    const review = await b.post(`/children/${mia}/care/health/rha`, {
      ...day('completed', '2026-03-10'),
      completedBy: 'LAC nurse',
    })
    expect(review.statusCode).toBe(409)
    expect(pageText(review.body)).toContain('Record the initial health assessment as completed first')
    const noReason = await b.post(`/children/${mia}/care/health/iha`, day('requested', '2026-03-03'))
    expect(noReason.statusCode).toBe(400)
    expect(pageText(noReason.body)).toContain('There is a problem')
    expect(pageText(noReason.body)).toContain(
      'Select why the assessment is waiting, or enter the date it was completed',
    )
    const future = await b.post(`/children/${mia}/care/health/iha`, {
      ...day('completed', '2026-03-21'),
      completedBy: 'LAC nurse',
    })
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('The date it was completed must be today or in the past')
    const before = await b.post(`/children/${mia}/care/health/iha`, {
      ...day('requested', '2026-02-27'),
      waitingReason: 'paperwork',
    })
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain(
      'The date it was requested must be on or after 2 March 2026, when the child started to be looked after',
    )
    const outOfOrder = await b.post(`/children/${mia}/care/health/iha`, {
      ...day('requested', '2026-03-10'),
      ...day('appointment', '2026-03-09'),
      waitingReason: 'appointment',
    })
    expect(outOfOrder.statusCode).toBe(409)
    expect(pageText(outOfOrder.body)).toContain('The appointment must be on or after 10 March 2026')
    expect(await count(mia)).toEqual({ assessments: 0, checks: 0, events: 0, audits: 0 })
  })

  it('records it as waiting for the paperwork, keeping the clock running', async () => {
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`/children/${mia}/care/health/iha`, {
      ...day('requested', '2026-03-03'),
      waitingReason: 'paperwork',
    })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(ok.headers.location).toBe(`/children/${mia}/care`)
    expect(
      await db()
        .selectFrom('care_health_assessment')
        .select(['kind', 'requested_on', 'completed_on', 'waiting_reason', 'age_band'])
        .where('child_id', '=', mia)
        .execute(),
    ).toEqual([
      {
        kind: 'iha',
        requested_on: '2026-03-03',
        completed_on: null,
        waiting_reason: 'paperwork',
        age_band: null,
      },
    ])
    expect(await healthTasks(mia)).toEqual([['iha-20wd', '2026-03-30T22:59:59.999Z', null]])
    const page = pageText((await b.get(`/children/${mia}/care`)).body)
    expect(page).toContain('Initial health assessment: Waiting for the paperwork (consent or referral forms)')
    expect(page).toContain('Requested on 3 March 2026')
    // The form shows what is recorded.
    const form = await b.get(`/children/${mia}/care/health/iha`)
    expect(form.body).toMatch(/id="requested-day"[^>]*value="3"/)
    expect(form.body).toMatch(/value="paperwork" checked/)
    expect(await count(mia)).toEqual({ assessments: 1, checks: 0, events: 1, audits: 1 })
  })

  it('puts the child on the managers’ list of who is waiting and why, audited', async () => {
    const manager = await f.signedIn('team.manager')
    const home = pageText((await manager.get('/')).body)
    expect(home).toContain('waiting for a health assessment')
    const list = await manager.get('/care/health-waiting')
    expect(list.statusCode).toBe(200)
    const text = pageText(list.body)
    expect(text).toContain('Waiting for a health assessment')
    expect(text).toMatch(
      /Mia Stone\s+Initial health assessment\s+30 March 2026\s+due in 6 working days\s+Waiting for the paperwork/,
    )
    const audit = await db()
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('request_id', '=', String(list.headers['x-request-id']))
      .where('action', '=', 'care.health_waiting_list')
      .execute()
    expect(audit).toEqual([{ outcome: 'allowed', detail: { childIds: expect.arrayContaining([mia]) } }])
    // A social worker has no team's list.
    const worker = await f.signedIn('social.worker')
    expect((await worker.get('/care/health-waiting')).statusCode).toBe(403)
  })

  it('completed, it stops the IHA’s clock and starts the first review’s at 6 months for a child under 5', async () => {
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`/children/${mia}/care/health/iha`, {
      ...day('requested', '2026-03-03'),
      ...day('completed', '2026-03-18'),
      completedBy: 'LAC nurse',
      waitingReason: 'paperwork',
    })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(await healthTasks(mia)).toEqual([
      ['iha-20wd', '2026-03-30T22:59:59.999Z', 'stop'],
      // Six months from Wednesday 18 March: 18 September, in British Summer Time.
      ['rha', '2026-09-18T22:59:59.999Z', null],
    ])
    const row = await db()
      .selectFrom('care_health_assessment')
      .select(['completed_on', 'completed_by', 'waiting_reason', 'age_band'])
      .where('child_id', '=', mia)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      completed_on: '2026-03-18',
      completed_by: 'LAC nurse',
      waiting_reason: null,
      age_band: 'under_5',
    })
    const event = await db()
      .selectFrom('case_event')
      .select(['occurred_at', 'summary', 'attributes'])
      .where('child_id', '=', mia)
      .where('type', '=', 'iha.completed')
      .executeTakeFirstOrThrow()
    expect([event.occurred_at.toISOString(), event.summary, event.attributes]).toEqual([
      '2026-03-18T12:00:00.000Z',
      'Initial health assessment completed by LAC nurse',
      expect.objectContaining({ ageBand: 'under_5' }),
    ])
    const audit = await db()
      .selectFrom('audit_event')
      .select(['record_type', 'detail'])
      .where('child_id', '=', mia)
      .where('action', '=', 'care.health_assessment_record')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({
      record_type: 'care_health_assessment',
      detail: expect.objectContaining({ kind: 'iha', completedOn: '2026-03-18', ageBand: 'under_5' }),
    })
    const page = pageText((await b.get(`/children/${mia}/care`)).body)
    expect(page).toContain('Review health assessment: by 18 September 2026')
    expect(page).toMatch(/Initial health assessment\s+18 March 2026\s+LAC nurse\s+6 months/)
    expect(await count(mia)).toEqual({ assessments: 1, checks: 0, events: 2, audits: 2 })
    // Her review is six months away: not waited for yet, so she leaves the managers' list.
    const manager = await f.signedIn('team.manager')
    expect(pageText((await manager.get('/care/health-waiting')).body)).not.toContain('Mia Stone')
    // Recorded once: the initial assessment cannot be completed again.
    const again = await b.post(`/children/${mia}/care/health/iha`, {
      ...day('completed', '2026-03-19'),
      completedBy: 'LAC nurse',
    })
    expect(again.statusCode).toBe(409)
    expect(pageText(again.body)).toContain('The initial health assessment was completed on 18 March 2026')
  })

  it('shows in the chronology', async () => {
    const b = await f.signedIn('social.worker')
    const page = pageText((await b.get(`/children/${mia}/chronology`)).body)
    expect(page).toContain('Initial health assessment completed by LAC nurse')
    expect(page).toContain('Initial health assessment outstanding: waiting for the paperwork')
  })
})

describe('review health assessments follow the child’s age', () => {
  it('6 months before the 5th birthday, 12 months after it', async () => {
    const leo = await f.child({ given: 'Leo', family: 'Hart', dob: '2020-09-10' })
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${leo}/care/start`, start('2025-01-06'))).statusCode).toBe(303)
    const complete = (kind: 'iha' | 'rha', date: string) =>
      b.post(`/children/${leo}/care/health/${kind}`, { ...day('completed', date), completedBy: 'Dr Band' })
    expect((await complete('iha', '2025-01-20')).statusCode).toBe(303)
    expect((await complete('rha', '2025-07-15')).statusCode).toBe(303)
    // Not on the day of the last one, which it reviews.
    const sameDay = await complete('rha', '2025-07-15')
    expect(sameDay.statusCode).toBe(409)
    expect(pageText(sameDay.body)).toContain(
      'must be after 15 July 2025, when the last health assessment was completed',
    )
    expect((await complete('rha', '2026-01-12')).statusCode).toBe(303)
    expect(await healthTasks(leo)).toEqual([
      ['iha-20wd', '2025-02-03T23:59:59.999Z', 'stop'],
      // 4 on 20 January 2025: 6 months.
      ['rha', '2025-07-20T22:59:59.999Z', 'stop'],
      // 4 on 15 July 2025: 6 months.
      ['rha', '2026-01-15T23:59:59.999Z', 'stop'],
      // 5 on 12 January 2026: 12 months.
      ['rha', '2027-01-12T23:59:59.999Z', null],
    ])
    const bands = await db()
      .selectFrom('care_health_assessment')
      .select(['kind', 'age_band'])
      .where('child_id', '=', leo)
      .orderBy('id')
      .execute()
    expect(bands.map((r) => `${r.kind} ${r.age_band}`)).toEqual([
      'iha under_5',
      'rha under_5',
      'rha 5_and_over',
    ])
    const view = await db()
      .selectFrom('care_health_v')
      .select(['looked_after', 'iha_completed_on', 'rha_completed_on', 'rha_count', 'waiting_kind'])
      .where('child_id', '=', leo)
      .execute()
    expect(view).toEqual([
      {
        looked_after: true,
        iha_completed_on: '2025-01-20',
        rha_completed_on: '2026-01-12',
        rha_count: 2,
        waiting_kind: null,
      },
    ])
  })
})

describe('dental, sight, immunisations and the SDQ', () => {
  it('records each, keeps the history and shows the latest with whether it is in date', async () => {
    const b = await f.signedIn('social.worker')
    const check = (answers: Record<string, string>) => b.post(`/children/${mia}/care/health/check`, answers)
    expect((await check({ kind: 'dental', ...day('checked', '2026-03-05') })).statusCode).toBe(303)
    expect((await check({ kind: 'dental', ...day('checked', '2026-03-12') })).statusCode).toBe(303)
    expect(
      (await check({ kind: 'immunisations', upToDate: 'no', ...day('checked', '2026-03-12') })).statusCode,
    ).toBe(303)
    // Mia is 4: the SDQ is hers to have.
    expect(
      (await check({ kind: 'sdq', sdqScore: '14', sdqBy: 'Foster carer', ...day('checked', '2026-03-16') }))
        .statusCode,
    ).toBe(303)
    const page = pageText((await b.get(`/children/${mia}/care`)).body)
    expect(page).toMatch(
      /Dental check\s+12 March 2026\s+In date\s+Due again by 12 March 2027; 1 earlier record/,
    )
    expect(page).toMatch(/Sight test\s+Not recorded/)
    expect(page).toMatch(/Immunisations checked\s+12 March 2026: Not up to date/)
    expect(page).toContain('16 March 2026: Score 14, completed by Foster carer')
    const view = await db()
      .selectFrom('care_health_v')
      .select([
        'dental_on',
        'sight_on',
        'immunisations_on',
        'immunisations_up_to_date',
        'sdq_on',
        'sdq_score',
      ])
      .where('child_id', '=', mia)
      .executeTakeFirstOrThrow()
    expect(view).toEqual({
      dental_on: '2026-03-12',
      sight_on: null,
      immunisations_on: '2026-03-12',
      immunisations_up_to_date: false,
      sdq_on: '2026-03-16',
      sdq_score: 14,
    })
    expect((await count(mia)).checks).toBe(4)
  })

  it('refuses an SDQ out of range or for a child under 4, and a check before care, saving nothing', async () => {
    const zara = await f.child({ given: 'Zara', family: 'Quinn', dob: '2023-01-01' })
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${zara}/care/start`, start('2026-03-02'))).statusCode).toBe(303)
    const young = await b.post(`/children/${zara}/care/health/check`, {
      kind: 'sdq',
      sdqScore: '10',
      sdqBy: 'Foster carer',
      ...day('checked', '2026-03-10'),
    })
    expect(young.statusCode).toBe(409)
    expect(pageText(young.body)).toContain(
      'The child was 3 years old on that day: the SDQ is for children aged 4 to 16',
    )
    const high = await b.post(`/children/${zara}/care/health/check`, {
      kind: 'sdq',
      sdqScore: '41',
      sdqBy: 'Foster carer',
      ...day('checked', '2026-03-10'),
    })
    expect(high.statusCode).toBe(400)
    expect(pageText(high.body)).toContain('The SDQ score must be a whole number from 0 to 40')
    const early = await b.post(`/children/${zara}/care/health/check`, {
      kind: 'sight',
      ...day('checked', '2026-03-01'),
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('on or after 2 March 2026')
    expect(await count(zara)).toEqual({ assessments: 0, checks: 0, events: 0, audits: 0 })
  })
})

describe('who may record health', () => {
  it('refuses a reader who may see but not change the record, and someone with no link, auditing both', async () => {
    await f.grant(mia, 'health.visitor', 'process_participant', { reason: 'Health assessment' })
    const nurse = await f.signedIn('health.visitor')
    expect((await nurse.get(`/children/${mia}/care`)).statusCode).toBe(200)
    const police = await f.signedIn('police')
    const before = await count(mia)
    for (const b of [nurse, police]) {
      const res = await b.post(`/children/${mia}/care/health/check`, {
        kind: 'dental',
        ...day('checked', '2026-03-19'),
      })
      expect([403, 404]).toContain(res.statusCode)
      const denied = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute()
      expect(denied).toEqual([{ outcome: 'denied' }])
      expect((await b.get('/care/health-waiting')).statusCode).toBe(403)
    }
    expect(await count(mia)).toEqual(before)
  })
})

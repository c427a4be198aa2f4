/**
 * A looked-after child's education through its pages, on a fixed clock (Friday 20 March 2026,
 * noon). Ava (born 1 May 2016: Year 5, of compulsory school age) starts care on Monday 2 March:
 * the first PEP is owed within 10 working days, by the end of Monday 16 March. Her school from
 * before care is recorded, then a move to a school in borough on the 9th ends it on the 8th; a
 * school starting on or before the current one's start is refused. A PEP on Tuesday 10 March
 * stops the first clock (met) and owes the term's review by 10 June; a second PEP on the same
 * day, one before care, attendance over 100% and an exclusion before care are refused with
 * nothing saved. Missing education starts and ends. The care page, `care_education_v` and the
 * virtual school's caseload (managers and the performance officer; rows only for those who may
 * see the child) show it. Who may not record is refused and audited. Runs on PGlite and on
 * PostgreSQL.
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
let ava = 0

const start = careStartForm('2026-03-02')

const school = (date: string, over: Record<string, string> = {}) => ({
  ...day('start', date),
  schoolName: 'Oakfield Primary',
  urn: '114872',
  schoolLa: 'Essex',
  inBorough: 'no',
  ofstedGrade: 'requires_improvement',
  ...over,
})
const pep = (date: string) => ({
  ...day('held', date),
  attendedBy: 'Designated teacher, social worker, foster carer and Ava',
  quality: 'good',
  measurableTargets: 'yes',
  childVoice: 'yes',
})
const base = (childId: number) => `/children/${childId}/care/education`

/** The period's PEP clocks: each instance's due time and how it closed. */
async function pepTasks() {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'closed_by'])
    .where('child_id', '=', ava)
    .where('clock_code', 'like', 'pep-%')
    .orderBy('started_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.clock_code, r.due_at.toISOString(), r.closed_by])
}

const count = async (
  table: 'care_school' | 'care_pep' | 'care_attendance' | 'care_exclusion' | 'care_missing_education',
) => (await db().selectFrom(table).select('id').where('child_id', '=', ava).execute()).length

const saved = async () => ({
  schools: await count('care_school'),
  peps: await count('care_pep'),
  attendance: await count('care_attendance'),
  exclusions: await count('care_exclusion'),
  missing: await count('care_missing_education'),
  events: (
    await db()
      .selectFrom('case_event')
      .select('id')
      .where('child_id', '=', ava)
      .where((eb) => eb.or([eb('type', 'like', 'education.%'), eb('type', '=', 'pep.completed')]))
      .execute()
  ).length,
  audits: (
    await db()
      .selectFrom('audit_event')
      .select('id')
      .where('child_id', '=', ava)
      .where('action', 'like', 'care.education_%')
      .where('outcome', '=', 'allowed')
      .execute()
  ).length,
})

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2016-05-01' })
}, 60_000)
afterAll(async () => t.close())

describe('before care', () => {
  it('refuses education while the child is not looked after', async () => {
    const b = await f.signedIn('social.worker')
    const page = await b.get(`${base(ava)}/school`)
    expect(page.statusCode).toBe(409)
    expect(pageText(page.body)).toContain('Ava Brook is not looked after')
    expect((await b.post(`${base(ava)}/pep`, pep('2026-03-10'))).statusCode).toBe(409)
    expect(await saved()).toEqual({
      schools: 0,
      peps: 0,
      attendance: 0,
      exclusions: 0,
      missing: 0,
      events: 0,
      audits: 0,
    })
  })

  it('starting care owes the first PEP within 10 working days, shown on the care page', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${ava}/care/start`, start)).statusCode).toBe(303)
    expect(await pepTasks()).toEqual([['pep-10wd', '2026-03-16T23:59:59.999Z', null]])
    const text = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(text).toContain('Education')
    expect(text).toContain('Year 5, of compulsory school age')
    expect(text).toMatch(/PEP next due\s+Personal education plan in place: by 16 March 2026/)
    expect(text).toContain('No school recorded')
  })
})

describe('the school', () => {
  it('takes the school the child was at before care, then a move that ends it the day before', async () => {
    const b = await f.signedIn('social.worker')
    const first = await b.post(`${base(ava)}/school`, school('2024-09-04'))
    expect(first.statusCode, pageText(first.body).slice(0, 300)).toBe(303)
    expect(first.headers.location).toBe(`/children/${ava}/care#education`)
    // A second current school: starting on the current one's first day is refused.
    const clash = await b.post(`${base(ava)}/school`, school('2024-09-04', { schoolName: 'Grays Academy' }))
    expect(clash.statusCode).toBe(409)
    expect(pageText(clash.body)).toContain(
      'Oakfield Primary is the current school, from 4 September 2024: a new school must start after that date',
    )
    // A later school may not start before care: only the one the child was at may.
    const before = await b.post(`${base(ava)}/school`, school('2026-03-01', { schoolName: 'Grays Academy' }))
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain('when the child started to be looked after')
    const future = await b.post(`${base(ava)}/school`, school('2026-03-21', { schoolName: 'Grays Academy' }))
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('There is a problem')
    expect(pageText(future.body)).toContain('The date the school started must be today or in the past')
    expect((await saved()).schools).toBe(1)
    const moved = await b.post(
      `${base(ava)}/school`,
      school('2026-03-09', {
        schoolName: 'Grays Riverside Primary',
        urn: '145678',
        schoolLa: 'Thurrock',
        inBorough: 'yes',
        ofstedGrade: 'good',
      }),
    )
    expect(moved.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('care_school')
      .select(['school_name', 'in_borough', 'ofsted_grade', 'start_date', 'end_date'])
      .where('child_id', '=', ava)
      .orderBy('start_date')
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      {
        school_name: 'Oakfield Primary',
        in_borough: false,
        ofsted_grade: 'requires_improvement',
        start_date: '2024-09-04',
        end_date: '2026-03-08',
      },
      {
        school_name: 'Grays Riverside Primary',
        in_borough: true,
        ofsted_grade: 'good',
        start_date: '2026-03-09',
        end_date: null,
      },
    ])
    const events = await db()
      .selectFrom('case_event')
      .select(['occurred_at', 'summary'])
      .where('child_id', '=', ava)
      .where('type', '=', 'education.school_started')
      .orderBy('id')
      .execute()
    // The school from before care sits on care's first day.
    expect(events.map((e) => [e.occurred_at.toISOString(), e.summary])).toEqual([
      [
        '2026-03-02T12:00:00.000Z',
        'Started at Oakfield Primary (URN 114872, Essex, out of borough): Ofsted requires improvement',
      ],
      [
        '2026-03-09T12:00:00.000Z',
        'Started at Grays Riverside Primary (URN 145678, Thurrock, in borough): Ofsted good',
      ],
    ])
  })
})

describe('the PEP', () => {
  it('refuses a PEP before care or in the future, saving nothing', async () => {
    const b = await f.signedIn('social.worker')
    const before = await b.post(`${base(ava)}/pep`, pep('2026-03-01'))
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain(
      'The date of the PEP must be on or after 2 March 2026, when the child started to be looked after',
    )
    const future = await b.post(`${base(ava)}/pep`, pep('2026-03-21'))
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('The date of the PEP must be today or in the past')
    expect(await pepTasks()).toEqual([['pep-10wd', '2026-03-16T23:59:59.999Z', null]])
    expect((await saved()).peps).toBe(0)
  })

  it('a PEP stops the first clock and owes the term’s review 3 months on, with its audit row', async () => {
    const before = await saved()
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`${base(ava)}/pep`, pep('2026-03-10'))
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    // Three months from Tuesday 10 March is Wednesday 10 June, in British Summer Time.
    expect(await pepTasks()).toEqual([
      ['pep-10wd', '2026-03-16T23:59:59.999Z', 'stop'],
      ['pep-review-term', '2026-06-10T22:59:59.999Z', null],
    ])
    const row = await db()
      .selectFrom('care_pep')
      .select(['held_on', 'quality', 'measurable_targets', 'child_voice', 'carer_views', 'attended_by'])
      .where('child_id', '=', ava)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      held_on: '2026-03-10',
      quality: 'good',
      measurable_targets: true,
      child_voice: true,
      carer_views: false,
      attended_by: 'Designated teacher, social worker, foster carer and Ava',
    })
    const audit = await db()
      .selectFrom('audit_event')
      .select(['outcome', 'record_type', 'detail'])
      .where('child_id', '=', ava)
      .where('action', '=', 'care.education_pep')
      .execute()
    expect(audit).toEqual([
      {
        outcome: 'allowed',
        record_type: 'care_pep',
        detail: expect.objectContaining({ heldOn: '2026-03-10', quality: 'good' }),
      },
    ])
    expect(await saved()).toEqual({
      ...before,
      peps: 1,
      events: before.events + 1,
      audits: before.audits + 1,
    })
  })

  it('refuses a second PEP on the same day', async () => {
    const b = await f.signedIn('team.manager')
    const again = await b.post(`${base(ava)}/pep`, pep('2026-03-10'))
    expect(again.statusCode).toBe(409)
    expect(pageText(again.body)).toContain('The date of the PEP must be after the last PEP, on 10 March 2026')
    expect((await saved()).peps).toBe(1)
  })
})

describe('attendance, exclusions and missing education', () => {
  it('refuses attendance over 100% and an exclusion before care, saving nothing', async () => {
    const before = await saved()
    const b = await f.signedIn('social.worker')
    const over = await b.post(`${base(ava)}/attendance`, {
      ...day('asat', '2026-03-13'),
      measure: 'percent',
      percent: '101',
    })
    expect(over.statusCode).toBe(400)
    expect(pageText(over.body)).toContain('The percentage must be 100 or less')
    const sessions = await b.post(`${base(ava)}/attendance`, {
      ...day('asat', '2026-03-13'),
      measure: 'sessions',
      possible: '20',
      attended: '21',
    })
    expect(pageText(sessions.body)).toContain(
      'The sessions attended must be no more than the sessions possible',
    )
    const beforeCare = await b.post(`${base(ava)}/attendance`, {
      ...day('asat', '2026-02-27'),
      measure: 'percent',
      percent: '90',
    })
    expect(beforeCare.statusCode).toBe(409)
    const exclusion = await b.post(`${base(ava)}/exclusion`, {
      ...day('start', '2026-02-20'),
      kind: 'suspension',
      days: '2',
    })
    expect(exclusion.statusCode).toBe(409)
    expect(pageText(exclusion.body)).toContain(
      'The date the exclusion started must be on or after 2 March 2026, when the child started to be looked after',
    )
    expect(await saved()).toEqual(before)
  })

  it('records attendance from sessions, a suspension, and missing education from its start to its end', async () => {
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`${base(ava)}/attendance`, {
      ...day('asat', '2026-03-13'),
      measure: 'sessions',
      possible: '180',
      attended: '170',
    })
    expect(ok.statusCode).toBe(303)
    const x = await b.post(`${base(ava)}/exclusion`, {
      ...day('start', '2026-03-11'),
      kind: 'suspension',
      days: '2',
    })
    expect(x.statusCode).toBe(303)
    const missing = await b.post(`${base(ava)}/missing`, {
      ...day('from', '2026-03-16'),
      reason: 'Suspended place withdrawn; awaiting a new place',
      provision: 'tutoring',
    })
    expect(missing.statusCode).toBe(303)
    const twice = await b.post(`${base(ava)}/missing`, {
      ...day('from', '2026-03-17'),
      reason: 'Again',
      provision: 'none',
    })
    expect(twice.statusCode).toBe(409)
    expect(pageText(twice.body)).toContain('already recorded as missing education from 16 March 2026')
    const early = await b.post(`${base(ava)}/missing/end`, day('to', '2026-03-15'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('on or after 16 March 2026, when missing education started')
    const view = await db()
      .selectFrom('care_education_v')
      .selectAll()
      .where('child_id', '=', ava)
      .executeTakeFirstOrThrow()
    expect(view).toMatchObject({
      school_name: 'Grays Riverside Primary',
      in_borough: true,
      ofsted_grade: 'good',
      last_pep_on: '2026-03-10',
      attendance_percent: 94.4,
      attendance_term: 'spring',
      attendance_year: 2025,
      last_exclusion_on: '2026-03-11',
      missing_education_from: '2026-03-16',
    })
    expect(view.pep_due_at?.toISOString()).toBe('2026-06-10T22:59:59.999Z')
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Grays Riverside Primary (URN 145678), Thurrock, in borough')
    expect(page).toMatch(/PEP next due\s+Personal education plan review: by 10 June 2026/)
    expect(page).toContain('94.4%, spring term 2025/26 (as at 13 March 2026)')
    expect(page).toMatch(/Exclusions this school year\s+1/)
    expect(page).toContain('Since 16 March 2026: Suspended place withdrawn; awaiting a new place')
    expect((await b.post(`${base(ava)}/missing/end`, day('to', '2026-03-18'))).statusCode).toBe(303)
    expect(await saved()).toEqual({
      schools: 2,
      peps: 1,
      attendance: 1,
      exclusions: 1,
      missing: 1,
      events: 7,
      audits: 7,
    })
    const chronology = await db()
      .selectFrom('case_event')
      .select(['type', 'summary'])
      .where('child_id', '=', ava)
      .where('type', 'in', [
        'education.attendance_recorded',
        'education.exclusion_recorded',
        'education.missing_ended',
      ])
      .orderBy('id')
      .execute()
    expect(chronology.map((e) => e.summary)).toEqual([
      'Attendance, spring term 2025/26: 94.4% as at 13 March 2026',
      'Suspended from school for 2 days',
      'No longer missing education',
    ])
    const chron = pageText((await b.get(`/children/${ava}/chronology`)).body)
    expect(chron).toContain('Personal education plan: quality good')
  })
})

describe('the virtual school’s caseload', () => {
  it('lists the children of school age for a manager, filtered in or out of borough, audited', async () => {
    const b = await f.signedIn('team.manager')
    const page = await b.get('/virtual-school')
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain('Virtual school')
    expect(text).toMatch(
      /Ava Brook\s+Year 5\s+Grays Riverside Primary\s+Ofsted: Good\s+In borough\s+10 June 2026\s+94.4% \(spring term 2025\/26\)\s+1/,
    )
    expect(pageText((await b.get('/virtual-school?borough=in')).body)).toContain('Ava Brook')
    const out = await b.get('/virtual-school?borough=out')
    expect(pageText(out.body)).not.toContain('Ava Brook')
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('request_id', '=', String(page.headers['x-request-id']))
      .where('action', '=', 'child.list')
      .executeTakeFirstOrThrow()
    // Every child listed (the demo's child in care too) is audited as read.
    expect(audit.detail).toMatchObject({ page: 'virtual_school', childIds: expect.arrayContaining([ava]) })
  })

  it('shows the performance officer the figures and no names; a social worker may not see it', async () => {
    const perf = await f.signedIn('performance')
    const page = await perf.get('/virtual-school')
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toMatch(/At a school in borough\s+1/)
    expect(text).not.toContain('Ava Brook')
    const worker = await f.signedIn('social.worker')
    expect((await worker.get('/virtual-school')).statusCode).toBe(403)
  })
})

describe('who may record education', () => {
  it('refuses a reader who may see but not change the record, and someone with no link, auditing both', async () => {
    const before = await saved()
    await f.grant(ava, 'health.visitor', 'process_participant', { reason: 'Health assessment' })
    const nurse = await f.signedIn('health.visitor')
    expect((await nurse.get(`/children/${ava}/care`)).statusCode).toBe(200)
    const police = await f.signedIn('police')
    for (const b of [nurse, police]) {
      const res = await b.post(`${base(ava)}/exclusion`, { ...day('start', '2026-03-19'), kind: 'permanent' })
      expect([403, 404]).toContain(res.statusCode)
      const denied = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute()
      expect(denied).toEqual([{ outcome: 'denied' }])
    }
    expect(await saved()).toEqual(before)
  })
})

/**
 * The records the SSDA903 also needs, through the care page's forms, on a fixed clock (Friday 20
 * March 2026, noon). Ava (born 1 May 2010) starts care on Monday 2 March. Her previous permanence
 * is recorded (an order dated after care started is refused with nothing saved); she goes missing
 * on the 10th and comes back on the 11th, which starts the return home interview clock, stopped
 * by the offer on the 12th; an episode overlapping it is refused; her UASC status and age
 * assessment are recorded (an end dated in the future, or an assessment without its date, refused). Each write has its
 * case event and audit row; the chronology reads them; someone with no link to the child is
 * refused and audited. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { careStartForm, dayFields as day } from '../support/care.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0

const start = careStartForm('2026-03-02')

const count = async (table: 'care_previous_permanence' | 'care_missing_episode' | 'care_uasc') =>
  (await db().selectFrom(table).select('child_id').where('child_id', '=', ava).execute()).length
const audits = async (action: string) =>
  (
    await db()
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('child_id', '=', ava)
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((r) => r.outcome)
const events = async (like: string) =>
  (
    await db()
      .selectFrom('case_event')
      .select(['type', 'summary'])
      .where('child_id', '=', ava)
      .where('type', 'like', like)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute()
  ).map((e) => [e.type, e.summary])

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2010-05-01' })
}, 60_000)
afterAll(async () => t.close())

describe('before care', () => {
  it('refuses each form while the child is not looked after', async () => {
    const b = await f.signedIn('social.worker')
    for (const form of ['previous-permanence', 'missing', 'uasc']) {
      const page = await b.get(`/children/${ava}/care/${form}`)
      expect(page.statusCode, form).toBe(409)
      expect(pageText(page.body)).toContain('Ava Brook is not looked after')
    }
    expect((await b.post(`/children/${ava}/care/previous-permanence`, { prevPerm: 'Z1' })).statusCode).toBe(
      409,
    )
    expect(await count('care_previous_permanence')).toBe(0)
  })
})

describe('previous permanence', () => {
  it('is asked on the care page once care starts', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${ava}/care/start`, start)).statusCode).toBe(303)
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Not recorded: the SSDA903 asks it of every child who starts to be looked after')
    expect(page).toContain('Record previous permanence')
  })

  it('refuses an order dated after care started, or without its date, with nothing saved', async () => {
    const b = await f.signedIn('social.worker')
    const late = await b.post(`/children/${ava}/care/previous-permanence`, {
      prevPerm: 'P2',
      ...day('order', '2026-03-02'),
      orderLa: '883',
    })
    expect(late.statusCode).toBe(409)
    const text = pageText(late.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain(
      'The date of the order must be before 2 March 2026, when the child started to be looked after',
    )
    expect(late.body).toContain('value="883"')
    const undated = await b.post(`/children/${ava}/care/previous-permanence`, { prevPerm: 'P1' })
    expect(undated.statusCode).toBe(400)
    expect(pageText(undated.body)).toContain('Enter the date the order was made')
    expect(await count('care_previous_permanence')).toBe(0)
    expect(await audits('care.previous_permanence_record')).toEqual([])
  })

  it('records the order, with its case event and audit row, and a correction replaces it', async () => {
    const b = await f.signedIn('social.worker')
    const saved = await b.post(`/children/${ava}/care/previous-permanence`, {
      prevPerm: 'P2',
      ...day('order', '2021-06-14'),
      orderLa: '883',
    })
    expect(saved.statusCode).toBe(303)
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('P2: Special guardianship order (SGO), made 14 June 2021, arranged by 883')
    expect((await b.post(`/children/${ava}/care/previous-permanence`, { prevPerm: 'Z1' })).statusCode).toBe(
      303,
    )
    const rows = await db()
      .selectFrom('care_previous_permanence_v')
      .select(['prev_perm', 'date_perm', 'la_perm', 'period_start'])
      .where('child_id', '=', ava)
      .execute()
    expect(rows).toEqual([{ prev_perm: 'Z1', date_perm: null, la_perm: null, period_start: '2026-03-02' }])
    expect(await audits('care.previous_permanence_record')).toEqual(['allowed', 'allowed'])
    expect(await events('care.previous_permanence%')).toEqual([
      [
        'care.previous_permanence_recorded',
        'Previous permanence recorded: special guardianship order (SGO) made 14 June 2021, arranged by 883',
      ],
      ['care.previous_permanence_recorded', 'Previous permanence recorded: none, or not known'],
    ])
  })
})

describe('missing and away episodes', () => {
  const rhiTasks = async () =>
    (
      await db()
        .selectFrom('task')
        .select(['clock_code', 'due_at', 'closed_by'])
        .where('child_id', '=', ava)
        .where('clock_code', '=', 'rhi-72h')
        .orderBy('id')
        .execute()
    ).map((r) => [r.due_at.toISOString(), r.closed_by])

  it('records an episode still open, then the return, which starts the interview clock', async () => {
    const b = await f.signedIn('social.worker')
    const form = pageText((await b.get(`/children/${ava}/care/missing`)).body)
    expect(form).toContain('Record a missing or away episode')
    const refused = await b.post(`/children/${ava}/care/missing`, { ...day('start', '2026-03-01') })
    expect(refused.statusCode).toBe(400)
    expect(pageText(refused.body)).toContain('Select whether the child was missing or away from placement')
    const before = await b.post(`/children/${ava}/care/missing`, { kind: 'M', ...day('start', '2026-03-01') })
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain(
      'The date the episode started must be on or after 2 March 2026, when the child started to be looked after',
    )
    expect(await count('care_missing_episode')).toBe(0)

    expect(
      (await b.post(`/children/${ava}/care/missing`, { kind: 'M', ...day('start', '2026-03-10') }))
        .statusCode,
    ).toBe(303)
    expect(await rhiTasks()).toEqual([])
    const back = pageText((await b.get(`/children/${ava}/care/missing`)).body)
    expect(back).toContain('Record the child’s return')
    expect(back).toContain('Missing since 10 March 2026')
    expect((await b.post(`/children/${ava}/care/missing`, { ...day('end', '2026-03-11') })).statusCode).toBe(
      303,
    )
    // Back at noon on the 11th (a day's records sit at noon): the offer is due 72 hours later.
    expect(await rhiTasks()).toEqual([['2026-03-14T12:00:00.000Z', null]])
  })

  it('the offer of a return home interview stops the clock; an overlapping episode is refused', async () => {
    const b = await f.signedIn('social.worker')
    const again = await b.post(`/children/${ava}/care/missing`, {
      kind: 'A',
      ...day('start', '2026-03-11'),
      ...day('end', '2026-03-12'),
    })
    expect(again.statusCode).toBe(409)
    expect(pageText(again.body)).toContain(
      'Another episode from 10 March 2026 to 11 March 2026 overlaps these dates',
    )
    const away = await b.post(`/children/${ava}/care/missing`, {
      kind: 'A',
      ...day('start', '2026-03-15'),
      ...day('end', '2026-03-15'),
      ...day('offered', '2026-03-16'),
      ...day('held', '2026-03-17'),
    })
    expect(away.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('care_missing_v')
      .select(['missing', 'mis_start', 'mis_end', 'rhi_offered_on', 'rhi_held_on'])
      .where('child_id', '=', ava)
      .orderBy('mis_start')
      .execute()
    expect(rows).toEqual([
      {
        missing: 'M',
        mis_start: '2026-03-10',
        mis_end: '2026-03-11',
        rhi_offered_on: null,
        rhi_held_on: null,
      },
      {
        missing: 'A',
        mis_start: '2026-03-15',
        mis_end: '2026-03-15',
        rhi_offered_on: '2026-03-16',
        rhi_held_on: '2026-03-17',
      },
    ])
    expect((await rhiTasks()).map(([, closed]) => closed)).toEqual([null, 'stop'])
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Offered 16 March 2026; held 17 March 2026')
    expect(page).toContain('Not offered')
    expect(await audits('care.missing_record')).toEqual(['allowed', 'allowed', 'allowed'])
  })

  it('reads on the chronology', async () => {
    const b = await f.signedIn('social.worker')
    const page = pageText((await b.get(`/children/${ava}/chronology`)).body)
    expect(page).toContain('Reported missing')
    expect(page).toContain('Away from placement without authorisation')
    expect(page).toContain('Return home interview offered')
    expect(page).toContain('Previous permanence recorded: none, or not known')
  })
})

describe('unaccompanied asylum-seeking child status', () => {
  it('refuses an end in the future or an assessment without its date, then records it', async () => {
    const b = await f.signedIn('social.worker')
    const late = await b.post(`/children/${ava}/care/uasc`, {
      ...day('from', '2026-03-02'),
      ...day('ceased', '2028-05-02'),
      assessment: 'none',
    })
    expect(late.statusCode).toBe(400) // in the future
    const undated = await b.post(`/children/${ava}/care/uasc`, {
      ...day('from', '2026-03-02'),
      assessment: 'older',
    })
    expect(undated.statusCode).toBe(400)
    expect(pageText(undated.body)).toContain('Enter the date of the age assessment')
    expect(await count('care_uasc')).toBe(0)
    const saved = await b.post(`/children/${ava}/care/uasc`, {
      ...day('from', '2026-03-02'),
      assessment: 'accepted',
      ...day('assessed', '2026-03-09'),
    })
    expect(saved.statusCode).toBe(303)
    expect(
      await db()
        .selectFrom('care_uasc_v')
        .select(['uasc_from', 'duc', 'age_assessment'])
        .where('child_id', '=', ava)
        .execute(),
    ).toEqual([{ uasc_from: '2026-03-02', duc: null, age_assessment: 'accepted' }])
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain(
      'Yes, from 2 March 2026; the status ends 1 May 2028. Age as claimed accepted, 9 March 2026',
    )
    expect(await audits('care.uasc_record')).toEqual(['allowed'])
    expect((await events('care.uasc%')).map(([, s]) => s)).toEqual([
      'Unaccompanied asylum-seeking child from 2 March 2026; age assessed 9 March 2026: age as claimed accepted',
    ])
  })
})

describe('who may record them', () => {
  it('refuses someone with no link to the child, and audits it', async () => {
    const police = await f.signedIn('police')
    for (const [form, answers] of [
      ['previous-permanence', { prevPerm: 'Z1' }],
      ['missing', { kind: 'M', ...day('start', '2026-03-19') }],
      ['uasc', { ...day('from', '2026-03-02'), assessment: 'none' }],
    ] as const) {
      const post = await police.post(`/children/${ava}/care/${form}`, answers)
      expect([403, 404], form).toContain(post.statusCode)
      const audit = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(post.headers['x-request-id']))
        .execute()
      expect(audit, form).toEqual([{ outcome: 'denied' }])
    }
    expect(await count('care_missing_episode')).toBe(2)
    expect(await count('care_uasc')).toBe(1)
  })
})

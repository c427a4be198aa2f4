/**
 * The SSDA903's OC3 and OC2 records through the care page's forms, on a fixed clock (Friday 20
 * March 2026, noon). Jo (born 10 May 2007) was looked after from 1 June 2023 and left care on 9
 * May 2025, the day before her 18th birthday: she is a care leaver, asked about her 18th to 21st
 * birthdays; her 19th's window (10 February to 10 June 2026) is open. Ava (born 1 May 2012) is
 * looked after from 2 March 2026: her conviction, substance misuse and reason for no SDQ are
 * recorded. Bad answers get the error summary with nothing saved; a social worker of another team
 * is refused and audited; a failure after the row is written leaves nothing. Runs on PGlite and
 * on PostgreSQL.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let jo = 0
let ava = 0

const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

const start = (iso: string) => ({
  ...day('start', iso),
  admission: 'emergency',
  legalStatus: 'V2',
  categoryOfNeed: 'N1',
  homePostcode: 'RM17 6AB',
  place: 'U6',
  provider: 'PR1',
  carer: 'Jo and Sam Green',
  urn: '',
  postcode: 'RM16 2TX',
})

const audits = async (child: number, action: string) =>
  (
    await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('child_id', '=', child)
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((r) => r.outcome)
const contacts = () =>
  db()
    .selectFrom('care_leaver_v')
    .select(['age', 'birthday', 'contact_on', 'in_touch', 'activ', 'accom'])
    .where('child_id', '=', jo)
    .orderBy('age')
    .execute()
const outcomes = () =>
  db()
    .selectFrom('care_oc2_v')
    .select(['kind', 'occurred_on', 'code'])
    .where('child_id', '=', ava)
    .orderBy('occurred_on')
    .orderBy('kind')
    .execute()

beforeAll(async () => {
  t = await openTestApp({ clock })
  jo = await f.child({ given: 'Jo', family: 'Reed', dob: '2007-05-10' })
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2012-05-01' })
  const b = await f.signedIn('social.worker')
  expect((await b.post(`/children/${jo}/care/start`, start('2023-06-01'))).statusCode).toBe(303)
  expect(
    (await b.post(`/children/${jo}/care/end`, { ...day('end', '2025-05-09'), reason: 'E5' })).statusCode,
  ).toBe(303)
  expect((await b.post(`/children/${ava}/care/start`, start('2026-03-02'))).statusCode).toBe(303)
}, 60_000)
afterAll(async () => t.close())

describe('a care leaver’s contact around a birthday (OC3)', () => {
  it('shows the birthdays the SSDA903 asks about on the care page, after care ended', async () => {
    const b = await f.signedIn('social.worker')
    const page = pageText((await b.get(`/children/${jo}/care`)).body)
    expect(page).toContain('Care leaver')
    expect(page).toContain('Left care on 9 May 2025')
    expect(page).toContain('17th birthday, 10 May 2024 Not asked: still looked after on the birthday')
    expect(page).toContain('18th birthday, 10 May 2025 Not recorded (the window closed 10 June 2025)')
    expect(page).toContain('19th birthday, 10 May 2026 Due by 10 June 2026')
    expect(page).toContain('20th birthday, 10 May 2027 Due from 10 February 2027 to 10 June 2027')
    expect(page).toContain('Record contact with the care leaver')
  })

  it('is not asked of a child still looked after', async () => {
    const b = await f.signedIn('social.worker')
    const page = await b.get(`/children/${ava}/care/leaver-contact`)
    expect(page.statusCode).toBe(409)
    expect(pageText(page.body)).toContain('Ava Brook is not a care leaver')
    expect(pageText((await b.get(`/children/${ava}/care`)).body)).not.toContain(
      'Record contact with the care leaver',
    )
  })

  it('refuses bad answers with the error summary, saving nothing', async () => {
    const b = await f.signedIn('social.worker')
    const form = pageText((await b.get(`/children/${jo}/care/leaver-contact`)).body)
    expect(form).toContain('19th birthday, 10 May 2026')
    expect(form).toContain('18th birthday, 10 May 2025')
    const unfinished = await b.post(`/children/${jo}/care/leaver-contact`, {
      age: '19',
      ...day('contact', '2026-03-18'),
      inTouch: 'YES',
      accommodation: 'S',
      suitable: 'yes',
    })
    expect(unfinished.statusCode).toBe(400)
    const text = pageText(unfinished.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Select what the young person is doing')
    expect(text).toContain('No fixed abode or homeless is never counted as suitable accommodation')
    expect(unfinished.body).toContain('<title>Error:')
    const early = await b.post(`/children/${jo}/care/leaver-contact`, {
      age: '19',
      ...day('contact', '2026-02-09'),
      inTouch: 'NO',
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain(
      'The date must be from 10 February 2026 to 10 June 2026: 3 months before to 1 month after the 19th birthday',
    )
    const seventeenth = await b.post(`/children/${jo}/care/leaver-contact`, {
      age: '17',
      ...day('contact', '2026-03-18'),
      inTouch: 'NO',
    })
    expect(seventeenth.statusCode).toBe(409)
    expect(await contacts()).toEqual([])
    expect(await audits(jo, 'care.leaver_contact_record')).toEqual([])
  })

  it('records the contact with its case event and audit row; a correction replaces it', async () => {
    const b = await f.signedIn('social.worker')
    const saved = await b.post(`/children/${jo}/care/leaver-contact`, {
      age: '19',
      ...day('contact', '2026-03-18'),
      inTouch: 'YES',
      activity: 'F5',
      accommodation: 'U',
      suitable: 'yes',
    })
    expect(saved.statusCode).toBe(303)
    expect(await contacts()).toEqual([
      {
        age: 19,
        birthday: '2026-05-10',
        contact_on: '2026-03-18',
        in_touch: 'YES',
        activ: 'F5',
        accom: 'U1',
      },
    ])
    const page = pageText((await b.get(`/children/${jo}/care`)).body)
    expect(page).toContain(
      '19th birthday, 10 May 2026 In touch; full-time employment; independent living (suitable). Contact 18 March 2026',
    )
    // The 18th birthday's, late: its window closed, the contact dated inside it.
    expect(
      (
        await b.post(`/children/${jo}/care/leaver-contact`, {
          age: '18',
          ...day('contact', '2025-05-20'),
          inTouch: 'REFU',
        })
      ).statusCode,
    ).toBe(303)
    expect(
      (
        await b.post(`/children/${jo}/care/leaver-contact`, {
          age: '19',
          ...day('contact', '2026-03-19'),
          inTouch: 'YES',
          activity: 'G5',
          accommodation: 'S',
          suitable: 'no',
        })
      ).statusCode,
    ).toBe(303)
    expect((await contacts()).map((c) => [c.age, c.in_touch, c.activ, c.accom])).toEqual([
      [18, 'REFU', '0', '0'],
      [19, 'YES', 'G5', 'S2'],
    ])
    expect(await audits(jo, 'care.leaver_contact_record')).toEqual(['allowed', 'allowed', 'allowed'])
    const chronology = pageText((await b.get(`/children/${jo}/chronology`)).body)
    expect(chronology).toContain('Care leaver contact, 18th birthday: the young person refuses contact')
  })
})

describe('the outcomes of a child looked after (OC2)', () => {
  it('refuses bad answers, saving nothing', async () => {
    const b = await f.signedIn('social.worker')
    const missing = await b.post(`/children/${ava}/care/outcomes/substance-misuse`, {
      ...day('date', '2026-03-10'),
    })
    expect(missing.statusCode).toBe(400)
    expect(pageText(missing.body)).toContain('Select whether an intervention was received or offered')
    const before = await b.post(`/children/${ava}/care/outcomes/offence`, {
      code: 'conviction',
      ...day('date', '2026-03-01'),
    })
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain(
      'The date must be on or after 2 March 2026, when the child started to be looked after',
    )
    expect(await outcomes()).toEqual([])
    expect(await audits(ava, 'care.outcome_record')).toEqual([])
  })

  it('records each, with its case event and audit row, on the care page and its chronology', async () => {
    const b = await f.signedIn('social.worker')
    for (const [path, code, date] of [
      ['offence', 'youth_caution', '2026-03-05'],
      ['substance-misuse', 'offered', '2026-03-06'],
      ['sdq-reason', 'SDQ5', '2026-03-09'],
    ] as const) {
      const form = await b.get(`/children/${ava}/care/outcomes/${path}`)
      expect(form.statusCode).toBe(200)
      const res = await b.post(`/children/${ava}/care/outcomes/${path}`, {
        code,
        ...day('date', date),
        _submission: /name="_submission" value="([^"]+)"/.exec(form.body)?.[1] ?? '',
      })
      expect(res.statusCode, path).toBe(303)
    }
    expect(await outcomes()).toEqual([
      { kind: 'offence', occurred_on: '2026-03-05', code: 'youth_caution' },
      { kind: 'substance_misuse', occurred_on: '2026-03-06', code: 'offered' },
      { kind: 'sdq_reason', occurred_on: '2026-03-09', code: 'SDQ5' },
    ])
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('5 March 2026: Youth caution')
    expect(page).toContain(
      '6 March 2026: Substance misuse problem identified: an intervention was offered but not taken up',
    )
    expect(page).toContain('9 March 2026: No SDQ completed: the young person refused to complete it')
    expect(await audits(ava, 'care.outcome_record')).toEqual(['allowed', 'allowed', 'allowed'])
    expect(pageText((await b.get(`/children/${ava}/chronology`)).body)).toContain('Youth caution')
  })

  it('is not recorded once care has ended', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.post(`/children/${jo}/care/outcomes/offence`, {
      code: 'conviction',
      ...day('date', '2026-03-01'),
    })
    expect(res.statusCode).toBe(409)
    expect((await b.get(`/children/${jo}/care/outcomes/offence`)).statusCode).toBe(409)
  })

  it('saves nothing when a later write of the same record fails', async () => {
    await sql
      .raw(
        `create function care_outcomes_test_fail() returns trigger language plpgsql as
           $$ begin raise exception 'case event refused by the test'; end $$;
         create trigger care_outcomes_test_fail before insert on case_event
           for each row when (new.child_id = ${ava} and new.type = 'care_outcome.recorded')
           execute function care_outcomes_test_fail();`,
      )
      .execute(db())
    try {
      const b = await f.signedIn('social.worker')
      const res = await b.post(`/children/${ava}/care/outcomes/offence`, {
        code: 'conviction',
        ...day('date', '2026-03-19'),
      })
      expect(res.statusCode).toBe(500)
    } finally {
      await sql
        .raw('drop trigger care_outcomes_test_fail on case_event; drop function care_outcomes_test_fail();')
        .execute(db())
    }
    expect(await outcomes()).toHaveLength(3)
    expect(await audits(ava, 'care.outcome_record')).toEqual(['allowed', 'allowed', 'allowed'])
  })
})

describe('who may record them', () => {
  it('refuses a social worker of another team, and audits it, saving nothing', async () => {
    const other = await f.signedIn('social.worker2')
    for (const [child, path, answers] of [
      [jo, 'leaver-contact', { age: '19', ...day('contact', '2026-03-18'), inTouch: 'NO' }],
      [ava, 'outcomes/offence', { code: 'conviction', ...day('date', '2026-03-19') }],
      [ava, 'outcomes/sdq-reason', { code: 'SDQ2', ...day('date', '2026-03-19') }],
    ] as const) {
      expect((await other.get(`/children/${child}/care/${path}`)).statusCode, path).toBe(403)
      const post = await other.post(`/children/${child}/care/${path}`, answers)
      expect(post.statusCode, path).toBe(403)
      const audit = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(post.headers['x-request-id']))
        .execute()
      expect(audit, path).toEqual([{ outcome: 'denied' }])
    }
    expect((await contacts()).map((c) => c.in_touch)).toEqual(['REFU', 'YES'])
    expect(await outcomes()).toHaveLength(3)
  })
})

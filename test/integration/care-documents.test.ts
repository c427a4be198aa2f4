/**
 * Documents and money for children looked after, through their pages, on a fixed clock (Friday 20
 * March 2026, noon). Ben Carter (Safeguarding team) has three children in care: Mia, 16, looked
 * after since 19 February (29 days: on the list), Zac since 20 February (exactly 4 weeks: not on
 * it) and Eve, 14, since June 2025 (on it, but not for an NI number). Amara Lewis (Assessment team)
 * has Lou. Bad answers (dates in the future or before birth, an expiry before issue, a kind not
 * listed) are refused with nothing saved; a reader who may not change the record is refused and
 * audited; each record writes its row, its case event and its audit row together. The managers'
 * list names who lacks what, filters by team and worker, counts at the top, is audited as a list,
 * and shows each manager only the children they may see. Runs on PGlite and on PostgreSQL.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'
import { careStartForm, dayFields as day } from '../support/care.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
const kids = { mia: 0, zac: 0, eve: 0, lou: 0 }

const start = (date: string) => careStartForm(date)

const path = (child: number, item: string) => `/children/${child}/care/documents/${item}`

/** What is saved about the child's documents: rows, case events and allowed audit rows. */
const saved = async (child: number) => ({
  rows: (await db().selectFrom('care_document').select('id').where('child_id', '=', child).execute()).length,
  events: (
    await db()
      .selectFrom('case_event')
      .select('id')
      .where('child_id', '=', child)
      .where('type', '=', 'care_document.recorded')
      .execute()
  ).length,
  audits: (
    await db()
      .selectFrom('audit_event')
      .select('id')
      .where('child_id', '=', child)
      .where('action', '=', 'care.documents_record')
      .where('outcome', '=', 'allowed')
      .execute()
  ).length,
})

/** The list's rows as "name: looked after for; the cells…; team; worker". */
function listRows(html: string): string[] {
  return [...html.matchAll(/<tr class="govuk-table__row" data-testid="documents-row">([\s\S]*?)<\/tr>/g)].map(
    (m) => pageText(m[1] ?? ''),
  )
}
const names = (html: string) => listRows(html).map((r) => r.split(' ').slice(0, 2).join(' '))

beforeAll(async () => {
  t = await openTestApp({ clock })
  kids.mia = await f.child({ given: 'Mia', family: 'Stone', dob: '2009-05-01' }, 'social.worker2')
  kids.zac = await f.child({ given: 'Zac', family: 'Stone', dob: '2014-01-01' }, 'social.worker2')
  kids.eve = await f.child({ given: 'Eve', family: 'Marsh', dob: '2011-07-01' }, 'social.worker2')
  kids.lou = await f.child({ given: 'Lou', family: 'Field', dob: '2012-01-01' }, 'social.worker')
  const ben = await f.signedIn('social.worker2')
  const amara = await f.signedIn('social.worker')
  for (const [b, child, date] of [
    [ben, kids.mia, '2026-02-19'],
    [ben, kids.zac, '2026-02-20'],
    [ben, kids.eve, '2025-06-01'],
    [amara, kids.lou, '2025-01-01'],
  ] as const) {
    const res = await b.post(`/children/${child}/care/start`, start(date))
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
  }
}, 60_000)
afterAll(async () => t.close())

describe('recording documents', () => {
  it('refuses bad answers with an error summary, saving nothing', async () => {
    const b = await f.signedIn('social.worker2')
    const cases: [string, Record<string, string>, string][] = [
      [
        'birth-certificate',
        { status: 'applied', ...day('applied', '2026-03-21') },
        'must be today or in the past',
      ],
      [
        'birth-certificate',
        { status: 'applied', ...day('applied', '2009-04-30') },
        'must be on or after the child’s date of birth, 1 May 2009',
      ],
      ['birth-certificate', { status: 'held' }, 'Enter where the original is kept'],
      [
        'identity-document',
        { status: 'held', kind: 'passport', ...day('issued', '2024-05-03'), ...day('expires', '2024-05-01') },
        'The expiry date must be after the date of issue, 3 May 2024',
      ],
      [
        'identity-document',
        { status: 'held', kind: 'driving_licence', ...day('issued', '2024-05-03') },
        'Select a document from the list',
      ],
      [
        'account',
        { status: 'held', kind: 'piggy_bank', ...day('opened', '2020-01-01') },
        'Select a kind of account',
      ],
      ['ni-number', { status: 'maybe' }, 'Select whether the child has received their NI number'],
    ]
    for (const [item, answers, message] of cases) {
      const res = await b.post(path(kids.mia, item), answers)
      expect(res.statusCode, `${item} ${message}`).toBe(400)
      const text = pageText(res.body)
      expect(text).toContain('There is a problem')
      expect(text).toContain(message)
      expect(res.body).toMatch(/<title>Error: /)
    }
    expect(await saved(kids.mia)).toEqual({ rows: 0, events: 0, audits: 0 })
  })

  it('refuses a reader who may see but not change the record, and someone with no link, auditing both', async () => {
    await f.grant(kids.mia, 'health.visitor', 'process_participant', { reason: 'Health assessment' })
    const nurse = await f.signedIn('health.visitor')
    expect((await nurse.get(`/children/${kids.mia}/care`)).statusCode).toBe(200)
    const police = await f.signedIn('police')
    for (const b of [nurse, police]) {
      const res = await b.post(path(kids.mia, 'birth-certificate'), {
        status: 'held',
        keptAt: 'At the office',
      })
      expect([403, 404]).toContain(res.statusCode)
      const audit = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute()
      expect(audit).toEqual([{ outcome: 'denied' }])
    }
    expect(await saved(kids.mia)).toEqual({ rows: 0, events: 0, audits: 0 })
  })

  it('refuses a child not looked after, saving nothing', async () => {
    const out = await f.child({ given: 'Ola', family: 'Brook', dob: '2012-01-01' }, 'social.worker2')
    const b = await f.signedIn('social.worker2')
    expect((await b.get(path(out, 'account'))).statusCode).toBe(409)
    const res = await b.post(path(out, 'account'), { status: 'not_held' })
    expect(res.statusCode).toBe(409)
    expect(await saved(out)).toEqual({ rows: 0, events: 0, audits: 0 })
  })

  it('saves nothing when a later write of the same record fails', async () => {
    // The case event, written after the row, is made to fail for Mia: the row goes with it.
    await sql
      .raw(
        `create function care_documents_test_fail() returns trigger language plpgsql as
           $$ begin raise exception 'case event refused by the test'; end $$;
         create trigger care_documents_test_fail before insert on case_event
           for each row when (new.child_id = ${kids.mia} and new.type = 'care_document.recorded')
           execute function care_documents_test_fail();`,
      )
      .execute(db())
    try {
      const b = await f.signedIn('social.worker2')
      const res = await b.post(path(kids.mia, 'account'), { status: 'not_held' })
      expect(res.statusCode).toBe(500)
    } finally {
      await sql
        .raw('drop trigger care_documents_test_fail on case_event; drop function care_documents_test_fail();')
        .execute(db())
    }
    expect(await saved(kids.mia)).toEqual({ rows: 0, events: 0, audits: 0 })
  })

  it('writes the row, the case event and the audit row together, and keeps each change', async () => {
    const b = await f.signedIn('social.worker2')
    const applied = await b.post(path(kids.mia, 'birth-certificate'), {
      status: 'applied',
      ...day('applied', '2026-03-02'),
    })
    expect(applied.statusCode, pageText(applied.body).slice(0, 300)).toBe(303)
    expect(applied.headers.location).toBe(`/children/${kids.mia}/care#documents`)
    const held = await b.post(path(kids.mia, 'birth-certificate'), {
      status: 'held',
      keptAt: 'on the child’s file at the office',
    })
    expect(held.statusCode).toBe(303)
    expect(await saved(kids.mia)).toEqual({ rows: 2, events: 2, audits: 2 })
    const events = await db()
      .selectFrom('case_event')
      .select(['summary', 'occurred_at'])
      .where('child_id', '=', kids.mia)
      .where('type', '=', 'care_document.recorded')
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.summary)).toEqual([
      'Birth certificate applied for on 2 March 2026',
      'Birth certificate held: the original is kept on the child’s file at the office',
    ])
    expect(events[0]?.occurred_at.toISOString()).toBe('2026-03-20T12:00:00.000Z')
    const audit = await db()
      .selectFrom('audit_event')
      .select(['record_type', 'basis', 'detail'])
      .where('child_id', '=', kids.mia)
      .where('action', '=', 'care.documents_record')
      .orderBy('id')
      .execute()
    expect(audit[1]).toEqual({
      record_type: 'care_document',
      basis: 'allocated_worker',
      detail: expect.objectContaining({ item: 'birth_certificate', status: 'held' }),
    })
    // The latest is the state, in the published view.
    const view = await db()
      .selectFrom('care_documents_v')
      .selectAll()
      .where('child_id', '=', kids.mia)
      .executeTakeFirstOrThrow()
    expect(view).toMatchObject({
      looked_after_since: '2026-02-19',
      birth_certificate: 'held',
      birth_certificate_kept_at: 'on the child’s file at the office',
      identity_document: null,
      ni_number: null,
      account: null,
    })
  })

  it('shows the section on the care page with each item, how long looked after and every change', async () => {
    const b = await f.signedIn('social.worker2')
    const page = await b.get(`/children/${kids.mia}/care`)
    const text = pageText(page.body)
    expect(text).toContain('Documents and money')
    expect(text).toContain('Looked after since 19 February 2026, for 4 weeks and 1 day')
    expect(text).toContain('Birth certificate held: the original is kept on the child’s file at the office')
    expect(text).toContain(
      'Without a passport or Home Office document, a National Insurance number, a bank or savings account',
    )
    expect(text).toMatch(
      /20 March 2026.*Birth certificate\s+Birth certificate applied for on 2 March 2026\s+Ben Carter/,
    )
    // A worker does not manage the list.
    expect(page.body).not.toContain('data-testid="documents-list-link"')
    const chronology = pageText((await b.get(`/children/${kids.mia}/chronology`)).body)
    expect(chronology).toContain('Birth certificate applied for on 2 March 2026')
  })
})

describe('the list of children lacking documents', () => {
  it('is for managers: a worker is refused', async () => {
    const b = await f.signedIn('social.worker2')
    expect((await b.get('/care/documents')).statusCode).toBe(403)
  })

  it('names each child looked after more than 4 weeks who lacks something, with counts, audited as a list', async () => {
    const b = await f.signedIn('service.manager')
    const res = await b.get('/care/documents')
    expect(res.statusCode).toBe(200)
    const listed = names(res.body)
    // Zac, exactly 4 weeks, is not on it; the others are, longest looked after first.
    expect(listed.filter((n) => /Stone|Marsh|Field/.test(n))).toEqual(['Lou Field', 'Eve Marsh', 'Mia Stone'])
    const rows = listRows(res.body)
    expect(rows.find((r) => r.startsWith('Eve Marsh'))).toMatch(
      /^Eve Marsh 9 months since 1 June 2025 Not recorded Not recorded Not yet \(under 16\) Not recorded Safeguarding team Ben Carter$/,
    )
    expect(rows.find((r) => r.startsWith('Mia Stone'))).toContain(
      '4 weeks and 1 day since 19 February 2026 Held Not recorded',
    )
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'detail'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]?.action).toBe('care.documents_list')
    const ids = (audit[0]?.detail as { childIds: number[] }).childIds.map(Number)
    expect(ids).toEqual(expect.arrayContaining([kids.mia, kids.eve, kids.lou]))
    expect(ids).not.toContain(kids.zac)
  })

  it('puts the count on the managers’ home page, naming no child', async () => {
    const owen = await f.signedIn('safeguarding.manager')
    const home = await owen.get('/')
    const panel = /data-testid="documents-summary"[\s\S]*?<\/div>/.exec(home.body)?.[0] ?? ''
    expect(pageText(panel)).toContain('2 children looked after for more than 4 weeks lack')
    expect(panel).toContain('href="/care/documents"')
    expect(panel).not.toContain('Mia')
    const worker = await f.signedIn('social.worker2')
    expect((await worker.get('/')).body).not.toContain('documents-summary')
  })

  it('filters by team and by worker, the counts following the filter', async () => {
    const b = await f.signedIn('service.manager')
    const team = await db()
      .selectFrom('team')
      .select('id')
      .where('name', '=', 'Safeguarding team')
      .executeTakeFirstOrThrow()
    const ben = await f.userId('social.worker2')
    const amara = await f.userId('social.worker')
    const byTeam = await b.get(`/care/documents?team=${team.id}`)
    expect(names(byTeam.body)).toEqual(['Eve Marsh', 'Mia Stone'])
    const counts = pageText(/data-testid="documents-counts"[\s\S]*?<\/dl>/.exec(byTeam.body)?.[0] ?? '')
    expect(counts).toContain('Looked after for more than 4 weeks 2')
    expect(counts).toContain('Lacking something 2')
    expect(counts).toContain('Without both a birth certificate and a passport or Home Office document 2')
    expect(counts).toContain('Without a birth certificate 1')
    expect(counts).toContain('Without a National Insurance number 1')
    expect(counts).toContain('Without a bank or savings account 2')
    expect(names((await b.get(`/care/documents?worker=${ben}&team=${team.id}`)).body)).toEqual([
      'Eve Marsh',
      'Mia Stone',
    ])
    expect(names((await b.get(`/care/documents?worker=${amara}`)).body)).toEqual(['Lou Field'])
    // A filter that is not an id shows everyone the reader may see.
    expect(names((await b.get('/care/documents?team=abc')).body)).toContain('Mia Stone')
  })

  it('shows a team manager only the children they may see, and the link checks the child again', async () => {
    const helen = await f.signedIn('team.manager')
    const page = await helen.get('/care/documents')
    expect(page.statusCode).toBe(200)
    expect(names(page.body)).toContain('Lou Field')
    expect(names(page.body)).not.toContain('Mia Stone')
    expect(page.body).toContain(`href="/children/${kids.lou}/care"`)
    expect([403, 404]).toContain((await helen.get(`/children/${kids.mia}/care`)).statusCode)
    const owen = await f.signedIn('safeguarding.manager')
    expect(names((await owen.get('/care/documents')).body)).toEqual(['Eve Marsh', 'Mia Stone'])
  })

  it('drops a child once they hold everything; a passport past its expiry is not held', async () => {
    const b = await f.signedIn('social.worker2')
    const answers: [string, Record<string, string>][] = [
      [
        'identity-document',
        { status: 'held', kind: 'passport', ...day('issued', '2021-03-20'), ...day('expires', '2026-03-20') },
      ],
      ['ni-number', { status: 'held', ...day('received', '2025-04-10') }],
      [
        'account',
        { status: 'held', kind: 'junior_isa', ...day('opened', '2019-09-02'), provider: 'Thameside Savers' },
      ],
    ]
    for (const [item, a] of answers) expect((await b.post(path(kids.mia, item), a)).statusCode).toBe(303)
    expect(await saved(kids.mia)).toEqual({ rows: 5, events: 5, audits: 5 })
    const owen = await f.signedIn('safeguarding.manager')
    expect(names((await owen.get('/care/documents')).body)).toEqual(['Eve Marsh'])
    // Mia's passport expires today and still counts. Eve's expired yesterday: she still lacks one.
    const eve = await b.post(path(kids.eve, 'identity-document'), {
      status: 'held',
      kind: 'passport',
      ...day('issued', '2021-03-19'),
      ...day('expires', '2026-03-19'),
    })
    expect(eve.statusCode).toBe(303)
    const row = listRows((await owen.get('/care/documents')).body)[0] ?? ''
    expect(row).toContain('Expired 19 March 2026')
    expect(pageText((await b.get(`/children/${kids.eve}/care`)).body)).toContain(
      'Passport held: issued 19 March 2021, expires 19 March 2026 (expired)',
    )
  })
})

/**
 * Annex A lists 5 (section 47 enquiries and ICPCs) and 6 (children in need) from Haven's records,
 * for the six months 1 June to 30 November 2026. A synthetic authority (the demo's generator,
 * writing enquiries, conferences and plans as the modules record them) fills both lists; beside
 * it, a few children are recorded by hand and their rows are checked cell by cell, among them a
 * child whose enquiry and referral ended before the period (on neither list) and a child on a CIN
 * plan seen at its visits. Runs on PGlite and on PostgreSQL.
 */
import type ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeNote } from '../../src/modules/casenotes/service.js'
import { DEMO_SYNTH_SEED } from '../../src/modules/demo/seed.js'
import { loadAuthority } from '../../src/modules/synth/load.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { exportAnnexABook, listRows, sheetRows } from '../support/annex-a.js'
import { openTestDatabase } from '../support/test-database.js'

const PERIOD = { from: '2026-06-01', to: '2026-11-30' }
const AUDIT: AuditContext = { userId: null, username: 'annex-a-5-6', requestId: 'annex-a-5-6' }
const CASE_STATUSES = [
  'a) Looked after child',
  'b) Child Protection plan',
  'c) Child in need plan',
  'd) Open assessment',
  'e) Closed episode',
]

let database: OpenDatabase
let book: ExcelJS.Workbook
const db = () => database.db
let worker = 0
let team = 0

const at = (iso: string) => new Date(iso)

async function child(
  la: string,
  sex: 'M' | 'F' | 'U',
  ethnicity: string | null,
  dob: string,
  disabilities: string[],
): Promise<number> {
  const row = await db()
    .insertInto('person')
    .values({
      kind: 'child',
      given_name: la,
      family_name: 'Annex',
      la_child_id: la,
      sex,
      ethnicity,
      date_of_birth: dob,
      disabilities,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function referral(
  childId: number,
  date: string,
  o: { allocated?: boolean; closedAt?: string; code?: string; nfa?: boolean } = {},
): Promise<number> {
  const closed = o.closedAt !== undefined
  const row = await db()
    .insertInto('referral')
    .values({
      child_id: childId,
      referral_date: date,
      referral_source: '5A',
      re_referral: false,
      nfa: o.nfa ?? false,
      status: closed ? 'closed' : o.allocated ? 'allocated' : 'awaiting_allocation',
      team_id: o.allocated ? team : null,
      worker_id: o.allocated ? worker : null,
      allocated_at: o.allocated ? at(`${date}T12:00:00Z`) : null,
      closed_at: closed ? at(o.closedAt as string) : null,
      closure_code: o.code ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function assessment(
  childId: number,
  referralId: number,
  started: string,
  o: { seen?: string; need?: string; authorised?: string; outcome?: 'strategy_discussion' } = {},
): Promise<void> {
  await db()
    .insertInto('assessment')
    .values({
      child_id: childId,
      referral_id: referralId,
      started_on: started,
      started_by: worker,
      started_at: at(`${started}T09:00:00Z`),
      status: o.authorised ? 'authorised' : 'in_progress',
      seen_on: o.seen ?? null,
      seen_alone: o.seen ? true : null,
      primary_need: o.need ?? null,
      outcome: o.outcome ?? null,
      authorised_on: o.authorised ?? null,
      authorised_by: o.authorised ? worker : null,
      updated_by: worker,
      updated_at: at(`${started}T09:00:00Z`),
    })
    .execute()
}

/** A strategy discussion held at `heldAt` and the section 47 enquiry it started that day. */
async function section47(
  childId: number,
  referralId: number | null,
  heldAt: string,
  o: { completed?: string; conference?: boolean } = {},
): Promise<number> {
  const sd = await db()
    .insertInto('strategy_discussion')
    .values({
      child_id: childId,
      referral_id: referralId,
      requested_by: worker,
      requested_at: at(heldAt),
      held_at: at(heldAt),
      outcome: 's47_joint',
      recorded_by: worker,
      recorded_at: at(heldAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const decided = o.completed !== undefined
  const row = await db()
    .insertInto('s47_enquiry')
    .values({
      child_id: childId,
      strategy_discussion_id: sd.id,
      start_date: heldAt.slice(0, 10),
      joint: true,
      created_at: at(heldAt),
      outcome: decided ? 'substantiated' : null,
      likely_significant_harm: decided ? o.conference === true : null,
      conference_needed: decided ? o.conference === true : null,
      no_conference_reason: decided && !o.conference ? 'Needs met through a plan with the family.' : null,
      completed_on: o.completed ?? null,
      outcome_recorded_by: decided ? worker : null,
      outcome_recorded_at: decided ? at(`${o.completed}T15:00:00Z`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** An initial conference held at `heldAt` for the enquiry, with the child's decision. */
async function initialConference(
  childId: number,
  s47Id: number,
  heldAt: string,
  decision: 'plan' | 'no_plan',
): Promise<number> {
  const row = await db()
    .insertInto('child_protection_conference')
    .values({
      kind: 'initial',
      scheduled_at: at(heldAt),
      chair_id: worker,
      arranged_by: worker,
      arranged_at: at(heldAt),
      held_at: at(heldAt),
      child_participation: 'too_young',
      family_participation: 'attended',
      recorded_by: worker,
      recorded_at: at(heldAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('conference_child')
    .values({
      conference_id: row.id,
      child_id: childId,
      s47_id: s47Id,
      decision,
      category: decision === 'plan' ? 'NEG' : null,
    })
    .execute()
  return row.id
}

beforeAll(async () => {
  database = await openTestDatabase()
  await syncClockDefinitions(db())
  // The demo authority's generator: a year of history to 1 December 2026.
  await loadAuthority(db(), {
    seed: DEMO_SYNTH_SEED,
    children: 200,
    asOf: new Date('2026-12-01T09:00:00Z'),
  })
  team = (
    await db()
      .insertInto('team')
      .values({ name: 'Annex A safeguarding team', kind: 'safeguarding' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  worker = (
    await db()
      .insertInto('app_user')
      .values({ username: 'annex.worker', display_name: 'Annex Worker', role: 'social_worker' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id

  // Ava: two enquiries in the 12 months (one before the period), the second to an initial
  // conference and a plan, seen at a CP visit in November.
  const ava = await child('ANNEXA-1', 'F', 'WBRI', '2016-05-01', ['NONE'])
  const avaEarlier = await referral(ava, '2026-01-10', { closedAt: '2026-01-25T12:00:00Z', code: 'RC8' })
  await section47(ava, avaEarlier, '2026-01-15T10:00:00Z', { completed: '2026-01-20', conference: false })
  const avaReferral = await referral(ava, '2026-06-10', { allocated: true })
  await assessment(ava, avaReferral, '2026-06-12', {
    seen: '2026-06-15',
    need: 'N1',
    authorised: '2026-06-30',
    outcome: 'strategy_discussion',
  })
  const avaS47 = await section47(ava, avaReferral, '2026-07-01T10:00:00Z', {
    completed: '2026-07-10',
    conference: true,
  })
  const icpc = await initialConference(ava, avaS47, '2026-07-20T10:00:00Z', 'plan')
  const plan = await db()
    .insertInto('cp_plan')
    .values({
      child_id: ava,
      conference_id: icpc,
      referral_id: avaReferral,
      start_date: '2026-07-20',
      initial_category: 'NEG',
      latest_category: 'NEG',
      started_by: worker,
      recorded_at: at('2026-07-20T12:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [visited, seen] of [
    ['2026-11-20T10:00:00Z', true],
    ['2026-11-27T10:00:00Z', false],
    ['2026-12-01T08:00:00Z', true],
  ] as const)
    await db()
      .insertInto('cp_visit')
      .values({
        cp_plan_id: plan.id,
        visited_at: at(visited),
        child_seen: seen,
        seen_alone: seen,
        announced: true,
        recorded_by: worker,
        recorded_at: at(visited),
      })
      .execute()

  // Ben: referred in September, not yet allocated; his assessment and enquiry are open.
  const ben = await child('ANNEXA-2', 'M', null, '2020-02-29', ['AUT'])
  const benReferral = await referral(ben, '2026-09-01')
  await assessment(ben, benReferral, '2026-09-02')
  await section47(ben, benReferral, '2026-09-03T14:00:00Z')

  // Cara: an initial conference decided no plan; the referral closed in November.
  const cara = await child('ANNEXA-3', 'U', 'BAFR', '2012-11-15', [])
  const caraReferral = await referral(cara, '2026-10-01', { closedAt: '2026-11-02T12:00:00Z', code: 'RC8' })
  await assessment(cara, caraReferral, '2026-10-01', {
    seen: '2026-10-03',
    need: 'N5',
    authorised: '2026-10-20',
    outcome: 'strategy_discussion',
  })
  const caraS47 = await section47(cara, caraReferral, '2026-10-05T09:00:00Z', {
    completed: '2026-10-09',
    conference: true,
  })
  await initialConference(cara, caraS47, '2026-10-26T13:00:00Z', 'no_plan')

  // Dan: his enquiry and referral ended in March, before the period: on neither list.
  const dan = await child('ANNEXA-4', 'M', 'WBRI', '2014-04-04', [])
  const danReferral = await referral(dan, '2026-02-01', { closedAt: '2026-03-15T12:00:00Z', code: 'RC8' })
  await section47(dan, danReferral, '2026-03-02T10:00:00Z', { completed: '2026-03-10', conference: false })

  // Eve: an enquiry started without a referral belongs to her latest referral before it
  // (closed last year), whose allocation it gives; no conference was needed.
  const eve = await child('ANNEXA-5', 'F', 'MWBA', '2009-08-04', [])
  const eveReferral = await referral(eve, '2025-12-01', { allocated: true })
  await db()
    .updateTable('referral')
    .set({ status: 'closed', closed_at: at('2025-12-02T12:00:00Z'), nfa: true })
    .where('id', '=', eveReferral)
    .execute()
  await section47(eve, null, '2026-08-03T10:00:00Z', { completed: '2026-08-07', conference: false })

  // Finn: no further action at the front door in July (the census's RC7).
  const finn = await child('ANNEXA-6', 'M', 'WBRI', '2023-03-03', [])
  await referral(finn, '2026-07-01', { closedAt: '2026-07-01T15:00:00Z', nfa: true })

  // Gina: referred in November and closed after the period; seen at a home visit in November
  // (and again after the period, which the list does not know yet).
  const gina = await child('ANNEXA-7', 'F', 'AIND', '2018-01-20', [])
  await referral(gina, '2026-11-01', { closedAt: '2026-12-03T12:00:00Z', code: 'RC8' })
  for (const [contactAt, seen] of [
    ['2026-11-10T16:00:00Z', 'seen_alone'],
    ['2026-11-20T11:00:00Z', 'not_seen'],
    ['2026-12-02T11:00:00Z', 'seen_alone'],
  ] as const)
    await db()
      .transaction()
      .execute((trx) =>
        writeNote(
          trx,
          worker,
          {
            noteType: seen === 'not_seen' ? 'phone_call' : 'home_visit',
            contactAt: at(contactAt),
            whoSeen: 'Gina and her mother',
            body: 'Visited at home; Gina showed me her room and we talked about school.',
            seen: [{ childId: gina, seen }],
            siblingIds: [],
          },
          at(contactAt),
          AUDIT,
          [{ childId: gina, basis: null }],
        ),
      )

  // Hana: assessed in August and on a CIN plan from September, seen at its statutory visits (one
  // in November, one after the period); a visit where she was not seen does not count.
  const hana = await child('ANNEXA-8', 'F', 'WBRI', '2015-04-04', [])
  const hanaReferral = await referral(hana, '2026-08-03')
  const assessed = await db()
    .insertInto('assessment')
    .values({
      child_id: hana,
      referral_id: hanaReferral,
      started_on: '2026-08-04',
      started_by: worker,
      started_at: at('2026-08-04T09:00:00Z'),
      status: 'authorised',
      primary_need: 'N4',
      outcome: 'cin_plan',
      authorised_on: '2026-09-01',
      authorised_by: worker,
      updated_by: worker,
      updated_at: at('2026-09-01T09:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const cinPlan = await db()
    .insertInto('cin_plan')
    .values({
      child_id: hana,
      referral_id: hanaReferral,
      assessment_id: assessed.id,
      start_date: '2026-09-02',
      visit_frequency: '6w',
      started_by: worker,
      recorded_at: at('2026-09-02T09:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [visitedAt, seen] of [
    ['2026-11-12T10:00:00Z', true],
    ['2026-11-26T10:00:00Z', false],
    ['2026-12-01T10:00:00Z', true],
  ] as const)
    await db()
      .insertInto('cin_visit')
      .values({
        cin_plan_id: cinPlan.id,
        visited_at: at(visitedAt),
        child_seen: seen,
        seen_alone: seen,
        announced: true,
        recorded_by: worker,
        recorded_at: at(visitedAt),
      })
      .execute()

  book = await exportAnnexABook(db(), AUDIT, PERIOD)
}, 300_000)
afterAll(async () => database?.close())

const sheet = (name: string) => book.getWorksheet(name) as ExcelJS.Worksheet
const handMade = (name: string) =>
  listRows(sheet(name))
    .filter((r) => String(r[0]).startsWith('ANNEXA-'))
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))

describe('Annex A list 5: section 47 enquiries and ICPCs', () => {
  it('gives each enquiry in the period, cell by cell; not one that ended before it', () => {
    const team = 'Annex A safeguarding team'
    expect(handMade('List 5')).toEqual([
      // prettier-ignore
      ['ANNEXA-1', 'b) Female', 'WBRI', '2016-05-01', 10, 'b) No', '2026-07-01', 'b) No', '2026-07-20', 'a) Yes', 2, 1, team, 'Annex Worker'],
      // prettier-ignore
      ['ANNEXA-2', 'a) Male', 'NOBT', '2020-02-29', 6, 'a) Yes', '2026-09-03', null, null, null, 1, 0, null, null],
      // prettier-ignore
      ['ANNEXA-3', 'c) Not stated/recorded', 'BAFR', '2012-11-15', 13, 'b) No', '2026-10-05', 'b) No', '2026-10-26', 'b) No', 1, 1, null, null],
      // prettier-ignore
      ['ANNEXA-5', 'b) Female', 'MWBA', '2009-08-04', 16, 'b) No', '2026-08-03', 'a) Yes', null, null, 1, 0, team, 'Annex Worker'],
    ])
  })

  it('is filled from the synthetic authority’s enquiries', async () => {
    const rows = listRows(sheet('List 5')).filter((r) => !String(r[0]).startsWith('ANNEXA-'))
    const started = await sql<{ n: number | string }>`
      select count(*) as n from s47_enquiry s join person p on p.id = s.child_id
       where s.cancelled_at is null and p.deleted_at is null and p.la_child_id not like 'ANNEXA-%'
         and s.start_date between ${PERIOD.from} and ${PERIOD.to}`.execute(db())
    expect(Number(started.rows[0]?.n)).toBeGreaterThan(0)
    expect(rows.length).toBeGreaterThanOrEqual(Number(started.rows[0]?.n))
    expect(rows.some((r) => r[9] === 'a) Yes')).toBe(true)
  })
})

describe('Annex A list 6: children in need', () => {
  it('gives each episode open in the period as at its end, cell by cell; not one closed before it', () => {
    const team = 'Annex A safeguarding team'
    expect(handMade('List 6')).toEqual([
      // prettier-ignore
      ['ANNEXA-1', 'b) Female', 'WBRI', '2016-05-01', 10, 'b) No', '2026-06-10', 'N1', '2026-11-20', null, null, 'b) Child Protection plan', team, 'Annex Worker'],
      // prettier-ignore
      ['ANNEXA-2', 'a) Male', 'NOBT', '2020-02-29', 6, 'a) Yes', '2026-09-01', null, null, null, null, 'd) Open assessment', null, null],
      // prettier-ignore
      ['ANNEXA-3', 'c) Not stated/recorded', 'BAFR', '2012-11-15', 13, 'b) No', '2026-10-01', 'N5', '2026-10-03', '2026-11-02', 'RC8', 'e) Closed episode', null, null],
      // prettier-ignore
      ['ANNEXA-6', 'a) Male', 'WBRI', '2023-03-03', 3, 'b) No', '2026-07-01', null, null, '2026-07-01', 'RC7', 'e) Closed episode', null, null],
      // prettier-ignore
      ['ANNEXA-7', 'b) Female', 'AIND', '2018-01-20', 8, 'b) No', '2026-11-01', null, '2026-11-10', null, null, null, null, null],
      // prettier-ignore
      ['ANNEXA-8', 'b) Female', 'WBRI', '2015-04-04', 11, 'b) No', '2026-08-03', 'N4', '2026-11-12', null, null, 'c) Child in need plan', null, null],
    ])
  })

  it('is filled from the synthetic authority’s referrals, every episode open in the period', async () => {
    const rows = listRows(sheet('List 6')).filter((r) => !String(r[0]).startsWith('ANNEXA-'))
    const open = await sql<{ n: number | string }>`
      select count(*) as n from referral r join person p on p.id = r.child_id
       where p.deleted_at is null and p.la_child_id not like 'ANNEXA-%'
         and r.referral_date <= ${PERIOD.to}
         and (r.closed_at is null
              or (r.closed_at at time zone 'Europe/London')::date >= ${PERIOD.from})`.execute(db())
    expect(rows.length).toBe(Number(open.rows[0]?.n))
    expect(rows.length).toBeGreaterThan(5)
    const status = (sheetRows(sheet('List 6'))[0] as unknown[]).indexOf('Case Status')
    const seen = new Set(rows.map((r) => r[status]))
    for (const s of seen) expect([...CASE_STATUSES, null]).toContain(s)
    expect(seen).toContain('b) Child Protection plan')
    expect(seen).toContain('e) Closed episode')
  })

  it('reads lists 5 and 6 in batches without losing or repeating a row', async () => {
    const small = await exportAnnexABook(db(), AUDIT, PERIOD, 7)
    for (const name of ['List 5', 'List 6'])
      expect(sheetRows(small.getWorksheet(name) as ExcelJS.Worksheet)).toEqual(sheetRows(sheet(name)))
  })
})

/**
 * Unborn children in the CIN census built from Haven's records (issue 14): a child unborn on
 * 31 March 2026 and on a CP plan from a pre-birth conference is written with the expected date
 * of birth only, sex U and its plan; a child referred before birth and born during the year is
 * written with the actual date of birth and the sex recorded at birth; one born after 31 March,
 * before the census is made, is written as it stood on 31 March. The 2025/26 rules find no error
 * in any of them. Runs on PGlite and on PostgreSQL.
 */
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCinCensus } from '../../src/modules/returns/cin-export/service.js'
import { parseCollectionYear } from '../../src/modules/returns/collection-year.js'
import { validateCin } from '../../src/modules/returns/cin/validate.js'
import { readCinString } from '../../src/modules/returns/cin/xml-read.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import { englandAndWales } from '../../src/platform/calendar/working-days.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { openTestDatabase } from '../support/test-database.js'

const YEAR = parseCollectionYear('2025/26')
const AUDIT: AuditContext = { userId: null, username: 'prebirth-census', requestId: 'prebirth-census' }
let database: OpenDatabase
let xml = ''
let worker = 0
const db = () => database.db

async function child(
  laId: string,
  v: { kind: 'child' | 'unborn'; born: string | null; expected: string; sex: 'M' | 'F' | 'U' },
) {
  const row = await db()
    .insertInto('person')
    .values({
      la_child_id: laId,
      kind: v.kind,
      given_name: 'Baby',
      family_name: laId,
      date_of_birth: v.born,
      expected_birth_date: v.expected,
      sex: v.sex,
      ethnicity: 'WBRI',
      upn_unknown_reason: 'UN1',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A referral, an assessment authorised with its primary need, an enquiry, an ICPC and its plan. */
async function onPlan(childId: number, referralDate: string, icpc: string) {
  const referral = await db()
    .insertInto('referral')
    .values({
      child_id: childId,
      referral_date: referralDate,
      referral_source: '5A',
      re_referral: false,
      status: 'allocated',
      worker_id: worker,
      allocated_at: new Date(`${referralDate}T12:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('assessment')
    .values({
      child_id: childId,
      referral_id: referral.id,
      started_on: referralDate,
      started_by: worker,
      started_at: new Date(`${referralDate}T12:00:00Z`),
      status: 'authorised',
      wishes_and_feelings:
        'The mother wants the baby home; the midwife is worried about missed appointments.',
      factors: ['2B'],
      primary_need: 'N1',
      analysis: 'An older brother is on a plan for neglect.',
      outcome: 'strategy_discussion',
      authorised_on: referralDate,
      authorised_by: worker,
      updated_by: worker,
      updated_at: new Date(`${referralDate}T12:00:00Z`),
    })
    .execute()
  const sd = await db()
    .insertInto('strategy_discussion')
    .values({
      child_id: childId,
      referral_id: referral.id,
      requested_by: worker,
      requested_at: new Date(`${referralDate}T13:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const s47 = await db()
    .insertInto('s47_enquiry')
    .values({
      child_id: childId,
      strategy_discussion_id: sd.id,
      start_date: referralDate,
      joint: false,
      created_at: new Date(`${referralDate}T14:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const conference = await db()
    .insertInto('child_protection_conference')
    .values({
      kind: 'initial',
      scheduled_at: new Date(`${icpc}T10:00:00Z`),
      held_at: new Date(`${icpc}T10:00:00Z`),
      recorded_by: worker,
      recorded_at: new Date(`${icpc}T12:00:00Z`),
      child_participation: 'too_young',
      family_participation: 'attended',
      chair_id: worker,
      arranged_by: worker,
      arranged_at: new Date(`${referralDate}T15:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('conference_child')
    .values({
      conference_id: conference.id,
      child_id: childId,
      s47_id: s47.id,
      decision: 'plan',
      category: 'NEG',
    })
    .execute()
  await db()
    .insertInto('cp_plan')
    .values({
      child_id: childId,
      conference_id: conference.id,
      referral_id: referral.id,
      start_date: icpc,
      initial_category: 'NEG',
      latest_category: 'NEG',
      started_by: worker,
      recorded_at: new Date(`${icpc}T12:00:00Z`),
    })
    .execute()
}

/** The XML of one child, from its LA child id to the end of its record. */
function childXml(laId: string): string {
  const from = xml.indexOf(`<LAchildID>${laId}</LAchildID>`)
  expect(from, laId).toBeGreaterThan(-1)
  return xml.slice(from, xml.indexOf('</Child>', from))
}

beforeAll(async () => {
  database = await openTestDatabase()
  await syncClockDefinitions(db())
  worker = (
    await db()
      .insertInto('app_user')
      .values({ username: 'census.worker', display_name: 'Amara Lewis', role: 'social_worker' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  // Unborn on 31 March 2026 (and still unborn when the census is made), on a plan from 30 January.
  await onPlan(
    await child('PB0001', { kind: 'unborn', born: null, expected: '2026-05-20', sex: 'U' }),
    '2026-01-12',
    '2026-01-30',
  )
  // Referred before birth in June 2025, on a plan from July, born on 10 September 2025.
  await onPlan(
    await child('PB0002', { kind: 'child', born: '2025-09-10', expected: '2025-09-20', sex: 'F' }),
    '2025-06-02',
    '2025-06-20',
  )
  // On a plan from February, born on 20 April 2026: after the year, before the census was made.
  await onPlan(
    await child('PB0003', { kind: 'child', born: '2026-04-20', expected: '2026-04-28', sex: 'M' }),
    '2026-02-02',
    '2026-02-20',
  )
  const write = await exportCinCensus(db(), { role: 'performance_officer' }, AUDIT, {
    year: YEAR,
    laNumber: '883',
    calendar: englandAndWales,
  })
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await write(out)
  out.end()
  xml = Buffer.concat(chunks).toString('utf8')
}, 120_000)
afterAll(async () => database?.close())

describe('unborn children in the CIN census', () => {
  it('writes an unborn child on a plan with the expected date of birth only, sex U and the plan', () => {
    const c = childXml('PB0001')
    expect(c).toContain('<ExpectedPersonBirthDate>2026-05-20</ExpectedPersonBirthDate>')
    expect(c).not.toContain('<PersonBirthDate>')
    expect(c).toContain('<Sex>U</Sex>')
    expect(c).toContain('<UPNunknown>UN1</UPNunknown>')
    expect(c).toContain('<CPPstartDate>2026-01-30</CPPstartDate>')
    expect(c).toContain('<DateOfInitialCPC>2026-01-30</DateOfInitialCPC>')
  })

  it('writes a child born during the year with the actual date of birth and sex', () => {
    const c = childXml('PB0002')
    expect(c).toContain('<PersonBirthDate>2025-09-10</PersonBirthDate>')
    expect(c).not.toContain('<ExpectedPersonBirthDate>')
    expect(c).toContain('<Sex>F</Sex>')
    // Referred and on a plan before the birth: the same episode, the same plan.
    expect(c).toContain('<CINreferralDate>2025-06-02</CINreferralDate>')
    expect(c).toContain('<CPPstartDate>2025-06-20</CPPstartDate>')
  })

  it('writes a child born after 31 March as unborn on that day', () => {
    const c = childXml('PB0003')
    expect(c).toContain('<ExpectedPersonBirthDate>2026-04-28</ExpectedPersonBirthDate>')
    expect(c).not.toContain('<PersonBirthDate>')
    expect(c).toContain('<Sex>U</Sex>')
  })

  it('has no error under the 2025/26 rules', async () => {
    const result = await validateCin(readCinString(xml), YEAR.label)
    expect(result.readProblems).toEqual([])
    expect(result.children).toBe(3)
    expect(result.findings.filter((f) => f.type === 'error')).toEqual([])
  })
})

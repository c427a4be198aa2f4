/**
 * The digest's data quality, known answers: records made by hand with a chosen number of defects
 * on each side of the collection year's boundaries (a referral on 31 March 2026 is 2025/26's, one
 * on 1 April 2026/27's; a snapshot counts what is open at 31 March), the counts asserted exactly
 * for the authority and a team, the teams' figures adding up with the engine's own checks, and the
 * list of records filtered by permission with each child listed audited. The clock is 1 May 2026.
 * Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { syncKpiCatalogue } from '../../src/modules/performance/catalogue-store.js'
import {
  computeDigest,
  qualityList,
  teamFigures,
  type DigestDeps,
} from '../../src/modules/performance/digest.js'
import { digestCatalogue } from '../../src/modules/performance/index.js'
import { digestCsv, qualityTotal, type Digest } from '../../src/modules/performance/model.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { NotAllowedError } from '../../src/platform/http/errors.js'
import { actingAs } from '../support/actors.js'
import {
  recordAssessment,
  recordCare,
  recordReferral,
  recordTeamAndWorker,
  type PlacementDates,
} from '../support/digest-records.js'
import { openTestDatabase } from '../support/test-database.js'

let database: OpenDatabase
const db = () => database.db
const deps = (): DigestDeps => ({ db: db(), clock: fixedClock('2026-05-01T12:00:00Z'), onsCode: 'E06000034' })
const ids = { north: 0, south: 0, northWorker: 0, southWorker: 0, manager: 0 }
const at = (iso: string) => new Date(`${iso}T12:00:00Z`)
const named = new Map<string, number>()

async function child(name: string, ...workers: ('north' | 'south')[]): Promise<number> {
  const { id } = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: name, family_name: 'Quality', date_of_birth: '2015-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const side of workers) {
    await db()
      .insertInto('child_access')
      .values({
        child_id: id,
        user_id: ids[`${side}Worker`],
        basis: 'allocated_worker',
        granted_at: at('2023-01-01'),
      })
      .execute()
    // The team holds the case too: its manager sees the child.
    await db()
      .insertInto('child_access')
      .values({ child_id: id, team_id: ids[side], basis: 'allocated_team', granted_at: at('2023-01-01') })
      .execute()
  }
  named.set(name, id)
  return id
}

const referral = (childId: number, date: string, reReferral = false) =>
  recordReferral(db(), childId, date, { reReferral })
const assessment = (childId: number, started: string, authorised: string, referred: string) =>
  recordAssessment(db(), ids.northWorker, childId, { started, authorised, referred })
const care = (childId: number, placements: PlacementDates[]) =>
  recordCare(db(), ids.northWorker, childId, placements, { homePostcode: 'RM17 5AA' })

const figure = (d: Digest, id: string) => {
  const f = d.figures.find((x) => x.id === id)
  if (!f) throw new Error(`no figure ${id}`)
  return f
}
/** Each check's count, by id. */
/** The referrals measure alone for the authority, as its page counts it (with the team checks). */
const referrals = (period: string) =>
  computeDigest(deps(), { period, area: { kind: 'authority' }, measureId: 'referrals' })
const found = (d: Digest, id: string) => Object.fromEntries(figure(d, id).quality.map((q) => [q.id, q.count]))

let year: Digest
let north: Digest
let next: Digest

beforeAll(async () => {
  database = await openTestDatabase()
  await syncKpiCatalogue(db(), digestCatalogue(HAVEN_MODULES))
  for (const side of ['north', 'south'] as const) {
    const made = await recordTeamAndWorker(db(), `Quality ${side}`, `quality.${side}`)
    ids[side] = made.teamId
    ids[`${side}Worker`] = made.workerId
  }
  ids.manager = (
    await db()
      .insertInto('app_user')
      .values({
        username: 'quality.manager',
        display_name: 'Quality manager',
        role: 'team_manager',
        team_id: ids.north,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db().updateTable('team').set({ manager_id: ids.manager }).where('id', '=', ids.north).execute()
  await db()
    .insertInto('app_user')
    .values({ username: 'quality.officer', display_name: 'Quality officer', role: 'performance_officer' })
    .execute()
  // The postcode reference: the authority's own unit (the home postcode and an in-borough placement).
  await db()
    .insertInto('postcode')
    .values([
      {
        postcode: 'RM175AA',
        kind: 'unit',
        easting: 561000,
        northing: 178000,
        la_code: 'E06000034',
        upper_la_code: 'E06000034',
        source: 'ons',
        load_id: 'test',
      },
    ])
    .execute()

  // Referrals: two of one child on 1 April 2025 (north) and two of another on 31 March 2026
  // (south) are 2025/26's same-day pairs; two on 1 April 2026 are 2026/27's and two on 31 March
  // 2025 2024/25's. One child allocated to no one, one to workers in both teams. One referral
  // recorded as a re-referral with no referral before it.
  const pairs = [
    ['Rfirst', 'north', '2025-04-01'],
    ['Rlast', 'south', '2026-03-31'],
    ['Rafter', 'north', '2026-04-01'],
    ['Rbefore', 'north', '2025-03-31'],
  ] as const
  for (const [name, side, day] of pairs) {
    const id = await child(name, side)
    for (let i = 0; i < 2; i += 1) await referral(id, day)
  }
  await referral(await child('Rnobody'), '2025-06-01')
  await referral(await child('Rboth', 'north', 'south'), '2025-07-01', true)

  // Assessments: one started before its referral and authorised on 31 March 2026 (2025/26),
  // one the same but authorised on 1 April 2026 (2026/27), one in order.
  await assessment(await child('Aearly', 'north'), '2026-03-02', '2026-03-31', '2026-03-03')
  await assessment(await child('Alate', 'north'), '2026-03-02', '2026-04-01', '2026-03-03')
  await assessment(await child('Aright', 'north'), '2026-03-02', '2026-03-30', '2026-03-02')

  // Children looked after at 31 March 2026: C1 placed with no postcode, C2 at a postcode not in
  // the reference, C3 in borough, C6 with a one-day gap on 31 March between two placements (no
  // placement that day, and episodes that do not follow on). C4's care ended on 31 March with no
  // postcode (not looked after that day); C5's began on 1 April with none (2026/27's).
  await care(await child('C1', 'north'), [['2024-01-01', null, null]])
  await care(await child('C2', 'north'), [['2024-01-01', null, 'ZZ1 1ZZ']])
  await care(await child('C3', 'north'), [['2024-01-01', null, 'RM17 5AA']])
  await recordCare(db(), ids.northWorker, await child('C4', 'north'), [['2025-05-01', '2026-03-31']], {
    ended: '2026-03-31',
    homePostcode: 'RM17 5AA',
  })
  await care(await child('C5', 'north'), [['2026-04-01', null, null]])
  await care(await child('C6', 'south'), [
    ['2025-01-01', '2026-03-31', 'RM17 5AA'],
    ['2026-04-01', null, 'RM17 5AA'],
  ])

  year = await computeDigest(deps(), { period: '2025/26', area: { kind: 'authority' } })
  north = await computeDigest(deps(), { period: '2025/26', area: { kind: 'team', name: 'Quality north' } })
  next = await computeDigest(deps(), { period: '2026/27', area: { kind: 'authority' } })
}, 120_000)

afterAll(async () => {
  await database?.close()
})

describe('the checks’ counts', () => {
  it('find the same-day referrals of the year, not those of the years either side', async () => {
    // 6 here and the 3 the assessments below follow.
    expect(figure(year, 'referrals').counts.numerator).toBe(9)
    // The full digest gives each measure's own checks; its page adds the engine's team checks.
    expect(found(year, 'referrals')).toEqual({ 'same-day-referrals': 4 })
    expect(found(await referrals('2025/26'), 'referrals')).toEqual({
      'same-day-referrals': 4,
      'no-team': 1,
      'two-teams': 1,
    })
    expect(found(await referrals('2026/27'), 'referrals')).toEqual({
      'same-day-referrals': 2,
      'no-team': 0,
      'two-teams': 0,
    })
    expect(found(year, 're-referrals-12-months')['re-referral-flag-disagrees']).toBe(1)
  })

  it('filter by the area as the figure does, and leave the engine’s team checks to the authority', () => {
    expect(found(north, 'referrals')).toEqual({ 'same-day-referrals': 2 })
    expect(figure(north, 'referrals').counts.numerator).toBe(6)
  })

  it('show why the teams’ figures do not add up to the authority’s', async () => {
    const south = await computeDigest(deps(), {
      period: '2025/26',
      area: { kind: 'team', name: 'Quality south' },
    })
    const authority = figure(year, 'referrals').counts.numerator
    const teams = figure(north, 'referrals').counts.numerator + figure(south, 'referrals').counts.numerator
    const { 'no-team': none = 0, 'two-teams': both = 0 } = found(await referrals('2025/26'), 'referrals')
    // 6 north + 3 south = 9 at the authority − 1 in no team + 1 in both.
    expect([teams, authority]).toEqual([9, 9])
    expect(teams).toBe(authority - none + both)
  })

  it('give each team’s figure beside the authority’s, as the team’s own digest counts it', async () => {
    const { actor } = await actingAs(db(), 'quality.officer')
    const south = await computeDigest(deps(), {
      period: '2025/26',
      area: { kind: 'team', name: 'Quality south' },
    })
    for (const measureId of ['referrals', 'placed-in-borough']) {
      const teams = await teamFigures(deps(), actor, { measureId, period: '2025/26' })
      const own = (d: Digest) => ({ counts: figure(d, measureId).counts, value: figure(d, measureId).value })
      // A team with none of the figure's units is not listed.
      const expected = [
        ['Quality north', own(north)],
        ['Quality south', own(south)],
      ].filter(([, f]) => (f as { counts: { units: number } }).counts.units > 0)
      expect(teams.map((t) => [t.team, { counts: t.counts, value: t.value }])).toEqual(expected)
    }
    const referralsByTeam = await teamFigures(deps(), actor, { measureId: 'referrals', period: '2025/26' })
    expect(referralsByTeam.map((t) => [t.team, t.counts.numerator])).toEqual([
      ['Quality north', 6],
      ['Quality south', 3],
    ])
    const { actor: worker } = await actingAs(db(), 'quality.north')
    await expect(teamFigures(deps(), worker, { measureId: 'referrals', period: '2025/26' })).rejects.toThrow(
      NotAllowedError,
    )
  })

  it('find the assessment started before its referral in the year it was authorised', () => {
    expect(found(year, 'assessments-within-45-working-days')['started-before-referral']).toBe(1)
    expect(found(next, 'assessments-within-45-working-days')['started-before-referral']).toBe(1)
  })

  it('find the placements at 31 March with no postcode, an unknown one, or none at all', () => {
    // C6, with no placement that day, is left out of the base (and listed as having none).
    const inBorough = figure(year, 'placed-in-borough')
    expect(inBorough.counts).toMatchObject({ units: 3, numerator: 1 })
    expect(found(year, 'placed-in-borough')).toMatchObject({
      'placement-no-postcode': 1,
      'postcode-not-known': 1,
      'no-placement': 1,
    })
    expect(found(year, 'placed-out-of-area-over-20-miles')).toMatchObject({
      'placement-no-postcode': 1,
      'home-no-postcode': 0,
      'postcode-not-known': 1,
      'no-placement': 1,
    })
    // At 1 May 2026: C1 and C5 are placed with no postcode; C6 is placed again.
    expect(found(next, 'placed-in-borough')).toMatchObject({ 'placement-no-postcode': 2, 'no-placement': 0 })
    expect(found(year, 'cla-at-period-end')['episode-gap']).toBe(1)
    expect(qualityTotal(figure(year, 'placed-in-borough'))).toBe(3)
  })

  it('are published in the CSV, under 5 as "<5"', async () => {
    const csv = digestCsv(await referrals('2025/26')).split('\r\n')
    const header = csv[0]!.split(',')
    const column = header.indexOf('Records with missing or inconsistent data')
    expect(column).toBeGreaterThan(0)
    const line = csv.find((l) => l.startsWith('Referrals,'))!
    expect(line.split(',')[column]).toBe('6')
    expect(line).toContain('Two referrals of one child on the same day: <5')
  })
})

describe('the list of records', () => {
  const input = { measureId: 'referrals', period: '2025/26', area: { kind: 'authority' } } as const

  it('is refused to a role that may not see performance figures', async () => {
    const { actor, ctx } = await actingAs(db(), 'quality.north')
    await expect(qualityList(deps(), actor, ctx, input)).rejects.toThrow(NotAllowedError)
  })

  it('shows a performance officer how many records there are but no child they have no relationship with', async () => {
    const { actor, ctx } = await actingAs(db(), 'quality.officer')
    const list = await qualityList(deps(), actor, ctx, input)
    expect(list.counted).toBe(6)
    expect(list.listed).toBe(0)
    expect(list.checks.map((c) => [c.id, c.count, c.rows.length])).toEqual([
      ['same-day-referrals', 4, 0],
      ['no-team', 1, 0],
      ['two-teams', 1, 0],
    ])
  })

  it('lists a team manager’s children by check, each linking to its record, and audits one read per child', async () => {
    const { actor, ctx } = await actingAs(db(), 'quality.manager')
    const list = await qualityList(deps(), actor, { ...ctx, requestId: 'quality-list' }, input)
    expect(list.counted).toBe(6)
    expect(list.listed).toBe(3)
    const byCheck = Object.fromEntries(list.checks.map((c) => [c.id, c.rows]))
    expect(byCheck['same-day-referrals']!.map((r) => [r.childId, r.onDate])).toEqual([
      [named.get('Rfirst'), '2025-04-01'],
      [named.get('Rfirst'), '2025-04-01'],
    ])
    expect(byCheck['same-day-referrals']!.every((r) => /^\/referrals\/\d+$/.test(r.recordHref ?? ''))).toBe(
      true,
    )
    expect(byCheck['no-team']).toEqual([])
    expect(byCheck['two-teams']!.map((r) => r.childId)).toEqual([named.get('Rboth')])
    const audited = await db()
      .selectFrom('audit_event')
      .select(['child_id', 'record_id', 'action', 'outcome'])
      .where('request_id', '=', 'quality-list')
      .execute()
    expect(audited.map((a) => a.child_id).sort()).toEqual([named.get('Rfirst'), named.get('Rboth')].sort())
    expect(audited.every((a) => a.action === 'child.list' && a.outcome === 'allowed')).toBe(true)
    expect(audited[0]?.record_id).toBe('referrals@1')
  })

  it('lists a snapshot’s records open on its day, with the page where each is put right', async () => {
    const { actor, ctx } = await actingAs(db(), 'quality.manager')
    const list = await qualityList(deps(), actor, ctx, {
      measureId: 'placed-in-borough',
      period: '2025/26',
      area: { kind: 'team', name: 'Quality north' },
    })
    expect(list.span).toEqual({ from: '2026-03-31', to: '2026-03-31' })
    const rows = list.checks.flatMap((c) => c.rows.map((r) => [c.id, r.childId, r.recordHref]))
    expect(rows).toEqual([
      ['placement-no-postcode', named.get('C1'), `/children/${named.get('C1')}/care`],
      ['postcode-not-known', named.get('C2'), `/children/${named.get('C2')}/care`],
    ])
  })
})

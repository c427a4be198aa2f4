/**
 * The digest's known answers: a small authority recorded by hand with chosen rates, and the
 * figures the engine gives for it asserted exactly, at the boundaries of the collection year
 * (a unit on 31 March counts in 2025/26, one on 1 April in 2026/27), for the authority, a team
 * and a worker; the drill-down lists only children the reader may see and audits each one.
 * The clock is 1 May 2026: 2025/26 is over, 2026/27 has begun. Runs on PGlite and PostgreSQL.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { syncKpiCatalogue, CatalogueChangedError } from '../../src/modules/performance/catalogue-store.js'
import { computeDigest, drillDown, type DigestDeps } from '../../src/modules/performance/digest.js'
import { digestCatalogue } from '../../src/modules/performance/index.js'
import { AreaError, digestCsv, statedBase, type Digest } from '../../src/modules/performance/model.js'
import { loadPopulationFile } from '../../src/modules/performance/population-store.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { englandAndWales } from '../../src/platform/calendar/working-days.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { NotAllowedError } from '../../src/platform/http/errors.js'
import { actingAs } from '../support/actors.js'
import {
  recordAssessment,
  recordCare,
  recordReferral,
  recordTeamAndWorker,
} from '../support/digest-records.js'
import { openTestDatabase } from '../support/test-database.js'

let database: OpenDatabase
const db = () => database.db
const deps = (): DigestDeps => ({ db: db(), clock: fixedClock('2026-05-01T12:00:00Z'), onsCode: 'E06000034' })
const ids = { north: 0, south: 0, northWorker: 0, southWorker: 0 }
const at = (iso: string) => new Date(`${iso}T12:00:00Z`)
let seq = 0

async function child(dob = '2015-06-01'): Promise<number> {
  seq += 1
  const row = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: `Child${seq}`, family_name: 'Digest', date_of_birth: dob })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The child's allocated worker from 1 January 2023, not revoked. */
async function allocate(childId: number, userId: number): Promise<void> {
  await db()
    .insertInto('child_access')
    .values({ child_id: childId, user_id: userId, basis: 'allocated_worker', granted_at: at('2023-01-01') })
    .execute()
}

const referral = (childId: number, date: string, nfa = false) => recordReferral(db(), childId, date, { nfa })
const assessment = (childId: number, started: string, authorised: string) =>
  recordAssessment(db(), ids.northWorker, childId, { started, authorised })

async function cpPlan(childId: number, start: string, end: string | null = null): Promise<void> {
  await db()
    .insertInto('cp_plan')
    .values({
      child_id: childId,
      start_date: start,
      initial_category: 'NEG',
      latest_category: 'NEG',
      end_date: end,
      end_reason: end ? 'Plan no longer needed' : null,
      ended_by: end ? ids.northWorker : null,
      started_by: ids.northWorker,
      recorded_at: at(start),
    })
    .execute()
}

/** A period of care with its placements, one episode each, the last open unless the care ended. */
const care = (childId: number, placements: [string, string | null][], ended?: string) =>
  recordCare(db(), ids.northWorker, childId, placements, ended ? { ended } : {})

const figure = (d: Digest, id: string) => {
  const f = d.figures.find((x) => x.id === id)
  if (!f) throw new Error(`no figure ${id}`)
  return f
}

let year: Digest
let north: Digest

beforeAll(async () => {
  database = await openTestDatabase()
  await syncKpiCatalogue(db(), digestCatalogue(HAVEN_MODULES))
  for (const side of ['north', 'south'] as const) {
    const made = await recordTeamAndWorker(db(), `Digest ${side}`, `digest.${side}`)
    ids[side] = made.teamId
    ids[`${side}Worker`] = made.workerId
  }
  await db()
    .insertInto('app_user')
    .values({ username: 'digest.officer', display_name: 'Digest officer', role: 'performance_officer' })
    .execute()

  // Assessments: 40 authorised in 2025/26, 3 of them 46 working days after they started (late),
  // one exactly 45 across Christmas and New Year (on time: bank holidays are not working days),
  // one authorised on 31 March; and one authorised on 1 April 2026, in 2026/27. Even-numbered
  // children are the north team's, odd the south's: north has two of the late ones.
  const late = new Set([30, 31, 32])
  for (let k = 0; k < 39; k += 1) {
    const id = await child()
    await allocate(id, k % 2 === 0 ? ids.northWorker : ids.southWorker)
    const start = englandAndWales.addWorkingDays('2025-04-07', 5 * k)
    const days = late.has(k) ? 46 : k === 33 ? 45 : 20
    await assessment(id, start, englandAndWales.addWorkingDays(start, days))
  }
  const onTheLastDay = await child()
  await allocate(onTheLastDay, ids.southWorker)
  await assessment(onTheLastDay, '2026-03-02', '2026-03-31')
  const nextYear = await child()
  await allocate(nextYear, ids.southWorker)
  await assessment(nextYear, '2026-03-02', '2026-04-01')

  // Referrals: the assessments' own 41 (dated when they started, none a re-referral) and 11 more
  // in 2025/26: 8 children referred in October 2024 and again in April 2025, one exactly 12 months
  // after the last (a re-referral), one 12 months and a day after (not), and one on 31 March 2026
  // (no further action). 9 of 52 is 17.3%. One more on 1 April 2026 is 2026/27's.
  for (let i = 0; i < 8; i += 1) {
    const id = await child()
    await referral(id, '2024-10-01')
    await referral(id, '2025-04-15')
  }
  const exactly = await child()
  await referral(exactly, '2024-05-10')
  await referral(exactly, '2025-05-10')
  const dayAfter = await child()
  await referral(dayAfter, '2024-05-09')
  await referral(dayAfter, '2025-05-10')
  await referral(await child(), '2026-03-31', true)
  await referral(await child(), '2026-04-01')

  // Child protection plans: open at 31 March 2026 are the first and the one starting that day;
  // the one ending that day is not; the one starting on 1 April is 2026/27's.
  const cp = [await child(), await child(), await child(), await child()]
  await cpPlan(cp[0]!, '2025-01-01')
  await cpPlan(cp[1]!, '2026-03-31')
  await cpPlan(cp[2]!, '2025-06-01', '2026-03-31')
  await cpPlan(cp[3]!, '2026-04-01')
  for (const c of cp) await allocate(c, ids.northWorker)

  // Children looked after: A in care since 31 August 2023 in one placement (north); B from June
  // 2025 with three placements in the year (south); C ceased on 31 March 2026; D began on 1 April
  // 2026.
  const [a, b, c, d] = [await child('2014-01-01'), await child(), await child(), await child()]
  await care(a, [['2023-08-31', null]])
  await care(b, [
    ['2025-06-01', '2025-08-01'],
    ['2025-08-01', '2025-11-01'],
    ['2025-11-01', null],
  ])
  await care(c, [['2025-05-01', '2026-03-31']], '2026-03-31')
  await care(d, [['2026-04-01', null]])
  await allocate(a, ids.northWorker)
  for (const x of [b, c, d]) await allocate(x, ids.southWorker)

  // The 0–17 population: mid-2024 and mid-2025 for this authority, another authority's beside it.
  const populations = join(mkdtempSync(join(tmpdir(), 'haven-population-')), 'population.csv')
  writeFileSync(
    populations,
    'ons_code,mid_year,population,source\nE06000034,2024,39000,ONS mid-2024\nE06000034,2025,40000,ONS mid-2025\nE06000015,2025,99000,other\n',
  )
  await loadPopulationFile(db(), populations)

  year = await computeDigest(deps(), { period: '2025/26', area: { kind: 'authority' } })
  north = await computeDigest(deps(), { period: '2025/26', area: { kind: 'team', name: 'Digest north' } })
})

afterAll(async () => {
  await database?.close()
})

describe('assessments completed within 45 working days', () => {
  it('is 37 of 40 (92.5%) for the authority in 2025/26, counting 31 March and not 1 April', () => {
    const f = figure(year, 'assessments-within-45-working-days')
    expect(f.counts).toMatchObject({ units: 40, numerator: 37 })
    expect(f.value).toBe(92.5)
    expect(f.previous).toMatchObject({ label: '2024/25', value: null })
    expect(f.trend.map((t) => t.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ])
    expect(f.trend.reduce((n, t) => n + t.counts.units, 0)).toBe(40)
  })

  it('is 18 of 20 (90%) for the north team and for its worker, 19 of 20 for the south team', async () => {
    expect(figure(north, 'assessments-within-45-working-days')).toMatchObject({
      counts: { units: 20, numerator: 18 },
      value: 90,
    })
    const worker = await computeDigest(deps(), {
      period: '2025/26',
      area: { kind: 'worker', username: 'digest.north' },
    })
    expect(figure(worker, 'assessments-within-45-working-days').value).toBe(90)
    const south = await computeDigest(deps(), {
      period: '2025/26',
      area: { kind: 'team', name: 'Digest south' },
    })
    expect(figure(south, 'assessments-within-45-working-days')).toMatchObject({
      counts: { units: 20, numerator: 19 },
      value: 95,
    })
  })

  it('counts the assessment authorised on 1 April 2026 in 2026/27, to date', async () => {
    const next = await computeDigest(deps(), { period: '2026/27', area: { kind: 'authority' } })
    expect(next.period.current).toEqual({ from: '2026-04-01', to: '2026-05-01' })
    expect(figure(next, 'assessments-within-45-working-days').counts).toMatchObject({
      units: 1,
      numerator: 1,
    })
  })
})

describe('referrals', () => {
  it('has 9 re-referrals within 12 months among 52 referrals: 17.3%', () => {
    expect(figure(year, 're-referrals-12-months')).toMatchObject({
      counts: { units: 52, numerator: 9 },
      value: 17.3,
      rag: 'green',
    })
    expect(figure(year, 'referrals-nfa').counts).toMatchObject({ units: 52, numerator: 1 })
  })

  it('compares the year with the one before in its commentary', () => {
    const f = figure(year, 'referrals')
    expect(f.value).toBe(52)
    expect(f.previous.value).toBe(10)
    expect(f.commentary).toBe('Referrals: 52 in 2025/26, up 42 (420.0%) from 10 in 2024/25.')
    expect(figure(year, 're-referrals-12-months').commentary).toBe(
      'Re-referrals within 12 months: 17.3% in 2025/26, up 17.3 percentage points from 0.0% in 2024/25. It meets the target of 18%.',
    )
  })

  it('counts the referral of 1 April 2026 in 2026/27', async () => {
    const next = await computeDigest(deps(), { period: '2026/27', area: { kind: 'authority' } })
    expect(figure(next, 'referrals').value).toBe(1)
  })
})

describe('rates per 10,000 children', () => {
  it('take the authority’s estimate for the year: 52 referrals of 40,000 children is 13.0', () => {
    const f = figure(year, 'referrals-rate')
    expect(f).toMatchObject({ value: 13, population: { midYear: 2025, population: 40_000 } })
    // 2024/25 is 10 referrals of 39,000 children (mid-2024).
    expect(f.previous.value).toBe(2.6)
    expect(statedBase(f)).toContain('40,000 at mid-2025 (ONS mid-2025)')
    // Children looked after at 31 March 2026: 2 of 40,000.
    expect(figure(year, 'cla-rate').value).toBe(0.5)
  })

  it('use the latest estimate held when the year’s own is not yet published', async () => {
    const next = await computeDigest(deps(), { period: '2026/27', area: { kind: 'authority' } })
    expect(figure(next, 'referrals-rate')).toMatchObject({ value: 0.3, population: { midYear: 2025 } })
  })

  it('are not worked out for a team, and say why', () => {
    const f = figure(north, 'referrals-rate')
    expect(f.value).toBeNull()
    expect(f.commentary).toContain('rates are for the whole authority')
  })
})

describe('snapshots at 31 March', () => {
  it('count the plans open that day: begun by it and not ended on or before it', () => {
    expect(figure(year, 'cp-plans-at-period-end').value).toBe(2)
    expect(figure(north, 'cp-plans-at-period-end').value).toBe(2)
  })

  it('count children looked after, and those with 3 or more placements in the year', () => {
    expect(figure(year, 'cla-at-period-end').value).toBe(2)
    expect(figure(year, 'three-or-more-placements')).toMatchObject({
      counts: { units: 2, numerator: 1 },
      value: 50,
    })
    expect(figure(year, 'long-term-stability')).toMatchObject({
      counts: { units: 1, numerator: 1 },
      value: 100,
    })
    expect(figure(year, 'cla-started').value).toBe(2)
    expect(figure(year, 'cla-ceased').value).toBe(1)
    // The trend is a snapshot at each month's end: C came into care in May 2025, B in June.
    const trend = figure(year, 'cla-at-period-end').trend.map((t) => t.value)
    expect(trend).toEqual([1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2])
  })

  it('count 3 placements in the 12 months from the third’s start until a year after the first ended', () => {
    // B's first placement ended on 1 August 2025, the third began on 1 November: B counts at the
    // month ends from November; C leaves the base on 31 March, the day care ended.
    const trend = figure(year, 'three-or-more-placements').trend
    expect(trend.map((t) => [t.counts.units, t.counts.numerator])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [3, 0],
      [3, 0],
      [3, 0],
      [3, 0],
      [3, 1],
      [3, 1],
      [3, 1],
      [3, 1],
      [2, 1],
    ])
  })

  it('count a child looked after 2½ years from the first day the span has passed, as `day - 30 months` reckons it', () => {
    // A came into care on 31 August 2023: 28 February 2026 less 30 months is 28 August 2023, so A
    // is not yet in the base at February's end (31 August plus 30 months would say otherwise), and
    // is at March's, in the same placement for over 2 years.
    const trend = figure(year, 'long-term-stability').trend
    expect(trend.map((t) => [t.counts.units, t.counts.numerator])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 1],
    ])
  })

  it('count the child who began on 1 April 2026 in 2026/27', async () => {
    const next = await computeDigest(deps(), { period: '2026/27', area: { kind: 'authority' } })
    expect(figure(next, 'cla-at-period-end').value).toBe(3)
    expect(figure(next, 'cp-plans-at-period-end').value).toBe(3)
  })
})

describe('the published digest', () => {
  it('suppresses counts under 5 and says what is not measured yet', () => {
    const csv = digestCsv(year)
    const line = csv.split('\r\n').find((l) => l.startsWith('Children looked after,'))
    expect(line).toMatch(/^Children looked after,1,2025\/26,Whole authority,<5,<5,,/)
    expect(csv).toMatch(
      /Assessments completed within 45 working days,1,2025\/26,Whole authority,92\.5%,37,40,/,
    )
    expect(csv).toMatch(/Return home interviews,,2025\/26,Whole authority,Awaiting the missing module,/)
    // Every measure of the catalogue not live, whether awaiting its module or not yet written.
    const notLive = digestCatalogue(HAVEN_MODULES).filter((m) => m.status !== 'live')
    expect(year.notYet.map((m) => m.id).sort()).toEqual(notLive.map((m) => m.id).sort())
    expect(year.notYet.find((m) => m.id === 'cp-plans-by-category')).toMatchObject({ status: 'not_written' })
  })

  it('refuses a team that does not exist', async () => {
    await expect(
      computeDigest(deps(), { period: '2025/26', area: { kind: 'team', name: 'Nowhere' } }),
    ).rejects.toThrow(AreaError)
  })
})

describe('the drill-down', () => {
  it('lists the north worker’s late assessments, and audits each child listed', async () => {
    const { actor, ctx } = await actingAs(db(), 'digest.north')
    const before = await db().selectFrom('audit_event').select('id').execute()
    // A social worker may not see performance figures: the drill-down is for managers and officers.
    await expect(
      drillDown(deps(), actor, ctx, {
        measureId: 'assessments-within-45-working-days',
        period: '2025/26',
        area: { kind: 'authority' },
        part: 'denominator',
      }),
    ).rejects.toThrow(NotAllowedError)
    expect(await db().selectFrom('audit_event').select('id').execute()).toHaveLength(before.length)
  })

  it('shows a performance officer the figure’s count but no child they have no relationship with', async () => {
    const { actor, ctx } = await actingAs(db(), 'digest.officer')
    const found = await drillDown(deps(), actor, ctx, {
      measureId: 'assessments-within-45-working-days',
      period: '2025/26',
      area: { kind: 'authority' },
      part: 'numerator',
    })
    expect(found.counted).toBe(37)
    expect(found.rows).toEqual([])
  })

  it('lists a manager’s team’s children behind a figure and audits one read per child', async () => {
    await db().updateTable('team').set({ manager_id: ids.northWorker }).where('id', '=', ids.north).execute()
    await db()
      .updateTable('app_user')
      .set({ role: 'team_manager' })
      .where('id', '=', ids.northWorker)
      .execute()
    await db()
      .insertInto('child_access')
      .values(
        (
          await db()
            .selectFrom('child_access')
            .select('child_id')
            .where('user_id', '=', ids.northWorker)
            .execute()
        ).map((r) => ({ child_id: r.child_id, team_id: ids.north, basis: 'allocated_team' as const })),
      )
      .execute()
    const { actor, ctx } = await actingAs(db(), 'digest.north')
    const input = {
      measureId: 'assessments-within-45-working-days',
      period: '2025/26',
      area: { kind: 'team', name: 'Digest north' },
      part: 'denominator',
    } as const
    const found = await drillDown(deps(), actor, ctx, input)
    expect(found.counted).toBe(20)
    expect(found.rows).toHaveLength(20)
    const audited = await db()
      .selectFrom('audit_event')
      .select(['child_id', 'record_id'])
      .where('action', '=', 'child.list')
      .where('record_type', '=', 'measure')
      .where('user_id', '=', ids.northWorker)
      .execute()
    expect(audited).toHaveLength(20)
    expect(new Set(audited.map((a) => a.child_id))).toEqual(new Set(found.rows.map((r) => r.childId)))
    expect(audited[0]?.record_id).toBe('assessments-within-45-working-days@1')
    // A snapshot's month: the children looked after at 30 June 2025 (A, B and C), of whom the
    // north team's manager may see A alone.
    const june = await drillDown(deps(), actor, ctx, {
      measureId: 'cla-at-period-end',
      period: '2025/26',
      area: { kind: 'authority' },
      part: 'denominator',
      month: '2025-06',
    })
    expect(june.span).toEqual({ from: '2025-06-30', to: '2025-06-30' })
    expect(june.counted).toBe(3)
    expect(june.rows.map((r) => r.onDate)).toEqual(['2023-08-31'])
    await expect(drillDown(deps(), actor, ctx, { ...input, month: '2024-06' })).rejects.toThrow(
      /not in the digest/,
    )
    await db()
      .updateTable('app_user')
      .set({ role: 'social_worker' })
      .where('id', '=', ids.northWorker)
      .execute()
  })
})

describe('the catalogue', () => {
  it('refuses a changed definition under a version already loaded, and keeps a new version beside the old', async () => {
    const catalogue = digestCatalogue(HAVEN_MODULES)
    const changed = catalogue.map((m) =>
      m.id === 'referrals' ? { ...m, query: `${m.query} where false` } : m,
    )
    await expect(syncKpiCatalogue(db(), changed)).rejects.toThrow(CatalogueChangedError)
    const versioned = catalogue.map((m) =>
      m.id === 'referrals' ? { ...m, version: 2, query: `${m.query} where r.nfa` } : m,
    )
    await syncKpiCatalogue(db(), versioned)
    const rows = await db()
      .selectFrom('kpi_measure')
      .select(['version', 'in_catalogue'])
      .where('id', '=', 'referrals')
      .orderBy('version')
      .execute()
    expect(rows).toEqual([
      { version: 1, in_catalogue: false },
      { version: 2, in_catalogue: true },
    ])
    const digest = await computeDigest(deps(), { period: '2025/26', area: { kind: 'authority' } })
    expect(figure(digest, 'referrals')).toMatchObject({ version: 2, value: 1 })
    await syncKpiCatalogue(db(), catalogue)
  })

  it('takes the query of a version never live in place, and refuses a change once it is live', async () => {
    const catalogue = digestCatalogue(HAVEN_MODULES)
    const referrals = catalogue.find((m) => m.id === 'referrals') as (typeof catalogue)[number]
    const draft = { ...referrals, id: 'referrals-draft', status: 'not_written' as const, query: null }
    await syncKpiCatalogue(db(), [...catalogue, draft])
    const live = { ...referrals, id: 'referrals-draft' }
    await syncKpiCatalogue(db(), [...catalogue, live])
    await expect(
      syncKpiCatalogue(db(), [...catalogue, { ...live, query: `${live.query} where false` }]),
    ).rejects.toThrow(CatalogueChangedError)
    await syncKpiCatalogue(db(), catalogue)
  })
})

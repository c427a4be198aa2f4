/**
 * The synthetic authority's placements' commissioning, weekly cost and approval (migration 0069):
 * costs in the ranges of their kind (in-house fostering about £300–£500 or the standard allowance,
 * independent fostering £800–£1,100, children's homes £3,500 and more), dated from the placement's
 * start (a 3% uplift each 1 April) and never after it ended; approvals only where needed, never before the placement began
 * or after the load's day; a few still awaited; a plan for most placements, the rest owed on the worklist. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonDate } from '../../src/platform/calendar/dates.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import type { Db, OpenDatabase } from '../../src/platform/db/database.js'
import { approvalsNeeded } from '../../src/modules/care/placement-model.js'
import { loadAuthority } from '../../src/modules/synth/load.js'
import { openTestDatabase } from '../support/test-database.js'

const AS_OF = new Date('2026-11-23T09:00:00Z')
const END = addCalendarDays(londonDate(AS_OF.getTime()), -1)
let database: OpenDatabase
let db: Db

beforeAll(async () => {
  database = await openTestDatabase()
  db = database.db
  await syncClockDefinitions(db)
  await loadAuthority(db, { seed: 'synth-placements-test', children: 1500, asOf: AS_OF })
}, 300_000)
afterAll(async () => database.close())

describe('the synthetic authority’s placements', () => {
  it('costs each kind of placement in its range, from its start', async () => {
    const rows = await db
      .selectFrom('care_placement_cost as c')
      .innerJoin('care_placement as p', 'p.id', 'c.placement_id')
      .select([
        'c.from_date',
        'c.route',
        'c.weekly_pence',
        'p.place',
        'p.provider',
        'p.start_date',
        'p.end_date',
      ])
      .execute()
    expect(rows.length).toBeGreaterThan(20)
    for (const r of rows) {
      expect(r.from_date >= r.start_date).toBe(true)
      if (r.end_date !== null) expect(r.from_date <= r.end_date).toBe(true)
      // The price a placement starts at (each 1 April after adds 3%).
      if (r.from_date !== r.start_date) continue
      const pounds = r.weekly_pence === null ? null : r.weekly_pence / 100
      if (/^U/.test(r.place) && r.provider === 'PR1') {
        expect(r.route).toBe('in_house')
        if (pounds !== null) expect(pounds).toBeGreaterThanOrEqual(300)
        if (pounds !== null) expect(pounds).toBeLessThanOrEqual(500)
      } else if (/^U/.test(r.place)) {
        expect(['framework', 'spot']).toContain(r.route)
        expect(pounds).toBeGreaterThanOrEqual(800)
        expect(pounds).toBeLessThanOrEqual(1100)
      } else if (['K2', 'R1', 'S1'].includes(r.place)) {
        expect(pounds).toBeGreaterThanOrEqual(3500)
      }
    }
    expect(rows.some((r) => r.route === 'in_house' && r.weekly_pence === null)).toBe(true)
    expect(rows.some((r) => r.route === 'spot')).toBe(true)
    expect(rows.some((r) => r.route === 'framework')).toBe(true)
  })

  it('approves only what needs approval, never before the placement or after the day', async () => {
    const rows = await db
      .selectFrom('care_placement_approval as a')
      .innerJoin('care_placement as p', 'p.id', 'a.placement_id')
      .select(['a.kind', 'a.approved_on', 'p.place', 'p.provider', 'p.start_date'])
      .execute()
    expect(rows.length).toBeGreaterThan(5)
    for (const r of rows) {
      expect(approvalsNeeded(r)).toContain(r.kind)
      expect(r.approved_on >= r.start_date).toBe(true)
      expect(r.approved_on <= END).toBe(true)
    }
    const view = await db.selectFrom('care_placement_v').selectAll().where('end_date', 'is', null).execute()
    const awaiting = view.filter(
      (v) =>
        (approvalsNeeded(v).includes('placement_panel') && v.panel_approved_on === null) ||
        (approvalsNeeded(v).includes('head_of_service') && v.head_of_service_approved_on === null),
    )
    expect(awaiting.length).toBeLessThan(view.length / 4)
  })
  it('agrees a plan for most placements, on or after each began and by the day; the rest are owed', async () => {
    const plans = await db
      .selectFrom('care_placement_plan as pp')
      .innerJoin('care_placement as p', 'p.id', 'pp.placement_id')
      .select(['pp.id', 'pp.version', 'pp.agreed_on', 'p.start_date', 'p.end_date', 'p.id as placement_id'])
      .execute()
    const placements = await db.selectFrom('care_placement').select(['id', 'period_id', 'end_date']).execute()
    expect(plans.length).toBeGreaterThan(placements.length * 0.75)
    expect(new Set(plans.map((p) => p.placement_id)).size).toBe(plans.length)
    for (const p of plans) {
      expect(p.version).toBe(1)
      expect(p.agreed_on > p.start_date).toBe(true)
      expect(p.agreed_on <= END).toBe(true)
      if (p.end_date !== null) expect(p.agreed_on <= p.end_date).toBe(true)
    }
    const delegated = await db
      .selectFrom('care_delegated_authority')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(delegated.n)).toBe(plans.length * 8)
    // The clock is open only for a current placement with no plan yet, and for few of them.
    const planned = new Set(plans.map((p) => p.placement_id))
    const current = placements.filter((p) => p.end_date === null)
    const owed = await db
      .selectFrom('task')
      .select('subject_id')
      .where('clock_code', '=', 'placement-plan-5wd')
      .where('closed_by', 'is', null)
      .execute()
    expect(owed.length).toBeLessThan(current.length / 5)
    for (const t of owed) {
      const placement = current.find((p) => String(p.period_id) === t.subject_id)
      expect(placement, t.subject_id).toBeDefined()
      expect(planned.has(placement?.id as number)).toBe(false)
    }
  })
})

/**
 * The synthetic authority in the two newest modules' own tables: each child's periods of care as
 * the care module keeps them (periods, placements, episodes), agreeing with the population's
 * SSDA903 episodes and with the synthetic return, with the case events on the period rows; and the
 * front door's decisions of early help taken up as early help episodes, a handful still waiting.
 * Runs on PGlite and on PostgreSQL.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonDate } from '../../src/platform/calendar/dates.js'
import { formatDfeDate } from '../../src/modules/returns/ssda903/model.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import type { Db, OpenDatabase } from '../../src/platform/db/database.js'
import { IN_NEED_SHARE, yearEnding } from '../../src/modules/synth/load-batch.js'
import { loadAuthority, type LoadSummary } from '../../src/modules/synth/load.js'
import { buildWorkforce, generateFamilies, type Child } from '../../src/modules/synth/population.js'
import { ssda903Text } from '../../src/modules/synth/returns.js'
import { documentsList } from '../../src/modules/care/documents-service.js'
import { virtualSchool } from '../../src/modules/care/education-service.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import type { Actor } from '../../src/platform/permissions/allow.js'
import { openTestDatabase } from '../support/test-database.js'

const SEED = 'synth-care-test'
const CHILDREN = 1500
const AS_OF = new Date('2026-11-23T09:00:00Z')
const END = addCalendarDays(londonDate(AS_OF.getTime()), -1)
const YEAR = yearEnding(END)

/** The loaded children of this year's families, by their LA child id (the loader numbers them in order). */
function populationChildren(): Map<string, Child> {
  const inNeed = Math.max(1, Math.round(CHILDREN * IN_NEED_SHARE))
  const workforce = buildWorkforce({ seed: SEED, children: inNeed })
  const out = new Map<string, Child>()
  let index = 0
  for (const family of generateFamilies({ seed: SEED, children: inNeed, year: YEAR }, workforce)) {
    if (index >= CHILDREN) break
    for (const child of family.children) {
      if (index >= CHILDREN) break
      out.set(`883C${String(index + 1).padStart(8, '0')}`, child)
      index++
    }
  }
  return out
}

interface EpisodeRow {
  episode_id: number
  period_id: number
  child_id: number
  la_child_id: string
  decom: string
  rne: string
  ls: string
  cin: string
  place: string
  place_provider: string | null
  dec: string | null
  rec: string | null
  reason_place_change: string | null
  home_post: string | null
  pl_post: string | null
  urn: string | null
}

let database: OpenDatabase
let db: Db
let summary: LoadSummary

beforeAll(async () => {
  database = await openTestDatabase()
  db = database.db
  await syncClockDefinitions(db)
  summary = await loadAuthority(db, { seed: SEED, children: CHILDREN, asOf: AS_OF })
}, 300_000)

afterAll(async () => {
  await database?.close()
})

describe('the synthetic authority in the care module’s tables', () => {
  let children: Map<string, Child>
  let episodes: EpisodeRow[]

  beforeAll(async () => {
    children = populationChildren()
    const { rows } = await sql<EpisodeRow>`
      select v.*, p.la_child_id from care_episode_v v join person p on p.id = v.child_id
       order by p.la_child_id, v.decom, v.episode_id`.execute(db)
    episodes = rows.map((r) => ({ ...r, episode_id: Number(r.episode_id), period_id: Number(r.period_id) }))
  })

  it('gives every episode of the population its row in care_episode_v, with its dates and codes', () => {
    const expected = [...children.entries()]
      .filter(([, c]) => c.care.length > 0)
      .flatMap(([id, c]) =>
        c.care.map((e) => ({
          la_child_id: id,
          decom: e.start,
          rne: e.reasonNew,
          ls: e.legalStatus,
          cin: e.categoryOfNeed,
          place: e.placement,
          place_provider: e.provider,
          dec: e.end,
          rec: e.end === null ? null : e.reasonCeased,
          reason_place_change: e.end === null ? null : e.reasonPlaceChange,
          home_post: e.homePostcode,
          pl_post: e.placementPostcode,
          urn: e.urn === 'XXXXXXX' ? null : e.urn,
        })),
      )
      .sort((a, b) => (a.la_child_id < b.la_child_id ? -1 : a.la_child_id > b.la_child_id ? 1 : 0))
    expect(expected.length).toBeGreaterThan(40)
    expect(episodes.map(({ episode_id: _e, period_id: _p, child_id: _c, ...rest }) => rest)).toEqual(expected)
    // Children still looked after at asOf: one open period each, its last episode open.
    const open = [...children.values()].filter((c) => c.care.at(-1)?.end === null).length
    expect(open).toBeGreaterThan(5)
    expect(episodes.filter((e) => e.dec === null)).toHaveLength(open)
  })

  it('matches the synthetic SSDA903 return for the year, row for row', () => {
    let compared = 0
    for (const [id, child] of children) {
      const want = ssda903Text(child, YEAR).Episodes ?? []
      const dfe = (d: string | null) => (d === null ? '' : formatDfeDate(d))
      const got = episodes
        .filter((e) => e.la_child_id === id && e.decom <= YEAR.end && (e.dec === null || e.dec >= YEAR.start))
        .map((e) => ({
          CHILD: id,
          DECOM: dfe(e.decom),
          RNE: e.rne,
          LS: e.ls,
          CIN: e.cin,
          PLACE: e.place,
          PLACE_PROVIDER: e.place_provider ?? '',
          DEC: dfe(e.dec),
          REC: e.rec ?? '',
          REASON_PLACE_CHANGE: e.reason_place_change ?? '',
          HOME_POST: e.home_post ?? '',
          PL_POST: e.pl_post ?? '',
          URN: e.urn ?? 'XXXXXXX',
        }))
      expect(got).toEqual(want)
      compared += want.length
    }
    expect(compared).toBeGreaterThan(20)
  })

  it('keeps periods, placements and episodes consistent: one placement for a change of legal status alone', async () => {
    const periods = await sql<{
      id: number
      start_date: string
      end_date: string | null
      first: string
      last_end: string | null
      open: number
    }>`
      select p.id, p.start_date, p.end_date,
             (select min(e.start_date) from care_episode e where e.period_id = p.id) as first,
             (select e.end_date from care_episode e where e.period_id = p.id order by e.start_date desc, e.id desc limit 1) as last_end,
             (select count(*)::int from care_episode e where e.period_id = p.id and e.end_date is null) as open
        from care_period p`.execute(db)
    expect(periods.rows.length).toBe(episodes.filter((e) => e.rne === 'S').length)
    for (const p of periods.rows) {
      expect(p.first).toBe(p.start_date)
      expect(p.last_end).toBe(p.end_date)
      expect(p.open).toBe(p.end_date === null ? 1 : 0)
    }
    const placements = await sql<{ n: number }>`select count(*)::int as n from care_placement`.execute(db)
    expect(placements.rows[0]?.n).toBe(episodes.filter((e) => e.rne !== 'L').length)
    // An episode of a change of legal status alone is in the placement of the episode before it.
    const shared = await sql<{ n: number }>`
      select count(*)::int as n from care_episode e
       where e.rne = 'L' and not exists (
         select 1 from care_episode b where b.period_id = e.period_id and b.end_date = e.start_date
            and b.placement_id = e.placement_id)`.execute(db)
    expect(shared.rows[0]?.n).toBe(0)
  })

  it('writes the care events on the period of care’s row, as the care service does', async () => {
    const { rows } = await sql<{ type: string; n: number; orphans: number }>`
      select ev.type, count(*)::int as n,
             count(*) filter (where p.id is null or p.child_id <> ev.child_id)::int as orphans
        from case_event ev
        left join care_period p on ev.subject_id ~ '^[0-9]+$' and p.id = ev.subject_id::bigint
       where ev.subject_type = 'period_of_care'
       group by ev.type order by ev.type`.execute(db)
    const byType = Object.fromEntries(rows.map((r) => [r.type, r]))
    for (const r of rows) expect(r.orphans, r.type).toBe(0)
    expect(byType['care.started']?.n).toBe(episodes.filter((e) => e.rne === 'S').length)
    expect(byType['placement.started']?.n).toBe(episodes.filter((e) => e.rne !== 'L').length)
    expect(byType['care.legal_status_changed']?.n).toBe(episodes.filter((e) => e.rne === 'L').length)
    expect(byType['care.ended']?.n).toBe(episodes.filter((e) => e.rec !== null && e.rec !== 'X1').length)
    expect(summary.counts.caseEvents).toBeGreaterThan(0)
  })
})

describe('the synthetic authority’s care records as the care module’s rows', () => {
  const count = async (query: string) =>
    ((await sql.raw<{ n: number }>(query).execute(db)).rows[0]?.n ?? -1) as number
  /** Sees every unrestricted child: the lists below are the authority's whole. */
  let manager: Actor
  const audit = { userId: null, username: 'synth-care-test', requestId: null }
  const deps = () => ({ db, clock: fixedClock(AS_OF) })

  beforeAll(async () => {
    const id = (await db.selectFrom('app_user').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    manager = { id, role: 'service_manager', teamId: null, agency: null, managedTeamIds: [] }
  })

  it('gives each period of care its IRO, with the IRO’s grant, ended and revoked when care ended', async () => {
    const { rows } = await sql<{
      period: number
      ended: boolean
      current: number
      live: number
      closed: number
    }>`
      select p.id as period, p.end_date is not null as ended,
             count(a.id) filter (where a.to_at is null)::int as current,
             count(g.id) filter (where g.revoked_at is null)::int as live,
             count(a.id) filter (where a.to_at is not null and g.revoked_at is not null)::int as closed
        from care_period p
        left join care_iro_allocation a on a.period_id = p.id
        left join child_access g on g.id = a.grant_id and g.basis = 'independent_reviewing_officer'
                                and g.user_id = a.iro_user_id and g.child_id = p.child_id
       where p.start_date < ${addCalendarDays(END, -14)}
       group by p.id, p.end_date`.execute(db)
    expect(rows.length).toBeGreaterThan(10)
    for (const r of rows) {
      expect(r.current, `period ${r.period}`).toBe(r.ended ? 0 : 1)
      expect(r.live, `period ${r.period}`).toBe(r.ended ? 0 : 1)
    }
    expect(await count(`select count(*)::int as n from case_event where type = 'care.iro_allocated'`)).toBe(
      await count(`select count(*)::int as n from care_iro_allocation`),
    )
  })

  it('writes each review as its row and events, PN0 for the under-4s alone, most on time, some minutes owed', async () => {
    const { rows } = await sql<{
      held_on: string
      participation: string
      age: number
      due_on: string | null
      late_reason: string | null
      minutes_distributed_on: string | null
      held_events: number
      owed_task: number
      chair_task: number
    }>`
      select r.held_on, r.participation, extract(year from age(r.held_on, p.date_of_birth))::int as age,
             r.due_on, r.late_reason, r.minutes_distributed_on,
             (select count(*)::int from case_event e where e.type = 'lac_review.held'
                and e.subject_id = r.period_id::text and (e.attributes->>'reviewId')::bigint = r.id) as held_events,
             (select count(*)::int from task t where t.subject_type = 'lac_review' and t.subject_id = r.id::text
                and t.stopped_at is null) as owed_task,
             (select count(*)::int from task t where t.subject_type = 'lac_review' and t.subject_id = r.id::text
                and t.assigned_user_id = r.chair_user_id and t.kept_by_assignee) as chair_task
        from lac_review r join person p on p.id = r.child_id`.execute(db)
    expect(rows.length).toBeGreaterThan(50)
    for (const r of rows) {
      expect(r.held_events).toBe(1)
      expect(r.participation === 'PN0').toBe(r.age < 4)
      expect(r.late_reason !== null).toBe(r.due_on !== null && r.held_on > r.due_on)
      expect(r.owed_task).toBe(r.minutes_distributed_on === null ? 1 : 0)
      expect(r.chair_task).toBe(1)
    }
    const late = rows.filter((r) => r.late_reason !== null).length
    expect(late).toBeGreaterThan(0)
    expect(late / rows.length).toBeLessThan(0.2)
    expect(rows.filter((r) => r.minutes_distributed_on === null).length).toBeGreaterThan(0)
    // No review event stands without its row.
    expect(await count(`select count(*)::int as n from case_event where type = 'lac_review.held'`)).toBe(
      rows.length,
    )
  })

  it('writes each statutory visit, health assessment and PEP as its row, named by its event', async () => {
    const unmatched = async (type: string, key: string, table: string) =>
      count(`select count(*)::int as n from case_event e where e.type = '${type}'
               and not exists (select 1 from ${table} x where x.id = (e.attributes->>'${key}')::bigint
                                 and x.period_id = e.subject_id::bigint and x.child_id = e.child_id)`)
    for (const [type, key, table] of [
      ['lac_visit.held', 'visitId', 'care_visit'],
      ['iha.completed', 'assessmentId', 'care_health_assessment'],
      ['rha.completed', 'assessmentId', 'care_health_assessment'],
      ['health_check.recorded', 'checkId', 'care_health_check'],
      ['pep.completed', 'pepId', 'care_pep'],
      ['education.school_started', 'schoolId', 'care_school'],
      ['care_document.recorded', 'documentId', 'care_document'],
    ] as const)
      expect(await unmatched(type, key, table), type).toBe(0)
    // And no row stands without its event.
    for (const [table, type] of [
      ['care_visit', 'lac_visit.held'],
      ['care_pep', 'pep.completed'],
      ['care_health_check', 'health_check.recorded'],
      ['care_document', 'care_document.recorded'],
    ] as const)
      expect(await count(`select count(*)::int as n from ${table}`), table).toBe(
        await count(`select count(*)::int as n from case_event where type = '${type}'`),
      )
    // Nearly every child is seen; the SDQ is for ages 4 to 16 alone.
    const seen = await count(`select (100 * avg(child_seen::int))::int as n from care_visit`)
    expect(seen).toBeGreaterThan(90)
    expect(
      await count(`select count(*)::int as n from care_health_check c join person p on p.id = c.child_id
                    where c.kind = 'sdq' and extract(year from age(c.checked_on, p.date_of_birth)) not between 4 and 16`),
    ).toBe(0)
  })

  it('leaves some health assessments outstanding, waiting for an appointment or the paperwork', async () => {
    const { rows } = await sql<{ waiting_reason: string; n: number }>`
      select a.waiting_reason, count(*)::int as n from care_health_assessment a
        join care_period p on p.id = a.period_id and p.end_date is null
       where a.completed_on is null group by 1`.execute(db)
    const waiting = Object.fromEntries(rows.map((r) => [r.waiting_reason, r.n]))
    expect((waiting.appointment ?? 0) + (waiting.paperwork ?? 0)).toBeGreaterThan(0)
    const open = await count(`select count(*)::int as n from care_period where end_date is null`)
    expect(rows.reduce((n, r) => n + r.n, 0)).toBeLessThan(open / 2)
  })

  it('gives most children of school age looked after a school, some out of borough, a few missing education', async () => {
    const { figures } = await virtualSchool(deps(), manager, audit, { borough: null })
    expect(figures.children).toBeGreaterThan(5)
    // Few children at this size: most, not the authority's 9 in 10.
    expect(figures.noSchool / figures.children).toBeLessThan(0.5)
    expect(figures.inBorough).toBeGreaterThan(0)
    expect(figures.outOfBorough).toBeGreaterThan(0)
    expect(await count(`select count(*)::int as n from care_attendance`)).toBeGreaterThan(0)
  })

  it('lists a minority of the children looked after more than 4 weeks as lacking documents', async () => {
    const list = await documentsList(deps(), manager, { teamId: null, workerId: null }, audit)
    expect(list.counts.lookedAfter).toBeGreaterThan(10)
    expect(list.counts.listed).toBeGreaterThan(0)
    expect(list.counts.listed / list.counts.lookedAfter).toBeLessThan(0.4)
  })
})

describe('the front door’s decisions of early help in the synthetic authority', () => {
  it('takes most of them up as episodes, leaving a handful of recent ones waiting', async () => {
    const { rows } = await sql<{ decided: number; taken: number; waiting: number; waiting_old: number }>`
      select count(*)::int as decided,
             count(e.id)::int as taken,
             count(*) filter (where e.id is null)::int as waiting,
             count(*) filter (where e.id is null and cc.decided_at < ${AS_OF}::timestamptz - interval '14 days')::int as waiting_old
        from contact_child cc left join eh_episode e on e.contact_child_id = cc.id
       where cc.decision = 'early_help' and cc.status = 'decided'`.execute(db)
    const r = rows[0] as { decided: number; taken: number; waiting: number; waiting_old: number }
    expect(r.decided).toBeGreaterThan(30)
    expect(r.taken / r.decided).toBeGreaterThan(0.9)
    expect(r.waiting).toBe(summary.counts.earlyHelpWaiting)
    expect(r.waiting_old).toBe(0)
    expect(summary.counts.earlyHelpEpisodes).toBe(r.taken)
  })

  it('gives each episode a lead professional, an assessment and, once ended, an authorised closure', async () => {
    const episodes = await sql<{
      status: string
      lead_agency: string | null
      lead_role: string | null
      member: number | null
      lead_grant: number | null
      assessment: string | null
      completed_on: string | null
      closure: string | null
      end_reason: string | null
      started_on: string
      consent_on: string
    }>`
      select e.status, e.lead_agency, u.role as lead_role, m.id as member, g.id as lead_grant,
             a.started_on as assessment, a.completed_on, c.status as closure, e.end_reason,
             e.started_on, e.consent_on
        from eh_episode e
        left join app_user u on u.id = e.lead_user_id
        left join eh_taf_member m on m.id = e.lead_member_id and m.user_id = e.lead_user_id
        left join child_access g on g.id = e.lead_grant_id and g.user_id = e.lead_user_id
        left join eh_assessment a on a.episode_id = e.id
        left join eh_closure c on c.episode_id = e.id`.execute(db)
    const byStatus: Record<string, number> = {}
    for (const e of episodes.rows) {
      byStatus[e.status] = (byStatus[e.status] ?? 0) + 1
      expect(e.consent_on <= e.started_on).toBe(true)
      if (e.status === 'awaiting_allocation') continue
      expect(e.member).not.toBeNull()
      expect(e.lead_grant).not.toBeNull()
      expect(e.assessment).not.toBeNull()
      if (e.lead_agency === 'social_care') expect(e.lead_role).toBe('social_worker')
      else expect(e.lead_role).toBe('partner_practitioner')
      if (e.status === 'ended') {
        expect(e.closure).toBe('authorised')
        expect(e.end_reason).toMatch(/^EH[0-9]$/)
      } else expect(e.closure).toBeNull()
    }
    expect(byStatus.open ?? 0).toBeGreaterThan(5)
    expect(byStatus.ended ?? 0).toBeGreaterThan(10)
    const agencies = new Set(episodes.rows.map((e) => e.lead_agency))
    expect(agencies).toContain('social_care')
    expect(agencies).toContain('education')
    expect(episodes.rows.filter((e) => e.completed_on !== null).length).toBeGreaterThan(
      episodes.rows.length / 2,
    )
    // The read contract gives them, and an ended episode's grants are ended with it.
    const view = await sql<{ n: number }>`select count(*)::int as n from earlyhelp_episode_v`.execute(db)
    expect(view.rows[0]?.n).toBe(episodes.rows.length)
    const live = await sql<{ n: number }>`
      select count(*)::int as n from eh_episode e join child_access g on g.id in (e.team_grant_id, e.lead_grant_id)
       where e.status = 'ended' and g.revoked_at is null`.execute(db)
    expect(live.rows[0]?.n).toBe(0)
  })

  it('writes the module’s events on the episode, with its clocks’ tasks on the lead professional’s list', async () => {
    const events = await sql<{ orphans: number; started: number; episodes: number }>`
      select count(*) filter (where e.id is null or e.child_id <> ev.child_id)::int as orphans,
             count(*) filter (where ev.type = 'earlyhelp.started' and ev.id = e.started_event_id)::int as started,
             (select count(*)::int from eh_episode) as episodes
        from case_event ev
        left join eh_episode e on ev.subject_id ~ '^[0-9]+$' and e.id = ev.subject_id::bigint
       where ev.subject_type = 'eh_episode'`.execute(db)
    expect(events.rows[0]?.orphans).toBe(0)
    expect(events.rows[0]?.started).toBe(events.rows[0]?.episodes)
    const tasks = await sql<{ open: number; on_lead: number }>`
      select count(*)::int as open,
             count(*) filter (where t.assigned_user_id = e.lead_user_id)::int as on_lead
        from task t join eh_episode e on e.id = t.subject_id::bigint
       where t.subject_type = 'eh_episode' and t.stopped_at is null and e.lead_user_id is not null`.execute(
      db,
    )
    expect(tasks.rows[0]?.open).toBeGreaterThan(0)
    expect(tasks.rows[0]?.on_lead).toBe(tasks.rows[0]?.open)
    const ended = await sql<{ n: number }>`
      select count(*)::int as n from task t join eh_episode e on e.id = t.subject_id::bigint
       where t.subject_type = 'eh_episode' and t.stopped_at is null and e.status = 'ended'`.execute(db)
    expect(ended.rows[0]?.n).toBe(0)
  })
})

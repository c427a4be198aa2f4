/**
 * The synthetic authority loaded into the database: counts, front-door rules kept (decisions
 * signed, re-referrals flagged as the DfE counts them, contacts still open in the MASH with
 * live tasks, allocations granting access), tasks as the clock engine writes them, and the same
 * seed giving the same rows in a second database. Runs on PGlite and on PostgreSQL.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOTE_TYPES } from '../../src/modules/casenotes/model.js'
import { previousReferralWithin12Months } from '../../src/modules/frontdoor/model.js'
import { londonDate } from '../../src/platform/calendar/clocks.js'
import { nhsCheckDigit, upnCheckLetter } from '../../src/modules/people/identifiers.js'
import {
  loadAuthority,
  SyntheticAuthorityExistsError,
  type LoadSummary,
} from '../../src/modules/synth/load.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import type { Db, OpenDatabase } from '../../src/platform/db/database.js'
import { allocatedTo, refreshTasks } from '../../src/platform/tasks/case-events.js'
import { openTestDatabase } from '../support/test-database.js'
import { checksums } from '../support/synth-checksums.js'

const SEED = 'synth-load-test'
const CHILDREN = 300
const AS_OF = new Date('2026-11-23T11:30:00Z')

async function openLoaded(): Promise<{ database: OpenDatabase; summary: LoadSummary }> {
  const database = await openTestDatabase()
  await syncClockDefinitions(database.db)
  const summary = await loadAuthority(database.db, { seed: SEED, children: CHILDREN, asOf: AS_OF })
  return { database, summary }
}

describe('loading a synthetic authority into the database', () => {
  let first: { database: OpenDatabase; summary: LoadSummary }
  let db: Db

  beforeAll(async () => {
    first = await openLoaded()
    db = first.database.db
  }, 180_000)

  afterAll(async () => {
    await first?.database.close()
  })

  it('writes the number of children asked for, with families, staff and a year of contacts', async () => {
    const { counts } = first.summary
    const { rows } = await sql<{ kind: string; n: number }>`
      select kind, count(*)::int as n from person group by kind`.execute(db)
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r.n]))
    expect((byKind.child ?? 0) + (byKind.unborn ?? 0)).toBe(CHILDREN)
    expect(counts.children).toBe(CHILDREN)
    expect(byKind.adult).toBe(counts.adults)
    expect(counts.adults).toBeGreaterThan(CHILDREN / 2)
    expect(counts.relationships).toBeGreaterThan(CHILDREN)
    expect(counts.staff).toBeGreaterThanOrEqual(42)
    // Teams of 6–10 workers, each with a manager.
    const teams = await sql<{ workers: number; manager: number | null }>`
      select count(u.id)::int - 1 as workers, t.manager_id as manager
        from team t join app_user u on u.team_id = t.id
       where u.username like 'sw%' or u.username like 'eh%'
       group by t.id`.execute(db)
    for (const t of teams.rows) {
      expect(t.workers).toBeGreaterThanOrEqual(6)
      expect(t.workers).toBeLessThanOrEqual(10)
      expect(t.manager).not.toBeNull()
    }
    const users = await sql<{ n: number }>`
      select count(*)::int as n from app_user where password_hash is not null`.execute(db)
    expect(users.rows[0]?.n).toBe(0)
    // About 1,000 contacts a month at 42,000 children: about 7 at 300, over the last year.
    const lastYear = await sql<{ n: number }>`
      select count(*)::int as n from contact where received_at > ${AS_OF}::timestamptz - interval '365 days'`.execute(
      db,
    )
    expect(lastYear.rows[0]?.n).toBeGreaterThan(40)
    expect(lastYear.rows[0]?.n).toBeLessThan(200)
    const future = await sql<{ n: number }>`
      select (select count(*) from case_event where occurred_at > ${AS_OF}::timestamptz)::int
           + (select count(*) from contact where received_at > ${AS_OF}::timestamptz)::int as n`.execute(db)
    expect(future.rows[0]?.n).toBe(0)
    const audit = await db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'synth.load')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('gives every child valid identifiers', async () => {
    const people = await db
      .selectFrom('person')
      .select(['nhs_number', 'upn'])
      .where('kind', '<>', 'adult')
      .execute()
    for (const p of people) {
      if (p.nhs_number) expect(nhsCheckDigit(p.nhs_number.slice(0, 9))).toBe(Number(p.nhs_number[9]))
      if (p.upn) expect(upnCheckLetter(p.upn.slice(1))).toBe(p.upn[0])
    }
    expect(people.filter((p) => p.nhs_number !== null).length).toBeGreaterThan(CHILDREN * 0.8)
  })

  it('records who decided each decided contact and when, most of them no further action or early help', async () => {
    const rows = await db
      .selectFrom('contact_child')
      .select(['status', 'decision', 'decided_by', 'decided_at', 'rag', 'rated_at'])
      .execute()
    const decided = rows.filter((r) => r.status === 'decided' || r.decision !== null)
    expect(decided.length).toBeGreaterThan(0)
    for (const r of decided) {
      expect(r.decision).not.toBeNull()
      expect(r.decided_by).not.toBeNull()
      expect(r.decided_at).not.toBeNull()
      if (r.status === 'decided') expect(r.rag).not.toBeNull()
    }
    // Contacts about children with an open case went to the allocated worker.
    expect(rows.filter((r) => r.status === 'routed_to_allocated_worker').length).toBeGreaterThan(0)
    const referrals = decided.filter((r) => r.decision === 'referral' || r.decision === 'strategy_discussion')
    expect(referrals.length).toBeGreaterThan(0)
    expect(referrals.length).toBeLessThan(decided.length / 3)
    // Siblings on one contact.
    const siblings = await sql<{ n: number }>`
      select count(*)::int as n from (select contact_id from contact_child group by contact_id having count(*) > 1) s`.execute(
      db,
    )
    expect(siblings.rows[0]?.n).toBeGreaterThan(0)
  })

  it('flags re-referrals as the DfE counts them', async () => {
    const referrals = await db
      .selectFrom('referral')
      .select(['id', 'child_id', 'referral_date', 're_referral', 'previous_referral_id'])
      .orderBy('id')
      .execute()
    expect(referrals.length).toBeGreaterThan(5)
    for (const r of referrals) {
      const earlier = referrals
        .filter((e) => e.child_id === r.child_id && e.id < r.id)
        .map((e) => ({ id: Number(e.id), referralDate: e.referral_date }))
      const previous = previousReferralWithin12Months(r.referral_date, earlier)
      expect(r.re_referral).toBe(previous !== null)
      expect(r.previous_referral_id === null ? null : Number(r.previous_referral_id)).toBe(
        previous?.id ?? null,
      )
    }
  })

  it('leaves contacts waiting in the MASH queue or for authorisation, each with a live decision clock', async () => {
    const open = await db
      .selectFrom('contact_child')
      .select(['id', 'decision', 'decided_at'])
      .where('status', 'in', ['in_triage', 'awaiting_authorisation'])
      .execute()
    expect(open.length).toBeGreaterThanOrEqual(3)
    // Waiting in the last days, not for years.
    const oldest = await sql<{ received_at: Date }>`
      select min(c.received_at) as received_at from contact c join contact_child cc on cc.contact_id = c.id
       where cc.status in ('in_triage', 'awaiting_authorisation')`.execute(db)
    expect(AS_OF.getTime() - (oldest.rows[0]?.received_at as Date).getTime()).toBeLessThan(61 * 86_400_000)
    for (const cc of open) {
      expect(cc.decision).toBeNull()
      const tasks = await db
        .selectFrom('task')
        .select(['clock_code', 'stopped_at'])
        .where('subject_type', '=', 'contact')
        .where('subject_id', '=', String(cc.id))
        .execute()
      expect(tasks.find((t) => t.clock_code === 'mash-decision')?.stopped_at).toBeNull()
    }
  })

  it('grants the allocated worker and team access to each allocated child', async () => {
    const allocated = await db
      .selectFrom('referral')
      .select(['child_id', 'worker_id', 'team_id'])
      .where('status', '=', 'allocated')
      .execute()
    expect(allocated.length).toBeGreaterThan(0)
    for (const r of allocated) {
      const owner = await allocatedTo(db, r.child_id)
      expect(owner.userId).toBe(r.worker_id)
      expect(owner.teamId).toBe(r.team_id)
    }
  })

  it('writes the tasks the clock engine would, assigned to whoever holds the case', async () => {
    const subjects = await sql<{ child_id: number; subject_type: string; subject_id: string }>`
      select distinct child_id, subject_type, subject_id from task order by 1, 2, 3`.execute(db)
    const sample = subjects.rows.filter((_, i) => i % 7 === 0)
    const before = await sql<{ key: string; row: string }>`
      select instance_key as key, concat_ws('|', due_at, due_soon_at, stopped_at, closed_by) as row from task order by 1`.execute(
      db,
    )
    await db.transaction().execute(async (trx) => {
      for (const s of sample) await refreshTasks(trx, Number(s.child_id), s.subject_type, s.subject_id)
    })
    const after = await sql<{ key: string; row: string }>`
      select instance_key as key, concat_ws('|', due_at, due_soon_at, stopped_at, closed_by) as row from task order by 1`.execute(
      db,
    )
    expect(after.rows).toEqual(before.rows)
    const open = await db
      .selectFrom('task')
      .select(['child_id', 'assigned_user_id', 'assigned_team_id'])
      .where('stopped_at', 'is', null)
      // A task given to a named person (a sign-off's, the manager's) stays theirs: checked below.
      .where('kept_by_assignee', '=', false)
      .execute()
    expect(open.length).toBeGreaterThan(0)
    for (const t of open.slice(0, 40)) {
      const owner = await allocatedTo(db, t.child_id)
      expect({ userId: t.assigned_user_id, teamId: t.assigned_team_id }).toEqual(owner)
    }
  })

  it('gives each plan outcomes and actions, and each core group held its row, attendance and action reviews', async () => {
    const plans = await sql<{ n: number; with_outcomes: number }>`
      select count(*)::int as n,
             count(*) filter (where exists (select 1 from cp_plan_outcome o where o.cp_plan_id = p.id))::int as with_outcomes
        from cp_plan p`.execute(db)
    expect(plans.rows[0]?.n).toBeGreaterThan(0)
    expect(plans.rows[0]?.with_outcomes).toBe(plans.rows[0]?.n)
    // Every `core_group.held` event on a plan's record has its meeting, on that day; no others.
    const groups = await sql<{ events: number; rows: number; matched: number }>`
      select (select count(*)::int from case_event e join cp_plan p on e.subject_type = 'cp_plan' and e.subject_id = p.id::text
               where e.type = 'core_group.held') as events,
             (select count(*)::int from cp_core_group) as rows,
             (select count(*)::int from cp_core_group g
               where exists (select 1 from case_event e
                              where e.type = 'core_group.held' and e.subject_type = 'cp_plan' and e.subject_id = g.cp_plan_id::text
                                and (e.occurred_at at time zone 'Europe/London')::date = g.held_on)) as matched`.execute(
      db,
    )
    expect(groups.rows[0]?.rows).toBeGreaterThan(0)
    expect(groups.rows[0]).toEqual({
      events: groups.rows[0]?.rows,
      rows: groups.rows[0]?.rows,
      matched: groups.rows[0]?.rows,
    })
    const odd = await sql<{ n: number }>`
      select count(*)::int as n from cp_plan_action a
        join cp_plan_outcome o on o.id = a.cp_plan_outcome_id
        join cp_plan p on p.id = o.cp_plan_id
       where a.due_on < p.start_date or a.delivered_on > a.due_on or a.delivered_on < p.start_date
          or (a.status <> 'planned' and a.status_at > ${AS_OF})`.execute(db)
    expect(odd.rows[0]?.n).toBe(0)
    const attendance = await sql<{ n: number; social_care: number }>`
      select count(distinct cp_core_group_id)::int as n,
             count(*) filter (where agency_kind = 'social_care' and attended)::int as social_care
        from cp_core_group_attendance`.execute(db)
    expect(attendance.rows[0]).toEqual({ n: groups.rows[0]?.rows, social_care: groups.rows[0]?.rows })
    // A core group reviews only the actions due by the day it met.
    const early = await sql<{ n: number }>`
      select count(*)::int as n from cp_core_group_action_review r
        join cp_core_group g on g.id = r.cp_core_group_id
        join cp_plan_action a on a.id = r.cp_plan_action_id
       where a.due_on > g.held_on`.execute(db)
    expect(early.rows[0]?.n).toBe(0)
  })

  it('writes each CIN plan as its record, its visits and reviews as rows and events on it', async () => {
    // Every event on a CIN plan names a plan of the same child.
    const orphans = await sql<{ events: number; orphans: number }>`
      select count(*)::int as events,
             count(*) filter (where p.id is null or p.child_id <> e.child_id)::int as orphans
        from case_event e left join cin_plan p on p.id::text = e.subject_id
       where e.subject_type = 'cin_plan'`.execute(db)
    expect(orphans.rows[0]?.events).toBeGreaterThan(0)
    expect(orphans.rows[0]?.orphans).toBe(0)
    // Each plan follows its referral's assessment or CP plan, started with its frequency.
    const plans = await sql<{ n: number; mismatched: number; ended: number }>`
      select count(*)::int as n,
             count(*) filter (where not exists (
               select 1 from case_event e
                where e.subject_type = 'cin_plan' and e.subject_id = p.id::text and e.type = 'cin_plan.started'
                  and e.attributes ->> 'frequency' = p.visit_frequency
                  and coalesce(e.attributes ->> 'assessmentId', e.attributes ->> 'cpPlanId')
                      = coalesce(p.assessment_id, p.cp_plan_id)::text)
               or (p.assessment_id is not null and not exists (
                 select 1 from assessment a where a.id = p.assessment_id and a.referral_id = p.referral_id))
               or (p.cp_plan_id is not null and not exists (
                 select 1 from cp_plan c where c.id = p.cp_plan_id and c.end_date < p.start_date))
               or (p.end_date is not null) <> exists (
                 select 1 from case_event e
                  where e.subject_type = 'cin_plan' and e.subject_id = p.id::text and e.type = 'cin_plan.ended'
                    and e.attributes ->> 'reason' = p.end_reason))::int as mismatched,
             count(*) filter (where p.end_date is not null)::int as ended
        from cin_plan p`.execute(db)
    expect(plans.rows[0]?.n).toBeGreaterThan(5)
    expect(plans.rows[0]?.ended).toBeGreaterThan(0)
    expect(plans.rows[0]?.mismatched).toBe(0)
    // One `cin_visit` row for each `cin_visit.held` event, at its time, on its plan; and the same for reviews.
    const visits = await sql<{ events: number; rows: number; matched: number; seen: number }>`
      select (select count(*)::int from case_event where type = 'cin_visit.held') as events,
             (select count(*)::int from cin_visit) as rows,
             (select count(*)::int from cin_visit v join cin_plan p on p.id = v.cin_plan_id
               where exists (select 1 from case_event e
                              where e.type = 'cin_visit.held' and e.subject_id = v.cin_plan_id::text
                                and e.child_id = p.child_id and e.occurred_at = v.visited_at
                                and (e.attributes ->> 'visitId')::bigint = v.id
                                and (e.attributes ->> 'seen')::boolean = v.child_seen
                                and (e.attributes ->> 'seenAlone')::boolean = v.seen_alone
                                and e.attributes ->> 'frequency' = p.visit_frequency)) as matched,
             (select count(*)::int from cin_visit where child_seen) as seen`.execute(db)
    const v = visits.rows[0]
    expect(v?.rows).toBeGreaterThan(20)
    expect(v).toEqual({ events: v?.rows, rows: v?.rows, matched: v?.rows, seen: v?.seen })
    expect(v?.seen).toBeGreaterThan((v?.rows ?? 0) / 2)
    // Each visit has its note, by the same worker at the same time, on the child, seen as the note says.
    const unnoted = await sql<{ n: number }>`
      select count(*)::int as n from cin_visit v join cin_plan p on p.id = v.cin_plan_id
       where not exists (
         select 1 from case_note_version nv join case_note_seen s on s.case_note_version_id = nv.id
          where nv.contact_at = v.visited_at and nv.written_by = v.recorded_by and s.child_id = p.child_id
            and (s.seen <> 'not_seen') = v.child_seen and (s.seen = 'seen_alone') = v.seen_alone)`.execute(db)
    expect(unnoted.rows[0]?.n).toBe(0)
    const reviews = await sql<{ events: number; rows: number; matched: number }>`
      select (select count(*)::int from case_event where type = 'cin_review.held') as events,
             (select count(*)::int from cin_plan_review) as rows,
             (select count(*)::int from cin_plan_review r
               where exists (select 1 from case_event e
                              where e.type = 'cin_review.held' and e.subject_id = r.cin_plan_id::text
                                and (e.occurred_at at time zone 'Europe/London')::date = r.held_on
                                and (e.attributes ->> 'reviewId')::bigint = r.id)) as matched`.execute(db)
    const r = reviews.rows[0]
    expect(r?.rows).toBeGreaterThan(0)
    expect(r).toEqual({ events: r?.rows, rows: r?.rows, matched: r?.rows })
  })

  it('has most CIN visits and reviews on time, a realistic minority late', async () => {
    const { rows } = await sql<{ clock_code: string; met: number; missed: number; open: number }>`
      select clock_code,
             count(*) filter (where closed_by = 'stop' and stopped_at <= due_at)::int as met,
             count(*) filter (where closed_by = 'stop' and stopped_at > due_at)::int as missed,
             count(*) filter (where stopped_at is null)::int as open
        from task where clock_code like 'cin-%' group by clock_code order by clock_code`.execute(db)
    const of = (code: string) => rows.find((r) => r.clock_code === code) ?? { met: 0, missed: 0, open: 0 }
    const visits = of('cin-visit')
    const share = visits.met / (visits.met + visits.missed)
    expect(visits.met + visits.missed).toBeGreaterThan(50)
    expect(share).toBeGreaterThan(0.6)
    expect(share).toBeLessThan(0.95)
    const reviews = [of('cin-review-first-3m'), of('cin-review-6m')]
    const met = reviews.reduce((n, r) => n + r.met, 0)
    const missed = reviews.reduce((n, r) => n + r.missed, 0)
    // Few reviews fall due in a small authority: late ones are in load-notes.test.ts's share.
    expect(met).toBeGreaterThan(missed)
  })

  it('leaves some finished assessments waiting for the manager, each with its sign-off and the manager’s task', async () => {
    const waiting = await sql<{
      id: number
      child_id: number
      complete: boolean
      sign_offs: number
      asked_by: number | null
      task_user: number | null
      kept: boolean | null
      manager: number | null
    }>`
      select a.id, a.child_id,
             (a.seen_on is not null and a.factors is not null and a.primary_need is not null
               and a.analysis is not null and a.outcome is not null and a.wishes_and_feelings is not null) as complete,
             (select count(*)::int from sign_off s where s.subject_type = 'assessment' and s.subject_id = a.id::text
                 and s.status = 'awaiting') as sign_offs,
             (select s.asked_by from sign_off s where s.subject_type = 'assessment' and s.subject_id = a.id::text) as asked_by,
             k.assigned_user_id as task_user, k.kept_by_assignee as kept, t.manager_id as manager
        from assessment a
        join referral r on r.id = a.referral_id
        join team t on t.id = r.team_id
        left join task k on k.clock_code = 'sign-off' and k.subject_type = 'sign_off'
              and k.subject_id = 'assessment:' || a.id and k.stopped_at is null
       where a.status = 'awaiting_authorisation'
       order by a.id`.execute(db)
    expect(waiting.rows.length).toBeGreaterThan(0)
    for (const w of waiting.rows)
      expect({ ...w, task_user: w.task_user === null ? null : Number(w.task_user) }).toMatchObject({
        complete: true,
        sign_offs: 1,
        task_user: Number(w.manager),
        kept: true,
      })
    // No sign-off waits on a record that is not waiting.
    const stray = await sql<{ n: number }>`
      select count(*)::int as n from sign_off s join assessment a on a.id::text = s.subject_id
       where s.subject_type = 'assessment' and s.status = 'awaiting' and a.status <> 'awaiting_authorisation'`.execute(
      db,
    )
    expect(stray.rows[0]?.n).toBe(0)
  })

  it('writes case notes of the visits and calls the casework records, by the worker on the case', async () => {
    expect(first.summary.counts.caseNotes).toBeGreaterThan(0)
    // One statutory-visit note for each CP visit: same time, its author, seen alone as recorded.
    const visits = await sql<{ visits: number; matched: number }>`
      select (select count(*)::int from cp_visit) as visits,
             (select count(*)::int from cp_visit v join cp_plan p on p.id = v.cp_plan_id
               where exists (select 1 from case_note_version cv
                               join case_note_child c on c.case_note_id = cv.case_note_id and c.child_id = p.child_id
                               join case_note_seen s on s.case_note_version_id = cv.id and s.child_id = p.child_id
                              where cv.note_type = 'statutory_visit' and cv.contact_at = v.visited_at
                                and cv.written_by = v.recorded_by
                                and s.seen = case when v.seen_alone then 'seen_alone' else 'seen_with_others' end)) as matched`.execute(
      db,
    )
    expect(visits.rows[0]?.visits).toBeGreaterThan(0)
    expect(visits.rows[0]?.matched).toBe(visits.rows[0]?.visits)
    // Each assessment that saw the child has a home visit that day, seen alone as it says.
    const seen = await sql<{ seen: number; matched: number }>`
      select count(*)::int as seen,
             count(*) filter (where exists (
               select 1 from case_note_child c
                 join case_note_version v on v.case_note_id = c.case_note_id
                 join case_note_seen s on s.case_note_version_id = v.id and s.child_id = c.child_id
                where c.child_id = a.child_id and v.note_type = 'home_visit'
                  and (v.contact_at at time zone 'Europe/London')::date = a.seen_on
                  and (s.seen = 'seen_alone') = a.seen_alone))::int as matched
        from assessment a where a.seen_on is not null`.execute(db)
    expect(seen.rows[0]?.seen).toBeGreaterThan(0)
    expect(seen.rows[0]?.matched).toBe(seen.rows[0]?.seen)
    // Some notes are on brothers and sisters together; every note's child has a seen row and an event.
    const shape = await sql<{ shared: number; unseen: number; events: number; links: number; late: number }>`
      select (select count(*)::int from (select case_note_id from case_note_child group by 1 having count(*) > 1) s) as shared,
             (select count(*)::int from case_note_child c join case_note_version v on v.case_note_id = c.case_note_id
               where not exists (select 1 from case_note_seen s where s.case_note_version_id = v.id and s.child_id = c.child_id)) as unseen,
             (select count(*)::int from case_event where type = 'case_note.recorded') as events,
             (select count(*)::int from case_note_child) as links,
             (select count(*)::int from case_note_version where contact_at > ${AS_OF} or written_at > ${AS_OF}
                 or written_at < contact_at) as late`.execute(db)
    expect(shape.rows[0]?.shared).toBeGreaterThan(0)
    expect(shape.rows[0]).toMatchObject({ unseen: 0, late: 0, events: shape.rows[0]?.links })
    // The types are the casenotes module's, face-to-face or not as it says.
    const types = await sql<{ note_type: string; seen: string }>`
      select distinct v.note_type, s.seen from case_note_version v join case_note_seen s on s.case_note_version_id = v.id`.execute(
      db,
    )
    for (const t of types.rows) {
      const type = NOTE_TYPES.find((n) => n.code === t.note_type)
      expect(type).toBeDefined()
      if (!type?.faceToFace) expect(t.seen).toBe('not_seen')
    }
  })

  it('gives each open allocated case its manager’s oversight, the next due on the manager’s list', async () => {
    expect(first.summary.counts.oversightRecords).toBeGreaterThan(0)
    const cases = await sql<{
      child_id: number
      next_due_on: string | null
      recorded_by: number | null
      task_due: string | null
      task_user: number | null
      kept: boolean | null
      tasks: number
    }>`
      select r.child_id,
             o.next_due_on, o.recorded_by,
             to_char(k.due_at at time zone 'Europe/London', 'YYYY-MM-DD') as task_due,
             k.assigned_user_id as task_user, k.kept_by_assignee as kept,
             (select count(*)::int from task t where t.child_id = r.child_id and t.clock_code = 'management-oversight'
                 and t.stopped_at is null) as tasks
        from (select distinct child_id from referral where status = 'allocated') r
        left join lateral (select to_char(next_due_on, 'YYYY-MM-DD') as next_due_on, recorded_by from oversight_record o
                            where o.child_id = r.child_id order by held_on desc, id desc limit 1) o on true
        left join task k on k.child_id = r.child_id and k.clock_code = 'management-oversight' and k.stopped_at is null`.execute(
      db,
    )
    const overseen = cases.rows.filter((c) => c.next_due_on !== null)
    expect(overseen.length).toBeGreaterThan(cases.rows.length / 2)
    for (const c of overseen)
      expect({ ...c, task_user: Number(c.task_user), recorded_by: Number(c.recorded_by) }).toMatchObject({
        task_due: c.next_due_on,
        task_user: Number(c.recorded_by),
        kept: true,
        tasks: 1,
      })
    // Mostly due ahead, a few overdue, as a live authority's.
    const overdue = overseen.filter((c) => (c.next_due_on as string) < londonDate(AS_OF.getTime())).length
    expect(overdue).toBeLessThan(overseen.length / 3)
    // Recorded by a team manager, never after asOf, and only on children with an allocated case.
    const odd = await sql<{ n: number }>`
      select count(*)::int as n from oversight_record o
       where o.recorded_at > ${AS_OF} or o.next_due_on <= o.held_on
          or not exists (select 1 from team t where t.manager_id = o.recorded_by)
          or not exists (select 1 from referral r where r.child_id = o.child_id and r.status = 'allocated')`.execute(
      db,
    )
    expect(odd.rows[0]?.n).toBe(0)
  })

  it('refuses to load a second authority into the same database', async () => {
    await expect(loadAuthority(db, { seed: SEED, children: 10, asOf: AS_OF })).rejects.toBeInstanceOf(
      SyntheticAuthorityExistsError,
    )
  })

  it('gives the same rows for the same seed in another database', async () => {
    const second = await openLoaded()
    try {
      expect(second.summary.counts).toEqual(first.summary.counts)
      expect(await checksums(second.database.db)).toEqual(await checksums(db))
    } finally {
      await second.database.close()
    }
  }, 180_000)

  it('loads only the children in need and their families when asked (England-sized loads)', async () => {
    const other = await openTestDatabase()
    try {
      await syncClockDefinitions(other.db)
      const summary = await loadAuthority(other.db, {
        seed: SEED,
        children: 40,
        inNeedOnly: true,
        asOf: AS_OF,
        batchChildren: 15,
      })
      const { rows } = await sql<{ children: number | string; in_need: number | string }>`
        select (select count(*) from person where kind in ('child', 'unborn')) as children,
               (select count(distinct child_id) from referral) as in_need
      `.execute(other.db)
      const children = Number(rows[0]?.children)
      expect(summary.children).toBe(40)
      expect(summary.counts.children).toBe(children)
      // Every child in need asked for, and no cohort of children whose contacts went no further
      // (a whole authority has about 16 child records for each child in need).
      expect(Number(rows[0]?.in_need)).toBeGreaterThanOrEqual(40)
      expect(children).toBeLessThan(80)
      // For the returns: no case notes or oversight (bench/replicate-authority.ts copies such a load).
      const notes = await sql<{ n: number }>`
        select ((select count(*) from case_note) + (select count(*) from oversight_record))::int as n`.execute(
        other.db,
      )
      expect(notes.rows[0]?.n).toBe(0)
      expect(summary.counts.caseNotes + summary.counts.oversightRecords).toBe(0)
    } finally {
      await other.close()
    }
  }, 180_000)
})

/**
 * Annex A's records, read from other modules' published views only (the front door's
 * `frontdoor_contact_child_v` and `frontdoor_referral_v`, people's `people_return_person_v`) and
 * the platform's teams and accounts. One query per list, set-based (the referral count is a
 * correlated count on the child's referrals, by index), read in keyset batches: PGlite cannot
 * stream a cursor, and a batch at a time keeps any size of authority in bounded memory.
 *
 * Every child is listed, restricted records included: Ofsted's lists are of every child, and the
 * rows carry the authority's child identifier, never a name. Deleted records (a merged duplicate,
 * a contact deleted) and a child withdrawn from a contact are not listed; nor is a child on a
 * contact not yet matched to a record, who has no identifier to give.
 */
import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.js'
import type { AssessmentRecord, ContactRecord, CpPlanRecord, Period, ReferralRecord } from './model.js'

/** Rows read per query. */
export const BATCH = 5_000

type Sex = 'M' | 'F' | 'U' | null

interface ChildColumns {
  child_id: string
  sex: Sex
  ethnicity: string | null
  date_of_birth: string | null
}

/** The columns of `ChildColumns`, from `people_return_person_v p`, for every list's query. */
const CHILD_COLUMNS = sql`coalesce(p.la_child_id, p.id::text) as child_id, p.sex, p.ethnicity, p.date_of_birth`

const childFacts = (r: ChildColumns) => ({
  childId: r.child_id,
  sex: r.sex,
  ethnicity: r.ethnicity,
  dateOfBirth: r.date_of_birth,
})

/** London's midnight at the start of a day, as a timestamptz. */
const londonMidnight = (iso: string) => sql`(${iso}::date)::timestamp at time zone 'Europe/London'`

/** Children on contacts received in the period (London days), after row `after`, in row order. */
export async function contactsAfter(db: Db, period: Period, after: number, limit = BATCH) {
  const { rows } = await sql<ChildColumns & { id: number; received_on: string; referral_source: string }>`
    select cc.id,
           cc.received_on,
           cc.referral_source,
           ${CHILD_COLUMNS}
      from frontdoor_contact_child_v cc
      join people_return_person_v p on p.id = cc.child_id
     where cc.received_at >= ${londonMidnight(period.from)}
       and cc.received_at < ${londonMidnight(period.to)} + interval '1 day'
       and cc.contact_deleted_at is null
       and cc.status <> 'withdrawn'
       and p.deleted_at is null
       and cc.id > ${after}
     order by cc.id
     limit ${limit}
  `.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    record: {
      ...childFacts(r),
      contactDate: r.received_on,
      source: r.referral_source,
    } satisfies ContactRecord,
  }))
}

/** Referrals dated in the period, after row `after`, in row order. */
export async function referralsAfter(db: Db, period: Period, after: number, limit = BATCH) {
  const { rows } = await sql<
    ChildColumns & {
      id: number
      referral_date: string
      referral_source: string
      nfa: boolean | null
      referrals_12m: number | string
      team: string | null
      worker: string | null
    }
  >`
    select r.id,
           r.referral_date,
           r.referral_source,
           r.nfa,
           ${CHILD_COLUMNS},
           (select count(*)
              from frontdoor_referral_v e
             where e.child_id = r.child_id
               and e.referral_date >= (r.referral_date - interval '12 months')::date
               and e.referral_date <= r.referral_date) as referrals_12m,
           t.name as team,
           u.display_name as worker
      from frontdoor_referral_v r
      join people_return_person_v p on p.id = r.child_id
      left join team t on t.id = r.team_id
      left join app_user u on u.id = r.worker_id
     where r.referral_date between ${period.from}::date and ${period.to}::date
       and p.deleted_at is null
       and r.id > ${after}
     order by r.id
     limit ${limit}
  `.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    record: {
      ...childFacts(r),
      referralDate: r.referral_date,
      source: r.referral_source,
      nfa: r.nfa,
      referralsInLast12Months: Number(r.referrals_12m),
      team: r.team,
      worker: r.worker,
    } satisfies ReferralRecord,
  }))
}

/** The referral's team and worker, by name (the allocation the lists report). */
const ALLOCATION = sql`t.name as team, u.display_name as worker`

/**
 * Assessments started in the period, or started before it and still open or authorised in it,
 * after row `after`, in row order. The team and worker are the referral's allocation.
 */
export async function assessmentsAfter(db: Db, period: Period, after: number, limit = BATCH) {
  const { rows } = await sql<
    ChildColumns & {
      id: number
      disabilities: string[] | null
      start_date: string
      seen_on: string | null
      authorised_date: string | null
      outcome: string | null
      team: string | null
      worker: string | null
    }
  >`
    select a.assessment_id as id,
           ${CHILD_COLUMNS},
           p.disabilities,
           a.start_date,
           a.seen_on,
           a.authorised_date,
           a.outcome,
           ${ALLOCATION}
      from assessment_v a
      join people_return_person_v p on p.id = a.child_id
      left join frontdoor_referral_v r on r.id = a.referral_id
      left join team t on t.id = r.team_id
      left join app_user u on u.id = r.worker_id
     where a.start_date <= ${period.to}::date
       and (a.authorised_date is null or a.authorised_date >= ${period.from}::date)
       and p.deleted_at is null
       and a.assessment_id > ${after}
     order by a.assessment_id
     limit ${limit}
  `.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    record: {
      ...childFacts(r),
      disabilities: r.disabilities,
      startDate: r.start_date,
      seenOn: r.seen_on,
      authorisedDate: r.authorised_date,
      outcome: r.outcome,
      team: r.team,
      worker: r.worker,
    } satisfies AssessmentRecord,
  }))
}

/**
 * CP plans open at some point in the period, after row `after`, in row order, with the last
 * statutory visit and review conference up to the period's end, the child's earlier plans, and
 * whether a strategy discussion held in the six months to the period's end put the child under
 * immediate protection (police protection or an emergency protection order). The team and worker
 * are the allocation of the referral the plan belongs to, else the child's latest referral.
 */
export async function cpPlansAfter(db: Db, period: Period, after: number, limit = BATCH) {
  const { rows } = await sql<
    ChildColumns & {
      id: number
      disabilities: string[] | null
      start_date: string
      initial_category: string
      latest_category: string
      end_date: string | null
      last_visit_on: string | null
      last_visit_seen_alone: boolean | null
      last_review_on: string | null
      previous_plans: number | string
      emergency_protection: boolean
      team: string | null
      worker: string | null
    }
  >`
    select c.plan_id as id,
           ${CHILD_COLUMNS},
           p.disabilities,
           c.start_date,
           c.initial_category,
           c.latest_category,
           c.end_date,
           (v.visited_at at time zone 'Europe/London')::date::text as last_visit_on,
           v.seen_alone as last_visit_seen_alone,
           (select max(rv.review_date)
              from protection_cp_review_v rv
             where rv.plan_id = c.plan_id
               and rv.review_date <= ${period.to}::date)::text as last_review_on,
           (select count(*)
              from protection_cp_plan_v e
             where e.child_id = c.child_id
               and (e.start_date, e.plan_id) < (c.start_date, c.plan_id)) as previous_plans,
           exists (
             select 1
               from protection_strategy_discussion_v sd
              where sd.child_id = c.child_id
                and sd.outcome = 'immediate_protection'
                and sd.held_at >= ${londonMidnight(period.to)} - interval '6 months' + interval '1 day'
                and sd.held_at < ${londonMidnight(period.to)} + interval '1 day') as emergency_protection,
           ${ALLOCATION}
      from protection_cp_plan_v c
      join people_return_person_v p on p.id = c.child_id
      left join lateral (
        select vv.visited_at, vv.seen_alone
          from protection_cp_visit_v vv
         where vv.plan_id = c.plan_id
           and vv.visited_at < ${londonMidnight(period.to)} + interval '1 day'
         order by vv.visited_at desc
         limit 1) v on true
      left join lateral (
        select rr.team_id, rr.worker_id
          from frontdoor_referral_v rr
         where rr.child_id = c.child_id
           and (rr.id = c.referral_id or (c.referral_id is null and rr.referral_date <= c.start_date))
         order by rr.referral_date desc, rr.id desc
         limit 1) r on true
      left join team t on t.id = r.team_id
      left join app_user u on u.id = r.worker_id
     where c.start_date <= ${period.to}::date
       and (c.end_date is null or c.end_date >= ${period.from}::date)
       and p.deleted_at is null
       and c.plan_id > ${after}
     order by c.plan_id
     limit ${limit}
  `.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    record: {
      ...childFacts(r),
      disabilities: r.disabilities,
      startDate: r.start_date,
      initialCategory: r.initial_category,
      latestCategory: r.latest_category,
      lastVisitOn: r.last_visit_on,
      lastVisitSeenAlone: r.last_visit_on === null ? null : r.last_visit_seen_alone,
      lastReviewOn: r.last_review_on,
      endDate: r.end_date,
      emergencyProtection: r.emergency_protection,
      previousPlans: Number(r.previous_plans),
      team: r.team,
      worker: r.worker,
    } satisfies CpPlanRecord,
  }))
}

/** Every record a keyset query gives, a batch at a time. */
export async function* inBatches<R>(
  read: (after: number) => Promise<{ id: number; record: R }[]>,
  limit = BATCH,
): AsyncGenerator<R> {
  let after = 0
  for (;;) {
    const rows = await read(after)
    for (const r of rows) yield r.record
    if (rows.length < limit) return
    after = (rows[rows.length - 1] as { id: number }).id
  }
}

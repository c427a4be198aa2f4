/**
 * Annex A's records, read from other modules' published views only (the front door's
 * `frontdoor_contact_child_v` and `frontdoor_referral_v`, people's `people_return_person_v`,
 * assessment's `assessment_v`, protection's section 47, conference, plan, review, visit and
 * strategy discussion views, case notes' `casenotes_child_contact_v`, early help's
 * `earlyhelp_episode_v`) and the platform's teams and accounts. One query per list, set-based (counts and latest dates are correlated queries on
 * the child's rows, by index), read in keyset batches: PGlite cannot stream a cursor, and a batch
 * at a time keeps any size of authority in bounded memory. Every list's query has one shape
 * (`listAfter`): the list's view, the child from people, the allocation's team and worker, the
 * keyset; each list gives only its own view, columns, allocation and which records are on it.
 *
 * Every child is listed, restricted records included: Ofsted's lists are of every child, and the
 * rows carry the authority's child identifier, never a name. Deleted records (a merged duplicate,
 * a contact deleted) and a child withdrawn from a contact are not listed; nor is a child on a
 * contact not yet matched to a record, who has no identifier to give.
 */
import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../../platform/db/database.js'
import { closureReasonOf } from '../cin-export/model.js'
import type {
  AssessmentRecord,
  ChildInNeedRecord,
  ContactRecord,
  CpPlanRecord,
  EarlyHelpRecord,
  Period,
  ReferralRecord,
  Section47Record,
} from './model.js'

/** Rows read per query. */
export const BATCH = 5_000

type Sex = 'M' | 'F' | 'U' | null

/** What every list's query gives besides its own columns. */
interface ListRow {
  id: number | string
  child_id: string
  sex: Sex
  ethnicity: string | null
  date_of_birth: string | null
  disabilities: string[] | null
  team: string | null
  worker: string | null
}

const childFacts = (r: ListRow) => ({
  childId: r.child_id,
  sex: r.sex,
  ethnicity: r.ethnicity,
  dateOfBirth: r.date_of_birth,
})

/** The child's facts and the allocation, as the lists with a disability column give them. */
const childAndAllocation = (r: ListRow) => ({
  ...childFacts(r),
  disabilities: r.disabilities,
  team: r.team,
  worker: r.worker,
})

/** London's midnight at the start of a day, as a timestamptz. */
const londonMidnight = (iso: string) => sql`(${iso}::date)::timestamp at time zone 'Europe/London'`

/** The first day of the 12 months that end on `iso` (the day after the same day a year before). */
const yearTo = (iso: string) => sql`(${iso}::date - interval '12 months')::date + 1`

/** What one list's query adds to the shape every list shares. */
interface ListQuery {
  /** The record's key: unique and ordered, the keyset the batches follow. */
  key: RawBuilder<unknown>
  /** The view read, with its alias, and what is joined to it before the child. */
  from: RawBuilder<unknown>
  /** The child's id in it. */
  child: RawBuilder<unknown>
  /** The list's own columns. */
  columns: RawBuilder<unknown>
  /**
   * Where the list's allocation comes from: a join giving the referral as `r`, or `'from'` when
   * the view read is the referral (as `r`). Without it, the team and worker are empty.
   */
  allocation?: RawBuilder<unknown> | 'from'
  /** Which records are on the list. */
  where: RawBuilder<unknown>
}

/**
 * One batch of a list: its records after `after` in key order, each with the child's identity
 * (the authority's identifier, else Haven's record number), disabilities and the allocation's team
 * and worker by name; deleted children left out.
 */
async function listAfter<Row, R>(
  db: Db,
  q: ListQuery,
  after: number,
  limit: number,
  record: (row: ListRow & Row) => R,
): Promise<{ id: number; record: R }[]> {
  const allocated = q.allocation !== undefined
  const { rows } = await sql<ListRow & Row>`
    select ${q.key} as id,
           coalesce(p.la_child_id, p.id::text) as child_id, p.sex, p.ethnicity, p.date_of_birth, p.disabilities,
           ${allocated ? sql`t.name as team, u.display_name as worker` : sql`null as team, null as worker`},
           ${q.columns}
      from ${q.from}
      join people_return_person_v p on p.id = ${q.child}
      ${q.allocation === undefined || q.allocation === 'from' ? sql`` : q.allocation}
      ${allocated ? sql`left join team t on t.id = r.team_id left join app_user u on u.id = r.worker_id` : sql``}
     where ${q.where}
       and p.deleted_at is null
       and ${q.key} > ${after}
     order by ${q.key}
     limit ${limit}
  `.execute(db)
  return rows.map((r) => ({ id: Number(r.id), record: record(r) }))
}

/**
 * The referral a record of `alias` (a view with child_id, referral_id and start_date) belongs to,
 * joined as `r`: its own, else the child's latest made on or before it started.
 */
function owningReferral(alias: 's' | 'c'): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  return sql`left join lateral (
        select rr.team_id, rr.worker_id
          from frontdoor_referral_v rr
         where rr.child_id = ${col('child_id')}
           and (rr.id = ${col('referral_id')}
                or (${col('referral_id')} is null and rr.referral_date <= ${col('start_date')}))
         order by rr.referral_date desc, rr.id desc
         limit 1) r on true`
}

/**
 * Early help assessments open at some point in the period (started by its end, and not completed
 * before it starts, nor left uncompleted by an episode that ended before it starts), after row
 * `after`, in row order, with the organisation of the lead professional completing each. Early
 * help is not allocated in social care: no team or worker.
 */
export function earlyHelpAssessmentsAfter(db: Db, period: Period, after: number, limit = BATCH) {
  return listAfter<
    { started_on: string; completed_on: string | null; organisation: string | null },
    EarlyHelpRecord
  >(
    db,
    {
      key: sql`e.episode_id`,
      from: sql`earlyhelp_episode_v e`,
      child: sql`e.child_id`,
      columns: sql`e.assessment_started_on as started_on,
           e.assessment_completed_on as completed_on,
           e.lead_organisation as organisation`,
      where: sql`e.assessment_started_on <= ${period.to}::date
       and (e.assessment_completed_on is null or e.assessment_completed_on >= ${period.from}::date)
       and (e.assessment_completed_on is not null or e.ended_on is null or e.ended_on >= ${period.from}::date)`,
    },
    after,
    limit,
    (r) => ({
      ...childFacts(r),
      disabilities: r.disabilities,
      startDate: r.started_on,
      completedDate: r.completed_on,
      organisation: r.organisation,
    }),
  )
}

/** Children on contacts received in the period (London days), after row `after`, in row order. */
export function contactsAfter(db: Db, period: Period, after: number, limit = BATCH) {
  return listAfter<{ received_on: string; referral_source: string }, ContactRecord>(
    db,
    {
      key: sql`cc.id`,
      from: sql`frontdoor_contact_child_v cc`,
      child: sql`cc.child_id`,
      columns: sql`cc.received_on, cc.referral_source`,
      where: sql`cc.received_at >= ${londonMidnight(period.from)}
       and cc.received_at < ${londonMidnight(period.to)} + interval '1 day'
       and cc.contact_deleted_at is null
       and cc.status <> 'withdrawn'`,
    },
    after,
    limit,
    (r) => ({ ...childFacts(r), contactDate: r.received_on, source: r.referral_source }),
  )
}

/** Referrals dated in the period, after row `after`, in row order. */
export function referralsAfter(db: Db, period: Period, after: number, limit = BATCH) {
  return listAfter<
    { referral_date: string; referral_source: string; nfa: boolean | null; referrals_12m: number | string },
    ReferralRecord
  >(
    db,
    {
      key: sql`r.id`,
      from: sql`frontdoor_referral_v r`,
      child: sql`r.child_id`,
      allocation: 'from',
      columns: sql`r.referral_date,
           r.referral_source,
           r.nfa,
           (select count(*)
              from frontdoor_referral_v e
             where e.child_id = r.child_id
               and e.referral_date >= (r.referral_date - interval '12 months')::date
               and e.referral_date <= r.referral_date) as referrals_12m`,
      where: sql`r.referral_date between ${period.from}::date and ${period.to}::date`,
    },
    after,
    limit,
    (r) => ({
      ...childFacts(r),
      referralDate: r.referral_date,
      source: r.referral_source,
      nfa: r.nfa,
      referralsInLast12Months: Number(r.referrals_12m),
      team: r.team,
      worker: r.worker,
    }),
  )
}

/**
 * Assessments started in the period, or started before it and still open or authorised in it,
 * after row `after`, in row order. The team and worker are the referral's allocation.
 */
export function assessmentsAfter(db: Db, period: Period, after: number, limit = BATCH) {
  return listAfter<
    { start_date: string; seen_on: string | null; authorised_date: string | null; outcome: string | null },
    AssessmentRecord
  >(
    db,
    {
      key: sql`a.assessment_id`,
      from: sql`assessment_v a`,
      child: sql`a.child_id`,
      allocation: sql`left join frontdoor_referral_v r on r.id = a.referral_id`,
      columns: sql`a.start_date, a.seen_on, a.authorised_date, a.outcome`,
      where: sql`a.start_date <= ${period.to}::date
       and (a.authorised_date is null or a.authorised_date >= ${period.from}::date)`,
    },
    after,
    limit,
    (r) => ({
      ...childAndAllocation(r),
      startDate: r.start_date,
      seenOn: r.seen_on,
      authorisedDate: r.authorised_date,
      outcome: r.outcome,
    }),
  )
}

/**
 * Section 47 enquiries started in the period, or started before it and still open in it or with
 * their initial conference in it, after row `after`, in row order: the initial conference's date
 * and the child's decision there, and the child's enquiries started and initial conferences held in
 * the 12 months to the period's end. The team and worker are the allocation of the referral the
 * enquiry belongs to, else the child's latest referral.
 */
export function section47sAfter(db: Db, period: Period, after: number, limit = BATCH) {
  return listAfter<
    {
      start_date: string
      decided: boolean
      icpc_not_required: boolean
      icpc_date: string | null
      icpc_decision: string | null
      s47s_12m: number | string
      icpcs_12m: number | string
    },
    Section47Record
  >(
    db,
    {
      key: sql`s.s47_id`,
      from: sql`protection_s47_v s`,
      child: sql`s.child_id`,
      allocation: owningReferral('s'),
      columns: sql`s.start_date,
           s.outcome is not null as decided,
           s.icpc_not_required,
           s.icpc_date::text as icpc_date,
           (select ic.decision
              from protection_conference_v ic
             where ic.child_id = s.child_id and ic.kind = 'initial' and ic.held_on = s.icpc_date
             order by ic.conference_id
             limit 1) as icpc_decision,
           (select count(*)
              from protection_s47_v e
             where e.child_id = s.child_id
               and e.start_date between ${yearTo(period.to)} and ${period.to}::date) as s47s_12m,
           (select count(*)
              from protection_conference_v ic
             where ic.child_id = s.child_id and ic.kind = 'initial'
               and ic.held_on between ${yearTo(period.to)} and ${period.to}::date) as icpcs_12m`,
      where: sql`s.start_date <= ${period.to}::date
       and (s.completed_date is null or greatest(s.completed_date, s.icpc_date) >= ${period.from}::date)`,
    },
    after,
    limit,
    (r) => ({
      ...childAndAllocation(r),
      startDate: r.start_date,
      decided: r.decided,
      icpcNotRequired: r.icpc_not_required,
      icpcDate: r.icpc_date,
      icpcDecision: r.icpc_decision,
      section47sInLast12Months: Number(r.s47s_12m),
      icpcsInLast12Months: Number(r.icpcs_12m),
    }),
  )
}

/**
 * Children in need: each referral (an episode, as the CIN census counts one) made by the period's
 * end and not closed before it starts, after row `after`, in row order, as at the period's end:
 * the primary need at its assessment, the last day the child was seen in it (a case note's contact
 * or a CP visit with the child seen, or the day the assessment first saw them), its closure and
 * the DfE's reason when it closed by then, whether the child was on a CP plan and whether the
 * assessment was still open. The team and worker are the referral's allocation.
 */
export function childrenInNeedAfter(db: Db, period: Period, after: number, limit = BATCH) {
  const end = sql`${londonMidnight(period.to)} + interval '1 day'`
  const seenBetween = (at: string) => sql`${sql.ref(at)} >= x.seen_from and ${sql.ref(at)} < x.seen_until`
  return listAfter<
    {
      referral_date: string
      nfa: boolean | null
      closure_code: string | null
      closed_on: string | null
      primary_need: string | null
      open_assessment: boolean
      on_cp_plan: boolean
      on_cin_plan: boolean
      last_seen_on: string | null
    },
    ChildInNeedRecord
  >(
    db,
    {
      key: sql`r.id`,
      from: sql`frontdoor_referral_v r
      left join assessment_v a on a.referral_id = r.id and a.start_date <= ${period.to}::date
      cross join lateral (
        select (r.closed_at at time zone 'Europe/London')::date as closed_on,
               r.referral_date::timestamp at time zone 'Europe/London' as seen_from,
               least(r.closed_at, ${end}) as seen_until) x`,
      child: sql`r.child_id`,
      allocation: 'from',
      columns: sql`r.referral_date,
           r.nfa,
           r.closure_code,
           case when x.closed_on <= ${period.to}::date then x.closed_on::text end as closed_on,
           a.primary_need,
           (a.assessment_id is not null
              and (a.authorised_date is null or a.authorised_date > ${period.to}::date)) as open_assessment,
           exists (
             select 1
               from protection_cp_plan_v c
              where c.child_id = r.child_id
                and c.start_date <= ${period.to}::date
                and (c.end_date is null or c.end_date > ${period.to}::date)) as on_cp_plan,
           exists (
             select 1
               from protection_cin_plan_v c
              where c.child_id = r.child_id
                and c.start_date <= ${period.to}::date
                and (c.end_date is null or c.end_date > ${period.to}::date)) as on_cin_plan,
           greatest(
             (select max((n.contact_at at time zone 'Europe/London')::date)
                from casenotes_child_contact_v n
               where n.child_id = r.child_id and n.child_seen and ${seenBetween('n.contact_at')}),
             (select max((v.visited_at at time zone 'Europe/London')::date)
                from protection_cp_visit_v v
               where v.child_id = r.child_id and v.seen and ${seenBetween('v.visited_at')}),
             (select max((v.visited_at at time zone 'Europe/London')::date)
                from protection_cin_visit_v v
               where v.child_id = r.child_id and v.seen and ${seenBetween('v.visited_at')}),
             (select max(v.visited_on)
                from care_visit_v v
               where v.child_id = r.child_id and v.seen and ${seenBetween('v.visited_at')}),
             case when (a.seen_on::timestamp at time zone 'Europe/London') >= x.seen_from
                   and (a.seen_on::timestamp at time zone 'Europe/London') < x.seen_until
                  then a.seen_on end
           )::text as last_seen_on`,
      where: sql`r.referral_date <= ${period.to}::date
       and (x.closed_on is null or x.closed_on >= ${period.from}::date)`,
    },
    after,
    limit,
    (r) => ({
      ...childAndAllocation(r),
      referralDate: r.referral_date,
      primaryNeed: r.primary_need,
      lastSeenOn: r.last_seen_on,
      closedOn: r.closed_on,
      closureReason: r.closed_on === null ? null : closureReasonOf(r.closure_code, r.nfa === true),
      onCpPlan: r.on_cp_plan,
      onCinPlan: r.on_cin_plan,
      openAssessment: r.open_assessment,
    }),
  )
}

/**
 * CP plans open at some point in the period, after row `after`, in row order, with the last
 * statutory visit and review conference up to the period's end, the child's earlier plans, and
 * whether a strategy discussion held in the six months to the period's end put the child under
 * immediate protection (police protection or an emergency protection order). The team and worker
 * are the allocation of the referral the plan belongs to, else the child's latest referral.
 */
export function cpPlansAfter(db: Db, period: Period, after: number, limit = BATCH) {
  return listAfter<
    {
      start_date: string
      initial_category: string
      latest_category: string
      end_date: string | null
      last_visit_on: string | null
      last_visit_seen_alone: boolean | null
      last_review_on: string | null
      previous_plans: number | string
      emergency_protection: boolean
    },
    CpPlanRecord
  >(
    db,
    {
      key: sql`c.plan_id`,
      from: sql`protection_cp_plan_v c
      left join lateral (
        select vv.visited_at, vv.seen_alone
          from protection_cp_visit_v vv
         where vv.plan_id = c.plan_id
           and vv.visited_at < ${londonMidnight(period.to)} + interval '1 day'
         order by vv.visited_at desc
         limit 1) v on true`,
      child: sql`c.child_id`,
      allocation: owningReferral('c'),
      columns: sql`c.start_date,
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
                and sd.held_at < ${londonMidnight(period.to)} + interval '1 day') as emergency_protection`,
      where: sql`c.start_date <= ${period.to}::date
       and (c.end_date is null or c.end_date >= ${period.from}::date)`,
    },
    after,
    limit,
    (r) => ({
      ...childAndAllocation(r),
      startDate: r.start_date,
      initialCategory: r.initial_category,
      latestCategory: r.latest_category,
      lastVisitOn: r.last_visit_on,
      lastVisitSeenAlone: r.last_visit_on === null ? null : r.last_visit_seen_alone,
      lastReviewOn: r.last_review_on,
      endDate: r.end_date,
      emergencyProtection: r.emergency_protection,
      previousPlans: Number(r.previous_plans),
    }),
  )
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

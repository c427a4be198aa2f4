/**
 * The CIN census's records, read from the modules' published views only: people's
 * `people_return_person_v`, the front door's `frontdoor_referral_v`, assessment's
 * `assessment_v`, protection's `protection_s47_v`, `protection_cin_plan_v`, `protection_cp_plan_v`
 * and `protection_cp_review_v`. Children in keyset batches (PGlite cannot stream a cursor), then one
 * query per view for the whole batch: no per-child round trips, memory bounded by the batch.
 */
import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.js'
import type { CollectionYear } from '../collection-year.js'
import type {
  AssessmentRow,
  ChildrenRecords,
  CinPlanRow,
  CpPlanRow,
  CpReviewRow,
  PersonRow,
  ReferralRow,
  Section47Row,
} from './model.js'

/** Children read per batch. */
export const BATCH = 2_000

/** London's day of a timestamp. */
const londonDay = (column: string) => sql.raw(`(${column} at time zone 'Europe/London')::date::text`)

/**
 * Children in need at some point in the year (a referral made by its last day and not closed
 * before its first), after person `after`, in id order. Deleted and merged records are left
 * out; restricted children are in (the census is of every child, by identifier, never by name).
 */
export async function childrenInNeedAfter(
  db: Db,
  year: CollectionYear,
  after: number,
  limit = BATCH,
): Promise<PersonRow[]> {
  const { rows } = await sql<{
    id: number | string
    la_child_id: string
    kind: PersonRow['kind']
    date_of_birth: string | null
    expected_birth_date: string | null
    sex: string | null
    ethnicity: string | null
    disabilities: string[] | null
    upn: string | null
    upn_unknown_reason: string | null
    date_of_death: string | null
  }>`
    select p.id, coalesce(p.la_child_id, p.id::text) as la_child_id, p.kind, p.date_of_birth,
           p.expected_birth_date, p.sex, p.ethnicity, p.disabilities, p.upn, p.upn_unknown_reason,
           p.date_of_death
      from people_return_person_v p
     where p.deleted_at is null
       and p.id > ${after}
       and exists (
         select 1
           from frontdoor_referral_v r
          where r.child_id = p.id
            -- Said again of the referrals, so a merge join starts at the batch, not at the first child.
            and r.child_id > ${after}
            and r.referral_date <= ${year.end}::date
            and (r.closed_at is null or ${londonDay('r.closed_at')}::date >= ${year.start}::date))
     order by p.id
     limit ${limit}
  `.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    laChildId: r.la_child_id,
    kind: r.kind,
    dateOfBirth: r.date_of_birth,
    expectedBirthDate: r.expected_birth_date,
    sex: r.sex,
    ethnicity: r.ethnicity,
    disabilities: r.disabilities ?? [],
    upn: r.upn,
    upnUnknownReason: r.upn_unknown_reason,
    dateOfDeath: r.date_of_death,
  }))
}

/**
 * `column` is one of these children: one array parameter (not a list of thousands to compile and
 * parse), and the batch's id range said too, so each view is read by a range of its child index
 * wherever the batch falls, rather than scanned whole for every batch.
 */
function oneOf(column: string, batch: Batch) {
  const c = sql.raw(column)
  return sql`${c} = any(${batch.list}::bigint[]) and ${c} between ${batch.first} and ${batch.last}`
}

/** The batch's ids as one array literal (written once, not once per query), and their range. */
interface Batch {
  list: string
  first: number
  last: number
}

function batchOf(children: readonly number[]): Batch {
  let first = Infinity
  let last = -Infinity
  for (const id of children) {
    if (id < first) first = id
    if (id > last) last = id
  }
  return { list: `{${children.join(',')}}`, first, last }
}

/** Every referral, assessment, section 47, CIN plan, CP plan and review of these children. */
export async function recordsOfChildren(db: Db, children: readonly number[]): Promise<ChildrenRecords> {
  if (children.length === 0)
    return { referrals: [], assessments: [], section47s: [], cinPlans: [], cpPlans: [], cpReviews: [] }
  const batch = batchOf(children)
  const [referrals, assessments, section47s, cinPlans, cpPlans, cpReviews] = await Promise.all([
    sql<{
      id: number | string
      child_id: number | string
      referral_date: string
      referral_source: string
      nfa: boolean | null
      closed_on: string | null
      closure_code: string | null
    }>`
      select r.id, r.child_id, r.referral_date, r.referral_source, r.nfa,
             ${londonDay('r.closed_at')} as closed_on, r.closure_code
        from frontdoor_referral_v r
       where ${oneOf('r.child_id', batch)}
       order by r.child_id, r.referral_date, r.id
    `.execute(db),
    sql<{
      child_id: number | string
      referral_id: number | string | null
      start_date: string
      authorised_date: string | null
      factors: string[] | null
      primary_need: string | null
    }>`
      select a.child_id, a.referral_id, a.start_date, a.authorised_date, a.factors, a.primary_need
        from assessment_v a
       where ${oneOf('a.child_id', batch)}
       order by a.child_id, a.start_date, a.assessment_id
    `.execute(db),
    sql<{
      child_id: number | string
      referral_id: number | string | null
      start_date: string
      icpc_date: string | null
      icpc_not_required: boolean
      completed_date: string | null
    }>`
      select s.child_id, s.referral_id, s.start_date, s.icpc_date, s.icpc_not_required, s.completed_date
        from protection_s47_v s
       where ${oneOf('s.child_id', batch)}
       order by s.child_id, s.start_date, s.s47_id
    `.execute(db),
    sql<{
      child_id: number | string
      referral_id: number | string | null
      start_date: string
      end_date: string | null
    }>`
      select c.child_id, c.referral_id, c.start_date, c.end_date
        from protection_cin_plan_v c
       where ${oneOf('c.child_id', batch)}
       order by c.child_id, c.start_date, c.plan_id
    `.execute(db),
    sql<{
      plan_id: number | string
      child_id: number | string
      referral_id: number | string | null
      start_date: string
      end_date: string | null
      initial_category: string
      latest_category: string
    }>`
      select c.plan_id, c.child_id, c.referral_id, c.start_date, c.end_date, c.initial_category,
             c.latest_category
        from protection_cp_plan_v c
       where ${oneOf('c.child_id', batch)}
       order by c.child_id, c.start_date, c.plan_id
    `.execute(db),
    sql<{ plan_id: number | string; review_date: string }>`
      select v.plan_id, v.review_date
        from protection_cp_review_v v
       where ${oneOf('v.child_id', batch)}
       order by v.plan_id, v.review_date
    `.execute(db),
  ])
  const id = (v: number | string | null) => (v === null ? null : Number(v))
  return {
    referrals: referrals.rows.map((r): ReferralRow => ({
      id: Number(r.id),
      childId: Number(r.child_id),
      referralDate: r.referral_date,
      source: r.referral_source,
      nfa: r.nfa === true,
      closedOn: r.closed_on,
      closureCode: r.closure_code,
    })),
    assessments: assessments.rows.map((a): AssessmentRow => ({
      childId: Number(a.child_id),
      referralId: id(a.referral_id),
      start: a.start_date,
      authorised: a.authorised_date,
      factors: a.factors ?? [],
      primaryNeed: a.primary_need,
    })),
    section47s: section47s.rows.map((s): Section47Row => ({
      childId: Number(s.child_id),
      referralId: id(s.referral_id),
      start: s.start_date,
      icpc: s.icpc_date,
      icpcNotRequired: s.icpc_not_required,
      completed: s.completed_date,
    })),
    cinPlans: cinPlans.rows.map((c): CinPlanRow => ({
      childId: Number(c.child_id),
      referralId: id(c.referral_id),
      start: c.start_date,
      end: c.end_date,
    })),
    cpPlans: cpPlans.rows.map((c): CpPlanRow => ({
      id: Number(c.plan_id),
      childId: Number(c.child_id),
      referralId: id(c.referral_id),
      start: c.start_date,
      end: c.end_date,
      initialCategory: c.initial_category,
      latestCategory: c.latest_category,
    })),
    cpReviews: cpReviews.rows.map((v): CpReviewRow => ({ planId: Number(v.plan_id), date: v.review_date })),
  }
}

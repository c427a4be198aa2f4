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
import type { ContactRecord, Period, ReferralRecord } from './model.js'

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

/**
 * The front door's SQL for triage: the child and household shown at triage, their history, the
 * agency checks, the decision clocks, and the MASH queue with both clocks in one query. People's
 * data comes from the people module's published views.
 */
import { sql, type SqlBool } from 'kysely'
import type { AgencyCheckKind } from './model.js'
import type { ContactChildStatus, Rag } from '../../platform/db/schema.js'
import type { Trx } from './store.js'
import { notLinked } from './household-store.js'

/**
 * The join condition for a child's running decision clock on a contact (`mash-decision` or
 * `mash-decision-rag`) from the task table aliased `alias`, beside `contact_child as cc`.
 */
export function openDecisionClock(alias: string, clockCode: string) {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  return sql<SqlBool>`${column('subject_id')} = cc.id::text and ${column('subject_type')} = 'contact'
    and ${column('clock_code')} = ${clockCode} and ${column('stopped_at')} is null`
}

/** The child being triaged, as the people module publishes them. */
export async function childAtTriage(trx: Trx, childId: number) {
  return trx
    .selectFrom('people_person_v')
    .select([
      'id',
      'given_name',
      'family_name',
      'date_of_birth',
      'expected_birth_date',
      'sex',
      'kind',
      'restricted',
    ])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
}

export async function loadAgencyChecks(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('contact_agency_check as k')
    .leftJoin('app_user as u', 'u.id', 'k.recorded_by')
    .selectAll('k')
    .select('u.display_name as recordedByName')
    .where('k.contact_child_id', '=', contactChildId)
    .orderBy('k.responded_at')
    .orderBy('k.id')
    .execute()
}

export async function insertAgencyCheck(
  trx: Trx,
  check: {
    contactChildId: number
    agencyKind: AgencyCheckKind
    informant: string
    information: string
    respondedAt: Date
    recordedBy: number
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('contact_agency_check')
    .values({
      contact_child_id: check.contactChildId,
      agency_kind: check.agencyKind,
      informant: check.informant,
      information: check.information,
      responded_at: check.respondedAt,
      recorded_by: check.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function loadClockTasks(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('task')
    .select(['clock_code', 'title', 'started_at', 'due_at', 'due_soon_at', 'stopped_at', 'closed_by'])
    .where('subject_type', '=', 'contact')
    .where('subject_id', '=', String(contactChildId))
    .orderBy('clock_code')
    .orderBy('id')
    .execute()
}

/**
 * Previous involvement of these people with children's services: contacts, referrals and every
 * case event of the statutory processes (assessments, section 47 enquiries, CP plans, care).
 */
export async function historyOf(trx: Trx, personIds: readonly number[], excludingContactChild: number) {
  if (personIds.length === 0) return { contacts: [], referrals: [], events: [] }
  const contacts = await trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .select([
      'cc.id',
      'cc.child_id',
      'cc.status',
      'cc.decision',
      'cc.threshold_level',
      'c.id as contact_id',
      'c.received_at',
      'c.referral_source',
      // The concern, shortened for the history table (the contact's reason).
      sql<string>`left(c.reason, 300)`.as('reason'),
    ])
    .where('cc.child_id', 'in', personIds)
    .where('cc.id', '<>', excludingContactChild)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.received_at', 'desc')
    .orderBy('cc.id', 'desc')
    .limit(200)
    .execute()
  const referrals = await trx
    .selectFrom('referral as r')
    .leftJoin('app_user as w', 'w.id', 'r.worker_id')
    .leftJoin('team as t', 't.id', 'r.team_id')
    .select([
      'r.id',
      'r.child_id',
      'r.referral_date',
      'r.referral_source',
      'r.re_referral',
      'r.nfa',
      'r.status',
      'r.closed_at',
      'w.display_name as worker',
      't.name as team',
    ])
    .where('r.child_id', 'in', personIds)
    .orderBy('r.referral_date', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute()
  // The statutory processes recorded so far by other modules (and imported history), by event.
  const events = await trx
    .selectFrom('case_event')
    .select(['id', 'child_id', 'subject_type', 'type', 'occurred_at', 'summary'])
    .where('child_id', 'in', personIds)
    .where('subject_type', 'not in', ['contact', 'referral', 'person'])
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(300)
    .execute()
  return { contacts, referrals, events }
}

// ---------------------------------------------------------------------------------------------
// The MASH queue

export interface QueueFilters {
  rag: Rag | 'unrated' | null
  status: Extract<ContactChildStatus, 'awaiting_match' | 'in_triage' | 'awaiting_authorisation'> | null
  source: string | null
  overdue: boolean
  sort: 'due' | 'received' | 'rag'
}

/**
 * The one definition of an overdue child in the MASH queue: either of its decision clocks (the
 * statutory one working day, `s`, or the RAG response, `g`) has passed its due time. The tile's
 * count and the "Only overdue" filter both use it, so they agree.
 */
export function overdueAt(now: Date) {
  return sql<SqlBool>`(s.due_at < ${now} or g.due_at < ${now})`
}

/** The queue's rows before any filter: each child awaiting a decision, with both clocks joined. */
function queueBase(trx: Trx) {
  return (
    trx
      .selectFrom('contact_child as cc')
      .innerJoin('contact as c', 'c.id', 'cc.contact_id')
      .leftJoin('task as s', (join) => join.on(openDecisionClock('s', 'mash-decision')))
      .leftJoin('task as g', (join) => join.on(openDecisionClock('g', 'mash-decision-rag')))
      // Children in triage (a recommendation waiting for a manager included: its decision clocks
      // still run), and known children whose contact waits for their allocated worker: the MASH
      // still sees (and rates) new harm in an open case, with the worker's clock.
      // Written as literals, the same words as the index `contact_child_queue` (0027), so the
      // planner can use it: with bound parameters a generic plan could not prove it applies.
      .where(
        sql<SqlBool>`(cc.status in ('awaiting_match', 'in_triage', 'awaiting_authorisation')
          or (cc.status = 'routed_to_allocated_worker' and cc.decision is null))`,
      )
      .where('c.deleted_at', 'is', null)
      // A duplicate linked to an earlier contact is decided with it, not on its own.
      .where(notLinked())
  )
}

/** The queue narrowed by its filters, for its rows and their count alike. */
function filteredQueue(trx: Trx, filters: QueueFilters, now: Date) {
  let query = queueBase(trx)
  if (filters.status !== null) query = query.where('cc.status', '=', filters.status)
  if (filters.rag === 'unrated') query = query.where('cc.rag', 'is', null)
  else if (filters.rag !== null) query = query.where('cc.rag', '=', filters.rag)
  if (filters.source !== null) query = query.where('c.referral_source', '=', filters.source as never)
  if (filters.overdue) query = query.where(overdueAt(now))
  return query
}

/**
 * One page of the MASH queue: every child awaiting a decision, with both decision clocks and who
 * has taken them. One query, ordered by the unique id last so pages are stable.
 */
export async function mashQueue(
  trx: Trx,
  filters: QueueFilters,
  now: Date,
  page: { limit: number; offset: number } = { limit: 200, offset: 0 },
) {
  let query = filteredQueue(trx, filters, now)
    .leftJoin('people_person_v as p', 'p.id', 'cc.child_id')
    .leftJoin('app_user as holder', 'holder.id', 'cc.taken_by')
    .select([
      'cc.id',
      'cc.contact_id',
      'cc.child_id',
      'cc.status',
      'cc.rag',
      'cc.threshold_level',
      'cc.described_name',
      'cc.recommendation',
      'cc.taken_by',
      'cc.taken_at',
      'holder.display_name as taken_by_name',
      'c.received_at',
      'c.referral_source',
      'c.channel',
      'c.out_of_hours',
      'c.domestic_abuse',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.restricted',
      's.due_at as statutory_due_at',
      's.due_soon_at as statutory_due_soon_at',
      'g.due_at as rag_due_at',
      'g.due_soon_at as rag_due_soon_at',
      sql<Date>`least(coalesce(g.due_at, s.due_at), coalesce(s.due_at, g.due_at))`.as('next_due_at'),
    ])
  if (filters.sort === 'received') query = query.orderBy('c.received_at').orderBy('cc.id')
  else if (filters.sort === 'rag')
    query = query
      .orderBy(sql`case cc.rag when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end`)
      .orderBy('c.received_at')
      .orderBy('cc.id')
  else
    query = query
      .orderBy(sql`least(coalesce(g.due_at, s.due_at), coalesce(s.due_at, g.due_at))`, (ob) =>
        ob.asc().nullsLast(),
      )
      .orderBy('cc.id')
  return query.limit(page.limit).offset(page.offset).execute()
}

/** How many children the queue's filters match, for its pages. */
export async function mashQueueMatching(trx: Trx, filters: QueueFilters, now: Date): Promise<number> {
  const row = await filteredQueue(trx, filters, now)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Counts for the queue's summary, over the whole queue rather than the page shown. */
export async function mashQueueCounts(trx: Trx, now: Date) {
  const row = await queueBase(trx)
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`count(*) filter (where cc.status = 'awaiting_match')`.as('awaitingMatch'),
      sql<number>`count(*) filter (where cc.rag = 'red')`.as('red'),
      sql<number>`count(*) filter (where ${overdueAt(now)})`.as('overdue'),
    ])
    .executeTakeFirstOrThrow()
  // Counts are strings from `pg` and numbers from PGlite.
  return {
    total: Number(row.total),
    awaitingMatch: Number(row.awaitingMatch),
    red: Number(row.red),
    overdue: Number(row.overdue),
  }
}

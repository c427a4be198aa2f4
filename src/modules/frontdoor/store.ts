/**
 * The front door's SQL: contacts and their children, agency checks, referrals, the MASH queue and
 * the history shown at triage. No permission checks here; service.ts decides who may call what.
 */
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { ContactChildStatus, Database, Rag } from '../../platform/db/schema.js'
import { allocatedTo } from '../../platform/tasks/case-events.js'
import type { OpenCase } from './model.js'

type Trx = Kysely<Database>

/**
 * The join condition for a child's running decision clock on a contact (`mash-decision` or
 * `mash-decision-rag`) from the task table aliased `alias`, beside `contact_child as cc`.
 */
export function openDecisionClock(alias: string, clockCode: string) {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  return sql<SqlBool>`${column('subject_id')} = cc.id::text and ${column('subject_type')} = 'contact'
    and ${column('clock_code')} = ${clockCode} and ${column('stopped_at')} is null`
}

/** The child's open case now: a live allocation to a worker or a team (an open referral is held by one). */
export async function findOpenCase(trx: Trx, childId: number): Promise<OpenCase | null> {
  const owner = await allocatedTo(trx, childId)
  return owner.userId === null && owner.teamId === null
    ? null
    : { workerId: owner.userId, teamId: owner.teamId }
}

export async function loadContact(trx: Trx, contactId: number) {
  return trx
    .selectFrom('contact as c')
    .leftJoin('agency as a', 'a.id', 'c.referrer_agency_id')
    .leftJoin('app_user as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select(['a.name as referrerAgency', 'u.display_name as recordedByName'])
    .where('c.id', '=', contactId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** The children on a contact, each with their own status and decision. */
export async function loadContactChildren(trx: Trx, contactId: number) {
  return trx
    .selectFrom('contact_child as cc')
    .leftJoin('person as p', 'p.id', 'cc.child_id')
    .leftJoin('app_user as d', 'd.id', 'cc.decided_by')
    .leftJoin('app_user as w', 'w.id', 'cc.routed_user_id')
    .leftJoin('team as t', 't.id', 'cc.routed_team_id')
    .leftJoin('referral as r', 'r.contact_child_id', 'cc.id')
    .selectAll('cc')
    .select([
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.expected_birth_date',
      'p.restricted',
      'd.display_name as decidedByName',
      'w.display_name as routedWorkerName',
      't.name as routedTeamName',
      'r.id as referralId',
      'r.re_referral',
    ])
    .where('cc.contact_id', '=', contactId)
    .orderBy('cc.id')
    .execute()
}

export async function loadContactChild(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .selectAll('cc')
    .select([
      'c.received_at',
      'c.referral_source',
      'c.submitted_by_agency_id',
      'c.deleted_at as contactDeletedAt',
    ])
    .where('cc.id', '=', contactChildId)
    .executeTakeFirst()
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

/** The child and every member of their family or household, for history at triage. */
export async function householdOf(trx: Trx, childId: number) {
  const related = await trx
    .selectFrom('person_relationship as r')
    .innerJoin('person as p', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('r.person_id', '=', childId), eb('p.id', '=', eb.ref('r.related_person_id'))]),
          eb.and([eb('r.related_person_id', '=', childId), eb('p.id', '=', eb.ref('r.person_id'))]),
        ]),
      ),
    )
    .select([
      'p.id',
      'p.given_name',
      'p.family_name',
      'p.kind',
      'p.date_of_birth',
      'p.restricted',
      'r.relationship_type',
      'r.person_id',
      'r.household_member',
    ])
    .where('r.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('r.to_date', 'is', null), eb('r.to_date', '>=', sql<string>`current_date`)]))
    .orderBy('p.date_of_birth')
    .orderBy('p.id')
    .execute()
  const seen = new Set<number>()
  return related.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)))
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

export async function earlierReferrals(trx: Trx, childId: number) {
  return trx
    .selectFrom('referral')
    .select(['id', 'referral_date as referralDate'])
    .where('child_id', '=', childId)
    .orderBy('referral_date')
    .orderBy('id')
    .execute()
}

export interface QueueFilters {
  rag: Rag | 'unrated' | null
  status: Extract<ContactChildStatus, 'awaiting_match' | 'in_triage'> | null
  source: string | null
  overdue: boolean
  sort: 'due' | 'received' | 'rag'
}

/**
 * The MASH queue: every child awaiting a decision, with both decision clocks. One query, limited,
 * ordered by the unique id last so pages are stable.
 */
export async function mashQueue(trx: Trx, filters: QueueFilters, now: Date, limit = 200) {
  let query = trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .leftJoin('person as p', 'p.id', 'cc.child_id')
    .leftJoin('task as s', (join) => join.on(openDecisionClock('s', 'mash-decision')))
    .leftJoin('task as g', (join) => join.on(openDecisionClock('g', 'mash-decision-rag')))
    .select([
      'cc.id',
      'cc.contact_id',
      'cc.child_id',
      'cc.status',
      'cc.rag',
      'cc.threshold_level',
      'cc.described_name',
      'cc.recommendation',
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
    .where('cc.status', 'in', ['awaiting_match', 'in_triage'])
    .where('c.deleted_at', 'is', null)
  if (filters.status !== null) query = query.where('cc.status', '=', filters.status)
  if (filters.rag === 'unrated') query = query.where('cc.rag', 'is', null)
  else if (filters.rag !== null) query = query.where('cc.rag', '=', filters.rag)
  if (filters.source !== null) query = query.where('c.referral_source', '=', filters.source as never)
  if (filters.overdue)
    query = query.where((eb) => eb.or([eb('s.due_at', '<', now), eb('g.due_at', '<', now)]))
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
  return query.limit(limit).execute()
}

/** Counts for the queue's summary, over the whole queue rather than the page shown. */
export async function mashQueueCounts(trx: Trx, now: Date) {
  const row = await trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .leftJoin('task as s', (join) => join.on(openDecisionClock('s', 'mash-decision')))
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`count(*) filter (where cc.status = 'awaiting_match')`.as('awaitingMatch'),
      sql<number>`count(*) filter (where cc.rag = 'red')`.as('red'),
      sql<number>`count(*) filter (where s.due_at < ${now})`.as('overdue'),
    ])
    .where('cc.status', 'in', ['awaiting_match', 'in_triage'])
    .where('c.deleted_at', 'is', null)
    .executeTakeFirstOrThrow()
  return row
}

export async function loadReferral(trx: Trx, referralId: number) {
  return trx
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.child_id')
    .leftJoin('app_user as w', 'w.id', 'r.worker_id')
    .leftJoin('team as t', 't.id', 'r.team_id')
    .leftJoin('contact_child as cc', 'cc.id', 'r.contact_child_id')
    .selectAll('r')
    .select([
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'w.display_name as workerName',
      't.name as teamName',
      'cc.contact_id',
    ])
    .where('r.id', '=', referralId)
    .executeTakeFirst()
}

/** Social workers who can take a referral in a team, with their current caseloads. */
export async function workersWithCaseloads(trx: Trx, teamIds: readonly number[]) {
  if (teamIds.length === 0) return []
  return trx
    .selectFrom('app_user as u')
    .innerJoin('team as t', 't.id', 'u.team_id')
    .select([
      'u.id',
      'u.display_name',
      'u.role',
      't.id as team_id',
      't.name as team',
      (eb) =>
        eb
          .selectFrom('child_access as a')
          .select(sql<number>`count(distinct a.child_id)`.as('n'))
          .whereRef('a.user_id', '=', 'u.id')
          .where('a.basis', '=', 'allocated_worker')
          .where('a.revoked_at', 'is', null)
          .as('caseload'),
    ])
    .where('u.team_id', 'in', teamIds)
    .where('u.role', 'in', ['social_worker', 'team_manager', 'mash_social_worker'])
    .where('u.disabled_at', 'is', null)
    .orderBy('t.name')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute()
}

/** Referrals waiting for a worker, in the given teams (all teams when null). */
export async function referralsAwaitingAllocation(trx: Trx, teamIds: readonly number[] | null, limit = 200) {
  let query = trx
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.child_id')
    .leftJoin('team as t', 't.id', 'r.team_id')
    .select([
      'r.id',
      'r.child_id',
      'r.referral_date',
      'r.referral_source',
      'r.re_referral',
      'r.strategy_discussion',
      'r.created_at',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.restricted',
      't.name as team',
    ])
    .where('r.status', '=', 'awaiting_allocation')
  if (teamIds !== null) {
    if (teamIds.length === 0) return []
    query = query.where('r.team_id', 'in', teamIds)
  }
  return query.orderBy('r.created_at').orderBy('r.id').limit(limit).execute()
}

export async function teamsTakingReferrals(trx: Trx) {
  return trx
    .selectFrom('team')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', ['assessment', 'safeguarding', 'children_in_care', 'early_help', 'front_door'])
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function agencies(trx: Trx) {
  return trx
    .selectFrom('agency')
    .select(['id', 'name', 'kind', 'referral_source'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

/**
 * What a route naming a contact needs to decide on it: the contact (not deleted), the agency that
 * made it, and every child found for it so far. Null when there is no such contact.
 */
export async function contactSubject(trx: Trx, contactId: number) {
  const contact = await trx
    .selectFrom('contact as c')
    .select([
      'c.id',
      'c.submitted_by_agency_id',
      sql<number[]>`array(select cc.child_id from contact_child cc
        where cc.contact_id = c.id and cc.child_id is not null order by cc.child_id)`.as('childIds'),
    ])
    .where('c.id', '=', contactId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst()
  // int8 arrays arrive as strings from pg and numbers from PGlite.
  return contact ? { ...contact, childIds: contact.childIds.map(Number) } : null
}

/**
 * A child's place on a contact a URL names with it, and the child found for it (null while still
 * to be found); undefined when the pair does not exist or the contact is deleted.
 */
export async function contactChildSubject(trx: Trx, contactId: number, contactChildId: number) {
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .select(['cc.id', 'cc.child_id'])
    .where('cc.id', '=', contactChildId)
    .where('cc.contact_id', '=', contactId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** The child a referral is about; null when there is no such referral. */
export async function referralChild(trx: Trx, referralId: number): Promise<number | null> {
  const row = await trx
    .selectFrom('referral')
    .select('child_id')
    .where('id', '=', referralId)
    .executeTakeFirst()
  return row?.child_id ?? null
}

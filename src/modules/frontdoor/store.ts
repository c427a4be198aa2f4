/**
 * The front door's SQL for contacts and the children on them: reading and writing a contact, each
 * child's place on it, and what a route naming a contact needs to decide on it. Triage, referrals
 * and the partner's pages have stores of their own (`triage-store.ts`, `referral-store.ts`,
 * `partner-store.ts`). No permission checks here; the services decide who may call what.
 *
 * People's data is read through the people module's published views (`people_person_v`,
 * `people_relationship_v`), never its tables.
 */
import { sql, type Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type {
  ContactChildStatus,
  ContactDecision,
  Database,
  Rag,
  ThresholdLevel,
} from '../../platform/db/schema.js'
import { allocatedTo } from '../../platform/tasks/case-events.js'
import type { ContactAbout, ContactAdult, ContactDetails, OpenCase } from './model.js'
import type { PoliceRisk } from './police-notifications.js'

export type { Db }
/** A database handle or the transaction a service opened. */
export type Trx = Kysely<Database>

/** The child's open case now: a live allocation to a worker or a team (an open referral is held by one). */
export async function findOpenCase(trx: Trx, childId: number): Promise<OpenCase | null> {
  // Early help holds its episodes with a team allocation too; a child known only to early help
  // (a step-up among them) is the front door's to decide on, not early help's to receive.
  const owner = await allocatedTo(trx, childId, ['early_help'])
  return owner.userId === null && owner.teamId === null
    ? null
    : { workerId: owner.userId, teamId: owner.teamId }
}

// ---------------------------------------------------------------------------------------------
// Writing a contact

export interface ContactRow {
  receivedAt: Date
  awareAt: Date | null
  details: ContactDetails
  /** The agency a partner practitioner submitted it for (null for the front door's own). */
  agencyId: number | null
  domesticAbuse: boolean
  recordedBy: number
  /** What the police said about the risk, on a police notification. */
  policeRisk?: PoliceRisk | null
  /** Safety now, school and GP, interpreter, the child's words; null when the form did not ask. */
  about: ContactAbout | null
}

export async function insertContact(trx: Trx, c: ContactRow): Promise<number> {
  const d = c.details
  const { id } = await trx
    .insertInto('contact')
    .values({
      received_at: c.receivedAt,
      aware_at: c.awareAt,
      channel: d.channel,
      out_of_hours: d.outOfHours,
      out_of_hours_action: d.outOfHoursAction,
      referral_source: d.referralSource,
      referrer_name: d.referrerName,
      referrer_role: d.referrerRole,
      referrer_agency_id: d.referrerAgencyId ?? c.agencyId,
      referrer_phone: d.referrerPhone,
      referrer_email: d.referrerEmail,
      reason: d.reason,
      presenting_needs: d.presentingNeeds,
      consent: d.consent,
      consent_reason: d.consentReason,
      domestic_abuse: c.domesticAbuse,
      recorded_by: c.recordedBy,
      submitted_by_agency_id: c.agencyId,
      dash_risk: c.policeRisk?.dashRisk ?? null,
      marac_referral: c.policeRisk?.maracReferral ?? null,
      injury_mentioned: c.policeRisk?.injuryMentioned ?? null,
      ...(c.about
        ? {
            child_safe_now: c.about.childSafeNow,
            child_safe_detail: c.about.childSafeDetail,
            school_agency_id: c.about.schoolAgencyId,
            school_name: c.about.schoolName,
            gp_agency_id: c.about.gpAgencyId,
            gp_name: c.about.gpName,
            interpreter_language: c.about.interpreterLanguage,
            child_words: c.about.childWords,
          }
        : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The adults a contact names, in the order given. */
export async function insertAdults(trx: Trx, contactId: number, adults: readonly ContactAdult[]) {
  if (adults.length === 0) return
  await trx
    .insertInto('contact_adult')
    .values(
      adults.map((a, i) => ({
        contact_id: contactId,
        position: i + 1,
        name: a.name,
        relationship: a.relationship,
        alleged_perpetrator: a.allegedPerpetrator,
        person_id: a.personId,
      })),
    )
    .execute()
}

/** Which of these agencies exist, are in use and are of the kind asked (a school is education). */
export async function agenciesOfKind(trx: Trx, ids: readonly number[], kind: 'education' | 'health') {
  if (ids.length === 0) return []
  const rows = await trx
    .selectFrom('agency')
    .select('id')
    .where('id', 'in', [...ids])
    .where('kind', '=', kind)
    .where('disabled_at', 'is', null)
    .execute()
  return rows.map((r) => Number(r.id))
}

/**
 * The adults related to any of these children (their family and household, current or ended),
 * through the people module's published views: the records a screener may link an adult to.
 */
export async function adultsRelatedTo(trx: Trx, childIds: readonly number[]) {
  if (childIds.length === 0) return []
  const rows = await trx
    .selectFrom('people_relationship_v as r')
    .innerJoin('people_person_v as p', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('r.person_id', 'in', [...childIds]), eb('p.id', '=', eb.ref('r.related_person_id'))]),
          eb.and([eb('r.related_person_id', 'in', [...childIds]), eb('p.id', '=', eb.ref('r.person_id'))]),
        ]),
      ),
    )
    .select(['p.id', 'p.given_name', 'p.family_name', 'r.relationship_type'])
    .where('r.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('p.kind', '=', 'adult')
    .where('p.restricted', '=', false)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('p.id')
    .orderBy('r.id')
    .execute()
  // One entry per adult, with the first relationship found.
  const seen = new Set<number>()
  return rows
    .map((r) => ({ ...r, id: Number(r.id) }))
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
}

/** What a contact says beyond the concern: its adults, and the school's and GP's names. */
export async function loadContactAbout(trx: Trx, contactId: number) {
  const adults = await trx
    .selectFrom('contact_adult as a')
    .leftJoin('people_person_v as p', 'p.id', 'a.person_id')
    .select([
      'a.id',
      'a.name',
      'a.relationship',
      'a.alleged_perpetrator',
      'a.person_id',
      'p.given_name as personGivenName',
      'p.family_name as personFamilyName',
    ])
    .where('a.contact_id', '=', contactId)
    .orderBy('a.position')
    .orderBy('a.id')
    .execute()
  const places = await trx
    .selectFrom('contact as c')
    .leftJoin('agency as s', 's.id', 'c.school_agency_id')
    .leftJoin('agency as g', 'g.id', 'c.gp_agency_id')
    .select(['s.name as schoolAgency', 'g.name as gpAgency'])
    .where('c.id', '=', contactId)
    .executeTakeFirst()
  return { adults, schoolAgency: places?.schoolAgency ?? null, gpAgency: places?.gpAgency ?? null }
}

/** A child a partner described in words, waiting for the front door to find their record. */
export async function insertDescribedChild(
  trx: Trx,
  contactId: number,
  described: { name: string; birth: string | null; address: string | null },
): Promise<number> {
  const { id } = await trx
    .insertInto('contact_child')
    .values({
      contact_id: contactId,
      described_name: described.name,
      described_birth: described.birth,
      described_address: described.address,
      status: 'awaiting_match',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A child whose record the screener found, going into triage. */
export async function insertFoundChild(trx: Trx, contactId: number, childId: number): Promise<number> {
  const { id } = await trx
    .insertInto('contact_child')
    .values({ contact_id: contactId, child_id: childId, status: 'in_triage' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function routeToAllocatedWorker(
  trx: Trx,
  contactChildId: number,
  to: { workerId: number | null; teamId: number | null },
) {
  await trx
    .updateTable('contact_child')
    .set({ status: 'routed_to_allocated_worker', routed_user_id: to.workerId, routed_team_id: to.teamId })
    .where('id', '=', contactChildId)
    .execute()
}

/** Whether the child is already on the contact (a contact holds each child once). */
export async function contactHasChild(trx: Trx, contactId: number, childId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('contact_child')
    .select('id')
    .where('contact_id', '=', contactId)
    .where('child_id', '=', childId)
    .executeTakeFirst()
  return row !== undefined
}

export async function linkFoundChild(trx: Trx, contactChildId: number, childId: number) {
  await trx
    .updateTable('contact_child')
    .set({ child_id: childId, status: 'in_triage' })
    .where('id', '=', contactChildId)
    .execute()
}

export async function saveRating(
  trx: Trx,
  contactChildId: number,
  r: {
    thresholdLevel: ThresholdLevel
    rag: Rag
    recommendation: ContactDecision | null
    ratedBy: number
    at: Date
  },
) {
  await trx
    .updateTable('contact_child')
    .set({
      threshold_level: r.thresholdLevel,
      rag: r.rag,
      recommendation: r.recommendation,
      rated_by: r.ratedBy,
      rated_at: r.at,
    })
    .where('id', '=', contactChildId)
    .execute()
}

export async function saveDecision(
  trx: Trx,
  contactChildId: number,
  d: {
    decision: ContactDecision
    decisionReason: string | null
    transferAuthority: string | null
    oversightNote: string
    decidedBy: number
    at: Date
  },
) {
  await trx
    .updateTable('contact_child')
    .set({
      status: 'decided',
      decision: d.decision,
      decision_reason: d.decisionReason,
      transfer_authority: d.transferAuthority,
      decided_by: d.decidedBy,
      decided_at: d.at,
      oversight_note: d.oversightNote,
    })
    .where('id', '=', contactChildId)
    .execute()
}

/** The allocated worker takes the contact into their case: decided, its status left as routed. */
export async function saveAcknowledgement(
  trx: Trx,
  contactChildId: number,
  a: { note: string; by: number; at: Date },
) {
  await trx
    .updateTable('contact_child')
    .set({
      decision: 'passed_to_allocated_worker',
      decision_reason: a.note,
      decided_by: a.by,
      decided_at: a.at,
    })
    .where('id', '=', contactChildId)
    .execute()
}

export async function saveFeedback(
  trx: Trx,
  contactChildId: number,
  f: { method: 'phone' | 'email' | 'letter' | 'partner_portal'; note: string | null; by: number; at: Date },
) {
  await trx
    .updateTable('contact_child')
    .set({ feedback_at: f.at, feedback_by: f.by, feedback_method: f.method, feedback_note: f.note })
    .where('id', '=', contactChildId)
    .execute()
}

export async function saveWithdrawal(trx: Trx, contactChildId: number, reason: string) {
  await trx
    .updateTable('contact_child')
    .set({ status: 'withdrawn' satisfies ContactChildStatus, withdrawn_reason: reason })
    .where('id', '=', contactChildId)
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Reading a contact

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
    .leftJoin('people_person_v as p', 'p.id', 'cc.child_id')
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
      'c.consent',
      'c.submitted_by_agency_id',
      'c.deleted_at as contactDeletedAt',
    ])
    .where('cc.id', '=', contactChildId)
    .executeTakeFirst()
}

/** Who made the contact a contact child is on: the referrer's name, role and agency. */
export async function contactReferrer(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .leftJoin('agency as a', 'a.id', 'c.referrer_agency_id')
    .select([
      'c.referrer_name as referrerName',
      'c.referrer_role as referrerRole',
      'a.name as referrerAgency',
    ])
    .where('cc.id', '=', contactChildId)
    .executeTakeFirstOrThrow()
}

/** The child a contact child names, if found (before any transaction, for the permission check). */
export async function childOfContactChild(trx: Trx, contactChildId: number): Promise<number | null> {
  const row = await trx
    .selectFrom('contact_child')
    .select('child_id')
    .where('id', '=', contactChildId)
    .executeTakeFirst()
  return row?.child_id ?? null
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

// ---------------------------------------------------------------------------------------------
// Route subjects

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

/** A child's place on a contact by its id alone, with its contact (a task names it so). */
export async function contactChildById(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .select(['cc.id', 'cc.child_id', 'cc.contact_id'])
    .where('cc.id', '=', contactChildId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst()
}

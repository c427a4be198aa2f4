/**
 * The front door's use cases: recording a contact, linking each child to their record, triage,
 * the decision, the referral it opens, feedback to the referrer and allocation. Each one checks
 * the permission rule, writes its change, its case events and its audit rows in one transaction.
 */
import { londonDate } from '../../platform/calendar/dates.js'
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { ContactDecision, Database, Rag, ThresholdLevel } from '../../platform/db/schema.js'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { maySee, visibleFields, type FieldClass } from '../../platform/permissions/fields.js'
import { ACTION_NAMES, ROLE_NAMES, roleGrants, type Action } from '../../platform/permissions/roles.js'
import { grantAccess, loadChildRecord, revokeAccess } from '../../platform/permissions/store.js'
import { reassignOpenTasks, recordCaseEvent } from '../../platform/tasks/case-events.js'
import { authoriseChild } from '../people/service.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import {
  AGENCY_CHECK_FIELD_CLASS,
  agencyCheckSummary,
  decisionDepartsFromThreshold,
  decisionOption,
  labelOf,
  previousReferralWithin12Months,
  REFERRAL_SOURCES,
  routeContact,
  type AgencyCheckKind,
  type ContactDetails,
  type DecisionInput,
} from './model.js'
import * as store from './store.js'

/** A step that cannot be taken in the record's present state (decided already, withdrawn …). */
export class ContactStateError extends Error {
  constructor(
    message: string,
    readonly field = 'form',
  ) {
    super(message)
    this.name = 'ContactStateError'
  }
}

type Trx = Kysely<Database>

/** The role must grant the action at all (queues and forms that name no child yet). */
function requireRole(actor: Actor, action: Action): void {
  if (!roleGrants(actor.role, action))
    throw new NotAllowedError(
      `Your role (${ROLE_NAMES[actor.role]}) does not let you ${ACTION_NAMES[action]}.`,
    )
}

/** Checks an action on the child (a refusal is audited on its own); returns the basis relied on. */
async function authorise(db: Db, actor: Actor, action: Action, childId: number, audit: AuditContext) {
  return (await authoriseChild(db, actor, action, childId, audit)).basis
}

/** The partner agency a partner practitioner works for, which limits what they see. */
export async function agencyOf(db: Kysely<Database>, actor: Actor): Promise<number | null> {
  const row = await db
    .selectFrom('app_user')
    .select('agency_id')
    .where('id', '=', actor.id)
    .executeTakeFirst()
  return row?.agency_id ?? null
}

// ---------------------------------------------------------------------------------------------
// Recording a contact

export interface DescribedChild {
  name: string
  birth: string | null
  address: string | null
}

export interface NewContact {
  details: ContactDetails
  receivedAt: Date
  /** When the person making the contact became aware of the worry, if they said. */
  awareAt?: Date | null
  /** Records found by the screener's search. */
  childIds: number[]
  /** Children a partner describes in words, for the screener to find. */
  described: DescribedChild[]
  domesticAbuse?: boolean
}

/**
 * Records a contact and one row per child. A child whose case is open goes straight to the
 * allocated worker and team; every other child waits for triage, with the decision clocks running
 * from the time the contact was received.
 */
export async function recordContact(db: Db, actor: Actor, input: NewContact, audit: AuditContext) {
  requireRole(actor, 'contact.submit')
  if (input.childIds.length + input.described.length === 0)
    throw new ContactStateError('Add at least one child the contact is about', 'children')
  if (input.receivedAt.getTime() > Date.now() + 60_000)
    throw new ContactStateError('Date and time received must be in the past', 'received-day')
  const partner = actor.role === 'partner_practitioner'
  // A partner describes children in words and never links records: they cannot search them.
  if (partner && input.childIds.length > 0)
    throw new NotAllowedError('Partners describe the children; the front door finds their records.')
  for (const childId of input.childIds) await authorise(db, actor, 'child.view', childId, audit)
  const agencyId = partner ? await agencyOf(db, actor) : null
  if (partner && agencyId === null)
    throw new NotAllowedError(
      'Your account is not linked to an agency, so you cannot submit a contact. Ask an administrator.',
    )

  return db.transaction().execute(async (trx) => {
    const d = input.details
    const { id: contactId } = await trx
      .insertInto('contact')
      .values({
        received_at: input.receivedAt,
        aware_at: input.awareAt ?? null,
        channel: d.channel,
        out_of_hours: d.outOfHours,
        out_of_hours_action: d.outOfHoursAction,
        referral_source: d.referralSource,
        referrer_name: d.referrerName,
        referrer_role: d.referrerRole,
        referrer_agency_id: d.referrerAgencyId ?? agencyId,
        referrer_phone: d.referrerPhone,
        referrer_email: d.referrerEmail,
        reason: d.reason,
        presenting_needs: d.presentingNeeds,
        consent: d.consent,
        consent_reason: d.consentReason,
        domestic_abuse: input.domesticAbuse ?? d.presentingNeeds.some((n) => n === '3A' || n === '3B'),
        recorded_by: actor.id,
        submitted_by_agency_id: agencyId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, audit, {
      action: 'contact.record',
      outcome: 'allowed',
      recordType: 'contact',
      recordId: contactId,
      detail: { children: input.childIds.length + input.described.length, source: d.referralSource },
    })
    const routes: { contactChildId: number; childId: number | null; route: string }[] = []
    for (const described of input.described) {
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
      routes.push({ contactChildId: id, childId: null, route: 'awaiting_match' })
    }
    for (const childId of input.childIds) {
      const { id } = await trx
        .insertInto('contact_child')
        .values({ contact_id: contactId, child_id: childId, status: 'in_triage' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const route = await startChild(trx, actor, audit, id, childId, input.receivedAt, d.referralSource)
      routes.push({ contactChildId: id, childId, route })
    }
    return { contactId, children: routes }
  })
}

/**
 * A child is linked to a contact: the contact enters their chronology and the decision clocks
 * start from receipt. If the child's case is open the contact goes to the allocated worker.
 */
async function startChild(
  trx: Trx,
  actor: Actor,
  audit: AuditContext,
  contactChildId: number,
  childId: number,
  receivedAt: Date,
  source: string,
): Promise<string> {
  const route = routeContact(await store.findOpenCase(trx, childId))
  if (route.to === 'allocated_worker') {
    await trx
      .updateTable('contact_child')
      .set({
        status: 'routed_to_allocated_worker',
        routed_user_id: route.workerId,
        routed_team_id: route.teamId,
      })
      .where('id', '=', contactChildId)
      .execute()
  }
  await recordCaseEvent(trx, {
    childId,
    subjectType: 'contact',
    subjectId: contactChildId,
    type: 'contact.received',
    occurredAt: receivedAt,
    summary:
      route.to === 'allocated_worker'
        ? `Contact received from ${labelOf(REFERRAL_SOURCES, source)?.toLowerCase()}: passed to the allocated worker`
        : `Contact received from ${labelOf(REFERRAL_SOURCES, source)?.toLowerCase()}`,
    recordedBy: actor.id,
    attributes: { source, route: route.to },
  })
  await recordAudit(trx, audit, {
    action: 'contact.child.link',
    outcome: 'allowed',
    childId,
    recordType: 'contact_child',
    recordId: contactChildId,
    detail: { route: route.to },
  })
  return route.to === 'allocated_worker' ? 'routed_to_allocated_worker' : 'in_triage'
}

/** The screener finds the record of a child a partner described, and links it to the contact. */
export async function linkChild(
  db: Db,
  actor: Actor,
  contactChildId: number,
  childId: number,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  await authorise(db, actor, 'child.view', childId, audit)
  return db.transaction().execute(async (trx) => {
    const row = await store.loadContactChild(trx, contactChildId)
    if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
    if (row.status !== 'awaiting_match') throw new ContactStateError('This child has already been found.')
    const already = await trx
      .selectFrom('contact_child')
      .select('id')
      .where('contact_id', '=', row.contact_id)
      .where('child_id', '=', childId)
      .executeTakeFirst()
    if (already) throw new ContactStateError('That child is already on this contact.', 'childId')
    await trx
      .updateTable('contact_child')
      .set({ child_id: childId, status: 'in_triage' })
      .where('id', '=', contactChildId)
      .execute()
    const route = await startChild(
      trx,
      actor,
      audit,
      contactChildId,
      childId,
      row.received_at,
      row.referral_source,
    )
    return { route, contactId: row.contact_id }
  })
}

// ---------------------------------------------------------------------------------------------
// Reading a contact

/**
 * A contact and its children. Its routes name the contact as their subject, so the platform has
 * checked access to every child on it (or, for a partner, that their agency made it) and audited
 * the view before this reads it.
 */
export async function viewContact(db: Db, contactId: number) {
  return db.transaction().execute(async (trx) => {
    const contact = await store.loadContact(trx, contactId)
    if (!contact) throw new NotFoundError(`No contact ${contactId}`)
    const children = await store.loadContactChildren(trx, contactId)
    return { contact, children }
  })
}

/** A partner's own agency's contacts, newest first. */
export async function agencyContacts(db: Db, actor: Actor, audit: AuditContext) {
  requireRole(actor, 'contact.submit')
  const agencyId = await agencyOf(db, actor)
  if (agencyId === null) return []
  const rows = await db
    .selectFrom('contact as c')
    .innerJoin('contact_child as cc', 'cc.contact_id', 'c.id')
    .leftJoin('app_user as u', 'u.id', 'c.recorded_by')
    .select([
      'c.id',
      'c.received_at',
      'c.reason',
      'u.display_name as submittedBy',
      'cc.id as contactChildId',
      'cc.described_name',
      'cc.status',
      'cc.decision',
      'cc.feedback_at',
    ])
    .where('c.submitted_by_agency_id', '=', agencyId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .orderBy('cc.id')
    .limit(200)
    .execute()
  await recordAuditAlone(db, audit, {
    action: 'contact.list',
    outcome: 'allowed',
    recordType: 'agency',
    recordId: agencyId,
    detail: { rows: rows.length },
  })
  return rows
}

/**
 * Everything the screener needs for one child: the contact, the child, the agency checks so far,
 * both clocks, and the history of the child and of every family and household member (the
 * Serious Case Review's F9 and F21, in docs/statutory-timescales.md: history pulled together at
 * the front door).
 */
export async function viewTriage(db: Db, actor: Actor, contactChildId: number, audit: AuditContext) {
  const row = await store.loadContactChild(db, contactChildId)
  if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
  // The page's route names the contact child as its subject: the platform has allowed and audited
  // every child on the contact. What is audited here is the household shown beside them.
  return db.transaction().execute(async (trx) => {
    const contact = await store.loadContact(trx, row.contact_id)
    if (!contact) throw new NotFoundError(`No contact ${row.contact_id}`)
    const child =
      row.child_id === null
        ? null
        : await trx
            .selectFrom('person')
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
            .where('id', '=', row.child_id)
            .executeTakeFirstOrThrow()
    const household = row.child_id === null ? [] : await store.householdOf(trx, row.child_id)
    // Household members whose records are restricted are named but their history is not shown.
    const now = new Date()
    const openable: number[] = []
    const bases = new Map<number, string | null>()
    for (const member of household) {
      const decision = allow(actor, 'child.view', await loadChildRecord(trx, member.id), now)
      if (!decision.allowed) continue
      openable.push(member.id)
      bases.set(member.id, decision.basis)
    }
    const people = row.child_id === null ? [] : [row.child_id, ...openable]
    const history = await store.historyOf(trx, people, contactChildId)
    const checks = withholdChecks(
      actor,
      row.child_id === null ? [] : await fieldsOn(trx, actor, row.child_id, now),
      await store.loadAgencyChecks(trx, contactChildId),
    )
    const clocks = await store.loadClockTasks(trx, contactChildId)
    for (const personId of openable)
      await recordAudit(trx, audit, {
        action: 'contact.triage.view',
        outcome: 'allowed',
        childId: personId,
        recordType: 'contact_child',
        recordId: contactChildId,
        // The relationship that opened this member's history to the reader, not assumed.
        basis: bases.get(personId) ?? null,
        detail: { as: 'household member' },
      })
    return {
      row,
      contact,
      child,
      household: household.map((m) => ({ ...m, historyShown: openable.includes(m.id) })),
      history,
      checks,
      clocks,
    }
  })
}

/** The protected classes the actor may see on the child's record (SEC-04). */
async function fieldsOn(trx: Trx, actor: Actor, childId: number, now: Date): Promise<FieldClass[]> {
  const record = await loadChildRecord(trx, childId)
  return record === null ? [] : visibleFields(actor, record, now)
}

type StoredCheck = Awaited<ReturnType<typeof store.loadAgencyChecks>>[number]

/** An agency check as it is sent to a reader: whole, or (protected and withheld) who and when only. */
export type ShownCheck =
  | (StoredCheck & { withheld: false })
  | {
      id: number
      agency_kind: StoredCheck['agency_kind']
      responded_at: Date
      recordedByName: string | null
      withheld: true
      fieldClass: FieldClass
    }

/**
 * What the police and health said at triage, for those the field rules allow; anyone else learns
 * that the agency was asked and when, not who answered or what they said (SEC-04). The content is
 * left out here, before the page is rendered, so it never reaches the browser.
 */
export function withholdChecks(
  actor: Actor,
  fields: readonly FieldClass[],
  checks: readonly StoredCheck[],
): ShownCheck[] {
  return checks.map((k): ShownCheck => {
    const fieldClass = AGENCY_CHECK_FIELD_CLASS[k.agency_kind]
    if (fieldClass === null || maySee(actor, fields, { fieldClass, givenBy: k.agency_kind }))
      return { ...k, withheld: false }
    return {
      id: k.id,
      agency_kind: k.agency_kind,
      responded_at: k.responded_at,
      recordedByName: k.recordedByName,
      withheld: true,
      fieldClass,
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Triage

async function openForTriage(trx: Trx, contactChildId: number) {
  const row = await store.loadContactChild(trx, contactChildId)
  if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
  if (row.status === 'awaiting_match') throw new ContactStateError("Find the child's record before triage.")
  if (row.status !== 'in_triage')
    throw new ContactStateError('This child’s contact has already been decided or passed on.')
  return row as typeof row & { child_id: number }
}

export async function recordAgencyCheck(
  db: Db,
  actor: Actor,
  contactChildId: number,
  input: { agencyKind: string; informant: string; information: string; respondedAt: Date },
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  if (input.respondedAt.getTime() > Date.now() + 60_000)
    throw new ContactStateError('The time they gave the information must be in the past', 'respondedTime')
  return db.transaction().execute(async (trx) => {
    const row = await openForTriage(trx, contactChildId)
    if (input.respondedAt.getTime() < row.received_at.getTime())
      throw new ContactStateError(
        'The time they gave the information must be after the contact was received',
        'respondedTime',
      )
    const { id } = await trx
      .insertInto('contact_agency_check')
      .values({
        contact_child_id: contactChildId,
        agency_kind: input.agencyKind as never,
        informant: input.informant,
        information: input.information,
        responded_at: input.respondedAt,
        recorded_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.agency_check',
      occurredAt: input.respondedAt,
      summary: agencyCheckSummary(input.agencyKind as AgencyCheckKind, input.informant),
      recordedBy: actor.id,
    })
    await recordAudit(trx, audit, {
      action: 'contact.agency_check.record',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_agency_check',
      recordId: id,
    })
    return id
  })
}

/**
 * The level of need and the urgency. The first rating starts the RAG response clock; a later, more
 * urgent one brings it forward (never back: see `rerate` in the clock definitions), and the
 * chronology keeps both.
 */
export async function rateContactChild(
  db: Db,
  actor: Actor,
  contactChildId: number,
  input: { thresholdLevel: ThresholdLevel; rag: Rag; recommendation: ContactDecision | null },
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  return db.transaction().execute(async (trx) => {
    const row = await openForTriage(trx, contactChildId)
    const now = new Date()
    await trx
      .updateTable('contact_child')
      .set({
        threshold_level: input.thresholdLevel,
        rag: input.rag,
        recommendation: input.recommendation,
        rated_by: actor.id,
        rated_at: now,
      })
      .where('id', '=', contactChildId)
      .execute()
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.rated',
      occurredAt: now,
      summary: `Screened: level ${input.thresholdLevel} need, ${input.rag} urgency${
        input.recommendation
          ? `; recommended ${decisionOption(input.recommendation).label.toLowerCase()}`
          : ''
      }`,
      recordedBy: actor.id,
      attributes: {
        urgency: input.rag,
        thresholdLevel: input.thresholdLevel,
        recommendation: input.recommendation,
      },
    })
    await recordAudit(trx, audit, {
      action: 'contact.rate',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { thresholdLevel: input.thresholdLevel, rag: input.rag, changed: row.rag !== null },
    })
  })
}

// ---------------------------------------------------------------------------------------------
// The decision

/**
 * The decision on one child, made or authorised by a MASH social worker or manager, with the
 * management oversight note. A referral or a strategy discussion opens a referral the same day,
 * held by the chosen team until its manager allocates a worker; the referral is flagged as a
 * re-referral when the child was referred in the 12 months before.
 */
export async function decideContactChild(
  db: Db,
  actor: Actor,
  contactChildId: number,
  input: DecisionInput,
  audit: AuditContext,
  now = new Date(),
) {
  requireRole(actor, 'contact.decide')
  const preview = await store.loadContactChild(db, contactChildId)
  if (preview?.child_id) await authorise(db, actor, 'child.view', preview.child_id, audit)
  return db.transaction().execute(async (trx) => {
    const row = await openForTriage(trx, contactChildId)
    if (row.threshold_level === null || row.rag === null)
      throw new ContactStateError('Set the level of need and the urgency before the decision.', 'decision')
    if (decisionDepartsFromThreshold(row.threshold_level, input.decision) && input.decisionReason === null)
      throw new ContactStateError(
        `This decision is outside the routes for level ${row.threshold_level} need: enter the reason for it`,
        'decisionReason',
      )
    const option = decisionOption(input.decision)
    let teamName: string | null = null
    if (option.createsReferral) {
      const team = await trx
        .selectFrom('team')
        .select(['id', 'name'])
        .where('id', '=', input.teamId ?? -1)
        .executeTakeFirst()
      if (!team) throw new ContactStateError('Select the team the referral goes to', 'teamId')
      teamName = team.name
    }
    await trx
      .updateTable('contact_child')
      .set({
        status: 'decided',
        decision: input.decision,
        decision_reason: input.decisionReason,
        transfer_authority: input.decision === 'transfer' ? input.transferAuthority : null,
        decided_by: actor.id,
        decided_at: now,
        oversight_note: input.oversightNote,
      })
      .where('id', '=', contactChildId)
      .execute()
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.decided',
      occurredAt: now,
      summary: `Decision: ${option.label.toLowerCase()}${input.decision === 'transfer' ? ` (${input.transferAuthority})` : ''}`,
      recordedBy: actor.id,
      attributes: { decision: input.decision },
    })
    let referralId: number | null = null
    if (option.createsReferral && input.teamId !== null) {
      referralId = await openReferral(trx, actor, audit, {
        childId: row.child_id,
        contactChildId,
        source: row.referral_source,
        teamId: input.teamId,
        teamName: teamName ?? '',
        strategyDiscussion: input.decision === 'strategy_discussion',
        at: now,
      })
    }
    await recordAudit(trx, audit, {
      action: 'contact.decide',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { decision: input.decision, referralId },
    })
    return { referralId, contactId: row.contact_id }
  })
}

async function openReferral(
  trx: Trx,
  actor: Actor,
  audit: AuditContext,
  r: {
    childId: number
    contactChildId: number
    source: string
    teamId: number
    teamName: string
    strategyDiscussion: boolean
    at: Date
  },
): Promise<number> {
  const referralDate = londonDate(r.at.toISOString())
  const previous = previousReferralWithin12Months(referralDate, await store.earlierReferrals(trx, r.childId))
  const { id } = await trx
    .insertInto('referral')
    .values({
      child_id: r.childId,
      contact_child_id: r.contactChildId,
      referral_date: referralDate,
      referral_source: r.source as never,
      re_referral: previous !== null,
      previous_referral_id: previous?.id ?? null,
      strategy_discussion: r.strategyDiscussion,
      status: 'awaiting_allocation',
      team_id: r.teamId,
      created_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // The receiving team holds the case (and its manager can allocate) until a worker is named.
  await grantAccess(trx, {
    childId: r.childId,
    teamId: r.teamId,
    basis: 'allocated_team',
    grantedBy: actor.id,
  })
  await reassignOpenTasks(trx, r.childId, { userId: null, teamId: r.teamId })
  await recordCaseEvent(trx, {
    childId: r.childId,
    subjectType: 'referral',
    subjectId: id,
    type: 'referral.created',
    occurredAt: r.at,
    summary: `Referral to children's social care, to the ${r.teamName}${previous ? ' (re-referral within 12 months)' : ''}`,
    recordedBy: actor.id,
    attributes: { source: r.source, reReferral: previous !== null },
  })
  if (r.strategyDiscussion)
    await recordCaseEvent(trx, {
      childId: r.childId,
      subjectType: 'strategy_discussion',
      subjectId: id,
      type: 'strategy_discussion.requested',
      occurredAt: r.at,
      summary: 'Strategy discussion to be held',
      recordedBy: actor.id,
    })
  await recordAudit(trx, audit, {
    action: 'referral.create',
    outcome: 'allowed',
    childId: r.childId,
    recordType: 'referral',
    recordId: id,
    detail: { reReferral: previous !== null, teamId: r.teamId },
  })
  return id
}

/**
 * The allocated worker acknowledges a contact passed to them: it joins their case rather than
 * opening a new referral, and the decision clock stops.
 */
export async function acknowledgeRoutedContact(
  db: Db,
  actor: Actor,
  contactChildId: number,
  note: string,
  audit: AuditContext,
) {
  const preview = await store.loadContactChild(db, contactChildId)
  if (!preview?.child_id) throw new NotFoundError(`No contact child ${contactChildId}`)
  await authorise(db, actor, 'child.edit', preview.child_id, audit)
  return db.transaction().execute(async (trx) => {
    const row = await store.loadContactChild(trx, contactChildId)
    if (!row || row.child_id === null || row.status !== 'routed_to_allocated_worker' || row.decision !== null)
      throw new ContactStateError('This contact is not waiting for the allocated worker.')
    const now = new Date()
    await trx
      .updateTable('contact_child')
      .set({
        decision: 'passed_to_allocated_worker',
        decision_reason: note,
        decided_by: actor.id,
        decided_at: now,
      })
      .where('id', '=', contactChildId)
      .execute()
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.decided',
      occurredAt: now,
      summary: 'Contact taken into the open case by the allocated worker',
      recordedBy: actor.id,
      attributes: { decision: 'passed_to_allocated_worker' },
    })
    await recordAudit(trx, audit, {
      action: 'contact.acknowledge',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
    })
    return { contactId: row.contact_id }
  })
}

export async function recordFeedback(
  db: Db,
  actor: Actor,
  contactChildId: number,
  input: { feedbackMethod: 'phone' | 'email' | 'letter' | 'partner_portal'; feedbackNote: string | null },
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  return db.transaction().execute(async (trx) => {
    const row = await store.loadContactChild(trx, contactChildId)
    if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
    if (row.status !== 'decided')
      throw new ContactStateError('Feedback follows the decision.', 'feedbackMethod')
    if (row.feedback_at !== null)
      throw new ContactStateError('Feedback has already been recorded.', 'feedbackMethod')
    const now = new Date()
    await trx
      .updateTable('contact_child')
      .set({
        feedback_at: now,
        feedback_by: actor.id,
        feedback_method: input.feedbackMethod,
        feedback_note: input.feedbackNote,
      })
      .where('id', '=', contactChildId)
      .execute()
    if (row.child_id !== null) {
      await recordCaseEvent(trx, {
        childId: row.child_id,
        subjectType: 'contact',
        subjectId: contactChildId,
        type: 'contact.feedback',
        occurredAt: now,
        summary: `Referrer told the outcome (${input.feedbackMethod.replace('_', ' ')})`,
        recordedBy: actor.id,
      })
    }
    await recordAudit(trx, audit, {
      action: 'contact.feedback',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
    })
    return { contactId: row.contact_id }
  })
}

export async function withdrawContactChild(
  db: Db,
  actor: Actor,
  contactChildId: number,
  reason: string,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.decide')
  return db.transaction().execute(async (trx) => {
    const row = await store.loadContactChild(trx, contactChildId)
    if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
    if (row.status !== 'in_triage' && row.status !== 'awaiting_match')
      throw new ContactStateError('Only a contact still in triage can be withdrawn.', 'reason')
    await trx
      .updateTable('contact_child')
      .set({ status: 'withdrawn', withdrawn_reason: reason })
      .where('id', '=', contactChildId)
      .execute()
    if (row.child_id !== null)
      await recordCaseEvent(trx, {
        childId: row.child_id,
        subjectType: 'contact',
        subjectId: contactChildId,
        type: 'contact.withdrawn',
        occurredAt: new Date(),
        summary: `Contact withdrawn: ${reason}`,
        recordedBy: actor.id,
      })
    await recordAudit(trx, audit, {
      action: 'contact.withdraw',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { reason },
    })
    return { contactId: row.contact_id }
  })
}

// ---------------------------------------------------------------------------------------------
// Queues and allocation

export async function viewMashQueue(
  db: Db,
  actor: Actor,
  filters: store.QueueFilters,
  limit: number,
  audit: AuditContext,
) {
  if (!roleGrants(actor.role, 'contact.triage')) requireRole(actor, 'contact.decide')
  const now = new Date()
  const [rows, counts] = await Promise.all([
    store.mashQueue(db, filters, now, limit),
    store.mashQueueCounts(db, now),
  ])
  await recordAuditAlone(db, audit, {
    action: 'mash.queue.view',
    outcome: 'allowed',
    recordType: 'queue',
    recordId: 'mash',
    detail: { rows: rows.length },
  })
  return { rows, counts }
}

/** The teams whose referrals the actor allocates: those they manage, or every team for a service manager. */
function allocatingTeams(actor: Actor): number[] | null {
  return actor.role === 'service_manager' ? null : actor.managedTeamIds
}

export async function viewAllocationQueue(db: Db, actor: Actor, audit: AuditContext) {
  requireRole(actor, 'child.allocate')
  const teams = allocatingTeams(actor)
  const rows = await store.referralsAwaitingAllocation(db, teams)
  await recordAuditAlone(db, audit, {
    action: 'referral.queue.view',
    outcome: 'allowed',
    recordType: 'queue',
    recordId: 'allocation',
    detail: { rows: rows.length },
  })
  return rows
}

/**
 * A referral and, for a manager who may allocate it, the workers to choose from. Its route names
 * the referral as its subject: the platform has allowed and audited the view on `child`.
 */
export async function viewReferral(db: Db, actor: Actor, referralId: number, child: ChildRecord) {
  const found = await store.loadReferral(db, referralId)
  if (!found) throw new NotFoundError(`No referral ${referralId}`)
  const canAllocate = allow(actor, 'child.allocate', child, new Date()).allowed
  const teamIds = found.team_id === null ? [] : [found.team_id]
  const workers = canAllocate
    ? await store.workersWithCaseloads(
        db,
        actor.role === 'service_manager' ? (await store.teamsTakingReferrals(db)).map((t) => t.id) : teamIds,
      )
    : []
  return { referral: found, canAllocate, workers }
}

/** A referral a manager acts on must exist, and the manager must be able to allocate its child. */
async function managedReferral(db: Db, actor: Actor, referralId: number, audit: AuditContext) {
  const found = await store.loadReferral(db, referralId)
  if (!found) throw new NotFoundError(`No referral ${referralId}`)
  await authorise(db, actor, 'child.allocate', found.child_id, audit)
}

async function openReferralFor(trx: Trx, referralId: number, field: string) {
  const referral = await trx
    .selectFrom('referral')
    .selectAll()
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow()
  if (referral.status === 'closed') throw new ContactStateError('This referral is closed.', field)
  return referral
}

/**
 * A manager names the worker (and so the team) for a referral. The child's allocation grants move
 * to them, earlier ones are revoked, and the case's open tasks follow.
 */
export async function allocateReferral(
  db: Db,
  actor: Actor,
  referralId: number,
  workerId: number,
  audit: AuditContext,
) {
  await managedReferral(db, actor, referralId, audit)
  return db.transaction().execute(async (trx) => {
    const referral = await openReferralFor(trx, referralId, 'workerId')
    const worker = await trx
      .selectFrom('app_user')
      .select(['id', 'display_name', 'team_id', 'role', 'disabled_at'])
      .where('id', '=', workerId)
      .executeTakeFirst()
    if (
      !worker ||
      worker.disabled_at !== null ||
      worker.team_id === null ||
      !['social_worker', 'team_manager', 'mash_social_worker'].includes(worker.role)
    )
      throw new ContactStateError('Select a social worker from the list', 'workerId')
    if (actor.role !== 'service_manager' && !actor.managedTeamIds.includes(worker.team_id))
      throw new ContactStateError('Select a social worker in a team you manage', 'workerId')
    const now = new Date()
    const current = await trx
      .selectFrom('child_access')
      .select(['id', 'basis', 'user_id', 'team_id'])
      .where('child_id', '=', referral.child_id)
      .where('basis', 'in', ['allocated_worker', 'allocated_team'])
      .where('revoked_at', 'is', null)
      .execute()
    for (const g of current) {
      const keep = g.basis === 'allocated_worker' ? g.user_id === worker.id : g.team_id === worker.team_id
      if (!keep) await revokeAccess(trx, g.id, `Referral ${referralId} allocated to another worker`)
    }
    if (!current.some((g) => g.basis === 'allocated_worker' && g.user_id === worker.id))
      await grantAccess(trx, {
        childId: referral.child_id,
        userId: worker.id,
        basis: 'allocated_worker',
        grantedBy: actor.id,
      })
    if (!current.some((g) => g.basis === 'allocated_team' && g.team_id === worker.team_id))
      await grantAccess(trx, {
        childId: referral.child_id,
        teamId: worker.team_id,
        basis: 'allocated_team',
        grantedBy: actor.id,
      })
    await trx
      .updateTable('referral')
      .set({
        status: 'allocated',
        worker_id: worker.id,
        team_id: worker.team_id,
        allocated_by: actor.id,
        allocated_at: now,
      })
      .where('id', '=', referralId)
      .execute()
    await reassignOpenTasks(trx, referral.child_id, { userId: worker.id, teamId: worker.team_id })
    await recordCaseEvent(trx, {
      childId: referral.child_id,
      subjectType: 'referral',
      subjectId: referralId,
      type: 'referral.allocated',
      occurredAt: now,
      summary: `Referral allocated to ${worker.display_name}`,
      recordedBy: actor.id,
      attributes: { workerId: worker.id, teamId: worker.team_id },
    })
    await recordAudit(trx, audit, {
      action: 'referral.allocate',
      outcome: 'allowed',
      childId: referral.child_id,
      recordType: 'referral',
      recordId: referralId,
      detail: { workerId: worker.id, teamId: worker.team_id },
    })
    return { childId: referral.child_id }
  })
}

/**
 * Counts for a home page: the MASH queue for the front door, referrals waiting for a worker for
 * the managers who allocate. Figures only, no child's details, so nothing to audit.
 */
export async function frontDoorSummary(db: Db, actor: Actor) {
  const now = new Date()
  const queue =
    roleGrants(actor.role, 'contact.triage') || roleGrants(actor.role, 'contact.decide')
      ? await store.mashQueueCounts(db, now)
      : null
  const allocating = roleGrants(actor.role, 'child.allocate')
    ? (await store.referralsAwaitingAllocation(db, allocatingTeams(actor))).length
    : null
  return { queue, allocating }
}

/**
 * A manager closes a referral that needs no further action (the CIN census ReferralNFA): the
 * allocation ends, so the child no longer shows as an open case.
 */
export async function closeReferralNoFurtherAction(
  db: Db,
  actor: Actor,
  referralId: number,
  reason: string,
  audit: AuditContext,
) {
  await managedReferral(db, actor, referralId, audit)
  return db.transaction().execute(async (trx) => {
    const referral = await openReferralFor(trx, referralId, 'reason')
    const now = new Date()
    await trx
      .updateTable('referral')
      .set({ status: 'closed', nfa: true, closed_at: now, closure_reason: reason })
      .where('id', '=', referralId)
      .execute()
    const grants = await trx
      .selectFrom('child_access')
      .select('id')
      .where('child_id', '=', referral.child_id)
      .where('basis', 'in', ['allocated_worker', 'allocated_team'])
      .where('revoked_at', 'is', null)
      .execute()
    for (const g of grants) await revokeAccess(trx, g.id, `Referral ${referralId} closed: no further action`)
    await recordCaseEvent(trx, {
      childId: referral.child_id,
      subjectType: 'referral',
      subjectId: referralId,
      type: 'referral.closed',
      occurredAt: now,
      summary: `Referral closed: no further action (${reason})`,
      recordedBy: actor.id,
      attributes: { nfa: true },
    })
    await recordAudit(trx, audit, {
      action: 'referral.close',
      outcome: 'allowed',
      childId: referral.child_id,
      recordType: 'referral',
      recordId: referralId,
      detail: { nfa: true },
    })
    return { childId: referral.child_id }
  })
}

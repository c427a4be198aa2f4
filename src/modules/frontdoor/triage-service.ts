/**
 * Triage of one child on a contact: what the screener sees (the contact, the child, the household
 * and its history, the agency checks, both decision clocks), the information agencies give, and
 * the level of need and urgency that start the RAG response clock.
 */
import { OPEN_CASE_STRATEGY_CLOCK } from './authorisation.js'
import { managerOfTeam } from './authorisation-store.js'
import { checksRefused, type ChecksConsentInput } from './authorisation.js'
import { checksConsentOf, saveChecksConsent } from './authorisation-store.js'
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { ContactDecision, Rag, ThresholdLevel } from '../../platform/db/schema.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { maySee, visibleFields, type FieldClass } from '../../platform/permissions/fields.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  AGENCY_CHECK_FIELD_CLASS,
  agencyCheckSummary,
  decisionOption,
  type AgencyCheckKind,
} from './model.js'
import {
  ContactStateError,
  isInFuture,
  liveContactChild,
  NotFoundError,
  openForRating,
  openForTriage,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import * as store from './store.js'
import type { Trx } from './store.js'
import * as triage from './triage-store.js'
import { duplicateCandidates } from './household-model.js'
import { householdAtTriage, openContactsOfOthers } from './household-service.js'
import * as hh from './household-store.js'

/**
 * Everything the screener needs for one child: the contact, the child, the agency checks so far,
 * both clocks, and the history of the child and of every family and household member (the
 * Serious Case Review's F9 and F21, in docs/statutory-timescales.md: history pulled together at
 * the front door).
 */
export async function viewTriage(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  audit: AuditContext,
) {
  const row = await liveContactChild(db, contactChildId)
  // The page's route names the contact child as its subject: the platform has allowed and audited
  // every child on the contact. What is audited here is the household shown beside them.
  return db.transaction().execute(async (trx) => {
    const contact = await store.loadContact(trx, row.contact_id)
    if (!contact) throw new NotFoundError(`No contact ${row.contact_id}`)
    const now = clock.now()
    const child = row.child_id === null ? null : await triage.childAtTriage(trx, row.child_id)
    const household =
      row.child_id === null ? [] : await householdAtTriage(trx, row.child_id, row.contact_id, now)
    const openable = await openableMembers(trx, actor, household, now)
    const people = row.child_id === null ? [] : [row.child_id, ...openable.keys()]
    const history = await triage.historyOf(trx, people, contactChildId)
    // The household's children not on this contact, whose open contacts the screener should see.
    const others = household.filter(
      (m) => m.kind === 'child' && !m.onContact && !m.ended && openable.has(m.id),
    )
    const othersOpen = await openContactsOfOthers(trx, others)
    const duplicates = row.child_id === null ? null : await duplicatesOf(trx, contactChildId, row.child_id)
    const checks = withholdChecks(
      actor,
      row.child_id === null ? [] : await fieldsOn(trx, actor, row.child_id, now),
      await triage.loadAgencyChecks(trx, contactChildId),
    )
    const clocks = await triage.loadClockTasks(trx, contactChildId)
    for (const [personId, basis] of openable)
      await recordAudit(trx, audit, {
        action: 'contact.triage.view',
        outcome: 'allowed',
        childId: personId,
        recordType: 'contact_child',
        recordId: contactChildId,
        // The relationship that opened this member's history to the reader, not assumed.
        basis,
        detail: { as: 'household member' },
      })
    return {
      row,
      contact,
      child,
      household: household.map((m) => ({ ...m, historyShown: openable.has(m.id) })),
      householdChildren: others.map((m) => ({ ...m, open: othersOpen.filter((o) => o.child_id === m.id) })),
      duplicates,
      history,
      checks,
      clocks,
      actions: await actionsOn(trx, actor, row.child_id, now),
    }
  })
}

/** The other open contacts about the child, which of them this one may be linked to, and its links. */
async function duplicatesOf(trx: Trx, contactChildId: number, childId: number) {
  const self = await hh.linkableContact(trx, contactChildId)
  const others = await hh.otherOpenContacts(trx, childId, contactChildId)
  return {
    others,
    candidates: self ? duplicateCandidates(self, others) : [],
    linkedTo: await hh.liveLinkFrom(trx, contactChildId),
    linkedHere: await hh.liveLinksTo(trx, contactChildId),
  }
}

/**
 * What the reader may do on this page, by the rules the services apply (the role, and for taking a
 * contact into an open case the child's record open to edit), so no form is shown that would be
 * refused.
 */
async function actionsOn(trx: Trx, actor: Actor, childId: number | null, now: Date) {
  const record = childId === null ? null : await loadChildRecord(trx, childId)
  return {
    triage: roleGrants(actor.role, 'contact.triage'),
    decide: roleGrants(actor.role, 'contact.decide'),
    acknowledge: record !== null && allow(actor, 'child.edit', record, now).allowed,
  }
}

/**
 * The household members whose history the actor may see, each with the basis that opens it.
 * Members whose records are restricted are named but their history is not shown.
 */
async function openableMembers(
  trx: Trx,
  actor: Actor,
  household: readonly { id: number }[],
  now: Date,
): Promise<Map<number, string | null>> {
  const bases = new Map<number, string | null>()
  for (const member of household) {
    const decision = allow(actor, 'child.view', await loadChildRecord(trx, member.id), now)
    if (decision.allowed) bases.set(member.id, decision.basis)
  }
  return bases
}

/** The protected classes the actor may see on the child's record (SEC-04). */
async function fieldsOn(trx: Trx, actor: Actor, childId: number, now: Date): Promise<FieldClass[]> {
  const record = await loadChildRecord(trx, childId)
  return record === null ? [] : visibleFields(actor, record, now)
}

type StoredCheck = Awaited<ReturnType<typeof triage.loadAgencyChecks>>[number]

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

export async function recordAgencyCheck(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: { agencyKind: string; informant: string; information: string; respondedAt: Date },
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  if (isInFuture(input.respondedAt, clock.now()))
    throw new ContactStateError('The time they gave the information must be in the past', 'respondedTime')
  return db.transaction().execute(async (trx) => {
    const row = await openForTriage(trx, contactChildId)
    const consent = await checksConsentOf(trx, row.contact_id)
    if (checksRefused(consent?.checks_consent ?? null))
      throw new ContactStateError(
        'The family refused consent to agencies being asked: record an override, with its reason, before adding what an agency said',
        'agencyKind',
      )
    if (input.respondedAt.getTime() < row.received_at.getTime())
      throw new ContactStateError(
        'The time they gave the information must be after the contact was received',
        'respondedTime',
      )
    const id = await triage.insertAgencyCheck(trx, {
      contactChildId,
      agencyKind: input.agencyKind as AgencyCheckKind,
      informant: input.informant,
      information: input.information,
      respondedAt: input.respondedAt,
      recordedBy: actor.id,
    })
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
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: { thresholdLevel: ThresholdLevel; rag: Rag; recommendation: ContactDecision | null },
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  return db.transaction().execute(async (trx) => {
    const row = await openForRating(trx, contactChildId)
    const now = clock.now()
    await store.saveRating(trx, contactChildId, { ...input, ratedBy: actor.id, at: now })
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
        // The RAG clock counts from receipt, not from the rating (clock-definitions.json).
        receivedAt: row.received_at.toISOString(),
      },
    })
    // New significant harm in an open case: the allocated worker's manager is asked to hold a
    // strategy discussion, with a clock, once (a later re-rating does not ask again).
    const openCase = row.status === 'routed_to_allocated_worker'
    if (openCase && input.thresholdLevel === '4' && row.threshold_level !== '4') {
      const prompt = await recordCaseEvent(trx, {
        childId: row.child_id,
        subjectType: 'contact',
        subjectId: contactChildId,
        type: 'contact.harm_in_open_case',
        occurredAt: now,
        summary: 'Significant harm alleged in an open case: a strategy discussion to consider',
        recordedBy: actor.id,
      })
      const manager = row.routed_team_id === null ? null : await managerOfTeam(trx, row.routed_team_id)
      if (manager !== null) await assignClockTask(trx, OPEN_CASE_STRATEGY_CLOCK, prompt, manager)
    }
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

/**
 * The family's consent to the MASH asking other agencies, recorded for the whole contact, apart
 * from consent to the referral; a refusal stops agency checks until an override says why.
 */
export async function recordChecksConsent(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: ChecksConsentInput,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  return db.transaction().execute(async (trx) => {
    const row = await openForTriage(trx, contactChildId)
    await saveChecksConsent(trx, row.contact_id, {
      consent: input.checksConsent,
      reason: input.checksConsentReason,
      by: actor.id,
      at: clock.now(),
    })
    await recordAudit(trx, audit, {
      action: 'contact.checks_consent',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact',
      recordId: row.contact_id,
      detail: { consent: input.checksConsent },
    })
    return { contactId: row.contact_id }
  })
}

/** The consent to agency checks as the triage page shows it. */
export async function viewChecksConsent({ db }: FrontdoorDeps, contactId: number) {
  return checksConsentOf(db, contactId)
}

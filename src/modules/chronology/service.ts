/**
 * The multi-agency chronology: the use cases. Adding and deleting a contribution checks the actor
 * against the child, writes the row, its case event and its audit row in one transaction, and
 * reads the time from the injected clock; a refusal is audited on its own, so a rollback cannot
 * lose it. Reading is checked and audited by the platform before the page runs (the route's
 * subject); the page's lines come from each module's presenter, worded for the reader.
 */
import { auditingRefusal, recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { CHILDRENS_SOCIAL_CARE, type ModuleContributions } from '../../platform/modules.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { visibleFields } from '../../platform/permissions/fields.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  contributionSummary,
  cumulativeHarmWarnings,
  ENTRY_TYPES,
  entryInstant,
  labelOf,
  mayContribute,
  mayDelete,
  newestFirst,
  RECORDED_IN_HAVEN,
  type AgencyChoice,
  type ChronologyItem,
  type ContributionInput,
  type HarmWarning,
} from './model.js'
import * as store from './store.js'
import type { Db, Trx } from './store.js'

export interface ChronologyDeps {
  db: Db
  clock: Clock
}

/** The case event every contribution writes, and its subject. */
export const CONTRIBUTION_EVENT = 'chronology.contribution'
export const CONTRIBUTION_DELETED_EVENT = 'chronology.contribution_deleted'
export const ENTRY_SUBJECT = 'chronology_entry'

/** A partner's agency when their account names only its kind (no agency linked). */
const AGENCY_KINDS: Record<string, string> = {
  police: 'Police',
  health: 'Health',
  education: 'Education',
  probation: 'Probation',
  other: 'Partner agency',
}

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`

/** What this reader may do on the child's chronology, for the pages' links. */
export function chronologyRights(actor: Actor, child: ChildRecord, now: Date) {
  return {
    canContribute: mayContribute(actor.role, allow(actor, 'child.view', child, now).allowed),
    managesCase: allow(actor, 'child.allocate', child, now).allowed,
  }
}

async function namedChild(db: Db, childId: number) {
  const child = await store.childOf(db, childId)
  if (!child) throw new NotFoundError(`No child ${childId}`)
  return { id: child.id, name: fullName(child), dateOfBirth: child.date_of_birth }
}

/**
 * The agency a contribution is from. A partner practitioner's is their account's, never chosen;
 * a member of staff records children's social care's own, or one of the agencies listed (a GP who
 * phoned): null when there is no list to choose from.
 */
async function agencyOf(db: Db, actor: Actor) {
  if (actor.role !== 'partner_practitioner') {
    const choices: AgencyChoice[] = await store.activeAgencies(db)
    return { own: null, choices: choices.length > 0 ? choices : null }
  }
  const account = await store.accountAgency(db, actor.id)
  const name =
    account?.agencyName ?? AGENCY_KINDS[account?.agency ?? 'other'] ?? (AGENCY_KINDS.other as string)
  return { own: { id: account?.agencyId ?? null, name }, choices: null }
}

/**
 * The form: the child, and the contributor's agency or the agencies they may choose from. One who
 * may read the child's record but does not add to chronologies is refused, and that is audited.
 */
export async function contributionForm(
  { db, clock }: ChronologyDeps,
  actor: Actor,
  child: ChildRecord,
  audit: AuditContext,
) {
  const refused = { action: 'chronology.contribute', childId: child.childId, recordType: ENTRY_SUBJECT }
  return auditingRefusal(db, audit, refused, async () => {
    if (!chronologyRights(actor, child, clock.now()).canContribute)
      throw new NotAllowedError('Your role does not add to a child’s chronology.')
    const [named, agency] = await Promise.all([namedChild(db, child.childId), agencyOf(db, actor)])
    return { child: named, ...agency }
  })
}

/** Adds a contribution to the child's chronology, and its line to the child's record chronology. */
export async function recordContribution(
  { db, clock }: ChronologyDeps,
  actor: Actor,
  childId: number,
  input: ContributionInput,
  audit: AuditContext,
): Promise<{ entryId: number }> {
  const refused = { action: 'chronology.contribute', childId, recordType: ENTRY_SUBJECT, recordId: null }
  return auditingRefusal(db, audit, refused, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const record = await loadChildRecord(trx, childId)
      const decision = allow(actor, 'child.view', record, now)
      if (!record || !decision.allowed) throw new NotAllowedError(decision.reason)
      if (!mayContribute(actor.role, true))
        throw new NotAllowedError('Your role does not add to a child’s chronology.')
      const agency = await agencyOf(trx, actor)
      let agencyId = agency.own?.id ?? null
      let agencyName = agency.own?.name ?? CHILDRENS_SOCIAL_CARE
      if (!agency.own && input.agencyId !== null) {
        const chosen = await store.agencyNamed(trx, input.agencyId)
        if (!chosen) throw new NotFoundError(`No agency ${input.agencyId}`)
        ;[agencyId, agencyName] = [chosen.id, chosen.name]
      }
      const entryId = await writeContribution(
        trx,
        actor.id,
        childId,
        { ...input, agencyId },
        agencyName,
        now,
        audit,
        decision.basis,
      )
      return { entryId }
    }),
  )
}

/**
 * Writes a contribution, its case event and its audit row in the caller's transaction: for
 * `recordContribution`, which has checked the actor and settled the agency, and for the demo's
 * seed, which adds a family's agencies' entries.
 */
export async function writeContribution(
  trx: Trx,
  by: number,
  childId: number,
  input: ContributionInput,
  agencyName: string,
  now: Date,
  audit: AuditContext,
  basis: string | null,
): Promise<number> {
  const entryId = await store.insertEntry(trx, childId, input, agencyName, by, now)
  await recordCaseEvent(trx, {
    childId,
    subjectType: ENTRY_SUBJECT,
    subjectId: entryId,
    type: CONTRIBUTION_EVENT,
    occurredAt: entryInstant(input.occurredOn, now),
    summary: contributionSummary(agencyName, input.entryType),
    recordedBy: by,
    attributes: { agency: agencyName, entryType: input.entryType, harmKind: input.harmKind },
  })
  await recordAudit(trx, audit, {
    action: 'chronology.contribute',
    outcome: 'allowed',
    childId,
    recordType: ENTRY_SUBJECT,
    recordId: entryId,
    basis,
    detail: { agency: agencyName, entryType: input.entryType, harmKind: input.harmKind },
  })
  return entryId
}

/** One contribution on this child's chronology, and whether this reader may delete it. */
export async function viewEntry(
  { db, clock }: ChronologyDeps,
  actor: Actor,
  child: ChildRecord,
  entryId: number,
) {
  const entry = await store.entryOn(db, entryId, child.childId)
  if (!entry) throw new NotFoundError(`No chronology entry ${entryId} on child ${child.childId}`)
  const rights = chronologyRights(actor, child, clock.now())
  const rule = mayDelete(
    { recordedBy: entry.recorded_by, deletedAt: entry.deleted_at },
    actor.id,
    rights.managesCase,
  )
  return { child: await namedChild(db, child.childId), entry, rule }
}

/** Deletes a contribution softly: it stays on the chronology, marked deleted with who, when and why. */
export async function deleteContribution(
  { db, clock }: ChronologyDeps,
  actor: Actor,
  childId: number,
  entryId: number,
  reason: string,
  audit: AuditContext,
): Promise<void> {
  const refused = { action: 'chronology.delete', childId, recordType: ENTRY_SUBJECT, recordId: entryId }
  await auditingRefusal(db, audit, refused, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const entry = await store.lockEntry(trx, entryId, childId)
      if (!entry) throw new NotFoundError(`No chronology entry ${entryId} on child ${childId}`)
      const record = await loadChildRecord(trx, childId)
      const decision = allow(actor, 'child.view', record, now)
      if (!record || !decision.allowed) throw new NotAllowedError(decision.reason)
      const manages = allow(actor, 'child.allocate', record, now).allowed
      const rule = mayDelete(
        { recordedBy: entry.recorded_by, deletedAt: entry.deleted_at },
        actor.id,
        manages,
      )
      if (!rule.allowed) throw new NotAllowedError(rule.reason)
      await store.markEntryDeleted(trx, entryId, actor.id, now, reason)
      await recordCaseEvent(trx, {
        childId,
        subjectType: ENTRY_SUBJECT,
        subjectId: entryId,
        type: CONTRIBUTION_DELETED_EVENT,
        occurredAt: now,
        summary: `Chronology entry from ${entry.agency_name} deleted`,
        recordedBy: actor.id,
      })
      await recordAudit(trx, audit, {
        action: 'chronology.delete',
        outcome: 'allowed',
        childId,
        recordType: ENTRY_SUBJECT,
        recordId: entryId,
        basis: decision.basis,
        detail: { reason },
      })
    }),
  )
}

/** The warnings the child's injury and incident log raises now. */
export async function harmWarnings(
  db: Db,
  childId: number,
  dateOfBirth: string | null,
): Promise<HarmWarning[]> {
  const log = await store.harmLog(db, childId)
  return cumulativeHarmWarnings(
    log.flatMap((e) =>
      e.harm_kind === null
        ? []
        : [{ occurredOn: e.occurred_on, harmKind: e.harm_kind, childMobile: e.child_mobile }],
    ),
    dateOfBirth,
  )
}

/**
 * The child's multi-agency chronology for this reader: every module's events worded by its
 * presenter for what the reader may see (a confidential address withheld), merged with the
 * agencies' contributions, newest first; and the cumulative-harm warnings. The route's subject has
 * checked and audited the reader's view of the child.
 */
export async function multiAgencyChronology(
  { db, clock }: ChronologyDeps,
  modules: Pick<ModuleContributions, 'presentForReader'>,
  actor: Actor,
  record: ChildRecord,
) {
  const child = await namedChild(db, record.childId)
  const [events, entries, warnings] = await Promise.all([
    store.eventsOn(db, record.childId),
    store.entriesOn(db, record.childId),
    harmWarnings(db, record.childId, child.dateOfBirth),
  ])
  const shown = modules.presentForReader(events, visibleFields(actor, record, clock.now()))
  const pad = (id: number) => String(id).padStart(15, '0')
  const items: ChronologyItem[] = [
    ...shown.map((e) => ({
      at: e.occurred_at,
      occurredOn: null,
      agency: e.agency,
      type: RECORDED_IN_HAVEN.code,
      typeText: RECORDED_IN_HAVEN.label,
      summary: e.summary,
      recordedBy: e.recordedBy,
      entry: null,
      key: `e${pad(e.id)}`,
    })),
    ...entries.map((e) => ({
      at: entryInstant(e.occurred_on, e.recorded_at),
      occurredOn: e.occurred_on,
      agency: e.agency_name,
      type: e.entry_type,
      typeText: labelOf(ENTRY_TYPES, e.entry_type) ?? e.entry_type,
      summary: e.what_happened,
      recordedBy: e.recordedByName,
      entry: {
        id: e.id,
        source: e.source,
        basis: e.basis,
        significance: e.significance,
        whatHappened: e.what_happened,
        harmKind: e.harm_kind,
        bodyPart: e.body_part,
        childMobile: e.child_mobile,
        recordedById: e.recorded_by,
        deleted:
          e.deleted_at === null
            ? null
            : { at: e.deleted_at, by: e.deletedByName, reason: e.deleted_reason ?? '' },
      },
      key: `c${pad(e.id)}`,
    })),
  ]
  return { child, items: newestFirst(items), warnings }
}

/** What the child's record page shows of this module: the warnings and the latest contributions. */
export async function recordPanel({ db, clock }: ChronologyDeps, actor: Actor, record: ChildRecord) {
  const child = await namedChild(db, record.childId)
  const [warnings, entries] = await Promise.all([
    harmWarnings(db, record.childId, child.dateOfBirth),
    store.entriesOn(db, record.childId),
  ])
  const live = entries.filter((e) => e.deleted_at === null)
  return {
    warnings,
    latest: live.slice(0, 3).map((e) => ({
      occurredOn: e.occurred_on,
      agency: e.agency_name,
      typeText: labelOf(ENTRY_TYPES, e.entry_type) ?? e.entry_type,
    })),
    contributions: live.length,
    ...chronologyRights(actor, record, clock.now()),
  }
}

/**
 * The multi-agency chronology: the use cases. Adding and deleting a contribution checks the actor
 * against the child, writes the row, its case event and its audit row in one transaction, and
 * reads the time from the injected clock; a refusal is audited on its own, so a rollback cannot
 * lose it. Reading is checked and audited by the platform before the page runs (the route's
 * subject); the page's lines come from each module's presenter, worded for the reader.
 */
import {
  auditingRefusal,
  recordAudit,
  recordAuditsAlone,
  type AuditContext,
} from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { CHILDRENS_SOCIAL_CARE, type ModuleContributions } from '../../platform/modules.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { visibleFields } from '../../platform/permissions/fields.js'
import { involvementSince, loadChildRecord, loadChildRecords } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  contributionSummary,
  cumulativeHarmWarnings,
  ENTRY_TYPES,
  entryInstant,
  labelOf,
  mayContribute,
  filterChoices,
  lineFilter,
  linesKept,
  mayDelete,
  onRecord as recordedLines,
  meetingWarning,
  PRINT_MAX,
  RECORDED_IN_HAVEN,
  type AgencyChoice,
  type ChronologyFilter,
  type ChronologyItem,
  type ContributionInput,
  type HarmWarning,
  type LoggedHarm,
} from './model.js'
import * as store from './store.js'
import type { Db, Trx } from './store.js'

export interface ChronologyDeps {
  db: Db
  clock: Clock
}

/** The case event every contribution writes, and its subject. */
export const CONTRIBUTION_EVENT = store.CONTRIBUTION_EVENT
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
  const eventId = await recordCaseEvent(trx, {
    childId,
    subjectType: ENTRY_SUBJECT,
    subjectId: entryId,
    type: CONTRIBUTION_EVENT,
    occurredAt: entryInstant(input.occurredOn, now),
    summary: contributionSummary(agencyName, input.entryType),
    recordedBy: by,
    attributes: { agency: agencyName, entryType: input.entryType, harmKind: input.harmKind },
  })
  await store.linkEntryEvent(trx, entryId, eventId)
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

/** The warnings each child's injury and incident log raises now, by child. */
async function harmWarnings(
  db: Db,
  children: readonly { id: number; dateOfBirth: string | null }[],
): Promise<Map<number, HarmWarning[]>> {
  const logs = new Map<number, LoggedHarm[]>(children.map((c) => [c.id, []]))
  for (const e of await store.harmLogs(
    db,
    children.map((c) => c.id),
  ))
    if (e.harm_kind !== null)
      logs
        .get(e.child_id)
        ?.push({ occurredOn: e.occurred_on, harmKind: e.harm_kind, childMobile: e.child_mobile })
  return new Map(children.map((c) => [c.id, cumulativeHarmWarnings(logs.get(c.id) ?? [], c.dateOfBirth)]))
}

/** A warning as the pages show it: what kind, what, and where its threshold comes from. */
export interface ShownWarning {
  heading: string
  text: string
  source: string
}

/**
 * Each child's warnings now: the injury and incident log's cumulative harm, and no multi-agency
 * meeting (of the types every module marks) for the weeks of `reference/chronology/meetings.json`
 * while a service works with the child (the platform's grants say when that began).
 */
export async function childWarnings(
  { db, clock }: ChronologyDeps,
  meetingTypes: readonly string[],
  children: readonly { id: number; dateOfBirth: string | null }[],
): Promise<Map<number, ShownWarning[]>> {
  const now = clock.now()
  const ids = children.map((c) => c.id)
  const [harms, since, meetings] = await Promise.all([
    harmWarnings(db, children),
    involvementSince(db, ids, now),
    store.lastMeetings(db, ids, meetingTypes),
  ])
  return new Map(
    children.map((c) => {
      const drift = meetingWarning(since.get(c.id) ?? null, meetings.get(c.id) ?? null, now)
      const shown: ShownWarning[] = [
        ...(harms.get(c.id) ?? []).map((w) => ({
          heading: 'Cumulative harm',
          text: w.text,
          source: w.source,
        })),
        ...(drift ? [{ heading: 'Drift', text: drift.text, source: drift.source }] : []),
      ]
      return [c.id, shown]
    }),
  )
}

/** What the chronology's pages read of the other modules. */
export type ChronologyModules = Pick<ModuleContributions, 'presentForReader' | 'agencyOf' | 'meetingTypes'>

/** What a reader asks of a chronology: the filter, and a page of it or (null) the printable version. */
export interface ChronologyQuery {
  filter: ChronologyFilter
  page: { offset: number; size: number } | null
}

interface NamedChild {
  id: number
  name: string
  dateOfBirth: string | null
}

/**
 * The lines of these children's chronologies the query asks for, worded by each event's module
 * for what the reader may see of that child (a confidential address withheld), with the count the
 * filter keeps, the count of every line and the filter's choices. The printable version has every
 * line the filter keeps, up to `PRINT_MAX`.
 */
async function chronologyLines(
  { db, clock }: ChronologyDeps,
  modules: ChronologyModules,
  actor: Actor,
  children: readonly { record: ChildRecord; child: NamedChild }[],
  query: ChronologyQuery & { children?: readonly number[] },
) {
  const everyone = children.map((c) => c.child.id)
  const ids = everyone.filter((id) => !query.children?.length || query.children.includes(id))
  const counting = store.lineCounts(db, everyone)
  // The event types on record turn the agencies chosen into event types: with none chosen, the
  // page is read while the lines are counted.
  const typesOnRecord = query.filter.agencies.length > 0 ? recordedLines(await counting).eventTypes : []
  const filter = lineFilter(query.filter, typesOnRecord, (t) => modules.agencyOf(t))
  const [counts, rows] = await Promise.all([
    counting,
    store.pageOfLines(db, ids, filter, query.page ?? { offset: 0, size: PRINT_MAX }),
  ])
  const onRecord = recordedLines(counts)
  const everything = lineFilter({ agencies: [], types: [] }, [], () => '')
  const total = linesKept(counts, everyone, everything)
  const matching = linesKept(counts, ids, filter)
  const now = clock.now()
  const byId = new Map(children.map((c) => [c.child.id, c]))
  const visible = new Map(children.map((c) => [c.child.id, visibleFields(actor, c.record, now)]))
  const items: ChronologyItem[] = rows.map((r) => {
    const child = byId.get(r.child_id)?.child
    const named = child ? { child: { id: child.id, name: child.name } } : {}
    if (r.entryId === null || r.occurred_on === null) {
      const [shown] = modules.presentForReader([r], visible.get(r.child_id) ?? [])
      return {
        at: r.occurred_at,
        occurredOn: shown?.dated ? londonToday(r.occurred_at) : null,
        agency: shown?.agency ?? modules.agencyOf(r.type),
        type: RECORDED_IN_HAVEN.code,
        typeText: RECORDED_IN_HAVEN.label,
        summary: shown?.summary ?? r.summary,
        recordedBy: r.recordedBy,
        entry: null,
        ...named,
      }
    }
    const entryType = r.entry_type ?? ''
    return {
      at: r.occurred_at,
      occurredOn: r.occurred_on,
      agency: r.agency_name ?? '',
      type: entryType,
      typeText: labelOf(ENTRY_TYPES, entryType) ?? entryType,
      summary: r.what_happened ?? '',
      recordedBy: r.recordedBy,
      entry: {
        id: r.entryId,
        source: r.source ?? '',
        basis: r.basis ?? 'reported',
        significance: r.significance ?? 'low',
        whatHappened: r.what_happened ?? '',
        harmKind: r.harm_kind,
        bodyPart: r.body_part,
        childMobile: r.child_mobile,
        recordedById: r.entryRecordedBy ?? 0,
        deleted:
          r.deleted_at === null
            ? null
            : { at: r.deleted_at, by: r.deletedByName, reason: r.deleted_reason ?? '' },
      },
      ...named,
    }
  })
  const choices = filterChoices(
    [...onRecord.eventTypes.map((t) => modules.agencyOf(t)), ...onRecord.agencies],
    [...(onRecord.eventTypes.length > 0 ? [RECORDED_IN_HAVEN.code] : []), ...onRecord.entryTypes],
  )
  return { items, total, matching, choices }
}

/**
 * The child's multi-agency chronology for this reader: one page (or the printable version) of
 * every module's events merged with the agencies' contributions, newest first, filtered in SQL;
 * and the warnings. The route's subject has checked and audited the reader's view of the child.
 */
export async function multiAgencyChronology(
  deps: ChronologyDeps,
  modules: ChronologyModules,
  actor: Actor,
  record: ChildRecord,
  query: ChronologyQuery,
) {
  const found = await store.childWithFamily(deps.db, record.childId)
  if (!found) throw new NotFoundError(`No child ${record.childId}`)
  const child = { id: found.id, name: fullName(found), dateOfBirth: found.date_of_birth }
  const [lines, warnings] = await Promise.all([
    chronologyLines(deps, modules, actor, [{ record, child }], query),
    childWarnings(deps, modules.meetingTypes(), [child]),
  ])
  return { child, ...lines, warnings: warnings.get(child.id) ?? [], hasFamily: Boolean(found.hasFamily) }
}

/**
 * The family's chronology for this reader: the child the URL names (the route's subject has
 * checked and audited that view) and each brother and sister (people's `people_sibling_v`) the
 * reader may view, each such read checked with `allow()` and audited as a chronology view of that
 * child. Those the reader may not view are left out, unnamed and uncounted, and not audited: the
 * reader did not ask for them. `childFilter` narrows the lines to some of the children shown.
 */
export async function familyChronology(
  deps: ChronologyDeps,
  modules: ChronologyModules,
  actor: Actor,
  record: ChildRecord,
  query: ChronologyQuery & { children: readonly number[] },
  audit: AuditContext,
) {
  const now = deps.clock.now()
  const [self, ...siblings] = await store.familyOf(deps.db, record.childId)
  if (self?.id !== record.childId) throw new NotFoundError(`No child ${record.childId}`)
  const records = await loadChildRecords(
    deps.db,
    siblings.map((s) => s.id),
  )
  const named = (p: typeof self): NamedChild => ({
    id: p.id,
    name: fullName(p),
    dateOfBirth: p.date_of_birth,
  })
  const allowed = [{ record, basis: null as string | null, child: named(self) }]
  for (const p of siblings) {
    const sibling = records.get(p.id)
    const decision = sibling ? allow(actor, 'child.view', sibling, now) : null
    if (sibling && decision?.allowed)
      allowed.push({ record: sibling, basis: decision.basis, child: named(p) })
  }
  // Eldest first; an unborn child (no date of birth) last.
  const shown = allowed.sort((a, b) =>
    (a.child.dateOfBirth ?? '9999').localeCompare(b.child.dateOfBirth ?? '9999'),
  )
  await recordAuditsAlone(
    deps.db,
    audit,
    shown
      .filter((x) => x.child.id !== record.childId)
      .map((s) => ({
        action: 'chronology.view',
        outcome: 'allowed' as const,
        childId: s.child.id,
        recordType: 'person',
        recordId: s.child.id,
        basis: s.basis,
        detail: { family: record.childId },
      })),
  )
  // Only children shown may be chosen: an id of one left out is ignored, as if not asked for.
  const chosen = query.children.filter((id) => shown.some((s) => s.child.id === id))
  const [lines, warnings] = await Promise.all([
    chronologyLines(deps, modules, actor, shown, { ...query, children: chosen }),
    childWarnings(
      deps,
      modules.meetingTypes(),
      shown.map((s) => s.child),
    ),
  ])
  return {
    child: named(self),
    children: shown.map((s) => ({ ...s.child, warnings: warnings.get(s.child.id) ?? [] })),
    chosen,
    ...lines,
  }
}

/** What the child's record page shows of this module: the warnings and the latest contributions. */
export async function recordPanel(
  deps: ChronologyDeps,
  modules: Pick<ModuleContributions, 'meetingTypes'>,
  actor: Actor,
  record: ChildRecord,
) {
  const child = await namedChild(deps.db, record.childId)
  const [warnings, entries] = await Promise.all([
    childWarnings(deps, modules.meetingTypes(), [child]),
    store.latestEntries(deps.db, record.childId),
  ])
  return {
    warnings: warnings.get(child.id) ?? [],
    latest: entries.latest.map((e) => ({
      occurredOn: e.occurred_on,
      agency: e.agency_name,
      typeText: labelOf(ENTRY_TYPES, e.entry_type) ?? e.entry_type,
    })),
    contributions: entries.count,
    ...chronologyRights(actor, record, deps.clock.now()),
  }
}

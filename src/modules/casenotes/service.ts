/**
 * Case notes and management oversight: the use cases. Every write checks the actor against each
 * child it touches (a note shared with siblings needs each sibling's record to be theirs to
 * change), writes its case event on each child and its audit rows in the same transaction, and
 * reads the time from the injected clock. Refusals are audited on their own, so a rollback cannot
 * lose them.
 */
import { auditingRefusal, recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { loadClockSettings, loadWorkingCalendar, type ClockSettings } from '../../platform/calendar/store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  labelOf,
  mayAmend,
  mayDelete,
  nextOversightDue,
  NOTE_TYPES,
  OVERSIGHT_CLOCK,
  OVERSIGHT_KINDS,
  OVERSIGHT_SUBJECT,
  oversightInstant,
  SEEN,
  SETTINGS,
  type AmendInput,
  type CasenotesSettings,
  type NoteChild,
  type NoteInput,
  type NoteState,
  type OversightInput,
} from './model.js'
import * as store from './store.js'
import type { Db, Trx } from './store.js'

export interface CasenotesDeps {
  db: Db
  clock: Clock
  settings?: CasenotesSettings
}

/** A step the note's present state does not allow (amended by someone else meanwhile, deleted). */
export class CasenotesStateError extends Error {
  constructor(
    message: string,
    readonly field = 'form',
  ) {
    super(message)
    this.name = 'CasenotesStateError'
  }
}

const settingsOf = (deps: CasenotesDeps) => deps.settings ?? SETTINGS
const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`

/** The line the chronology shows for a note on one child: its kind and whether the child was seen. */
export function noteSummary(noteType: string, seen: string | undefined, shared: number): string {
  const kind = labelOf(NOTE_TYPES, noteType) ?? noteType
  const faceToFace = NOTE_TYPES.find((t) => t.code === noteType)?.faceToFace ?? false
  const seenText = faceToFace && seen ? `: ${(labelOf(SEEN, seen) ?? seen).toLowerCase()}` : ''
  return `Case note, ${kind.toLowerCase()}${seenText}${shared > 1 ? ` (recorded on ${shared} children)` : ''}`
}

/** May this person record notes on the child, and oversight? For the pages' links. */
export function writeRights(actor: Actor, child: ChildRecord, now: Date) {
  return {
    canWrite: allow(actor, 'child.edit', child, now).allowed,
    canOversee: allow(actor, 'child.allocate', child, now).allowed,
  }
}

/** The child's notes and oversight, for the case notes page. The route's subject has checked and audited. */
export async function childCasework({ db }: CasenotesDeps, childId: number) {
  const [child] = await store.childrenNamed(db, [childId])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  const [notes, oversight, nextOversight] = await Promise.all([
    store.notesOn(db, childId),
    store.oversightOf(db, childId),
    store.openOversightTask(db, childId, OVERSIGHT_CLOCK),
  ])
  return { child: { id: child.id, name: fullName(child) }, notes, oversight, nextOversight }
}

/** What the child's record page shows of this module: the latest notes and the next oversight. */
export async function recordPanel({ db }: CasenotesDeps, childId: number) {
  const summary = await store.recordSummary(db, childId, 3, OVERSIGHT_CLOCK)
  return {
    notes: summary.notes,
    lastOversight: summary.lastOversightOn === null ? null : { held_on: summary.lastOversightOn },
    nextOversight: summary.nextOversightDue === null ? null : { due_at: summary.nextOversightDue },
  }
}

/**
 * The child and the brothers and sisters a new note may also be recorded on: those in the
 * household whose records this person may change (others are not offered, nor named).
 */
export async function noteFormContext({ db, clock }: CasenotesDeps, actor: Actor, childId: number) {
  const [child] = await store.childrenNamed(db, [childId])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  const now = clock.now()
  const siblings: NoteChild[] = []
  for (const s of await store.siblingsOf(db, childId)) {
    const record = await loadChildRecord(db, s.id)
    if (record && allow(actor, 'child.edit', record, now).allowed)
      siblings.push({ id: s.id, name: fullName(s) })
  }
  return { child: { id: child.id, name: fullName(child) }, siblings }
}

/** Checks the actor may change every child's record; audits and refuses the first that is not. */
async function requireEditOnEach(
  trx: Trx,
  actor: Actor,
  childIds: readonly number[],
  now: Date,
): Promise<{ childId: number; basis: string | null }[]> {
  const allowed: { childId: number; basis: string | null }[] = []
  for (const childId of childIds) {
    const record = await loadChildRecord(trx, childId)
    const decision = allow(actor, 'child.edit', record, now)
    if (!record || !decision.allowed)
      throw new RefusedOnChild(childId, record ? decision.reason : 'No such child.')
    allowed.push({ childId, basis: decision.basis })
  }
  return allowed
}

class RefusedOnChild extends NotAllowedError {
  constructor(
    readonly childId: number,
    reason: string,
  ) {
    super(reason)
  }
}

/** Runs a write; a refusal on a child is audited on its own (the write rolled back) and rethrown. */
function auditingRefusals<T>(
  db: Db,
  audit: AuditContext,
  action: string,
  record: { type: string; id: number | null },
  work: () => Promise<T>,
): Promise<T> {
  return auditingRefusal(
    db,
    audit,
    (refusal) => ({
      action,
      childId: refusal instanceof RefusedOnChild ? refusal.childId : null,
      recordType: record.type,
      recordId: record.id,
    }),
    work,
  )
}

/** Records a case note on the child, and on the siblings chosen. */
export async function recordNote(
  deps: CasenotesDeps,
  actor: Actor,
  childId: number,
  note: NoteInput,
  audit: AuditContext,
): Promise<{ noteId: number }> {
  const { db, clock } = deps
  return auditingRefusals(db, audit, 'case_note.record', { type: 'case_note', id: null }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const allowed = await requireEditOnEach(trx, actor, [childId, ...note.siblingIds], now)
      return { noteId: await writeNote(trx, actor.id, note, now, audit, allowed) }
    }),
  )
}

/**
 * Writes a note, its case event and audit row on each child, in the caller's transaction: for
 * `recordNote`, which has checked the actor first, and for the demo's seed, which acts for the
 * authority. `children` are the note's, this child first, with the basis each was allowed on.
 */
export async function writeNote(
  trx: Trx,
  by: number,
  note: NoteInput,
  now: Date,
  audit: AuditContext,
  children: readonly { childId: number; basis: string | null }[],
  clocks?: ClockSettings,
): Promise<number> {
  const noteId = await store.insertNote(trx, note, by, now)
  const on = children.map((c) => c.childId)
  for (const { childId: id, basis } of children) {
    const seen = note.seen.find((s) => s.childId === id)?.seen
    await recordCaseEvent(
      trx,
      {
        childId: id,
        subjectType: 'case_note',
        subjectId: noteId,
        type: 'case_note.recorded',
        occurredAt: note.contactAt,
        summary: noteSummary(note.noteType, seen, on.length),
        recordedBy: by,
        attributes: { noteType: note.noteType, seen: seen ?? null, children: on.length },
      },
      clocks,
    )
    await recordAudit(trx, audit, {
      action: 'case_note.record',
      outcome: 'allowed',
      childId: id,
      recordType: 'case_note',
      recordId: noteId,
      basis,
      detail: { noteType: note.noteType, children: on },
    })
  }
  return noteId
}

/** A note on this child's record with every version, or not found when it is not on this record. */
export async function viewNote({ db }: CasenotesDeps, childId: number, noteId: number) {
  const note = await store.loadNoteOn(db, noteId, childId)
  if (!note) throw new NotFoundError(`No case note ${noteId} on child ${childId}`)
  const [versions, childIds] = await Promise.all([
    store.versionsOf(db, noteId),
    store.noteChildIds(db, noteId),
  ])
  const children = (await store.childrenNamed(db, childIds)).map((c) => ({ id: c.id, name: fullName(c) }))
  // This child first: the record the note is read from.
  children.sort((a, b) => Number(b.id === childId) - Number(a.id === childId))
  return { note, versions, children }
}

function stateOf(row: { recorded_by: number; recorded_at: Date; deleted_at: Date | null }): NoteState {
  return { recordedBy: row.recorded_by, recordedAt: row.recorded_at, deletedAt: row.deleted_at }
}

/** Whether this person may amend the note now, and must give a reason, for the page's links. */
export function amendRights(deps: CasenotesDeps, note: Parameters<typeof stateOf>[0], actor: Actor) {
  return mayAmend(stateOf(note), actor.id, deps.clock.now(), settingsOf(deps).amendWindowHours)
}

export function deleteRights(
  deps: CasenotesDeps,
  note: Parameters<typeof stateOf>[0],
  actor: Actor,
  child: ChildRecord,
) {
  const now = deps.clock.now()
  const manages = allow(actor, 'child.allocate', child, now).allowed
  return mayDelete(stateOf(note), actor.id, manages, now, settingsOf(deps).amendWindowHours)
}

/**
 * Amends a note: a new version, the earlier kept. `version` is the one the form was shown with:
 * if someone amended it meanwhile, the form says so rather than overwrite their change.
 */
export async function amendNote(
  deps: CasenotesDeps,
  actor: Actor,
  childId: number,
  noteId: number,
  version: number,
  amended: AmendInput,
  audit: AuditContext,
): Promise<void> {
  const { db, clock } = deps
  await auditingRefusals(db, audit, 'case_note.amend', { type: 'case_note', id: noteId }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const row = await store.lockNote(trx, noteId)
      if (!row) throw new NotFoundError(`No case note ${noteId}`)
      const rule = mayAmend(stateOf(row), actor.id, now, settingsOf(deps).amendWindowHours)
      if (!rule.allowed) throw new NotAllowedError(rule.reason)
      if (rule.reasonRequired && !amended.reason)
        throw new CasenotesStateError('Enter why you are amending this case note', 'reason')
      if (row.current_version !== version)
        throw new CasenotesStateError(
          'Someone has amended this case note since you opened it. Check the latest version before amending it again.',
        )
      const children = await store.noteChildIds(trx, noteId)
      if (!children.includes(childId)) throw new NotFoundError(`No case note ${noteId} on child ${childId}`)
      const allowed = await requireEditOnEach(trx, actor, children, now)
      const next = row.current_version + 1
      await store.addVersion(trx, noteId, next, amended, actor.id, now)
      for (const { childId: id, basis } of allowed) {
        await recordCaseEvent(trx, {
          childId: id,
          subjectType: 'case_note',
          subjectId: noteId,
          type: 'case_note.amended',
          occurredAt: now,
          summary: `Case note amended (version ${next})`,
          recordedBy: actor.id,
          attributes: { version: next },
        })
        await recordAudit(trx, audit, {
          action: 'case_note.amend',
          outcome: 'allowed',
          childId: id,
          recordType: 'case_note',
          recordId: noteId,
          basis,
          detail: { version: next, reason: amended.reason !== null },
        })
      }
    }),
  )
}

/** Deletes a note softly: it stays, marked deleted with who, when and why, on every child. */
export async function deleteNote(
  deps: CasenotesDeps,
  actor: Actor,
  childId: number,
  noteId: number,
  reason: string,
  audit: AuditContext,
): Promise<void> {
  const { db, clock } = deps
  await auditingRefusals(db, audit, 'case_note.delete', { type: 'case_note', id: noteId }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const row = await store.lockNote(trx, noteId)
      if (!row) throw new NotFoundError(`No case note ${noteId}`)
      const children = await store.noteChildIds(trx, noteId)
      if (!children.includes(childId)) throw new NotFoundError(`No case note ${noteId} on child ${childId}`)
      const record = await loadChildRecord(trx, childId)
      const manages = record !== null && allow(actor, 'child.allocate', record, now).allowed
      const rule = mayDelete(stateOf(row), actor.id, manages, now, settingsOf(deps).amendWindowHours)
      if (!rule.allowed) throw new NotAllowedError(rule.reason)
      const allowed = await requireEditOnEach(trx, actor, children, now)
      await store.markDeleted(trx, noteId, actor.id, now, reason)
      for (const { childId: id, basis } of allowed) {
        await recordCaseEvent(trx, {
          childId: id,
          subjectType: 'case_note',
          subjectId: noteId,
          type: 'case_note.deleted',
          occurredAt: now,
          summary: 'Case note deleted',
          recordedBy: actor.id,
        })
        await recordAudit(trx, audit, {
          action: 'case_note.delete',
          outcome: 'allowed',
          childId: id,
          recordType: 'case_note',
          recordId: noteId,
          basis,
          detail: { reason },
        })
      }
    }),
  )
}

/** The oversight form: the child, and the date the next would be due for each interval if held today. */
export async function oversightFormContext({ db, clock }: CasenotesDeps, childId: number) {
  const [child] = await store.childrenNamed(db, [childId])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  const last = (await store.oversightOf(db, childId, 1))[0] ?? null
  return {
    child: { id: child.id, name: fullName(child) },
    last,
    calendar: await loadWorkingCalendar(db),
    now: clock.now(),
  }
}

/**
 * Records management oversight or supervision: the record and its actions, the case event that
 * stops the running oversight clock and starts the next (due after the interval chosen), and the
 * next one's task on the recording manager's list.
 */
export async function recordOversight(
  { db, clock }: CasenotesDeps,
  actor: Actor,
  childId: number,
  input: OversightInput,
  audit: AuditContext,
): Promise<{ id: number; nextDueOn: string }> {
  return auditingRefusals(db, audit, 'oversight.record', { type: 'oversight_record', id: null }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const record = await loadChildRecord(trx, childId)
      const decision = allow(actor, 'child.allocate', record, now)
      if (!record || !decision.allowed) throw new RefusedOnChild(childId, decision.reason)
      const settings = await loadClockSettings(trx)
      return writeOversight(trx, actor.id, childId, input, now, audit, decision.basis, settings)
    }),
  )
}

/**
 * Writes an oversight record, the case event that stops the running oversight clock and starts
 * the next, and its audit row, in the caller's transaction (`recordOversight` has checked the
 * actor; the demo's seed acts for the authority). The next oversight's task goes on `by`'s list.
 */
export async function writeOversight(
  trx: Trx,
  by: number,
  childId: number,
  input: OversightInput,
  now: Date,
  audit: AuditContext,
  basis: string | null,
  settings: ClockSettings,
): Promise<{ id: number; nextDueOn: string }> {
  const definition = settings.definitions.find((d) => d.code === OVERSIGHT_CLOCK)
  if (!definition) throw new Error(`The clock ${OVERSIGHT_CLOCK} is not defined`)
  const nextDueOn = nextOversightDue(definition, input.heldOn, input.interval, settings.calendar)
  const id = await store.insertOversight(trx, childId, input, nextDueOn, by, now)
  const kind = labelOf(OVERSIGHT_KINDS, input.kind) ?? input.kind
  const actions = input.actions.length
  const eventId = await recordCaseEvent(
    trx,
    {
      childId,
      subjectType: OVERSIGHT_SUBJECT,
      subjectId: childId,
      type: 'oversight.recorded',
      occurredAt: oversightInstant(input.heldOn, now),
      summary: `${kind} recorded${actions ? ` with ${actions} action${actions === 1 ? '' : 's'}` : ''}`,
      recordedBy: by,
      attributes: { interval: input.interval, kind: input.kind, oversightId: id },
    },
    settings,
  )
  // The next oversight is the manager's to do, not the worker's: on the manager's own list
  // (and, through the allocated team, on that team's list).
  await assignClockTask(trx, OVERSIGHT_CLOCK, eventId, by)
  await recordAudit(trx, audit, {
    action: 'oversight.record',
    outcome: 'allowed',
    childId,
    recordType: 'oversight_record',
    recordId: id,
    basis,
    detail: { kind: input.kind, actions, nextDueOn },
  })
  return { id, nextDueOn }
}

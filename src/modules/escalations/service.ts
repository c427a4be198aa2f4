/**
 * Escalations: the use cases. Every write checks the actor may still see the child and may take
 * this step (the recipient or their manager answers, the raiser accepts or escalates), compares
 * the version the form was shown with, and writes the change, its case event (which starts or
 * stops the level's clock) and its audit row in one transaction, with the time from the injected
 * clock. Refusals are audited on their own, so a rollback cannot lose them.
 */
import {
  auditingRefusal,
  recordAudit,
  recordAuditAlone,
  type AuditContext,
} from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { londonDate, longDate } from '../../platform/calendar/dates.js'
import { loadClockSettings, type ClockSettings } from '../../platform/calendar/store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadActor, loadChildRecord } from '../../platform/permissions/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  afterEscalation,
  agencyOf,
  AGENCIES,
  ESCALATION_CLOCK,
  ESCALATION_SUBJECT,
  isOverdue,
  levelOf,
  mayRespond,
  raiserChoices,
  responseDue,
  TEAM_MANAGER,
  type DecideInput,
  type EscalationState,
  type OpenFilter,
  type RaiseInput,
  type RespondInput,
} from './model.js'
import * as store from './store.js'
import type { Db, Trx } from './store.js'

export interface EscalationsDeps {
  db: Db
  clock: Clock
}

/** The form was shown with an escalation someone has moved on since: say so rather than overwrite. */
export class EscalationChangedError extends Error {
  constructor() {
    super(
      'Someone has changed this escalation since you opened it (a response or a decision was recorded). Check where it stands now before you continue.',
    )
    this.name = 'EscalationChangedError'
  }
}

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`

/** One person the form offers: the value sent, and how it reads. */
export interface Recipient {
  value: string
  id: number
  text: string
}

/**
 * Who an escalation at `level` about the child may go to, leaving out the actor, and anyone who
 * could not open the child's record to answer it. Level 1: the manager of the child's allocated
 * team, and the people named on a grant to the record; above it, the level's roles.
 */
async function recipientsAt(
  db: Db,
  level: number,
  childId: number,
  actorId: number,
  now: Date,
): Promise<Recipient[]> {
  const roles = levelOf(level).recipientRoles
  const candidates: Recipient[] = []
  if (roles === null) {
    const manager = await store.allocatedTeamManager(db, childId, now)
    if (manager)
      candidates.push({
        value: TEAM_MANAGER,
        id: manager.id,
        text: `${manager.name}, manager of the team the case is allocated to`,
      })
    for (const p of await store.peopleWorkingWith(db, childId, now))
      if (p.id !== manager?.id)
        candidates.push({
          value: String(p.id),
          id: p.id,
          text: p.job_title ? `${p.name}, ${p.job_title}` : p.name,
        })
  } else
    for (const p of await store.staffInRoles(db, roles))
      candidates.push({ value: String(p.id), id: p.id, text: p.name })
  const child = await loadChildRecord(db, childId)
  const offered: Recipient[] = []
  for (const c of candidates) {
    if (c.id === actorId) continue
    const member = await loadActor(db, c.id)
    if (member && allow(member, 'child.view', child, now).allowed) offered.push(c)
  }
  return offered
}

async function childOf(db: Db, childId: number) {
  const [child] = await store.childrenNamed(db, [childId])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  return { id: child.id, name: fullName(child) }
}

/** The raising form: the child and who the escalation may go to at level 1. */
export async function raiseFormContext({ db, clock }: EscalationsDeps, actor: Actor, childId: number) {
  const child = await childOf(db, childId)
  return { child, recipients: await recipientsAt(db, 1, childId, actor.id, clock.now()) }
}

/** Checks the actor may see the child now; returns the basis, or throws a refusal to audit. */
async function requireView(trx: Trx, actor: Actor, childId: number, now: Date): Promise<string | null> {
  const record = await loadChildRecord(trx, childId)
  const decision = allow(actor, 'child.view', record, now)
  if (!record || !decision.allowed) throw new NotAllowedError(record ? decision.reason : 'No such child.')
  return decision.basis
}

/** Runs a write on an escalation; a refusal is audited on its own (the write rolled back) and rethrown. */
function auditRefusal<T>(
  db: Db,
  audit: AuditContext,
  entry: { action: string; childId: number; escalationId: number | null },
  work: () => Promise<T>,
): Promise<T> {
  const { action, childId, escalationId } = entry
  return auditingRefusal(
    db,
    audit,
    { action, childId, recordType: 'escalation', recordId: escalationId },
    work,
  )
}

function definitionIn(settings: ClockSettings) {
  const definition = settings.definitions.find((d) => d.code === ESCALATION_CLOCK)
  if (!definition) throw new Error(`The clock ${ESCALATION_CLOCK} is not defined`)
  return definition
}

/**
 * Sends the escalation to a level's recipient: the case event that starts that level's clock (and
 * closes a late one below it), the task on the recipient's own worklist, and the due time.
 */
async function sendToLevel(
  trx: Trx,
  by: number,
  e: { id: number; childId: number; level: number; recipientId: number },
  now: Date,
  settings: ClockSettings,
  summary: (due: string) => string,
  because: string,
): Promise<Date> {
  const due = responseDue(definitionIn(settings), now, e.level, settings.calendar)
  const eventId = await recordCaseEvent(
    trx,
    {
      childId: e.childId,
      subjectType: ESCALATION_SUBJECT,
      subjectId: e.id,
      type: 'escalation.sent',
      occurredAt: now,
      summary: summary(longDate(londonDate(due.getTime()))),
      recordedBy: by,
      attributes: { level: String(e.level), because, recipientId: e.recipientId },
    },
    settings,
  )
  // The answer is the recipient's to give, whoever holds the case: on their own list.
  await assignClockTask(trx, ESCALATION_CLOCK, eventId, e.recipientId)
  return due
}

function recipientChosen(offered: readonly Recipient[], value: string): Recipient {
  const found = offered.find((r) => r.value === value)
  // The form offered these; one no longer offered (a grant ended meanwhile) is refused.
  if (!found) throw new NotAllowedError('The person you chose can no longer receive this escalation.')
  return found
}

/** Raises an escalation on the child at level 1. */
export async function raiseEscalation(
  { db, clock }: EscalationsDeps,
  actor: Actor,
  childId: number,
  input: RaiseInput,
  audit: AuditContext,
): Promise<{ id: number; dueAt: Date; recipient: string }> {
  return auditRefusal(db, audit, { action: 'escalation.raise', childId, escalationId: null }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const basis = await requireView(trx, actor, childId, now)
      const recipient = recipientChosen(await recipientsAt(trx, 1, childId, actor.id, now), input.recipient)
      const settings = await loadClockSettings(trx)
      const raised = await writeEscalation(
        trx,
        actor,
        childId,
        input,
        recipient.id,
        now,
        audit,
        basis,
        settings,
      )
      return { ...raised, recipient: recipient.text }
    }),
  )
}

/**
 * Writes an escalation at level 1, the case event that starts its clock, the task on the
 * recipient's list and the audit row, in the caller's transaction: for `raiseEscalation`, which has
 * checked the raiser and the recipient, and for the demo's seed, which acts for the authority.
 */
export async function writeEscalation(
  trx: Trx,
  raiser: Pick<Actor, 'id' | 'role' | 'agency'>,
  childId: number,
  input: Pick<RaiseInput, 'difference' | 'wanted'>,
  recipientId: number,
  now: Date,
  audit: AuditContext,
  basis: string | null,
  settings: ClockSettings,
): Promise<{ id: number; dueAt: Date }> {
  const dueAt = responseDue(definitionIn(settings), now, 1, settings.calendar)
  const agency = agencyOf(raiser)
  const id = await store.insertEscalation(trx, {
    childId,
    raisedBy: raiser.id,
    raisedAt: now,
    raiserAgency: agency,
    difference: input.difference,
    wanted: input.wanted,
    recipientId,
    dueAt,
  })
  await sendToLevel(
    trx,
    raiser.id,
    { id, childId, level: 1, recipientId },
    now,
    settings,
    (due) =>
      `Escalation of a professional difference raised by ${AGENCIES[agency] ?? agency}: level 1, response due by ${due}`,
    'raised',
  )
  await recordAudit(trx, audit, {
    action: 'escalation.raise',
    outcome: 'allowed',
    childId,
    recordType: 'escalation',
    recordId: id,
    basis,
    detail: { level: 1, agency, recipientId },
  })
  return { id, dueAt }
}

function stateOf(row: {
  status: EscalationState['status']
  level: number
  raised_by: number
  recipient_id: number
  due_at: Date
}): EscalationState {
  return {
    status: row.status,
    level: row.level,
    raisedBy: row.raised_by,
    recipientId: row.recipient_id,
    dueAt: row.due_at,
  }
}

/** One escalation with every level and the child's name. The route's subject has checked and audited. */
export async function viewEscalation({ db, clock }: EscalationsDeps, id: number) {
  const found = await store.escalationWithLevels(db, id)
  if (!found) throw new NotFoundError(`No escalation ${id}`)
  const child = await childOf(db, found.escalation.child_id)
  return {
    ...found,
    child,
    state: stateOf(found.escalation),
    overdue: isOverdue(stateOf(found.escalation), clock.now()),
  }
}

/** Whether this person may answer the escalation now (for the page's link and the form). */
export async function respondRights(
  { db }: EscalationsDeps,
  actor: Actor,
  row: Parameters<typeof stateOf>[0],
) {
  return mayRespond(stateOf(row), actor.id, await store.managesUser(db, actor.id, row.recipient_id))
}

/** Whether this person may accept or escalate now, and what (for the page's link and the form). */
export function raiserRights({ clock }: EscalationsDeps, actor: Actor, row: Parameters<typeof stateOf>[0]) {
  return raiserChoices(stateOf(row), actor.id, clock.now())
}

/** Locks the escalation, checks the form's version, and returns its row. */
async function lockAt(trx: Trx, id: number, version: number) {
  const row = await store.lockEscalation(trx, id)
  if (!row) throw new NotFoundError(`No escalation ${id}`)
  if (row.version !== version) throw new EscalationChangedError()
  return row
}

/** A step on one escalation: who takes it, and the version of the escalation they were shown. */
export interface Step {
  actor: Actor
  id: number
  /** The child the route allowed, for the audit row of a refusal. */
  childId: number
  version: number
  audit: AuditContext
}

/** Records the recipient's (or their manager's) answer at this level: the level's clock stops. */
export async function respondToEscalation(
  { db, clock }: EscalationsDeps,
  { actor, id, childId, version, audit }: Step,
  input: RespondInput,
): Promise<void> {
  await auditRefusal(db, audit, { action: 'escalation.respond', childId, escalationId: id }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const row = await lockAt(trx, id, version)
      const basis = await requireView(trx, actor, row.child_id, now)
      const rule = mayRespond(
        stateOf(row),
        actor.id,
        await store.managesUser(trx, actor.id, row.recipient_id),
      )
      if (!rule.allowed) throw new NotAllowedError(rule.reason)
      await store.recordResponse(trx, id, row.level, input, actor.id, now)
      const late = isOverdue(stateOf(row), now)
      await recordCaseEvent(trx, {
        childId: row.child_id,
        subjectType: ESCALATION_SUBJECT,
        subjectId: id,
        type: 'escalation.responded',
        occurredAt: now,
        summary: `Escalation answered at level ${row.level}: ${input.response === 'agree' ? 'agreed' : 'disagreed'}${late ? ', after the response was due' : ''}`,
        recordedBy: actor.id,
        attributes: { level: String(row.level), response: input.response },
      })
      await recordAudit(trx, audit, {
        action: 'escalation.respond',
        outcome: 'allowed',
        childId: row.child_id,
        recordType: 'escalation',
        recordId: id,
        basis,
        detail: { level: row.level, response: input.response, late },
      })
    }),
  )
}

/** The raiser's form: where the escalation stands, and who the next level may go to. */
export async function decideFormContext(deps: EscalationsDeps, actor: Actor, id: number) {
  const shown = await viewEscalation(deps, id)
  const rights = raiserRights(deps, actor, shown.escalation)
  const next = shown.escalation.level + 1
  const recipients =
    rights.allowed && rights.canEscalate
      ? await recipientsAt(deps.db, next, shown.child.id, actor.id, deps.clock.now())
      : []
  return { ...shown, rights, next, recipients }
}

/**
 * The raiser's decision: resolved (the level's answer accepted, or settled another way), or
 * escalated to the next level (disputed, or no answer in time), to a new recipient with a new
 * response clock.
 */
export async function decideEscalation(
  { db, clock }: EscalationsDeps,
  { actor, id, childId, version, audit }: Step,
  input: DecideInput,
): Promise<
  { outcome: 'resolved' } | { outcome: 'escalated'; level: number; dueAt: Date; recipient: string }
> {
  const action = input.outcome === 'resolved' ? 'escalation.resolve' : 'escalation.escalate'
  return auditRefusal(db, audit, { action, childId, escalationId: id }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const row = await lockAt(trx, id, version)
      const basis = await requireView(trx, actor, row.child_id, now)
      const rights = raiserChoices(stateOf(row), actor.id, now)
      if (!rights.allowed) throw new NotAllowedError(rights.reason)
      const settings = await loadClockSettings(trx)
      const audited = (detail: Record<string, unknown>) =>
        recordAudit(trx, audit, {
          action,
          outcome: 'allowed',
          childId: row.child_id,
          recordType: 'escalation',
          recordId: id,
          basis,
          detail,
        })
      if (input.outcome === 'resolved') {
        await store.resolve(trx, id, now, input.note)
        await recordCaseEvent(
          trx,
          {
            childId: row.child_id,
            subjectType: ESCALATION_SUBJECT,
            subjectId: id,
            type: 'escalation.resolved',
            occurredAt: now,
            summary: `Escalation resolved at level ${row.level}`,
            recordedBy: actor.id,
            attributes: { level: String(row.level) },
          },
          settings,
        )
        await audited({ level: row.level })
        return { outcome: 'resolved' as const }
      }
      if (!rights.canEscalate) throw new NotAllowedError('This escalation is at the highest level.')
      const level = row.level + 1
      const recipient = recipientChosen(
        await recipientsAt(trx, level, row.child_id, actor.id, now),
        input.recipient,
      )
      const why = rights.because === 'late' ? 'not answered in time' : 'response disputed'
      const dueAt = await sendToLevel(
        trx,
        actor.id,
        { id, childId: row.child_id, level, recipientId: recipient.id },
        now,
        settings,
        (due) => `Escalation ${why}: escalated to level ${level}, response due by ${due}`,
        rights.because,
      )
      const next = afterEscalation(stateOf(row), recipient.id, dueAt)
      await store.escalateTo(trx, {
        escalationId: id,
        level: next.level,
        recipientId: next.recipientId,
        sentBy: actor.id,
        sentAt: now,
        because: rights.because,
        reason: input.reason,
        dueAt: next.dueAt,
      })
      await audited({ level, because: rights.because, recipientId: recipient.id })
      return { outcome: 'escalated' as const, level, dueAt, recipient: recipient.text }
    }),
  )
}

/** The child's escalations, for its list. The route's subject has checked and audited. */
export async function childEscalations({ db, clock }: EscalationsDeps, childId: number) {
  const now = clock.now()
  const [child, rows] = await Promise.all([childOf(db, childId), store.escalationsOn(db, childId)])
  return {
    child,
    escalations: rows.map((r) => ({ ...r, overdue: isOverdue({ status: r.status, dueAt: r.due_at }, now) })),
  }
}

/**
 * Open escalations on the children the reader may see: every one for a manager's report, or
 * those the reader raised or must answer. A list naming children is a read of each: one audit
 * row naming them all.
 */
export async function openList(
  { db, clock }: EscalationsDeps,
  actor: Actor,
  filter: OpenFilter,
  audit: AuditContext,
) {
  const now = clock.now()
  const rows = await store.openEscalations(db, actor, now, filter)
  await recordAuditAlone(db, audit, {
    action: 'escalation.list',
    outcome: 'allowed',
    detail: { children: [...new Set(rows.map((r) => r.child_id))], filter },
  })
  return rows.map((r) => ({
    ...r,
    childName: fullName(r),
    overdue: isOverdue({ status: r.status, dueAt: r.due_at }, now),
  }))
}

/** The home page's figures: escalations waiting for this person's answer, and their own waiting on them. */
export async function homeFigures({ db, clock }: EscalationsDeps, actor: Actor) {
  const now = clock.now()
  const rows = await store.openEscalations(db, actor, now, {
    level: null,
    agency: null,
    overdueOnly: false,
    involving: actor.id,
  })
  const toAnswer = rows.filter((r) => r.recipient_id === actor.id && r.status === 'awaiting_response')
  const raised = rows.filter((r) => r.raised_by === actor.id)
  return {
    toAnswer: toAnswer.length,
    overdue: toAnswer.filter((r) => isOverdue({ status: r.status, dueAt: r.due_at }, now)).length,
    raised: raised.length,
    toDecide: raised.filter(
      (r) => r.status === 'responded' || isOverdue({ status: r.status, dueAt: r.due_at }, now),
    ).length,
  }
}

/** The child's record page: how many escalations are open, and whether the reader may raise one. */
export async function recordFigures({ db }: EscalationsDeps, childId: number) {
  const rows = await store.escalationsOn(db, childId)
  return { open: rows.filter((r) => r.status !== 'resolved').length, all: rows.length }
}

/**
 * The sign-off step as a module uses it, always inside the module's own transaction so the record,
 * its sign-off and their events commit together or not at all:
 *
 * - `askSignOff`: the record waits for a manager. A `sign_off.asked` case event starts the
 *   `sign-off` clock, whose task goes on the allocated team's manager's worklist.
 * - `decideSignOff`: a manager authorises (with an oversight note) or returns (with a reason). The
 *   rule (`signOffRefusal`) is applied here, so no module can let the asker authorise their own;
 *   the outcome is returned for the module to apply to its record (and its own clocks).
 * - `withdrawSignOff`: what the ask was for no longer stands (a plan whose end was proposed has
 *   been ended by a conference or a move away). The ask is withdrawn with the reason, its task
 *   leaves the manager's list (`sign_off.withdrawn` cancels the clock) and an audit row is written
 *   here, in the same transaction as the change that made it stale. Not a decision: no rule applies.
 *
 * The module checks the actor's access to the child (`allow`) and writes its audit rows; this
 * writes the `sign_off.*` case events. Case event subjects are `sign_off` with the id
 * `<subject type>:<subject id>` (`signOffSubjectId`), which the worklist links back to the
 * record's page through the module's `taskPages`.
 */
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/audit.js'
import type { Database } from '../db/schema.js'
import { NotAllowedError } from '../http/errors.js'
import type { Role } from '../permissions/roles.js'
import { assignClockTask, recordCaseEvent } from '../tasks/case-events.js'
import { SIGN_OFF_SETTINGS, signOffRefusal, signOffRefusalText, type SignOffDecision } from './rule.js'
import * as store from './store.js'

type Trx = Kysely<Database>

/** The clock a waiting sign-off runs on (reference/clock-definitions.json). */
export const SIGN_OFF_CLOCK = 'sign-off'
/** The case events' subject type. */
export const SIGN_OFF_SUBJECT = 'sign_off'

/** A sign-off's case event subject id: the record's type and id. */
export function signOffSubjectId(subjectType: string, subjectId: string | number): string {
  return `${subjectType}:${subjectId}`
}

/** The record a sign-off subject id names, or null if it is not one. */
export function parseSignOffSubjectId(id: string): { subjectType: string; subjectId: string } | null {
  const match = /^([a-z][a-z0-9_]{0,39}):(.{1,40})$/.exec(id)
  return match ? { subjectType: match[1] as string, subjectId: match[2] as string } : null
}

/** The record's state does not allow the step (already waiting, or nothing is waiting). */
export class SignOffStateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SignOffStateError'
  }
}

export interface SignOffAsk {
  subjectType: string
  subjectId: string | number
  childId: number
  askedBy: number
  at: Date
  /** What is asked, in a line: "Child and family assessment for Ava Holloway". */
  summary: string
  /**
   * The manager to ask, when the module knows better than the child's allocation (early help: the
   * manager of the team holding the episode, whatever social care team the child is allocated to).
   * Left out: the allocated team's manager.
   */
  managerId?: number | null
}

/**
 * Asks for sign-off: the ask, its case event and the manager's task. Returns the ask's id and the
 * manager it waits on (null when the allocated team has no manager: it waits on the team's list).
 */
export async function askSignOff(
  trx: Trx,
  ask: SignOffAsk,
): Promise<{ signOffId: number; managerId: number | null }> {
  const subjectId = String(ask.subjectId)
  if (await store.lockAwaiting(trx, ask.subjectType, subjectId))
    throw new SignOffStateError('This is already waiting for a manager to authorise it.')
  const { managerId: named, ...asked } = ask
  const signOffId = await store.insertSignOff(trx, { ...asked, subjectId })
  const eventId = await recordCaseEvent(trx, {
    childId: ask.childId,
    subjectType: SIGN_OFF_SUBJECT,
    subjectId: signOffSubjectId(ask.subjectType, subjectId),
    type: 'sign_off.asked',
    occurredAt: ask.at,
    summary: `Sent for authorisation: ${ask.summary}`,
    recordedBy: ask.askedBy,
    attributes: { signOffId },
  })
  const managerId = named !== undefined ? named : await store.allocatedTeamManager(trx, ask.childId)
  // The sender is never the one to authorise: a manager sending their own goes on the team's list.
  if (managerId !== null && managerId !== ask.askedBy)
    await assignClockTask(trx, SIGN_OFF_CLOCK, eventId, managerId)
  return { signOffId, managerId }
}

export interface SignOffOutcome {
  signOffId: number
  outcome: 'authorised' | 'returned'
  askedBy: number
  decidedBy: number
  decidedAt: Date
  oversightNote: string | null
  returnReason: string | null
}

/**
 * Authorises or returns the ask waiting on a record, under the one rule. Throws NotAllowedError
 * (the module audits it) when this person may not, SignOffStateError when nothing is waiting.
 */
export async function decideSignOff(
  trx: Trx,
  actor: { id: number; role: Role },
  d: {
    subjectType: string
    subjectId: string | number
    at: Date
    decision: SignOffDecision
    /** The record in words for a refusal: "this assessment". */
    what: string
    authoriserRoles?: readonly Role[]
  },
): Promise<SignOffOutcome> {
  const subjectId = String(d.subjectId)
  const waiting = await store.lockAwaiting(trx, d.subjectType, subjectId)
  if (!waiting) throw new SignOffStateError('This is not waiting for authorisation now.')
  const refusal = signOffRefusal(
    actor,
    waiting.asked_by,
    d.authoriserRoles ?? SIGN_OFF_SETTINGS.authoriserRoles,
  )
  if (refusal) throw new NotAllowedError(signOffRefusalText(refusal, d.what))
  const authorised = d.decision.outcome === 'authorise'
  const note = d.decision.outcome === 'authorise' ? d.decision.oversightNote : null
  const reason = d.decision.outcome === 'return' ? d.decision.returnReason : null
  await store.markDecided(trx, waiting.id, {
    status: authorised ? 'authorised' : 'returned',
    by: actor.id,
    at: d.at,
    note,
    reason,
  })
  await recordCaseEvent(trx, {
    childId: waiting.child_id,
    subjectType: SIGN_OFF_SUBJECT,
    subjectId: signOffSubjectId(d.subjectType, subjectId),
    type: authorised ? 'sign_off.authorised' : 'sign_off.returned',
    occurredAt: d.at,
    summary: authorised ? `Authorised: ${waiting.summary}` : `Returned for more work: ${waiting.summary}`,
    recordedBy: actor.id,
    attributes: { signOffId: waiting.id },
  })
  return {
    signOffId: waiting.id,
    outcome: authorised ? 'authorised' : 'returned',
    askedBy: waiting.asked_by,
    decidedBy: actor.id,
    decidedAt: d.at,
    oversightNote: note,
    returnReason: reason,
  }
}

/**
 * Withdraws the ask waiting on a record, if one is, because what it asked for no longer stands:
 * marks it withdrawn with the reason, writes `sign_off.withdrawn` (which takes its task off the
 * manager's list) and the audit row `sign_off.withdraw`. Returns the ask's id, or null when
 * nothing was waiting (nothing is written).
 */
export async function withdrawSignOff(
  trx: Trx,
  audit: AuditContext,
  w: { subjectType: string; subjectId: string | number; by: number; at: Date; reason: string },
): Promise<{ signOffId: number; askedBy: number } | null> {
  const subjectId = String(w.subjectId)
  const reason = w.reason.trim()
  if (reason === '') throw new Error('A sign-off is withdrawn with a reason')
  const waiting = await store.lockAwaiting(trx, w.subjectType, subjectId)
  if (!waiting) return null
  await store.markWithdrawn(trx, waiting.id, { by: w.by, at: w.at, reason })
  await recordCaseEvent(trx, {
    childId: waiting.child_id,
    subjectType: SIGN_OFF_SUBJECT,
    subjectId: signOffSubjectId(w.subjectType, subjectId),
    type: 'sign_off.withdrawn',
    occurredAt: w.at,
    summary: `Withdrawn: ${waiting.summary}. ${reason}`,
    recordedBy: w.by,
    attributes: { signOffId: waiting.id },
  })
  await recordAudit(trx, audit, {
    action: 'sign_off.withdraw',
    outcome: 'allowed',
    childId: waiting.child_id,
    recordType: 'sign_off',
    recordId: waiting.id,
    detail: { subjectType: w.subjectType, subjectId, askedBy: waiting.asked_by, reason },
  })
  return { signOffId: waiting.id, askedBy: waiting.asked_by }
}

/** Every ask on a record, oldest first: the waiting one last, returns with their reasons. */
export async function signOffHistory(db: Trx, subjectType: string, subjectId: string | number) {
  return store.historyOf(db, subjectType, String(subjectId))
}

export type SignOffRow = Awaited<ReturnType<typeof signOffHistory>>[number]

/** What waits for this manager's sign-off across every module (their own and their teams' lists). */
export async function awaitingSignOffsFor(db: Trx, actor: { id: number; managedTeamIds: readonly number[] }) {
  return store.awaitingFor(db, actor.id, actor.managedTeamIds)
}

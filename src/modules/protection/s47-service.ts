/**
 * Section 47 enquiries' use cases. An enquiry is started inside the transaction that records its
 * strategy discussion as held, on the discussion's date; the child seen and the outcome are
 * recorded here, the outcome authorised by a manager through the platform's sign-off step. Each
 * write audits and writes its case event in one transaction.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { londonDate } from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import type { SignOffDecision } from '../../platform/signoff/rule.js'
import {
  askSignOff,
  decideSignOff,
  signOffHistory,
  SignOffStateError,
} from '../../platform/signoff/service.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import type { StrategyDiscussionOutcome } from '../../platform/db/schema.js'
import { icpcDueDate, S47_SUBJECT, type ChildSeenInput, type S47OutcomeInput } from './s47-model.js'
import { cancelledConferencesOfS47, conferenceOfS47 } from './conference-store.js'
import * as s47Store from './s47-store.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'
import type { Trx } from './store.js'

/**
 * Starts the section 47 enquiry a held strategy discussion decided on, in its transaction. The
 * start date is the discussion's date (in London); the ICPC clock runs from the discussion.
 */
export async function startS47(
  trx: Trx,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  d: {
    strategyDiscussionId: number
    childId: number
    heldAt: Date
    outcome: StrategyDiscussionOutcome
    at: Date
  },
): Promise<number> {
  const startDate = londonDate(d.heldAt.getTime())
  const joint = d.outcome !== 's47_single'
  const id = await s47Store.insertS47(trx, {
    childId: d.childId,
    strategyDiscussionId: d.strategyDiscussionId,
    startDate,
    joint,
    at: d.at,
  })
  await recordCaseEvent(trx, {
    childId: d.childId,
    subjectType: S47_SUBJECT,
    subjectId: id,
    type: 's47.started',
    occurredAt: d.heldAt,
    summary: joint ? 'Section 47 enquiry started, jointly with the police' : 'Section 47 enquiry started',
    recordedBy: actor.id,
    attributes: { strategyDiscussionId: d.strategyDiscussionId, startDate, joint },
  })
  await recordAudit(trx, audit, {
    action: 's47.start',
    outcome: 'allowed',
    childId: d.childId,
    recordType: 's47',
    recordId: id,
    detail: { strategyDiscussionId: d.strategyDiscussionId, startDate },
  })
  return id
}

/**
 * An enquiry, its ICPC due date, its conference and its outcome's sign-offs (the one waiting, the
 * last returned). The route's subject has checked and audited the view.
 */
export async function viewS47({ db }: ProtectionDeps, id: number) {
  const s47 = await s47Store.loadS47(db, id)
  if (!s47) throw new NotFoundError(`No section 47 enquiry ${id}`)
  const calendar = await loadWorkingCalendar(db)
  const conference = await conferenceOfS47(db, id)
  const signOffs = await signOffHistory(db, S47_SUBJECT, id)
  return {
    s47,
    icpcDue: icpcDueDate(calendar, s47.start_date),
    conference: conference ?? null,
    cancelledConferences: await cancelledConferencesOfS47(db, id),
    signOffs,
    awaiting: signOffs.find((s) => s.status === 'awaiting') ?? null,
    lastReturned: signOffs.findLast((s) => s.status === 'returned') ?? null,
  }
}

async function lockOpen(trx: Trx, id: number) {
  const row = await s47Store.lockS47(trx, id)
  if (!row) throw new NotFoundError(`No section 47 enquiry ${id}`)
  if (row.cancelled_at !== null) throw new ProtectionStateError('This section 47 enquiry was cancelled.')
  return row
}

/** Records the child seen during the enquiry (a later visit replaces an earlier date). */
export async function recordChildSeen(
  { db }: ProtectionDeps,
  actor: Actor,
  id: number,
  seen: ChildSeenInput,
  audit: AuditContext,
) {
  return db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, id)
    await s47Store.saveChildSeen(trx, id, seen)
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: S47_SUBJECT,
      subjectId: id,
      type: 's47.child_seen',
      occurredAt: new Date(`${seen.seenOn}T12:00:00Z`),
      summary: `Child seen during the section 47 enquiry${seen.seenAlone ? ', alone' : ', not alone'}`,
      recordedBy: actor.id,
      attributes: { seenOn: seen.seenOn, seenAlone: seen.seenAlone },
    })
    await recordAudit(trx, audit, {
      action: 's47.child_seen',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 's47',
      recordId: id,
    })
  })
}

/**
 * The worker records the outcome and sends it to a manager (the platform's sign-off step): it
 * waits, changing nothing on the enquiry's clock, until a manager authorises or returns it.
 */
export async function recordS47Outcome(
  { db, clock }: ProtectionDeps,
  actor: Actor,
  id: number,
  o: S47OutcomeInput,
  audit: AuditContext,
): Promise<{ childId: number; managerId: number | null }> {
  return db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, id)
    if (row.outcome !== null)
      throw new ProtectionStateError(
        row.completed_on === null
          ? 'The outcome of this section 47 enquiry is waiting for a manager to authorise it.'
          : 'The outcome of this section 47 enquiry has already been recorded.',
      )
    const now = clock.now()
    await s47Store.saveOutcome(trx, id, o, actor.id, now)
    const child = await s47Store.loadS47(trx, id)
    const words = o.outcome === 'substantiated' ? 'concerns substantiated' : 'concerns not substantiated'
    const { managerId } = await askSignOff(trx, {
      subjectType: S47_SUBJECT,
      subjectId: id,
      childId: row.child_id,
      askedBy: actor.id,
      at: now,
      summary: `Section 47 enquiry outcome${child ? ` for ${child.given_name} ${child.family_name}` : ''}: ${words}; ${o.conferenceNeeded ? 'conference needed' : 'no conference'}`,
    })
    await recordAudit(trx, audit, {
      action: 's47.outcome',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 's47',
      recordId: id,
      detail: { outcome: o.outcome, conferenceNeeded: o.conferenceNeeded, managerId },
    })
    return { childId: row.child_id, managerId }
  })
}

/**
 * A manager authorises the outcome (today, in London, is the day the enquiry is completed: with no
 * conference needed it ends and its ICPC clock is cancelled, `s47.ended_no_conference`; otherwise
 * it waits for the conference, `s47.completed`) or returns it with the reason (the worker records
 * it again). The platform's rule refuses the person who sent it; a refusal is audited on its own.
 */
export async function decideS47Outcome(
  { db, clock }: ProtectionDeps,
  actor: Actor,
  id: number,
  decision: SignOffDecision,
  audit: AuditContext,
): Promise<{ outcome: 'authorised' | 'returned'; completedOn: string | null }> {
  let childId: number | null = null
  try {
    return await db.transaction().execute(async (trx) => {
      const now = clock.now()
      const row = await lockOpen(trx, id)
      childId = row.child_id
      const allowed = allow(actor, 'child.allocate', await loadChildRecord(trx, row.child_id), now)
      if (!allowed.allowed) throw new NotAllowedError(allowed.reason)
      if (row.outcome === null || row.completed_on !== null)
        throw new ProtectionStateError(
          'The outcome of this section 47 enquiry is not waiting for authorisation.',
        )
      let decided
      try {
        decided = await decideSignOff(trx, actor, {
          subjectType: S47_SUBJECT,
          subjectId: id,
          at: now,
          decision,
          what: 'this section 47 outcome',
        })
      } catch (err) {
        if (err instanceof SignOffStateError) throw new ProtectionStateError(err.message, 'outcome')
        throw err
      }
      const completedOn = decided.outcome === 'authorised' ? londonDate(now.getTime()) : null
      if (completedOn !== null) {
        await s47Store.completeS47(trx, id, completedOn)
        const words =
          row.outcome === 'substantiated' ? 'concerns substantiated' : 'concerns not substantiated'
        await recordCaseEvent(trx, {
          childId: row.child_id,
          subjectType: S47_SUBJECT,
          subjectId: id,
          type: row.conference_needed ? 's47.completed' : 's47.ended_no_conference',
          occurredAt: now,
          summary: `Section 47 enquiry completed: ${words}; ${row.conference_needed ? 'initial child protection conference needed' : 'no conference'}`,
          recordedBy: actor.id,
          attributes: {
            outcome: row.outcome,
            likelyHarm: row.likely_significant_harm,
            conferenceNeeded: row.conference_needed,
            completedOn,
            recordedBy: row.outcome_recorded_by,
          },
        })
      } else {
        await s47Store.clearOutcome(trx, id)
        await recordCaseEvent(trx, {
          childId: row.child_id,
          subjectType: S47_SUBJECT,
          subjectId: id,
          type: 's47.outcome_returned',
          occurredAt: now,
          summary: 'Section 47 enquiry outcome returned to the worker',
          recordedBy: actor.id,
        })
      }
      await recordAudit(trx, audit, {
        action: completedOn ? 's47.outcome_authorise' : 's47.outcome_return',
        outcome: 'allowed',
        childId: row.child_id,
        recordType: 's47',
        recordId: id,
        basis: allowed.basis,
        detail: { signOffId: decided.signOffId, ...(completedOn ? { completedOn } : {}) },
      })
      return { outcome: decided.outcome, completedOn }
    })
  } catch (err) {
    if (err instanceof NotAllowedError)
      await recordAuditAlone(db, audit, {
        action: 's47.outcome_authorise',
        outcome: 'denied',
        childId,
        recordType: 's47',
        recordId: id,
        detail: { reason: err.reason },
      })
    throw err
  }
}

/**
 * Section 47 enquiries' use cases. An enquiry is started inside the transaction that records its
 * strategy discussion as held, on the discussion's date; the child seen and the outcome are
 * recorded here. Each write audits and writes its case event in one transaction.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonDate, londonToday } from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import type { StrategyDiscussionOutcome } from '../../platform/db/schema.js'
import { icpcDueDate, S47_SUBJECT, type ChildSeenInput, type S47OutcomeInput } from './s47-model.js'
import { conferenceOfS47 } from './conference-store.js'
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

/** An enquiry, its ICPC due date and its conference. The route's subject has checked and audited the view. */
export async function viewS47({ db }: ProtectionDeps, id: number) {
  const s47 = await s47Store.loadS47(db, id)
  if (!s47) throw new NotFoundError(`No section 47 enquiry ${id}`)
  const calendar = await loadWorkingCalendar(db)
  const conference = await conferenceOfS47(db, id)
  return { s47, icpcDue: icpcDueDate(calendar, s47.start_date), conference: conference ?? null }
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
 * Records the outcome. With no conference needed the enquiry ends and its ICPC clock is cancelled
 * (`s47.ended_no_conference`); otherwise it waits for the conference (`s47.completed`).
 */
export async function recordS47Outcome(
  { db, clock }: ProtectionDeps,
  actor: Actor,
  id: number,
  o: S47OutcomeInput,
  audit: AuditContext,
) {
  return db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, id)
    if (row.outcome !== null)
      throw new ProtectionStateError('The outcome of this section 47 enquiry has already been recorded.')
    if (o.completedOn < row.start_date)
      throw new ProtectionStateError(
        'Date completed must be on or after the enquiry started',
        'completed-day',
      )
    const now = clock.now()
    if (o.completedOn > londonToday(now))
      throw new ProtectionStateError('Date completed must be today or in the past', 'completed-day')
    await s47Store.saveOutcome(trx, id, o, actor.id, now)
    const words = o.outcome === 'substantiated' ? 'concerns substantiated' : 'concerns not substantiated'
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: S47_SUBJECT,
      subjectId: id,
      type: o.conferenceNeeded ? 's47.completed' : 's47.ended_no_conference',
      occurredAt: now,
      summary: `Section 47 enquiry completed: ${words}; ${o.conferenceNeeded ? 'initial child protection conference needed' : 'no conference'}`,
      recordedBy: actor.id,
      attributes: {
        outcome: o.outcome,
        likelyHarm: o.likelyHarm,
        conferenceNeeded: o.conferenceNeeded,
        completedOn: o.completedOn,
      },
    })
    await recordAudit(trx, audit, {
      action: 's47.outcome',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 's47',
      recordId: id,
      detail: { outcome: o.outcome, conferenceNeeded: o.conferenceNeeded },
    })
    return { childId: row.child_id }
  })
}

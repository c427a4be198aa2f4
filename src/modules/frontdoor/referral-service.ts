/**
 * Referrals to children's social care: opened by a decision (and flagged when the child was
 * referred in the 12 months before), allocated by a manager to a worker (the child's allocation
 * grants and open tasks follow), or closed with no further action.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonDate, londonInstant } from '../../platform/calendar/dates.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { grantAccess, revokeAccess } from '../../platform/permissions/store.js'
import { reassignOpenTasks, recordCaseEvent } from '../../platform/tasks/case-events.js'
import { requestStrategyDiscussion } from '../protection/service.js'
import { suggestWorker } from './allocation-model.js'
import type { SwReason } from '../../platform/db/schema.js'
import { changesWorker, previousReferralWithin12Months, SW_CHANGE_REASON_MISSING } from './model.js'
import * as referrals from './referral-store.js'
import { authorise, ContactStateError, NotFoundError, type FrontdoorDeps } from './service-support.js'
import type { Trx } from './store.js'

/** Roles a referral may be allocated to (never the manager who allocates). */
const ALLOCATABLE_ROLES: readonly string[] = referrals.ALLOCATABLE_ROLES

/**
 * Opens the referral a decision sends the child to social care with, in the decision's
 * transaction. The receiving team holds the case (and its manager can allocate) until a worker is
 * named.
 */
export async function openReferral(
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
  const previous = previousReferralWithin12Months(
    referralDate,
    await referrals.earlierReferrals(trx, r.childId),
  )
  const id = await referrals.insertReferral(trx, {
    childId: r.childId,
    contactChildId: r.contactChildId,
    referralDate,
    source: r.source,
    previousReferralId: previous?.id ?? null,
    strategyDiscussion: r.strategyDiscussion,
    teamId: r.teamId,
    createdBy: actor.id,
  })
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
  // The strategy discussion is child protection's record; its clock runs from now.
  if (r.strategyDiscussion)
    await requestStrategyDiscussion(trx, actor, audit, {
      childId: r.childId,
      referralId: id,
      reason: 'Decided at the front door',
      at: r.at,
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
 * A referral and, for a manager who may allocate it, the workers to choose from with the one
 * suggested (`suggestWorker`). A team manager is offered the workers of the referral's team and of
 * every team she manages, as the allocation itself allows; a service manager, every team's. Its
 * route names the referral as its subject: the platform has allowed and audited the view on `child`.
 */
export async function viewReferral(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  referralId: number,
  child: ChildRecord,
) {
  const found = await referrals.loadReferral(db, referralId)
  if (!found) throw new NotFoundError(`No referral ${referralId}`)
  const canAllocate = allow(actor, 'child.allocate', child, clock.now()).allowed
  const teamIds =
    actor.role === 'service_manager'
      ? (await referrals.teamsTakingReferrals(db)).map((t) => t.id)
      : [...new Set([...(found.team_id === null ? [] : [found.team_id]), ...actor.managedTeamIds])]
  const workers = canAllocate ? await referrals.workersWithCaseloads(db, teamIds) : []
  const siblings = canAllocate ? await referrals.siblingHolders(db, found.child_id) : []
  const suggestion = suggestWorker(
    workers.map((w) => ({ id: w.id, practiceLevel: w.practice_level, caseload: Number(w.caseload ?? 0) })),
    siblings.flatMap((s) =>
      s.workerId === null ? [] : [{ workerId: s.workerId, siblingName: s.siblingName }],
    ),
  )
  return {
    referral: found,
    canAllocate,
    workers,
    suggestion,
    // The child's social workers now: giving them another asks why.
    currentWorkers: canAllocate ? await referrals.currentWorkers(db, found.child_id) : [],
    tasks: await referrals.openReferralTasks(db, referralId),
    strategyDiscussion: found.strategy_discussion
      ? ((await referrals.strategyDiscussionOf(db, referralId)) ?? null)
      : null,
  }
}

/** The teams a decision may send a referral to. */
export async function teamsTakingReferrals({ db }: FrontdoorDeps) {
  return referrals.teamsTakingReferrals(db)
}

/** A referral a manager acts on must exist, and the manager must be able to allocate its child. */
async function managedReferral(deps: FrontdoorDeps, actor: Actor, referralId: number, audit: AuditContext) {
  const childId = await referrals.referralChild(deps.db, referralId)
  if (childId === null) throw new NotFoundError(`No referral ${referralId}`)
  await authorise(deps, actor, 'child.allocate', childId, audit)
}

async function openReferralFor(trx: Trx, referralId: number, field: string) {
  const referral = await referrals.referralRow(trx, referralId)
  if (referral.status === 'closed') throw new ContactStateError('This referral is closed.', field)
  return referral
}

/** The worker a manager names must be active, in a team, able to hold cases, and in their teams. */
async function allocatableWorker(trx: Trx, actor: Actor, workerId: number) {
  const worker = await referrals.findWorker(trx, workerId)
  if (
    !worker ||
    worker.disabled_at !== null ||
    worker.team_id === null ||
    !ALLOCATABLE_ROLES.includes(worker.role)
  )
    throw new ContactStateError('Select a social worker from the list', 'workerId')
  if (actor.role !== 'service_manager' && !actor.managedTeamIds.includes(worker.team_id))
    throw new ContactStateError('Select a social worker in a team you manage', 'workerId')
  return { ...worker, team_id: worker.team_id }
}

/**
 * Moves the child's allocation to the worker and their team: other allocation grants are revoked,
 * and the worker's and team's are granted unless they are held already. Returns the worker's new
 * grant, or null when they held one.
 */
async function moveAllocation(
  trx: Trx,
  actor: Actor,
  referralId: number,
  childId: number,
  worker: { id: number; team_id: number },
) {
  const current = await referrals.liveAllocationGrants(trx, childId)
  for (const g of current) {
    const keep = g.basis === 'allocated_worker' ? g.user_id === worker.id : g.team_id === worker.team_id
    if (!keep) await revokeAccess(trx, g.id, `Referral ${referralId} allocated to another worker`)
  }
  const workerGrant = current.some((g) => g.basis === 'allocated_worker' && g.user_id === worker.id)
    ? null
    : await grantAccess(trx, { childId, userId: worker.id, basis: 'allocated_worker', grantedBy: actor.id })
  if (!current.some((g) => g.basis === 'allocated_team' && g.team_id === worker.team_id))
    await grantAccess(trx, { childId, teamId: worker.team_id, basis: 'allocated_team', grantedBy: actor.id })
  return workerGrant
}

/**
 * A manager names the worker (and so the team) for a referral. The child's allocation grants move
 * to them, earlier ones are revoked, and the case's open tasks follow. The allocation that takes
 * the referral off the queue also puts the worker's first statutory step on their worklist: visit
 * the child and start the child and family assessment, due within the 45 working days that run
 * from the referral date (the `assessment-from-referral-45wd` clock, which the `referral.allocated`
 * event starts when it carries `referredAt`). A reallocation moves that task; it never restarts
 * the clock. Returns the worker's name and the task, for the confirmation.
 */
export async function allocateReferral(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  referralId: number,
  workerId: number,
  audit: AuditContext,
  swReason: SwReason | null = null,
) {
  await managedReferral({ db, clock }, actor, referralId, audit)
  return db.transaction().execute(async (trx) => {
    const referral = await openReferralFor(trx, referralId, 'workerId')
    const worker = await allocatableWorker(trx, actor, workerId)
    const now = clock.now()
    const firstAllocation = referral.status === 'awaiting_allocation'
    // A child who has a social worker and is given another: why (the SSDA903's SW_REASON).
    const changing = changesWorker(await referrals.currentWorkers(trx, referral.child_id), worker.id)
    if (changing && swReason === null) throw new ContactStateError(SW_CHANGE_REASON_MISSING, 'swReason')
    const grantId = await moveAllocation(trx, actor, referralId, referral.child_id, worker)
    if (changing && grantId !== null && swReason !== null)
      await referrals.saveAllocationReason(trx, { grantId, swReason, by: actor.id, at: now })
    await referrals.saveAllocation(trx, referralId, {
      workerId: worker.id,
      teamId: worker.team_id,
      by: actor.id,
      at: now,
    })
    await reassignOpenTasks(trx, referral.child_id, { userId: worker.id, teamId: worker.team_id })
    await recordCaseEvent(trx, {
      childId: referral.child_id,
      subjectType: 'referral',
      subjectId: referralId,
      type: 'referral.allocated',
      occurredAt: now,
      summary: `Referral allocated to ${worker.display_name}`,
      recordedBy: actor.id,
      attributes: {
        workerId: worker.id,
        teamId: worker.team_id,
        ...(firstAllocation
          ? { referredAt: londonInstant(referral.referral_date, '00:00').toISOString() }
          : {}),
      },
    })
    const tasks = await referrals.openReferralTasks(trx, referralId)
    await recordAudit(trx, audit, {
      action: 'referral.allocate',
      outcome: 'allowed',
      childId: referral.child_id,
      recordType: 'referral',
      recordId: referralId,
      detail: {
        workerId: worker.id,
        teamId: worker.team_id,
        ...(changing ? { swReason } : {}),
      },
    })
    for (const task of tasks)
      await recordAudit(trx, audit, {
        action: firstAllocation ? 'task.create' : 'task.reassign',
        outcome: 'allowed',
        childId: referral.child_id,
        recordType: 'task',
        recordId: task.id,
        detail: {
          clockCode: task.clock_code,
          dueAt: task.due_at.toISOString(),
          userId: task.assigned_user_id,
          teamId: task.assigned_team_id,
        },
      })
    return {
      childId: referral.child_id,
      childName: await referrals.childName(trx, referral.child_id),
      workerName: worker.display_name,
      tasks,
    }
  })
}

/**
 * A manager closes a referral that needs no further action (the CIN census ReferralNFA): the
 * allocation ends, so the child no longer shows as an open case.
 */
export async function closeReferralNoFurtherAction(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  referralId: number,
  reason: string,
  audit: AuditContext,
) {
  await managedReferral({ db, clock }, actor, referralId, audit)
  return db.transaction().execute(async (trx) => {
    const referral = await openReferralFor(trx, referralId, 'reason')
    if (referral.strategy_discussion && !(await referrals.strategyDiscussionHeld(trx, referralId)))
      throw new ContactStateError(
        'A strategy discussion was decided for this child: record it as held (date, who took part, outcome) before closing the referral with no further action',
        'reason',
      )
    const now = clock.now()
    await referrals.saveClosedNoFurtherAction(trx, referralId, reason, now)
    for (const g of await referrals.liveAllocationGrants(trx, referral.child_id))
      await revokeAccess(trx, g.id, `Referral ${referralId} closed: no further action`)
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

/**
 * Closes the child's referral because their case closes (protection's case closure, authorised by
 * a manager with the closure checklist), in the caller's transaction: closed now with the CIN
 * census's reason for closure (`closure_code`, the census's ReasonForClosure; `closed_at`, its
 * CINclosureDate), the allocated worker's next-step clock cancelled by `referral.closed`, and
 * audited. The caller has checked the actor's right and ends the allocation. False, with nothing
 * written, when the referral has closed since.
 */
export async function closeReferralForCaseClosure(
  trx: Trx,
  audit: AuditContext,
  c: { referralId: number; childId: number; code: string; reason: string; by: number; at: Date },
): Promise<boolean> {
  if (!(await referrals.saveClosedWithCode(trx, c.referralId, c))) return false
  await recordCaseEvent(trx, {
    childId: c.childId,
    subjectType: 'referral',
    subjectId: c.referralId,
    type: 'referral.closed',
    occurredAt: c.at,
    summary: `Referral closed: ${c.reason}`,
    recordedBy: c.by,
    attributes: { nfa: false, closureCode: c.code },
  })
  await recordAudit(trx, audit, {
    action: 'referral.close',
    outcome: 'allowed',
    childId: c.childId,
    recordType: 'referral',
    recordId: c.referralId,
    detail: { nfa: false, closureCode: c.code },
  })
  return true
}

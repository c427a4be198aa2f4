/**
 * The placement plan and delegated authority, and the carers' accounts linked to a placement: the
 * use cases. A new version of the plan, and linking a carer's account, each run in one transaction
 * while the child is placed: the permission checked again (`changingRecord`: whoever may change
 * the child's record), the open period and the placement's latest version locked, the model's
 * rules applied, the rows, the case event on the period of care (the chronology's line) and the
 * audit row. Linking gives the carer a `placement_carer` grant naming them, which opens the plan
 * and nothing else; `placement-plan-ending.ts` revokes it when the placement ends. A refusal
 * leaves nothing written. The time comes from the injected clock.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { grantAccess, revokeAccess } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { CARE_SUBJECT } from './model.js'
import {
  carerLinkRefusal,
  delegationChanges,
  PLACEMENT_PLAN_EVENTS,
  planRefusal,
  planSummary,
  type PlanInput,
} from './placement-plan-model.js'
import * as plans from './placement-plan-store.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const PLACEMENT_PLAN_AUDIT = {
  view: 'care.placement_plan_view',
  record: 'care.placement_plan_record',
  link: 'care.placement_carer_link',
  end: 'care.placement_carer_end',
  unlink: 'care.placement_carer_unlink',
} as const

const NOT_PLACED = 'This child is not looked after: a placement plan is recorded for a current placement'

/** The open period and its current placement, the period locked: one change to a period at a time. */
async function placed(trx: Trx, childId: number) {
  const period = await store.lockOpenPeriod(trx, childId)
  const placement = period ? await plans.currentPlacement(trx, childId) : undefined
  if (!period || !placement) throw new CareStateError(NOT_PLACED)
  return { period, placement }
}

/** The case event on the period of care (the chronology's line) and the audit row of one write. */
async function recorded(
  trx: Trx,
  audit: AuditContext,
  w: {
    childId: number
    periodId: number
    by: number
    basis: string | null
    event: { type: string; occurredAt: Date; summary: string; attributes: Record<string, unknown> }
    action: string
    record: { type: string; id: number }
    detail: Record<string, unknown>
  },
) {
  await recordCaseEvent(trx, {
    childId: w.childId,
    subjectType: CARE_SUBJECT,
    subjectId: w.periodId,
    ...w.event,
    recordedBy: w.by,
  })
  await recordAudit(trx, audit, {
    action: w.action,
    outcome: 'allowed',
    childId: w.childId,
    recordType: w.record.type,
    recordId: w.record.id,
    basis: w.basis,
    detail: w.detail,
  })
}

/**
 * A version's writes, in the caller's transaction once the permission is checked: the demo
 * authority's seed records its child's plan this way, inside its own transaction.
 */
export async function writePlan(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: PlanInput,
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ id: number; version: number }> {
  const { period, placement } = await placed(trx, childId)
  const latest = await plans.lockLatestPlan(trx, placement.id)
  const refused = planRefusal(
    { placementStart: placement.start_date, lastAgreedOn: latest?.agreed_on ?? null },
    input.agreedOn,
  )
  if (refused) throw new CareStateError(refused.message, refused.field)
  const version = (latest?.version ?? 0) + 1
  const before = latest ? await plans.delegatedOf(trx, [latest.id]) : []
  const id = await plans.insertPlan(trx, {
    placementId: placement.id,
    childId,
    version,
    agreedOn: input.agreedOn,
    sections: input.sections,
    delegated: input.delegated,
    by: actor.id,
    at: now,
  })
  await recorded(trx, audit, {
    childId,
    periodId: period.id,
    by: actor.id,
    basis,
    event: {
      type: PLACEMENT_PLAN_EVENTS.recorded,
      occurredAt: londonInstant(input.agreedOn, '12:00'),
      summary: planSummary(version, input.agreedOn, delegationChanges(before, input.delegated)),
      attributes: { placementId: placement.id, planId: id, version },
    },
    action: PLACEMENT_PLAN_AUDIT.record,
    record: { type: 'care_placement_plan', id },
    detail: { placementId: placement.id, version, agreedOn: input.agreedOn },
  })
  return { id, version }
}

/** The link's writes, in the caller's transaction once the permission is checked (the demo seed's too). */
export async function writeCarerLink(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: { userId: number },
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ id: number }> {
  const { period, placement } = await placed(trx, childId)
  const account = await plans.carerAccount(trx, input.userId, placement.id)
  const refused = carerLinkRefusal(account)
  if (refused || !account) throw new CareStateError(refused?.message ?? NOT_PLACED, refused?.field)
  const grantId = await grantAccess(trx, {
    childId,
    userId: input.userId,
    basis: 'placement_carer',
    grantedBy: actor.id,
    reason: `Carer of placement ${placement.id}`,
  })
  const id = await plans.insertLink(trx, {
    placementId: placement.id,
    childId,
    userId: input.userId,
    grantId,
    by: actor.id,
    at: now,
  })
  await recorded(trx, audit, {
    childId,
    periodId: period.id,
    by: actor.id,
    basis,
    event: {
      type: PLACEMENT_PLAN_EVENTS.carerLinked,
      occurredAt: now,
      summary: `${account.name} can now see the placement plan, as the child’s carer`,
      attributes: { placementId: placement.id, carerUserId: input.userId },
    },
    action: PLACEMENT_PLAN_AUDIT.link,
    record: { type: 'care_placement_carer', id },
    detail: { placementId: placement.id, carerUserId: input.userId, grantId },
  })
  return { id }
}

/**
 * One carer's access ended by hand before the placement ends (linked by mistake, or no longer
 * caring for the child): the link ended and the grant revoked at once, with the reason.
 */
export async function writeCarerUnlink(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: { linkId: number; reason: string },
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ id: number }> {
  const { period, placement } = await placed(trx, childId)
  const ended = await plans.endLink(trx, input.linkId, placement.id, { at: now, reason: input.reason })
  if (!ended) throw new CareStateError('Select a carer who can see the plan now', 'linkId')
  await revokeAccess(trx, ended.grant_id, input.reason)
  await recorded(trx, audit, {
    childId,
    periodId: period.id,
    by: actor.id,
    basis,
    event: {
      type: PLACEMENT_PLAN_EVENTS.carerUnlinked,
      occurredAt: now,
      summary: `A carer’s access to the placement plan ended: ${input.reason}`,
      attributes: { placementId: placement.id, carerUserId: ended.user_id },
    },
    action: PLACEMENT_PLAN_AUDIT.unlink,
    record: { type: 'care_placement_carer', id: ended.id },
    detail: {
      placementId: placement.id,
      carerUserId: ended.user_id,
      grantId: ended.grant_id,
      reason: input.reason,
    },
  })
  return { id: ended.id }
}

/** A write with the permission checked first, in its own transaction (`changingRecord`). */
function checked<I, R>(
  write: (
    trx: Trx,
    actor: { id: number },
    childId: number,
    input: I,
    audit: AuditContext,
    now: Date,
    basis: string | null,
  ) => Promise<R>,
  what: { action: string; recordType: string },
) {
  return (deps: CareDeps, actor: Actor, childId: number, input: I, audit: AuditContext): Promise<R> =>
    changingRecord(deps, actor, childId, audit, what, (trx, now, basis) =>
      write(trx, actor, childId, input, audit, now, basis),
    )
}

/** A new version of the current placement's plan and delegated authority. */
export const recordPlan = checked(writePlan, {
  action: PLACEMENT_PLAN_AUDIT.record,
  recordType: 'care_placement_plan',
})

/**
 * A carer's account linked to the current placement: a grant naming them, which opens the plan and
 * delegated authority of this child and nothing else, until the placement ends.
 */
export const linkCarer = checked(writeCarerLink, {
  action: PLACEMENT_PLAN_AUDIT.link,
  recordType: 'care_placement_carer',
})

/** A carer's access ended by hand, with the reason. */
export const unlinkCarer = checked(writeCarerUnlink, {
  action: PLACEMENT_PLAN_AUDIT.unlink,
  recordType: 'care_placement_carer',
})

/** What the plan's page shows: the current placement, each version with its delegated authority, the carers. */
export async function placementPlanPage({ db }: CareDeps, childId: number) {
  const child = await store.childNamed(db, childId)
  const placement = await plans.currentPlacement(db, childId)
  if (!child || !placement) return { child, placement: null, versions: [], carers: [] }
  const versions = await plans.plansOf(db, placement.id)
  const delegated = await plans.delegatedOf(
    db,
    versions.map((v) => v.id),
  )
  return {
    child,
    placement,
    versions: versions.map((v) => ({ ...v, delegated: delegated.filter((d) => d.plan_id === v.id) })),
    carers: await plans.carersOf(db, placement.id),
  }
}
export type PlacementPlanPage = Awaited<ReturnType<typeof placementPlanPage>>

/** A carer's home page: the children placed with them now. */
export function carerCaseload({ db, clock }: CareDeps, user: Actor) {
  return plans.childrenPlacedWith(db, user.id, clock.now())
}

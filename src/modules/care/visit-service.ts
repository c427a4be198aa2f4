/**
 * Recording a statutory visit to a looked-after child, in one transaction: the permission checked
 * again, the child's open period locked, the visit's date placed in the current placement or the
 * one just left, the visit row, the case event `lac_visit.held` (which stops the running visit
 * clock and starts the next six-weekly one) and the audit row. A refusal leaves nothing written;
 * a refusal of the user is audited on its own. The time comes from the injected clock.
 */
import { auditingRefusal, recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { NotAllowedError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { CARE_SUBJECT } from './model.js'
import { CareStateError, type CareDeps } from './service.js'
import * as store from './store.js'
import {
  isVisitRefusal,
  nextVisitDue,
  placementOfVisit,
  VISIT_EVENT,
  visitInstant,
  visitsInLastYear,
  visitSummary,
  type VisitInput,
} from './visit-model.js'
import * as visits from './visit-store.js'

export const VISIT_AUDIT_ACTION = 'care.visit_record'

/** Records the visit; returns its id. Throws `CareStateError` on a refusal, `NotAllowedError` for the user. */
export async function recordVisit(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: VisitInput,
  audit: AuditContext,
): Promise<{ visitId: number; periodId: number }> {
  const { db, clock } = deps
  return auditingRefusal(
    db,
    audit,
    { action: VISIT_AUDIT_ACTION, childId, recordType: 'care_visit', recordId: null },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const decision = allow(actor, 'child.edit', await loadChildRecord(trx, childId), now)
        if (!decision.allowed) throw new NotAllowedError(decision.reason)
        const period = await store.lockOpenPeriod(trx, childId)
        if (!period)
          throw new CareStateError('This child is not looked after: a visit is recorded during care')
        const placement = placementOfVisit(input.visitedOn, {
          periodStart: period.start_date,
          placements: await visits.placementsOf(trx, period.id),
          today: londonToday(now),
        })
        if (isVisitRefusal(placement)) throw new CareStateError(placement.message, placement.field)
        const visitId = await visits.insertVisit(trx, {
          periodId: period.id,
          placementId: placement.id,
          childId,
          input,
          by: actor.id,
          at: now,
        })
        await recordCaseEvent(trx, {
          childId,
          subjectType: CARE_SUBJECT,
          subjectId: period.id,
          type: VISIT_EVENT,
          occurredAt: visitInstant(input.visitedOn),
          summary: visitSummary(input),
          recordedBy: actor.id,
          attributes: {
            visitId,
            placementId: placement.id,
            seen: input.seen,
            seenAlone: input.seenAlone,
            location: input.location,
          },
        })
        await recordAudit(trx, audit, {
          action: VISIT_AUDIT_ACTION,
          outcome: 'allowed',
          childId,
          recordType: 'care_visit',
          recordId: visitId,
          basis: decision.basis,
          detail: {
            visitedOn: input.visitedOn,
            periodId: period.id,
            placementId: placement.id,
            seen: input.seen,
            seenAlone: input.seenAlone,
          },
        })
        return { visitId, periodId: period.id }
      }),
  )
}

/**
 * The visits the care page lists, the next visit due and the Pledge's figure. The route has
 * checked and audited the reader's view of the child; `tasks` are the open period's open tasks.
 */
export async function visitsSection(
  { db, clock }: CareDeps,
  childId: number,
  tasks: readonly { clock_code: string; title: string; due_at: Date }[],
) {
  const list = await visits.visitsOf(db, childId)
  const today = londonToday(clock.now())
  return {
    visits: list,
    next: nextVisitDue(tasks),
    pledge: visitsInLastYear(
      list.map((v) => v.visited_on),
      today,
    ),
  }
}
export type VisitsSection = Awaited<ReturnType<typeof visitsSection>>

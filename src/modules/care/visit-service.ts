/**
 * Recording a statutory visit to a looked-after child, in one transaction: the permission checked
 * again, the child's open period locked, the visit's date placed in the current placement or the
 * one just left, the visit row, the case event `lac_visit.held` (which stops the running visit
 * clock and starts the next six-weekly one) and the audit row. A refusal leaves nothing written;
 * a refusal of the user is audited on its own. The time comes from the injected clock.
 */
import { auditingRefusal, recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonInstant, londonToday } from '../../platform/calendar/dates.js'
import { NotAllowedError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { CARE_SUBJECT } from './model.js'
import { CareStateError, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'
import {
  isVisitRefusal,
  nextVisitDue,
  placementOfVisit,
  VISIT_EVENT,
  visitInstant,
  LONG_TERM_EVENT,
  longTermRefusal,
  visitInterval,
  visitsInLastYear,
  visitSummary,
  type LongTermInput,
  type VisitInput,
} from './visit-model.js'
import * as visits from './visit-store.js'

export const VISIT_AUDIT_ACTION = 'care.visit_record'
export const LONG_TERM_AUDIT_ACTION = 'care.long_term_agree'

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
        return writeVisit(trx, actor, childId, input, audit, now, decision.basis)
      }),
  )
}

/**
 * A visit's writes, in the caller's transaction once the permission is checked: the demo
 * authority's seed records its child's first visit this way, inside its own transaction.
 */
export async function writeVisit(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: VisitInput,
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ visitId: number; periodId: number }> {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError('This child is not looked after: a visit is recorded during care')
  const placements = await visits.placementsOf(trx, period.id)
  const placed = placementOfVisit(input.visitedOn, {
    periodStart: period.start_date,
    placements,
    today: londonToday(now),
  })
  if (isVisitRefusal(placed)) throw new CareStateError(placed.message, placed.field)
  const placement = placements.find((p) => p.id === placed.id) ?? placements[0]
  if (!placement) throw new Error(`Period of care ${period.id} has no placement`)
  // The next visit is due in 6 weeks, or 3 months in a long-term placement after its first year.
  const interval = visitInterval(placement, input.visitedOn)
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
      visitInterval: interval,
    },
  })
  await recordAudit(trx, audit, {
    action: VISIT_AUDIT_ACTION,
    outcome: 'allowed',
    childId,
    recordType: 'care_visit',
    recordId: visitId,
    basis,
    detail: {
      visitedOn: input.visitedOn,
      periodId: period.id,
      placementId: placement.id,
      seen: input.seen,
      seenAlone: input.seenAlone,
      visitInterval: interval,
    },
  })
  return { visitId, periodId: period.id }
}

/**
 * The child's current placement is formally agreed as long-term (the long-term match): after its
 * first year, each visit sets the next at 3 months. The row, the case event and the audit row in
 * one transaction; refused when already agreed or dated outside the placement.
 */
export async function agreeLongTerm(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: LongTermInput,
  audit: AuditContext,
): Promise<{ placementId: number }> {
  const { db, clock } = deps
  return auditingRefusal(
    db,
    audit,
    { action: LONG_TERM_AUDIT_ACTION, childId, recordType: 'care_placement', recordId: null },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const decision = allow(actor, 'child.edit', await loadChildRecord(trx, childId), now)
        if (!decision.allowed) throw new NotAllowedError(decision.reason)
        const period = await store.lockOpenPeriod(trx, childId)
        if (!period) throw new CareStateError('This child is not looked after')
        const current = (await visits.placementsOf(trx, period.id)).find((p) => p.endDate === null)
        if (!current) throw new Error(`Period of care ${period.id} has no current placement`)
        const refused = longTermRefusal({
          agreedOn: input.agreedOn,
          placementStart: current.startDate,
          today: londonToday(now),
          alreadyAgreedOn: current.longTermAgreedOn,
        })
        if (refused) throw new CareStateError(refused.message, refused.field)
        const inserted = await visits.insertLongTerm(trx, {
          placementId: current.id,
          childId,
          agreedOn: input.agreedOn,
          by: actor.id,
          at: now,
        })
        if (!inserted) throw new CareStateError('This placement was already agreed as long-term')
        await recordCaseEvent(trx, {
          childId,
          subjectType: CARE_SUBJECT,
          subjectId: period.id,
          type: LONG_TERM_EVENT,
          occurredAt: londonInstant(input.agreedOn, '00:00'),
          summary: 'Placement agreed as long-term: visits at least every 3 months after its first year',
          recordedBy: actor.id,
          attributes: { placementId: current.id },
        })
        await recordAudit(trx, audit, {
          action: LONG_TERM_AUDIT_ACTION,
          outcome: 'allowed',
          childId,
          recordType: 'care_placement',
          recordId: current.id,
          basis: decision.basis,
          detail: { agreedOn: input.agreedOn, periodId: period.id },
        })
        return { placementId: current.id }
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
  open: number | null,
  tasks: readonly { clock_code: string; title: string; due_at: Date }[],
) {
  const list = await visits.visitsOf(db, childId)
  const today = londonToday(clock.now())
  return {
    longTermAgreedOn: open === null ? null : await visits.longTermAgreedOn(db, open),
    visits: list,
    next: nextVisitDue(tasks),
    pledge: visitsInLastYear(
      list.map((v) => v.visited_on),
      today,
    ),
  }
}
export type VisitsSection = Awaited<ReturnType<typeof visitsSection>>

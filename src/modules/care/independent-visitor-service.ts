/**
 * The independent visitor: the use cases. Whether the child needs one, the request and the match,
 * a visit, and the end, each in one transaction while the child is looked after: the permission
 * checked again (`changingRecord`), the open period and its latest assessment locked, the model's
 * rules applied, the row, the case event on the period of care (the chronology's line; no clock)
 * and the audit row. A refusal leaves nothing written. The time comes from the injected clock.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { longDate } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  arrangementRefusal,
  assessedSummary,
  assessmentRefusal,
  endRefusal,
  INDEPENDENT_VISITOR_EVENTS,
  visitorInstant,
  visitRefusal,
  type Arrangement,
  type ArrangementInput,
  type AssessmentInput,
  type EndInput,
  type VisitInput,
} from './independent-visitor-model.js'
import * as visitors from './independent-visitor-store.js'
import { CARE_SUBJECT } from './model.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const INDEPENDENT_VISITOR_AUDIT = {
  assess: 'care.independent_visitor_assess',
  arrange: 'care.independent_visitor_arrange',
  visit: 'care.independent_visitor_visit',
  end: 'care.independent_visitor_end',
} as const

const RECORD_TYPE = 'care_independent_visitor'
const NOT_IN_CARE = 'This child is not looked after: the independent visitor is recorded during care'

type Row = NonNullable<Awaited<ReturnType<typeof visitors.lockLatest>>>
const asArrangement = (r: Row | undefined): Arrangement | null =>
  r
    ? {
        assessedOn: r.assessed_on,
        needed: r.needed,
        requestedOn: r.requested_on,
        matchedOn: r.matched_on,
        endedOn: r.ended_on,
      }
    : null

/**
 * One write: the open period and its latest record locked, `work` applied, then the case event on
 * the period and the audit row.
 */
function writing<
  T extends { id: number; summary: string; type: string; day: string; detail: Record<string, unknown> },
>(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  action: string,
  work: (
    trx: Trx,
    s: { periodId: number; periodStart: string; latest: Row | undefined; now: Date },
  ) => Promise<T>,
): Promise<{ id: number }> {
  return changingRecord(
    deps,
    actor,
    childId,
    audit,
    { action, recordType: RECORD_TYPE },
    async (trx, now, basis) => {
      const period = await store.lockOpenPeriod(trx, childId)
      if (!period) throw new CareStateError(NOT_IN_CARE)
      const latest = await visitors.lockLatest(trx, period.id)
      const done = await work(trx, { periodId: period.id, periodStart: period.start_date, latest, now })
      await recordCaseEvent(trx, {
        childId,
        subjectType: CARE_SUBJECT,
        subjectId: period.id,
        type: done.type,
        occurredAt: visitorInstant(done.day),
        summary: done.summary,
        recordedBy: actor.id,
        attributes: { independentVisitorId: done.id },
      })
      await recordAudit(trx, audit, {
        action,
        outcome: 'allowed',
        childId,
        recordType: RECORD_TYPE,
        recordId: done.id,
        basis,
        detail: done.detail,
      })
      return { id: done.id }
    },
  )
}

const refuse = (r: { field: string; message: string } | null) => {
  if (r) throw new CareStateError(r.message, r.field)
}

/** Whether the child needs an independent visitor. */
export function recordAssessment(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: AssessmentInput,
  audit: AuditContext,
) {
  return writing(deps, actor, childId, audit, INDEPENDENT_VISITOR_AUDIT.assess, async (trx, s) => {
    refuse(
      assessmentRefusal({
        assessedOn: input.assessedOn,
        periodStart: s.periodStart,
        latest: asArrangement(s.latest),
      }),
    )
    const id = await visitors.insertAssessment(trx, {
      periodId: s.periodId,
      childId,
      input,
      by: actor.id,
      at: s.now,
    })
    if (id === null) throw new CareStateError('The child already has an independent visitor arranged')
    return {
      id,
      type: INDEPENDENT_VISITOR_EVENTS.assessed,
      day: input.assessedOn,
      summary: assessedSummary(input),
      detail: { assessedOn: input.assessedOn, needed: input.needed },
    }
  })
}

/** The request, and the volunteer matched once there is one. */
export function recordArrangement(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: ArrangementInput,
  audit: AuditContext,
) {
  return writing(deps, actor, childId, audit, INDEPENDENT_VISITOR_AUDIT.arrange, async (trx, s) => {
    const current = asArrangement(s.latest)
    refuse(arrangementRefusal(current, input))
    const row = s.latest as Row
    await visitors.updateArrangement(trx, row.id, { input, by: actor.id, at: s.now })
    const matched = input.matchedOn !== null && input.visitorName !== null
    return {
      id: row.id,
      type: matched ? INDEPENDENT_VISITOR_EVENTS.matched : INDEPENDENT_VISITOR_EVENTS.requested,
      day: input.matchedOn ?? input.requestedOn,
      summary: matched
        ? `Independent visitor matched: ${input.visitorName} (requested ${longDate(input.requestedOn)})`
        : 'Independent visitor requested',
      detail: { requestedOn: input.requestedOn, matchedOn: input.matchedOn },
    }
  })
}

/** A visit by the matched independent visitor. */
export function recordVisit(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: VisitInput,
  audit: AuditContext,
) {
  return writing(deps, actor, childId, audit, INDEPENDENT_VISITOR_AUDIT.visit, async (trx, s) => {
    refuse(visitRefusal(asArrangement(s.latest), input.visitedOn))
    const row = s.latest as Row
    await visitors.insertVisit(trx, { visitorId: row.id, childId, input, by: actor.id, at: s.now })
    return {
      id: row.id,
      type: INDEPENDENT_VISITOR_EVENTS.visited,
      day: input.visitedOn,
      summary: `Visited by their independent visitor${input.note ? `: ${input.note}` : ''}`,
      detail: { visitedOn: input.visitedOn },
    }
  })
}

/** The independent visitor's end. */
export function recordEnd(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: EndInput,
  audit: AuditContext,
) {
  return writing(deps, actor, childId, audit, INDEPENDENT_VISITOR_AUDIT.end, async (trx, s) => {
    const row = s.latest
    const visits = row ? await visitors.visitsOf(trx, [row.id]) : []
    refuse(endRefusal(asArrangement(row), input.endedOn, visits[0]?.visited_on ?? null))
    const id = (row as Row).id
    await visitors.endArrangement(trx, id, { input, by: actor.id, at: s.now })
    return {
      id,
      type: INDEPENDENT_VISITOR_EVENTS.ended,
      day: input.endedOn,
      summary: `Independent visitor ended: ${input.reason}`,
      detail: { endedOn: input.endedOn },
    }
  })
}

/** The care page's section: the latest record and its visits, then earlier ones. */
export async function independentVisitorSection(deps: CareDeps, childId: number) {
  const list = await visitors.arrangementsOf(deps.db, childId)
  const visits = await visitors.visitsOf(
    deps.db,
    list.map((a) => a.id),
  )
  return list.map((a) => ({ ...a, visits: visits.filter((v) => v.visitor_id === a.id) }))
}
export type IndependentVisitorSection = Awaited<ReturnType<typeof independentVisitorSection>>

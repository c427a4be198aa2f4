/**
 * Placements' commissioning, cost and approval, and the managers' list of placements. Each write
 * in one transaction through `changingRecord` (the permission checked again, refusals audited
 * alone): the open period locked, the current placement's rules applied, the row, its case event
 * (on the period of care, on the chronology) and the audit row. A refusal saves nothing.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { londonToday } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { CARE_SUBJECT } from './model.js'
import {
  approvalRefusal,
  approvalsAwaited,
  approvalWords,
  costExpected,
  costRefusal,
  costWords,
  inBorough,
  longTermStability,
  PLACEMENT_EVENTS,
  placementsInYear,
  THREE_OR_MORE,
  within20Miles,
  type ApprovalInput,
  type CommissioningRoute,
  type CostInput,
  type StayFacts,
} from './placement-model.js'
import * as placements from './placement-store.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const PLACEMENT_AUDIT = {
  cost: 'care.placement_cost_record',
  approve: 'care.placement_approve',
  list: 'care.placements_list',
} as const

/** The authority's ONS code (config `returns.authorityOnsCode`), for in or out of borough. */
export interface PlacementDeps extends CareDeps {
  authority: string | null
}

const NOT_IN_CARE = 'This child is not looked after: a placement’s cost and approval are recorded during care'

/** The open period's current placement, the period locked: one change to a period at a time. */
async function currentPlacement(trx: Trx, childId: number) {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError(NOT_IN_CARE)
  const placement = await placements.currentPlacementOf(trx, period.id)
  if (!placement) throw new Error(`Period of care ${period.id} has no current placement`)
  return { period, placement }
}

/** Records the current placement's route and weekly cost from a day: a new dated row, the history kept. */
export async function recordCost(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: CostInput,
  audit: AuditContext,
): Promise<{ costId: number }> {
  const action = { action: PLACEMENT_AUDIT.cost, recordType: 'care_placement' }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const { period, placement } = await currentPlacement(trx, childId)
    const refused = costRefusal(
      input,
      { startDate: placement.start_date, endDate: placement.end_date },
      londonToday(now),
    )
    if (refused) throw new CareStateError(refused.message, refused.field)
    const costId = await placements.insertCost(trx, {
      placementId: placement.id,
      childId,
      from: input.from,
      route: input.route,
      weeklyPence: input.weeklyPence,
      by: actor.id,
      at: now,
    })
    const detail = {
      placementId: placement.id,
      from: input.from,
      route: input.route,
      weeklyPence: input.weeklyPence,
    }
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: PLACEMENT_EVENTS.costRecorded,
      occurredAt: now,
      summary: costWords(input),
      recordedBy: actor.id,
      attributes: detail,
    })
    await recordAudit(trx, audit, {
      action: PLACEMENT_AUDIT.cost,
      outcome: 'allowed',
      childId,
      recordType: 'care_placement',
      recordId: placement.id,
      basis,
      detail,
    })
    return { costId }
  })
}

/** Records an approval of the current placement: the Placement Panel's or the head of service's. */
export async function recordApproval(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: ApprovalInput,
  audit: AuditContext,
): Promise<{ approvalId: number }> {
  const action = { action: PLACEMENT_AUDIT.approve, recordType: 'care_placement' }
  return changingRecord(deps, actor, childId, audit, action, (trx, now, basis) =>
    writeApproval(trx, actor, childId, input, audit, now, basis),
  )
}

/**
 * An approval's writes, in the caller's transaction once the permission is checked: the demo
 * authority's seed approves its children's home placement this way.
 */
export async function writeApproval(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: ApprovalInput,
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ approvalId: number }> {
  const { period, placement } = await currentPlacement(trx, childId)
  const recorded = await placements.approvalKinds(trx, placement.id)
  const refused = approvalRefusal(
    input,
    { place: placement.place, provider: placement.provider, startDate: placement.start_date },
    recorded,
    londonToday(now),
  )
  if (refused) throw new CareStateError(refused.message, refused.field)
  const approvalId = await placements.insertApproval(trx, {
    placementId: placement.id,
    childId,
    kind: input.kind,
    approvedOn: input.approvedOn,
    approver: input.approver,
    by: actor.id,
    at: now,
  })
  if (approvalId === 'recorded')
    throw new CareStateError('This approval has just been recorded by someone else', 'kind')
  const detail = { placementId: placement.id, kind: input.kind, approvedOn: input.approvedOn }
  await recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: period.id,
    type: PLACEMENT_EVENTS.approved,
    occurredAt: now,
    summary: approvalWords(input),
    recordedBy: actor.id,
    attributes: detail,
  })
  // The last approval the placement needs stops its clock.
  if (approvalsAwaited(placement, [...recorded, input.kind]).length === 0)
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: PLACEMENT_EVENTS.approvalComplete,
      occurredAt: now,
      summary: 'All the placement’s approvals are recorded',
      recordedBy: actor.id,
      attributes: { placementId: placement.id },
    })
  await recordAudit(trx, audit, {
    action: PLACEMENT_AUDIT.approve,
    outcome: 'allowed',
    childId,
    recordType: 'care_placement',
    recordId: placement.id,
    basis,
    detail: { ...detail, approver: input.approver },
  })
  return { approvalId }
}

type StayRow = Awaited<ReturnType<typeof placements.staysOf>>[number]
const stayFacts = (s: StayRow): StayFacts => ({
  startDate: s.start_date,
  endDate: s.end_date,
  place: s.place,
  sameCarer: s.same_carer === true,
})

/** The two stability measures of one child on a day, from their placements (all periods). */
function stabilityOf(
  stays: readonly StayRow[],
  child: { dateOfBirth: string | null; periodId: number | null; periodStart: string | null },
  day: string,
) {
  const inYear = placementsInYear(stays.map(stayFacts), day)
  const longTerm = longTermStability({
    day,
    dateOfBirth: child.dateOfBirth,
    periodStart: child.periodStart,
    stays: stays.filter((s) => s.period_id === child.periodId).map(stayFacts),
  })
  return { inYear, threeOrMore: inYear >= THREE_OR_MORE, longTerm }
}

/** The care page's placements section: the current placement's cost, approvals, where, stability. */
export async function placementSection(
  deps: PlacementDeps,
  record: {
    child: { id: number; date_of_birth: string | null }
    open: { id: number; start_date: string } | null
  },
) {
  const { db, clock } = deps
  const today = londonToday(clock.now())
  const childId = record.child.id
  const [rows, costs, stays] = await Promise.all([
    placements.placementsOf(db, childId),
    placements.costsOf(db, childId),
    placements.staysOf(db, [childId]),
  ])
  const open = record.open
  const current = open ? (rows.find((r) => r.period_id === open.id && r.end_date === null) ?? null) : null
  return {
    current: current && {
      ...current,
      awaited: approvalsAwaited(current, [
        ...(current.panel_approved_on ? (['placement_panel'] as const) : []),
        ...(current.head_of_service_approved_on ? (['head_of_service'] as const) : []),
      ]),
      costMissing: current.route === null && costExpected(current),
      inBorough: inBorough(current.placement_la, deps.authority),
      within20: within20Miles(current.distance_miles),
      costs: costs.filter((c) => c.placement_id === current.placement_id),
    },
    stability: open
      ? stabilityOf(
          stays,
          { dateOfBirth: record.child.date_of_birth, periodId: open.id, periodStart: open.start_date },
          today,
        )
      : null,
    today,
  }
}
export type PlacementSection = Awaited<ReturnType<typeof placementSection>>

/**
 * The managers' list: every child looked after now, with the figures over every one of them (the
 * two stability measures, in and out of borough, more than 20 miles, awaiting approval, the
 * average weekly cost by route) and the rows of those the reader may see (none for a performance
 * officer, who opens no child's record). The children named are audited as read.
 */
export async function placementList(deps: PlacementDeps, actor: Actor, audit: AuditContext) {
  const { db, clock } = deps
  const now = clock.now()
  const today = londonToday(now)
  const everyone = await placements.currentPlacements(db, null)
  const stays = await placements.staysOf(db, null)
  const byChild = new Map<number, StayRow[]>()
  for (const s of stays) byChild.set(s.child_id, [...(byChild.get(s.child_id) ?? []), s])
  const measured = everyone.map((r) => {
    const stability = stabilityOf(
      byChild.get(r.child_id) ?? [],
      { dateOfBirth: r.date_of_birth, periodId: r.period_id, periodStart: r.period_start },
      today,
    )
    const recorded = [
      ...(r.panel_approved_on ? (['placement_panel'] as const) : []),
      ...(r.head_of_service_approved_on ? (['head_of_service'] as const) : []),
    ]
    return {
      ...r,
      stability,
      awaited: approvalsAwaited(r, recorded),
      costMissing: r.route === null && costExpected(r),
      inBorough: inBorough(r.placement_la, deps.authority),
    }
  })
  const cohort = measured.filter((r) => r.stability.longTerm.cohort)
  const stable = cohort.filter((r) => r.stability.longTerm.cohort && r.stability.longTerm.stable)
  const average = (route: CommissioningRoute | null) => {
    const costed = measured.filter((r) => r.weekly_pence !== null && (route === null || r.route === route))
    if (costed.length === 0) return null
    return Math.round(costed.reduce((sum, r) => sum + (r.weekly_pence ?? 0), 0) / costed.length)
  }
  const percent = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 100))
  const threeOrMore = measured.filter((r) => r.stability.threeOrMore).length
  const figures = {
    children: measured.length,
    threeOrMore,
    threeOrMorePercent: percent(threeOrMore, measured.length),
    longTermCohort: cohort.length,
    longTermStable: stable.length,
    longTermPercent: percent(stable.length, cohort.length),
    inBorough: measured.filter((r) => r.inBorough === true).length,
    outOfBorough: measured.filter((r) => r.inBorough === false).length,
    outAndOver20: measured.filter((r) => r.inBorough === false && (r.distance_miles ?? 0) > 20).length,
    awaitingApproval: measured.filter((r) => r.awaited.length > 0).length,
    costMissing: measured.filter((r) => r.costMissing).length,
    averageWeekly: {
      all: average(null),
      in_house: average('in_house'),
      framework: average('framework'),
      spot: average('spot'),
    },
  }
  const canList = roleGrants(actor.role, 'child.view')
  const visibleIds = canList
    ? new Set((await placements.currentPlacements(db, { actor, now })).map((r) => r.child_id))
    : new Set<number>()
  const rows = measured.filter((r) => visibleIds.has(r.child_id))
  await recordAuditAlone(db, audit, {
    action: PLACEMENT_AUDIT.list,
    outcome: 'allowed',
    detail: { page: 'care_placements', childIds: rows.map((r) => r.child_id) },
  })
  return { figures, rows, today }
}
export type PlacementList = Awaited<ReturnType<typeof placementList>>

/**
 * The managers' home figure: how many children they may see are in a placement awaiting the
 * Placement Panel's or the head of service's approval (no child named).
 */
export async function awaitingApprovalCount(deps: CareDeps, actor: Actor): Promise<number> {
  const rows = await placements.currentPlacements(deps.db, { actor, now: deps.clock.now() })
  return rows.filter(
    (r) =>
      approvalsAwaited(r, [
        ...(r.panel_approved_on ? (['placement_panel'] as const) : []),
        ...(r.head_of_service_approved_on ? (['head_of_service'] as const) : []),
      ]).length > 0,
  ).length
}

/**
 * Children looked after: the use cases. Starting care, changing the legal status, changing the
 * placement and ending care each run in one transaction: the permission checked again, the child's
 * open period locked, the model's rules applied to what is saved, the rows written, the case events
 * (which start and stop the statutory clocks: the first review and the initial health assessment
 * from the start, a visit from each new placement) and the audit row. A refusal leaves nothing
 * written; a refusal of the user is audited on its own. The time comes from the injected clock.
 */
import { auditingRefusal, recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { londonInstant, londonToday } from '../../platform/calendar/dates.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  ALREADY_IN_CARE,
  CARE_EVENTS,
  CARE_SUBJECT,
  codeText,
  endRefusal,
  EPISODE_CONTINUES,
  isRefusal,
  LEGAL_STATUSES,
  PLACEMENT_TYPES,
  planLegalStatusChange,
  planPlacementChange,
  REASONS_CEASED,
  REASONS_FOR_PLACEMENT_CHANGE,
  startRefusal,
  type Commissioning,
  type CurrentEpisode,
  type EndInput,
  type LegalStatusInput,
  type Placement,
  type PlacementInput,
  type PlannedChange,
  type Refusal,
  type StartInput,
} from './model.js'
import {
  approvalOwedWords,
  approvalsNeeded,
  PLACEMENT_APPROVAL_CLOCK,
  PLACEMENT_EVENTS,
} from './placement-model.js'
import { insertCost } from './placement-store.js'
import { allocatedTeamManager } from '../../platform/signoff/store.js'
import { assignClockTask } from '../../platform/tasks/case-events.js'
import { adoptionEndCheck } from './adoption-ending.js'
import { iroEndsWithCare } from './review-ending.js'
import { carersEndWithPlacement } from './placement-plan-ending.js'
import * as store from './store.js'
import type { Db, Trx } from './store.js'

export interface CareDeps {
  db: Db
  clock: Clock
}

/** A rule of the record refused the change: shown on the form's field it names. */
export class CareStateError extends Error {
  constructor(
    message: string,
    readonly field: string = 'form',
  ) {
    super(message)
    this.name = 'CareStateError'
  }
}

const NOT_IN_CARE = 'This child is not looked after: start a period of care first'
const refuse = (r: Refusal): never => {
  throw new CareStateError(r.message, r.field)
}

/** A day's events sit at its start, the end of care at the end of its day (after the day's work). */
const dayStart = (date: string) => londonInstant(date, '00:00')
const dayEnd = (date: string) => londonInstant(date, '23:59')

const placementWords = (p: Placement) =>
  `${p.place} ${PLACEMENT_TYPES.find((t) => t.code === p.place)?.label.toLowerCase() ?? ''}`.trim()

type Work<T> = (trx: Trx, now: Date, basis: string | null) => Promise<T>

/**
 * The child's record may be changed by the actor: checked in the transaction, refusals audited
 * alone (as about a period of care unless the action names its record type).
 */
export async function changingRecord<T>(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  action: string | { action: string; recordType: string },
  work: Work<T>,
): Promise<T> {
  const { db, clock } = deps
  const what = typeof action === 'string' ? { action, recordType: 'care_period' } : action
  return auditingRefusal(db, audit, { ...what, childId, recordId: null }, () =>
    db.transaction().execute(async (trx) => {
      const now = clock.now()
      const decision = allow(actor, 'child.edit', await loadChildRecord(trx, childId), now)
      if (!decision.allowed) throw new NotAllowedError(decision.reason)
      return work(trx, now, decision.basis)
    }),
  )
}

/** The child's open period and its current episode, locked: one change to a period at a time. */
async function openPeriod(trx: Trx, childId: number) {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError(NOT_IN_CARE)
  const episode = await store.currentEpisode(trx, period.id)
  if (!episode) throw new Error(`Period of care ${period.id} has no open episode`)
  const current: CurrentEpisode = {
    startDate: episode.start_date,
    legalStatus: episode.legal_status,
    placement: {
      place: episode.place,
      provider: episode.provider,
      carer: episode.carer_name,
      urn: episode.urn,
      postcode: episode.postcode,
    },
  }
  return { period, episode, current }
}

/**
 * The child starts to be looked after: the period, its first placement and its first episode
 * (RNE S). Refused when the child is already looked after, the start is in the future, before
 * the child's birth or before their last period of care ended, or the placement lacks a provider.
 */
export async function startCare(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: StartInput,
  audit: AuditContext,
): Promise<{ periodId: number; episodeId: number }> {
  return changingRecord(deps, actor, childId, audit, 'care.start', (trx, now, basis) =>
    writeCareStart(trx, actor, childId, input, audit, now, basis),
  )
}

/**
 * Starting care's writes, in the caller's transaction once the permission is checked: the demo
 * authority's seed starts its child's care this way, inside its own transaction.
 */
export async function writeCareStart(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: Omit<StartInput, 'commissioning'> & { commissioning?: Commissioning },
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ periodId: number; episodeId: number }> {
  const child = await store.childNamed(trx, childId)
  if (!child) throw new NotFoundError('No such child')
  const open = await store.lockOpenPeriod(trx, childId)
  const refused = startRefusal({
    startDate: input.startDate,
    today: londonToday(now),
    inCare: open !== undefined,
    lastEnded: await store.lastEnded(trx, childId),
    dateOfBirth: child.date_of_birth,
    placement: input.placement,
  })
  if (refused) refuse(refused)
  // Another request may have started a period since the check: the same refusal.
  const periodId = await store.insertPeriod(trx, {
    childId,
    startDate: input.startDate,
    admission: input.admission,
    panel: input.panel,
    categoryOfNeed: input.categoryOfNeed,
    homePostcode: input.homePostcode,
    by: actor.id,
    at: now,
  })
  if (periodId === 'open') throw new CareStateError(ALREADY_IN_CARE)
  const placementId = await store.insertPlacement(trx, {
    periodId,
    childId,
    startDate: input.startDate,
    placement: input.placement,
    by: actor.id,
    at: now,
  })
  await commissioned(
    trx,
    { placementId, childId, startDate: input.startDate, by: actor.id, at: now },
    input.commissioning,
  )
  const episodeId = await store.insertEpisode(trx, {
    periodId,
    childId,
    placementId,
    startDate: input.startDate,
    rne: 'S',
    legalStatus: input.legalStatus,
    by: actor.id,
    at: now,
  })
  const at = dayStart(input.startDate)
  await recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: periodId,
    type: CARE_EVENTS.started,
    occurredAt: at,
    summary: `Became looked after (${input.admission} admission): ${codeText(LEGAL_STATUSES, input.legalStatus)}`,
    recordedBy: actor.id,
    attributes: {
      episodeId,
      admission: input.admission,
      legalStatus: input.legalStatus,
      placement: input.placement.place,
    },
  })
  await placementStarted(trx, childId, periodId, placementId, input.placement, at, actor.id)
  await approvalOwed(trx, {
    childId,
    periodId,
    placementId,
    placement: input.placement,
    previous: null,
    at,
    by: actor.id,
  })
  await recordAudit(trx, audit, {
    action: 'care.start',
    outcome: 'allowed',
    childId,
    recordType: 'care_period',
    recordId: periodId,
    basis,
    detail: {
      startDate: input.startDate,
      admission: input.admission,
      legalStatus: input.legalStatus,
      place: input.placement.place,
      ...commissionedDetail(input.commissioning),
    },
  })
  return { periodId, episodeId }
}

/** The route and weekly cost given with a new placement, dated from its start (none when left for later). */
async function commissioned(
  trx: Trx,
  p: { placementId: number; childId: number; startDate: string; by: number; at: Date },
  commissioning: Commissioning | undefined,
) {
  if (!commissioning) return
  await insertCost(trx, { ...p, from: p.startDate, ...commissioning })
}
const commissionedDetail = (c: Commissioning | undefined) =>
  c ? { route: c.route, weeklyPence: c.weeklyPence } : {}

/** The event that starts the statutory visit clock (lac-visit-1w) for each new placement. */
async function placementStarted(
  trx: Trx,
  childId: number,
  periodId: number,
  placementId: number,
  placement: Placement,
  at: Date,
  by: number,
) {
  await recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: periodId,
    type: CARE_EVENTS.placementStarted,
    occurredAt: at,
    summary: `Placement started: ${placementWords(placement)}`,
    recordedBy: by,
    attributes: { placementId, placement: placement.place, provider: placement.provider },
  })
}

/**
 * A new placement that needs the Placement Panel's or the head of service's approval starts the
 * approval clock, on the list of the manager of the child's allocated team; a move from one that
 * needed approval to one that needs none cancels it. The placement is recorded either way: an
 * emergency placement is never held up for its approval.
 */
async function approvalOwed(
  trx: Trx,
  p: {
    childId: number
    periodId: number
    placementId: number
    placement: Placement
    previous: Placement | null
    at: Date
    by: number
  },
) {
  const needed = approvalsNeeded(p.placement)
  const base = {
    childId: p.childId,
    subjectType: CARE_SUBJECT,
    subjectId: p.periodId,
    occurredAt: p.at,
    recordedBy: p.by,
  }
  if (needed.length === 0) {
    if (p.previous !== null && approvalsNeeded(p.previous).length > 0)
      await recordCaseEvent(trx, {
        ...base,
        type: PLACEMENT_EVENTS.approvalNotNeeded,
        summary: 'The new placement needs no approval',
        attributes: { placementId: p.placementId },
      })
    return
  }
  const eventId = await recordCaseEvent(trx, {
    ...base,
    type: PLACEMENT_EVENTS.approvalOwed,
    summary: approvalOwedWords(needed),
    attributes: { placementId: p.placementId, needed },
  })
  const manager = await allocatedTeamManager(trx, p.childId)
  if (manager !== null) await assignClockTask(trx, PLACEMENT_APPROVAL_CLOCK, eventId, manager)
}

/** Ends the current episode (X1) and starts the one the change plans, in the same or a new placement. */
async function applyChange(
  trx: Trx,
  childId: number,
  opened: Awaited<ReturnType<typeof openPeriod>>,
  date: string,
  plan: PlannedChange,
  by: number,
  now: Date,
) {
  const { period, episode } = opened
  await store.endEpisode(trx, episode.id, {
    date,
    rec: EPISODE_CONTINUES,
    reasonPlaceChange: plan.reasonPlaceChange,
  })
  let placementId = episode.placement_id
  if (plan.placement) {
    await store.endPlacement(trx, episode.placement_id, date)
    placementId = await store.insertPlacement(trx, {
      periodId: period.id,
      childId,
      startDate: date,
      placement: plan.placement,
      by,
      at: now,
    })
  }
  const episodeId = await store.insertEpisode(trx, {
    periodId: period.id,
    childId,
    placementId,
    startDate: date,
    rne: plan.rne,
    legalStatus: plan.legalStatus,
    by,
    at: now,
  })
  return { episodeId, placementId }
}

/** The legal status changes, the child staying where they are: a new episode, RNE L. */
export async function changeLegalStatus(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: LegalStatusInput,
  audit: AuditContext,
): Promise<{ episodeId: number; rne: string }> {
  return changingRecord(deps, actor, childId, audit, 'care.legal_status_change', async (trx, now, basis) => {
    const opened = await openPeriod(trx, childId)
    const plan = planLegalStatusChange(opened.current, input, londonToday(now))
    if (isRefusal(plan)) return refuse(plan)
    const { episodeId } = await applyChange(trx, childId, opened, input.date, plan, actor.id, now)
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: opened.period.id,
      type: CARE_EVENTS.legalStatusChanged,
      occurredAt: dayStart(input.date),
      summary: `Legal status changed from ${opened.current.legalStatus} to ${codeText(LEGAL_STATUSES, plan.legalStatus)}`,
      recordedBy: actor.id,
      attributes: { episodeId, rne: plan.rne, from: opened.current.legalStatus, to: plan.legalStatus },
    })
    await recordAudit(trx, audit, {
      action: 'care.legal_status_change',
      outcome: 'allowed',
      childId,
      recordType: 'care_period',
      recordId: opened.period.id,
      basis,
      detail: { date: input.date, rne: plan.rne, from: opened.current.legalStatus, to: plan.legalStatus },
    })
    return { episodeId, rne: plan.rne }
  })
}

/**
 * The child moves (or their placement changes with the same carers), perhaps with a new legal
 * status the same day: a new episode whose RNE is P, B, T or U, a new placement, and the visit
 * clock started for it.
 */
export async function changePlacement(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: PlacementInput,
  audit: AuditContext,
): Promise<{ episodeId: number; rne: string }> {
  return changingRecord(deps, actor, childId, audit, 'care.placement_change', async (trx, now, basis) => {
    const opened = await openPeriod(trx, childId)
    const plan = planPlacementChange(opened.current, input, londonToday(now))
    if (isRefusal(plan)) return refuse(plan)
    const { episodeId, placementId } = await applyChange(
      trx,
      childId,
      opened,
      input.date,
      plan,
      actor.id,
      now,
    )
    // The carers of the placement the child left lose sight of the plan at once.
    await carersEndWithPlacement(trx, audit, {
      childId,
      placementId: opened.episode.placement_id,
      at: now,
      reason: 'The placement ended',
    })
    await commissioned(
      trx,
      { placementId, childId, startDate: input.date, by: actor.id, at: now },
      input.commissioning,
    )
    const at = dayStart(input.date)
    const why = plan.reasonPlaceChange
      ? `: ${codeText(REASONS_FOR_PLACEMENT_CHANGE, plan.reasonPlaceChange)}`
      : ''
    const lsChanged = plan.legalStatus !== opened.current.legalStatus
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: opened.period.id,
      type: CARE_EVENTS.placementChanged,
      occurredAt: at,
      summary: `Placement changed (${plan.rne})${why}${lsChanged ? `; legal status now ${plan.legalStatus}` : ''}`,
      recordedBy: actor.id,
      attributes: {
        episodeId,
        rne: plan.rne,
        reasonPlaceChange: plan.reasonPlaceChange,
        from: opened.current.placement.place,
        to: input.placement.place,
        ...(lsChanged ? { legalStatus: plan.legalStatus } : {}),
      },
    })
    await placementStarted(trx, childId, opened.period.id, placementId, input.placement, at, actor.id)
    await approvalOwed(trx, {
      childId,
      periodId: opened.period.id,
      placementId,
      placement: input.placement,
      previous: opened.current.placement,
      at,
      by: actor.id,
    })
    await recordAudit(trx, audit, {
      action: 'care.placement_change',
      outcome: 'allowed',
      childId,
      recordType: 'care_period',
      recordId: opened.period.id,
      basis,
      detail: {
        date: input.date,
        rne: plan.rne,
        place: input.placement.place,
        reasonPlaceChange: plan.reasonPlaceChange,
        ...commissionedDetail(input.commissioning),
      },
    })
    return { episodeId, rne: plan.rne }
  })
}

/** The child stops being looked after: the last episode, its placement and the period end, with the REC. */
export async function endCare(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: EndInput,
  audit: AuditContext,
): Promise<{ periodId: number }> {
  return changingRecord(deps, actor, childId, audit, 'care.end', async (trx, now, basis) => {
    const { period, episode, current } = await openPeriod(trx, childId)
    const refused =
      endRefusal(current, input, londonToday(now)) ?? (await adoptionEndCheck(trx, period.id, input))
    if (refused) refuse(refused)
    await store.endEpisode(trx, episode.id, { date: input.date, rec: input.reason, reasonPlaceChange: null })
    await store.endPlacement(trx, episode.placement_id, input.date)
    await store.endPeriod(trx, period.id, { date: input.date, reason: input.reason, by: actor.id, at: now })
    await iroEndsWithCare(trx, audit, { childId, periodId: period.id, by: actor.id, at: now })
    await carersEndWithPlacement(trx, audit, {
      childId,
      placementId: episode.placement_id,
      at: now,
      reason: 'The period of care ended',
    })
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: CARE_EVENTS.ended,
      occurredAt: dayEnd(input.date),
      summary: `Ceased to be looked after: ${codeText(REASONS_CEASED, input.reason)}`,
      recordedBy: actor.id,
      attributes: { episodeId: episode.id, reason: input.reason },
    })
    await recordAudit(trx, audit, {
      action: 'care.end',
      outcome: 'allowed',
      childId,
      recordType: 'care_period',
      recordId: period.id,
      basis,
      detail: { date: input.date, reason: input.reason },
    })
    return { periodId: period.id }
  })
}

/** Everything the child's "Looked after" page shows. The route has checked and audited the view. */
export async function careRecord({ db }: CareDeps, childId: number) {
  const child = await store.childNamed(db, childId)
  if (!child) throw new NotFoundError('No such child')
  const [periods, episodes] = await Promise.all([store.periodsOf(db, childId), store.episodesOf(db, childId)])
  const open = periods.find((p) => p.end_date === null) ?? null
  const tasks = open ? await store.openTasksOf(db, open.id) : []
  const current = open
    ? (episodes.findLast((e) => e.period_id === open.id && e.end_date === null) ?? null)
    : null
  return {
    child,
    periods: periods.map((p) => ({ ...p, episodes: episodes.filter((e) => e.period_id === p.id) })),
    open,
    current,
    tasks,
  }
}
export type CareRecord = Awaited<ReturnType<typeof careRecord>>

/** The record panel's figures: the open period and current episode, or the last period's end. */
export async function carePanel({ db }: CareDeps, childId: number) {
  const periods = await store.periodsOf(db, childId)
  if (periods.length === 0) return { periods: 0, open: null, current: null, lastEnded: null }
  const open = periods.find((p) => p.end_date === null) ?? null
  const current = open ? await store.currentEpisode(db, open.id) : null
  return {
    periods: periods.length,
    open,
    current: current ?? null,
    lastEnded: open ? null : (periods[0] ?? null),
  }
}

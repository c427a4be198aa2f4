/**
 * A looked-after child's health, the use cases. Recording the initial or a review health
 * assessment (outstanding with why it waits, or completed), and a dated check (dental, sight,
 * immunisations, SDQ): each in one transaction, with the permission checked again, the child's
 * open period locked, the model's rules applied to what is saved, the row, the case event and the
 * audit row. A completed assessment writes `iha.completed` or `rha.completed` on the period,
 * which stops its clock and starts the next review's with the age band of the day. A refusal
 * leaves nothing written; a refusal of the user is audited on its own. The time comes from the
 * injected clock.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  ageBandOn,
  assessmentRefusal,
  assessmentSummary,
  checkDateRefusal,
  checkSummary,
  HEALTH_CLOCKS,
  HEALTH_EVENTS,
  healthInstant,
  sdqAgeRefusal,
  type AssessmentInput,
  type CheckInput,
  type HealthAssessmentKind,
} from './health-model.js'
import * as health from './health-store.js'
import { CARE_SUBJECT } from './model.js'
import { acting } from './review-service.js'
import { CareStateError, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const ASSESSMENT_AUDIT_ACTION = 'care.health_assessment_record'
export const CHECK_AUDIT_ACTION = 'care.health_check_record'
export const WAITING_LIST_AUDIT_ACTION = 'care.health_waiting_list'

const NOT_IN_CARE = 'This child is not looked after: health assessments are recorded during care'

/**
 * Records the period's initial (`iha`) or next review (`rha`) health assessment: creates it or
 * updates the outstanding one; completed, it stops the running clock and starts the next review's.
 */
export async function recordAssessment(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  kind: HealthAssessmentKind,
  input: AssessmentInput,
  audit: AuditContext,
): Promise<{ assessmentId: number; completed: boolean }> {
  return acting(deps, actor, childId, 'child.edit', audit, ASSESSMENT_AUDIT_ACTION, (trx, now, basis) =>
    writeAssessment(trx, actor, childId, kind, input, audit, now, basis),
  )
}

/**
 * An assessment's writes, in the caller's transaction once the permission is checked: the demo
 * authority's seed records its child's outstanding IHA this way, inside its own transaction.
 */
export async function writeAssessment(
  trx: Trx,
  actor: { id: number },
  childId: number,
  kind: HealthAssessmentKind,
  input: AssessmentInput,
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ assessmentId: number; completed: boolean }> {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError(NOT_IN_CARE)
  const child = await store.childNamed(trx, childId)
  if (!child) throw new NotFoundError('No such child')
  const outstanding = await health.lockOutstanding(trx, period.id)
  const all = await health.assessmentsOf(trx, period.id)
  const iha = all.find((a) => a.kind === 'iha')
  if (kind === 'iha' && iha?.completed_on)
    throw new CareStateError(
      `The initial health assessment was completed on ${longDate(iha.completed_on)}: record a review health assessment`,
    )
  if (kind === 'rha' && !iha?.completed_on)
    throw new CareStateError('Record the initial health assessment as completed first: reviews follow it')
  const previousCompleted =
    all
      .map((a) => a.completed_on)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null
  const refused = assessmentRefusal(input, {
    today: londonToday(now),
    periodStart: period.start_date,
    previousCompleted,
  })
  if (refused) throw new CareStateError(refused.message, refused.field)
  const ageBand = input.completedOn === null ? null : ageBandOn(child.date_of_birth, input.completedOn)
  const row = { facts: input, ageBand, by: actor.id, at: now }
  let assessmentId: number
  if (outstanding && outstanding.kind === kind) {
    assessmentId = outstanding.id
    await health.updateAssessment(trx, assessmentId, row)
  } else {
    if (outstanding) throw new Error(`Period ${period.id} has an outstanding ${outstanding.kind}`)
    assessmentId = await health.insertAssessment(trx, { ...row, periodId: period.id, childId, kind })
  }
  const completed = input.completedOn !== null
  await recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: period.id,
    type: completed
      ? kind === 'iha'
        ? HEALTH_EVENTS.ihaCompleted
        : HEALTH_EVENTS.rhaCompleted
      : kind === 'iha'
        ? HEALTH_EVENTS.ihaUpdated
        : HEALTH_EVENTS.rhaUpdated,
    // Completed for a day, at noon (after care that started that day); an update when it is made.
    occurredAt: completed ? healthInstant(input.completedOn as string) : now,
    summary: assessmentSummary(kind, input),
    recordedBy: actor.id,
    attributes: {
      assessmentId,
      ...(completed && ageBand !== null ? { ageBand } : {}),
      ...(completed ? {} : { waitingReason: input.waitingReason }),
    },
  })
  await recordAudit(trx, audit, {
    action: ASSESSMENT_AUDIT_ACTION,
    outcome: 'allowed',
    childId,
    recordType: 'care_health_assessment',
    recordId: assessmentId,
    basis,
    detail: {
      kind,
      periodId: period.id,
      requestedOn: input.requestedOn,
      appointmentOn: input.appointmentOn,
      completedOn: input.completedOn,
      waitingReason: input.waitingReason,
      ageBand,
    },
  })
  return { assessmentId, completed }
}

/** Records a dated check: dental, sight, immunisations or an SDQ score (ages 4 to 16 on the day). */
export async function recordCheck(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: CheckInput,
  audit: AuditContext,
): Promise<{ checkId: number }> {
  return acting(deps, actor, childId, 'child.edit', audit, CHECK_AUDIT_ACTION, async (trx, now, basis) => {
    const period = await store.lockOpenPeriod(trx, childId)
    if (!period) throw new CareStateError(NOT_IN_CARE)
    const child = await store.childNamed(trx, childId)
    if (!child) throw new NotFoundError('No such child')
    const refused =
      checkDateRefusal(input.checkedOn, period.start_date) ??
      (input.kind === 'sdq' ? sdqAgeRefusal(child.date_of_birth, input.checkedOn) : null)
    if (refused) throw new CareStateError(refused.message, refused.field)
    const checkId = await health.insertCheck(trx, {
      periodId: period.id,
      childId,
      facts: input,
      by: actor.id,
      at: now,
    })
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: HEALTH_EVENTS.checkRecorded,
      occurredAt: healthInstant(input.checkedOn),
      summary: checkSummary(input),
      recordedBy: actor.id,
      attributes: { checkId, kind: input.kind },
    })
    await recordAudit(trx, audit, {
      action: CHECK_AUDIT_ACTION,
      outcome: 'allowed',
      childId,
      recordType: 'care_health_check',
      recordId: checkId,
      basis,
      detail: {
        kind: input.kind,
        checkedOn: input.checkedOn,
        periodId: period.id,
        ...(input.kind === 'immunisations' ? { upToDate: input.upToDate } : {}),
        ...(input.kind === 'sdq' ? { sdqScore: input.sdqScore } : {}),
      },
    })
    return { checkId }
  })
}

/**
 * What the care page's health section shows: the open period's assessments and the open health
 * task, and the child's checks. The route has checked and audited the reader's view of the child.
 */
export async function healthSection({ db }: CareDeps, childId: number, openPeriodId: number | null) {
  const [assessments, checks, tasks] = await Promise.all([
    health.childAssessments(db, childId),
    health.checksOf(db, childId),
    openPeriodId === null ? Promise.resolve([]) : store.openTasksOf(db, openPeriodId),
  ])
  return {
    assessments: assessments.filter((a) => a.period_id === openPeriodId),
    outstanding: assessments.find((a) => a.period_id === openPeriodId && a.completed_on === null) ?? null,
    checks,
    // The IHA, or the next review, due: at most one runs at a time.
    task: tasks.find((t) => (Object.values(HEALTH_CLOCKS) as string[]).includes(t.clock_code)) ?? null,
  }
}
export type HealthSection = Awaited<ReturnType<typeof healthSection>>

/**
 * Who is waiting for a health assessment, for a manager: the children they may see whose IHA is
 * owed, or whose RHA is due soon, overdue or recorded as outstanding; soonest due first. Naming children, the list is a read of each: one audit row
 * naming them all.
 */
export async function healthWaitingList({ db, clock }: CareDeps, actor: Actor, audit: AuditContext) {
  const now = clock.now()
  const rows = await health.waitingForAssessment(db, visibleChildren(actor, now), now)
  await recordAuditAlone(db, audit, {
    action: WAITING_LIST_AUDIT_ACTION,
    outcome: 'allowed',
    detail: { childIds: [...new Set(rows.map((r) => r.child_id))] },
  })
  return rows
}

/** The home panel's figures for a manager: how many children they may see wait, and how many are overdue. */
export async function healthWaitingFigures({ db, clock }: CareDeps, actor: Actor) {
  const now = clock.now()
  const rows = await health.waitingForAssessment(db, visibleChildren(actor, now), now)
  return {
    waiting: rows.length,
    overdue: rows.filter((r) => r.due_at < now).length,
    paperwork: rows.filter((r) => r.waiting_reason === 'paperwork').length,
    appointment: rows.filter((r) => r.waiting_reason === 'appointment').length,
  }
}

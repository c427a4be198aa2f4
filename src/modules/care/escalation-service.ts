/**
 * The IRO's escalations and the permanency planning meeting: the use cases. Raising (the child's
 * IRO or a manager), responding at the open stage (a manager at that level: resolved closes it,
 * not resolved sends it to the next stage, past the director a referral to Cafcass), moving a late
 * stage on (the IRO, once the response is overdue), and recording the permanency planning meeting.
 * Each runs in one transaction with its permission checked again (`acting`), the period locked,
 * the rows, the case events (which drive the clocks) and the audit row; a refusal leaves nothing
 * written, and a refusal of the user is audited on its own. The time comes from the injected clock.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonDate, londonToday, longDate } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadClockSettings, type ClockSettings } from '../../platform/calendar/store.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { NotAllowedError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { allocatedTeamManager } from '../../platform/signoff/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  afterResponse,
  categoryLabel,
  ESCALATION_CLOCK,
  ESCALATION_EVENTS,
  mayEscalateLate,
  mayRaise,
  mayRespond,
  meetingInstant,
  nextStage,
  PERMANENCY_EVENT,
  permanencyRefusal,
  planLabel,
  REFERRAL,
  sentSummary,
  stageDue,
  stageTitle,
  type EscalateInput,
  type PermanencyInput,
  type RaiseInput,
  type RespondInput,
} from './escalation-model.js'
import * as escalations from './escalation-store.js'
import { CARE_SUBJECT } from './model.js'
import * as reviews from './review-store.js'
import { acting } from './review-service.js'
import { CareStateError, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const RAISE_AUDIT_ACTION = 'care.iro_escalation_raise'
export const RESPOND_AUDIT_ACTION = 'care.iro_escalation_respond'
export const ESCALATE_AUDIT_ACTION = 'care.iro_escalation_escalate'
export const PERMANENCY_AUDIT_ACTION = 'care.permanency_record'

const NOT_IN_CARE = 'This child is not looked after: an IRO escalation is about a period of care'
const NO_OPEN = 'This child has no open IRO escalation'

function clockOf(settings: ClockSettings) {
  const definition = settings.definitions.find((d) => d.code === ESCALATION_CLOCK)
  if (!definition) throw new Error(`The clock ${ESCALATION_CLOCK} is not defined`)
  return definition
}

/** The open period, locked, and its current IRO's user id (or null). */
async function periodAndIro(trx: Trx, childId: number) {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError(NOT_IN_CARE)
  const iro = await reviews.currentIro(trx, period.id)
  return { period, iroId: iro?.iro_user_id ?? null }
}

/**
 * Sends the escalation to `stage`: the step, the case event that starts the stage's clock (and
 * cancels one still running below), and the task on the list of the child's team's manager.
 * The referral to Cafcass has no response due: it closes the escalation.
 */
async function sendTo(
  trx: Trx,
  s: {
    childId: number
    periodId: number
    escalationId: number
    stage: string
    because: 'raised' | 'not_resolved' | 'late'
    note: string | null
    by: number
    now: Date
    settings: ClockSettings
  },
): Promise<Date | null> {
  const referral = s.stage === REFERRAL
  const due = referral ? null : stageDue(clockOf(s.settings), s.now, s.stage, s.settings.calendar)
  await escalations.insertStep(trx, {
    escalationId: s.escalationId,
    stage: s.stage,
    kind: 'sent',
    because: s.because,
    note: s.note,
    dueAt: due,
    by: s.by,
    at: s.now,
  })
  const summary = sentSummary(s.stage, s.because, due && longDate(londonDate(due.getTime())))
  const base = { childId: s.childId, subjectType: CARE_SUBJECT, subjectId: s.periodId, occurredAt: s.now }
  if (referral) {
    await recordCaseEvent(
      trx,
      {
        ...base,
        type: ESCALATION_EVENTS.closed,
        summary,
        recordedBy: s.by,
        attributes: { escalationId: s.escalationId, stage: s.stage, outcome: 'referred' },
      },
      s.settings,
    )
    return null
  }
  const eventId = await recordCaseEvent(
    trx,
    {
      ...base,
      type: ESCALATION_EVENTS.sent,
      summary,
      recordedBy: s.by,
      attributes: { escalationId: s.escalationId, stage: s.stage, because: s.because },
    },
    s.settings,
  )
  // The response is the child's team's manager's to give or to carry up the line: on their list.
  const manager = await allocatedTeamManager(trx, s.childId)
  if (manager !== null) await assignClockTask(trx, ESCALATION_CLOCK, eventId, manager)
  return due
}

/** The IRO (or a manager) raises an escalation about the child's plan or practice. */
export async function raiseEscalation(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: RaiseInput,
  audit: AuditContext,
): Promise<{ escalationId: number; dueAt: Date }> {
  return acting(deps, actor, childId, 'child.edit', audit, RAISE_AUDIT_ACTION, async (trx, now, basis) => {
    const { period, iroId } = await periodAndIro(trx, childId)
    const may = mayRaise(actor, iroId)
    if (!may.allowed) throw new NotAllowedError(may.reason)
    if (await escalations.lockOpenEscalation(trx, period.id))
      throw new CareStateError(
        'This child already has an open IRO escalation: respond to it or escalate it before raising another',
      )
    const settings = await loadClockSettings(trx)
    const dueAt = stageDue(clockOf(settings), now, input.stage, settings.calendar)
    const escalationId = await escalations.insertEscalation(trx, {
      periodId: period.id,
      childId,
      input,
      dueAt,
      by: actor.id,
      at: now,
    })
    await sendTo(trx, {
      childId,
      periodId: period.id,
      escalationId,
      stage: input.stage,
      because: 'raised',
      note: null,
      by: actor.id,
      now,
      settings,
    })
    await recordAudit(trx, audit, {
      action: RAISE_AUDIT_ACTION,
      outcome: 'allowed',
      childId,
      recordType: 'care_iro_escalation',
      recordId: escalationId,
      basis,
      detail: {
        periodId: period.id,
        stage: input.stage,
        category: input.category,
        dueAt: dueAt.toISOString(),
      },
    })
    return { escalationId, dueAt }
  })
}

/**
 * A manager at the open stage records the response: its clock stops; resolved closes the
 * escalation, not resolved sends it to the next stage (or refers it to Cafcass).
 */
export async function respondToEscalation(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: RespondInput,
  audit: AuditContext,
): Promise<{ escalationId: number; status: string; stage: string }> {
  return acting(
    deps,
    actor,
    childId,
    'child.allocate',
    audit,
    RESPOND_AUDIT_ACTION,
    async (trx, now, basis) => {
      const { period } = await periodAndIro(trx, childId)
      const open = await escalations.lockOpenEscalation(trx, period.id)
      if (!open) throw new CareStateError(NO_OPEN)
      const may = mayRespond(open, actor)
      if (!may.allowed) throw new NotAllowedError(may.reason)
      const settings = await loadClockSettings(trx)
      const late = open.due_at !== null && now.getTime() > open.due_at.getTime()
      await escalations.insertStep(trx, {
        escalationId: open.id,
        stage: open.stage,
        kind: 'responded',
        outcome: input.outcome,
        note: input.note,
        dueAt: null,
        by: actor.id,
        at: now,
      })
      // The escalation's events on the period, at this instant, by this manager.
      const event = (type: string, summary: string, outcome: string) =>
        recordCaseEvent(
          trx,
          {
            childId,
            subjectType: CARE_SUBJECT,
            subjectId: period.id,
            type,
            occurredAt: now,
            summary,
            recordedBy: actor.id,
            attributes: { escalationId: open.id, stage: open.stage, outcome },
          },
          settings,
        )
      await event(
        ESCALATION_EVENTS.responded,
        `IRO escalation answered at ${stageTitle(open.stage)}: ${input.outcome === 'resolved' ? 'resolved' : 'not resolved'}${late ? ', after the response was due' : ''}`,
        input.outcome,
      )
      const next = afterResponse(open.stage, input.outcome)
      if (next.status === 'resolved') {
        await escalations.updateEscalation(trx, open.id, {
          stage: open.stage,
          status: 'resolved',
          dueAt: null,
          at: now,
        })
        await event(
          ESCALATION_EVENTS.closed,
          `IRO escalation resolved at ${stageTitle(open.stage)}`,
          'resolved',
        )
      } else {
        const due = await sendTo(trx, {
          childId,
          periodId: period.id,
          escalationId: open.id,
          stage: next.stage,
          because: 'not_resolved',
          note: null,
          by: actor.id,
          now,
          settings,
        })
        await escalations.updateEscalation(trx, open.id, {
          stage: next.stage,
          status: next.status,
          dueAt: due,
          at: now,
        })
      }
      await recordAudit(trx, audit, {
        action: RESPOND_AUDIT_ACTION,
        outcome: 'allowed',
        childId,
        recordType: 'care_iro_escalation',
        recordId: open.id,
        basis,
        detail: {
          stage: open.stage,
          outcome: input.outcome,
          late,
          now: next.status === 'resolved' ? 'resolved' : next.stage,
        },
      })
      return {
        escalationId: open.id,
        status: next.status,
        stage: next.status === 'resolved' ? open.stage : next.stage,
      }
    },
  )
}

/** The IRO moves a stage whose response is overdue to the next stage (or refers it to Cafcass). */
export async function escalateLate(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: EscalateInput,
  audit: AuditContext,
): Promise<{ escalationId: number; stage: string }> {
  return acting(deps, actor, childId, 'child.edit', audit, ESCALATE_AUDIT_ACTION, async (trx, now, basis) => {
    const { period, iroId } = await periodAndIro(trx, childId)
    const open = await escalations.lockOpenEscalation(trx, period.id)
    if (!open) throw new CareStateError(NO_OPEN)
    const may = mayEscalateLate({ status: open.status, dueAt: open.due_at }, actor, iroId, now)
    if (!may.allowed) throw new NotAllowedError(may.reason)
    const next = nextStage(open.stage)
    if (next === null) throw new CareStateError(NO_OPEN)
    const settings = await loadClockSettings(trx)
    const due = await sendTo(trx, {
      childId,
      periodId: period.id,
      escalationId: open.id,
      stage: next.code,
      because: 'late',
      note: input.note,
      by: actor.id,
      now,
      settings,
    })
    await escalations.updateEscalation(trx, open.id, {
      stage: next.code,
      status: next.code === REFERRAL ? 'referred' : 'open',
      dueAt: due,
      at: now,
    })
    await recordAudit(trx, audit, {
      action: ESCALATE_AUDIT_ACTION,
      outcome: 'allowed',
      childId,
      recordType: 'care_iro_escalation',
      recordId: open.id,
      basis,
      detail: { from: open.stage, to: next.code, because: 'late' },
    })
    return { escalationId: open.id, stage: next.code }
  })
}

/** Records the period's permanency planning meeting: its clock stops. */
export async function recordPermanencyMeeting(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: PermanencyInput,
  audit: AuditContext,
): Promise<{ periodId: number }> {
  return acting(
    deps,
    actor,
    childId,
    'child.edit',
    audit,
    PERMANENCY_AUDIT_ACTION,
    async (trx, now, basis) => {
      const period = await store.lockOpenPeriod(trx, childId)
      if (!period)
        throw new CareStateError('This child is not looked after: the meeting is recorded during care')
      const already = await escalations.permanencyMeetingOf(trx, period.id)
      const refused = permanencyRefusal({
        heldOn: input.heldOn,
        periodStart: period.start_date,
        already: already?.held_on ?? null,
      })
      if (refused) throw new CareStateError(refused.message, refused.field)
      const inserted = await escalations.insertPermanencyMeeting(trx, {
        periodId: period.id,
        childId,
        input,
        by: actor.id,
        at: now,
      })
      if (!inserted) throw new CareStateError('The permanency planning meeting was already recorded')
      await recordCaseEvent(trx, {
        childId,
        subjectType: CARE_SUBJECT,
        subjectId: period.id,
        type: PERMANENCY_EVENT,
        occurredAt: meetingInstant(input.heldOn),
        summary: `Permanency planning meeting chaired by ${input.chair}: the plan is ${planLabel(input.plan).toLowerCase()}`,
        recordedBy: actor.id,
        attributes: { plan: input.plan },
      })
      await recordAudit(trx, audit, {
        action: PERMANENCY_AUDIT_ACTION,
        outcome: 'allowed',
        childId,
        recordType: 'care_period',
        recordId: period.id,
        basis,
        detail: { heldOn: input.heldOn, plan: input.plan },
      })
      return { periodId: period.id }
    },
  )
}

/**
 * The care page's section: the child's escalations with their history, the open one's stage and
 * due date, and the permanency planning meeting (or when it is due). The route has checked and
 * audited the reader's view of the child; `tasks` are the open period's open tasks.
 */
export async function escalationSection(
  deps: CareDeps,
  childId: number,
  open: number | null,
  tasks: readonly { clock_code: string; due_at: Date }[],
  calendar: WorkingCalendar,
) {
  const { db, clock } = deps
  const now = clock.now()
  const list = await escalations.escalationsOf(db, childId)
  const steps = await escalations.stepsOf(
    db,
    list.map((e) => e.id),
  )
  const meeting = open === null ? undefined : await escalations.permanencyMeetingOf(db, open)
  const due = tasks.find((t) => t.clock_code === 'permanency-planning-meeting')
  const when = (d: Date) => longDate(londonDate(d.getTime()))
  return {
    escalations: list.map((e) => ({
      id: e.id,
      open: e.status === 'open',
      statusText: { open: 'Open', resolved: 'Resolved', referred: 'Referred to Cafcass' }[e.status],
      stageText: stageTitle(e.stage),
      categoryText: categoryLabel(e.category),
      concern: e.concern,
      reason: e.reason,
      raisedBy: e.raisedByName,
      raisedOn: when(e.raised_at),
      due: e.status === 'open' && e.due_at ? describeDue(e.due_at, now, calendar) : null,
      overdue: e.status === 'open' && e.due_at !== null && now.getTime() > e.due_at.getTime(),
      history: steps
        .filter((s) => s.escalation_id === e.id)
        .map((s) => ({
          on: when(s.at),
          by: s.byName,
          text:
            s.kind === 'sent'
              ? sentSummary(s.stage, s.because ?? 'raised', s.due_at && when(s.due_at))
              : `Response at ${stageTitle(s.stage)}: ${s.outcome === 'resolved' ? 'resolved' : 'not resolved'}`,
          note: s.note,
        })),
    })),
    permanency: meeting
      ? {
          heldOn: meeting.held_on,
          chair: meeting.chair,
          planText: planLabel(meeting.plan),
          note: meeting.note,
        }
      : null,
    permanencyDue: due ? describeDue(due.due_at, now, calendar) : null,
    today: londonToday(now),
  }
}
export type EscalationSection = Awaited<ReturnType<typeof escalationSection>>

/**
 * Care proceedings: the use cases. Recording the application, a hearing, an extension of the
 * timetable and the conclusion, each in one transaction: the permission checked again
 * (`changingRecord`: whoever may change the child's record), the open proceedings locked, the
 * model's rules applied, the row, the case event and the audit row. The events drive the clock
 * `care-proceedings-26w`: `care_proceedings.timetabled` (at issue, and again at each extension,
 * carrying the timetable's end) starts it afresh on that date; `care_proceedings.concluded` stops
 * it. Its task goes on the list of the child's allocated worker and team (the platform's default).
 * A refusal leaves nothing written. The time comes from the injected clock.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { codeText, LEGAL_STATUSES } from './model.js'
import {
  applicationRefusal,
  conclusionRefusal,
  conclusionSummary,
  daysFrom,
  extensionRefusal,
  extensionSummary,
  FINAL_ORDERS,
  HEARING_KINDS,
  HEARING_ORDERS,
  hearingRefusal,
  hearingSummary,
  issuedSummary,
  lengthInWords,
  optionLabel,
  ORDER_LEGAL_STATUS,
  ploStage,
  PROCEEDINGS_EVENTS,
  PROCEEDINGS_SUBJECT,
  proceedingsInstant,
  timetableEnd,
  weekOf,
  weeks26End,
  type ApplicationInput,
  type ConclusionInput,
  type ExtensionInput,
  type HearingInput,
} from './proceedings-model.js'
import * as proceedings from './proceedings-store.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const PROCEEDINGS_AUDIT = {
  application: 'care.proceedings_issue',
  hearing: 'care.proceedings_hearing',
  extension: 'care.proceedings_extension',
  conclusion: 'care.proceedings_conclude',
} as const

const RECORD_TYPE = 'care_proceedings'
const NONE_OPEN = 'This child has no care proceedings open: record the application first'

/** The conclusion sits late in its day, after a hearing or an extension recorded for the same day. */
const concludedInstant = (date: string) => londonInstant(date, '17:00')

/** The open proceedings, locked, linked to the period of care the child is now in. */
async function openOf(trx: Trx, childId: number) {
  const open = await proceedings.lockOpenProceedings(trx, childId)
  if (!open) throw new CareStateError(NONE_OPEN)
  if (open.period_id === null) {
    const period = await store.lockOpenPeriod(trx, childId)
    if (period) await proceedings.linkPeriod(trx, open.id, period.id)
  }
  return open
}

/** The local authority applies for a care or supervision order: the proceedings and their 26 weeks. */
export async function recordApplication(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: ApplicationInput,
  audit: AuditContext,
): Promise<{ proceedingsId: number; ends: string }> {
  const action = { action: PROCEEDINGS_AUDIT.application, recordType: RECORD_TYPE }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const child = await store.childNamed(trx, childId)
    if (!child) throw new NotFoundError('No such child')
    const open = await proceedings.lockOpenProceedings(trx, childId)
    const refused = applicationRefusal({
      issuedOn: input.issuedOn,
      letterBeforeOn: input.letterBeforeOn,
      dateOfBirth: child.date_of_birth,
      openSince: open?.issued_on ?? null,
    })
    if (refused) throw new CareStateError(refused.message, refused.field)
    const period = await store.lockOpenPeriod(trx, childId)
    const id = await proceedings.insertProceedings(trx, {
      childId,
      periodId: period?.id ?? null,
      input,
      by: actor.id,
      at: now,
    })
    if (id === null) throw new CareStateError('This child already has care proceedings open')
    const ends = weeks26End(input.issuedOn)
    await recordCaseEvent(trx, {
      childId,
      subjectType: PROCEEDINGS_SUBJECT,
      subjectId: id,
      type: PROCEEDINGS_EVENTS.timetabled,
      occurredAt: proceedingsInstant(input.issuedOn),
      summary: issuedSummary(input, ends),
      recordedBy: actor.id,
      attributes: { because: 'issued', issuedOn: input.issuedOn, timetableEnds: ends },
    })
    await recordAudit(trx, audit, {
      action: PROCEEDINGS_AUDIT.application,
      outcome: 'allowed',
      childId,
      recordType: RECORD_TYPE,
      recordId: id,
      basis,
      detail: { issuedOn: input.issuedOn, ends, periodId: period?.id ?? null },
    })
    return { proceedingsId: id, ends }
  })
}

/** A hearing in the open proceedings, with the order it made. */
export async function recordHearing(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: HearingInput,
  audit: AuditContext,
): Promise<{ hearingId: number }> {
  const action = { action: PROCEEDINGS_AUDIT.hearing, recordType: RECORD_TYPE }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const open = await openOf(trx, childId)
    const refused = hearingRefusal({ heardOn: input.heardOn, issuedOn: open.issued_on })
    if (refused) throw new CareStateError(refused.message, refused.field)
    const hearingId = await proceedings.insertHearing(trx, {
      proceedingsId: open.id,
      childId,
      input,
      by: actor.id,
      at: now,
    })
    await recordCaseEvent(trx, {
      childId,
      subjectType: PROCEEDINGS_SUBJECT,
      subjectId: open.id,
      type: PROCEEDINGS_EVENTS.hearing,
      occurredAt: proceedingsInstant(input.heardOn),
      summary: hearingSummary(input),
      recordedBy: actor.id,
      attributes: { hearingId, kind: input.kind, order: input.order },
    })
    await recordAudit(trx, audit, {
      action: PROCEEDINGS_AUDIT.hearing,
      outcome: 'allowed',
      childId,
      recordType: RECORD_TYPE,
      recordId: open.id,
      basis,
      detail: { hearingId, heardOn: input.heardOn, kind: input.kind, order: input.order },
    })
    return { hearingId }
  })
}

/** The court extends the timetable (up to 8 weeks at a time): the clock restarts on the new end. */
export async function recordExtension(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: ExtensionInput,
  audit: AuditContext,
): Promise<{ extensionId: number; ends: string }> {
  const action = { action: PROCEEDINGS_AUDIT.extension, recordType: RECORD_TYPE }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const open = await openOf(trx, childId)
    const earlier = await proceedings.extensionsOf(trx, [open.id])
    const currentEnd = timetableEnd(
      open.issued_on,
      earlier.map((x) => ({ extendedTo: x.extended_to })),
    )
    const refused = extensionRefusal({
      grantedOn: input.grantedOn,
      extendedTo: input.extendedTo,
      issuedOn: open.issued_on,
      currentEnd,
    })
    if (refused) throw new CareStateError(refused.message, refused.field)
    const extensionId = await proceedings.insertExtension(trx, {
      proceedingsId: open.id,
      childId,
      input,
      previousEnd: currentEnd,
      by: actor.id,
      at: now,
    })
    await recordCaseEvent(trx, {
      childId,
      subjectType: PROCEEDINGS_SUBJECT,
      subjectId: open.id,
      type: PROCEEDINGS_EVENTS.timetabled,
      occurredAt: proceedingsInstant(input.grantedOn),
      summary: extensionSummary({
        previousEnd: currentEnd,
        extendedTo: input.extendedTo,
        reason: input.reason,
      }),
      recordedBy: actor.id,
      attributes: {
        because: 'extended',
        extensionId,
        previousEnd: currentEnd,
        timetableEnds: input.extendedTo,
      },
    })
    await recordAudit(trx, audit, {
      action: PROCEEDINGS_AUDIT.extension,
      outcome: 'allowed',
      childId,
      recordType: RECORD_TYPE,
      recordId: open.id,
      basis,
      detail: { extensionId, grantedOn: input.grantedOn, from: currentEnd, to: input.extendedTo },
    })
    return { extensionId, ends: input.extendedTo }
  })
}

/** The proceedings conclude (a final order, no order, or withdrawn): the clock stops. */
export async function recordConclusion(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: ConclusionInput,
  audit: AuditContext,
): Promise<{ proceedingsId: number }> {
  const action = { action: PROCEEDINGS_AUDIT.conclusion, recordType: RECORD_TYPE }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const open = await openOf(trx, childId)
    const [hearings, extensions] = await Promise.all([
      proceedings.hearingsOf(trx, [open.id]),
      proceedings.extensionsOf(trx, [open.id]),
    ])
    const refused = conclusionRefusal({
      concludedOn: input.concludedOn,
      issuedOn: open.issued_on,
      lastHearing: hearings.at(-1)?.heard_on ?? null,
      lastGrant: extensions.reduce<string | null>(
        (last, x) => (last === null || x.granted_on > last ? x.granted_on : last),
        null,
      ),
    })
    if (refused) throw new CareStateError(refused.message, refused.field)
    await proceedings.concludeProceedings(trx, open.id, { input, by: actor.id, at: now })
    await recordCaseEvent(trx, {
      childId,
      subjectType: PROCEEDINGS_SUBJECT,
      subjectId: open.id,
      type: PROCEEDINGS_EVENTS.concluded,
      occurredAt: concludedInstant(input.concludedOn),
      summary: conclusionSummary({ issuedOn: open.issued_on, ...input }),
      recordedBy: actor.id,
      attributes: { finalOrder: input.finalOrder, days: daysFrom(open.issued_on, input.concludedOn) + 1 },
    })
    await recordAudit(trx, audit, {
      action: PROCEEDINGS_AUDIT.conclusion,
      outcome: 'allowed',
      childId,
      recordType: RECORD_TYPE,
      recordId: open.id,
      basis,
      detail: { concludedOn: input.concludedOn, finalOrder: input.finalOrder },
    })
    return { proceedingsId: open.id }
  })
}

/**
 * The care page's section: each set of proceedings with its week of 26, the timetable's end,
 * the PLO stage, the hearings (an order that gives a legal status beside the change recorded on
 * the care record, or the lack of one) and the extensions. The route has checked and audited the
 * reader's view of the child.
 */
export async function proceedingsSection(deps: CareDeps, childId: number) {
  const { db, clock } = deps
  const today = londonToday(clock.now())
  const list = await proceedings.proceedingsOf(db, childId)
  const ids = list.map((p) => p.id)
  const [hearings, extensions, statuses, periods] = await Promise.all([
    proceedings.hearingsOf(db, ids),
    proceedings.extensionsOf(db, ids),
    proceedings.legalStatusesOf(db, childId),
    store.periodsOf(db, childId),
  ])
  // A legal status "changes" where an episode's status differs from the one before it.
  const changes = statuses.filter((s, i) => i === 0 || statuses[i - 1]?.legal_status !== s.legal_status)
  return list.map((p) => {
    const own = hearings.filter((h) => h.proceedings_id === p.id)
    const ext = extensions.filter((x) => x.proceedings_id === p.id)
    const ends = timetableEnd(
      p.issued_on,
      ext.map((x) => ({ extendedTo: x.extended_to })),
    )
    const end26 = weeks26End(p.issued_on)
    const asAt = p.concluded_on ?? today
    const week = weekOf(p.issued_on, asAt)
    const period = periods.find((q) => q.id === p.period_id)
    return {
      id: p.id,
      open: p.concluded_on === null,
      issuedOn: p.issued_on,
      court: p.court,
      applicant: p.applicant,
      letterBeforeOn: p.letter_before_on,
      periodText: period
        ? `The period of care from ${longDate(period.start_date)}`
        : 'Not linked: the child was not looked after when these were recorded',
      stage: ploStage({ hearingKinds: own.map((h) => h.kind), concluded: p.concluded_on !== null }),
      week,
      weekText:
        p.concluded_on === null
          ? week <= 26
            ? `Week ${week} of 26`
            : `Week ${week}: beyond the 26 weeks`
          : `Concluded in week ${week}${week <= 26 ? ', within 26 weeks' : ', beyond the 26 weeks'}`,
      weeks26End: end26,
      ends,
      extended: ends !== end26,
      overdue: p.concluded_on === null && today > ends,
      concludedOn: p.concluded_on,
      finalOrderText: optionLabel(FINAL_ORDERS, p.final_order),
      hearings: own.map((h) => {
        const code = h.order_made ? ORDER_LEGAL_STATUS[h.order_made] : undefined
        const change = code
          ? changes.find((c) => c.legal_status === code && c.start_date >= h.heard_on)
          : undefined
        return {
          heardOn: h.heard_on,
          kindText: optionLabel(HEARING_KINDS, h.kind),
          outcome: h.outcome,
          orderText: h.order_made ? optionLabel(HEARING_ORDERS, h.order_made) : 'None',
          legalStatus: code
            ? change
              ? `Legal status ${codeText(LEGAL_STATUSES, code)} from ${longDate(change.start_date)}`
              : `Legal status not yet changed to ${codeText(LEGAL_STATUSES, code)}`
            : null,
          legalStatusMissing: code !== undefined && change === undefined,
        }
      }),
      extensions: ext.map((x) => ({
        grantedOn: x.granted_on,
        from: x.previous_end,
        to: x.extended_to,
        lengthText: lengthInWords(daysFrom(x.previous_end, x.extended_to)),
        reason: x.reason,
      })),
    }
  })
}
export type ProceedingsSection = Awaited<ReturnType<typeof proceedingsSection>>

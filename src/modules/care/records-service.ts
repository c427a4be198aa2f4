/**
 * Recording the 903's plain dated records, each in one transaction: the permission checked again,
 * the record's state read (the open period locked), the model's rules applied, the row, the case
 * event and the audit row. A refusal leaves nothing written; a refusal of the user is audited on
 * its own. The time comes from the injected clock.
 *
 * - Previous permanence: recorded (or corrected) for the open period: `care.previous_permanence_recorded`.
 * - A missing or away episode: `missing.started`; its return `missing.returned`, which starts the
 *   return home interview clock (rhi-72h) that `rhi.offered` stops; `rhi.held` when it took place.
 *   Only one episode is open at a time; the form records the open one's return.
 * - UASC status and the age assessment: recorded (or corrected) for the child: `care.uasc_recorded`.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { CARE_SUBJECT } from './model.js'
import {
  MISSING_SUBJECT,
  missingInstant,
  missingRefusal,
  missingWords,
  previousPermanenceRefusal,
  previousPermanenceSummary,
  RECORDS_EVENTS,
  uascRefusal,
  uascSummary,
  type MissingInput,
  type PreviousPermanenceInput,
  type UascInput,
} from './records-model.js'
import * as records from './records-store.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const RECORDS_AUDIT = {
  previousPermanence: 'care.previous_permanence_record',
  missing: 'care.missing_record',
  uasc: 'care.uasc_record',
} as const

const NOT_IN_CARE = 'This child is not looked after: these details are recorded during care'

async function openPeriodOf(trx: Trx, childId: number) {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError(NOT_IN_CARE)
  return period
}

/** Records (or corrects) the open period's previous permanence. */
export async function recordPreviousPermanence(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: PreviousPermanenceInput,
  audit: AuditContext,
): Promise<{ periodId: number }> {
  return changingRecord(deps, actor, childId, audit, RECORDS_AUDIT.previousPermanence, (trx, now, basis) =>
    writePreviousPermanence(trx, actor, childId, input, audit, now, basis),
  )
}

/**
 * Previous permanence's writes, in the caller's transaction once the permission is checked: the
 * demo authority's seed records its child's this way, inside its own transaction.
 */
export async function writePreviousPermanence(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: PreviousPermanenceInput,
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ periodId: number }> {
  const period = await openPeriodOf(trx, childId)
  const child = await store.childNamed(trx, childId)
  if (!child) throw new NotFoundError('No such child')
  const refused = previousPermanenceRefusal(input, {
    periodStart: period.start_date,
    dateOfBirth: child.date_of_birth,
  })
  if (refused) throw new CareStateError(refused.message, refused.field)
  await records.upsertPreviousPermanence(trx, { periodId: period.id, childId, input, by: actor.id, at: now })
  await recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: period.id,
    type: RECORDS_EVENTS.previousPermanence,
    occurredAt: now,
    summary: previousPermanenceSummary(input),
    recordedBy: actor.id,
    attributes: { prevPerm: input.kind, orderDate: input.orderDate, orderLa: input.orderLa },
  })
  await recordAudit(trx, audit, {
    action: RECORDS_AUDIT.previousPermanence,
    outcome: 'allowed',
    childId,
    recordType: 'care_period',
    recordId: period.id,
    basis,
    detail: { prevPerm: input.kind, orderDate: input.orderDate, orderLa: input.orderLa },
  })
  return { periodId: period.id }
}

/**
 * Records a missing or away episode, or the return (and the interview) of the one still open.
 * Refused when the child is not looked after, the dates are out of order, or it overlaps another.
 */
export async function recordMissing(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: MissingInput,
  audit: AuditContext,
): Promise<{ missingId: number }> {
  const action = { action: RECORDS_AUDIT.missing, recordType: 'care_missing_episode' }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const period = await openPeriodOf(trx, childId)
    const open = await records.lockOpenMissing(trx, childId)
    const isNew = open === undefined
    // The form asked for the start only when no episode was open: one opened since is a conflict.
    if (isNew === (input.start === null))
      throw new CareStateError(
        isNew
          ? 'The open episode has just been closed: record the episode again'
          : 'The child is already missing or away: record their return first',
      )
    const start = (open?.start_date ?? input.start) as string
    const kind = (open?.kind ?? input.kind) as 'M' | 'A'
    const others = (await records.missingEpisodesOf(trx, childId))
      .filter((m) => m.id !== open?.id)
      .map((m) => ({ id: m.id, start: m.start_date, end: m.end_date }))
    const refused = missingRefusal(
      { start, end: input.end, rhiOffered: input.rhiOffered, rhiHeld: input.rhiHeld },
      { periodStart: period.start_date, others, isNew },
    )
    if (refused) throw new CareStateError(refused.message, refused.field)
    let id: number
    if (open) {
      id = open.id
      await records.recordReturn(trx, { id, input, by: actor.id, at: now })
    } else {
      const inserted = await records.insertMissing(trx, {
        periodId: period.id,
        childId,
        kind,
        input,
        by: actor.id,
        at: now,
      })
      if (inserted === 'open')
        throw new CareStateError('The child is already missing or away: record their return first')
      id = inserted
      await event(trx, childId, id, RECORDS_EVENTS.missingStarted, start, missingWords(kind), actor.id, kind)
    }
    if (input.end !== null)
      await event(trx, childId, id, RECORDS_EVENTS.missingReturned, input.end, 'Came back', actor.id, kind)
    if (input.rhiOffered !== null)
      await event(
        trx,
        childId,
        id,
        RECORDS_EVENTS.rhiOffered,
        input.rhiOffered,
        'Return home interview offered',
        actor.id,
        kind,
      )
    if (input.rhiHeld !== null)
      await event(
        trx,
        childId,
        id,
        RECORDS_EVENTS.rhiHeld,
        input.rhiHeld,
        'Return home interview held',
        actor.id,
        kind,
      )
    await recordAudit(trx, audit, {
      action: RECORDS_AUDIT.missing,
      outcome: 'allowed',
      childId,
      recordType: 'care_missing_episode',
      recordId: id,
      basis,
      detail: {
        periodId: period.id,
        kind,
        start,
        end: input.end,
        rhiOffered: input.rhiOffered,
        rhiHeld: input.rhiHeld,
      },
    })
    return { missingId: id }
  })
}

const event = (
  trx: Trx,
  childId: number,
  missingId: number,
  type: string,
  date: string,
  summary: string,
  by: number,
  kind: string,
) =>
  recordCaseEvent(trx, {
    childId,
    subjectType: MISSING_SUBJECT,
    subjectId: missingId,
    type,
    occurredAt: missingInstant(date),
    summary,
    recordedBy: by,
    attributes: { missingId, kind },
  })

/** Records (or corrects) the child's UASC status and age assessment; the child is looked after. */
export async function recordUasc(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: UascInput,
  audit: AuditContext,
): Promise<void> {
  const action = { action: RECORDS_AUDIT.uasc, recordType: 'care_uasc' }
  await changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const period = await openPeriodOf(trx, childId)
    const child = await store.childNamed(trx, childId)
    if (!child) throw new NotFoundError('No such child')
    const refused = uascRefusal(input, { dateOfBirth: child.date_of_birth })
    if (refused) throw new CareStateError(refused.message, refused.field)
    await records.upsertUasc(trx, { childId, input, by: actor.id, at: now })
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: RECORDS_EVENTS.uasc,
      occurredAt: now,
      summary: uascSummary(input),
      recordedBy: actor.id,
      attributes: {
        from: input.from,
        ceased: input.ceased,
        assessment: input.assessment,
        assessedOn: input.assessedOn,
      },
    })
    await recordAudit(trx, audit, {
      action: RECORDS_AUDIT.uasc,
      outcome: 'allowed',
      childId,
      recordType: 'care_uasc',
      recordId: childId,
      basis,
      detail: {
        from: input.from,
        ceased: input.ceased,
        assessment: input.assessment,
        assessedOn: input.assessedOn,
      },
    })
  })
}

/** What the care page shows of these records. The route has checked and audited the reader's view. */
export async function recordsSection({ db }: CareDeps, childId: number, openPeriodId: number | null) {
  const [permanence, missing, uasc] = await Promise.all([
    records.previousPermanenceOf(db, childId),
    records.missingEpisodesOf(db, childId),
    records.uascOf(db, childId),
  ])
  return {
    previousPermanence:
      openPeriodId === null ? null : (permanence.find((p) => p.period_id === openPeriodId) ?? null),
    missing,
    openMissing: missing.find((m) => m.end_date === null) ?? null,
    uasc: uasc ?? null,
  }
}
export type RecordsSection = Awaited<ReturnType<typeof recordsSection>>

/**
 * Recording a child's deprivation of liberty orders, each in one transaction through
 * `changingRecord` (`child.edit` checked again, a refusal of the user audited on its own): the
 * open period and the child's orders locked, the model's rules applied to what is saved, the row,
 * the case event and the audit row (`care.dolo_record`, `care.dolo_delete`). A refusal leaves
 * nothing written. The time comes from the injected clock.
 *
 * - A new order (`dolo.started`, and `dolo.ended` when its end is given at once), or the end of the
 *   one in force (`dolo.ended`): recorded while the child is looked after.
 * - Deleting an order recorded in error: kept, marked deleted with who, when and why
 *   (`dolo.deleted`), and left out of `care_dolo_v` and so of the return.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { CARE_SUBJECT } from './model.js'
import { DOLO_AUDIT, DOLO_EVENTS, doloInstant, doloRefusal, doloWords, type DoloInput } from './dolo-model.js'
import * as dolos from './dolo-store.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

const NOT_IN_CARE = 'This child is not looked after: deprivation of liberty orders are recorded during care'

/** Records a new order, or the end of the one in force. */
export async function recordDolo(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: DoloInput,
  audit: AuditContext,
): Promise<{ doloId: number }> {
  const action = { action: DOLO_AUDIT.record, recordType: 'care_dolo' }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const period = await store.lockOpenPeriod(trx, childId)
    if (!period) throw new CareStateError(NOT_IN_CARE)
    const child = await store.childNamed(trx, childId)
    if (!child) throw new NotFoundError('No such child')
    const live = await dolos.lockLiveDolos(trx, childId)
    const open = live.find((d) => d.end_date === null)
    // The form asked for the start only when no order was in force: one opened since is a conflict.
    if ((open === undefined) === (input.start === null))
      throw new CareStateError(
        open === undefined
          ? 'The order in force has just been ended: record the order again'
          : 'An order is in force: record when it ended first',
        open === undefined ? 'end-day' : 'start-day',
      )
    const start = (open?.start_date ?? input.start) as string
    const episodes = (await store.episodesOf(trx, childId)).map((e) => ({
      start: e.start_date,
      end: e.end_date,
      place: e.place,
    }))
    const refused = doloRefusal(
      { start, end: input.end },
      {
        dateOfBirth: child.date_of_birth,
        periodStart: open ? start : period.start_date,
        others: live
          .filter((d) => d.id !== open?.id)
          .map((d) => ({ id: d.id, start: d.start_date, end: d.end_date })),
        episodes,
        today: londonToday(now),
      },
      open !== undefined,
    )
    if (refused) throw new CareStateError(refused.message, refused.field)
    let id: number
    if (open) {
      id = open.id
      await dolos.endDolo(trx, { id, end: input.end as string, by: actor.id, at: now })
    } else {
      const inserted = await dolos.insertDolo(trx, {
        periodId: period.id,
        childId,
        start,
        end: input.end,
        by: actor.id,
        at: now,
      })
      if (inserted === 'open')
        throw new CareStateError('An order is in force: record when it ended first', 'start-day')
      id = inserted
      await event(trx, childId, period.id, id, 'started', { start, end: input.end }, actor.id)
    }
    if (input.end !== null)
      await event(trx, childId, period.id, id, 'ended', { start, end: input.end }, actor.id)
    await recordAudit(trx, audit, {
      action: DOLO_AUDIT.record,
      outcome: 'allowed',
      childId,
      recordType: 'care_dolo',
      recordId: id,
      basis,
      detail: { periodId: period.id, start, end: input.end },
    })
    return { doloId: id }
  })
}

/** Deletes an order recorded in error, with the reason; kept, and left out of the return. */
export async function deleteDolo(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: { doloId: number; reason: string },
  audit: AuditContext,
): Promise<void> {
  const action = { action: DOLO_AUDIT.delete, recordType: 'care_dolo' }
  await changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const found = (await dolos.lockLiveDolos(trx, childId)).find((d) => d.id === input.doloId)
    if (!found) throw new CareStateError('Select an order of this child’s that is not deleted', 'doloId')
    await dolos.deleteDolo(trx, { id: found.id, reason: input.reason, by: actor.id, at: now })
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: found.period_id,
      type: DOLO_EVENTS.deleted,
      occurredAt: now,
      summary: doloWords('deleted', { start: found.start_date, end: found.end_date }, input.reason),
      recordedBy: actor.id,
      attributes: { doloId: found.id },
    })
    await recordAudit(trx, audit, {
      action: DOLO_AUDIT.delete,
      outcome: 'allowed',
      childId,
      recordType: 'care_dolo',
      recordId: found.id,
      basis,
      detail: { start: found.start_date, end: found.end_date, reason: input.reason },
    })
  })
}

const event = (
  trx: Trx,
  childId: number,
  periodId: number,
  doloId: number,
  kind: 'started' | 'ended',
  d: { start: string; end: string | null },
  by: number,
) =>
  recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: periodId,
    type: DOLO_EVENTS[kind],
    occurredAt: doloInstant(kind === 'started' ? d.start : (d.end as string)),
    summary: doloWords(kind, d),
    recordedBy: by,
    attributes: { doloId },
  })

/** What the care page shows of the orders. The route has checked and audited the reader's view. */
export async function doloSection({ db }: CareDeps, childId: number) {
  const all = await dolos.dolosOf(db, childId)
  return { dolos: all, open: all.find((d) => d.end_date === null && d.deleted_at === null) ?? null }
}
export type DoloSection = Awaited<ReturnType<typeof doloSection>>

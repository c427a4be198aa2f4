/**
 * Recording a care leaver's contact around a birthday (OC3) and an outcome of a child looked
 * after (OC2), each in one transaction through `changingRecord`: `child.edit` checked again, the
 * child's periods of care locked, the model's rules applied, then the row, its case event and its
 * audit row. A refusal leaves nothing written; a refusal of the user is audited on its own.
 *
 * - A contact: the young person has left care and is a care leaver the 903 asks about
 *   (`leaverStatus`); the birthday is one asked about and the date in its window. A correction
 *   replaces the birthday's record. Event `care_leaver.contact_recorded` on the last period.
 * - An outcome: while the child is looked after, dated in the open period. Event
 *   `care_outcome.recorded` on the period.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonInstant, londonToday } from '../../platform/calendar/dates.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { CARE_SUBJECT } from './model.js'
import {
  LEAVER_AUDIT,
  LEAVER_EVENT,
  leaverBirthdays,
  leaverContactRefusal,
  leaverContactWords,
  leaverStatus,
  recordableBirthdays,
  type LeaverBirthday,
  type LeaverContactInput,
  type LeaverStatus,
} from './leavers-model.js'
import * as leavers from './leavers-store.js'
import {
  OUTCOME_AUDIT,
  OUTCOME_EVENT,
  outcomeRefusal,
  outcomeWords,
  type OutcomeInput,
} from './outcomes-model.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Db } from './store.js'

const NOT_A_LEAVER: Record<string, string> = {
  looked_after:
    'The young person is still looked after: their contact as a care leaver is recorded once care ends',
  never: 'This child has not been looked after',
  no_birth_date: 'Record the young person’s date of birth first: the SSDA903 asks about their birthdays',
  too_short:
    'The young person is not a care leaver the SSDA903 asks about: they were not looked after for 13 weeks since their 14th birthday, some of it after their 16th',
}

type History = Awaited<ReturnType<typeof leavers.careHistory>>

/** Whether the young person is a care leaver, when care ended, and their birthdays. */
export function leaverOf(
  history: History,
  dateOfBirth: string | null,
): { status: LeaverStatus; careEnded: string | null; birthdays: LeaverBirthday[] } {
  const last = history.periods.at(-1)
  const status = leaverStatus(
    dateOfBirth,
    history.episodes.map((e) => ({ start: e.start_date, end: e.end_date, legalStatus: e.legal_status })),
    last?.reason_ceased ?? null,
  )
  const careEnded = status.leaver && last ? last.end_date : null
  return {
    status,
    careEnded,
    birthdays: careEnded && dateOfBirth ? leaverBirthdays(dateOfBirth, careEnded) : [],
  }
}

export const notALeaverMessage = (s: LeaverStatus) =>
  s.leaver
    ? ''
    : s.why === 'ended'
      ? `The young person ${s.ended}: the SSDA903 asks no care leaver information`
      : (NOT_A_LEAVER[s.why] ?? '')

/** Records (or corrects) a care leaver's contact around one birthday. */
export async function recordLeaverContact(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: LeaverContactInput,
  audit: AuditContext,
): Promise<void> {
  const action = { action: LEAVER_AUDIT, recordType: 'care_leaver_contact' }
  await changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const child = await store.childNamed(trx, childId)
    if (!child) throw new NotFoundError('No such child')
    const history = await leavers.careHistory(trx, childId, true)
    const leaver = leaverOf(history, child.date_of_birth)
    if (!leaver.status.leaver || leaver.careEnded === null)
      throw new CareStateError(notALeaverMessage(leaver.status))
    const earlier = (await leavers.leaverContactsOf(trx, childId)).map((c) => ({
      age: c.age,
      inTouch: c.in_touch,
    }))
    const refused = leaverContactRefusal(input, {
      birthdays: leaver.birthdays,
      careEnded: leaver.careEnded,
      earlier,
    })
    if (refused) throw new CareStateError(refused.message, refused.field)
    const birthday = leaver.birthdays.find((b) => b.age === input.age)?.birthday as string
    await leavers.upsertLeaverContact(trx, { childId, birthday, input, by: actor.id, at: now })
    const period = history.periods.at(-1) as History['periods'][number]
    const detail = {
      age: input.age,
      birthday,
      contactOn: input.contactOn,
      inTouch: input.inTouch,
      activity: input.activity,
      accommodation: input.accommodation,
    }
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: LEAVER_EVENT,
      // The contact's day, at noon, as the 903's other dated records sit.
      occurredAt: londonInstant(input.contactOn, '12:00'),
      summary: `Care leaver contact, ${leaverContactWords(input)}`,
      recordedBy: actor.id,
      attributes: detail,
    })
    await recordAudit(trx, audit, {
      action: LEAVER_AUDIT,
      outcome: 'allowed',
      childId,
      recordType: 'care_leaver_contact',
      recordId: childId,
      basis,
      detail,
    })
  })
}

/** Records an outcome of a child looked after, in the open period. */
export async function recordOutcome(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: OutcomeInput,
  audit: AuditContext,
): Promise<{ outcomeId: number }> {
  const action = { action: OUTCOME_AUDIT, recordType: 'care_outcome' }
  return changingRecord(deps, actor, childId, audit, action, async (trx, now, basis) => {
    const period = await store.lockOpenPeriod(trx, childId)
    if (!period)
      throw new CareStateError('This child is not looked after: these outcomes are recorded during care')
    const child = await store.childNamed(trx, childId)
    if (!child) throw new NotFoundError('No such child')
    const refused = outcomeRefusal(input, {
      periodStart: period.start_date,
      dateOfBirth: child.date_of_birth,
    })
    if (refused) throw new CareStateError(refused.message, refused.field)
    const id = await leavers.insertOutcome(trx, {
      periodId: period.id,
      childId,
      input,
      by: actor.id,
      at: now,
    })
    const detail = { kind: input.kind, date: input.date, code: input.code, periodId: period.id }
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: OUTCOME_EVENT,
      occurredAt: londonInstant(input.date, '12:00'),
      summary: outcomeWords(input),
      recordedBy: actor.id,
      attributes: detail,
    })
    await recordAudit(trx, audit, {
      action: OUTCOME_AUDIT,
      outcome: 'allowed',
      childId,
      recordType: 'care_outcome',
      recordId: id,
      basis,
      detail,
    })
    return { outcomeId: id }
  })
}

/** What the care page shows of these records. The route has checked and audited the reader's view. */
export async function leaversSection(db: Db, childId: number, dateOfBirth: string | null, now: Date) {
  const [history, contacts, outcomes] = await Promise.all([
    leavers.careHistory(db, childId),
    leavers.leaverContactsOf(db, childId),
    leavers.outcomesOf(db, childId),
  ])
  const leaver = leaverOf(history, dateOfBirth)
  const today = londonToday(now)
  return {
    leaver,
    recordable: recordableBirthdays(leaver.birthdays, today),
    today,
    contacts,
    outcomes,
  }
}
export type LeaversSection = Awaited<ReturnType<typeof leaversSection>>

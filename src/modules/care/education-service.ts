/**
 * The education of a looked-after child, recorded in one transaction each: the permission checked
 * again, the child's open period locked, the model's rules applied to what is saved, the rows, the
 * case event (a PEP's `pep.completed` stops the running PEP clock and starts the next term's) and
 * the audit row. A refusal leaves nothing written; a refusal of the user is audited on its own.
 * Also the care page's education section and the virtual school's caseload. The time comes from
 * the injected clock.
 */
import {
  auditingRefusal,
  recordAudit,
  recordAuditAlone,
  type AuditContext,
} from '../../platform/audit/audit.js'
import { londonInstant, londonToday } from '../../platform/calendar/dates.js'
import { addCalendarDays } from '../../platform/calendar/working-days.js'
import { NotAllowedError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  attendanceSummary,
  compulsorySchoolAge,
  EDUCATION_EVENTS,
  exclusionSummary,
  inCareRefusal,
  missingRefusal,
  missingSummary,
  nextPepDue,
  pepRefusal,
  pepSummary,
  schoolRefusal,
  schoolSummary,
  schoolYearOf,
  yearGroup,
  type AttendanceInput,
  type ExclusionInput,
  type MissingInput,
  type PepInput,
  type SchoolInput,
} from './education-model.js'
import * as education from './education-store.js'
import { CARE_SUBJECT, type Refusal } from './model.js'
import { CareStateError, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export const EDUCATION_AUDIT = {
  school: 'care.education_school',
  missing: 'care.education_missing',
  pep: 'care.education_pep',
  attendance: 'care.education_attendance',
  exclusion: 'care.education_exclusion',
} as const

/** An education record's event sits at noon on its day: after care that starts that day. */
const noon = (date: string) => londonInstant(date, '12:00')

type OpenPeriod = NonNullable<Awaited<ReturnType<typeof store.lockOpenPeriod>>>

/** What one education write saves, worked out inside the transaction. */
interface Written {
  recordId: number
  event: { type: string; date: string; summary: string; attributes: Record<string, unknown> }
  detail: Record<string, unknown>
}

/**
 * The shape of every education write: the permission, the open period locked, the caller's rows,
 * the case event and the audit row, together; a `CareStateError` from `write` rolls back all.
 */
async function educationWrite(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  what: { action: string; recordType: string },
  write: (trx: Trx, period: OpenPeriod, stamp: education.Stamp) => Promise<Written>,
): Promise<{ recordId: number; periodId: number }> {
  const { db, clock } = deps
  return auditingRefusal(
    db,
    audit,
    { action: what.action, childId, recordType: what.recordType, recordId: null },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const decision = allow(actor, 'child.edit', await loadChildRecord(trx, childId), now)
        if (!decision.allowed) throw new NotAllowedError(decision.reason)
        const period = await store.lockOpenPeriod(trx, childId)
        if (!period)
          throw new CareStateError('This child is not looked after: education is recorded during care')
        const written = await write(trx, period, { periodId: period.id, childId, by: actor.id, at: now })
        await recordCaseEvent(trx, {
          childId,
          subjectType: CARE_SUBJECT,
          subjectId: period.id,
          type: written.event.type,
          occurredAt: noon(written.event.date),
          summary: written.event.summary,
          recordedBy: actor.id,
          attributes: written.event.attributes,
        })
        await recordAudit(trx, audit, {
          action: what.action,
          outcome: 'allowed',
          childId,
          recordType: what.recordType,
          recordId: written.recordId,
          basis: decision.basis,
          detail: { ...written.detail, periodId: period.id },
        })
        return { recordId: written.recordId, periodId: period.id }
      }),
  )
}

const refuse = (refusal: Refusal | null) => {
  if (refusal) throw new CareStateError(refusal.message, refusal.field)
}

/** The child's school from a day: the current school, if any, ends the day before; open time missing education ends that day. */
export function recordSchool(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: SchoolInput,
  audit: AuditContext,
) {
  return educationWrite(
    deps,
    actor,
    childId,
    audit,
    { action: EDUCATION_AUDIT.school, recordType: 'care_school' },
    async (trx, period, stamp) => {
      const current = await education.currentSchool(trx, childId)
      refuse(
        schoolRefusal({
          startDate: input.startDate,
          periodStart: period.start_date,
          current: current ? { name: current.school_name, startDate: current.start_date } : null,
          schoolsInPeriod: await education.schoolsInPeriod(trx, period.id),
        }),
      )
      if (current) await education.endSchool(trx, current.id, addCalendarDays(input.startDate, -1))
      const missing = await education.openMissing(trx, childId)
      if (missing && missing.from_date <= input.startDate)
        await education.endMissing(trx, missing.id, input.startDate)
      const recordId = await education.insertSchool(trx, { ...stamp, input })
      return {
        recordId,
        event: {
          type: EDUCATION_EVENTS.schoolStarted,
          // A school the child was at before care is on the chronology from care's first day.
          date: input.startDate < period.start_date ? period.start_date : input.startDate,
          summary: schoolSummary(input),
          attributes: { schoolId: recordId, inBorough: input.inBorough, ofstedGrade: input.ofstedGrade },
        },
        detail: {
          startDate: input.startDate,
          endedSchoolId: current?.id ?? null,
          endedMissingId: missing && missing.from_date <= input.startDate ? missing.id : null,
        },
      }
    },
  )
}

/** Time missing education starts, or the open time ends. */
export function recordMissing(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: MissingInput,
  audit: AuditContext,
) {
  return educationWrite(
    deps,
    actor,
    childId,
    audit,
    { action: EDUCATION_AUDIT.missing, recordType: 'care_missing_education' },
    async (trx, period, stamp) => {
      const open = await education.openMissing(trx, childId)
      const was = open ? { fromDate: open.from_date } : null
      if (input.kind === 'end') {
        refuse(missingRefusal({ kind: 'end', toDate: input.toDate, open: was }))
        if (!open) throw new Error('unreachable: refused above')
        await education.endMissing(trx, open.id, input.toDate)
        return {
          recordId: open.id,
          event: {
            type: EDUCATION_EVENTS.missingEnded,
            date: input.toDate,
            summary: 'No longer missing education',
            attributes: { missingId: open.id },
          },
          detail: { toDate: input.toDate },
        }
      }
      refuse(
        missingRefusal({
          kind: 'start',
          fromDate: input.fromDate,
          periodStart: period.start_date,
          open: was,
        }),
      )
      const recordId = await education.insertMissing(trx, {
        ...stamp,
        fromDate: input.fromDate,
        reason: input.reason,
        provision: input.provision,
      })
      return {
        recordId,
        event: {
          type: EDUCATION_EVENTS.missingStarted,
          date: input.fromDate,
          summary: missingSummary(input),
          attributes: { missingId: recordId, provision: input.provision },
        },
        detail: { fromDate: input.fromDate, provision: input.provision },
      }
    },
  )
}

/** A PEP: its event stops the running PEP clock (the first, or the term's review) and starts the next term's. */
export function recordPep(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: PepInput,
  audit: AuditContext,
) {
  return educationWrite(
    deps,
    actor,
    childId,
    audit,
    { action: EDUCATION_AUDIT.pep, recordType: 'care_pep' },
    async (trx, period, stamp) => {
      refuse(
        pepRefusal({
          heldOn: input.heldOn,
          periodStart: period.start_date,
          lastPep: await education.lastPep(trx, period.id),
        }),
      )
      const recordId = await education.insertPep(trx, { ...stamp, input })
      return {
        recordId,
        event: {
          type: EDUCATION_EVENTS.pepCompleted,
          date: input.heldOn,
          summary: pepSummary(input),
          attributes: { pepId: recordId, quality: input.quality },
        },
        detail: { heldOn: input.heldOn, quality: input.quality },
      }
    },
  )
}

export function recordAttendance(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: AttendanceInput,
  audit: AuditContext,
) {
  return educationWrite(
    deps,
    actor,
    childId,
    audit,
    { action: EDUCATION_AUDIT.attendance, recordType: 'care_attendance' },
    async (trx, period, stamp) => {
      refuse(inCareRefusal(input.asAt, period.start_date, 'asat-day', 'The date the attendance is as at'))
      const recordId = await education.insertAttendance(trx, { ...stamp, input })
      return {
        recordId,
        event: {
          type: EDUCATION_EVENTS.attendance,
          date: input.asAt,
          summary: attendanceSummary(input),
          attributes: { attendanceId: recordId, percent: input.percent, term: input.term, year: input.year },
        },
        detail: { asAt: input.asAt, percent: input.percent, term: input.term, year: input.year },
      }
    },
  )
}

export function recordExclusion(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: ExclusionInput,
  audit: AuditContext,
) {
  return educationWrite(
    deps,
    actor,
    childId,
    audit,
    { action: EDUCATION_AUDIT.exclusion, recordType: 'care_exclusion' },
    async (trx, period, stamp) => {
      refuse(inCareRefusal(input.startDate, period.start_date, 'start-day', 'The date the exclusion started'))
      const recordId = await education.insertExclusion(trx, { ...stamp, input })
      return {
        recordId,
        event: {
          type: EDUCATION_EVENTS.exclusion,
          date: input.startDate,
          summary: exclusionSummary(input),
          attributes: { exclusionId: recordId, kind: input.kind, days: input.days },
        },
        detail: { startDate: input.startDate, kind: input.kind, days: input.days },
      }
    },
  )
}

/**
 * The care page's education section: the school and its history, missing education, the PEPs and
 * the next due, attendance and exclusions (those this school year counted). The route has checked
 * and audited the reader's view of the child; `tasks` are the open period's open tasks.
 */
export async function educationSection(
  { db, clock }: CareDeps,
  child: { id: number; date_of_birth: string | null },
  tasks: readonly { clock_code: string; title: string; due_at: Date }[],
) {
  const today = londonToday(clock.now())
  const records = await education.educationOf(db, child.id)
  const yearStart = `${schoolYearOf(today)}-09-01`
  return {
    ...records,
    current: records.schools.find((s) => s.end_date === null) ?? null,
    openMissing: records.missing.find((m) => m.to_date === null) ?? null,
    nextPep: nextPepDue(tasks),
    exclusionsThisYear: records.exclusions.filter((x) => x.start_date >= yearStart),
    schoolAge: compulsorySchoolAge(child.date_of_birth, today),
    yearGroup: child.date_of_birth === null ? null : yearGroup(child.date_of_birth, today),
  }
}
export type EducationSection = Awaited<ReturnType<typeof educationSection>>

/**
 * The virtual school's caseload: children looked after now of compulsory school age, with the
 * figures over every such child and the rows of those the reader may see (none for a performance
 * officer, who sees the figures only). The children listed are audited as read.
 */
export async function virtualSchool(
  { db, clock }: CareDeps,
  actor: Actor,
  audit: AuditContext,
  filter: { borough: 'in' | 'out' | null },
) {
  const now = clock.now()
  const today = londonToday(now)
  const yearStart = `${schoolYearOf(today)}-09-01`
  const ofAge = <T extends { date_of_birth: string | null }>(rows: T[]) =>
    rows.filter((r) => compulsorySchoolAge(r.date_of_birth, today))
  const everyone = ofAge(await education.caseload(db, yearStart, null))
  const overdue = (r: { pep_due_at: Date | null }) => r.pep_due_at !== null && r.pep_due_at < now
  const figures = {
    children: everyone.length,
    inBorough: everyone.filter((r) => r.in_borough === true).length,
    outOfBorough: everyone.filter((r) => r.in_borough === false).length,
    noSchool: everyone.filter((r) => r.school_name === null).length,
    missing: everyone.filter((r) => r.missing_education_from !== null).length,
    pepOverdue: everyone.filter(overdue).length,
    goodOrBetter: everyone.filter((r) => r.ofsted_grade === 'good' || r.ofsted_grade === 'outstanding')
      .length,
  }
  const canList = roleGrants(actor.role, 'child.view')
  const visible = canList ? ofAge(await education.caseload(db, yearStart, { actor, now })) : []
  const rows = visible.filter((r) => filter.borough === null || r.in_borough === (filter.borough === 'in'))
  await recordAuditAlone(db, audit, {
    action: 'child.list',
    outcome: 'allowed',
    detail: { page: 'virtual_school', borough: filter.borough, childIds: rows.map((r) => r.child_id) },
  })
  return {
    figures,
    rows: rows.map((r) => ({
      ...r,
      overdue: overdue(r),
      yearGroup: r.date_of_birth === null ? null : yearGroup(r.date_of_birth, today),
    })),
  }
}

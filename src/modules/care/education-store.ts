/**
 * The SQL of the education of children looked after: `care_school`, `care_missing_education`,
 * `care_pep`, `care_attendance` and `care_exclusion` (migration 0061), and the virtual school's
 * caseload from `care_education_v`. No permission checks here; the education service decides who
 * may call what.
 */
import { sql } from 'kysely'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import type { AttendanceInput, ExclusionInput, PepInput, Provision, SchoolInput } from './education-model.js'
import type { Db, Trx } from './store.js'

/** Who recorded an education row, when, and in which period of care. */
export interface Stamp {
  periodId: number
  childId: number
  by: number
  at: Date
}

/** The child's current school, or undefined. */
export async function currentSchool(db: Db, childId: number) {
  return db
    .selectFrom('care_school')
    .select(['id', 'school_name', 'start_date'])
    .where('child_id', '=', childId)
    .where('end_date', 'is', null)
    .executeTakeFirst()
}

export async function schoolsInPeriod(db: Db, periodId: number): Promise<number> {
  const { n } = await db
    .selectFrom('care_school')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('period_id', '=', periodId)
    .executeTakeFirstOrThrow()
  return Number(n)
}

export async function endSchool(trx: Trx, schoolId: number, endDate: string): Promise<void> {
  await trx.updateTable('care_school').set({ end_date: endDate }).where('id', '=', schoolId).execute()
}

export async function insertSchool(trx: Trx, s: Stamp & { input: SchoolInput }): Promise<number> {
  const { id } = await trx
    .insertInto('care_school')
    .values({
      period_id: s.periodId,
      child_id: s.childId,
      school_name: s.input.schoolName,
      urn: s.input.urn,
      school_la: s.input.schoolLa,
      in_borough: s.input.inBorough,
      ofsted_grade: s.input.ofstedGrade,
      start_date: s.input.startDate,
      recorded_by: s.by,
      recorded_at: s.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The child's open time missing education, or undefined. */
export async function openMissing(db: Db, childId: number) {
  return db
    .selectFrom('care_missing_education')
    .select(['id', 'from_date'])
    .where('child_id', '=', childId)
    .where('to_date', 'is', null)
    .executeTakeFirst()
}

export async function insertMissing(
  trx: Trx,
  m: Stamp & { fromDate: string; reason: string; provision: Provision },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_missing_education')
    .values({
      period_id: m.periodId,
      child_id: m.childId,
      from_date: m.fromDate,
      reason: m.reason,
      provision: m.provision,
      recorded_by: m.by,
      recorded_at: m.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function endMissing(trx: Trx, id: number, toDate: string): Promise<void> {
  await trx.updateTable('care_missing_education').set({ to_date: toDate }).where('id', '=', id).execute()
}

/** The day of the period's last PEP, or null. */
export async function lastPep(db: Db, periodId: number): Promise<string | null> {
  const row = await db
    .selectFrom('care_pep')
    .select('held_on')
    .where('period_id', '=', periodId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.held_on ?? null
}

export async function insertPep(trx: Trx, p: Stamp & { input: PepInput }): Promise<number> {
  const { id } = await trx
    .insertInto('care_pep')
    .values({
      period_id: p.periodId,
      child_id: p.childId,
      held_on: p.input.heldOn,
      quality: p.input.quality,
      measurable_targets: p.input.measurableTargets,
      child_voice: p.input.childVoice,
      carer_views: p.input.carerViews,
      attended_by: p.input.attendedBy,
      recorded_by: p.by,
      recorded_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function insertAttendance(trx: Trx, a: Stamp & { input: AttendanceInput }): Promise<number> {
  const { id } = await trx
    .insertInto('care_attendance')
    .values({
      period_id: a.periodId,
      child_id: a.childId,
      as_at: a.input.asAt,
      academic_year: a.input.year,
      term: a.input.term,
      percent: a.input.percent,
      sessions_possible: a.input.sessions?.possible ?? null,
      sessions_attended: a.input.sessions?.attended ?? null,
      recorded_by: a.by,
      recorded_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function insertExclusion(trx: Trx, x: Stamp & { input: ExclusionInput }): Promise<number> {
  const { id } = await trx
    .insertInto('care_exclusion')
    .values({
      period_id: x.periodId,
      child_id: x.childId,
      kind: x.input.kind,
      start_date: x.input.startDate,
      days: x.input.days,
      reason: x.input.reason,
      recorded_by: x.by,
      recorded_at: x.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Everything the care page's education section lists for the child, newest first. */
export async function educationOf(db: Db, childId: number) {
  const [schools, missing, peps, attendance, exclusions] = await Promise.all([
    db
      .selectFrom('care_school')
      .select([
        'id',
        'school_name',
        'urn',
        'school_la',
        'in_borough',
        'ofsted_grade',
        'start_date',
        'end_date',
      ])
      .where('child_id', '=', childId)
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('care_missing_education')
      .select(['id', 'from_date', 'to_date', 'reason', 'provision'])
      .where('child_id', '=', childId)
      .orderBy('from_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('care_pep')
      .select([
        'id',
        'period_id',
        'held_on',
        'quality',
        'measurable_targets',
        'child_voice',
        'carer_views',
        'attended_by',
      ])
      .where('child_id', '=', childId)
      .orderBy('held_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('care_attendance')
      .select(['id', 'as_at', 'academic_year', 'term', 'percent', 'sessions_possible', 'sessions_attended'])
      .where('child_id', '=', childId)
      .orderBy('as_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('care_exclusion')
      .select(['id', 'kind', 'start_date', 'days', 'reason'])
      .where('child_id', '=', childId)
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ])
  return { schools, missing, peps, attendance, exclusions }
}

/**
 * The virtual school's caseload: each child looked after now (those the reader may see, when
 * `reader` is given; every child for the figures), with their date of birth (the school-age rule
 * is applied by the service), school, PEP due and attendance, and their exclusions since
 * `yearStart`.
 */
export async function caseload(db: Db, yearStart: string, reader: { actor: Actor; now: Date } | null) {
  const all = db
    .selectFrom('care_education_v as e')
    .innerJoin('person', 'person.id', 'e.child_id')
    .where('person.deleted_at', 'is', null)
  return (reader === null ? all : all.where(visibleChildren(reader.actor, reader.now)))
    .select([
      'e.child_id',
      'person.given_name',
      'person.family_name',
      'person.date_of_birth',
      'e.school_name',
      'e.school_la',
      'e.in_borough',
      'e.ofsted_grade',
      'e.last_pep_on',
      'e.pep_due_at',
      'e.attendance_percent',
      'e.attendance_year',
      'e.attendance_term',
      'e.missing_education_from',
    ])
    .select((eb) => [
      eb
        .selectFrom('care_exclusion as x')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('x.child_id', '=', 'e.child_id')
        .where('x.start_date', '>=', yearStart)
        .as('exclusions'),
    ])
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('e.child_id')
    .execute()
}

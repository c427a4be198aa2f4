/**
 * The SQL of a looked-after child's health: `care_health_assessment` and `care_health_check`
 * (migration 0060), the open tasks of the health clocks, and the managers' list of who is waiting.
 * No permission checks here; the health service decides who may call what.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { AssessmentFacts, CheckFacts, HealthAgeBand, HealthAssessmentKind } from './health-model.js'
import { HEALTH_CLOCKS } from './health-model.js'
import type { Db, Trx } from './store.js'

const ASSESSMENT_COLUMNS = [
  'id',
  'period_id',
  'kind',
  'requested_on',
  'appointment_on',
  'completed_on',
  'completed_by',
  'waiting_reason',
  'waiting_other',
  'age_band',
] as const

/** The period's outstanding assessment (at most one), locked for the rest of the transaction. */
export async function lockOutstanding(trx: Trx, periodId: number) {
  return trx
    .selectFrom('care_health_assessment')
    .select(ASSESSMENT_COLUMNS)
    .where('period_id', '=', periodId)
    .where('completed_on', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

/** The period's assessments, oldest first. */
export async function assessmentsOf(db: Db, periodId: number) {
  return db
    .selectFrom('care_health_assessment')
    .select(ASSESSMENT_COLUMNS)
    .where('period_id', '=', periodId)
    .orderBy('id')
    .execute()
}

/** The child's assessments in every period, newest first (the care page's history). */
export async function childAssessments(db: Db, childId: number) {
  return db
    .selectFrom('care_health_assessment')
    .select(ASSESSMENT_COLUMNS)
    .where('child_id', '=', childId)
    .orderBy('id', 'desc')
    .execute()
}

export async function insertAssessment(
  trx: Trx,
  a: {
    periodId: number
    childId: number
    kind: HealthAssessmentKind
    facts: AssessmentFacts
    ageBand: HealthAgeBand | null
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_health_assessment')
    .values({
      period_id: a.periodId,
      child_id: a.childId,
      kind: a.kind,
      ...factColumns(a.facts, a.ageBand),
      recorded_by: a.by,
      recorded_at: a.at,
      updated_by: a.by,
      updated_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updateAssessment(
  trx: Trx,
  id: number,
  a: { facts: AssessmentFacts; ageBand: HealthAgeBand | null; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('care_health_assessment')
    .set({ ...factColumns(a.facts, a.ageBand), updated_by: a.by, updated_at: a.at })
    .where('id', '=', id)
    .execute()
}

const factColumns = (f: AssessmentFacts, ageBand: HealthAgeBand | null) => ({
  requested_on: f.requestedOn,
  appointment_on: f.appointmentOn,
  completed_on: f.completedOn,
  completed_by: f.completedBy,
  waiting_reason: f.waitingReason,
  waiting_other: f.waitingOther,
  age_band: ageBand,
})

export async function insertCheck(
  trx: Trx,
  c: { periodId: number; childId: number; facts: CheckFacts; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_health_check')
    .values({
      period_id: c.periodId,
      child_id: c.childId,
      kind: c.facts.kind,
      checked_on: c.facts.checkedOn,
      up_to_date: c.facts.upToDate,
      sdq_score: c.facts.sdqScore,
      completed_by: c.facts.completedBy,
      recorded_by: c.by,
      recorded_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The child's checks, newest first within each kind. */
export async function checksOf(db: Db, childId: number) {
  return db
    .selectFrom('care_health_check')
    .select(['id', 'kind', 'checked_on', 'up_to_date', 'sdq_score', 'completed_by'])
    .where('child_id', '=', childId)
    .orderBy('kind')
    .orderBy('checked_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

type PersonFilter = (eb: ExpressionBuilder<Database, 'person'>) => Expression<SqlBool>

/**
 * Every child looked after waiting for a health assessment: the initial one while its clock runs,
 * a review once it is due soon or overdue or has been recorded as outstanding (a review due in
 * ten months is not waited for yet). With its due time, the outstanding assessment's reason (if
 * recorded), and the task's team and worker; soonest due first. `visible` keeps the children the
 * reader may see (the platform's `visibleChildren`).
 */
export async function waitingForAssessment(db: Db, visible: PersonFilter, now: Date) {
  return db
    .selectFrom('task as t')
    .innerJoin('care_period as p', (j) =>
      j.on(sql<boolean>`t.subject_id = p.id::text`).on('p.end_date', 'is', null),
    )
    .innerJoin('person', 'person.id', 't.child_id')
    .innerJoin('people_person_v as c', 'c.id', 't.child_id')
    .leftJoin('care_health_assessment as a', (j) =>
      j.onRef('a.period_id', '=', 'p.id').on('a.completed_on', 'is', null),
    )
    .leftJoin('app_user as u', 'u.id', 't.assigned_user_id')
    .leftJoin('team as tm', 'tm.id', 't.assigned_team_id')
    .select([
      't.id as task_id',
      't.child_id',
      't.clock_code',
      't.due_at',
      'c.given_name',
      'c.family_name',
      'p.id as period_id',
      'a.kind',
      'a.requested_on',
      'a.appointment_on',
      'a.waiting_reason',
      'a.waiting_other',
      'u.display_name as worker',
      'tm.name as team',
    ])
    .where('t.subject_type', '=', 'period_of_care')
    .where('t.clock_code', 'in', Object.values(HEALTH_CLOCKS))
    .where('t.stopped_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('t.clock_code', '=', HEALTH_CLOCKS.iha),
        eb('a.id', 'is not', null),
        eb('t.due_soon_at', '<=', now),
      ]),
    )
    .where(visible)
    .orderBy('t.due_at')
    .orderBy('t.id')
    .execute()
}

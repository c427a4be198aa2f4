/**
 * The assessment module's SQL: its own `assessment` table (migration 0031), and what it reads of
 * other modules through their published views only: the front door's referrals and contacts
 * (`frontdoor_referral_v`, `frontdoor_contact_child_v`), people's names and relationships
 * (`people_person_v`, `people_relationship_v`) and case notes' contacts with the child
 * (`casenotes_child_contact_v`), and its own visit measures (`assessment_visit_measure_v`,
 * `assessment_visit_child_v`, migration 0040). No permission checks here; the service decides who may call what.
 */
import { sql, type Expression, type Kysely } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Db } from '../../platform/db/database.js'
import { withInstants } from '../../platform/db/json-rows.js'
import type { AssessmentStatus, Database } from '../../platform/db/schema.js'
import type { SectionChange } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

/** The other modules' published views this module reads, as their migrations define them. */
type ReadViews = {
  frontdoor_referral_v: {
    id: number
    child_id: number
    contact_child_id: number | null
    referral_date: string
    referral_source: string
    re_referral: boolean
    nfa: boolean
    status: 'awaiting_allocation' | 'allocated' | 'closed'
    team_id: number | null
    worker_id: number | null
    allocated_at: Date | null
    closed_at: Date | null
  }
  frontdoor_contact_child_v: {
    received_at: Date
    received_on: string
    contact_deleted_at: Date | null
  }
}

/** The database with the other modules' views this module reads that the schema does not type. */
export const views = (db: Db) => db.withTables<ReadViews>()

/** Relationship types that make two children siblings, or an adult a child's parent or carer. */
const SIBLING_TYPES = ['sibling', 'half_sibling', 'step_sibling']
const PARENT_TYPES = ['mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian']

// ---------------------------------------------------------------------------------------------
// Referrals

export type Referral = ReadViews['frontdoor_referral_v']

export async function referral(db: Db, referralId: number): Promise<Referral | undefined> {
  return views(db)
    .selectFrom('frontdoor_referral_v')
    .selectAll()
    .where('id', '=', referralId)
    .executeTakeFirst()
}

/** The child's referrals, newest first, with the assessment started from each (if any). */
export async function referralsOf(db: Db, childId: number) {
  return views(db)
    .selectFrom('frontdoor_referral_v as r')
    .leftJoin('assessment as a', (join) =>
      join.onRef('a.referral_id', '=', 'r.id').on('a.deleted_at', 'is', null),
    )
    .select([
      'r.id',
      'r.referral_date',
      'r.status',
      'r.allocated_at',
      'r.worker_id',
      'r.team_id',
      'a.id as assessment_id',
    ])
    .where('r.child_id', '=', childId)
    .orderBy('r.referral_date', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Assessments

export async function insertAssessment(
  trx: Trx,
  a: { childId: number; referralId: number; startedOn: string; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('assessment')
    .values({
      child_id: a.childId,
      referral_id: a.referralId,
      started_on: a.startedOn,
      started_by: a.by,
      started_at: a.at,
      updated_by: a.by,
      updated_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The live assessment from a referral, if one was started. */
export async function assessmentFromReferral(db: Db, referralId: number) {
  return db
    .selectFrom('assessment')
    .select('id')
    .where('referral_id', '=', referralId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

/** An assessment on this child's record (not deleted), with its referral's date and who started it. */
export async function assessmentOn(db: Db, assessmentId: number, childId: number) {
  return views(db)
    .selectFrom('assessment as a')
    .innerJoin('frontdoor_referral_v as r', 'r.id', 'a.referral_id')
    .innerJoin('app_user as u', 'u.id', 'a.started_by')
    .leftJoin('app_user as m', 'm.id', 'a.authorised_by')
    .selectAll('a')
    .select([
      'r.referral_date',
      'r.allocated_at',
      'u.display_name as startedByName',
      'm.display_name as authorisedByName',
    ])
    .where('a.id', '=', assessmentId)
    .where('a.child_id', '=', childId)
    .where('a.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** The assessment's row, locked until the transaction ends. */
export async function lockAssessment(trx: Trx, assessmentId: number) {
  return trx
    .selectFrom('assessment')
    .selectAll()
    .where('id', '=', assessmentId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

/** Saves a section's answers if the row is still at `version`; false if someone changed it meanwhile. */
export async function saveSection(
  trx: Trx,
  assessmentId: number,
  version: number,
  change: SectionChange,
  by: number,
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('assessment')
    .set({ ...change, version: sql`version + 1`, updated_by: by, updated_at: at })
    .where('id', '=', assessmentId)
    .where('version', '=', version)
    .where('status', '=', 'in_progress')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function setStatus(
  trx: Trx,
  assessmentId: number,
  status: AssessmentStatus,
  by: number,
  at: Date,
  authorised?: { on: string },
) {
  await trx
    .updateTable('assessment')
    .set({
      status,
      version: sql`version + 1`,
      updated_by: by,
      updated_at: at,
      ...(authorised ? { authorised_on: authorised.on, authorised_by: by } : {}),
    })
    .where('id', '=', assessmentId)
    .execute()
}

/** The child's assessments, newest first. */
export async function assessmentsOf(db: Db, childId: number) {
  return assessmentsQuery(db, childId).execute()
}

const assessmentsQuery = (db: Db, childId: number) =>
  views(db)
    .selectFrom('assessment as a')
    .innerJoin('frontdoor_referral_v as r', 'r.id', 'a.referral_id')
    .leftJoin('task as k', (join) =>
      join
        .on('k.clock_code', '=', 'assessment-45wd')
        .on('k.subject_type', '=', 'assessment')
        .on(sql<boolean>`k.subject_id = a.id::text`),
    )
    .select([
      'a.id',
      'a.status',
      'a.started_on',
      'a.authorised_on',
      'a.outcome',
      'a.version',
      'r.referral_date',
      'r.allocated_at',
      'k.due_at',
      'k.stopped_at',
    ])
    .where('a.child_id', '=', childId)
    .where('a.deleted_at', 'is', null)
    .orderBy('a.started_on', 'desc')
    .orderBy('a.id', 'desc')

/** The assessment clock's task, open or stopped. */
export async function clockTask(db: Db, assessmentId: number) {
  return db
    .selectFrom('task')
    .select(['due_at', 'stopped_at', 'assigned_user_id'])
    .where('clock_code', '=', 'assessment-45wd')
    .where('subject_type', '=', 'assessment')
    .where('subject_id', '=', String(assessmentId))
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

// ---------------------------------------------------------------------------------------------
// Family and history, through the published views

/** People related to the child now (parents, carers, siblings…), with how, from the people module. */
export async function relatedPeople(db: Db, childId: number) {
  return db
    .selectFrom('people_relationship_v as r')
    .innerJoin('people_person_v as p', (join) =>
      join.on(
        sql<boolean>`p.id = case when r.person_id = ${childId} then r.related_person_id else r.person_id end`,
      ),
    )
    .select([
      'p.id',
      'p.kind',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.restricted',
      'r.relationship_type',
      'r.household_member',
      sql<boolean>`r.related_person_id = ${childId}`.as('pointsAtChild'),
    ])
    .where((eb) => eb.or([eb('r.person_id', '=', childId), eb('r.related_person_id', '=', childId)]))
    .where('r.deleted_at', 'is', null)
    .where('r.to_date', 'is', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.date_of_birth')
    .orderBy('p.id')
    .execute()
}

/** Children sharing a parent or carer with the child (brothers and sisters not linked directly). */
export async function childrenOfParents(db: Db, childId: number) {
  return db
    .selectFrom('people_relationship_v as mine')
    .innerJoin('people_relationship_v as theirs', 'theirs.person_id', 'mine.person_id')
    .innerJoin('people_person_v as p', 'p.id', 'theirs.related_person_id')
    .select([
      'p.id',
      'p.kind',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.restricted',
      'theirs.household_member',
    ])
    .distinctOn('p.id')
    .where('mine.related_person_id', '=', childId)
    .where('mine.relationship_type', 'in', PARENT_TYPES)
    .where('theirs.relationship_type', 'in', PARENT_TYPES)
    .where('theirs.related_person_id', '<>', childId)
    .where('mine.deleted_at', 'is', null)
    .where('theirs.deleted_at', 'is', null)
    .where('mine.to_date', 'is', null)
    .where('theirs.to_date', 'is', null)
    .where('p.kind', 'in', ['child', 'unborn'])
    .where('p.deleted_at', 'is', null)
    .orderBy('p.id')
    .execute()
}

export { PARENT_TYPES, SIBLING_TYPES }

/** Each person's contacts, referrals and assessments, from the front door's views and this module's. */
export async function historyOf(db: Db, personIds: readonly number[]) {
  if (personIds.length === 0) return { contacts: [], referrals: [], assessments: [] }
  const [contacts, referrals, assessments] = await Promise.all([
    views(db)
      .selectFrom('frontdoor_contact_child_v as c')
      .select(['c.id', 'c.contact_id', 'c.child_id', 'c.received_on', 'c.status'])
      .where('c.child_id', 'in', personIds)
      .where('c.contact_deleted_at', 'is', null)
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id', 'desc')
      .execute(),
    views(db)
      .selectFrom('frontdoor_referral_v as r')
      .select(['r.id', 'r.child_id', 'r.referral_date', 'r.status', 'r.nfa', 'r.re_referral'])
      .where('r.child_id', 'in', personIds)
      .orderBy('r.referral_date', 'desc')
      .orderBy('r.id', 'desc')
      .execute(),
    db
      .selectFrom('assessment_v as a')
      .select(['a.assessment_id', 'a.child_id', 'a.start_date', 'a.authorised_date', 'a.outcome', 'a.status'])
      .where('a.child_id', 'in', personIds)
      .orderBy('a.start_date', 'desc')
      .orderBy('a.assessment_id', 'desc')
      .execute(),
  ])
  return { contacts, referrals, assessments }
}

/** The assessment's visit measures: its row of `assessment_visit_measure_v` (migration 0040, their definition). */
export async function visitRow(db: Db, assessmentId: number) {
  return visitRowQuery(db, assessmentId).executeTakeFirst()
}

const visitRowQuery = (db: Db, assessmentId: number | Expression<number>) =>
  db
    .selectFrom('assessment_visit_measure_v')
    .select([
      'assessment_id',
      'child_id',
      'allocated_at',
      'first_visit_on',
      'first_visit_source',
      'household_children',
      'household_seen',
    ])
    .where('assessment_id', '=', assessmentId)

/** The other children of the household the measures count, each with the first day seen, oldest first. */
export async function visitHousehold(db: Db, assessmentId: number) {
  return visitHouseholdQuery(db, assessmentId).execute()
}

const visitHouseholdQuery = (db: Db, assessmentId: number | Expression<number>) =>
  db
    .selectFrom('assessment_visit_child_v as h')
    .innerJoin('people_person_v as p', 'p.id', 'h.member_id')
    .select([
      'p.id',
      'p.given_name',
      'p.family_name',
      'p.restricted',
      'h.first_seen_on',
      'h.first_seen_source',
    ])
    .where('h.assessment_id', '=', assessmentId)
    .where('h.is_subject', '=', false)
    .orderBy('p.date_of_birth')
    .orderBy('p.id')

/** The child's name, kind and date of birth, as the people module publishes them. */
export async function childNamed(db: Db, childId: number) {
  return childNamedQuery(db, childId).executeTakeFirst()
}

const childNamedQuery = (db: Db, childId: number) =>
  db
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name', 'restricted', 'kind', 'date_of_birth'])
    .where('id', '=', childId)

/**
 * What the child's record shows of this module, in one statement (a round trip costs the server
 * more than these reads do): the child's assessments with their clocks, the child's kind and
 * date of birth, how many open referrals have no assessment yet, and the latest assessment's
 * visit measures and household.
 */
export async function recordPanelRows(db: Db, childId: number) {
  const latest = db
    .selectFrom('assessment')
    .select('id')
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('started_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
  const row = await db
    .selectNoFrom(() => [
      jsonArrayFrom(assessmentsQuery(db, childId)).as('assessments'),
      jsonObjectFrom(childNamedQuery(db, childId)).as('child'),
      views(db)
        .selectFrom('frontdoor_referral_v as r')
        .select((c) => c.fn.countAll<number>().as('n'))
        .where('r.child_id', '=', childId)
        .where('r.status', '<>', 'closed')
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('assessment as a')
                .select('a.id')
                .whereRef('a.referral_id', '=', 'r.id')
                .where('a.deleted_at', 'is', null),
            ),
          ),
        )
        .as('canStartFrom'),
      jsonObjectFrom(visitRowQuery(db, latest.$asScalar())).as('visit'),
      jsonArrayFrom(visitHouseholdQuery(db, latest.$asScalar())).as('household'),
    ])
    .executeTakeFirstOrThrow()
  return {
    assessments: withInstants(row.assessments, ['allocated_at', 'due_at', 'stopped_at']),
    child: row.child ?? undefined,
    canStartFrom: Number(row.canStartFrom ?? 0),
    visit: row.visit ? withInstants([row.visit], ['allocated_at'])[0] : undefined,
    household: row.household,
  }
}

/** The assessments waiting on this person's own list as the sign-off task, for the worklist. */
export async function openAssessmentsOfWorker(db: Db, userId: number) {
  return db
    .selectFrom('task')
    .select(['child_id', 'subject_id', 'due_at'])
    .where('clock_code', '=', 'assessment-45wd')
    .where('assigned_user_id', '=', userId)
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')
    .execute()
}

/** The child an assessment (not deleted) is about, or null. */
export async function assessmentChild(db: Db, assessmentId: number): Promise<number | null> {
  const row = await db
    .selectFrom('assessment')
    .select('child_id')
    .where('id', '=', assessmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return row?.child_id ?? null
}

/**
 * The care module's SQL: a child's periods of care, their placements and episodes. No permission
 * checks here; the service decides who may call what. Children's names come from the people
 * module's published view.
 */
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import { isUniqueViolation } from '../../platform/db/errors.js'
import type { Database } from '../../platform/db/schema.js'
import type { Admission, Placement, Rne } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

/** The child as the pages name them, with the date of birth the start is checked against. */
export async function childNamed(db: Db, childId: number) {
  return db
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where('id', '=', childId)
    .executeTakeFirst()
}

/** The child's open period of care, locked for the rest of the transaction, or undefined. */
export async function lockOpenPeriod(trx: Trx, childId: number) {
  return trx
    .selectFrom('care_period')
    .selectAll()
    .where('child_id', '=', childId)
    .where('end_date', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

/** The day the child's last period of care ended, or null when none has. */
export async function lastEnded(db: Db, childId: number): Promise<string | null> {
  const row = await db
    .selectFrom('care_period')
    .select((eb) => eb.fn.max('end_date').as('ended'))
    .where('child_id', '=', childId)
    .executeTakeFirst()
  return row?.ended ?? null
}

/** The period's open episode and its placement (one of each, by the unique indexes). */
export async function currentEpisode(db: Db, periodId: number) {
  return db
    .selectFrom('care_episode as e')
    .innerJoin('care_placement as p', 'p.id', 'e.placement_id')
    .select([
      'e.id',
      'e.start_date',
      'e.legal_status',
      'e.placement_id',
      'p.place',
      'p.provider',
      'p.carer_name',
      'p.urn',
      'p.postcode',
    ])
    .where('e.period_id', '=', periodId)
    .where('e.end_date', 'is', null)
    .executeTakeFirst()
}

export interface NewPeriod {
  childId: number
  startDate: string
  admission: Admission
  panel: { name: string | null; date: string | null; chair: string | null }
  categoryOfNeed: string
  homePostcode: string | null
  by: number
  at: Date
}

/** The new period's id, or 'open' when the child already has one (another request just now). */
export async function insertPeriod(trx: Trx, p: NewPeriod): Promise<number | 'open'> {
  try {
    const { id } = await trx
      .insertInto('care_period')
      .values({
        child_id: p.childId,
        start_date: p.startDate,
        admission: p.admission,
        panel_name: p.panel.name,
        panel_date: p.panel.date,
        panel_chair: p.panel.chair,
        category_of_need: p.categoryOfNeed,
        home_postcode: p.homePostcode,
        started_by: p.by,
        recorded_at: p.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  } catch (err) {
    if (isUniqueViolation(err, 'care_period_one_open')) return 'open'
    throw err
  }
}

export async function insertPlacement(
  trx: Trx,
  p: { periodId: number; childId: number; startDate: string; placement: Placement; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_placement')
    .values({
      period_id: p.periodId,
      child_id: p.childId,
      start_date: p.startDate,
      place: p.placement.place,
      provider: p.placement.provider,
      carer_name: p.placement.carer,
      urn: p.placement.urn,
      postcode: p.placement.postcode,
      recorded_by: p.by,
      recorded_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function insertEpisode(
  trx: Trx,
  e: {
    periodId: number
    childId: number
    placementId: number
    startDate: string
    rne: Rne
    legalStatus: string
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_episode')
    .values({
      period_id: e.periodId,
      child_id: e.childId,
      placement_id: e.placementId,
      start_date: e.startDate,
      rne: e.rne,
      legal_status: e.legalStatus,
      recorded_by: e.by,
      recorded_at: e.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Ends an episode: X1 with a change (and its reason for placement change), or the period's REC. */
export async function endEpisode(
  trx: Trx,
  episodeId: number,
  end: { date: string; rec: string; reasonPlaceChange: string | null },
): Promise<void> {
  await trx
    .updateTable('care_episode')
    .set({ end_date: end.date, rec: end.rec, reason_place_change: end.reasonPlaceChange })
    .where('id', '=', episodeId)
    .execute()
}

export async function endPlacement(trx: Trx, placementId: number, date: string): Promise<void> {
  await trx.updateTable('care_placement').set({ end_date: date }).where('id', '=', placementId).execute()
}

export async function endPeriod(
  trx: Trx,
  periodId: number,
  end: { date: string; reason: string; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('care_period')
    .set({ end_date: end.date, reason_ceased: end.reason, ended_by: end.by, ended_at: end.at })
    .where('id', '=', periodId)
    .execute()
}

/** The child's periods of care, newest first, with who started each. */
export async function periodsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_period as p')
    .leftJoin('app_user as u', 'u.id', 'p.started_by')
    .selectAll('p')
    .select('u.display_name as startedByName')
    .where('p.child_id', '=', childId)
    .orderBy('p.start_date', 'desc')
    .orderBy('p.id', 'desc')
    .execute()
}

/** The child's episodes with their placements, oldest first within each period. */
export async function episodesOf(db: Db, childId: number) {
  return db
    .selectFrom('care_episode as e')
    .innerJoin('care_placement as p', 'p.id', 'e.placement_id')
    .select([
      'e.id',
      'e.period_id',
      'e.start_date',
      'e.rne',
      'e.legal_status',
      'e.end_date',
      'e.rec',
      'e.reason_place_change',
      'p.id as placementId',
      'p.place',
      'p.provider',
      'p.carer_name',
      'p.urn',
      'p.postcode',
      'p.start_date as placementStart',
    ])
    .where('e.child_id', '=', childId)
    .orderBy('e.period_id')
    .orderBy('e.start_date')
    .orderBy('e.id')
    .execute()
}

/** The period of care's open statutory tasks (reviews, visits, health), soonest first. */
export async function openTasksOf(db: Db, periodId: number) {
  return db
    .selectFrom('task')
    .select(['id', 'clock_code', 'title', 'due_at'])
    .where('subject_type', '=', 'period_of_care')
    .where('subject_id', '=', String(periodId))
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')
    .execute()
}

/** The child a period of care is about, for the route's permission check. */
export async function periodChild(db: Db, periodId: number): Promise<number | null> {
  const row = await db
    .selectFrom('care_period')
    .select('child_id')
    .where('id', '=', periodId)
    .executeTakeFirst()
  return row?.child_id ?? null
}

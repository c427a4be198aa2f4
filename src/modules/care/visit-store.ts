/**
 * The SQL of statutory visits: the `care_visit` rows (migration 0059) and the placements a visit's
 * date is placed in. No permission checks here; the visit service decides who may call what.
 */
import type { Db, Trx } from './store.js'
import type { VisitInput } from './visit-model.js'

/** The period's placements, oldest first. */
export async function placementsOf(db: Db, periodId: number) {
  const rows = await db
    .selectFrom('care_placement')
    .select(['id', 'start_date', 'end_date'])
    .where('period_id', '=', periodId)
    .orderBy('start_date')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, startDate: r.start_date, endDate: r.end_date }))
}

export async function insertVisit(
  trx: Trx,
  v: { periodId: number; placementId: number; childId: number; input: VisitInput; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_visit')
    .values({
      period_id: v.periodId,
      placement_id: v.placementId,
      child_id: v.childId,
      visited_on: v.input.visitedOn,
      visited_by: v.input.visitedBy,
      location: v.input.location,
      location_detail: v.input.locationDetail,
      child_seen: v.input.seen,
      seen_alone: v.input.seenAlone,
      not_seen_reason: v.input.notSeenReason,
      note: v.input.note,
      recorded_by: v.by,
      recorded_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/**
 * The child's visits, newest first. Not the placement's carers: they may be prospective adopters,
 * whom the care page shows only to those who may see them.
 */
export async function visitsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_visit as v')
    .select([
      'v.id',
      'v.period_id',
      'v.visited_on',
      'v.visited_by',
      'v.location',
      'v.location_detail',
      'v.child_seen',
      'v.seen_alone',
      'v.not_seen_reason',
      'v.note',
    ])
    .where('v.child_id', '=', childId)
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.id', 'desc')
    .execute()
}

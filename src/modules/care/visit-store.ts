/**
 * The SQL of statutory visits: the `care_visit` rows (migration 0059) and the placements a visit's
 * date is placed in. No permission checks here; the visit service decides who may call what.
 */
import type { Db, Trx } from './store.js'
import type { VisitInput } from './visit-model.js'

/** The period's placements, oldest first, with the day each was agreed as long-term (or null). */
export async function placementsOf(db: Db, periodId: number) {
  const rows = await db
    .selectFrom('care_placement as p')
    .leftJoin('care_placement_long_term as l', 'l.placement_id', 'p.id')
    .select(['p.id', 'p.start_date', 'p.end_date', 'l.agreed_on'])
    .where('p.period_id', '=', periodId)
    .orderBy('p.start_date')
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    startDate: r.start_date,
    endDate: r.end_date,
    longTermAgreedOn: r.agreed_on,
  }))
}

/** Records the placement as agreed long-term; false when it already was (another request just now). */
export async function insertLongTerm(
  trx: Trx,
  l: { placementId: number; childId: number; agreedOn: string; by: number; at: Date },
): Promise<boolean> {
  const rows = await trx
    .insertInto('care_placement_long_term')
    .values({
      placement_id: l.placementId,
      child_id: l.childId,
      agreed_on: l.agreedOn,
      recorded_by: l.by,
      recorded_at: l.at,
    })
    .onConflict((oc) => oc.column('placement_id').doNothing())
    .returning('placement_id')
    .execute()
  return rows.length === 1
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

/** The day the period's current placement was agreed as long-term, or null. */
export async function longTermAgreedOn(db: Db, periodId: number): Promise<string | null> {
  const row = await db
    .selectFrom('care_placement as p')
    .innerJoin('care_placement_long_term as l', 'l.placement_id', 'p.id')
    .select('l.agreed_on')
    .where('p.period_id', '=', periodId)
    .where('p.end_date', 'is', null)
    .executeTakeFirst()
  return row?.agreed_on ?? null
}

/**
 * The SQL of a period's adoption record (`care_adoption`, migration 0068) and of the episodes'
 * milestones it is checked against. No permission checks here; the adoption service decides who
 * may call what.
 */
import type { AdopterLegalStatus, AdopterSexes, AdoptionReversalReason } from '../../platform/db/schema.js'
import type { AdoptionInput, EpisodeFacts } from './adoption-model.js'
import type { Db, Trx } from './store.js'

/** Records (or corrects) the period's decision, its reversal and the match. */
export async function upsertAdoption(
  trx: Trx,
  r: { periodId: number; childId: number; input: AdoptionInput; by: number; at: Date },
): Promise<void> {
  const { decision, reversal, match } = r.input
  const values = {
    decided_on: decision.on,
    decision_maker: decision.maker,
    reversed_on: reversal?.on ?? null,
    reversal_reason: (reversal?.reason ?? null) as AdoptionReversalReason | null,
    matched_on: match?.on ?? null,
    adopters: match?.adopters ?? null,
    adopter_sexes: (match?.sexes ?? null) as AdopterSexes | null,
    adopter_legal_status: (match?.legalStatus ?? null) as AdopterLegalStatus | null,
    by_foster_carers: match?.byFosterCarers ?? null,
    updated_by: r.by,
    updated_at: r.at,
  }
  await trx
    .insertInto('care_adoption')
    .values({ period_id: r.periodId, child_id: r.childId, recorded_by: r.by, recorded_at: r.at, ...values })
    .onConflict((oc) => oc.column('period_id').doUpdateSet(values))
    .execute()
}

/** The period's adoption record, or undefined. */
export async function adoptionOf(db: Db, periodId: number) {
  return db.selectFrom('care_adoption').selectAll().where('period_id', '=', periodId).executeTakeFirst()
}

/** The period's episodes as the milestones need them, in date order. */
export async function episodeFactsOf(db: Db, periodId: number): Promise<EpisodeFacts[]> {
  const rows = await db
    .selectFrom('care_episode as e')
    .innerJoin('care_placement as p', 'p.id', 'e.placement_id')
    .select(['e.start_date', 'e.rne', 'e.legal_status', 'p.place'])
    .where('e.period_id', '=', periodId)
    .orderBy('e.start_date')
    .orderBy('e.id')
    .execute()
  return rows.map((e) => ({ start: e.start_date, rne: e.rne, legalStatus: e.legal_status, place: e.place }))
}

/** The child's adoption records, one a period. */
export async function adoptionsOfChild(db: Db, childId: number) {
  return db
    .selectFrom('care_adoption')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('period_id')
    .execute()
}

/**
 * The SQL of the independent visitor: `care_independent_visitor` and its visits (migration 0070).
 * No permission checks here; the service decides who may call what.
 */
import type { ArrangementInput, AssessmentInput, EndInput, VisitInput } from './independent-visitor-model.js'
import type { Db, Trx } from './store.js'

/** The child's latest assessment (and what followed it) in the period, locked, or undefined. */
export async function lockLatest(trx: Trx, periodId: number) {
  return trx
    .selectFrom('care_independent_visitor')
    .selectAll()
    .where('period_id', '=', periodId)
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .forUpdate()
    .executeTakeFirst()
}

export async function insertAssessment(
  trx: Trx,
  a: { periodId: number; childId: number; input: AssessmentInput; by: number; at: Date },
): Promise<number | null> {
  const rows = await trx
    .insertInto('care_independent_visitor')
    .values({
      period_id: a.periodId,
      child_id: a.childId,
      assessed_on: a.input.assessedOn,
      needed: a.input.needed,
      assessment_note: a.input.note,
      recorded_by: a.by,
      recorded_at: a.at,
      updated_by: a.by,
      updated_at: a.at,
    })
    .onConflict((oc) =>
      oc.column('child_id').where('needed', '=', true).where('ended_on', 'is', null).doNothing(),
    )
    .returning('id')
    .execute()
  return rows[0]?.id ?? null
}

export async function updateArrangement(
  trx: Trx,
  id: number,
  a: { input: ArrangementInput; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('care_independent_visitor')
    .set({
      requested_on: a.input.requestedOn,
      matched_on: a.input.matchedOn,
      visitor_name: a.input.visitorName,
      updated_by: a.by,
      updated_at: a.at,
    })
    .where('id', '=', id)
    .execute()
}

export async function insertVisit(
  trx: Trx,
  v: { visitorId: number; childId: number; input: VisitInput; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_independent_visitor_visit')
    .values({
      visitor_id: v.visitorId,
      child_id: v.childId,
      visited_on: v.input.visitedOn,
      note: v.input.note,
      recorded_by: v.by,
      recorded_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function endArrangement(trx: Trx, id: number, e: { input: EndInput; by: number; at: Date }) {
  await trx
    .updateTable('care_independent_visitor')
    .set({ ended_on: e.input.endedOn, end_reason: e.input.reason, updated_by: e.by, updated_at: e.at })
    .where('id', '=', id)
    .execute()
}

/** The child's assessments and arrangements, newest first. */
export async function arrangementsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_independent_visitor')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** The visits of the arrangements given, newest first. */
export async function visitsOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('care_independent_visitor_visit')
    .selectAll()
    .where('visitor_id', 'in', ids)
    .orderBy('visited_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

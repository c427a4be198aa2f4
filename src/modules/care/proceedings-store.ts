/**
 * The SQL of care proceedings: `care_proceedings`, its hearings and extensions (migration 0070).
 * No permission checks here; the proceedings service decides who may call what.
 */
import type { ProceedingsFinalOrder, HearingKind, HearingOrder } from '../../platform/db/schema.js'
import type { ApplicationInput, ConclusionInput, ExtensionInput, HearingInput } from './proceedings-model.js'
import type { Db, Trx } from './store.js'

/** The child's open proceedings, locked for the change about to be made, or undefined. */
export async function lockOpenProceedings(trx: Trx, childId: number) {
  return trx
    .selectFrom('care_proceedings')
    .selectAll()
    .where('child_id', '=', childId)
    .where('concluded_on', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export async function openProceedings(db: Db, childId: number) {
  return db
    .selectFrom('care_proceedings')
    .selectAll()
    .where('child_id', '=', childId)
    .where('concluded_on', 'is', null)
    .executeTakeFirst()
}

/** Records the application; null when the child already has open proceedings (another request just now). */
export async function insertProceedings(
  trx: Trx,
  p: { childId: number; periodId: number | null; input: ApplicationInput; by: number; at: Date },
): Promise<number | null> {
  const rows = await trx
    .insertInto('care_proceedings')
    .values({
      child_id: p.childId,
      period_id: p.periodId,
      issued_on: p.input.issuedOn,
      court: p.input.court,
      applicant: p.input.applicant,
      letter_before_on: p.input.letterBeforeOn,
      recorded_by: p.by,
      recorded_at: p.at,
    })
    .onConflict((oc) => oc.column('child_id').where('concluded_on', 'is', null).doNothing())
    .returning('id')
    .execute()
  return rows[0]?.id ?? null
}

/** Links proceedings recorded before care started to the period of care the child is now in. */
export async function linkPeriod(trx: Trx, id: number, periodId: number): Promise<void> {
  await trx
    .updateTable('care_proceedings')
    .set({ period_id: periodId })
    .where('id', '=', id)
    .where('period_id', 'is', null)
    .execute()
}

export async function insertHearing(
  trx: Trx,
  h: { proceedingsId: number; childId: number; input: HearingInput; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_proceedings_hearing')
    .values({
      proceedings_id: h.proceedingsId,
      child_id: h.childId,
      heard_on: h.input.heardOn,
      kind: h.input.kind as HearingKind,
      outcome: h.input.outcome,
      order_made: h.input.order as HearingOrder | null,
      recorded_by: h.by,
      recorded_at: h.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function insertExtension(
  trx: Trx,
  x: {
    proceedingsId: number
    childId: number
    input: ExtensionInput
    previousEnd: string
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_proceedings_extension')
    .values({
      proceedings_id: x.proceedingsId,
      child_id: x.childId,
      granted_on: x.input.grantedOn,
      previous_end: x.previousEnd,
      extended_to: x.input.extendedTo,
      reason: x.input.reason,
      recorded_by: x.by,
      recorded_at: x.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function concludeProceedings(
  trx: Trx,
  id: number,
  c: { input: ConclusionInput; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('care_proceedings')
    .set({
      concluded_on: c.input.concludedOn,
      final_order: c.input.finalOrder as ProceedingsFinalOrder,
      concluded_by: c.by,
      concluded_at: c.at,
    })
    .where('id', '=', id)
    .where('concluded_on', 'is', null)
    .execute()
}

/** The child's proceedings, newest first. */
export async function proceedingsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_proceedings')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** The hearings of the proceedings given, oldest first. */
export async function hearingsOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('care_proceedings_hearing')
    .selectAll()
    .where('proceedings_id', 'in', ids)
    .orderBy('heard_on')
    .orderBy('id')
    .execute()
}

/** The extensions of the proceedings given, in the order granted. */
export async function extensionsOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('care_proceedings_extension')
    .selectAll()
    .where('proceedings_id', 'in', ids)
    .orderBy('extended_to')
    .orderBy('id')
    .execute()
}

/** The child's legal status changes (episodes' starts with their legal status), for the orders' link. */
export async function legalStatusesOf(db: Db, childId: number) {
  return db
    .selectFrom('care_episode')
    .select(['start_date', 'legal_status', 'id'])
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .execute()
}

/** The child a set of proceedings is about, or null (the task page's subject). */
export async function proceedingsChild(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('care_proceedings')
    .select('child_id')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.child_id ?? null
}

/**
 * The SQL of care leavers' contacts and the outcomes of children looked after (migration 0067):
 * `care_leaver_contact` and `care_outcome`. No permission checks here; the leavers service decides
 * who may call what.
 */
import type { CareOutcomeKind, InTouch } from '../../platform/db/schema.js'
import type { LeaverContactInput } from './leavers-model.js'
import type { OutcomeInput } from './outcomes-model.js'
import type { Db, Trx } from './store.js'

/**
 * The child's periods of care, oldest first, with their episodes' spans and legal statuses;
 * locked when `lock` (in a write: no period starts or ends meanwhile).
 */
export async function careHistory(trx: Db, childId: number, lock = false) {
  const periods = await trx
    .selectFrom('care_period')
    .select(['id', 'start_date', 'end_date', 'reason_ceased'])
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .$if(lock, (qb) => qb.forUpdate())
    .execute()
  const episodes = await trx
    .selectFrom('care_episode')
    .select(['start_date', 'end_date', 'legal_status'])
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .execute()
  return { periods, episodes }
}

/** Records (or corrects) the contact around one birthday. */
export async function upsertLeaverContact(
  trx: Trx,
  c: { childId: number; birthday: string; input: LeaverContactInput; by: number; at: Date },
): Promise<void> {
  const values = {
    birthday: c.birthday,
    contact_on: c.input.contactOn,
    in_touch: c.input.inTouch as InTouch,
    activity: c.input.activity,
    accommodation: c.input.accommodation,
    recorded_by: c.by,
    recorded_at: c.at,
  }
  await trx
    .insertInto('care_leaver_contact')
    .values({ child_id: c.childId, age: c.input.age, ...values })
    .onConflict((oc) => oc.columns(['child_id', 'age']).doUpdateSet(values))
    .execute()
}

/** The child's contacts, by birthday. */
export async function leaverContactsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_leaver_contact as c')
    .leftJoin('app_user as u', 'u.id', 'c.recorded_by')
    .select([
      'c.age',
      'c.birthday',
      'c.contact_on',
      'c.in_touch',
      'c.activity',
      'c.accommodation',
      'c.recorded_at',
      'u.display_name as recordedByName',
    ])
    .where('c.child_id', '=', childId)
    .orderBy('c.age')
    .execute()
}

export async function insertOutcome(
  trx: Trx,
  o: { periodId: number; childId: number; input: OutcomeInput; by: number; at: Date },
): Promise<number> {
  const row = await trx
    .insertInto('care_outcome')
    .values({
      period_id: o.periodId,
      child_id: o.childId,
      kind: o.input.kind as CareOutcomeKind,
      occurred_on: o.input.date,
      code: o.input.code,
      recorded_by: o.by,
      recorded_at: o.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The child's outcomes, newest first. */
export async function outcomesOf(db: Db, childId: number) {
  return db
    .selectFrom('care_outcome as o')
    .leftJoin('app_user as u', 'u.id', 'o.recorded_by')
    .select([
      'o.id',
      'o.kind',
      'o.occurred_on',
      'o.code',
      'o.recorded_at',
      'u.display_name as recordedByName',
    ])
    .where('o.child_id', '=', childId)
    .orderBy('o.occurred_on', 'desc')
    .orderBy('o.id', 'desc')
    .execute()
}

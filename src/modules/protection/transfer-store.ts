/**
 * Transfers' SQL: notifications of children moving in on another authority's plan, and children
 * on our plan moving away. No permission checks here. Plans are read, never written: their start
 * and end go through the plan service.
 */
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { withInstants } from '../../platform/db/json-rows.js'
import type { NotificationInput, TransferOutInput } from './transfer-model.js'
import type { Db, Trx } from './store.js'

export async function insertTransferIn(
  trx: Trx,
  input: NotificationInput,
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('cp_transfer_in')
    .values({
      from_la_code: input.laCode,
      from_la_name: input.laName,
      notified_on: input.notifiedOn,
      worker_name: input.workerName,
      worker_contact: input.workerContact,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('cp_transfer_in_child')
    .values(
      input.children.map((c) => ({
        transfer_in_id: id,
        child_id: c.childId,
        their_plan_start: c.theirPlanStart,
        their_category: c.theirCategory,
      })),
    )
    .execute()
  return id
}

/** Names one more child on a notification (a brother or sister joining it). */
export async function insertTransferInChild(
  trx: Trx,
  id: number,
  c: NotificationInput['children'][number],
): Promise<void> {
  await trx
    .insertInto('cp_transfer_in_child')
    .values({
      transfer_in_id: id,
      child_id: c.childId,
      their_plan_start: c.theirPlanStart,
      their_category: c.theirCategory,
    })
    .execute()
}

/**
 * These notifications (locked: a child joining one waits for another joining it) with their
 * authority, date and conference, for a brother or sister to join.
 */
export async function lockSiblingNotifications(trx: Trx, ids: readonly number[]) {
  if (ids.length === 0) return []
  const rows = await trx
    .selectFrom('cp_transfer_in')
    .select(['id', 'from_la_code', 'notified_on', 'conference_id'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute()
  const conferences = rows.some((r) => r.conference_id !== null)
    ? await trx
        .selectFrom('child_protection_conference')
        .select(['id', 'scheduled_at', 'held_at', 'cancelled_at'])
        .where(
          'id',
          'in',
          rows.flatMap((r) => (r.conference_id === null ? [] : [r.conference_id])),
        )
        .execute()
    : []
  return rows.map((r) => {
    const c = conferences.find((k) => k.id === r.conference_id)
    return {
      id: r.id,
      laCode: r.from_la_code,
      notifiedOn: r.notified_on,
      conference: c
        ? { id: c.id, scheduledAt: c.scheduled_at, heldAt: c.held_at, cancelledAt: c.cancelled_at }
        : null,
    }
  })
}

/** The children a notification names, for the route's permission check. */
export async function transferInChildIds(db: Db, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('cp_transfer_in_child')
    .select('child_id')
    .where('transfer_in_id', '=', id)
    .orderBy('child_id')
    .execute()
  return rows.map((r) => r.child_id)
}

export async function loadTransferIn(db: Db, id: number) {
  return db
    .selectFrom('cp_transfer_in as t')
    .innerJoin('app_user as u', 'u.id', 't.recorded_by')
    .selectAll('t')
    .select('u.display_name as recordedByName')
    .where('t.id', '=', id)
    .executeTakeFirst()
}

export async function lockTransferIn(trx: Trx, id: number) {
  return trx.selectFrom('cp_transfer_in').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function transferInOfConference(trx: Trx, conferenceId: number) {
  return trx
    .selectFrom('cp_transfer_in')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .forUpdate()
    .executeTakeFirst()
}

/** Each child of a notification with their plan there and, once started, their plan here. */
export async function transferInChildren(db: Db, id: number) {
  return db
    .selectFrom('cp_transfer_in_child as tc')
    .innerJoin('cp_transfer_in as t', 't.id', 'tc.transfer_in_id')
    .innerJoin('people_person_v as p', 'p.id', 'tc.child_id')
    .leftJoin('cp_plan as cp', (j) =>
      j.onRef('cp.child_id', '=', 'tc.child_id').onRef('cp.conference_id', '=', 't.conference_id'),
    )
    .select([
      'tc.child_id',
      'tc.their_plan_start',
      'tc.their_category',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'cp.id as planId',
      'cp.start_date as planStart',
    ])
    .where('tc.transfer_in_id', '=', id)
    .orderBy('p.date_of_birth')
    .orderBy('tc.child_id')
    .execute()
}

/**
 * The children's places on notifications still awaiting their transfer-in conference: none
 * arranged, or the one arranged not yet held. A cancelled conference leaves the notification
 * waiting (its clock runs on and another is arranged from it), so it still counts.
 */
function awaitingNotifications(trx: Trx) {
  return trx
    .selectFrom('cp_transfer_in_child as tc')
    .innerJoin('cp_transfer_in as t', 't.id', 'tc.transfer_in_id')
    .leftJoin('child_protection_conference as c', 'c.id', 't.conference_id')
    .where((eb) => eb.or([eb('t.conference_id', 'is', null), eb('c.held_at', 'is', null)]))
}

/** Those of these children named on a notification still awaiting its conference. */
export async function awaitingTransferIn(trx: Trx, childIds: readonly number[]): Promise<Set<number>> {
  if (childIds.length === 0) return new Set()
  const rows = await awaitingNotifications(trx)
    .select('tc.child_id')
    .where('tc.child_id', 'in', childIds)
    .execute()
  return new Set(rows.map((r) => r.child_id))
}

/** The notification naming this child that still awaits its conference, if any. */
export async function awaitingTransferInOf(trx: Trx, childId: number): Promise<number | undefined> {
  const row = await awaitingNotifications(trx)
    .select('t.id')
    .where('tc.child_id', '=', childId)
    .orderBy('t.id', 'desc')
    .executeTakeFirst()
  return row?.id
}

/**
 * Puts a notification's open conference tasks for this child with a person and team (the
 * convening manager); a brother's or sister's task already there stays where it is.
 */
export async function assignTransferInTasks(
  trx: Trx,
  id: number,
  childId: number,
  to: { userId: number | null; teamId: number | null },
  at: Date,
) {
  return trx
    .updateTable('task')
    .set({ assigned_user_id: to.userId, assigned_team_id: to.teamId, updated_at: at })
    .where('subject_type', '=', 'cp_transfer_in')
    .where('subject_id', '=', String(id))
    .where('child_id', '=', childId)
    .where('stopped_at', 'is', null)
    .returning(['id', 'due_at'])
    .execute()
}

/** A notification's conference tasks, open or not, soonest first, with whose list they are on. */
export async function transferInTasks(db: Db, id: number) {
  return db
    .selectFrom('task')
    .leftJoin('app_user as u', 'u.id', 'task.assigned_user_id')
    .select(['task.id', 'task.child_id', 'task.title', 'task.due_at', 'task.stopped_at', 'task.closed_by'])
    .select('u.display_name as assignedTo')
    .where('task.subject_type', '=', 'cp_transfer_in')
    .where('task.subject_id', '=', String(id))
    .orderBy('task.due_at')
    .orderBy('task.id')
    .execute()
}

export async function setTransferInConference(trx: Trx, id: number, conferenceId: number) {
  await trx.updateTable('cp_transfer_in').set({ conference_id: conferenceId }).where('id', '=', id).execute()
}

/** The child's transfers in and out, newest first, in one statement (for the record's panel). */
export async function transfersOfChild(db: Db, childId: number) {
  const row = await db
    .selectNoFrom([
      jsonArrayFrom(
        db
          .selectFrom('cp_transfer_in_child as tc')
          .innerJoin('cp_transfer_in as t', 't.id', 'tc.transfer_in_id')
          .leftJoin('child_protection_conference as c', 'c.id', 't.conference_id')
          .select(['t.id', 't.from_la_name', 't.notified_on', 'c.held_at'])
          .where('tc.child_id', '=', childId)
          .orderBy('t.notified_on', 'desc')
          .orderBy('t.id', 'desc'),
      ).as('ins'),
      jsonArrayFrom(
        db
          .selectFrom('cp_transfer_out')
          .select(['id', 'to_la_name', 'notified_on', 'conference_on', 'held_on'])
          .where('child_id', '=', childId)
          .orderBy('notified_on', 'desc')
          .orderBy('id', 'desc'),
      ).as('outs'),
    ])
    .executeTakeFirstOrThrow()
  return { ins: withInstants(row.ins, ['held_at']), outs: row.outs }
}

export async function insertTransferOut(
  trx: Trx,
  plan: { id: number; child_id: number },
  input: TransferOutInput,
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('cp_transfer_out')
    .values({
      cp_plan_id: plan.id,
      child_id: plan.child_id,
      to_la_code: input.laCode,
      to_la_name: input.laName,
      notified_on: input.notifiedOn,
      conference_on: input.conferenceOn,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function transferOutOfPlan(db: Db, planId: number) {
  return db.selectFrom('cp_transfer_out').selectAll().where('cp_plan_id', '=', planId).executeTakeFirst()
}

/** The child a transfer-out is about, for the route's permission check. */
export async function transferOutChild(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('cp_transfer_out')
    .select('child_id')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.child_id ?? null
}

export async function loadTransferOut(db: Db, id: number) {
  return db
    .selectFrom('cp_transfer_out as t')
    .innerJoin('cp_plan as cp', 'cp.id', 't.cp_plan_id')
    .innerJoin('people_person_v as p', 'p.id', 't.child_id')
    .selectAll('t')
    .select([
      'cp.start_date as planStart',
      'cp.end_date as planEnd',
      'cp.end_reason as planEndReason',
      'cp.version as planVersion',
      'p.given_name',
      'p.family_name',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst()
}

export async function lockTransferOut(trx: Trx, id: number) {
  return trx.selectFrom('cp_transfer_out').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function saveTransferOutHeld(trx: Trx, id: number, heldOn: string, by: number, at: Date) {
  await trx
    .updateTable('cp_transfer_out')
    .set({ held_on: heldOn, held_recorded_by: by, held_recorded_at: at })
    .where('id', '=', id)
    .execute()
}

/** These children's names, eldest first. */
export async function childrenNamed(db: Db, childIds: readonly number[]) {
  if (childIds.length === 0) return []
  return db
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where('id', 'in', childIds)
    .orderBy('date_of_birth')
    .orderBy('id')
    .execute()
}

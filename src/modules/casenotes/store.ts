/**
 * The casenotes module's SQL: case notes, their versions and the children they are on, and
 * oversight records with their actions. No permission checks here; the service decides who may
 * call what. People's names and relationships come from the people module's published views,
 * through the platform's casework queries (shared with documents).
 */
import type { Kysely } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Db } from '../../platform/db/database.js'
import { withInstants } from '../../platform/db/json-rows.js'
import type { Database } from '../../platform/db/schema.js'
import * as casework from '../../platform/casework/store.js'
import type { AmendInput, NoteInput, OversightInput } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

// The brothers and sisters a note may be shared with, and children's names: the platform's
// casework queries over the people module's published views.
export { childrenNamed, siblingsOf } from '../../platform/casework/store.js'

export async function insertNote(trx: Trx, note: NoteInput, by: number, at: Date): Promise<number> {
  const { id } = await trx
    .insertInto('case_note')
    .values({ recorded_by: by, recorded_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('case_note_child')
    .values(note.seen.map((s) => ({ case_note_id: id, child_id: s.childId })))
    .execute()
  await insertVersion(trx, id, 1, { ...note, reason: null }, by, at)
  return id
}

async function insertVersion(
  trx: Trx,
  noteId: number,
  version: number,
  v: AmendInput,
  by: number,
  at: Date,
): Promise<void> {
  const row = await trx
    .insertInto('case_note_version')
    .values({
      case_note_id: noteId,
      version,
      note_type: v.noteType,
      contact_at: v.contactAt,
      who_seen: v.whoSeen,
      body: v.body,
      amend_reason: v.reason,
      written_by: by,
      written_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('case_note_seen')
    .values(v.seen.map((s) => ({ case_note_version_id: row.id, child_id: s.childId, seen: s.seen })))
    .execute()
}

/** The note, locked for the rest of the transaction (two people amending it at once). */
export async function lockNote(trx: Trx, id: number) {
  return trx.selectFrom('case_note').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function addVersion(
  trx: Trx,
  noteId: number,
  version: number,
  v: AmendInput,
  by: number,
  at: Date,
) {
  await insertVersion(trx, noteId, version, v, by, at)
  await trx.updateTable('case_note').set({ current_version: version }).where('id', '=', noteId).execute()
}

export async function markDeleted(trx: Trx, noteId: number, by: number, at: Date, reason: string) {
  await casework.markDeleted(trx, 'case_note', noteId, by, at, reason)
}

/** The children a note is recorded on, by id. */
export async function noteChildIds(db: Db, noteId: number): Promise<number[]> {
  return casework.childIdsOn(db, 'case_note_child', 'case_note_id', noteId)
}

/** A note as recorded on this child (none when it is not on this child's record). */
export async function loadNoteOn(db: Db, noteId: number, childId: number) {
  return db
    .selectFrom('case_note as n')
    .innerJoin('case_note_child as c', (j) =>
      j.onRef('c.case_note_id', '=', 'n.id').on('c.child_id', '=', childId),
    )
    .innerJoin('app_user as u', 'u.id', 'n.recorded_by')
    .leftJoin('app_user as d', 'd.id', 'n.deleted_by')
    .selectAll('n')
    .select(['u.display_name as recordedByName', 'd.display_name as deletedByName'])
    .where('n.id', '=', noteId)
    .executeTakeFirst()
}

/** Every version of a note, newest first, with how each child was seen in it. */
export async function versionsOf(db: Db, noteId: number) {
  const versions = await db
    .selectFrom('case_note_version as v')
    .innerJoin('app_user as u', 'u.id', 'v.written_by')
    .selectAll('v')
    .select('u.display_name as writtenByName')
    .where('v.case_note_id', '=', noteId)
    .orderBy('v.version', 'desc')
    .execute()
  const seen = await db
    .selectFrom('case_note_seen as s')
    .innerJoin('case_note_version as v', 'v.id', 's.case_note_version_id')
    .innerJoin('people_person_v as p', 'p.id', 's.child_id')
    .select(['s.case_note_version_id', 's.child_id', 's.seen', 'p.given_name', 'p.family_name'])
    .where('v.case_note_id', '=', noteId)
    .orderBy('s.case_note_version_id')
    .orderBy('s.child_id')
    .execute()
  return versions.map((v) => ({ ...v, seen: seen.filter((s) => s.case_note_version_id === v.id) }))
}

/** The child's notes, newest contact first: the current version of each, deleted ones included. */
/** The current version of each note on the child, newest contact first (deleted ones included). */
const currentNotesOf = (db: Db, childId: number) =>
  db
    .selectFrom('case_note_child as c')
    .innerJoin('case_note as n', 'n.id', 'c.case_note_id')
    .innerJoin('case_note_version as v', (j) =>
      j.onRef('v.case_note_id', '=', 'n.id').onRef('v.version', '=', 'n.current_version'),
    )
    .where('c.child_id', '=', childId)
    .orderBy('v.contact_at', 'desc')
    .orderBy('n.id', 'desc')

export async function notesOn(db: Db, childId: number, limit = 500) {
  const rows = await currentNotesOf(db, childId)
    .innerJoin('app_user as u', 'u.id', 'n.recorded_by')
    .leftJoin('case_note_seen as s', (j) =>
      j.onRef('s.case_note_version_id', '=', 'v.id').on('s.child_id', '=', childId),
    )
    .select([
      'n.id',
      'n.recorded_at',
      'n.current_version',
      'n.deleted_at',
      'n.deleted_reason',
      'v.note_type',
      'v.contact_at',
      'v.who_seen',
      'v.body',
      's.seen',
      'u.display_name as recordedByName',
      (eb) =>
        eb
          .selectFrom('case_note_child as o')
          .select((o) => o.fn.countAll<number>().as('n'))
          .whereRef('o.case_note_id', '=', 'n.id')
          .as('children'),
    ])
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, children: Number(r.children) }))
}

export async function insertOversight(
  trx: Trx,
  childId: number,
  o: OversightInput,
  nextDueOn: string,
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('oversight_record')
    .values({
      child_id: childId,
      kind: o.kind,
      held_on: o.heldOn,
      summary: o.summary,
      interval_code: o.interval,
      next_due_on: nextDueOn,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (o.actions.length)
    await trx
      .insertInto('oversight_action')
      .values(
        o.actions.map((a, i) => ({
          oversight_record_id: id,
          position: i + 1,
          action: a.action,
          due_on: a.dueOn,
        })),
      )
      .execute()
  return id
}

/** The child's oversight records, the latest first, with their actions. */
export async function oversightOf(db: Db, childId: number, limit = 200) {
  const records = await db
    .selectFrom('oversight_record as o')
    .innerJoin('app_user as u', 'u.id', 'o.recorded_by')
    .selectAll('o')
    .select('u.display_name as recordedByName')
    .where('o.child_id', '=', childId)
    .orderBy('o.held_on', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit)
    .execute()
  const ids = records.map((r) => r.id)
  const actions = ids.length
    ? await db
        .selectFrom('oversight_action')
        .selectAll()
        .where('oversight_record_id', 'in', ids)
        .orderBy('oversight_record_id')
        .orderBy('position')
        .execute()
    : []
  return records.map((r) => ({ ...r, actions: actions.filter((a) => a.oversight_record_id === r.id) }))
}

/**
 * What the child's record shows of this module, in one statement (a round trip costs the server
 * more than these reads do): the latest notes' dates, the last oversight's day, and when the
 * next is due (the open task of the oversight clock).
 */
export async function recordSummary(db: Db, childId: number, notes: number, clockCode: string) {
  const row = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        currentNotesOf(db, childId).select(['n.id', 'n.deleted_at', 'v.contact_at']).limit(notes),
      ).as('notes'),
      eb
        .selectFrom('oversight_record')
        .select('held_on')
        .where('child_id', '=', childId)
        .orderBy('held_on', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .as('lastOversightOn'),
      openTasksOf(db, childId, clockCode).select('due_at').limit(1).as('nextOversightDue'),
    ])
    .executeTakeFirstOrThrow()
  return { ...row, notes: withInstants(row.notes, ['deleted_at', 'contact_at']) }
}

/** The open oversight task on the child's case, if any: when the next is due. */
export async function openOversightTask(db: Db, childId: number, clockCode: string) {
  return openTasksOf(db, childId, clockCode)
    .select(['id', 'due_at', 'due_soon_at', 'assigned_user_id'])
    .executeTakeFirst()
}

/** The child's open tasks of a clock, soonest due first. */
const openTasksOf = (db: Db, childId: number, clockCode: string) =>
  db
    .selectFrom('task')
    .where('child_id', '=', childId)
    .where('clock_code', '=', clockCode)
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')

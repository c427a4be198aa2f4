/**
 * The chronology module's SQL: the agencies' contributions (`chronology_entry`, migration 0047),
 * the child's case events (the platform's `case_event`, which every module writes) and what the
 * page needs of the child and the agencies. No permission checks here; the service decides who
 * may call what. The child's name and date of birth come from the people module's published view.
 */
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'
import { markDeleted } from '../../platform/casework/store.js'
import type { ContributionInput } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

/** The event types this module writes: the page shows its own rows in their place. */
export const OWN_EVENT_PREFIX = 'chronology.'

/** The child as the page names them, and their date of birth for the harm warnings. */
export async function childOf(db: Db, childId: number) {
  return db
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where('id', '=', childId)
    .executeTakeFirst()
}

/** The agency on the person's account: its id and name, or the kind of agency when none is linked. */
export async function accountAgency(db: Db, userId: number) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select(['u.agency', 'a.id as agencyId', 'a.name as agencyName'])
    .where('u.id', '=', userId)
    .executeTakeFirst()
}

/** The partner agencies a member of staff may record a contribution for: those in use, by name. */
export async function activeAgencies(db: Db) {
  return db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function agencyNamed(db: Db, id: number) {
  return db.selectFrom('agency').select(['id', 'name']).where('id', '=', id).executeTakeFirst()
}

export async function insertEntry(
  trx: Trx,
  childId: number,
  input: ContributionInput,
  agencyName: string,
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('chronology_entry')
    .values({
      child_id: childId,
      occurred_on: input.occurredOn,
      agency_id: input.agencyId,
      agency_name: agencyName,
      source: input.source,
      basis: input.basis,
      significance: input.significance,
      entry_type: input.entryType,
      what_happened: input.whatHappened,
      harm_kind: input.harmKind,
      body_part: input.bodyPart,
      child_mobile: input.childMobile,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const entryColumns = [
  'e.id',
  'e.child_id',
  'e.occurred_on',
  'e.agency_name',
  'e.source',
  'e.basis',
  'e.significance',
  'e.entry_type',
  'e.what_happened',
  'e.harm_kind',
  'e.body_part',
  'e.child_mobile',
  'e.recorded_by',
  'e.recorded_at',
  'e.deleted_at',
  'e.deleted_reason',
  'r.display_name as recordedByName',
  'd.display_name as deletedByName',
] as const

/** Contributions with who added and who deleted them. */
const entries = (db: Db) =>
  db
    .selectFrom('chronology_entry as e')
    .innerJoin('app_user as r', 'r.id', 'e.recorded_by')
    .leftJoin('app_user as d', 'd.id', 'e.deleted_by')
    .select(entryColumns)

/** Every contribution on the child, deleted ones too (they stay on the chronology, marked). */
export async function entriesOn(db: Db, childId: number) {
  return entries(db)
    .where('e.child_id', '=', childId)
    .orderBy('e.occurred_on', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
}

/** One contribution on this child's chronology; undefined when it is not on it. */
export async function entryOn(db: Db, entryId: number, childId: number) {
  return entries(db).where('e.id', '=', entryId).where('e.child_id', '=', childId).executeTakeFirst()
}

/** The contribution, locked for a change (two deletions at once: one wins, the other is told). */
export async function lockEntry(trx: Trx, entryId: number, childId: number) {
  return trx
    .selectFrom('chronology_entry')
    .select(['id', 'recorded_by', 'deleted_at', 'agency_name', 'entry_type'])
    .where('id', '=', entryId)
    .where('child_id', '=', childId)
    .forUpdate()
    .executeTakeFirst()
}

export async function markEntryDeleted(trx: Trx, entryId: number, by: number, at: Date, reason: string) {
  await markDeleted(trx, 'chronology_entry', entryId, by, at, reason)
}

/** The injury and incident log: the entries not deleted that are one, for the warnings. */
export async function harmLog(db: Db, childId: number) {
  return db
    .selectFrom('chronology_entry')
    .select(['occurred_on', 'harm_kind', 'child_mobile'])
    .where('child_id', '=', childId)
    .where('harm_kind', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()
}

/** Every case event on the child but this module's own, newest first, with who recorded it. */
export async function eventsOn(db: Db, childId: number) {
  return db
    .selectFrom('case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.type', 'e.summary', 'e.occurred_at', 'u.display_name as recordedBy'])
    .where('e.child_id', '=', childId)
    .where('e.type', 'not like', `${OWN_EVENT_PREFIX}%`)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
}

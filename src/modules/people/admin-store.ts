/**
 * What the people administration pages read directly: whether the record a URL names exists (for
 * the platform's subject check), and the choices a member of staff's form offers.
 */
import type { Db } from '../../platform/db/database.js'

export async function agencyExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('agency').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function teamExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('team').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function mergeExists(db: Db, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('person_merge').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  )
}

/** Every team, by name, for the staff form. */
export function teamChoices(db: Db) {
  return db.selectFrom('team').select(['id', 'name']).orderBy('name').orderBy('id').execute()
}

/** Every agency, disabled ones too (a member of staff may still belong to one), by name. */
export function agencyChoices(db: Db) {
  return db.selectFrom('agency').select(['id', 'name', 'disabled_at']).orderBy('name').orderBy('id').execute()
}

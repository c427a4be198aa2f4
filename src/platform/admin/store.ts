/** What the administration pages' URLs name, looked up so the platform can tell whether it exists. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export async function staffAccountId(db: Kysely<Database>, username: string): Promise<number | null> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()
  return row?.id ?? null
}

export async function agencyExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (await db.selectFrom('agency').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function teamExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (await db.selectFrom('team').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function mergeExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('person_merge').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  )
}

export async function groupMappingExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('sso_group_mapping').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  )
}

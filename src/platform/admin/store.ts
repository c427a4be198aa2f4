/**
 * The platform's administration pages' queries: the accounts they list, and whether what a URL
 * names exists (so the platform can answer "not found").
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export async function staffAccountId(db: Kysely<Database>, username: string): Promise<number | null> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()
  return row?.id ?? null
}

export async function groupMappingExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('sso_group_mapping').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  )
}

/** Every account, with its team and agency, by name, for the users page. */
export function listUsers(db: Kysely<Database>) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('team', 'team.id', 'u.team_id')
    .leftJoin('agency', 'agency.id', 'u.agency_id')
    .select([
      'u.job_title',
      'agency.name as agencyName',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.agency',
      'u.disabled_at',
      'u.disabled_reason',
      'u.awaiting_confirmation',
      'team.name as teamName',
    ])
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute()
}

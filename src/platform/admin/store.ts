/**
 * The platform's administration pages' queries: the accounts they list, and whether what a URL
 * names exists (so the platform can answer "not found").
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { ROLE_NAMES, ROLES } from '../permissions/roles.js'

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

export interface UserSearch {
  /** Words to find in the name, username, email, role or team; empty for everyone. */
  text: string
  size: number
  offset: number
}

/** The accounts matching the search, by name, one page of them, and how many match in all. */
export async function listUsers(db: Kysely<Database>, search: UserSearch) {
  let q = db
    .selectFrom('app_user as u')
    .leftJoin('team', 'team.id', 'u.team_id')
    .leftJoin('agency', 'agency.id', 'u.agency_id')
  const text = search.text.trim().toLowerCase()
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    // A role is found by the words the page shows for it, not its code.
    const roles = ROLES.filter((r) => ROLE_NAMES[r].toLowerCase().includes(text))
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(u.display_name)`, 'like', like),
        eb(sql`lower(u.username)`, 'like', like),
        eb(sql`lower(u.email)`, 'like', like),
        eb(sql`lower(u.job_title)`, 'like', like),
        eb(sql`lower(u.sw_registration)`, 'like', like),
        eb(sql`lower(team.name)`, 'like', like),
        eb(sql`lower(agency.name)`, 'like', like),
        ...(roles.length ? [eb('u.role', 'in', roles)] : []),
      ]),
    )
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        'u.job_title',
        'u.sw_registration',
        'agency.name as agencyName',
        'u.id',
        'u.username',
        'u.display_name',
        'u.email',
        'u.role',
        'u.agency',
        'u.disabled_at',
        'u.disabled_reason',
        'u.awaiting_confirmation',
        'team.name as teamName',
      ])
      .orderBy('u.display_name')
      .orderBy('u.id')
      .limit(search.size)
      .offset(search.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** The teams a new account may join, by name. */
export function teamNames(db: Kysely<Database>) {
  return db.selectFrom('team').select(['id', 'name']).orderBy('name').orderBy('id').execute()
}

/** Local accounts: create, find, disable. Single sign-on will add a second way in, not a second user table. */
import { sql } from 'kysely'
import { z } from 'zod'
import { recordAudit, type AuditContext } from '../audit/audit.js'
import type { Db } from '../db/database.js'
import type { AppUser } from '../db/schema.js'
import { ROLES, type Role } from '../permissions/roles.js'
import { MIN_PASSWORD_LENGTH, hashPassword } from './passwords.js'
import { endUserSessions } from './sessions.js'

export const AGENCIES = ['police', 'health', 'education', 'probation', 'other'] as const

/** A username as the command line and the add-a-user page both take it. */
export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,63}$/,
    'Enter a username of 3 to 64 letters, numbers, dots, dashes or underscores',
  )

export const newUserSchema = z
  .object({
    username: usernameField,
    displayName: z.string().trim().min(1, 'Enter the person’s name').max(120),
    role: z.enum(ROLES, { message: `Choose a role: ${ROLES.join(', ')}` }),
    teamName: z.string().trim().min(1).optional(),
    agency: z.enum(AGENCIES).optional(),
    email: z.email('Enter an email address in the correct format').optional(),
    jobTitle: z.string().trim().max(100, 'The job title must be 100 characters or fewer').optional(),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Passwords must be at least ${MIN_PASSWORD_LENGTH} characters`),
  })
  .refine((u) => u.role !== 'partner_practitioner' || u.agency !== undefined, {
    message: 'A partner agency practitioner needs an agency',
    path: ['agency'],
  })

export type NewUser = z.input<typeof newUserSchema>

export class UserError extends Error {}

export async function addUser(db: Db, input: NewUser, audit: AuditContext): Promise<AppUser> {
  const parsed = newUserSchema.safeParse(input)
  if (!parsed.success) throw new UserError(parsed.error.issues.map((i) => i.message).join('; '))
  const u = parsed.data
  const passwordHash = await hashPassword(u.password)
  return db.transaction().execute(async (trx) => {
    let teamId: number | null = null
    if (u.teamName) {
      const team = await trx.selectFrom('team').select('id').where('name', '=', u.teamName).executeTakeFirst()
      if (!team) throw new UserError(`There is no team called "${u.teamName}"`)
      teamId = team.id
    }
    const exists = await trx
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', u.username)
      .executeTakeFirst()
    if (exists) throw new UserError(`The username "${u.username}" is already taken`)
    const user = await trx
      .insertInto('app_user')
      .values({
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        team_id: teamId,
        agency: u.agency ?? null,
        email: u.email ?? null,
        job_title: u.jobTitle || null,
        password_hash: passwordHash,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, audit, {
      action: 'user.add',
      outcome: 'allowed',
      recordType: 'user',
      recordId: user.id,
      detail: { username: user.username, role: user.role },
    })
    return user
  })
}

/** Disables an account and ends its sessions in the same transaction, so it stops working at once. */
export async function disableUser(
  db: Db,
  username: string,
  reason: string,
  audit: AuditContext,
): Promise<AppUser> {
  if (reason.trim().length < 3) throw new UserError('Give a reason for disabling the account')
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('app_user')
      .set({ disabled_at: sql`now()`, disabled_reason: reason.trim() })
      .where('username', '=', username.toLowerCase())
      .returningAll()
      .executeTakeFirst()
    if (!user) throw new UserError(`There is no user called "${username}"`)
    await endUserSessions(trx, user.id, 'account disabled')
    await recordAudit(trx, audit, {
      action: 'user.disable',
      outcome: 'allowed',
      recordType: 'user',
      recordId: user.id,
      detail: { username: user.username, reason: reason.trim() },
    })
    return user
  })
}

export async function enableUser(db: Db, username: string, audit: AuditContext): Promise<AppUser> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('app_user')
      .set({ disabled_at: null, disabled_reason: null })
      .where('username', '=', username.toLowerCase())
      // An account made at a first single sign-on is confirmed on its own page, not enabled here.
      .where('awaiting_confirmation', '=', false)
      .returningAll()
      .executeTakeFirst()
    if (!user) throw new UserError(`There is no user called "${username}"`)
    await recordAudit(trx, audit, {
      action: 'user.enable',
      outcome: 'allowed',
      recordType: 'user',
      recordId: user.id,
    })
    return user
  })
}

export function findUserByUsername(db: Db, username: string): Promise<AppUser | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst()
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** Every account, by username: what `haven users list` prints. */
export function listAccounts(db: Db) {
  return db
    .selectFrom('app_user')
    .select(['username', 'display_name', 'role', 'disabled_at'])
    .orderBy('username')
    .execute()
}

/** Whether the database has any account yet (an empty one gets the demo accounts first). */
export async function hasAnyAccount(db: Db): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst()) !== undefined
}

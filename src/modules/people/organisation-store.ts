/** Agencies, teams and staff in SQL; organisation-service holds the rules and the audit. */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { AgencyInput, StaffInput, TeamInput } from './organisation-model.js'

type Db = Kysely<Database>

/** Every agency with its count of active staff; disabled ones last. */
export function allAgencies(db: Db) {
  return db
    .selectFrom('agency as a')
    .select((eb) => [
      'a.id',
      'a.name',
      'a.kind',
      'a.referral_source',
      'a.phone',
      'a.email',
      'a.disabled_at',
      'a.disabled_reason',
      eb
        .selectFrom('app_user as u')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('u.agency_id', '=', 'a.id')
        .where('u.disabled_at', 'is', null)
        .as('staff'),
    ])
    .orderBy('a.disabled_at', (ob) => ob.desc().nullsFirst())
    .orderBy('a.name')
    .orderBy('a.id')
    .execute()
}

export async function insertAgency(trx: Db, input: AgencyInput): Promise<number> {
  const { id } = await trx
    .insertInto('agency')
    .values({
      name: input.name,
      kind: input.kind,
      referral_source: input.referralSource as never,
      phone: input.phone,
      email: input.email,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export function findAgency(db: Db, id: number) {
  return db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Disables the agency if it is not already; its name, or undefined when nothing changed. */
export function disableAgencyRow(trx: Db, id: number, reason: string, at: Date) {
  return trx
    .updateTable('agency')
    .set({ disabled_at: at, disabled_reason: reason })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .returning('name')
    .executeTakeFirst()
}

/** Every team with its manager and count of active members. */
export function allTeams(db: Db) {
  return db
    .selectFrom('team as t')
    .leftJoin('app_user as m', 'm.id', 't.manager_id')
    .select((eb) => [
      't.id',
      't.name',
      't.kind',
      't.manager_id',
      'm.display_name as manager',
      eb
        .selectFrom('app_user as u')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('u.team_id', '=', 't.id')
        .where('u.disabled_at', 'is', null)
        .as('members'),
    ])
    .orderBy('t.name')
    .orderBy('t.id')
    .execute()
}

export async function insertTeam(trx: Db, input: TeamInput): Promise<number> {
  const { id } = await trx
    .insertInto('team')
    .values({ name: input.name, kind: input.kind })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Team and service managers whose accounts are active. */
export function activeManagers(db: Db) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'username'])
    .where('role', 'in', ['team_manager', 'service_manager'])
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}

export function findTeam(db: Db, id: number) {
  return db.selectFrom('team').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The team's manager, the row locked for a change. */
export function lockTeam(trx: Db, id: number) {
  return trx.selectFrom('team').select('manager_id').where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function setManager(trx: Db, teamId: number, managerId: number | null): Promise<void> {
  await trx.updateTable('team').set({ manager_id: managerId }).where('id', '=', teamId).execute()
}

export function findStaff(db: Db, username: string) {
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'display_name',
      'role',
      'team_id',
      'agency_id',
      'job_title',
      'sw_registration',
    ])
    .where('username', '=', username)
    .executeTakeFirst()
}

/** A member of staff's account, locked for a change. */
export function lockStaff(trx: Db, username: string) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'role', 'team_id', 'agency_id', 'job_title', 'sw_registration'])
    .where('username', '=', username)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateStaffRow(trx: Db, userId: number, input: StaffInput): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({
      team_id: input.teamId,
      agency_id: input.agencyId,
      job_title: input.jobTitle,
      sw_registration: input.swRegistration,
    })
    .where('id', '=', userId)
    .execute()
}

/** The account other than this one holding the registration number, if any. */
export async function registrationHolder(trx: Db, swRegistration: string, userId: number) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('sw_registration', '=', swRegistration)
    .where('id', '<>', userId)
    .executeTakeFirst()
}

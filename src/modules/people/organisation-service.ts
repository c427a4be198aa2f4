/**
 * Agencies, teams and staff: the people around the child. Partner agencies (`agencies.manage`)
 * with the DfE referral source a contact from them usually carries; teams with their kind and
 * manager; each member of staff's team, agency and job title (`users.manage`). Each change is
 * audited in the same transaction; nothing is deleted (an agency is disabled, with a reason).
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import type { Action } from '../../platform/permissions/roles.js'
import type { AgencyInput, StaffInput, TeamInput } from './model.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'

/** A change refused for a reason the form can show against a field. */
export class OrganisationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'OrganisationError'
  }
}

function assertAllowed(actor: Actor, action: Action): void {
  const decision = allow(actor, action, null, new Date())
  if (!decision.allowed) throw new NotAllowedError(decision.reason)
}

function uniqueClash(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e.code === '23505' || /duplicate key|unique/i.test(String(e.message))
}

export async function listAgencies(db: Db, actor: Actor) {
  assertAllowed(actor, 'agencies.manage')
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

export async function createAgency(db: Db, actor: Actor, input: AgencyInput, audit: AuditContext) {
  assertAllowed(actor, 'agencies.manage')
  try {
    return await db.transaction().execute(async (trx) => {
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
      await recordAudit(trx, audit, {
        action: 'agency.create',
        outcome: 'allowed',
        recordType: 'agency',
        recordId: id,
        detail: { name: input.name, kind: input.kind, referralSource: input.referralSource },
      })
      return id
    })
  } catch (err) {
    if (uniqueClash(err)) throw new OrganisationError('name', 'There is already an agency with this name')
    throw err
  }
}

export async function loadAgency(db: Db, actor: Actor, id: number) {
  assertAllowed(actor, 'agencies.manage')
  const row = await db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError(`No agency ${id}`)
  return row
}

export async function disableAgency(db: Db, actor: Actor, id: number, reason: string, audit: AuditContext) {
  assertAllowed(actor, 'agencies.manage')
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('agency')
      .set({ disabled_at: sql<Date>`now()`, disabled_reason: reason })
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .returning('name')
      .executeTakeFirst()
    if (!updated) {
      const exists = await trx.selectFrom('agency').select('id').where('id', '=', id).executeTakeFirst()
      if (!exists) throw new NotFoundError(`No agency ${id}`)
      throw new OrganisationError('reason', 'This agency is already disabled')
    }
    await recordAudit(trx, audit, {
      action: 'agency.disable',
      outcome: 'allowed',
      recordType: 'agency',
      recordId: id,
      detail: { reason },
    })
  })
}

export async function listTeams(db: Db, actor: Actor) {
  assertAllowed(actor, 'agencies.manage')
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

export async function createTeam(db: Db, actor: Actor, input: TeamInput, audit: AuditContext) {
  assertAllowed(actor, 'agencies.manage')
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('team')
        .values({ name: input.name, kind: input.kind })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAudit(trx, audit, {
        action: 'team.create',
        outcome: 'allowed',
        recordType: 'team',
        recordId: id,
        detail: { name: input.name, kind: input.kind },
      })
      return id
    })
  } catch (err) {
    if (uniqueClash(err)) throw new OrganisationError('name', 'There is already a team with this name')
    throw err
  }
}

/** Staff who can manage a team: team and service managers whose accounts are active. */
export async function managerCandidates(db: Db) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'username'])
    .where('role', 'in', ['team_manager', 'service_manager'])
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}

export async function loadTeam(db: Db, actor: Actor, id: number) {
  assertAllowed(actor, 'agencies.manage')
  const row = await db.selectFrom('team').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError(`No team ${id}`)
  return row
}

/**
 * Sets (or clears) a team's manager. The manager's oversight of the team's children follows
 * from this (permissions read `team.manager_id`), so it is audited like a grant.
 */
export async function setTeamManager(
  db: Db,
  actor: Actor,
  teamId: number,
  managerId: number | null,
  audit: AuditContext,
) {
  assertAllowed(actor, 'agencies.manage')
  await db.transaction().execute(async (trx) => {
    if (managerId !== null) {
      const ok = (await managerCandidates(trx)).some((m) => m.id === managerId)
      if (!ok) throw new OrganisationError('managerId', 'Select a team manager or service manager')
    }
    const before = await trx
      .selectFrom('team')
      .select('manager_id')
      .where('id', '=', teamId)
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw new NotFoundError(`No team ${teamId}`)
    await trx.updateTable('team').set({ manager_id: managerId }).where('id', '=', teamId).execute()
    await recordAudit(trx, audit, {
      action: 'team.set_manager',
      outcome: 'allowed',
      recordType: 'team',
      recordId: teamId,
      detail: { from: before.manager_id, to: managerId },
    })
  })
}

export async function loadStaff(db: Db, actor: Actor, username: string) {
  assertAllowed(actor, 'users.manage')
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'team_id', 'agency_id', 'job_title'])
    .where('username', '=', username)
    .executeTakeFirst()
  if (!row) throw new NotFoundError(`No user ${username}`)
  return row
}

/** A member of staff's team, agency and job title. */
export async function updateStaff(
  db: Db,
  actor: Actor,
  username: string,
  input: StaffInput,
  audit: AuditContext,
) {
  assertAllowed(actor, 'users.manage')
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'role', 'team_id', 'agency_id', 'job_title'])
      .where('username', '=', username)
      .forUpdate()
      .executeTakeFirst()
    if (!user) throw new NotFoundError(`No user ${username}`)
    if (input.teamId !== null) {
      const team = await trx.selectFrom('team').select('id').where('id', '=', input.teamId).executeTakeFirst()
      if (!team) throw new OrganisationError('teamId', 'Select a team from the list')
    }
    if (input.agencyId !== null) {
      const agency = await trx
        .selectFrom('agency')
        .select(['id', 'disabled_at'])
        .where('id', '=', input.agencyId)
        .executeTakeFirst()
      if (!agency || (agency.disabled_at !== null && agency.id !== user.agency_id))
        throw new OrganisationError('agencyId', 'Select an agency from the list')
    }
    if (input.agencyId !== null && user.role !== 'partner_practitioner')
      throw new OrganisationError('agencyId', 'Only partner agency practitioners belong to an agency')
    await trx
      .updateTable('app_user')
      .set({ team_id: input.teamId, agency_id: input.agencyId, job_title: input.jobTitle })
      .where('id', '=', user.id)
      .execute()
    await recordAudit(trx, audit, {
      action: 'user.update',
      outcome: 'allowed',
      recordType: 'user',
      recordId: user.id,
      detail: {
        username,
        changed: (['teamId', 'agencyId', 'jobTitle'] as const).filter(
          (k) => input[k] !== { teamId: user.team_id, agencyId: user.agency_id, jobTitle: user.job_title }[k],
        ),
      },
    })
  })
}

/**
 * Agencies, teams and staff: the people around the child. Partner agencies (`agencies.manage`)
 * with the DfE referral source a contact from them usually carries; teams with their kind and
 * manager; each member of staff's team, agency and job title (`users.manage`). Each change is
 * audited in the same transaction; nothing is deleted (an agency is disabled, with a reason).
 */
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import type { Action } from '../../platform/permissions/roles.js'
import type { AgencyInput, StaffInput, TeamInput } from './organisation-model.js'
import * as store from './organisation-store.js'
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

/**
 * Administration is reached from routes outside the module that do not pass a clock yet: the
 * clock defaults to the system's there; tests and people's own routes pass theirs.
 */
function assertAllowed(actor: Actor, action: Action, clock: Clock): void {
  const decision = allow(actor, action, null, clock.now())
  if (!decision.allowed) throw new NotAllowedError(decision.reason)
}

function uniqueClash(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e.code === '23505' || /duplicate key|unique/i.test(String(e.message))
}

export async function listAgencies(db: Db, actor: Actor, clock: Clock) {
  assertAllowed(actor, 'agencies.manage', clock)
  return store.allAgencies(db)
}

export async function createAgency(
  db: Db,
  actor: Actor,
  input: AgencyInput,
  audit: AuditContext,
  clock: Clock,
) {
  assertAllowed(actor, 'agencies.manage', clock)
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await store.insertAgency(trx, input)
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

export async function loadAgency(db: Db, actor: Actor, id: number, clock: Clock) {
  assertAllowed(actor, 'agencies.manage', clock)
  const row = await store.findAgency(db, id)
  if (!row) throw new NotFoundError(`No agency ${id}`)
  return row
}

export async function disableAgency(
  db: Db,
  actor: Actor,
  id: number,
  reason: string,
  audit: AuditContext,
  clock: Clock,
) {
  assertAllowed(actor, 'agencies.manage', clock)
  const now = clock.now()
  await db.transaction().execute(async (trx) => {
    const updated = await store.disableAgencyRow(trx, id, reason, now)
    if (!updated) {
      const exists = await store.findAgency(trx, id)
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

export async function listTeams(db: Db, actor: Actor, clock: Clock) {
  assertAllowed(actor, 'agencies.manage', clock)
  return store.allTeams(db)
}

export async function createTeam(db: Db, actor: Actor, input: TeamInput, audit: AuditContext, clock: Clock) {
  assertAllowed(actor, 'agencies.manage', clock)
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await store.insertTeam(trx, input)
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
  return store.activeManagers(db)
}

export async function loadTeam(db: Db, actor: Actor, id: number, clock: Clock) {
  assertAllowed(actor, 'agencies.manage', clock)
  const row = await store.findTeam(db, id)
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
  clock: Clock,
) {
  assertAllowed(actor, 'agencies.manage', clock)
  await db.transaction().execute(async (trx) => {
    if (managerId !== null) {
      const ok = (await managerCandidates(trx)).some((m) => m.id === managerId)
      if (!ok) throw new OrganisationError('managerId', 'Select a team manager or service manager')
    }
    const before = await store.lockTeam(trx, teamId)
    if (!before) throw new NotFoundError(`No team ${teamId}`)
    await store.setManager(trx, teamId, managerId)
    await recordAudit(trx, audit, {
      action: 'team.set_manager',
      outcome: 'allowed',
      recordType: 'team',
      recordId: teamId,
      detail: { from: before.manager_id, to: managerId },
    })
  })
}

export async function loadStaff(db: Db, actor: Actor, username: string, clock: Clock) {
  assertAllowed(actor, 'users.manage', clock)
  const row = await store.findStaff(db, username)
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
  clock: Clock,
) {
  assertAllowed(actor, 'users.manage', clock)
  await db.transaction().execute(async (trx) => {
    const user = await store.lockStaff(trx, username)
    if (!user) throw new NotFoundError(`No user ${username}`)
    if (input.teamId !== null) {
      const team = await store.findTeam(trx, input.teamId)
      if (!team) throw new OrganisationError('teamId', 'Select a team from the list')
    }
    if (input.agencyId !== null) {
      const agency = await store.findAgency(trx, input.agencyId)
      if (!agency || (agency.disabled_at !== null && agency.id !== user.agency_id))
        throw new OrganisationError('agencyId', 'Select an agency from the list')
    }
    if (input.agencyId !== null && user.role !== 'partner_practitioner')
      throw new OrganisationError('agencyId', 'Only partner agency practitioners belong to an agency')
    if (input.swRegistration !== null && (await store.registrationHolder(trx, input.swRegistration, user.id)))
      throw new OrganisationError('swRegistration', 'Another account has this registration number')
    await store.updateStaffRow(trx, user.id, input)
    await recordAudit(trx, audit, {
      action: 'user.update',
      outcome: 'allowed',
      recordType: 'user',
      recordId: user.id,
      detail: {
        username,
        changed: (['teamId', 'agencyId', 'jobTitle', 'swRegistration'] as const).filter(
          (k) =>
            input[k] !==
            {
              teamId: user.team_id,
              agencyId: user.agency_id,
              jobTitle: user.job_title,
              swRegistration: user.sw_registration,
            }[k],
        ),
      },
    })
  })
}

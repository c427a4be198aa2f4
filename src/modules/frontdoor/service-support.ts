/**
 * What every front door service shares: its dependencies (the database and the clock), the
 * role check for pages that name no child yet, the check on a named child, and the error for a
 * step the record's present state does not allow.
 */
import type { AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { ACTION_NAMES, ROLE_NAMES, roleGrants, type Action } from '../../platform/permissions/roles.js'
import { authoriseChild } from '../people/service.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { AUTHORISATION, type AuthorisationSettings } from './authorisation.js'
import { childOfContactChild, loadContactChild, type Db, type Trx } from './store.js'

export { NotAllowedError, NotFoundError }

/**
 * What the front door's services and pages are given: the database, the time from a clock, and
 * the authority's authorisation settings (`reference/frontdoor/authorisation.json` unless a test
 * gives others).
 */
export interface FrontdoorDeps {
  db: Db
  clock: Clock
  authorisation?: AuthorisationSettings
}

export function authorisationSettings(deps: FrontdoorDeps): AuthorisationSettings {
  return deps.authorisation ?? AUTHORISATION
}

/** A step that cannot be taken in the record's present state (decided already, withdrawn …). */
export class ContactStateError extends Error {
  constructor(
    message: string,
    readonly field = 'form',
  ) {
    super(message)
    this.name = 'ContactStateError'
  }
}

/** The role must grant the action at all (queues and forms that name no child yet). */
export function requireRole(actor: Actor, action: Action): void {
  if (!roleGrants(actor.role, action))
    throw new NotAllowedError(
      `Your role (${ROLE_NAMES[actor.role]}) does not let you ${ACTION_NAMES[action]}.`,
    )
}

/** Checks an action on the child (a refusal is audited on its own); returns the basis relied on. */
export async function authorise(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  action: Action,
  childId: number,
  audit: AuditContext,
) {
  return (await authoriseChild(db, actor, action, childId, audit, clock)).basis
}

/** What a step on one child's contact needs: the role's action, and the action on the child. */
export interface ContactChildAccess {
  /** The action the actor's role must grant (none when the check on the child says it all). */
  role?: Action
  /** The action on the child the contact names; `child.view` unless said. */
  child?: Action
}

/**
 * The check a step on one child's contact starts with, said once: the role grants `access.role`,
 * and the child the contact names, once found, is open to the actor for `access.child` (a refusal
 * is audited). A page has checked the same through its route's subject; the service checks again
 * because the command line and the tests call it directly. Gives the child's id, or null while the
 * child is still to be found (`unfound`, when given, is thrown then instead).
 */
export async function authoriseContactChild(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  audit: AuditContext,
  access: ContactChildAccess & { unfound: () => Error },
): Promise<number>
export async function authoriseContactChild(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  audit: AuditContext,
  access: ContactChildAccess & { unfound?: () => Error },
): Promise<number | null>
export async function authoriseContactChild(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  audit: AuditContext,
  access: ContactChildAccess & { unfound?: () => Error },
): Promise<number | null> {
  if (access.role) requireRole(actor, access.role)
  const childId = await childOfContactChild(deps.db, contactChildId)
  if (childId === null) {
    if (access.unfound) throw access.unfound()
    return null
  }
  await authorise(deps, actor, access.child ?? 'child.view', childId, audit)
  return childId
}

/** A time given on a form may be up to a minute ahead of the clock (the screener's watch). */
export function isInFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + 60_000
}

/** A contact child still in triage, its child found: the state rating and deciding need. */
export async function openForTriage(trx: Trx, contactChildId: number) {
  const row = await loadContactChild(trx, contactChildId)
  if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
  if (row.status === 'awaiting_match') throw new ContactStateError("Find the child's record before triage.")
  if (row.status === 'awaiting_authorisation')
    throw new ContactStateError('A recommendation on this child is waiting for a manager to authorise it.')
  if (row.status !== 'in_triage')
    throw new ContactStateError('This child’s contact has already been decided or passed on.')
  return row as typeof row & { child_id: number }
}

/** A contact child that exists on a contact not deleted. */
export async function liveContactChild(trx: Trx, contactChildId: number) {
  const row = await loadContactChild(trx, contactChildId)
  if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
  return row
}

/**
 * A contact child the front door may rate: in triage, or passed to the allocated worker of an open
 * case and not yet taken into it (a known child's new harm is rated like any other's).
 */
export async function openForRating(trx: Trx, contactChildId: number) {
  const row = await loadContactChild(trx, contactChildId)
  if (!row || row.contactDeletedAt !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
  if (row.status === 'routed_to_allocated_worker' && row.decision === null && row.child_id !== null)
    return row as typeof row & { child_id: number }
  return openForTriage(trx, contactChildId)
}

/**
 * The permission rule: allow = the role grants the action ∧ a relationship to the child lets the
 * holder do it ∧ no restriction blocks it. Pure: services use it to enforce, views to show or
 * hide actions, and `store.ts` builds the same rule as SQL for lists and searches.
 */
import {
  isStanding,
  REACHES_RESTRICTED,
  RELATIONSHIP_ACTIONS,
  RELATIONSHIP_NAMES,
  RELATIONSHIPS,
  relationshipsOf,
  TEAM_GRANT_BASIS,
  isUserGrantBasis,
  type Relationship,
} from './relationships.js'
import {
  ACTION_NAMES,
  isChildAction,
  isServiceOversightAction,
  ROLE_NAMES,
  roleGrants,
  type Action,
  type ChildAction,
  type Role,
} from './roles.js'

export interface Actor {
  id: number
  role: Role
  teamId: number | null
  agency: string | null
  /** Teams whose `manager_id` is this user. */
  managedTeamIds: number[]
  /** Manages a front door team (the MASH manager): a team manager's front-door access. */
  managesFrontDoor?: boolean
  /**
   * The person record that is this member of staff's own (SEC-08), null when there is none. Left
   * out when not loaded: the list filter then looks it up in the database instead.
   */
  personId?: number | null
}

/** A `child_access` row. */
export interface AccessGrant {
  userId: number | null
  teamId: number | null
  basis: string
  expiresAt: Date | null
  revokedAt: Date | null
}

/** A member of staff whose own record this is, or whose direct relative's (SEC-08). */
export interface StaffLink {
  userId: number
  link: 'self' | 'relative'
}

export interface ChildRecord {
  childId: number
  restricted: boolean
  deleted: boolean
  grants: AccessGrant[]
  /** Staff linked to this record through their HR identity: it is never open to them. */
  staffLinks: StaffLink[]
}

export interface Decision {
  allowed: boolean
  /**
   * Set when the refusal must raise an alert as well as an audit row: a member of staff trying to
   * open their own record or a relative's (SEC-08).
   */
  alert?: 'own_record' | 'relative_record'
  /** The relationship relied on, for the audit trail; null when denied or not about a child. */
  basis: string | null
  /** Why, in plain English (shown on a denial). */
  reason: string
}

/**
 * A grant counts while it is neither revoked nor expired. A revocation counts from the moment it
 * is recorded, whatever time it carries, so a deallocation takes effect at once. A grant expiring
 * at exactly `now` has expired.
 */
export function isLive(grant: AccessGrant, now: Date): boolean {
  return grant.revokedAt === null && (grant.expiresAt === null || grant.expiresAt.getTime() > now.getTime())
}

/**
 * Every relationship the actor holds with the child, in order of preference, whether or not the
 * actor's role can rely on it.
 */
export function relationshipsTo(actor: Actor, child: ChildRecord, now: Date): Relationship[] {
  const held = new Set<Relationship>()
  for (const grant of child.grants) {
    if (!isLive(grant, now)) continue
    if (grant.userId !== null && grant.userId === actor.id && isUserGrantBasis(grant.basis))
      held.add(grant.basis)
    if (grant.teamId !== null && grant.basis === TEAM_GRANT_BASIS) {
      if (grant.teamId === actor.teamId) held.add('allocated_team')
      if (actor.managedTeamIds.includes(grant.teamId)) held.add('team_manager')
    }
  }
  for (const relationship of relationshipsOf(actor)) if (isStanding(relationship)) held.add(relationship)
  return RELATIONSHIPS.filter((r) => held.has(r))
}

function names(relationships: Relationship[]): string {
  return relationships.map((r) => RELATIONSHIP_NAMES[r]).join(', ')
}

function deny(reason: string): Decision {
  return { allowed: false, basis: null, reason }
}

export function allow(actor: Actor, action: Action, child: ChildRecord | null, now: Date): Decision {
  if (!roleGrants(actor.role, action)) {
    return deny(`Your role (${ROLE_NAMES[actor.role]}) does not let you ${ACTION_NAMES[action]}.`)
  }
  if (child === null && isChildAction(action)) {
    return deny(`No child was named, so you cannot ${ACTION_NAMES[action]}.`)
  }
  if (child === null || isServiceOversightAction(action)) {
    return {
      allowed: true,
      basis: null,
      reason: `Your role (${ROLE_NAMES[actor.role]}) lets you ${ACTION_NAMES[action]}.`,
    }
  }
  // A service action that touches a child's data needs what viewing that child needs.
  const childAction: ChildAction = isChildAction(action) ? action : 'child.view'
  return decideForChild(actor, action, childAction, child, now)
}

function decideForChild(
  actor: Actor,
  action: Action,
  childAction: ChildAction,
  child: ChildRecord,
  now: Date,
): Decision {
  // A deleted record is kept for the audit trail and retention, not for casework.
  if (child.deleted) return deny('This record has been deleted.')
  // Nobody opens their own record or their family's, whatever else they hold: not even by
  // break-glass. The record's own workers see it; the attempt is reviewed (SEC-08).
  const link = child.staffLinks.find((l) => l.userId === actor.id)
  if (link)
    return {
      ...deny(
        link.link === 'self'
          ? 'This is your own record. Staff cannot open their own records.'
          : 'This is the record of a member of your family. Staff cannot open their relatives’ records.',
      ),
      alert: link.link === 'self' ? 'own_record' : 'relative_record',
    }
  const held = relationshipsTo(actor, child, now).filter((r) => relationshipsOf(actor).includes(r))
  if (held.length === 0) {
    return deny(
      child.restricted
        ? 'This record is restricted. Only its allocated worker or someone given a named grant may open it.'
        : 'You have no current link to this child: no allocation to you or your team, and no access grant.',
    )
  }
  const enough = held.filter((r) => RELATIONSHIP_ACTIONS[r].includes(childAction))
  if (enough.length === 0) {
    return deny(`Your access as ${names(held)} does not let you ${ACTION_NAMES[action]}.`)
  }
  const reaching = child.restricted ? enough.filter((r) => REACHES_RESTRICTED.includes(r)) : enough
  const basis = reaching[0]
  if (basis === undefined) {
    return deny(
      `This record is restricted. Your access as ${names(enough)} does not reach restricted records; ` +
        'ask for a restricted-record grant.',
    )
  }
  return { allowed: true, basis, reason: `Allowed as ${RELATIONSHIP_NAMES[basis]}.` }
}

/**
 * The relationships on which the actor may do `action` to this child: held, relied on by their
 * role, granting the action and, on a restricted record, reaching it. Empty when `allow` would
 * refuse for want of a relationship (or the record is deleted). The field rules (`fields.ts`) are
 * built on these, so a field is only ever shown through a relationship that opened the record.
 */
export function relationshipsAllowing(
  actor: Actor,
  action: ChildAction,
  child: ChildRecord,
  now: Date,
): Relationship[] {
  if (child.deleted || !roleGrants(actor.role, action)) return []
  return relationshipsTo(actor, child, now).filter(
    (r) =>
      relationshipsOf(actor).includes(r) &&
      RELATIONSHIP_ACTIONS[r].includes(action) &&
      (!child.restricted || REACHES_RESTRICTED.includes(r)),
  )
}

/** For views: show the record's links and pages. */
export function canViewChild(actor: Actor, child: ChildRecord, now: Date): boolean {
  return allow(actor, 'child.view', child, now).allowed
}

/** For views: show the record's change buttons. */
export function canEditChild(actor: Actor, child: ChildRecord, now: Date): boolean {
  return allow(actor, 'child.edit', child, now).allowed
}

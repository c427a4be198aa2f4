/**
 * Relationships: why a member of staff may open a particular child's record. Most come from live
 * `child_access` rows (an allocation, a grant); two are standing, held by role, because the job
 * is to look at any child (the front door checks history at triage; a service manager oversees
 * every team). The rules are data so that the pure rule (`allow.ts`) and the SQL filter
 * (`store.ts`) are built from the same tables and cannot drift apart.
 */
import type { ChildAction, Role } from './roles.js'

/** In order of preference: when several apply, the first is recorded as the basis of access. */
export const RELATIONSHIPS = [
  'allocated_worker',
  'team_manager',
  'allocated_team',
  'restriction_grant',
  'independent_reviewing_officer',
  'process_participant',
  'agency_lead',
  'placement_carer',
  'front_door',
  'service_oversight',
  // Last, so an emergency access is only recorded (and alerted on) when nothing else applies.
  'break_glass',
] as const
export type Relationship = (typeof RELATIONSHIPS)[number]

/** Words that finish "… as …". */
export const RELATIONSHIP_NAMES: Record<Relationship, string> = {
  allocated_worker: 'the allocated worker',
  team_manager: 'manager of the allocated team',
  allocated_team: 'a member of the allocated team',
  restriction_grant: 'the holder of a restricted-record grant',
  independent_reviewing_officer: 'the independent reviewing officer',
  process_participant: 'a participant in a multi-agency process',
  agency_lead: "your agency's lead",
  placement_carer: 'the child’s carer',
  front_door: 'front door (standing access)',
  service_oversight: 'service manager (standing access)',
  break_glass: 'break-glass (emergency access)',
}

/** The values of `child_access.basis`. */
export const GRANT_BASES = [
  'allocated_worker',
  'allocated_team',
  'process_participant',
  'agency_lead',
  'break_glass',
  'restriction_grant',
  'independent_reviewing_officer',
  'placement_carer',
] as const
export type GrantBasis = (typeof GRANT_BASES)[number]

/**
 * Bases that mean something on a grant to one person. A team allocation names a team, so on a
 * user row it counts for nothing.
 */
export const USER_GRANT_BASES = [
  'allocated_worker',
  'process_participant',
  'agency_lead',
  'break_glass',
  'restriction_grant',
  'independent_reviewing_officer',
  'placement_carer',
] as const satisfies readonly GrantBasis[]

/**
 * The one basis that means something on a grant to a team: its members work the case and its
 * manager oversees it. Break-glass and restriction grants are personal by nature, and a partner
 * process names its participants, so none of those count when given to a team.
 */
export const TEAM_GRANT_BASIS = 'allocated_team' satisfies GrantBasis

/** Held by role alone, with no row in `child_access`. */
export const STANDING_RELATIONSHIPS = [
  'front_door',
  'service_oversight',
] as const satisfies readonly Relationship[]

/**
 * Which relationships each role can rely on. A relationship a role cannot rely on is ignored
 * (e.g. a social worker recorded as manager of a team gains nothing from it).
 */
export const ROLE_RELATIONSHIPS: Record<Role, readonly Relationship[]> = {
  // Standing front door access to check any child's history at triage (Lincolnshire: screeners
  // and the emergency duty team see all records), plus whatever they are personally given.
  front_door_screener: [
    'front_door',
    'allocated_worker',
    'allocated_team',
    'restriction_grant',
    'break_glass',
  ],
  // As a screener, and also a participant in strategy discussions.
  mash_social_worker: [
    'front_door',
    'allocated_worker',
    'allocated_team',
    'process_participant',
    'restriction_grant',
    'break_glass',
  ],
  // Their own and their team's cases, the processes they take part in, and grants.
  social_worker: [
    'allocated_worker',
    'allocated_team',
    'process_participant',
    'restriction_grant',
    'break_glass',
  ],
  // As a social worker, plus every case allocated to a team they manage. The manager of a front
  // door team (the MASH manager who authorises its decisions) also has the front door's standing
  // access; no other team manager does (`relationshipsOf`).
  team_manager: [
    'front_door',
    'allocated_worker',
    'allocated_team',
    'team_manager',
    'process_participant',
    'restriction_grant',
    'break_glass',
  ],
  // Standing oversight of every unrestricted case, plus the teams they manage directly.
  service_manager: [
    'service_oversight',
    'allocated_worker',
    'team_manager',
    'restriction_grant',
    'break_glass',
  ],
  // Only what they have been given: a place in a process, their agency's lead role, or a
  // restricted-record grant authorised by a service manager. No break-glass: emergency access to
  // the authority's records is for the authority's own staff.
  partner_practitioner: ['process_participant', 'agency_lead', 'restriction_grant'],
  // No child-level access at all: aggregates, accounts and the audit trail only.
  performance_officer: [],
  administrator: [],
  auditor: [],
  // What they record stands alone: no standing access to children's records.
  emergency_duty_worker: [],
  // The looked-after children allocated to them (a grant naming them, given by a manager with the
  // allocation and revoked when another IRO takes over or care ends), across every team, and
  // restricted-record grants. No standing access and no team's cases: an IRO's caseload is theirs.
  independent_reviewing_officer: ['independent_reviewing_officer', 'restriction_grant'],
  // The children placed with them now: a grant naming the carer, given when the child's social
  // worker links the carer's account to the placement and revoked when the placement ends.
  carer: ['placement_carer'],
}

/**
 * What each relationship lets its holder do to the child's record (the role must allow it too).
 */
export const RELATIONSHIP_ACTIONS: Record<Relationship, readonly ChildAction[]> = {
  // Their case: read and record.
  allocated_worker: ['child.view', 'child.placement_plan.view', 'child.edit'],
  // Duty cover: colleagues in the allocated team read and record when the worker is away.
  allocated_team: ['child.view', 'child.placement_plan.view', 'child.edit'],
  // The manager allocates within the team and records management oversight.
  team_manager: ['child.view', 'child.placement_plan.view', 'child.edit', 'child.allocate'],
  // Granted for a piece of work on a restricted record, so it reaches as far as an allocation.
  restriction_grant: ['child.view', 'child.placement_plan.view', 'child.edit'],
  // The IRO reads the child's record and records the reviews they chair (IRO Handbook 2010).
  independent_reviewing_officer: ['child.view', 'child.placement_plan.view', 'child.edit'],
  // Partners and participants read; their contributions come in through contacts and meetings.
  process_participant: ['child.view', 'child.placement_plan.view'],
  agency_lead: ['child.view', 'child.placement_plan.view'],
  // Checking history at triage is reading; recording on a case needs an allocation.
  front_door: ['child.view', 'child.placement_plan.view'],
  // Oversight reads every case and moves cases between teams.
  service_oversight: ['child.view', 'child.placement_plan.view', 'child.allocate'],
  // Emergency access is to read; anything more needs a proper allocation.
  break_glass: ['child.view', 'child.placement_plan.view'],
  // The carer looks after the child day to day under the placement plan and the delegated
  // authority, so they see those, and nothing else of the record.
  placement_carer: ['child.placement_plan.view'],
}

/**
 * A restricted record (high profile, staff conflict, adoption, high risk, practice review) is
 * reached only through a grant naming the person: not through a team, and not by standing access.
 */
export const REACHES_RESTRICTED: readonly Relationship[] = [
  'allocated_worker',
  'restriction_grant',
  // Allocated to the one child by name: a restricted child in care still has their reviews.
  'independent_reviewing_officer',
  // Named by the child's worker for the placement: a restricted child's carer still needs the
  // plan, and it is all the grant shows.
  'placement_carer',
  'break_glass',
]

export function isStanding(relationship: Relationship): boolean {
  return (STANDING_RELATIONSHIPS as readonly Relationship[]).includes(relationship)
}

export function isUserGrantBasis(basis: string): basis is (typeof USER_GRANT_BASES)[number] {
  return (USER_GRANT_BASES as readonly string[]).includes(basis)
}

export function isGrantBasis(basis: string): basis is GrantBasis {
  return (GRANT_BASES as readonly string[]).includes(basis)
}

/**
 * The relationships this person's role lets them rely on. A team manager relies on the front
 * door's standing access only while they manage a front door team.
 */
export function relationshipsOf(actor: { role: Role; managesFrontDoor?: boolean }): readonly Relationship[] {
  const all = ROLE_RELATIONSHIPS[actor.role]
  if (actor.role !== 'team_manager' || actor.managesFrontDoor === true) return all
  return all.filter((r) => r !== 'front_door')
}

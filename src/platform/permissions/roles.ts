/**
 * Roles and what each may do, before any question of which child. A role is necessary but never
 * sufficient for a child's record: `allow.ts` adds the relationship and the restriction.
 */

export const ROLES = [
  'front_door_screener',
  'mash_social_worker',
  'social_worker',
  'team_manager',
  'service_manager',
  'partner_practitioner',
  'performance_officer',
  'administrator',
  'auditor',
  'emergency_duty_worker',
  'independent_reviewing_officer',
  'carer',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  front_door_screener: 'Front door screener',
  mash_social_worker: 'MASH social worker',
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  service_manager: 'Service manager',
  partner_practitioner: 'Partner agency practitioner',
  performance_officer: 'Performance officer',
  administrator: 'Administrator',
  auditor: 'Auditor',
  emergency_duty_worker: 'Emergency duty team social worker',
  independent_reviewing_officer: 'Independent reviewing officer',
  carer: 'Foster carer or residential care worker',
}

export const ACTIONS = [
  'child.view',
  'child.placement_plan.view',
  'child.edit',
  'child.search',
  'child.create',
  'child.allocate',
  'contact.submit',
  'contact.triage',
  'contact.decide',
  'worklist.view',
  'team.view',
  'performance.view',
  'audit.view',
  'users.manage',
  'people.merge',
  'agencies.manage',
  'returns.validate',
  'out_of_hours.record',
] as const
export type Action = (typeof ACTIONS)[number]

/** What the action does, in words that finish "You cannot …" and "… lets you". */
export const ACTION_NAMES: Record<Action, string> = {
  'child.view': "view a child's record",
  'child.placement_plan.view': "see a child's placement plan and delegated authority",
  'child.edit': "change a child's record",
  'child.search': 'search for children',
  'child.create': 'add a child to the records',
  'child.allocate': "allocate a child's case",
  'contact.submit': 'submit a contact to the front door',
  'contact.triage': 'screen contacts at the front door',
  'contact.decide': 'decide what happens to a contact',
  'worklist.view': 'see a worklist',
  'team.view': "see a team's caseload",
  'performance.view': 'see performance figures',
  'audit.view': 'search the audit trail',
  'users.manage': 'manage user accounts',
  'people.merge': 'merge duplicate records of a person',
  'agencies.manage': 'manage partner agencies and teams',
  'returns.validate': 'validate statutory returns',
  'out_of_hours.record': 'record the emergency duty team’s out-of-hours work',
}

/**
 * Actions on one child's record: these need a relationship to that child as well as the role.
 * Every other action is about a service (a queue, a team, the audit trail) and needs the role
 * alone, unless a child is passed to `allow`: then it must also be visible, except for the
 * oversight actions below.
 */
export const CHILD_ACTIONS = [
  'child.view',
  // The placement plan and delegated authority, and nothing else of the record: what a child's
  // carers need. Everyone who may view the record may see them too (every role and relationship
  // that has `child.view` has this); a carer has this alone.
  'child.placement_plan.view',
  'child.edit',
  'child.allocate',
] as const
export type ChildAction = (typeof CHILD_ACTIONS)[number]

export function isChildAction(action: Action): action is ChildAction {
  return (CHILD_ACTIONS as readonly Action[]).includes(action)
}

/**
 * Oversight of the service as a whole. These never open a child's record, so naming a child does
 * not change the answer: an auditor must be able to see who looked at a restricted child's
 * record without being able to open it, and a performance officer checks every child in a
 * return by design.
 */
export const SERVICE_OVERSIGHT_ACTIONS = [
  'audit.view',
  'users.manage',
  'people.merge',
  'agencies.manage',
  'performance.view',
  'returns.validate',
] as const satisfies readonly Action[]

export function isServiceOversightAction(action: Action): boolean {
  return (SERVICE_OVERSIGHT_ACTIONS as readonly Action[]).includes(action)
}

/**
 * What each role may do at all. Each line says why; anything not listed is denied.
 */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  // Screens contacts and checks a child's history; decisions on contacts are for social workers
  // and managers, and screeners hold no cases, so they neither change records nor allocate.
  front_door_screener: [
    'child.view',
    'child.placement_plan.view',
    'child.search',
    'child.create',
    'contact.submit',
    'contact.triage',
    'worklist.view',
  ],
  // Screens and decides contacts in the MASH and records on the children allocated to them.
  mash_social_worker: [
    'child.view',
    'child.placement_plan.view',
    'child.edit',
    'child.search',
    'child.create',
    'contact.submit',
    'contact.triage',
    'contact.decide',
    'worklist.view',
  ],
  // Works the children allocated to them or their team; a new concern goes through the front door.
  // Adds a child they meet in their work (a new baby, a sibling) after searching for them first.
  social_worker: [
    'child.view',
    'child.placement_plan.view',
    'child.edit',
    'child.search',
    'child.create',
    'contact.submit',
    'worklist.view',
  ],
  // Everything a social worker does, plus allocation, contact decisions and oversight of the team.
  team_manager: [
    'child.view',
    'child.placement_plan.view',
    'child.edit',
    'child.search',
    'child.create',
    'child.allocate',
    'contact.submit',
    'contact.triage',
    'contact.decide',
    'worklist.view',
    'team.view',
    'performance.view',
  ],
  // Oversight across teams: moves cases between teams and signs off decisions.
  service_manager: [
    'child.view',
    'child.placement_plan.view',
    'child.edit',
    'child.search',
    'child.create',
    'child.allocate',
    'contact.submit',
    'contact.decide',
    'worklist.view',
    'team.view',
    'performance.view',
  ],
  // Police, health and education colleagues refer to the front door and see only the children
  // they have been given a grant for; they never search the authority's records.
  partner_practitioner: ['child.view', 'child.placement_plan.view', 'contact.submit'],
  // Works with aggregates and the DfE returns, never a named child's record.
  performance_officer: ['performance.view', 'returns.validate'],
  // Looks after accounts, teams, agencies and duplicate records; managing the records' structure
  // is not a reason to read case records, so a merge shows identity details only.
  administrator: ['users.manage', 'people.merge', 'agencies.manage'],
  // Reads the audit trail (who looked at what), not the records themselves.
  auditor: ['audit.view'],
  // Records what the emergency duty team did out of hours, for the MASH to pick up the next
  // morning; their own team's records, not the authority's case records or the MASH queue.
  emergency_duty_worker: ['out_of_hours.record', 'worklist.view'],
  // Chairs the reviews of the looked-after children allocated to them, across teams, and records
  // them; searches to find a child on their caseload. Allocating cases is the managers' job.
  independent_reviewing_officer: [
    'child.view',
    'child.placement_plan.view',
    'child.edit',
    'child.search',
    'worklist.view',
  ],
  // Foster carers and the staff of a children's home see the placement plan and delegated
  // authority of the children placed with them now, and nothing else: not the record, not a
  // search, not a worklist. Their home page lists those children.
  carer: ['child.placement_plan.view'],
}

export function roleGrants(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action)
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

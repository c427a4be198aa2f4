/** The authority's workforce: teams of social workers and managers, and allocating a child to one. */
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import type { AuthorityOptions, StaffMember, Team, TeamKind, Workforce } from './population-model.js'
import { type Random, streamFor } from './random.js'

const TEAM_SHARES: readonly [TeamKind, string, number][] = [
  ['mash', 'MASH', 0.1],
  ['assessment', 'Children and Families Assessment Team', 0.28],
  ['family-support', 'Family Support Team', 0.3],
  ['children-looked-after', 'Children Looked After Team', 0.16],
  ['leaving-care', 'Through Care Team', 0.08],
  ['disabled-children', 'Disabled Children Team', 0.08],
]

/** Teams of 6–10 workers and a manager each, sized to about 15 children in need per worker. */
export function buildWorkforce(options: Pick<AuthorityOptions, 'seed' | 'children'>): Workforce {
  const random = streamFor(options.seed, 'workforce')
  const workersNeeded = Math.max(TEAM_SHARES.length * 6, Math.ceil(options.children / 15))
  const teams: Team[] = []
  const staff: StaffMember[] = []
  const teamsByKind = {} as Record<TeamKind, Team[]>
  let next = 0
  const newStaff = (role: StaffMember['role'], teamId: string): StaffMember => {
    const female = random.chance(0.8)
    const member: StaffMember = {
      id: `SW${String(100000 + next++)}`,
      givenName: random.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M),
      familyName: random.pick(FAMILY_NAMES),
      role,
      teamId,
    }
    staff.push(member)
    return member
  }
  for (const [kind, label, share] of TEAM_SHARES) {
    const list: Team[] = []
    let wanted = Math.max(6, Math.round(workersNeeded * share))
    while (wanted > 0) {
      const size = Math.min(Math.max(wanted, 6), random.int(6, 10))
      const id = `T${String(teams.length + 1).padStart(4, '0')}`
      const manager = newStaff('team-manager', id)
      const role = kind === 'leaving-care' ? 'personal-adviser' : 'social-worker'
      const workerIds: string[] = []
      for (let i = 0; i < size; i++) workerIds.push(newStaff(role, id).id)
      const team: Team = { id, name: `${label} ${list.length + 1}`, kind, managerId: manager.id, workerIds }
      teams.push(team)
      list.push(team)
      wanted -= size
    }
    teamsByKind[kind] = list
  }
  return { teams, staff, teamsByKind }
}

export function allocate(
  random: Random,
  workforce: Workforce,
  kind: TeamKind,
): { teamId: string; workerId: string } {
  const team = random.pick(workforce.teamsByKind[kind])
  return { teamId: team.id, workerId: random.pick(team.workerIds) }
}

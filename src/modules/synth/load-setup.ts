/**
 * The synthetic authority's staff in teams (with the early help teams the generator leaves out)
 * and its partner agencies, written once before the families.
 */
import type { Db } from '../../platform/db/database.js'
import type { PracticeLevel } from '../../platform/db/schema.js'

import { AGENCIES } from './frontdoor-text.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import { type TeamKind, type Workforce } from './population.js'
import { streamFor } from './random.js'
import {
  agencyIdsByName,
  ensureAgencies,
  insertIros,
  insertPartners,
  insertStaff,
  insertTeams,
  setTeamManagers,
  teamIdsByName,
  userIdsByUsername,
} from './store.js'

export interface StaffRow {
  userId: number
  teamId: number
  name: string
}

export interface TeamRow {
  id: number
  name: string
  managerUserId: number
}

export interface Setup {
  teams: Map<string, TeamRow>
  staff: Map<string, StaffRow>
  mashWorkers: number[]
  mashManagers: number[]
  /** Each MASH social worker's manager, who authorises their recommendations. */
  mashManagerOf: Map<number, number>
  teamManagers: Map<number, number>
  teamsById: Map<number, TeamRow>
  agenciesBySource: Map<string, number[]>
  agenciesByKind: Map<string, number[]>
  /** Who records care when no worker held the case: the first children in care team's manager. */
  careManager: number
  /** The early help teams: their managers, who take up the front door's decisions, and practitioners. */
  earlyHelpTeams: { id: number; managerUserId: number; workers: number[] }[]
  /** Partner practitioners who lead early help: schools' safeguarding leads and health visitors. */
  partners: { userId: number; kind: 'school' | 'health_visitor'; name: string; agency: string }[]
  /** The independent reviewing officers, who chair the looked-after reviews (in no team). */
  iros: { userId: number; name: string }[]
  counts: { teams: number; staff: number; agencies: number }
}

export const TEAM_KIND: Record<TeamKind, string> = {
  mash: 'front_door',
  assessment: 'assessment',
  'family-support': 'safeguarding',
  'children-looked-after': 'children_in_care',
  'leaving-care': 'leaving_care',
  'disabled-children': 'safeguarding',
}

export interface SetupTeam {
  key: string
  name: string
  kind: string
  manager: SetupStaff
  workers: SetupStaff[]
}

export interface SetupStaff {
  key: string
  username: string
  displayName: string
  role: string
  jobTitle: string
  /** The practice level a manager sees when allocating (0024); null for managers. */
  practiceLevel: PracticeLevel | null
  /** A synthetic Social Work England number (SW9…, never a real one); null for the unqualified. */
  swRegistration?: string | null
}

/**
 * A synthetic registration number for a generated worker (`SW100042` → `SW900042`): SW9 and five
 * or more digits, above the numbers Social Work England has given, so never a real one.
 */
export const syntheticRegistration = (staffId: string): string =>
  `SW9${String(Number(staffId.replace(/\D/g, '')) - 100000).padStart(5, '0')}`

/**
 * A worker's practice level, spread as a real team's is (about two in ten newly qualified, two
 * senior, one advanced), from their staff number so that no random stream shifts.
 */
export function practiceLevelOf(staffId: string, qualified: boolean): PracticeLevel {
  if (!qualified) return 'unqualified'
  const n = Number(staffId.replace(/\D/g, '')) % 10
  return n < 2 ? 'asye' : n < 7 ? 'social_worker' : n < 9 ? 'senior_practitioner' : 'advanced_practitioner'
}

export function staffTeams(seed: string, workforce: Workforce): SetupTeam[] {
  const byId = new Map(workforce.staff.map((s) => [s.id, s]))
  const teams: SetupTeam[] = []
  const member = (id: string, role: string, jobTitle: string, level: PracticeLevel | null): SetupStaff => {
    const s = byId.get(id)
    if (s === undefined) throw new Error(`No staff member ${id}`)
    return {
      key: id,
      username: id.toLowerCase(),
      displayName: `${s.givenName} ${s.familyName}`,
      role,
      jobTitle,
      practiceLevel: level,
      swRegistration: level === 'unqualified' ? null : syntheticRegistration(id),
    }
  }
  for (const t of workforce.teams) {
    const mash = t.kind === 'mash'
    teams.push({
      key: t.id,
      name: t.name,
      kind: TEAM_KIND[t.kind],
      manager: member(t.managerId, 'team_manager', mash ? 'MASH team manager' : 'Team manager', null),
      workers: t.workerIds.map((w) =>
        member(
          w,
          mash ? 'mash_social_worker' : 'social_worker',
          mash ? 'MASH social worker' : t.kind === 'leaving-care' ? 'Personal adviser' : 'Social worker',
          practiceLevelOf(w, t.kind !== 'leaving-care'),
        ),
      ),
    })
  }
  // Early help teams, which the generator's workforce leaves out: about one practitioner in ten.
  const random = streamFor(seed, 'load', 'early-help')
  const workers = workforce.staff.length
  let next = 0
  const person = (role: string, jobTitle: string, practiceLevel: PracticeLevel | null): SetupStaff => {
    const female = random.chance(0.8)
    const id = `EH${String(100000 + next++)}`
    return {
      key: id,
      username: id.toLowerCase(),
      displayName: `${random.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`,
      role,
      jobTitle,
      practiceLevel,
    }
  }
  const earlyHelpTeams = Math.max(1, Math.round(workers / 80))
  for (let i = 0; i < earlyHelpTeams; i++) {
    const manager = person('team_manager', 'Early help team manager', null)
    const size = random.int(6, 10)
    const list: SetupStaff[] = []
    for (let w = 0; w < size; w++)
      list.push(person('social_worker', 'Early help practitioner', 'unqualified'))
    teams.push({
      key: `EH-T${i + 1}`,
      name: `Early Help Team ${i + 1}`,
      kind: 'early_help',
      manager,
      workers: list,
    })
  }
  return teams
}

/** Writes the authority's teams, staff and agencies, and returns how the loader finds them. */
export async function writeSetup(trx: Db, seed: string, workforce: Workforce): Promise<Setup> {
  const plan = staffTeams(seed, workforce)
  const teamIds = await insertTeams(trx, plan)
  const teamIdByName = new Map(teamIds.map((t) => [t.name, Number(t.id)]))
  const people = plan.flatMap((t) =>
    [t.manager, ...t.workers].map((s) => ({ s, teamId: teamIdByName.get(t.name) as number })),
  )
  const userIds = await insertStaff(
    trx,
    people.map(({ s, teamId }) => ({ ...s, teamId })),
  )
  await setTeamManagers(
    trx,
    plan.map((t) => ({
      teamId: teamIdByName.get(t.name) as number,
      managerUserId: userIds.get(t.manager.username) as number,
    })),
  )
  const setup = await assembleSetup(trx, plan, teamIdByName, userIds)
  const partners = partnerPlan(seed)
  const agencyIds = await agencyIdsByName(
    trx,
    partners.map((p) => p.agencyName),
  )
  const partnerIds = await insertPartners(
    trx,
    partners.map((p) => ({ ...p, agencyId: agencyIds.get(p.agencyName) ?? null })),
  )
  const iros = iroPlan(seed, workforce)
  return withIros(withPartners(setup, partners, partnerIds), iros, await insertIros(trx, iros))
}

/** The setup an earlier run of the same load wrote, found again to resume it. */
export async function readSetup(trx: Db, seed: string, workforce: Workforce): Promise<Setup> {
  const plan = staffTeams(seed, workforce)
  const teamIdByName = await teamIdsByName(
    trx,
    plan.map((t) => t.name),
  )
  const userIds = await userIdsByUsername(
    trx,
    plan.flatMap((t) => [t.manager, ...t.workers].map((s) => s.username)),
  )
  const setup = await assembleSetup(trx, plan, teamIdByName, userIds)
  const partners = partnerPlan(seed)
  const partnerIds = await userIdsByUsername(
    trx,
    partners.map((p) => p.username),
  )
  const iros = iroPlan(seed, workforce)
  const iroIds = await userIdsByUsername(
    trx,
    iros.map((i) => i.username),
  )
  return withIros(withPartners(setup, partners, partnerIds), iros, iroIds)
}

export interface IroStaff {
  username: string
  displayName: string
}

/**
 * The independent reviewing officers (`iro100000`…, accounts that cannot sign in): about one for
 * every 60 children looked after (the IRO Handbook's 50 to 70), two at least. In no team, as the
 * demo's IRO: independent of the case's line management. From a stream of their own, written
 * after the partners, so no other row shifts.
 */
export function iroPlan(seed: string, workforce: Workforce): IroStaff[] {
  const random = streamFor(seed, 'load', 'iros')
  const count = Math.max(2, Math.round(workforce.staff.length / 40))
  const out: IroStaff[] = []
  for (let i = 0; i < count; i++) {
    const female = random.chance(0.75)
    out.push({
      username: `iro${100000 + i}`,
      displayName: `${random.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`,
    })
  }
  return out
}

function withIros(setup: Setup, iros: IroStaff[], ids: Map<string, number>): Setup {
  setup.iros = iros.flatMap((i) => {
    const userId = ids.get(i.username)
    return userId === undefined ? [] : [{ userId, name: i.displayName }]
  })
  setup.counts.staff += setup.iros.length
  return setup
}

export interface PartnerStaff {
  username: string
  displayName: string
  jobTitle: string
  agency: 'education' | 'health'
  agencyName: string
  kind: 'school' | 'health_visitor'
}

/**
 * Partner practitioners who lead early help episodes (accounts that cannot sign in, `pp100000`…):
 * each school's designated safeguarding lead and three health visitors. From a stream of their
 * own, written after the staff, so no other row shifts.
 */
export function partnerPlan(seed: string): PartnerStaff[] {
  const random = streamFor(seed, 'load', 'partners')
  const out: PartnerStaff[] = []
  const add = (
    jobTitle: string,
    agency: 'education' | 'health',
    agencyName: string,
    kind: PartnerStaff['kind'],
  ) => {
    const username = `pp${100000 + out.length}`
    const female = random.chance(kind === 'health_visitor' ? 0.95 : 0.7)
    out.push({
      username,
      displayName: `${random.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`,
      jobTitle,
      agency,
      agencyName,
      kind,
    })
  }
  for (const a of AGENCIES)
    if (a.kind === 'education' && /School|Academy/.test(a.name))
      add('Designated safeguarding lead', 'education', a.name, 'school')
  const visiting = AGENCIES.find((a) => a.referralSource === '3B')?.name ?? 'Health visiting service'
  for (let i = 0; i < 3; i++) add('Health visitor', 'health', visiting, 'health_visitor')
  return out
}

function withPartners(setup: Setup, partners: PartnerStaff[], ids: Map<string, number>): Setup {
  setup.partners = partners.flatMap((p) => {
    const userId = ids.get(p.username)
    return userId === undefined ? [] : [{ userId, kind: p.kind, name: p.displayName, agency: p.agencyName }]
  })
  setup.counts.staff += setup.partners.length
  return setup
}

async function assembleSetup(
  trx: Db,
  plan: SetupTeam[],
  teamIdByName: Map<string, number>,
  userIds: Map<string, number>,
): Promise<Setup> {
  const staffCount = plan.reduce((n, t) => n + 1 + t.workers.length, 0)
  const teams = new Map<string, TeamRow>()
  const staff = new Map<string, StaffRow>()
  const mashWorkers: number[] = []
  const mashManagers: number[] = []
  const mashManagerOf = new Map<number, number>()
  for (const t of plan) {
    const id = teamIdByName.get(t.name) as number
    const managerUserId = userIds.get(t.manager.username) as number
    teams.set(t.key, { id, name: t.name, managerUserId })
    for (const s of [t.manager, ...t.workers]) {
      staff.set(s.key, { userId: userIds.get(s.username) as number, teamId: id, name: s.displayName })
    }
    if (t.kind === 'front_door') {
      mashManagers.push(managerUserId)
      for (const w of t.workers) {
        mashWorkers.push(userIds.get(w.username) as number)
        mashManagerOf.set(userIds.get(w.username) as number, managerUserId)
      }
    }
  }
  const careTeam = plan.find((t) => t.kind === 'children_in_care') ?? (plan[0] as SetupTeam)
  const careManager = userIds.get(careTeam.manager.username) as number
  const earlyHelpTeams = plan
    .filter((t) => t.kind === 'early_help')
    .map((t) => ({
      id: teamIdByName.get(t.name) as number,
      managerUserId: userIds.get(t.manager.username) as number,
      workers: t.workers.map((w) => userIds.get(w.username) as number),
    }))
  const agencyRows = await ensureAgencies(trx, AGENCIES)
  const agenciesBySource = new Map<string, number[]>()
  const agenciesByKind = new Map<string, number[]>()
  for (const a of agencyRows) {
    const id = Number(a.id)
    if (a.referral_source)
      agenciesBySource.set(a.referral_source, [...(agenciesBySource.get(a.referral_source) ?? []), id])
    agenciesByKind.set(a.kind, [...(agenciesByKind.get(a.kind) ?? []), id])
  }
  return {
    teams,
    staff,
    mashWorkers,
    mashManagers,
    mashManagerOf,
    teamManagers: new Map([...teams.values()].map((t) => [t.id, t.managerUserId])),
    teamsById: new Map([...teams.values()].map((t) => [t.id, t])),
    agenciesBySource,
    agenciesByKind,
    careManager,
    earlyHelpTeams,
    partners: [],
    iros: [],
    counts: { teams: plan.length, staff: staffCount, agencies: agencyRows.length },
  }
}

// ---------------------------------------------------------------------------------------------

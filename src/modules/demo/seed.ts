/**
 * The small synthetic demo authority loaded on first run: teams, one account per role, and a few
 * dozen fictional children with contacts, assessments and plans whose statutory clocks are live.
 * Every name here is invented. The full-scale synthetic authority is `haven synth`.
 */
import { addCalendarDays, londonDate } from '../../platform/calendar/dates.js'
import type { Db } from '../../platform/db/database.js'
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { nhsCheckDigit, upnCheckLetter } from '../people/identifiers.js'
import { hashPassword } from '../../platform/auth/passwords.js'
import { hasAnyAccount } from '../../platform/auth/users.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { askSignOff } from '../../platform/signoff/service.js'
import { londonInstant } from '../../platform/calendar/clocks.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import { loadClockSettings } from '../../platform/calendar/store.js'
import type { ContactDecision, Rag, ReferralSource, ThresholdLevel } from '../../platform/db/schema.js'
import type { PracticeLevel } from '../../platform/db/schema.js'
import type { Role } from '../../platform/permissions/roles.js'
import {
  familyNameOf,
  insertReturningId,
  insertRows,
  lastDemoSeedDetail,
  setTeamManager,
  syntheticChildrenLoaded,
  syntheticLoadFinished,
  updateContactChild,
  allocatedChildren,
  partnerChildrenWithManager,
  agencyIdNamed,
} from './store.js'
import { writeNote, writeOversight } from '../casenotes/service.js'
import { writeContribution } from '../chronology/service.js'
import { writeEscalation } from '../escalations/service.js'
import { writeDemoEpisode } from '../earlyhelp/service.js'
import { writePreviousPermanence } from '../care/records-service.js'
import { writeCareStart } from '../care/service.js'
import { writeAssessment } from '../care/health-service.js'
import { writeIroAllocation } from '../care/review-service.js'
import { writeVisit } from '../care/visit-service.js'
import { writeCarerLink, writePlan } from '../care/placement-plan-service.js'
import { writeApproval } from '../care/placement-service.js'
import type { PlanInput } from '../care/placement-plan-model.js'
import { DemoBackgroundLoad } from './background.js'
import type { LoadOptions } from '../synth/load.js'

export const DEMO_PASSWORD = 'haven-demo-2026'

export interface DemoAccount {
  username: string
  displayName: string
  role: Role
  team?: string
  /** Shown beside their caseload when a manager allocates. */
  practiceLevel?: PracticeLevel
  agency?: 'police' | 'health' | 'education'
  /** A synthetic Social Work England number (SW9…: never a real one), for the SSDA903's SW_ID. */
  swRegistration?: string
  /** What the account's holder does, and for a carer whose household or home they belong to. */
  jobTitle?: string
}

/** The partner agency each demo practitioner works for, and their job there. */
const DEMO_AGENCIES = {
  police: { name: 'Essex Police', kind: 'police', referral_source: '6', jobTitle: 'Detective Constable' },
  health: {
    name: 'Thurrock Health Visiting Service',
    kind: 'health',
    referral_source: '3B',
    jobTitle: 'Health visitor',
  },
  education: {
    name: 'Little Thurrock Primary School',
    kind: 'education',
    referral_source: '2A',
    jobTitle: 'Designated safeguarding lead',
  },
} as const

const TEAMS = [
  { name: 'Front door (MASH)', kind: 'front_door' },
  { name: 'Assessment team', kind: 'assessment' },
  { name: 'Safeguarding team', kind: 'safeguarding' },
  { name: 'Children in care team', kind: 'children_in_care' },
  { name: 'Performance and intelligence', kind: 'performance' },
  { name: 'Emergency duty team', kind: 'emergency_duty' },
  { name: 'Early help team', kind: 'early_help' },
] as const

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'screener', displayName: 'Priya Shah', role: 'front_door_screener', team: 'Front door (MASH)' },
  {
    username: 'mash.sw',
    displayName: 'Tom Okafor',
    role: 'mash_social_worker',
    team: 'Front door (MASH)',
    practiceLevel: 'social_worker',
    swRegistration: 'SW9000101',
  },
  {
    username: 'social.worker',
    displayName: 'Amara Lewis',
    role: 'social_worker',
    team: 'Assessment team',
    practiceLevel: 'senior_practitioner',
    swRegistration: 'SW9000102',
  },
  {
    username: 'social.worker2',
    displayName: 'Ben Carter',
    role: 'social_worker',
    team: 'Safeguarding team',
    practiceLevel: 'asye',
    swRegistration: 'SW9000103',
  },
  {
    username: 'team.manager',
    displayName: 'Helen Price',
    role: 'team_manager',
    team: 'Assessment team',
    swRegistration: 'SW9000104',
  },
  // The Safeguarding team's manager: its referrals, tasks and strategy discussion prompts need one.
  {
    username: 'safeguarding.manager',
    displayName: 'Owen Bright',
    role: 'team_manager',
    team: 'Safeguarding team',
    swRegistration: 'SW9000105',
  },
  // Authorises the MASH social workers' recommendations (issue 12).
  { username: 'mash.manager', displayName: 'Grace Adeyemi', role: 'team_manager', team: 'Front door (MASH)' },
  { username: 'service.manager', displayName: 'Marcus Reid', role: 'service_manager' },
  { username: 'police', displayName: 'DC Sam Turner', role: 'partner_practitioner', agency: 'police' },
  // A health visitor and a school's designated safeguarding lead add to the multi-agency
  // chronology of the children they are given access to (issue 15).
  { username: 'health.visitor', displayName: 'Nia Barker', role: 'partner_practitioner', agency: 'health' },
  { username: 'school', displayName: 'Daniel Hughes', role: 'partner_practitioner', agency: 'education' },
  {
    username: 'performance',
    displayName: 'Rita Patel',
    role: 'performance_officer',
    team: 'Performance and intelligence',
  },
  { username: 'admin', displayName: 'Alex Morgan', role: 'administrator' },
  {
    username: 'edt',
    displayName: 'Nadia Brooks',
    role: 'emergency_duty_worker',
    team: 'Emergency duty team',
    practiceLevel: 'senior_practitioner',
    swRegistration: 'SW9000107',
  },
  { username: 'auditor', displayName: 'Jo Fletcher', role: 'auditor' },
  // Manages the Early help team: takes up the front door's early help decisions, allocates lead
  // professionals (issue 15).
  { username: 'early.help', displayName: 'Sophie Grant', role: 'team_manager', team: 'Early help team' },
  // Chairs the reviews of the looked-after children a manager allocates to them, whichever team
  // holds the case (issue 17): independent of the case's line management, so in no team.
  { username: 'iro', displayName: 'Ruth Okonjo', role: 'independent_reviewing_officer' },
  // Carers (issue 17): they see the placement plan and delegated authority of the children placed
  // with them, and nothing else. Ellie Marsh's foster carer, and a worker at the children's home
  // where Jordan Vale lives; each given access by the child's social worker.
  {
    username: 'foster.carer',
    displayName: 'Joy Okafor',
    role: 'carer',
    jobTitle: 'Foster carer, the Okafor household',
  },
  {
    username: 'residential',
    displayName: 'Lee Hartley',
    role: 'carer',
    jobTitle: 'Residential care worker, Oakfield House (Ofsted URN SC482915)',
  },
]

const GIVEN = [
  'Ava',
  'Leo',
  'Mia',
  'Noah',
  'Isla',
  'Oscar',
  'Lily',
  'Jack',
  'Freya',
  'Alfie',
  'Zara',
  'Kai',
  'Ruby',
  'Ethan',
  'Maya',
  'Theo',
  'Ella',
  'Riley',
  'Poppy',
  'Sami',
]
const FAMILY = [
  'Ashdown',
  'Bramley',
  'Corrick',
  'Dunmore',
  'Elstow',
  'Fenwick',
  'Garside',
  'Holloway',
  'Inskip',
  'Jarrow',
  'Kettering',
  'Linford',
]

/** A small deterministic generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A valid NHS number in the 999 range the NHS keeps for test data, different for each child. */
function demoNhsNumber(i: number): string {
  for (let n = i * 7; ; n++) {
    const nine = `999${String(100_000 + n).slice(-6)}`
    const check = nhsCheckDigit(nine)
    if (check !== null) return `${nine}${check}`
  }
}

/** A UPN with a valid check letter: LA 883, establishment 2000, allocated in 2020. */
function demoUpn(i: number): string {
  const body = `883200020${String(i).padStart(3, '0')}`
  return `${upnCheckLetter(body) as string}${body}`
}

const SEED_AUDIT: AuditContext = { userId: null, username: 'demo-seed', requestId: null }

export interface DemoOptions {
  /**
   * Synthetic children loaded alongside the hand-made ones (`haven synth`'s authority; Thurrock
   * has about 42,000). 0 loads the hand-made demo only.
   */
  syntheticChildren?: number
  onProgress?: (message: string) => void
  /** Children per batch of the synthetic load (tests take small ones to see it part way). */
  syntheticBatchChildren?: number
  /** Hand the synthetic authority's load over to be run later (in the background), not now. */
  defer?: (load: DemoBackgroundLoad) => void
}

/** Children per batch of a background load (the same rows as the loader's larger batches give). */
const BACKGROUND_BATCH_CHILDREN = 500

/** The seed of the demo's synthetic authority: the same demo on every machine. */
export const DEMO_SYNTH_SEED = 'haven-demo'

/**
 * Loads the demo authority if the database has no users yet, and its synthetic authority of
 * `syntheticChildren`. Returns whether it loaded the demo. A first run stopped before the
 * synthetic authority finished is finished by the next one, from the last batch written.
 */
export async function seedDemoIfEmpty(db: Db, now = new Date(), options: DemoOptions = {}): Promise<boolean> {
  const wanted = options.syntheticChildren ?? 0
  const any = await hasAnyAccount(db)
  if (!any) await seedDemo(db, now, { syntheticChildren: wanted })
  const seeded = (await lastDemoSeedDetail(db)) as { syntheticChildren?: number } | undefined
  const promised = Number(seeded?.syntheticChildren ?? 0)
  if (promised === 0 || (await syntheticLoadFinished(db))) return !any
  const progress = options.onProgress ?? (() => {})
  const run = (afterBatch?: (loaded: number, wanted: number) => Promise<void>) =>
    loadDemoSynthetic(db, now, promised, progress, {
      afterBatch,
      // In the background, smaller batches: each holds the database (and PGlite the process) while it writes.
      batchChildren:
        options.syntheticBatchChildren ?? (options.defer ? BACKGROUND_BATCH_CHILDREN : undefined),
    })
  if (options.defer) options.defer(new DemoBackgroundLoad(promised, await syntheticChildrenLoaded(db), run))
  else await run()
  return !any
}

async function loadDemoSynthetic(
  db: Db,
  now: Date,
  children: number,
  progress: (message: string) => void,
  batches: { afterBatch?: LoadOptions['afterBatch']; batchChildren?: number | undefined },
): Promise<void> {
  const { loadAuthority, syntheticAuthorityPresent, SyntheticAuthorityExistsError } =
    await import('../synth/load.js')
  const resuming = await syntheticAuthorityPresent(db)
  progress(
    resuming
      ? 'Finishing the demo’s synthetic authority, stopped part way last time…'
      : `Loading the demo authority: ${children.toLocaleString('en-GB')} synthetic children with their families and a year of contacts (first run only)…`,
  )
  try {
    const summary = await loadAuthority(db, {
      seed: DEMO_SYNTH_SEED,
      children,
      asOf: now,
      onProgress: progress,
      resume: true,
      ...(batches.afterBatch ? { afterBatch: batches.afterBatch } : {}),
      ...(batches.batchChildren ? { batchChildren: batches.batchChildren } : {}),
    })
    progress(
      `Loaded ${summary.counts.children.toLocaleString('en-GB')} synthetic children in ${(summary.milliseconds / 1000).toFixed(0)} s.`,
    )
  } catch (err) {
    // A load stopped by an older Haven, which wrote no marks to resume from.
    if (!(err instanceof SyntheticAuthorityExistsError)) throw err
    progress(
      'The demo’s synthetic authority was only partly loaded (the first run was stopped): delete the data directory to load it again.',
    )
  }
}

interface Worker {
  user: number
  team: number
}

type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0]

/**
 * What every step of the hand-made demo needs: the transaction, the clocks, the accounts who
 * record things, and the seeded random numbers. Every step draws from the one `random` in the
 * order the steps run, so the demo is the same on every machine: a step moved changes it.
 */
interface Seeding {
  trx: Trx
  clocks: Awaited<ReturnType<typeof loadClockSettings>>
  now: Date
  random: () => number
  pick: <T>(list: readonly T[]) => T
  daysAgo: (d: number, hour?: number) => Date
  hoursAgo: (h: number) => Date
  users: Map<string, number>
  workers: Worker[]
  screener: number
  decider: number
  manager: number
  /** Whether an assessment already waits for the manager's sign-off (one does). */
  assessmentWaiting: boolean
}

/**
 * The hand-made demo: the accounts, and 40 children who came through the front door. Thirty were
 * referred and allocated to social.worker or social.worker2; six are on contacts still waiting in
 * the MASH queue (two of them brothers or sisters on one contact); three wait for a manager to
 * authorise the MASH social worker's recommendation (one returned once already); one was referred
 * this morning for a strategy discussion not yet held; and a new contact about one allocated child
 * has gone straight to the worker who holds the case. Each decision was recommended by mash.sw and
 * authorised by team.manager or service.manager.
 */
export async function seedDemo(
  db: Db,
  now = new Date(),
  options: { syntheticChildren?: number } = {},
): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const random = seeded(20_261_123)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const daysAgo = (d: number, hour = 10) => {
    const t = new Date(now.getTime() - d * 86_400_000)
    t.setUTCHours(hour, Math.floor(random() * 60), 0, 0)
    return t
  }
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000 - Math.floor(random() * 50) * 60_000)

  await db.transaction().execute(async (trx) => {
    const clocks = await loadClockSettings(trx)
    const { teams, users } = await addTeamsAndAccounts(trx, passwordHash)
    const s: Seeding = {
      trx,
      clocks,
      now,
      random,
      pick,
      daysAgo,
      hoursAgo,
      users,
      workers: [
        { user: users.get('social.worker') as number, team: teams.get('Assessment team') as number },
        { user: users.get('social.worker2') as number, team: teams.get('Safeguarding team') as number },
      ],
      screener: users.get('screener') as number,
      decider: users.get('mash.sw') as number,
      manager: users.get('team.manager') as number,
      assessmentWaiting: false,
    }

    const childIds: number[] = []
    let pendingSibling: { contactId: number; receivedAt: Date; source: ReferralSource } | null = null
    const familyNames: string[] = []
    for (let i = 0; i < 36; i++) {
      const childId = await addDemoChild(s, i, familyNames, childIds)
      const drawn = pick(SOURCES)
      // No police notifications of domestic abuse wait in the demo's queue: tests make their own.
      const source: ReferralSource = i >= 30 && drawn === '6' ? '2A' : drawn
      const rag = pick(['red', 'amber', 'green'] as const)
      if (i >= 30) {
        // Still waiting in the MASH queue: received in the last day or two, not yet decided.
        if (i === 31) continue // on child 30's contact
        const waiting = await addWaitingContact(s, i, childId, source)
        // The sibling is added to the same contact once child 31's record exists (below).
        if (i === 30) pendingSibling = { ...waiting, source }
        continue
      }
      // An earlier contact that went no further, for some.
      if (i % 5 === 4) await addEarlierContact(s, i, childId)
      await addReferredChild(s, i, childId, source, rag)
    }
    // Child 31 on child 30's contact: one contact about a brother and sister.
    if (pendingSibling !== null) {
      const { contactId, receivedAt, source } = pendingSibling
      await linkChild(s, contactId, childIds[31] as number, receivedAt, source)
    }
    // Added after the others, so their random draws (and so the children above) stay as they were.
    for (const [k, waiting] of AWAITING_AUTHORISATION.entries()) {
      const i = 36 + k
      await addAwaitingAuthorisation(s, i, await addDemoChild(s, i, familyNames, childIds), waiting)
    }
    await addStrategyDiscussionToHold(s, 39, await addDemoChild(s, 39, familyNames, childIds))
    await addOutOfHoursRecord(s, users.get('edt') as number)
    await addCasework(s, teams.get('Assessment team') as number)
    await addEscalation(s)
    await addAgencyContributions(s)
    await addEarlyHelp(s, teams.get('Early help team') as number)
    await addChildInCare(s, teams.get('Assessment team') as number)
    await addChildInResidentialCare(s, teams.get('Assessment team') as number)
    await recordAudit(trx, SEED_AUDIT, {
      action: 'demo.seed',
      outcome: 'allowed',
      detail: {
        children: 40,
        accounts: DEMO_ACCOUNTS.length,
        syntheticChildren: options.syntheticChildren ?? 0,
      },
    })
  })
}

/**
 * Case notes and management oversight (issue 14) on the first six allocated children: a home
 * visit ten days ago, the child seen alone, and a phone call to the mother three days ago, each
 * by the allocated worker; and on the Assessment team's children the team manager's oversight
 * 18 days ago, its next due in 20 working days (so soon due on the manager's list). No random
 * draws, so every other demo record stays as it was.
 */
/**
 * The multi-agency chronology of the sixth allocated child: the health visitor and the school, given
 * access for the core group, record three injuries in eight weeks and two appointments the child
 * was not brought to, so the record and the chronology show the cumulative-harm warnings.
 */
async function addAgencyContributions(s: Seeding): Promise<void> {
  const { trx, now } = s
  const child = (await allocatedChildren(trx, 6)).at(-1)
  if (!child) return
  const today = londonDate(now.getTime())
  const partners = [
    { username: 'health.visitor', agency: 'Thurrock Health Visiting Service' },
    { username: 'school', agency: 'Little Thurrock Primary School' },
  ] as const
  await insertRows(
    trx,
    'child_access',
    partners.map((p) => ({
      child_id: child.child_id,
      user_id: s.users.get(p.username) as number,
      basis: 'process_participant',
      granted_by: s.manager,
      reason: 'Core group member',
    })),
  )
  const entries = [
    [
      0,
      56,
      'injury',
      'A bruise behind the left ear. Mother said he fell against the sofa.',
      'Behind the left ear',
    ],
    [0, 35, 'was_not_brought', 'Not brought to the hearing check at the clinic.', null],
    [1, 21, 'injury', 'Came into class with a graze across the forehead; said he fell at home.', 'Forehead'],
    [
      0,
      12,
      'was_not_brought',
      'Not brought to the developmental review; mother did not answer the phone.',
      null,
    ],
    [1, 4, 'injury', 'Bruising to both upper arms, seen when changing for PE.', 'Both upper arms'],
  ] as const
  for (const [who, days, type, whatHappened, bodyPart] of entries) {
    const partner = partners[who]
    const by = s.users.get(partner.username) as number
    const agencyId = await agencyIdNamed(trx, partner.agency)
    await writeContribution(
      trx,
      by,
      child.child_id,
      {
        occurredOn: addCalendarDays(today, -days),
        agencyId,
        source: who === 0 ? 'Nia Barker, health visitor' : 'Daniel Hughes, designated safeguarding lead',
        basis: 'fact',
        significance: type === 'injury' ? 'high' : 'medium',
        entryType: type,
        whatHappened,
        harmKind: type,
        bodyPart,
        childMobile: type === 'injury' ? 'yes' : null,
      },
      partner.agency,
      s.daysAgo(days),
      SEED_AUDIT,
      'process_participant',
    )
  }
  await addFamilyOfFour(s, child, partners)
}

/**
 * The sixth allocated child's family of four for the family chronology: their mother and three
 * brothers and sisters (a nine-year-old at the school, a two-year-old, a baby of 14 weeks), allocated
 * to the same worker ten weeks ago with no multi-agency meeting since, the school and the health
 * visitor in the core group. The school records the eldest's attendance; the health visitor a
 * bruise on the baby, who cannot yet roll, and the toddler not brought to two appointments: so the
 * family's chronology warns for three of the four children. No random draws (every demo record
 * after stays as it was).
 */
async function addFamilyOfFour(
  s: Seeding,
  child: { child_id: number; user_id: number | null; team_id: number | null },
  partners: readonly { username: string; agency: string }[],
): Promise<void> {
  const { trx, now } = s
  const today = londonDate(now.getTime())
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000)
  const anchor = { family_name: await familyNameOf(trx, child.child_id) }
  const born = (days: number) => addCalendarDays(today, -days)
  const mother = await insertReturningId(trx, 'person', {
    kind: 'adult',
    given_name: 'Kerry',
    family_name: anchor.family_name,
    date_of_birth: born(33 * 365),
  })
  const siblings = []
  for (const [given, days, sex] of [
    ['Ellie', 9 * 365 + 40, 'F'],
    ['Mason', 2 * 365 + 10, 'M'],
    ['Ivy', 98, 'F'],
  ] as const)
    siblings.push(
      await insertReturningId(trx, 'person', {
        kind: 'child',
        given_name: given,
        family_name: anchor.family_name,
        date_of_birth: born(days),
        sex,
      }),
    )
  const [eldest, toddler, baby] = siblings as [number, number, number]
  await insertRows(
    trx,
    'person_relationship',
    [child.child_id, ...siblings].map((id) => ({
      person_id: mother,
      related_person_id: id,
      relationship_type: 'mother',
      household_member: true,
    })),
  )
  const allocatedAt = ago(70)
  await insertRows(trx, 'child_access', [
    ...siblings.map((id) => ({
      child_id: id,
      user_id: child.user_id,
      basis: 'allocated_worker',
      granted_by: s.manager,
      granted_at: allocatedAt,
    })),
    ...siblings.flatMap((id) =>
      partners.map((p) => ({
        child_id: id,
        user_id: s.users.get(p.username) as number,
        basis: 'process_participant',
        granted_by: s.manager,
        granted_at: allocatedAt,
        reason: 'Core group member',
      })),
    ),
  ])
  const entries = [
    [
      1,
      eldest,
      30,
      'education',
      null,
      'Attendance 78% this half-term; often late, hungry at breakfast club.',
      null,
      null,
    ],
    [
      0,
      baby,
      9,
      'injury',
      'injury',
      'A fingertip bruise on the thigh at the new-birth follow-up; mother could not say how.',
      'Left thigh',
      'no',
    ],
    [0, toddler, 60, 'was_not_brought', 'was_not_brought', 'Not brought to the 2-year review.', null, null],
    [
      0,
      toddler,
      20,
      'was_not_brought',
      'was_not_brought',
      'Not brought to the rearranged review; no answer at the door.',
      null,
      null,
    ],
  ] as const
  for (const [who, childId, days, type, harmKind, whatHappened, bodyPart, childMobile] of entries) {
    const partner = partners[who] as { username: string; agency: string }
    await writeContribution(
      trx,
      s.users.get(partner.username) as number,
      childId,
      {
        occurredOn: addCalendarDays(today, -days),
        agencyId: await agencyIdNamed(trx, partner.agency),
        source: who === 0 ? 'Nia Barker, health visitor' : 'Daniel Hughes, designated safeguarding lead',
        basis: 'fact',
        significance: harmKind === 'injury' ? 'high' : 'medium',
        entryType: type,
        whatHappened,
        harmKind,
        bodyPart,
        childMobile,
      },
      partner.agency,
      ago(days),
      SEED_AUDIT,
      'process_participant',
    )
  }
}

async function addCasework(s: Seeding, assessmentTeam: number): Promise<void> {
  const { trx, now, clocks } = s
  const at = (days: number, hour: number) => {
    const t = new Date(now.getTime() - days * 86_400_000)
    t.setUTCHours(hour, 30, 0, 0)
    return t
  }
  for (const c of await allocatedChildren(trx, 6)) {
    const child = [{ childId: c.child_id, basis: null }]
    await writeNote(
      trx,
      c.user_id as number,
      {
        noteType: 'home_visit',
        contactAt: at(10, 15),
        whoSeen: `${c.given_name}, their mother and younger brother`,
        body: `Announced home visit after school. ${c.given_name} showed me their bedroom and we talked alone about school and home; they said things are calmer since the last visit. The home was warm and there was food in. Mother agreed to the referral to the family support service. Next visit in two weeks.`,
        seen: [{ childId: c.child_id, seen: 'seen_alone' }],
        siblingIds: [],
      },
      at(10, 17),
      SEED_AUDIT,
      child,
      clocks,
    )
    await writeNote(
      trx,
      c.user_id as number,
      {
        noteType: 'phone_call',
        contactAt: at(3, 11),
        whoSeen: 'Mother',
        body: 'Phoned mother to confirm the family support worker’s first visit on Thursday. She said the school had called about attendance; I will speak to the school’s designated safeguarding lead.',
        seen: [{ childId: c.child_id, seen: 'not_seen' }],
        siblingIds: [],
      },
      at(3, 12),
      SEED_AUDIT,
      child,
      clocks,
    )
    if (c.team_id !== assessmentTeam) continue
    const heldOn = londonDate(at(18, 14).getTime())
    await writeOversight(
      trx,
      s.manager,
      c.child_id,
      {
        kind: 'management_oversight',
        heldOn,
        summary: `Reviewed the assessment so far with the worker. ${c.given_name} is seen regularly and alone; the family are engaging. Agree to continue the assessment and to ask the school for an attendance update.`,
        actions: [{ action: 'Ask the school for an attendance update', dueOn: addCalendarDays(heldOn, 7) }],
        interval: '20wd',
      },
      at(18, 14),
      SEED_AUDIT,
      null,
      clocks,
    )
  }
}

/**
 * An escalation of a professional difference (issue 15): the police officer, in the strategy
 * discussion of a child, escalated the decision eight days ago to the manager of the team the case
 * is allocated to, who has not answered, so it is overdue on the manager's worklist and the
 * officer may take it to level 2.
 */
async function addEscalation(s: Seeding): Promise<void> {
  const police = s.users.get('police') as number
  const [child] = await partnerChildrenWithManager(s.trx, police)
  if (!child) return
  await writeEscalation(
    s.trx,
    { id: police, role: 'partner_practitioner', agency: 'police' },
    child.child_id,
    {
      difference:
        'The strategy discussion agreed a joint visit within two days; it has not happened and no date has been set.',
      wanted: 'A joint visit this week, and the date agreed with the police.',
    },
    child.manager_id as number,
    // Not daysAgo: it draws from the seeded random numbers.
    new Date(s.now.getTime() - 8 * 86_400_000),
    SEED_AUDIT,
    'process_participant',
    s.clocks,
  )
}

/** Last night's call to the emergency duty team, waiting for the MASH on its queue. */
async function addOutOfHoursRecord(s: Seeding, edt: number): Promise<void> {
  const calledAt = new Date(s.now.getTime() - 11 * 3_600_000)
  await insertReturningId(s.trx, 'out_of_hours_record', {
    called_at: calledAt,
    caller_name: 'PC Dan Hollis',
    caller_role: 'Police constable',
    referral_source: '6',
    children: JSON.stringify([
      { name: 'Kai Dalton', birth: '7', address: 'With his grandmother, 12 Stanford Road, Grays' },
      { name: 'Maisie Dalton', birth: '3', address: 'With her grandmother, 12 Stanford Road, Grays' },
    ]),
    what_happened:
      'Police called to the home at 11pm: mother arrested for assault on her partner; the children were at home and woke to the noise.',
    action_taken:
      'Spoke to the maternal grandmother by phone and checked her address with the police; the children went to stay with her tonight.',
    advice_given:
      'Grandmother advised not to let the partner collect the children and to call the police if he comes.',
    police_involved: true,
    health_involved: false,
    consent: 'given',
    handover:
      'Check on the children with the grandmother this morning and decide whether a strategy discussion is needed.',
    recorded_by: edt,
    recorded_at: new Date(calledAt.getTime() + 90 * 60_000),
  })
}

/** The teams, the police force, and one account per role. */
async function addTeamsAndAccounts(
  trx: Trx,
  passwordHash: string,
): Promise<{ teams: Map<string, number>; users: Map<string, number> }> {
  const teams = new Map<string, number>()
  for (const t of TEAMS) {
    const id = await insertReturningId(trx, 'team', t)
    teams.set(t.name, id)
  }
  // Each demo practitioner works for an agency, so the police officer can make contacts through
  // the partner form even in a demo without the synthetic authority (which adds the same force).
  const agencies = new Map<string, number>()
  for (const [key, { jobTitle: _job, ...agency }] of Object.entries(DEMO_AGENCIES))
    agencies.set(key, await insertReturningId(trx, 'agency', agency))
  const users = new Map<string, number>()
  for (const a of DEMO_ACCOUNTS) {
    const id = await insertReturningId(trx, 'app_user', {
      username: a.username,
      display_name: a.displayName,
      role: a.role,
      team_id: a.team ? (teams.get(a.team) ?? null) : null,
      agency: a.agency ?? null,
      agency_id: a.agency ? (agencies.get(a.agency) ?? null) : null,
      job_title: a.agency ? DEMO_AGENCIES[a.agency].jobTitle : (a.jobTitle ?? null),
      practice_level: a.practiceLevel ?? null,
      sw_registration: a.swRegistration ?? null,
      password_hash: passwordHash,
    })
    users.set(a.username, id)
  }
  await setTeamManager(trx, 'Assessment team', users.get('team.manager') ?? null)
  await setTeamManager(trx, 'Front door (MASH)', users.get('mash.manager') ?? null)
  await setTeamManager(trx, 'Safeguarding team', users.get('safeguarding.manager') ?? null)
  await setTeamManager(trx, 'Early help team', users.get('early.help') ?? null)
  return { teams, users }
}

/** Child i's person record, address, any restriction, and (child 31) the sibling link to child 30. */
async function addDemoChild(
  s: Seeding,
  i: number,
  familyNames: string[],
  childIds: number[],
): Promise<number> {
  const { trx, random, now } = s
  const age = Math.floor(random() * 17)
  const dob = englandAndWales.addWorkingDays(
    `${now.getUTCFullYear() - age - 1}-06-15`,
    Math.floor(random() * 200),
  )
  // Children 30 and 31 are brother and sister, on one contact.
  const familyName = i === 31 ? (familyNames[30] as string) : s.pick(FAMILY)
  familyNames.push(familyName)
  const childId = await insertReturningId(trx, 'person', {
    la_child_id: `DEMO${String(1000 + i)}`,
    kind: 'child',
    given_name: GIVEN[i % GIVEN.length] as string,
    family_name: familyName,
    date_of_birth: dob,
    sex: random() < 0.5 ? 'F' : 'M',
    nhs_number: demoNhsNumber(i),
    upn: age >= 4 ? demoUpn(i) : null,
  })
  childIds.push(childId)
  if (i === 7 || i === 23) await restrictRecord(s, i, childId)
  await insertRows(trx, 'person_address', {
    person_id: childId,
    line_1: `${10 + (i === 31 ? 30 : i)} Example Road`,
    town: 'Grays',
    postcode: `RM17 ${1 + ((i === 31 ? 30 : i) % 9)}AB`,
    from_date: dob,
  })
  if (i === 31)
    await insertRows(trx, 'person_relationship', {
      person_id: childIds[30] as number,
      related_person_id: childId,
      relationship_type: 'sibling',
      household_member: true,
    })
  return childId
}

/**
 * Restricted by the service manager, who holds a grant to review: one review overdue by five
 * days, one due in ten, so the managers' report has something to show. (Migration 0012's trigger
 * sets person.restricted from the restriction.)
 */
async function restrictRecord(s: Seeding, i: number, childId: number): Promise<void> {
  // (Not daysAgo: drawing from the seeded random numbers would change every child after.)
  const authorisedAt = new Date(s.now.getTime() - (i === 7 ? 95 : 80) * 86_400_000)
  const reviewDue = addCalendarDays(londonDate(authorisedAt.getTime()), 90)
  const serviceManager = s.users.get('service.manager') as number
  await insertRows(s.trx, 'person_restriction', {
    person_id: childId,
    category: i === 7 ? 'high_risk' : 'high_profile',
    reason:
      i === 7
        ? 'Threats made against the family by a known adult; only the allocated worker to see the record.'
        : 'Parent is a public figure locally; the case has been in the press.',
    authorised_by: serviceManager,
    authorised_at: authorisedAt,
    recorded_by: serviceManager,
    recorded_at: authorisedAt,
    review_due: reviewDue,
  })
  await insertRows(s.trx, 'child_access', {
    child_id: childId,
    user_id: serviceManager,
    basis: 'restriction_grant',
    granted_by: serviceManager,
    granted_at: authorisedAt,
    expires_at: new Date(`${addCalendarDays(reviewDue, 91)}T00:00:00Z`),
    reason: 'Authorised the restriction: to manage and review it',
  })
}

/** A contact in the MASH queue, received in the last day or two; two of them already screened. */
async function addWaitingContact(
  s: Seeding,
  i: number,
  childId: number,
  source: ReferralSource,
): Promise<{ contactId: number; receivedAt: Date }> {
  const receivedAt = s.hoursAgo(2 + (i - 30) * 7)
  const names =
    i === 30
      ? [GIVEN[30 % GIVEN.length] as string, GIVEN[31 % GIVEN.length] as string]
      : [GIVEN[i % GIVEN.length] as string]
  const urgency = i === 32 ? 'red' : i === 33 ? 'amber' : null
  const contactId = await newContact(s, receivedAt, source, names, urgency)
  const ccId = await linkChild(s, contactId, childId, receivedAt, source)
  if (urgency !== null)
    await rate(
      s,
      childId,
      ccId,
      new Date(receivedAt.getTime() + 30 * 60_000),
      receivedAt,
      urgency,
      urgency === 'red' ? '4' : '3',
    )
  return { contactId, receivedAt }
}

/** A school's contact months ago that went no further. */
async function addEarlierContact(s: Seeding, i: number, childId: number): Promise<void> {
  const earlier = s.daysAgo(200 + Math.floor(s.random() * 100), 11)
  const contactId = await newContact(s, earlier, '2A', [GIVEN[i % GIVEN.length] as string], 'green')
  const ccId = await linkChild(s, contactId, childId, earlier, '2A')
  const ratedAt = new Date(earlier.getTime() + 40 * 60_000)
  await rate(s, childId, ccId, ratedAt, earlier, 'green', '1')
  await decide(s, childId, ccId, {
    ratedAt,
    at: new Date(earlier.getTime() + 5 * 3_600_000),
    decision: 'no_further_action',
    level: '1',
    teamId: null,
  })
}

/**
 * Referred: contact, screening, the MASH decision, the referral and its allocation, then the
 * assessment and (every sixth child) the strategy discussion and section 47 enquiry.
 */
async function addReferredChild(
  s: Seeding,
  i: number,
  childId: number,
  source: ReferralSource,
  rag: Rag,
): Promise<void> {
  const received = s.daysAgo(5 + Math.floor(s.random() * 80), 9)
  // A strategy discussion is for significant harm: level 4, and red.
  const strategy = i % 6 === 0
  const urgency: Rag = strategy ? 'red' : rag
  const contactId = await newContact(s, received, source, [GIVEN[i % GIVEN.length] as string], urgency)
  const ccId = await linkChild(s, contactId, childId, received, source)
  const ratedAt = new Date(received.getTime() + 15 * 60_000)
  const level = urgency === 'red' ? '4' : '3'
  await rate(s, childId, ccId, ratedAt, received, urgency, level)
  const late = s.random() < 0.15
  const decided = new Date(received.getTime() + (late ? 3 : 0.2) * 86_400_000)
  const worker = s.workers[i % s.workers.length] as Worker
  const authoriser = await decide(s, childId, ccId, {
    ratedAt,
    at: decided,
    decision: strategy ? 'strategy_discussion' : 'referral',
    level,
    teamId: worker.team,
    // One the team manager sent back first: early help was not enough.
    ...(i === 1 ? { returned: RETURNED_EARLY_HELP } : {}),
  })

  const referralId = await addAllocatedReferral(s, childId, ccId, source, decided, strategy, worker, {
    authoriser,
    police: i === 0 ? 'DC Sam Turner' : 'DC Kate Morrow',
  })
  await addAssessment(s, childId, referralId, decided, worker, strategy ? 'strategy_discussion' : 'cin_plan')
  // A new contact about a child whose case is open goes straight to the allocated worker.
  if (i === 2) {
    const receivedAt = s.hoursAgo(20)
    const contactId = await newContact(s, receivedAt, '2A', [GIVEN[i % GIVEN.length] as string], null)
    await linkChild(s, contactId, childId, receivedAt, '2A', worker)
  }
  // The police officer took part in this child's strategy discussion, so may see the record for 30 days.
  if (i === 0) {
    await insertRows(s.trx, 'child_access', {
      child_id: childId,
      user_id: s.users.get('police') ?? null,
      basis: 'process_participant',
      granted_by: worker.user,
      expires_at: new Date(s.now.getTime() + 30 * 86_400_000),
    })
  }
}

/** The referral, any strategy discussion, and its allocation to the worker and their team. */
async function addAllocatedReferral(
  s: Seeding,
  childId: number,
  ccId: number,
  source: ReferralSource,
  decided: Date,
  strategy: boolean,
  worker: Worker,
  by: { authoriser: number; police: string | null },
): Promise<number> {
  const { trx, clocks, manager } = s
  const allocated = new Date(decided.getTime() + 2 * 3_600_000)
  const referralId = await insertReturningId(trx, 'referral', {
    child_id: childId,
    contact_child_id: ccId,
    referral_date: londonDate(decided.getTime()),
    referral_source: source,
    re_referral: false,
    strategy_discussion: strategy,
    status: 'allocated',
    team_id: worker.team,
    worker_id: worker.user,
    allocated_by: manager,
    allocated_at: allocated,
    created_by: by.authoriser,
    created_at: decided,
  })
  const event = { childId, subjectId: referralId }
  await recordCaseEvent(
    trx,
    {
      ...event,
      subjectType: 'referral',
      type: 'referral.created',
      occurredAt: decided,
      summary: 'Referral to children’s social care',
      recordedBy: by.authoriser,
      attributes: { source, reReferral: false },
    },
    clocks,
  )
  await insertRows(trx, 'child_access', [
    {
      child_id: childId,
      user_id: worker.user,
      basis: 'allocated_worker',
      granted_by: manager,
      granted_at: allocated,
    },
    {
      child_id: childId,
      team_id: worker.team,
      basis: 'allocated_team',
      granted_by: manager,
      granted_at: allocated,
    },
  ])
  await recordCaseEvent(
    trx,
    {
      ...event,
      subjectType: 'referral',
      type: 'referral.allocated',
      occurredAt: allocated,
      summary: `Allocated to ${worker === s.workers[0] ? 'Amara Lewis, Assessment team' : 'Ben Carter, Safeguarding team'}`,
      recordedBy: manager,
      attributes: { workerId: worker.user, teamId: worker.team },
    },
    clocks,
  )
  // After the grants, so a discussion still to be held is on the allocated worker's list.
  if (strategy)
    await holdStrategyDiscussion(s, {
      childId,
      referralId,
      requestedAt: decided,
      requestedBy: by.authoriser,
      worker,
      police: by.police,
    })
  return referralId
}

/**
 * The strategy discussion as the protection module records it: police and health talk it through
 * with the allocated worker five hours after the referral and agree a joint section 47 enquiry
 * (`police` null: asked for, not yet held). Its events name the discussion, not the referral.
 */
async function holdStrategyDiscussion(
  s: Seeding,
  d: {
    childId: number
    referralId: number
    requestedAt: Date
    requestedBy: number
    worker: Worker
    police: string | null
  },
): Promise<void> {
  const { trx, clocks } = s
  const held = d.police === null ? null : new Date(d.requestedAt.getTime() + 5 * 3_600_000)
  const id = await insertReturningId(trx, 'strategy_discussion', {
    child_id: d.childId,
    referral_id: d.referralId,
    requested_by: d.requestedBy,
    requested_at: d.requestedAt,
    reason: 'Allegation of physical harm by an adult in the household; police to share what they know.',
    ...(held === null
      ? {}
      : {
          held_at: held,
          outcome: 's47_joint',
          outcome_reason:
            'Threshold for section 47 met and a crime may have been committed: police and social care enquire together.',
          actions:
            'Social worker and police to see the child together tomorrow; health to arrange a child protection medical.',
          recorded_by: d.worker.user,
          recorded_at: new Date(held.getTime() + 3_600_000),
        }),
  })
  const event = { childId: d.childId, subjectId: id, subjectType: 'strategy_discussion' as const }
  await recordCaseEvent(
    trx,
    {
      ...event,
      type: 'strategy_discussion.requested',
      occurredAt: d.requestedAt,
      summary: 'Strategy discussion requested',
      recordedBy: d.requestedBy,
      attributes: { referralId: d.referralId },
    },
    clocks,
  )
  if (held === null || d.police === null) return
  await insertRows(trx, 'strategy_discussion_participant', [
    {
      strategy_discussion_id: id,
      agency_kind: 'social_care',
      name: d.worker === s.workers[0] ? 'Amara Lewis' : 'Ben Carter',
      role: 'Social worker',
    },
    {
      strategy_discussion_id: id,
      agency_kind: 'police',
      name: d.police,
      role: 'Child abuse investigation team',
    },
    { strategy_discussion_id: id, agency_kind: 'health', name: 'Nia Barker', role: 'Health visitor' },
  ])
  await recordCaseEvent(
    trx,
    {
      ...event,
      type: 'strategy_discussion.held',
      occurredAt: held,
      summary: 'Strategy discussion held with police and health: joint section 47 enquiry',
      recordedBy: d.worker.user,
      attributes: { referralId: d.referralId, outcome: 's47_joint' },
    },
    clocks,
  )
  // The enquiry the discussion agreed starts on the discussion's date (the CIN census's S47 start).
  const startDate = londonDate(held.getTime())
  const s47 = await insertReturningId(trx, 's47_enquiry', {
    child_id: d.childId,
    strategy_discussion_id: id,
    start_date: startDate,
    joint: true,
    created_at: new Date(held.getTime() + 3_600_000),
  })
  await recordCaseEvent(
    trx,
    {
      childId: d.childId,
      subjectType: 's47',
      subjectId: s47,
      type: 's47.started',
      occurredAt: held,
      summary: 'Section 47 enquiry started, jointly with the police',
      recordedBy: d.worker.user,
      attributes: { strategyDiscussionId: id, startDate, joint: true },
    },
    clocks,
  )
}

/**
 * The child and family assessment, started the day after the decision and on the worker's list
 * until authorised. Two in five older than 20 days were authorised by the team manager on day 20
 * (the sign-off on their history); the first referral old enough waits for the manager now.
 */
async function addAssessment(
  s: Seeding,
  childId: number,
  referralId: number,
  decided: Date,
  worker: Worker,
  outcome: 'cin_plan' | 'strategy_discussion',
): Promise<void> {
  const { trx, clocks } = s
  const started = new Date(decided.getTime() + 86_400_000)
  const startedOn = londonDate(started.getTime())
  const age = s.now.getTime() - started.getTime()
  const authorised = s.random() < 0.4 && age > 20 * 86_400_000
  const waiting = !authorised && !s.assessmentWaiting && age > 10 * 86_400_000
  const done = authorised || waiting
  const sentAt = new Date(started.getTime() + (authorised ? 19 : 9) * 86_400_000)
  const authorisedAt = new Date(started.getTime() + 20 * 86_400_000)
  const seenOn = addCalendarDays(startedOn, 2)
  const id = await insertReturningId(trx, 'assessment', {
    child_id: childId,
    referral_id: referralId,
    started_on: startedOn,
    started_by: worker.user,
    started_at: started,
    status: authorised ? 'authorised' : waiting ? 'awaiting_authorisation' : 'in_progress',
    version: done ? 7 : 2,
    // Seen two days in, unless the assessment has only just begun.
    seen_on: age > 3 * 86_400_000 ? seenOn : null,
    seen_alone: age > 3 * 86_400_000 ? true : null,
    wishes_and_feelings: done
      ? 'Says home is fine most days but is frightened when the adults argue; wants to stay at the same school and see their nan more.'
      : null,
    factors: done ? ['3B', '4B'] : null,
    primary_need: done ? 'N1' : null,
    analysis: done
      ? 'Domestic abuse between the adults and a parent’s low mood leave the child anxious and often late for school. The family engage and accept help; the risks are understood.'
      : null,
    outcome: done ? outcome : null,
    authorised_on: authorised ? londonDate(authorisedAt.getTime()) : null,
    authorised_by: authorised ? s.manager : null,
    updated_by: authorised ? s.manager : worker.user,
    updated_at: authorised ? authorisedAt : done ? sentAt : new Date(started.getTime() + 2 * 86_400_000),
  })
  const event = { childId, subjectType: 'assessment' as const, subjectId: id }
  // The 45 working days count from the referral date, so the event stands at the start of that day.
  await recordCaseEvent(
    trx,
    {
      ...event,
      type: 'assessment.started',
      occurredAt: londonInstant(londonDate(decided.getTime()), '00:00'),
      summary: 'Child and family assessment started',
      recordedBy: worker.user,
      attributes: { referralId, startedOn },
    },
    clocks,
  )
  await recordCaseEvent(
    trx,
    {
      childId,
      subjectType: 'referral',
      subjectId: referralId,
      type: 'referral.assessment_started',
      occurredAt: started,
      summary: 'Child and family assessment started from the referral',
      recordedBy: worker.user,
      attributes: { assessmentId: id },
    },
    clocks,
  )
  const ask = {
    subjectType: 'assessment',
    subjectId: id,
    childId,
    askedBy: worker.user,
    at: sentAt,
    summary: 'Child and family assessment',
  }
  if (waiting) {
    s.assessmentWaiting = true
    await askSignOff(trx, ask)
    return
  }
  if (!authorised) return
  await insertRows(trx, 'sign_off', {
    subject_type: 'assessment',
    subject_id: String(id),
    child_id: childId,
    asked_by: worker.user,
    asked_at: sentAt,
    summary: ask.summary,
    status: 'authorised',
    decided_by: s.manager,
    decided_at: authorisedAt,
    oversight_note:
      'Read the assessment with the history: the analysis is sound and the plan follows from it.',
  })
  await recordCaseEvent(
    trx,
    {
      ...event,
      type: 'assessment.authorised',
      occurredAt: authorisedAt,
      summary: 'Assessment authorised by the team manager',
      recordedBy: s.manager,
      attributes: { outcome, primaryNeed: 'N1', factors: ['3B', '4B'] },
    },
    clocks,
  )
}

/** A contact as the screener recorded it, about the children given. */
async function newContact(
  s: Seeding,
  receivedAt: Date,
  source: ReferralSource,
  children: readonly string[],
  urgency: Rag | null,
): Promise<number> {
  const referrer = REFERRERS[source] ?? (REFERRERS['1A'] as Referrer)
  const need = s.pick(REASONS)
  // The referrer's answer follows how urgent the MASH found it (no draw: the children stay as they were).
  const safe = urgency === null ? null : urgency === 'red' ? need.atRisk : need.safe
  return insertReturningId(s.trx, 'contact', {
    received_at: receivedAt,
    channel: referrer.channel,
    referral_source: source,
    referrer_name: referrer.name,
    referrer_role: referrer.role,
    reason: `${referrer.role} is worried about ${children.join(' and ')}: ${need.text}.`,
    presenting_needs: need.codes,
    consent: 'given',
    domestic_abuse: need.codes.includes('3B'),
    recorded_by: s.screener,
    recorded_at: new Date(receivedAt.getTime() + 10 * 60_000),
    created_at: receivedAt,
    child_safe_now: urgency === null ? 'not_known' : urgency === 'red' ? 'no' : 'yes',
    child_safe_detail: safe,
  })
}

/** A child on a contact: in the MASH queue, or passed straight to the worker who holds the case. */
async function linkChild(
  s: Seeding,
  contactId: number,
  childId: number,
  receivedAt: Date,
  source: ReferralSource,
  routedTo: Worker | null = null,
): Promise<number> {
  const id = await insertReturningId(s.trx, 'contact_child', {
    contact_id: contactId,
    child_id: childId,
    status: routedTo ? 'routed_to_allocated_worker' : 'in_triage',
    routed_user_id: routedTo?.user ?? null,
    routed_team_id: routedTo?.team ?? null,
    created_at: receivedAt,
  })
  const label = SOURCE_NAMES[source] ?? 'a member of the public'
  await recordCaseEvent(
    s.trx,
    {
      childId,
      subjectType: 'contact',
      subjectId: id,
      type: 'contact.received',
      occurredAt: receivedAt,
      summary: routedTo
        ? `Contact received from ${label}: passed to the allocated worker`
        : `Contact received from ${label}`,
      recordedBy: s.screener,
      attributes: { source, route: routedTo ? 'allocated_worker' : 'mash' },
    },
    s.clocks,
  )
  return id
}

async function rate(
  s: Seeding,
  childId: number,
  ccId: number,
  at: Date,
  received: Date,
  rag: Rag,
  level: ThresholdLevel,
) {
  await updateContactChild(s.trx, ccId, { rag, threshold_level: level, rated_by: s.screener, rated_at: at })
  await recordCaseEvent(
    s.trx,
    {
      childId,
      subjectType: 'contact',
      subjectId: ccId,
      type: 'contact.rated',
      occurredAt: at,
      summary: `Screened: level ${level} need, ${rag} urgency`,
      recordedBy: s.screener,
      attributes: {
        urgency: rag,
        thresholdLevel: level,
        recommendation: null,
        receivedAt: received.toISOString(),
      },
    },
    s.clocks,
  )
}

/** What the MASH social worker recommended, and any earlier recommendation the manager returned. */
interface Recommending {
  decision: ContactDecision
  level: ThresholdLevel
  /** The team a referral goes to. */
  teamId: number | null
  returned?: { decision: ContactDecision; reason: string }
}

const RETURNED_EARLY_HELP = {
  decision: 'early_help' as const,
  reason: 'The injuries the school describes need a social work assessment: early help is not enough.',
}

const RATIONALE: Record<ContactDecision, string> = {
  no_further_action: 'The school’s support is enough and no agency holds other worries about the family.',
  information_and_advice: 'The parent has the advice they need; nothing further for children’s social care.',
  signpost: 'Universal services can meet the need; the family agreed to contact the children’s centre.',
  early_help: 'Several needs together and the family want help: early help with a lead professional.',
  referral: 'The child’s needs are more than early help can meet: a child and family assessment is needed.',
  strategy_discussion:
    'Harm by an adult is alleged and the police hold information: significant harm is likely.',
  transfer: 'The family live in another authority, whose duty it is to assess.',
}

const OVERSIGHT_NOTE = 'Agreed; checks complete and the referrer to be told today.'

/** Who authorises a demo decision: the MASH manager, and now and then the service manager. */
function authoriserOf(s: Seeding, ccId: number): number {
  return s.users.get(ccId % 4 === 0 ? 'service.manager' : 'mash.manager') ?? s.manager
}

/** One recommendation by the MASH social worker, and what the manager did with it (if anything yet). */
async function recommend(
  s: Seeding,
  childId: number,
  ccId: number,
  at: Date,
  r: Recommending,
  review:
    | { outcome: 'awaiting' }
    | { outcome: 'authorised'; by: number; at: Date }
    | { outcome: 'returned'; by: number; at: Date; reason: string },
): Promise<void> {
  const referring = r.decision === 'referral' || r.decision === 'strategy_discussion'
  await insertRows(s.trx, 'contact_recommendation', {
    contact_child_id: ccId,
    decision: r.decision,
    decision_reason:
      r.decision === 'no_further_action'
        ? 'The school’s support is enough; no role for children’s social care.'
        : null,
    team_id: referring ? r.teamId : null,
    rationale: RATIONALE[r.decision],
    recommended_by: s.decider,
    recommended_at: at,
    outcome: review.outcome,
    reviewed_by: review.outcome === 'awaiting' ? null : review.by,
    reviewed_at: review.outcome === 'awaiting' ? null : review.at,
    return_reason: review.outcome === 'returned' ? review.reason : null,
    oversight_note: review.outcome === 'authorised' ? OVERSIGHT_NOTE : null,
    no_strategy_reason:
      r.level === '4' && r.decision !== 'strategy_discussion'
        ? 'No allegation of harm by an adult: the police agree an assessment first.'
        : null,
  })
  await recordCaseEvent(
    s.trx,
    {
      childId,
      subjectType: 'contact',
      subjectId: ccId,
      type: 'contact.recommended',
      occurredAt: at,
      summary: `Recommended: ${DECISION_WORDS[r.decision]}`,
      recordedBy: s.decider,
      attributes: { recommendation: r.decision },
    },
    s.clocks,
  )
  if (review.outcome === 'returned')
    await recordCaseEvent(
      s.trx,
      {
        childId,
        subjectType: 'contact',
        subjectId: ccId,
        type: 'contact.returned',
        occurredAt: review.at,
        summary: `Recommendation returned by the manager: ${review.reason}`,
        recordedBy: review.by,
        attributes: { recommendation: r.decision },
      },
      s.clocks,
    )
}

/**
 * The decision: recommended by mash.sw after the screening (an hour and a half before, at most),
 * authorised by a manager, who is the one who decided. Returns the manager.
 */
async function decide(
  s: Seeding,
  childId: number,
  ccId: number,
  d: Recommending & { ratedAt: Date; at: Date },
): Promise<number> {
  const { at, decision } = d
  const authoriser = authoriserOf(s, ccId)
  const rated = d.ratedAt.getTime()
  const recommendedAt = at.getTime() - Math.min(90 * 60_000, (at.getTime() - rated) / 2)
  if (d.returned) {
    const step = (recommendedAt - rated) / 3
    await recommend(
      s,
      childId,
      ccId,
      new Date(rated + step),
      { ...d, decision: d.returned.decision },
      {
        outcome: 'returned',
        by: authoriser,
        at: new Date(rated + 2 * step),
        reason: d.returned.reason,
      },
    )
  }
  await recommend(s, childId, ccId, new Date(recommendedAt), d, { outcome: 'authorised', by: authoriser, at })
  await updateContactChild(s.trx, ccId, {
    status: 'decided',
    recommendation: decision,
    decision,
    decision_reason:
      decision === 'no_further_action'
        ? 'The school’s support is enough; no role for children’s social care.'
        : null,
    decided_by: authoriser,
    decided_at: at,
    oversight_note: OVERSIGHT_NOTE,
  })
  await recordCaseEvent(
    s.trx,
    {
      childId,
      subjectType: 'contact',
      subjectId: ccId,
      type: 'contact.authorised',
      occurredAt: at,
      summary: `Decision authorised: ${DECISION_WORDS[decision]}`,
      recordedBy: authoriser,
      attributes: { decision },
    },
    s.clocks,
  )
  await recordCaseEvent(
    s.trx,
    {
      childId,
      subjectType: 'contact',
      subjectId: ccId,
      type: 'contact.decided',
      occurredAt: at,
      summary: `Decision: ${DECISION_WORDS[decision]}`,
      recordedBy: authoriser,
      // The demo records no feedback: only its decisions of the last fortnight keep a feedback clock.
      attributes: { decision, referrer: s.now.getTime() - at.getTime() < 14 * 86_400_000 ? 'known' : 'none' },
    },
    s.clocks,
  )
  return authoriser
}

/** The recommendations waiting for a manager: a contact each, screened and recommended today. */
const AWAITING_AUTHORISATION: readonly (Recommending & {
  source: ReferralSource
  rag: Rag
  hoursAgo: number
})[] = [
  { decision: 'referral', level: '3', teamId: null, source: '2A', rag: 'amber', hoursAgo: 5 },
  { decision: 'early_help', level: '2', teamId: null, source: '3B', rag: 'green', hoursAgo: 7 },
  {
    decision: 'strategy_discussion',
    level: '4',
    teamId: null,
    source: '3A',
    rag: 'red',
    hoursAgo: 4,
    returned: {
      decision: 'referral',
      reason:
        'Harm by an adult is alleged: this needs a strategy discussion with the police, not a referral alone.',
    },
  },
]

/** A contact screened and recommended, waiting in the manager's authorisation queue. */
async function addAwaitingAuthorisation(
  s: Seeding,
  i: number,
  childId: number,
  w: (typeof AWAITING_AUTHORISATION)[number],
): Promise<void> {
  const receivedAt = s.hoursAgo(w.hoursAgo)
  const contactId = await newContact(s, receivedAt, w.source, [GIVEN[i % GIVEN.length] as string], w.rag)
  const ccId = await linkChild(s, contactId, childId, receivedAt, w.source)
  const ratedAt = receivedAt.getTime() + 30 * 60_000
  await rate(s, childId, ccId, new Date(ratedAt), receivedAt, w.rag, w.level)
  const r = { ...w, teamId: w.decision === 'referral' ? (s.workers[0]?.team ?? null) : null }
  let recommendedAt = ratedAt + 45 * 60_000
  if (w.returned) {
    await recommend(
      s,
      childId,
      ccId,
      new Date(recommendedAt),
      { ...r, decision: w.returned.decision },
      {
        outcome: 'returned',
        by: s.manager,
        at: new Date(recommendedAt + 30 * 60_000),
        reason: w.returned.reason,
      },
    )
    recommendedAt += 60 * 60_000
  }
  await recommend(s, childId, ccId, new Date(recommendedAt), r, { outcome: 'awaiting' })
  await updateContactChild(s.trx, ccId, { status: 'awaiting_authorisation', recommendation: w.decision })
}

/**
 * Referred this morning for a strategy discussion, allocated to social.worker, and the discussion
 * not yet held: its 24-hour clock is on the worker's list.
 */
async function addStrategyDiscussionToHold(s: Seeding, i: number, childId: number): Promise<void> {
  const received = s.hoursAgo(6)
  const contactId = await newContact(s, received, '2A', [GIVEN[i % GIVEN.length] as string], 'red')
  const ccId = await linkChild(s, contactId, childId, received, '2A')
  const ratedAt = new Date(received.getTime() + 20 * 60_000)
  await rate(s, childId, ccId, ratedAt, received, 'red', '4')
  const decided = new Date(received.getTime() + 2 * 3_600_000)
  const worker = s.workers[0] as Worker
  const authoriser = await decide(s, childId, ccId, {
    ratedAt,
    at: decided,
    decision: 'strategy_discussion',
    level: '4',
    teamId: worker.team,
  })
  await addAllocatedReferral(s, childId, ccId, '2A', decided, true, worker, {
    authoriser,
    police: null,
  })
}

interface Referrer {
  name: string
  role: string
  channel: 'phone' | 'email' | 'partner_form' | 'police_notification'
}

const SOURCES: readonly ReferralSource[] = ['6', '6', '2A', '2A', '3B', '3A', '1A', '5D']

const REFERRERS: Partial<Record<ReferralSource, Referrer>> = {
  '6': { name: 'PC Dan Hollis', role: 'Police constable', channel: 'police_notification' },
  '2A': { name: 'Claire Wendover', role: 'Designated safeguarding lead', channel: 'partner_form' },
  '3B': { name: 'Nia Barker', role: 'Health visitor', channel: 'email' },
  '3A': { name: 'Dr Omar Haddad', role: 'GP', channel: 'phone' },
  '1A': { name: 'June Ashby', role: 'Grandmother', channel: 'phone' },
  '5D': { name: 'Leah Moss', role: 'Family support worker', channel: 'email' },
}

const SOURCE_NAMES: Partial<Record<ReferralSource, string>> = {
  '6': 'the police',
  '2A': 'a school',
  '3B': 'a health visitor',
  '3A': 'a GP',
  '1A': 'a family member',
  '5D': 'early help',
}

/** What a referrer says, with what makes the child safe now and what would put them at risk. */
const REASONS: readonly { text: string; codes: string[]; safe: string; atRisk: string }[] = [
  {
    text: 'police were called to a domestic incident at home and the children were in the house',
    codes: ['3B'],
    safe: 'The father was arrested and is in custody; the children are at home with their mother.',
    atRisk: 'The father was released on bail and may go back to the home; the police will visit tonight.',
  },
  {
    text: 'the child often arrives hungry and in unwashed clothes',
    codes: ['16A'],
    safe: 'Nothing suggests immediate danger: the worry is about the care the child gets over time.',
    atRisk: 'The child says there has been no food at home since the weekend; the school has fed them today.',
  },
  {
    text: 'a bruise was seen on the child’s arm and the explanation did not fit',
    codes: ['18C'],
    safe: 'The child is at school today and will stay with the designated safeguarding lead until the MASH calls back.',
    atRisk:
      'The child goes home at the end of the day to the adult who is said to have hurt them; the school has asked the MASH to call before then.',
  },
  {
    text: 'a parent’s mental health has worsened and they are struggling',
    codes: ['4B'],
    safe: 'The other parent is at home and caring for the children.',
    atRisk:
      'The parent has said they cannot keep the children safe tonight; a relative has been asked to come and stay.',
  },
  {
    text: 'a parent was seen under the influence of alcohol at collection time',
    codes: ['1B'],
    safe: 'The grandmother collected the child and is looking after them tonight.',
    atRisk: 'The parent drove off with the child while under the influence; the police have been told.',
  },
]

const DECISION_WORDS: Record<ContactDecision, string> = {
  no_further_action: 'no further action',
  information_and_advice: 'information and advice',
  signpost: 'signpost to universal services',
  early_help: 'early help',
  referral: 'referral to children’s social care',
  strategy_discussion: 'strategy discussion (and referral)',
  transfer: 'transfer to the child’s home authority',
}

/**
 * Early help (issue 15): a family new to the authority's records, in early help for seven weeks.
 * The school's designated safeguarding lead leads; the health visitor is in the team around the
 * family; the lead professional did not attend the last meeting (an alert), and parent outreach
 * has delivered 3 of its 6 sessions. Its own child, so no other demo record changes.
 */
async function addEarlyHelp(s: Seeding, teamId: number): Promise<void> {
  const childId = await insertReturningId(s.trx, 'person', {
    kind: 'child',
    given_name: 'Jayden',
    family_name: 'Ashworth',
    date_of_birth: '2019-05-14',
    sex: 'M',
  })
  await insertRows(s.trx, 'person_address', {
    person_id: childId,
    line_1: '4 Orsett Road',
    town: 'Grays',
    postcode: 'RM17 5DD',
    from_date: '2019-05-14',
  })
  await writeDemoEpisode(s.trx, {
    childId,
    teamId,
    managerId: s.users.get('early.help') as number,
    leadUserId: s.users.get('school') as number,
    healthVisitor: {
      id: s.users.get('health.visitor') as number,
      name: 'Nia Barker',
      agency: DEMO_AGENCIES.health.name,
    },
    now: s.now,
    audit: SEED_AUDIT,
  })
}

/**
 * Children in care (issue 17): a girl looked after for three weeks under section 20 after an
 * emergency admission, with foster carers, allocated to the demo social worker; the demo IRO was
 * allocated in her first week (so she is on the IRO's list and the first review is due within 20
 * working days of care starting); the first visit was made within the week; her initial health
 * assessment was requested two days in and waits for the paperwork (the consent form), so she is
 * on the managers' list of who waits for a health assessment. Written through the care module's
 * own writes. Its own child, so no other demo record changes.
 */
async function addChildInCare(s: Seeding, teamId: number): Promise<void> {
  const worker = s.users.get('social.worker') as number
  const manager = s.users.get('team.manager') as number
  const iro = s.users.get('iro') as number
  const on = (days: number) => londonDate(s.daysAgo(days).getTime())
  const childId = await insertReturningId(s.trx, 'person', {
    kind: 'child',
    // What the SSDA903 asks of every child looked after: her identifier, ethnicity and UPN.
    la_child_id: 'DEMO2001',
    given_name: 'Ellie',
    family_name: 'Marsh',
    date_of_birth: '2013-09-02',
    sex: 'F',
    ethnicity: 'WBRI',
    upn: demoUpn(901),
  })
  await insertRows(s.trx, 'person_address', {
    person_id: childId,
    line_1: '27 Clarence Road',
    town: 'Grays',
    postcode: 'RM17 6QA',
    from_date: '2013-09-02',
  })
  await insertRows(s.trx, 'child_access', [
    {
      child_id: childId,
      user_id: worker,
      basis: 'allocated_worker',
      granted_by: manager,
      granted_at: s.daysAgo(30),
    },
    {
      child_id: childId,
      team_id: teamId,
      basis: 'allocated_team',
      granted_by: manager,
      granted_at: s.daysAgo(30),
    },
  ])
  await writeCareStart(
    s.trx,
    { id: worker },
    childId,
    {
      startDate: on(21),
      admission: 'emergency',
      panel: { name: null, date: null, chair: null },
      legalStatus: 'V2',
      categoryOfNeed: 'N1',
      homePostcode: 'RM17 6QA',
      placement: {
        place: 'U4',
        provider: 'PR1',
        carer: 'Mr and Mrs Okafor',
        urn: null,
        postcode: 'RM16 2XX',
      },
    },
    SEED_AUDIT,
    s.daysAgo(21, 17),
    'allocated_worker',
  )
  // Asked of every child who starts to be looked after (the SSDA903's PrevPerm): no order before.
  await writePreviousPermanence(
    s.trx,
    { id: worker },
    childId,
    { kind: 'Z1', orderDate: null, orderLa: null },
    SEED_AUDIT,
    s.daysAgo(21, 17),
    'allocated_worker',
  )
  await writeIroAllocation(
    s.trx,
    { id: manager },
    childId,
    { iro },
    SEED_AUDIT,
    s.daysAgo(18, 10),
    'team_manager',
  )
  await writeVisit(
    s.trx,
    { id: worker },
    childId,
    {
      visitedOn: on(17),
      visitedBy: 'Amara Lewis',
      location: 'placement',
      locationDetail: null,
      seen: true,
      seenAlone: true,
      notSeenReason: null,
      note: 'Ellie showed me her room and said the Okafors are kind; she misses her little brother.',
    },
    SEED_AUDIT,
    s.daysAgo(17, 16),
    'allocated_worker',
  )
  await writeAssessment(
    s.trx,
    { id: worker },
    childId,
    'iha',
    {
      requestedOn: on(19),
      appointmentOn: null,
      completedOn: null,
      completedBy: null,
      waitingReason: 'paperwork',
      waitingOther: null,
    },
    SEED_AUDIT,
    s.daysAgo(19, 11),
    'allocated_worker',
  )
  // The placement plan agreed with the Okafors, and Joy Okafor's account given sight of it.
  await agreePlanWithCarer(s, { worker, childId, daysAgo: 18, carers: 'the Okafors', carer: 'foster.carer' })
}

/** The demo child's placement plan agreed `daysAgo`, and the carer's account given sight of it that day. */
async function agreePlanWithCarer(
  s: Seeding,
  p: { worker: number; childId: number; daysAgo: number; carers: string; carer: string },
): Promise<void> {
  const at = s.daysAgo(p.daysAgo, 15)
  const agreedOn = londonDate(s.daysAgo(p.daysAgo).getTime())
  const by = { id: p.worker }
  await writePlan(s.trx, by, p.childId, demoPlan(agreedOn, p.carers), SEED_AUDIT, at, 'allocated_worker')
  const userId = s.users.get(p.carer) as number
  await writeCarerLink(s.trx, by, p.childId, { userId }, SEED_AUDIT, at, 'allocated_worker')
}

/** A demo placement plan: synthetic words, the same everyday decisions delegated as most plans do. */
function demoPlan(agreedOn: string, carers: string): PlanInput {
  return {
    agreedOn,
    sections: {
      routines: `Breakfast at 7.30, school by 8.45. Bed at 8.30 on school nights with a story; a night light stays on. ${carers} keep to the routine at weekends where they can.`,
      health:
        'No known allergies. Registered with the Grays Medical Centre. No regular medication. Initial health assessment requested.',
      education:
        'Attends the local secondary school. The carer drives to school and back; the school’s designated teacher is the contact.',
      contact:
        'Mother: once a week on Saturday afternoon for two hours at the family centre, supervised by a contact worker. Younger brother: fortnightly, with mother, supervised. Grandmother: phone calls on Wednesday evenings, not supervised.',
      behaviour:
        'May become withdrawn after contact with mother; give space, then a quiet activity together. No known risks to others.',
      missing:
        'If not home 30 minutes after the agreed time, try the child’s phone and their friends’ parents. After one hour, call the police on 101 (999 if at risk) and then the emergency duty team, and tell the social worker next working day.',
    },
    delegated: [
      {
        decision: 'haircuts',
        decidedBy: 'carer',
        note: 'No change of colour without asking the social worker',
      },
      { decision: 'school_trips', decidedBy: 'carer', note: null },
      { decision: 'overnight_stays', decidedBy: 'carer', note: 'With friends the carer knows' },
      { decision: 'medical_dental', decidedBy: 'carer', note: null },
      { decision: 'photographs_social_media', decidedBy: 'social_worker', note: 'No photographs online' },
      { decision: 'religious_observance', decidedBy: 'parent', note: null },
      { decision: 'holidays_uk', decidedBy: 'carer', note: null },
      { decision: 'holidays_abroad', decidedBy: 'social_worker', note: 'Needs the parent’s consent too' },
    ],
  }
}

/**
 * The demo's child in a children's home (K2, the authority's own, Ofsted URN SC482915), her plan,
 * and the home's residential care worker given sight of it: what the residential account opens.
 */
async function addChildInResidentialCare(s: Seeding, teamId: number): Promise<void> {
  const worker = s.users.get('social.worker') as number
  const manager = s.users.get('team.manager') as number
  const on = (days: number) => londonDate(s.daysAgo(days).getTime())
  const childId = await insertReturningId(s.trx, 'person', {
    kind: 'child',
    la_child_id: 'DEMO2002',
    given_name: 'Jordan',
    family_name: 'Vale',
    date_of_birth: '2011-05-14',
    sex: 'M',
    ethnicity: 'WBRI',
    upn: demoUpn(902),
  })
  await insertRows(s.trx, 'child_access', [
    {
      child_id: childId,
      user_id: worker,
      basis: 'allocated_worker',
      granted_by: manager,
      granted_at: s.daysAgo(60),
    },
    {
      child_id: childId,
      team_id: teamId,
      basis: 'allocated_team',
      granted_by: manager,
      granted_at: s.daysAgo(60),
    },
  ])
  await writeCareStart(
    s.trx,
    { id: worker },
    childId,
    {
      startDate: on(40),
      admission: 'planned',
      panel: { name: 'Threshold Panel', date: on(43), chair: 'Marcus Reid' },
      legalStatus: 'C2',
      categoryOfNeed: 'N1',
      homePostcode: 'RM17 5TH',
      placement: {
        place: 'K2',
        provider: 'PR1',
        carer: 'Oakfield House',
        urn: 'SC482915',
        postcode: 'RM16 4PL',
      },
    },
    SEED_AUDIT,
    s.daysAgo(40, 15),
    'allocated_worker',
  )
  // A residential placement is approved by the head of service: approved, so no demo list waits on it.
  await writeApproval(
    s.trx,
    { id: manager },
    childId,
    { kind: 'head_of_service', approvedOn: on(39), approver: 'Marcus Reid' },
    SEED_AUDIT,
    s.daysAgo(39, 12),
    'team_manager',
  )
  await agreePlanWithCarer(s, { worker, childId, daysAgo: 37, carers: 'The staff', carer: 'residential' })
}

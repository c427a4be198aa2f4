/**
 * The small synthetic demo authority loaded on first run: teams, one account per role, and a few
 * dozen fictional children with contacts, assessments and plans whose statutory clocks are live.
 * Every name here is invented. The full-scale synthetic authority is `haven synth`.
 */
import type { Db } from '../../platform/db/database.js'
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { nhsCheckDigit, upnCheckLetter } from '../people/identifiers.js'
import { hashPassword } from '../../platform/auth/passwords.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import { loadClockSettings } from '../../platform/calendar/store.js'
import type { Role } from '../../platform/permissions/roles.js'

export const DEMO_PASSWORD = 'haven-demo-2026'

export interface DemoAccount {
  username: string
  displayName: string
  role: Role
  team?: string
  agency?: 'police' | 'health' | 'education'
}

const TEAMS = [
  { name: 'Front door (MASH)', kind: 'front_door' },
  { name: 'Assessment team', kind: 'assessment' },
  { name: 'Safeguarding team', kind: 'safeguarding' },
  { name: 'Children in care team', kind: 'children_in_care' },
  { name: 'Performance and intelligence', kind: 'performance' },
] as const

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'screener', displayName: 'Priya Shah', role: 'front_door_screener', team: 'Front door (MASH)' },
  { username: 'mash.sw', displayName: 'Tom Okafor', role: 'mash_social_worker', team: 'Front door (MASH)' },
  { username: 'social.worker', displayName: 'Amara Lewis', role: 'social_worker', team: 'Assessment team' },
  { username: 'social.worker2', displayName: 'Ben Carter', role: 'social_worker', team: 'Safeguarding team' },
  { username: 'team.manager', displayName: 'Helen Price', role: 'team_manager', team: 'Assessment team' },
  { username: 'service.manager', displayName: 'Marcus Reid', role: 'service_manager' },
  { username: 'police', displayName: 'DC Sam Turner', role: 'partner_practitioner', agency: 'police' },
  {
    username: 'performance',
    displayName: 'Rita Patel',
    role: 'performance_officer',
    team: 'Performance and intelligence',
  },
  { username: 'admin', displayName: 'Alex Morgan', role: 'administrator' },
  { username: 'auditor', displayName: 'Jo Fletcher', role: 'auditor' },
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

/** Loads the demo authority if the database has no users yet. Returns whether it did. */
export async function seedDemoIfEmpty(db: Db, now = new Date()): Promise<boolean> {
  const any = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst()
  if (any) return false
  await seedDemo(db, now)
  return true
}

export async function seedDemo(db: Db, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const random = seeded(20_261_123)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const daysAgo = (d: number, hour = 10) => {
    const t = new Date(now.getTime() - d * 86_400_000)
    t.setUTCHours(hour, Math.floor(random() * 60), 0, 0)
    return t
  }

  await db.transaction().execute(async (trx) => {
    const clocks = await loadClockSettings(trx)
    const teams = new Map<string, number>()
    for (const t of TEAMS) {
      const { id } = await trx.insertInto('team').values(t).returning('id').executeTakeFirstOrThrow()
      teams.set(t.name, id)
    }
    const users = new Map<string, number>()
    for (const a of DEMO_ACCOUNTS) {
      const { id } = await trx
        .insertInto('app_user')
        .values({
          username: a.username,
          display_name: a.displayName,
          role: a.role,
          team_id: a.team ? (teams.get(a.team) ?? null) : null,
          agency: a.agency ?? null,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      users.set(a.username, id)
    }
    await trx
      .updateTable('team')
      .set({ manager_id: users.get('team.manager') ?? null })
      .where('name', '=', 'Assessment team')
      .execute()

    const workers = [
      { user: users.get('social.worker') as number, team: teams.get('Assessment team') as number },
      { user: users.get('social.worker2') as number, team: teams.get('Safeguarding team') as number },
    ]
    const recorder = users.get('screener') as number
    const decider = users.get('mash.sw') as number

    for (let i = 0; i < 36; i++) {
      const age = Math.floor(random() * 17)
      const dob = englandAndWales.addWorkingDays(
        `${now.getUTCFullYear() - age - 1}-06-15`,
        Math.floor(random() * 200),
      )
      const restricted = i === 7 || i === 23
      const { id: childId } = await trx
        .insertInto('person')
        .values({
          la_child_id: `DEMO${String(1000 + i)}`,
          kind: 'child',
          given_name: GIVEN[i % GIVEN.length] as string,
          family_name: pick(FAMILY),
          date_of_birth: dob,
          sex: random() < 0.5 ? 'F' : 'M',
          restricted,
          restriction_category: restricted ? 'high_risk' : null,
          nhs_number: demoNhsNumber(i),
          upn: age >= 4 ? demoUpn(i) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('person_address')
        .values({
          person_id: childId,
          line_1: `${10 + i} Example Road`,
          town: 'Grays',
          postcode: `RM17 ${1 + (i % 9)}AB`,
          from_date: dob,
        })
        .execute()

      // Every child came through the front door; most contacts are decided the same working day.
      const received = daysAgo(5 + Math.floor(random() * 80), 9)
      const contactId = `demo-contact-${i}`
      const urgency = pick(['red', 'amber', 'green'] as const)
      await recordCaseEvent(
        trx,
        {
          childId,
          subjectType: 'contact',
          subjectId: contactId,
          type: 'contact.received',
          occurredAt: received,
          summary: `Contact received from ${pick(['police', 'a school', 'a health visitor', 'a GP', 'a neighbour'])}`,
          recordedBy: recorder,
        },
        clocks,
      )
      await recordCaseEvent(
        trx,
        {
          childId,
          subjectType: 'contact',
          subjectId: contactId,
          type: 'contact.rated',
          occurredAt: new Date(received.getTime() + 15 * 60_000),
          summary: `Rated ${urgency} at screening`,
          recordedBy: recorder,
          attributes: { urgency },
        },
        clocks,
      )
      const open = i >= 30 // the last few contacts are still waiting at the front door
      if (open) continue
      const late = random() < 0.15
      const decided = new Date(received.getTime() + (late ? 3 : 0.2) * 86_400_000)
      await recordCaseEvent(
        trx,
        {
          childId,
          subjectType: 'contact',
          subjectId: contactId,
          type: 'contact.decided',
          occurredAt: decided,
          summary: 'Decision: referral to children’s social care',
          recordedBy: decider,
        },
        clocks,
      )

      const worker = workers[i % workers.length] as (typeof workers)[number]
      await trx
        .insertInto('child_access')
        .values([
          {
            child_id: childId,
            user_id: worker.user,
            basis: 'allocated_worker',
            granted_by: users.get('team.manager') ?? null,
          },
          {
            child_id: childId,
            team_id: worker.team,
            basis: 'allocated_team',
            granted_by: users.get('team.manager') ?? null,
          },
        ])
        .execute()

      const started = new Date(decided.getTime() + 86_400_000)
      await recordCaseEvent(
        trx,
        {
          childId,
          subjectType: 'assessment',
          subjectId: `demo-assessment-${i}`,
          type: 'assessment.started',
          occurredAt: started,
          summary: 'Child and family assessment started',
          recordedBy: worker.user,
        },
        clocks,
      )
      if (random() < 0.4 && now.getTime() - started.getTime() > 20 * 86_400_000) {
        await recordCaseEvent(
          trx,
          {
            childId,
            subjectType: 'assessment',
            subjectId: `demo-assessment-${i}`,
            type: 'assessment.authorised',
            occurredAt: new Date(started.getTime() + 20 * 86_400_000),
            summary: 'Assessment authorised by the team manager',
            recordedBy: users.get('team.manager') ?? null,
          },
          clocks,
        )
      }
      if (i % 6 === 0) {
        await recordCaseEvent(
          trx,
          {
            childId,
            subjectType: 's47',
            subjectId: `demo-s47-${i}`,
            type: 's47.started',
            occurredAt: new Date(started.getTime() + 86_400_000),
            summary: 'Section 47 enquiry started after a strategy discussion',
            recordedBy: worker.user,
          },
          clocks,
        )
      }
      // The police officer took part in this child's strategy discussion, so may see the record for 30 days.
      if (i === 0) {
        await trx
          .insertInto('child_access')
          .values({
            child_id: childId,
            user_id: users.get('police') ?? null,
            basis: 'process_participant',
            granted_by: worker.user,
            expires_at: new Date(now.getTime() + 30 * 86_400_000),
          })
          .execute()
      }
    }
    await recordAudit(trx, SEED_AUDIT, {
      action: 'demo.seed',
      outcome: 'allowed',
      detail: { children: 36, accounts: DEMO_ACCOUNTS.length },
    })
  })
}

/**
 * `loadAuthority()`: the synthetic authority (population.ts) written into Haven's database, as a
 * front door and children's services would have recorded it — staff in teams, partner agencies,
 * families with parents, siblings and addresses, a year of contacts with each child's triage and
 * decision, referrals allocated to workers (with the access grants that follow), and the case
 * events of assessments, enquiries, plans and care, with the statutory clocks' tasks they give.
 *
 * Set-based: rows are built in memory a batch of families at a time and written with multi-row
 * inserts, one transaction per batch. Ids of the rows that others point at (people, contacts,
 * referrals, case events) are taken from their sequences up front, with the tables locked against
 * other writers for the batch, so a whole batch is linked in memory and each table is written in
 * a few statements. Tasks come from evaluating the clocks in memory over the batch's events, as
 * `refreshTasks` would have written them one event at a time.
 *
 * Deterministic: the same seed, size and `asOf` into databases holding the same rows give the
 * same rows. Nothing reads the clock but the default `asOf`.
 */
import { sql } from 'kysely'
import { recordAudit } from '../../platform/audit/audit.js'
import { evaluateClocks, type CaseEvent } from '../../platform/calendar/clocks.js'
import { loadClockSettings, type ClockSettings } from '../../platform/calendar/store.js'
import {
  type IsoDate,
  addCalendarDays,
  ageOn,
  endOfLondonDay,
  londonDate,
} from '../../platform/calendar/dates.js'
import type { Db } from '../../platform/db/database.js'
import type { ContactDecision as MashDecision, Rag, ThresholdLevel } from '../../platform/db/schema.js'

/** A MASH decision, or passing a contact about a child with an open case to its worker. */
type ContactDecision = MashDecision | 'passed_to_allocated_worker'
import {
  agencyCheckSummary,
  previousReferralWithin12Months,
  REFERRAL_SOURCES as SOURCE_CODES,
} from '../frontdoor/model.js'
import { nhsCheckDigit } from '../people/identifiers.js'
import type { CollectionYear } from '../returns/collection-year.js'
import { addWorkingDays, dayText, toDayNumber } from './dates.js'
import {
  AGENCIES,
  AGENCY_CHECK_INFORMATION,
  CLOSURE_REASONS,
  CONSENT_REASONS,
  NFA_REASONS,
  OUT_OF_HOURS_ACTIONS,
  OVERSIGHT_NOTES,
  REFERRER_ROLES,
  STREETS,
  TOWNS,
  TRANSFER_AUTHORITIES,
  contactReason,
  presentingNeeds,
} from './frontdoor-text.js'
import { makeUpn } from './identifiers.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import {
  buildWorkforce,
  generateFamilies,
  type Child,
  type Contact,
  type Family,
  type Referral,
  type TeamKind,
  type Workforce,
} from './population.js'
import { streamFor, type Random } from './random.js'

export interface LoadOptions {
  seed: string
  /** Child person records wanted (Thurrock: about 42,000). */
  children: number
  /** The moment the history runs up to (default now): everything loaded happened before it. */
  asOf?: Date
  onProgress?: (message: string) => void
}

export interface LoadCounts {
  teams: number
  staff: number
  agencies: number
  children: number
  adults: number
  addresses: number
  relationships: number
  contacts: number
  contactChildren: number
  openContactChildren: number
  agencyChecks: number
  referrals: number
  reReferrals: number
  openReferrals: number
  grants: number
  caseEvents: number
  tasks: number
  openTasks: number
}

export interface LoadSummary {
  seed: string
  children: number
  /** The `asOf` instant, ISO 8601. */
  asOf: string
  counts: LoadCounts
  milliseconds: number
}

export class SyntheticAuthorityExistsError extends Error {
  constructor() {
    super('This database already holds a synthetic authority: load into an empty database')
    this.name = 'SyntheticAuthorityExistsError'
  }
}

/** The DfE LA code in the synthetic authority's identifiers (Thurrock's). */
const LA_CODE = '883'
/** Children in need per child record: ~2,650 in need gives Thurrock's ~1,000 contacts a month at 42,000. */
const IN_NEED_SHARE = 2650 / 42000
/** Families written per transaction, as about this many children. */
const BATCH_CHILDREN = 2000
const MINUTE = 60_000
const HOUR = 3_600_000

/** The first synthetic worker's username: present means a synthetic authority is loaded. */
export const FIRST_SYNTHETIC_USERNAME = 'sw100000'

export async function syntheticAuthorityPresent(db: Db): Promise<boolean> {
  const found = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', FIRST_SYNTHETIC_USERNAME)
    .executeTakeFirst()
  return found !== undefined
}

// ---------------------------------------------------------------------------------------------
// Time

const londonStarts = new Map<IsoDate, number>()

/** Milliseconds at London midnight starting `date`. */
function londonStart(date: IsoDate): number {
  let start = londonStarts.get(date)
  if (start === undefined) {
    start = endOfLondonDay(dayText(toDayNumber(date) - 1)) + 1
    londonStarts.set(date, start)
  }
  return start
}

/** `minutes` after London midnight on `date`. */
function at(date: IsoDate, minutes: number): number {
  return londonStart(date) + Math.round(minutes) * MINUTE
}

function weekend(date: IsoDate): boolean {
  const d = (toDayNumber(date) + 4) % 7 // 1970-01-01 was a Thursday: 0 Sunday … 6 Saturday
  return d === 0 || d === 6
}

function yearEnding(end: IsoDate): CollectionYear {
  return { label: `to ${end}`, start: addCalendarDays(end, -364), end, referenceDate: end }
}

// ---------------------------------------------------------------------------------------------
// Writing rows

type Value = string | number | boolean | Date | null | readonly string[]
type Row = Value[]

interface TableRows {
  table: string
  columns: readonly string[]
  /** Ids given by the loader (taken from the table's sequence), so `overriding system value`. */
  withIds: boolean
  rows: Row[]
}

/** A value as PostgreSQL reads it from text (arrays as array literals). */
function asText(v: Value): string | null {
  if (v === null) return null
  if (typeof v === 'string') return v
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v))
    return `{${(v as readonly string[]).map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
  return String(v)
}

/**
 * Writes rows as one text array per column, unnested and cast to each column's type: a handful
 * of parameters per statement, whatever the number of rows (on PGlite about twice as fast as
 * multi-row VALUES).
 */
async function insertRows(trx: Db, t: TableRows): Promise<void> {
  if (t.rows.length === 0) return
  const { rows: types } = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, atttypmod) as type
      from pg_attribute where attrelid = ${t.table}::regclass and attnum > 0 and not attisdropped`.execute(
    trx,
  )
  const typeOf = new Map(types.map((r) => [r.name, r.type]))
  const casts = t.columns.map((c, i) => {
    const type = typeOf.get(c)
    if (type === undefined) throw new Error(`${t.table} has no column ${c}`)
    return `u.c${i}::${type}`
  })
  const head = `insert into ${t.table} (${t.columns.join(', ')})${t.withIds ? ' overriding system value' : ''} select ${casts.join(', ')} from unnest(`
  const tail = `) as u(${t.columns.map((_, i) => `c${i}`).join(', ')})`
  const per = 5000
  for (let i = 0; i < t.rows.length; i += per) {
    const chunk = t.rows.slice(i, i + per)
    const columns = t.columns.map((_, c) => chunk.map((r) => asText(r[c] as Value)))
    await sql`${sql.raw(head)}${sql.join(columns.map((values) => sql`${values}::text[]`))}${sql.raw(tail)}`.execute(
      trx,
    )
  }
}

/** Ids for `count` new rows of `table`, taken in order from its identity sequence. */
class IdRange {
  private next: number
  private readonly first: number
  constructor(
    readonly table: string,
    first: number,
  ) {
    this.first = first
    this.next = first
  }
  take(): number {
    return this.next++
  }
  get used(): number {
    return this.next - this.first
  }
  get last(): number {
    return this.next - 1
  }
}

const ID_TABLES = ['person', 'contact', 'contact_child', 'referral', 'case_event'] as const
type IdTable = (typeof ID_TABLES)[number]

async function takeIdRanges(trx: Db): Promise<Record<IdTable, IdRange>> {
  // Exclusive locks keep other writers off these tables until the batch commits, so the ids
  // after each sequence's next value are the batch's alone.
  await sql`lock table person, contact, contact_child, referral, case_event in exclusive mode`.execute(trx)
  const ranges = {} as Record<IdTable, IdRange>
  for (const table of ID_TABLES) {
    const { rows } = await sql<{
      id: number
    }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id`.execute(trx)
    ranges[table] = new IdRange(table, (rows[0] as { id: number }).id)
  }
  return ranges
}

async function settleIdRanges(trx: Db, ranges: Record<IdTable, IdRange>): Promise<void> {
  for (const table of ID_TABLES) {
    const range = ranges[table]
    if (range.used > 1)
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${range.last})`.execute(trx)
  }
}

// ---------------------------------------------------------------------------------------------
// The authority's staff and agencies

interface StaffRow {
  userId: number
  teamId: number
  name: string
}

interface TeamRow {
  id: number
  name: string
  managerUserId: number
}

interface Setup {
  teams: Map<string, TeamRow>
  staff: Map<string, StaffRow>
  mashWorkers: number[]
  mashManagers: number[]
  teamManagers: Map<number, number>
  teamsById: Map<number, TeamRow>
  agenciesBySource: Map<string, number[]>
  agenciesByKind: Map<string, number[]>
  counts: { teams: number; staff: number; agencies: number }
}

const TEAM_KIND: Record<TeamKind, string> = {
  mash: 'front_door',
  assessment: 'assessment',
  'family-support': 'safeguarding',
  'children-looked-after': 'children_in_care',
  'leaving-care': 'leaving_care',
  'disabled-children': 'safeguarding',
}

interface SetupTeam {
  key: string
  name: string
  kind: string
  manager: SetupStaff
  workers: SetupStaff[]
}

interface SetupStaff {
  key: string
  username: string
  displayName: string
  role: string
  jobTitle: string
}

function staffTeams(seed: string, workforce: Workforce): SetupTeam[] {
  const byId = new Map(workforce.staff.map((s) => [s.id, s]))
  const teams: SetupTeam[] = []
  const member = (id: string, role: string, jobTitle: string): SetupStaff => {
    const s = byId.get(id)
    if (s === undefined) throw new Error(`No staff member ${id}`)
    return {
      key: id,
      username: id.toLowerCase(),
      displayName: `${s.givenName} ${s.familyName}`,
      role,
      jobTitle,
    }
  }
  for (const t of workforce.teams) {
    const mash = t.kind === 'mash'
    teams.push({
      key: t.id,
      name: t.name,
      kind: TEAM_KIND[t.kind],
      manager: member(t.managerId, 'team_manager', mash ? 'MASH team manager' : 'Team manager'),
      workers: t.workerIds.map((w) =>
        member(
          w,
          mash ? 'mash_social_worker' : 'social_worker',
          mash ? 'MASH social worker' : t.kind === 'leaving-care' ? 'Personal adviser' : 'Social worker',
        ),
      ),
    })
  }
  // Early help teams, which the generator's workforce leaves out: about one practitioner in ten.
  const random = streamFor(seed, 'load', 'early-help')
  const workers = workforce.staff.length
  let next = 0
  const person = (role: string, jobTitle: string): SetupStaff => {
    const female = random.chance(0.8)
    const id = `EH${String(100000 + next++)}`
    return {
      key: id,
      username: id.toLowerCase(),
      displayName: `${random.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`,
      role,
      jobTitle,
    }
  }
  const earlyHelpTeams = Math.max(1, Math.round(workers / 80))
  for (let i = 0; i < earlyHelpTeams; i++) {
    const manager = person('team_manager', 'Early help team manager')
    const size = random.int(6, 10)
    const list: SetupStaff[] = []
    for (let w = 0; w < size; w++) list.push(person('social_worker', 'Early help practitioner'))
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

async function writeSetup(trx: Db, seed: string, workforce: Workforce): Promise<Setup> {
  const plan = staffTeams(seed, workforce)
  const teamIds = await trx
    .insertInto('team')
    .values(plan.map((t) => ({ name: t.name, kind: t.kind })))
    .returning(['id', 'name'])
    .execute()
  const teamIdByName = new Map(teamIds.map((t) => [t.name, Number(t.id)]))
  const people = plan.flatMap((t) =>
    [t.manager, ...t.workers].map((s) => ({ s, teamId: teamIdByName.get(t.name) as number })),
  )
  const userIds = new Map<string, number>()
  for (let i = 0; i < people.length; i += 500) {
    const chunk = people.slice(i, i + 500)
    const rows = await trx
      .insertInto('app_user')
      .values(
        chunk.map(({ s, teamId }) => ({
          username: s.username,
          display_name: s.displayName,
          role: s.role,
          team_id: teamId,
          job_title: s.jobTitle,
          password_hash: null,
        })),
      )
      .returning(['id', 'username'])
      .execute()
    for (const r of rows) userIds.set(r.username, Number(r.id))
  }
  const teams = new Map<string, TeamRow>()
  const staff = new Map<string, StaffRow>()
  const mashWorkers: number[] = []
  const mashManagers: number[] = []
  for (const t of plan) {
    const id = teamIdByName.get(t.name) as number
    const managerUserId = userIds.get(t.manager.username) as number
    teams.set(t.key, { id, name: t.name, managerUserId })
    for (const s of [t.manager, ...t.workers]) {
      staff.set(s.key, { userId: userIds.get(s.username) as number, teamId: id, name: s.displayName })
    }
    if (t.kind === 'front_door') {
      mashManagers.push(managerUserId)
      for (const w of t.workers) mashWorkers.push(userIds.get(w.username) as number)
    }
  }
  await sql`update team set manager_id = v.manager_id
    from (values ${sql.join(plan.map((t) => sql`(${teamIdByName.get(t.name) as number}::bigint, ${userIds.get(t.manager.username) as number}::bigint)`))}) as v(team_id, manager_id)
    where team.id = v.team_id`.execute(trx)

  await trx
    .insertInto('agency')
    .values(AGENCIES.map((a) => ({ name: a.name, kind: a.kind, referral_source: a.referralSource })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const agencyRows = await trx
    .selectFrom('agency')
    .select(['id', 'name', 'kind', 'referral_source'])
    .where(
      'name',
      'in',
      AGENCIES.map((a) => a.name),
    )
    .orderBy('id')
    .execute()
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
    teamManagers: new Map([...teams.values()].map((t) => [t.id, t.managerUserId])),
    teamsById: new Map([...teams.values()].map((t) => [t.id, t])),
    agenciesBySource,
    agenciesByKind,
    counts: { teams: plan.length, staff: people.length, agencies: agencyRows.length },
  }
}

// ---------------------------------------------------------------------------------------------
// One batch of families

interface EventRow {
  id: number
  childId: number
  subjectType: string
  subjectId: string
  type: string
  at: number
  summary: string
  by: number | null
  attributes: Record<string, unknown>
}

interface Segment {
  from: number
  to: number
  userId: number | null
  teamId: number
  closedBy: 'closure' | 'transfer'
}

interface ChildState {
  personId: number
  child: Child
  segments: Segment[]
}

interface ContactPlan {
  contact: Contact
  state: ChildState
  ccId: number
  open: boolean
  receivedAt: number
  ratedAt: number | null
  decidedAt: number | null
  decision: ContactDecision | null
  level: ThresholdLevel | null
  rag: Rag | null
  decider: number
  referral: Referral | null
}

const REFERRAL_DECISIONS = new Set(['referral', 'strategy-discussion'])

const DECISION_CODE: Record<Contact['decision'], ContactDecision> = {
  'no-further-action': 'no_further_action',
  'information-and-advice': 'information_and_advice',
  signpost: 'signpost',
  'early-help': 'early_help',
  referral: 'referral',
  'strategy-discussion': 'strategy_discussion',
  transfer: 'transfer',
  'to-allocated-worker': 'passed_to_allocated_worker',
}

const DECISION_LABEL: Record<ContactDecision, string> = {
  no_further_action: 'No further action',
  information_and_advice: 'Information and advice',
  signpost: 'Signpost to universal services',
  early_help: 'Early help',
  referral: 'Referral to children’s social care',
  strategy_discussion: 'Strategy discussion (and referral)',
  transfer: 'Transfer to the child’s home authority',
  passed_to_allocated_worker: 'Passed to the allocated worker',
}

function levelFor(random: Random, decision: ContactDecision, rag: Rag): ThresholdLevel {
  switch (decision) {
    case 'no_further_action':
      return '1'
    case 'information_and_advice':
    case 'signpost':
      return random.chance(0.6) ? '1' : '2'
    case 'early_help':
      return random.chance(0.8) ? '2' : '3'
    case 'referral':
      return rag === 'red' && random.chance(0.5) ? '4' : '3'
    case 'strategy_discussion':
      return '4'
    default:
      return '3'
  }
}

const SOURCE_LABEL = new Map(SOURCE_CODES.map((s) => [s.code as string, s.label]))

class Batch {
  readonly persons: Row[] = []
  readonly addresses: Row[] = []
  readonly relationships: Row[] = []
  readonly contacts: Row[] = []
  readonly contactChildren: Row[] = []
  readonly agencyChecks: Row[] = []
  readonly referrals: Row[] = []
  readonly grants: Row[] = []
  readonly events: EventRow[] = []
  readonly children: ChildState[] = []
  adults = 0
  openContactChildren = 0
  reReferrals = 0
  openReferrals = 0

  constructor(
    readonly ids: Record<IdTable, IdRange>,
    readonly ctx: LoadContext,
  ) {}

  event(
    state: ChildState,
    subjectType: string,
    subjectId: string | number,
    type: string,
    atMs: number,
    summary: string,
    by: number | null,
    attributes: Record<string, unknown> = {},
  ): void {
    if (atMs > this.ctx.capMs) return
    this.events.push({
      id: this.ids.case_event.take(),
      childId: state.personId,
      subjectType,
      subjectId: String(subjectId),
      type,
      at: atMs,
      summary,
      by,
      attributes,
    })
  }
}

interface LoadContext {
  seed: string
  setup: Setup
  /** The last day of history (the day before `asOf`). */
  end: IsoDate
  asOfMs: number
  /** Nothing is dated after this (a minute before `asOf`). */
  capMs: number
  usedNhs: Set<string>
  openContacts: WeakSet<Contact>
}

function uniqueNhs(ctx: LoadContext, wanted: string | null): string | null {
  if (wanted === null) return null
  let n = Number(wanted.slice(3, 9))
  for (let tries = 0; tries < 2_000_000; tries++) {
    const nine = `999${String(n).padStart(6, '0')}`
    const check = nhsCheckDigit(nine)
    const full = check === null ? null : `${nine}${check}`
    if (full !== null && !ctx.usedNhs.has(full)) {
      ctx.usedNhs.add(full)
      return full
    }
    n = (n + 1) % 1_000_000
  }
  return null
}

function addFamily(
  batch: Batch,
  family: Family,
  familyKey: string,
  firstChildIndex: number,
  take: number,
): void {
  const { ctx } = batch
  const random = streamFor(ctx.seed, 'load', 'family', familyKey)
  const children = family.children.slice(0, take)
  const district = family.postcode.slice(0, family.postcode.indexOf(' '))
  const town = TOWNS[district] ?? 'Grays'
  const line1 = `${random.int(1, 180)} ${random.pick(STREETS)}`
  const dobs = children.map((c) => c.dateOfBirth).filter((d): d is IsoDate => d !== null)
  const oldest = dobs.length ? dobs.reduce((a, b) => (a < b ? a : b)) : addCalendarDays(ctx.end, -200)
  const movedIn = addCalendarDays(oldest, -random.int(0, 900))

  // The children.
  const states: ChildState[] = []
  children.forEach((child, i) => {
    const personId = batch.ids.person.take()
    const index = firstChildIndex + i
    const born = child.dateOfBirth
    const upn = child.upn === null ? null : makeUpn(LA_CODE, Number(child.upn.slice(8, 10)), index)
    batch.persons.push([
      personId,
      `${LA_CODE}C${String(index + 1).padStart(8, '0')}`,
      born === null ? 'unborn' : 'child',
      child.givenName,
      child.familyName,
      born,
      born === null ? child.expectedDateOfBirth : null,
      child.sex,
      child.ethnicity,
      child.disabilities,
      uniqueNhs(ctx, child.nhsNumber),
      upn,
      upn === null ? (born === null ? null : child.upnUnknown) : null,
      child.dateOfDeath,
    ])
    batch.addresses.push([
      personId,
      line1,
      town,
      family.postcode,
      born !== null && born > movedIn ? born : movedIn,
    ])
    const state: ChildState = { personId, child, segments: [] }
    states.push(state)
    batch.children.push(state)
  })

  // The adults and how everyone is related.
  const adultIds: { id: number; role: string }[] = []
  for (const adult of family.adults) {
    const id = batch.ids.person.take()
    batch.adults++
    batch.persons.push([
      id,
      null,
      'adult',
      adult.givenName,
      adult.familyName,
      adult.dateOfBirth,
      null,
      adult.sex,
      null,
      [],
      null,
      null,
      null,
      null,
    ])
    batch.addresses.push([id, line1, town, family.postcode, movedIn])
    adultIds.push({ id, role: adult.role })
  }
  const mother = adultIds.find((a) => a.role === 'mother')
  for (const a of adultIds) {
    if (a !== mother && mother !== undefined && (a.role === 'father' || a.role === 'step-parent'))
      batch.relationships.push([a.id, mother.id, 'partner', true, movedIn])
    for (const s of states) {
      const type =
        a.role === 'mother'
          ? 'mother'
          : a.role === 'father'
            ? 'father'
            : a.role === 'step-parent'
              ? 'step_parent'
              : 'grandparent'
      batch.relationships.push([a.id, s.personId, type, a.role !== 'grandparent', s.child.dateOfBirth])
    }
  }
  for (let i = 0; i < states.length; i++)
    for (let j = i + 1; j < states.length; j++)
      batch.relationships.push([
        (states[i] as ChildState).personId,
        (states[j] as ChildState).personId,
        'sibling',
        true,
        null,
      ])

  // Referrals first (contacts routed to an allocated worker need to know who held the case).
  const plans = planContacts(batch, states, familyKey)
  for (const state of states) addReferrals(batch, state, plans)
  writeContacts(batch, plans, familyKey)
  for (const state of states) {
    addCare(batch, state)
    addMissing(batch, state)
    writeGrants(batch, state)
  }
}

/** Each child's contacts, siblings' contacts on the same day made one contact about them all. */
function planContacts(batch: Batch, states: ChildState[], familyKey: string): ContactPlan[][] {
  const { ctx } = batch
  const groups = new Map<IsoDate, ContactPlan[][]>()
  for (const state of states) {
    const matched = referralsOfContacts(state.child)
    for (const contact of state.child.contacts) {
      const referral = matched.get(contact) ?? null
      const plan: ContactPlan = {
        contact,
        state,
        ccId: 0,
        open: ctx.openContacts.has(contact),
        receivedAt: 0,
        ratedAt: null,
        decidedAt: null,
        decision: null,
        level: null,
        rag: null,
        decider: 0,
        referral,
      }
      const sameDay = groups.get(contact.receivedOn) ?? []
      const group = sameDay.find((g) => !g.some((p) => p.state === state))
      if (group) group.push(plan)
      else sameDay.push([plan])
      groups.set(contact.receivedOn, sameDay)
    }
  }
  const result: ContactPlan[][] = []
  for (const [day, sameDay] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    sameDay.forEach((group, g) => {
      const random = streamFor(ctx.seed, 'load', 'contact', familyKey, day, g)
      const first = group[0] as ContactPlan
      const police = first.contact.source === '6'
      const outOfHours = weekend(day) || (police ? random.chance(0.4) : random.chance(0.05))
      const minute = outOfHours
        ? random.chance(0.5)
          ? random.int(0, 470)
          : random.int(1050, 1430)
        : random.int(500, 1020)
      const receivedAt = at(day, minute)
      const decider = random.pick(ctx.setup.mashWorkers)
      for (const plan of group) {
        plan.ccId = batch.ids.contact_child.take()
        plan.receivedAt = receivedAt
        plan.decider = decider
        const c = plan.contact
        const rag: Rag = c.rag
        const ratedAt = receivedAt + random.int(rag === 'red' ? 10 : 20, rag === 'red' ? 45 : 150) * MINUTE
        if (plan.open) {
          if (random.chance(0.6) && ratedAt <= ctx.capMs) {
            plan.ratedAt = ratedAt
            plan.rag = rag
            plan.level = REFERRAL_DECISIONS.has(c.decision)
              ? rag === 'red'
                ? '4'
                : '3'
              : random.chance(0.5)
                ? '2'
                : '1'
          }
          continue
        }
        let decision = DECISION_CODE[c.decision]
        if (REFERRAL_DECISIONS.has(c.decision) && plan.referral === null) decision = 'early_help'
        plan.decision = decision
        plan.rag = rag
        plan.ratedAt = ratedAt
        plan.level = levelFor(random, decision, rag)
        const sameDayDecision =
          c.decidedOn <= c.receivedOn
            ? Math.min(
                ratedAt + random.int(20, rag === 'red' ? 120 : 360) * MINUTE,
                Math.max(ratedAt + 5 * MINUTE, at(day, 1430)),
              )
            : Math.max(at(c.decidedOn, random.int(540, 1020)), ratedAt + 5 * MINUTE)
        plan.decidedAt = Math.min(sameDayDecision, ctx.capMs)
      }
      result.push(group)
    })
  }
  return result
}

/**
 * The referral each referring contact led to: the one made the day it was decided from the same
 * source, else the first unclaimed one made within ten days of it (some journeys date them apart).
 */
function referralsOfContacts(child: Child): Map<Contact, Referral> {
  const unclaimed = [...child.referrals]
  const out = new Map<Contact, Referral>()
  const referring = child.contacts.filter((c) => REFERRAL_DECISIONS.has(c.decision))
  for (const c of referring) {
    const i = unclaimed.findIndex((r) => r.referralDate === c.decidedOn && r.source === c.source)
    if (i >= 0) out.set(c, unclaimed.splice(i, 1)[0] as Referral)
  }
  for (const c of referring) {
    if (out.has(c)) continue
    const until = addCalendarDays(c.receivedOn, 10)
    const i = unclaimed.findIndex((r) => r.referralDate >= c.receivedOn && r.referralDate <= until)
    if (i >= 0) out.set(c, unclaimed.splice(i, 1)[0] as Referral)
  }
  return out
}

function ownerAt(state: ChildState, t: number): Segment | null {
  for (const s of state.segments) if (s.from <= t && t < s.to) return s
  return null
}

function addReferrals(batch: Batch, state: ChildState, plans: ContactPlan[][]): void {
  const { ctx } = batch
  const { child } = state
  const random = streamFor(ctx.seed, 'load', 'referrals', child.laChildId, child.familyId)
  const linked = new Map<Referral, ContactPlan>()
  for (const group of plans)
    for (const p of group) if (p.state === state && p.referral !== null && !p.open) linked.set(p.referral, p)
  const earlier: { id: number; referralDate: IsoDate }[] = []
  const sorted = [...child.referrals].sort((a, b) =>
    a.referralDate < b.referralDate ? -1 : a.referralDate > b.referralDate ? 1 : 0,
  )
  const spans: { referralId: number; from: number; to: number }[] = []
  for (const r of sorted) {
    const id = batch.ids.referral.take()
    const plan = linked.get(r) ?? null
    const onTheDay = at(r.referralDate, random.int(600, 900))
    const decidedAt = plan?.decidedAt ?? null
    const created =
      decidedAt !== null && londonDate(decidedAt) === r.referralDate
        ? decidedAt
        : Math.max(onTheDay, decidedAt ?? 0)
    const previous = previousReferralWithin12Months(r.referralDate, earlier)
    earlier.push({ id, referralDate: r.referralDate })
    if (previous !== null) batch.reReferrals++
    const team = ctx.setup.teams.get(r.teamId)
    const worker = ctx.setup.staff.get(r.workerId)
    if (team === undefined || worker === undefined)
      throw new Error(`Unknown team or worker on a referral: ${r.teamId}`)
    const source = plan?.contact.source ?? r.source
    const closedAt =
      r.closureDate === null ? null : Math.max(at(r.closureDate, random.int(900, 1020)), created + HOUR)
    const closed = closedAt !== null && closedAt <= ctx.capMs
    const strategy = r.section47s.length > 0 || plan?.decision === 'strategy_discussion'
    const awaiting =
      !closed && !r.nfa && r.referralDate >= addCalendarDays(ctx.end, -3) && random.chance(0.35)
    const allocatedAt =
      r.nfa || awaiting
        ? null
        : Math.min(created + random.int(1, 30) * HOUR, closedAt ?? ctx.capMs, ctx.capMs)
    if (allocatedAt !== null)
      state.segments.push({
        from: allocatedAt,
        to: closed ? (closedAt as number) : Infinity,
        userId: worker.userId,
        teamId: team.id,
        closedBy: 'closure',
      })
    if (awaiting)
      state.segments.push({ from: created, to: Infinity, userId: null, teamId: team.id, closedBy: 'closure' })
    spans.push({ referralId: id, from: created, to: closed ? (closedAt as number) : Infinity })
    if (!closed) batch.openReferrals++

    batch.referrals.push([
      id,
      state.personId,
      plan?.ccId ?? null,
      r.referralDate,
      source,
      previous !== null,
      previous?.id ?? null,
      r.nfa,
      strategy,
      closed ? 'closed' : awaiting ? 'awaiting_allocation' : 'allocated',
      team.id,
      allocatedAt === null ? null : worker.userId,
      allocatedAt === null ? null : team.managerUserId,
      allocatedAt === null ? null : new Date(allocatedAt),
      closed ? new Date(closedAt as number) : null,
      closed ? (CLOSURE_REASONS[r.closureReason ?? 'RC7'] ?? 'Case closed') : null,
      plan?.decider ?? null,
      new Date(created),
    ])

    const by = plan?.decider ?? null
    batch.event(
      state,
      'referral',
      id,
      'referral.created',
      created,
      previous
        ? 'Referral to children’s social care (a re-referral within 12 months)'
        : 'Referral to children’s social care',
      by,
      {
        source,
        reReferral: previous !== null,
      },
    )
    if (allocatedAt !== null)
      batch.event(
        state,
        'referral',
        id,
        'referral.allocated',
        allocatedAt,
        `Allocated to ${worker.name}, ${team.name}`,
        team.managerUserId,
        {
          workerId: worker.userId,
          teamId: team.id,
        },
      )
    if (strategy) {
      batch.event(
        state,
        'strategy_discussion',
        id,
        'strategy_discussion.requested',
        created,
        'Strategy discussion requested',
        by,
      )
      const s47 = r.section47s[0]
      const held = Math.max(
        created + random.int(2, 20) * HOUR,
        s47 ? at(s47.strategyDiscussion, random.int(600, 1000)) : 0,
      )
      batch.event(
        state,
        'strategy_discussion',
        id,
        'strategy_discussion.held',
        held,
        'Strategy discussion held with police and health',
        worker.userId,
      )
    }
    r.assessments.forEach((a, k) => {
      const subject = `${id}-${k + 1}`
      const started = Math.max(at(a.start, random.int(540, 960)), created)
      batch.event(
        state,
        'assessment',
        subject,
        'assessment.started',
        started,
        'Child and family assessment started',
        worker.userId,
      )
      if (a.authorised !== null)
        batch.event(
          state,
          'assessment',
          subject,
          'assessment.authorised',
          Math.max(at(a.authorised, random.int(600, 1020)), started + HOUR),
          'Assessment authorised by the team manager',
          team.managerUserId,
          { factors: a.factors },
        )
    })
    r.section47s.forEach((s, k) => {
      const subject = `${id}-${k + 1}`
      const started = Math.max(at(s.start, random.int(660, 1000)), created + HOUR)
      batch.event(state, 's47', subject, 's47.started', started, 'Section 47 enquiry started', worker.userId)
      if (s.icpc !== null)
        batch.event(
          state,
          's47',
          subject,
          'icpc.held',
          Math.max(at(s.icpc, random.int(570, 840)), started + HOUR),
          'Initial child protection conference held',
          team.managerUserId,
        )
      else if (s.icpcNotRequired && s.completed !== null)
        batch.event(
          state,
          's47',
          subject,
          's47.ended_no_conference',
          Math.max(at(s.completed, random.int(600, 1000)), started + HOUR),
          'Section 47 enquiry ended: no conference needed',
          team.managerUserId,
        )
    })
    r.cpPlans.forEach((p, k) => {
      const subject = `${id}-${k + 1}`
      const started = at(p.start, random.int(850, 900))
      batch.event(
        state,
        'cp_plan',
        subject,
        'cp_plan.started',
        started,
        `Child protection plan started (${p.initialCategory})`,
        team.managerUserId,
        { category: p.initialCategory },
      )
      for (const review of p.reviews)
        batch.event(
          state,
          'cp_plan',
          subject,
          'cp_review.held',
          at(review, random.int(570, 900)),
          'Child protection review conference held',
          team.managerUserId,
        )
      const endDay = p.end ?? ctx.end
      if (p.end === null) {
        // Visits and core groups of a plan still running, so its clocks show as they would.
        let visit = addWorkingDays(p.start, random.int(3, 10))
        while (visit <= endDay) {
          batch.event(
            state,
            'cp_plan',
            subject,
            'cp_visit.held',
            at(visit, random.int(540, 1020)),
            'Child protection visit: child seen alone',
            worker.userId,
          )
          visit = addWorkingDays(visit, random.chance(0.9) ? random.int(6, 10) : random.int(11, 14))
        }
        let group = addWorkingDays(p.start, random.int(5, 10))
        while (group <= endDay) {
          batch.event(
            state,
            'cp_plan',
            subject,
            'core_group.held',
            at(group, random.int(570, 900)),
            'Core group meeting held',
            worker.userId,
          )
          group = addCalendarDays(group, random.chance(0.9) ? random.int(21, 28) : random.int(29, 40))
        }
      } else
        batch.event(
          state,
          'cp_plan',
          subject,
          'cp_plan.ended',
          at(p.end, random.int(900, 1000)),
          'Child protection plan ended',
          team.managerUserId,
        )
    })
    r.cinPlans.forEach((p, k) => {
      const subject = `${id}-${k + 1}`
      batch.event(
        state,
        'cin_plan',
        subject,
        'cin_plan.started',
        at(p.start, random.int(600, 960)),
        'Child in need plan started',
        worker.userId,
      )
      if (p.end !== null)
        batch.event(
          state,
          'cin_plan',
          subject,
          'cin_plan.ended',
          at(p.end, random.int(600, 960)),
          'Child in need plan ended',
          worker.userId,
        )
    })
    if (closed)
      batch.event(
        state,
        'referral',
        id,
        'referral.closed',
        closedAt as number,
        `Case closed: ${CLOSURE_REASONS[r.closureReason ?? 'RC7'] ?? 'closed'}`,
        team.managerUserId,
        { reason: r.closureReason, nfa: r.nfa },
      )
  }

  // Children in care change social worker now and then: the case moves with them.
  for (const spell of child.socialWorkers) {
    const worker = ctx.setup.staff.get(spell.workerId)
    if (worker === undefined) continue
    const from = at(spell.start, random.int(600, 900))
    const to = spell.end === null ? Infinity : at(spell.end, random.int(600, 900))
    if (from > ctx.capMs) continue
    state.segments.push({
      from,
      to: to > ctx.capMs ? Infinity : to,
      userId: worker.userId,
      teamId: worker.teamId,
      closedBy: 'transfer',
    })
    const span = spans.find((s) => s.from <= from && from < s.to)
    if (span) {
      const team = ctx.setup.teamsById.get(worker.teamId)
      batch.event(
        state,
        'referral',
        span.referralId,
        'referral.allocated',
        from,
        `Allocated to ${worker.name}${team ? `, ${team.name}` : ''}`,
        team?.managerUserId ?? null,
        {
          workerId: worker.userId,
          teamId: worker.teamId,
        },
      )
    }
  }
  // One holder at a time: each allocation ends when the next begins.
  state.segments.sort((a, b) => a.from - b.from)
  const merged: Segment[] = []
  for (const s of state.segments) {
    const last = merged.at(-1)
    if (last !== undefined && last.to > s.from) {
      if (last.userId === s.userId && last.teamId === s.teamId) {
        last.to = Math.max(last.to, s.to)
        continue
      }
      last.to = s.from
      last.closedBy = 'transfer'
    }
    if (s.to > s.from) merged.push({ ...s })
  }
  state.segments = merged.filter((s) => s.to > s.from)
  // An open referral's worker is whoever holds the case now.
  const now = ownerAt(state, ctx.capMs)
  if (now !== null && now.userId !== null) {
    for (const row of batch.referrals) {
      if (row[1] === state.personId && row[9] === 'allocated') {
        row[10] = now.teamId
        row[11] = now.userId
      }
    }
  }
}

function writeContacts(batch: Batch, plans: ContactPlan[][], familyKey: string): void {
  const { ctx } = batch
  for (const group of plans) {
    const first = group[0] as ContactPlan
    const contactId = batch.ids.contact.take()
    const random = streamFor(
      ctx.seed,
      'load',
      'contact-words',
      familyKey,
      first.contact.receivedOn,
      contactId % 7,
    )
    const source = first.contact.source
    const agencies = ctx.setup.agenciesBySource.get(source) ?? []
    const agencyId = agencies.length ? random.pick(agencies) : null
    const role = random.pick(REFERRER_ROLES[source] ?? ['Caller'])
    const anonymous = source === '9'
    const channel =
      source === '6'
        ? 'police_notification'
        : source.startsWith('1') || anonymous || source === '10'
          ? random.chance(0.85)
            ? 'phone'
            : random.pick(['in_person', 'letter', 'email'])
          : random.chance(0.5)
            ? 'partner_form'
            : random.chance(0.6)
              ? 'email'
              : 'phone'
    const needs = presentingNeeds(random, source)
    const red = group.some((p) => p.contact.rag === 'red')
    const consentRoll = random.next()
    const consent =
      consentRoll < 0.72
        ? 'given'
        : consentRoll < 0.8
          ? 'refused'
          : red || consentRoll < 0.9
            ? 'not_sought_risk'
            : 'overridden'
    const outOfHours =
      weekend(first.contact.receivedOn) ||
      minuteOfDay(first.receivedAt, first.contact.receivedOn) < 480 ||
      minuteOfDay(first.receivedAt, first.contact.receivedOn) >= 1050
    const recorder = first.decider
    batch.contacts.push([
      contactId,
      new Date(first.receivedAt),
      channel,
      outOfHours,
      outOfHours && random.chance(0.5) ? random.pick(OUT_OF_HOURS_ACTIONS) : null,
      source,
      anonymous
        ? null
        : `${random.pick(random.chance(0.7) ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`,
      anonymous ? null : role,
      agencyId,
      contactReason(
        needs,
        group.map((p) => p.state.child.givenName),
        anonymous ? 'An anonymous caller' : role,
      ),
      needs,
      consent,
      consent === 'not_sought_risk' || consent === 'overridden'
        ? random.pick(CONSENT_REASONS[consent])
        : null,
      needs.includes('3A') || needs.includes('3B'),
      recorder,
      new Date(Math.min(first.receivedAt + random.int(3, 40) * MINUTE, ctx.capMs)),
      new Date(first.receivedAt),
    ])
    for (const p of group) {
      const state = p.state
      let status: string
      let decision = p.decision
      let decider: number | null = p.decider
      let routedUser: number | null = null
      let routedTeam: number | null = null
      let route: 'mash' | 'allocated_worker' = 'mash'
      if (p.open) status = 'in_triage'
      else if (decision === 'passed_to_allocated_worker') {
        const owner = ownerAt(state, p.receivedAt)
        if (owner === null) {
          decision = 'information_and_advice'
          status = 'decided'
        } else {
          // Straight to the worker who holds the case, who takes it into the open case.
          route = 'allocated_worker'
          status = 'routed_to_allocated_worker'
          routedUser = owner.userId
          routedTeam = owner.teamId
          p.ratedAt = null
          p.rag = null
          p.level = null
          decider = owner.userId ?? ctx.setup.teamManagers.get(owner.teamId) ?? null
          const taken = p.receivedAt + random.int(2, 48) * HOUR
          if (decider === null || taken > ctx.capMs) {
            decision = null
            p.decidedAt = null
          } else p.decidedAt = taken
        }
      } else status = 'decided'
      if (p.open) batch.openContactChildren++
      const decided = decision !== null && p.decidedAt !== null
      const routed = decision === 'passed_to_allocated_worker'
      const feedbackAt =
        decided && !anonymous && source !== '10' && !routed
          ? (p.decidedAt as number) + random.int(1, 30) * HOUR
          : null
      const feedback = feedbackAt !== null && feedbackAt <= ctx.capMs && random.chance(0.9)
      const feedbackMethod =
        channel === 'partner_form' ? 'partner_portal' : channel === 'email' ? 'email' : 'phone'
      batch.contactChildren.push([
        p.ccId,
        contactId,
        state.personId,
        status,
        p.level,
        p.rag,
        p.ratedAt === null ? null : recorder,
        p.ratedAt === null ? null : new Date(p.ratedAt),
        decided && !routed ? decision : null,
        decided ? decision : null,
        decided && decision === 'no_further_action'
          ? random.pick(NFA_REASONS)
          : decided && routed
            ? 'Read and added to the child’s plan; discussed with the family at the next visit.'
            : null,
        decided && decision === 'transfer' ? random.pick(TRANSFER_AUTHORITIES) : null,
        decided ? decider : null,
        decided ? new Date(p.decidedAt as number) : null,
        decided && !routed ? random.pick(OVERSIGHT_NOTES) : null,
        routedUser,
        routedTeam,
        feedback ? new Date(feedbackAt as number) : null,
        feedback ? decider : null,
        feedback ? feedbackMethod : null,
        new Date(p.receivedAt),
      ])
      const sourceLabel = (SOURCE_LABEL.get(source) ?? source).toLowerCase()
      batch.event(
        state,
        'contact',
        p.ccId,
        'contact.received',
        p.receivedAt,
        routed || status === 'routed_to_allocated_worker'
          ? `Contact received from ${sourceLabel}: passed to the allocated worker`
          : `Contact received from ${sourceLabel}`,
        recorder,
        { source, route },
      )
      // What partner agencies said at triage, for the contacts that needed checks.
      if ((p.level === '3' || p.level === '4') && p.ratedAt !== null) {
        const kinds = (['police', 'health', 'education'] as const).filter(
          (_, i) => i === 0 || random.chance(0.7),
        )
        kinds.forEach((kind, i) => {
          const responded = (p.ratedAt as number) + (i + 1) * random.int(10, 60) * MINUTE
          if (responded > ctx.capMs || (p.decidedAt !== null && responded > p.decidedAt)) return
          const list = ctx.setup.agenciesByKind.get(kind) ?? []
          const informant = `${random.pick(GIVEN_NAMES_F)} ${random.pick(FAMILY_NAMES)}`
          batch.agencyChecks.push([
            p.ccId,
            kind,
            list.length ? random.pick(list) : null,
            informant,
            new Date(responded),
            random.pick(AGENCY_CHECK_INFORMATION[kind]),
            recorder,
            new Date(responded),
          ])
          batch.event(
            state,
            'contact',
            p.ccId,
            'contact.agency_check',
            responded,
            agencyCheckSummary(kind, informant),
            recorder,
          )
        })
      }
      if (p.ratedAt !== null && p.rag !== null)
        batch.event(
          state,
          'contact',
          p.ccId,
          'contact.rated',
          p.ratedAt,
          `Screened: level ${p.level ?? '?'} need, ${p.rag} urgency`,
          recorder,
          { urgency: p.rag, thresholdLevel: p.level, recommendation: decided && !routed ? decision : null },
        )
      if (decided)
        batch.event(
          state,
          'contact',
          p.ccId,
          'contact.decided',
          p.decidedAt as number,
          routed
            ? 'Contact taken into the open case by the allocated worker'
            : `Decision: ${DECISION_LABEL[decision as ContactDecision].toLowerCase()}`,
          decider,
          { decision },
        )
      if (feedback)
        batch.event(
          state,
          'contact',
          p.ccId,
          'contact.feedback',
          feedbackAt as number,
          `Referrer told the outcome (${feedbackMethod.replace('_', ' ')})`,
          decider,
        )
    }
  }
}

function minuteOfDay(ms: number, day: IsoDate): number {
  return Math.round((ms - londonStart(day)) / MINUTE)
}

function addCare(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const { child } = state
  if (child.care.length === 0) return
  const random = streamFor(ctx.seed, 'load', 'care', child.laChildId, child.familyId)
  const periods: (typeof child.care)[] = []
  for (const e of child.care) {
    const last = periods.at(-1)
    if (last === undefined || e.reasonNew === 'S') periods.push([e])
    else last.push(e)
  }
  periods.forEach((episodes, k) => {
    const subject = `${state.personId}-${k + 1}`
    const first = episodes[0] as (typeof episodes)[number]
    const last = episodes.at(-1) as (typeof episodes)[number]
    const start = first.start
    const end = last.end
    const who = ownerAt(state, at(start, 720))?.userId ?? null
    batch.event(
      state,
      'period_of_care',
      subject,
      'care.started',
      at(start, random.int(600, 960)),
      `Became looked after (${first.legalStatus})`,
      who,
      {
        legalStatus: first.legalStatus,
        placement: first.placement,
      },
    )
    let previousPlacement: string | null = null
    const placementStarts: IsoDate[] = []
    for (const e of episodes) {
      if (e.placement !== previousPlacement || e.reasonNew === 'P' || e.reasonNew === 'B') {
        batch.event(
          state,
          'period_of_care',
          subject,
          'placement.started',
          at(e.start, random.int(970, 1080)),
          `Placement started (${e.placement})`,
          who,
          { placement: e.placement },
        )
        placementStarts.push(e.start)
      }
      previousPlacement = e.placement
    }
    const until = end ?? ctx.end
    for (const review of child.lacReviews)
      if (review.date >= start && review.date <= until)
        batch.event(
          state,
          'period_of_care',
          subject,
          'lac_review.held',
          at(review.date, random.int(570, 900)),
          'Looked-after child review held',
          who,
        )
    const iha = addWorkingDays(start, random.chance(0.85) ? random.int(8, 19) : random.int(21, 35))
    if (iha <= until)
      batch.event(
        state,
        'period_of_care',
        subject,
        'iha.completed',
        at(iha, random.int(570, 960)),
        'Initial health assessment completed',
        who,
      )
    const pep = addWorkingDays(start, random.int(8, 25))
    if (pep <= until && child.dateOfBirth !== null && ageOn(child.dateOfBirth, start) >= 3)
      batch.event(
        state,
        'period_of_care',
        subject,
        'pep.completed',
        at(pep, random.int(570, 960)),
        'Personal education plan completed',
        who,
      )
    if (end === null) {
      // Visits and health reviews of a child still looked after.
      placementStarts.forEach((p, i) => {
        const next = placementStarts[i + 1] ?? addCalendarDays(until, 1)
        let visit = addCalendarDays(p, random.chance(0.9) ? random.int(2, 6) : random.int(8, 12))
        while (visit < next && visit <= until) {
          batch.event(
            state,
            'period_of_care',
            subject,
            'lac_visit.held',
            at(visit, random.int(540, 1080)),
            'Statutory visit: child seen',
            ownerAt(state, at(visit, 720))?.userId ?? who,
          )
          visit = addCalendarDays(visit, random.chance(0.9) ? random.int(25, 41) : random.int(43, 55))
        }
      })
      let rha = addCalendarDays(iha, random.int(150, 182))
      while (rha <= until) {
        batch.event(
          state,
          'period_of_care',
          subject,
          'rha.completed',
          at(rha, random.int(570, 960)),
          'Review health assessment completed',
          who,
        )
        rha = addCalendarDays(rha, random.int(150, 182))
      }
    } else
      batch.event(
        state,
        'period_of_care',
        subject,
        'care.ended',
        at(end, random.int(900, 1020)),
        `Ceased to be looked after (${last.reasonCeased ?? 'ended'})`,
        who,
        {
          reason: last.reasonCeased,
        },
      )
  })
}

function addMissing(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const from = addCalendarDays(ctx.end, -365)
  const random = streamFor(ctx.seed, 'load', 'missing', state.child.laChildId, state.child.familyId)
  state.child.missing.forEach((m, k) => {
    if (m.start < from) return
    const subject = `${state.personId}-${k + 1}`
    const went = at(m.start, random.int(900, 1380))
    const who = ownerAt(state, went)?.userId ?? null
    batch.event(
      state,
      'missing_episode',
      subject,
      'missing.started',
      went,
      m.kind === 'M' ? 'Reported missing' : 'Away from placement without authorisation',
      who,
    )
    if (m.end === null) return
    const back = Math.max(at(m.end, random.int(300, 1380)), went + HOUR)
    batch.event(state, 'missing_episode', subject, 'missing.returned', back, 'Returned', who)
    if (random.chance(0.85))
      batch.event(
        state,
        'missing_episode',
        subject,
        'rhi.offered',
        back + random.int(4, 90) * HOUR,
        'Return home interview offered',
        who,
      )
  })
}

function writeGrants(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  for (const s of state.segments) {
    if (s.from > ctx.capMs) continue
    const grantedBy = ctx.setup.teamManagers.get(s.teamId) ?? null
    const revoked = s.to <= ctx.capMs ? new Date(s.to) : null
    const reason =
      revoked === null
        ? null
        : s.closedBy === 'closure'
          ? 'Case closed'
          : 'Case transferred to another worker'
    if (s.userId !== null)
      batch.grants.push([
        state.personId,
        s.userId,
        null,
        'allocated_worker',
        grantedBy,
        new Date(s.from),
        revoked,
        reason,
      ])
    batch.grants.push([
      state.personId,
      null,
      s.teamId,
      'allocated_team',
      grantedBy,
      new Date(s.from),
      revoked,
      reason,
    ])
  }
}

// ---------------------------------------------------------------------------------------------
// Writing a batch

const PERSON_COLUMNS = [
  'id',
  'la_child_id',
  'kind',
  'given_name',
  'family_name',
  'date_of_birth',
  'expected_birth_date',
  'sex',
  'ethnicity',
  'disabilities',
  'nhs_number',
  'upn',
  'upn_unknown_reason',
  'date_of_death',
] as const

const CONTACT_COLUMNS = [
  'id',
  'received_at',
  'channel',
  'out_of_hours',
  'out_of_hours_action',
  'referral_source',
  'referrer_name',
  'referrer_role',
  'referrer_agency_id',
  'reason',
  'presenting_needs',
  'consent',
  'consent_reason',
  'domestic_abuse',
  'recorded_by',
  'recorded_at',
  'created_at',
] as const

const CONTACT_CHILD_COLUMNS = [
  'id',
  'contact_id',
  'child_id',
  'status',
  'threshold_level',
  'rag',
  'rated_by',
  'rated_at',
  'recommendation',
  'decision',
  'decision_reason',
  'transfer_authority',
  'decided_by',
  'decided_at',
  'oversight_note',
  'routed_user_id',
  'routed_team_id',
  'feedback_at',
  'feedback_by',
  'feedback_method',
  'created_at',
] as const

const REFERRAL_COLUMNS = [
  'id',
  'child_id',
  'contact_child_id',
  'referral_date',
  'referral_source',
  're_referral',
  'previous_referral_id',
  'nfa',
  'strategy_discussion',
  'status',
  'team_id',
  'worker_id',
  'allocated_by',
  'allocated_at',
  'closed_at',
  'closure_reason',
  'created_by',
  'created_at',
] as const

interface Written {
  caseEvents: number
  tasks: number
  openTasks: number
}

async function writeBatch(trx: Db, batch: Batch, clocks: ClockSettings): Promise<Written> {
  const { ctx } = batch
  await insertRows(trx, { table: 'person', columns: PERSON_COLUMNS, withIds: true, rows: batch.persons })
  await insertRows(trx, {
    table: 'person_address',
    columns: ['person_id', 'line_1', 'town', 'postcode', 'from_date'],
    withIds: false,
    rows: batch.addresses,
  })
  await insertRows(trx, {
    table: 'person_relationship',
    columns: ['person_id', 'related_person_id', 'relationship_type', 'household_member', 'from_date'],
    withIds: false,
    rows: batch.relationships,
  })
  await insertRows(trx, { table: 'contact', columns: CONTACT_COLUMNS, withIds: true, rows: batch.contacts })
  await insertRows(trx, {
    table: 'contact_child',
    columns: CONTACT_CHILD_COLUMNS,
    withIds: true,
    rows: batch.contactChildren,
  })
  await insertRows(trx, {
    table: 'contact_agency_check',
    columns: [
      'contact_child_id',
      'agency_kind',
      'agency_id',
      'informant',
      'responded_at',
      'information',
      'recorded_by',
      'recorded_at',
    ],
    withIds: false,
    rows: batch.agencyChecks,
  })
  // A referral may name an earlier one of the same batch: write them in id order.
  batch.referrals.sort((a, b) => (a[0] as number) - (b[0] as number))
  await insertRows(trx, {
    table: 'referral',
    columns: REFERRAL_COLUMNS,
    withIds: true,
    rows: batch.referrals,
  })
  await insertRows(trx, {
    table: 'child_access',
    columns: [
      'child_id',
      'user_id',
      'team_id',
      'basis',
      'granted_by',
      'granted_at',
      'revoked_at',
      'revoked_reason',
    ],
    withIds: false,
    rows: batch.grants,
  })
  await insertRows(trx, {
    table: 'case_event',
    columns: [
      'id',
      'child_id',
      'subject_type',
      'subject_id',
      'type',
      'occurred_at',
      'recorded_at',
      'recorded_by',
      'summary',
      'attributes',
    ],
    withIds: true,
    rows: batch.events.map((e) => [
      e.id,
      e.childId,
      e.subjectType,
      e.subjectId,
      e.type,
      new Date(e.at),
      new Date(e.at),
      e.by,
      e.summary,
      JSON.stringify(e.attributes),
    ]),
  })

  // The clocks' tasks, as refreshTasks would leave them, each with whoever held the case when
  // it was last touched (an open task with whoever holds it now).
  const states = new Map(batch.children.map((s) => [s.personId, s]))
  const events: CaseEvent[] = batch.events.map((e) => ({
    id: e.id,
    childId: e.childId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    type: e.type,
    occurredAt: new Date(e.at).toISOString(),
    attributes: e.attributes,
  }))
  const { instances } = evaluateClocks(clocks.definitions, events, new Date(ctx.asOfMs), clocks.calendar)
  let openTasks = 0
  const tasks: Row[] = instances.map((i) => {
    const childId = Number(i.childId)
    const state = states.get(childId)
    const stopped = i.stoppedAt === undefined ? null : Date.parse(i.stoppedAt)
    const owner = state === undefined ? null : ownerAt(state, stopped ?? ctx.capMs)
    if (stopped === null) openTasks++
    return [
      i.key,
      i.code,
      childId,
      i.subjectType,
      i.subjectId,
      i.title,
      new Date(i.startedAt),
      new Date(i.dueAt),
      new Date(i.dueSoonAt),
      stopped === null ? null : new Date(stopped),
      i.closedBy ?? null,
      owner?.userId ?? null,
      owner?.teamId ?? null,
    ]
  })
  await insertRows(trx, {
    table: 'task',
    columns: [
      'instance_key',
      'clock_code',
      'child_id',
      'subject_type',
      'subject_id',
      'title',
      'started_at',
      'due_at',
      'due_soon_at',
      'stopped_at',
      'closed_by',
      'assigned_user_id',
      'assigned_team_id',
    ],
    withIds: false,
    rows: tasks,
  })
  return { caseEvents: batch.events.length, tasks: tasks.length, openTasks }
}

// ---------------------------------------------------------------------------------------------
// The families, and which contacts are still open

interface Source {
  family: Family
  key: string
  historic: boolean
}

/**
 * This year's families (children in need, children whose contacts went no further, care
 * leavers), then families known from contacts in the three years before, until `children` child
 * records. Earlier families are those whose children only ever had contacts and are under 18 now.
 */
function* families(seed: string, end: IsoDate, workforce: Workforce, current: Family[]): Generator<Source> {
  for (const family of current) yield { family, key: `y0-${family.index}`, historic: false }
  const earlier = [1, 2, 3].map((g) => ({
    g,
    it: generateFamilies(
      {
        seed: `${seed}/earlier-${g}`,
        children: Number.MAX_SAFE_INTEGER,
        year: yearEnding(addCalendarDays(end, -365 * g)),
        careLeavers: false,
      },
      workforce,
    ),
  }))
  for (let i = 0; ; i++) {
    const { g, it } = earlier[i % 3] as (typeof earlier)[number]
    const next = it.next()
    if (next.done) return
    const family = next.value
    const fits = family.children.every(
      (c) => c.cohort === 'contact-only' && c.dateOfBirth !== null && ageOn(c.dateOfBirth, end) < 18,
    )
    if (!fits) continue
    contactTogether(seed, family, `y${g}`)
    yield { family, key: `y${g}-${family.index}`, historic: true }
  }
}

/**
 * A school or the police worried about one child of a household usually names them all: most
 * brothers and sisters whose contacts went no further share their eldest sibling's first contact.
 */
function contactTogether(seed: string, family: Family, key: string): void {
  const eldest = family.children[0]
  const first = eldest?.contacts[0]
  if (eldest === undefined || first === undefined || eldest.cohort !== 'contact-only') return
  const random = streamFor(seed, 'load', 'together', key, family.index)
  for (const child of family.children.slice(1)) {
    const own = child.contacts[0]
    if (child.cohort !== 'contact-only' || own === undefined || !random.chance(0.65)) continue
    own.receivedOn = first.receivedOn
    own.decidedOn = first.decidedOn
    own.source = first.source
    own.rag = first.rag
  }
}

/** Contacts not yet decided at `asOf`: most of the last two days', and any whose decision fell after it. */
function openContacts(seed: string, current: Family[], end: IsoDate): WeakSet<Contact> {
  const open = new WeakSet<Contact>()
  const recent: Contact[] = []
  let count = 0
  const from = addCalendarDays(end, -1)
  for (const family of current) {
    const random = streamFor(seed, 'load', 'open', family.index)
    for (const child of family.children) {
      const matched = referralsOfContacts(child)
      for (const c of child.contacts) {
        if (REFERRAL_DECISIONS.has(c.decision)) {
          // A referral contact whose referral came after `asOf` is still being decided.
          if (!matched.has(c) && c.receivedOn >= addCalendarDays(end, -10)) {
            open.add(c)
            count++
          }
        } else if (c.decision !== 'to-allocated-worker') {
          if (c.receivedOn >= from && random.chance(0.75)) {
            open.add(c)
            count++
          } else if (c.receivedOn >= addCalendarDays(end, -60)) recent.push(c)
        }
      }
    }
  }
  // A small authority still has a few contacts waiting in the MASH queue.
  recent.sort((a, b) => (a.receivedOn > b.receivedOn ? -1 : a.receivedOn < b.receivedOn ? 1 : 0))
  for (const c of recent) {
    if (count >= 3) break
    open.add(c)
    count++
  }
  return open
}

// ---------------------------------------------------------------------------------------------
// The load

export async function loadAuthority(db: Db, options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now()
  const { seed } = options
  const wanted = options.children
  if (!Number.isInteger(wanted) || wanted < 0) throw new RangeError('children must be a whole number')
  const asOf = options.asOf ?? new Date()
  const progress = options.onProgress ?? (() => {})
  if (await syntheticAuthorityPresent(db)) throw new SyntheticAuthorityExistsError()

  const asOfMs = asOf.getTime()
  const end = addCalendarDays(londonDate(asOfMs), -1)
  const inNeed = Math.max(1, Math.round(wanted * IN_NEED_SHARE))
  const year = yearEnding(end)
  const workforce = buildWorkforce({ seed, children: inNeed })
  const clocks = await loadClockSettings(db)
  const existing = await db
    .selectFrom('person')
    .select('nhs_number')
    .where('nhs_number', 'is not', null)
    .execute()

  const current: Family[] = []
  let currentChildren = 0
  for (const family of generateFamilies({ seed, children: inNeed, year }, workforce)) {
    if (currentChildren >= wanted) break
    contactTogether(seed, family, 'y0')
    current.push(family)
    currentChildren += family.children.length
  }
  const ctx: LoadContext = {
    seed,
    setup: undefined as unknown as Setup,
    end,
    asOfMs,
    capMs: asOfMs - MINUTE,
    usedNhs: new Set(existing.map((e) => e.nhs_number as string)),
    openContacts: openContacts(seed, current, end),
  }
  ctx.setup = await db.transaction().execute((trx) => writeSetup(trx, seed, workforce))

  const counts: LoadCounts = {
    ...ctx.setup.counts,
    children: 0,
    adults: 0,
    addresses: 0,
    relationships: 0,
    contacts: 0,
    contactChildren: 0,
    openContactChildren: 0,
    agencyChecks: 0,
    referrals: 0,
    reReferrals: 0,
    openReferrals: 0,
    grants: 0,
    caseEvents: 0,
    tasks: 0,
    openTasks: 0,
  }
  const source = families(seed, end, workforce, current)
  let done = false
  while (!done && counts.children < wanted) {
    await db.transaction().execute(async (trx) => {
      const ids = await takeIdRanges(trx)
      const batch = new Batch(ids, ctx)
      let inBatch = 0
      while (inBatch < BATCH_CHILDREN && counts.children + inBatch < wanted) {
        const next = source.next()
        if (next.done) {
          done = true
          break
        }
        const { family, key } = next.value
        const take = Math.min(family.children.length, wanted - counts.children - inBatch)
        addFamily(batch, family, key, counts.children + inBatch, take)
        inBatch += take
      }
      const written = await writeBatch(trx, batch, clocks)
      await settleIdRanges(trx, ids)
      counts.children += inBatch
      counts.adults += batch.adults
      counts.addresses += batch.addresses.length
      counts.relationships += batch.relationships.length
      counts.contacts += batch.contacts.length
      counts.contactChildren += batch.contactChildren.length
      counts.openContactChildren += batch.openContactChildren
      counts.agencyChecks += batch.agencyChecks.length
      counts.referrals += batch.referrals.length
      counts.reReferrals += batch.reReferrals
      counts.openReferrals += batch.openReferrals
      counts.grants += batch.grants.length
      counts.caseEvents += written.caseEvents
      counts.tasks += written.tasks
      counts.openTasks += written.openTasks
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    progress(
      `${counts.children.toLocaleString('en-GB')} of ${wanted.toLocaleString('en-GB')} children loaded (${seconds} s)`,
    )
  }

  const milliseconds = Math.round(performance.now() - started)
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      { userId: null, username: 'synth-load', requestId: null },
      {
        action: 'synth.load',
        outcome: 'allowed',
        detail: { seed, children: wanted, asOf: asOf.toISOString(), counts, milliseconds },
      },
    ),
  )
  return { seed, children: wanted, asOf: asOf.toISOString(), counts, milliseconds }
}

/**
 * Case notes and management oversight for a batch's children, as the casenotes module records
 * them (`writeNote`, `writeOversight`), drawn from what the batch already holds: the first home
 * visit of each assessment on the day it records the child seen (brothers and sisters assessed
 * together on one note), phone calls and meetings while it runs, one note for each statutory
 * visit of a CP plan (`cp_visit`, same time, seen alone as recorded) and of a child in care
 * (`lac_visit.held`), and visits to children on CIN plans every four to six weeks (one note on
 * every child of the household on the plan). Each open allocated case has its team manager's
 * oversight from allocation to `asOf` at the intervals reference/casenotes/oversight.json offers,
 * sometimes as case supervision, its `oversight.recorded` events driving the oversight clock.
 *
 * Drawn from streams of their own (`case-notes`, `oversight`), after every family of the batch
 * is built, so the batch's other rows are as they were; nothing dated after `asOf`.
 */
import type { ClockDefinition } from '../../platform/calendar/clocks.js'
import { type IsoDate, addCalendarDays, londonDate } from '../../platform/calendar/dates.js'
import type { ClockSettings } from '../../platform/calendar/store.js'
import type { ChildSeen, OversightKind } from '../../platform/db/schema.js'
import {
  labelOf,
  nextOversightDue,
  OVERSIGHT_CLOCK,
  OVERSIGHT_KINDS,
  OVERSIGHT_SUBJECT,
} from '../casenotes/model.js'
import { noteSummary } from '../casenotes/service.js'
import { CIN_PLAN_SUBJECT } from '../protection/cin-plan-model.js'
import { addWorkingDays } from './dates.js'
import { type Batch, type ChildState, type CinPlanRecord, HOUR, MINUTE, at, ownerAt } from './load-batch.js'
import { visitEveryDays } from './load-cin.js'
import { days as plusDays, workingDayOnOrAfter, workingDayOnOrBefore } from './population-dates.js'
import { type Random, streamFor, weighted } from './random.js'
import { ASSESSMENT_COLUMNS, CIN_PLAN_COLUMNS, REFERRAL_COLUMNS } from './store.js'

/** One case note as drawn: its kind, when the contact was, who wrote it, and how each child was seen. */
export interface NoteDraft {
  noteType: string
  at: number
  by: number
  whoSeen: string | null
  body: string
  /** Each child on the note, how they were seen, and the CIN plan the visit is on, if one is. */
  seen: { state: ChildState; seen: ChildSeen; cinPlan?: CinPlanRecord }[]
}

const BODIES: Record<string, readonly string[]> = {
  home_visit: [
    'Visited the family home. The house was warm and tidy; the child showed me their bedroom and toys.',
    'Home visit. Talked with the child about school and friends; they said things at home are calmer.',
    'Visited as arranged. Mother was open about the worries in the referral and agreed to the next steps.',
    'Visited the home. Food in the cupboards, the child clean and appropriately dressed for the weather.',
  ],
  statutory_visit: [
    'Statutory visit. Saw the child on their own in their room; they talked about school and their plan.',
    'Statutory visit. The child was settled and chatty; went through the actions of the plan with the carer.',
    'Statutory visit. The child said they feel safe; checked sleeping arrangements and the child’s health.',
    'Statutory visit. The child was quieter than usual; agreed to follow this up with school this week.',
  ],
  school_visit: [
    'Saw the child at school with the designated safeguarding lead; attendance has improved this term.',
    'Visited the child at nursery. Staff report the child arrives on time and is making friends.',
  ],
  direct_work: [
    'Direct work: three houses exercise with the child about what is going well and what worries them.',
    'Direct work with the child using the wishes and feelings workbook; the child drew their family.',
  ],
  phone_call: [
    'Phone call with mother to arrange the next visit and check on the child’s appointments.',
    'Phone call with the school: attendance and presentation discussed, no new concerns.',
    'Phone call with the health visitor, who saw the child last week and reports steady progress.',
  ],
  professional_discussion: [
    'Discussion with the GP about the child’s missed appointments; the practice will send reminders.',
    'Discussion with the police about the call-out in the referral; no further incidents recorded.',
  ],
  multi_agency_meeting: [
    'Multi-agency meeting with school and health to share the assessment so far and agree who does what.',
    'Team around the family meeting; the family agreed to a parenting course and a school nurse review.',
  ],
}

const WHO_SEEN: readonly string[] = [
  'The child and mother',
  'The child, mother and her partner',
  'The child and both parents',
  'The child and grandmother',
]

const OVERSIGHT_SUMMARIES: Record<OversightKind, readonly string[]> = {
  management_oversight: [
    'Case reviewed with the allocated worker. The plan is progressing; visits are up to date and the child’s voice is recorded.',
    'Reviewed the chronology and recent visits. The risks are understood; the plan should stay as it is for now.',
    'File read. Recording is up to date; the next review should consider whether the case can step down.',
    'Reviewed the case after recent concerns from school. The worker should update the assessment of risk.',
  ],
  supervision: [
    'Case discussed in supervision: progress against the plan, the worker’s analysis and the next steps agreed.',
    'Supervision: reflected on the family’s engagement and how to keep the child’s experience at the centre.',
  ],
}

const OVERSIGHT_ACTIONS: readonly string[] = [
  'Visit the child and see them alone.',
  'Update the chronology.',
  'Speak to the school about attendance.',
  'Update the assessment with the recent police information.',
  'Arrange the next core group or network meeting.',
]

/** When the next oversight is due: the manager's choice, the authority's default most often. */
const INTERVALS = weighted([
  ['20wd', 70],
  ['10wd', 10],
  ['30wd', 12],
  ['40wd', 6],
  ['60wd', 2],
] as const)

/** An open case whose last oversight is left without its successor, so its clock is overdue. */
const OVERDUE_SHARE = 0.1
/** Oversight records that are case supervision rather than management oversight. */
const SUPERVISION_SHARE = 0.25

const columnOf = <T extends readonly string[]>(columns: T, name: T[number]) => columns.indexOf(name)
const A = {
  id: columnOf(ASSESSMENT_COLUMNS, 'id'),
  child: columnOf(ASSESSMENT_COLUMNS, 'child_id'),
  startedBy: columnOf(ASSESSMENT_COLUMNS, 'started_by'),
  startedAt: columnOf(ASSESSMENT_COLUMNS, 'started_at'),
  status: columnOf(ASSESSMENT_COLUMNS, 'status'),
  seenOn: columnOf(ASSESSMENT_COLUMNS, 'seen_on'),
  seenAlone: columnOf(ASSESSMENT_COLUMNS, 'seen_alone'),
  updatedAt: columnOf(ASSESSMENT_COLUMNS, 'updated_at'),
}
const CIN_VERSION = columnOf(CIN_PLAN_COLUMNS, 'version')
const R = {
  child: columnOf(REFERRAL_COLUMNS, 'child_id'),
  status: columnOf(REFERRAL_COLUMNS, 'status'),
  allocatedAt: columnOf(REFERRAL_COLUMNS, 'allocated_at'),
}

/** A time in working hours on `day`, no earlier than `from` and no later than `cap`. */
function during(day: IsoDate, random: Random, from: number, cap: number): number {
  return Math.min(Math.max(at(day, random.int(570, 1020)), from), cap)
}

function seenAs(alone: boolean): ChildSeen {
  return alone ? 'seen_alone' : 'seen_with_others'
}

/** Whether a child of this date of birth can be seen on `day` (an unborn child cannot). */
export function born(dateOfBirth: IsoDate | null, day: IsoDate): boolean {
  return dateOfBirth !== null && dateOfBirth <= day
}

/** A share of CIN visits made after the plan's frequency said (up to two fifths of it late). */
const LATE_VISITS = 0.12

/**
 * The days a household on a CIN plan is visited, from the plan's start up to `until`, at the
 * plan's visit frequency (`frequency`, a code of the clock `cin-visit`): the first within two
 * weeks (within a week and a half for a fortnightly plan), each next on a working day in the last
 * third of the interval, now and then later.
 */
export function cinVisitDays(start: IsoDate, until: IsoDate, frequency: string, random: Random): IsoDate[] {
  const every = visitEveryDays(frequency)
  const days: IsoDate[] = []
  let day = addWorkingDays(start, random.int(3, every > 14 ? 10 : 7))
  while (day <= until) {
    days.push(day)
    day = random.chance(LATE_VISITS)
      ? workingDayOnOrAfter(plusDays(day, random.int(every + 1, Math.round(every * 1.4))))
      : workingDayOnOrBefore(plusDays(day, random.int(Math.round(every * 0.65), every)))
  }
  return days
}

export interface OversightDraft {
  kind: OversightKind
  heldOn: IsoDate
  interval: string
  nextDueOn: IsoDate
  actions: { action: string; dueOn: IsoDate }[]
}

/**
 * A case's oversight from its allocation to `end`: the first within a week of allocation, each
 * next held around the day the last one set (a few days early or late), until the next would
 * fall after `end`. For a share of cases the last is left out, so the one before it is overdue.
 */
export function oversightChain(
  allocatedOn: IsoDate,
  end: IsoDate,
  definition: ClockDefinition,
  calendar: ClockSettings['calendar'],
  random: Random,
): OversightDraft[] {
  const chain: OversightDraft[] = []
  let held = addWorkingDays(allocatedOn, random.int(1, 5))
  while (held <= end) {
    const interval = random.weighted(INTERVALS)
    const nextDueOn = nextOversightDue(definition, held, interval, calendar)
    const first = random.int(0, OVERSIGHT_ACTIONS.length - 1)
    const actions = Array.from({ length: random.chance(0.5) ? random.int(1, 2) : 0 }, (_, k) => ({
      action: OVERSIGHT_ACTIONS[(first + k) % OVERSIGHT_ACTIONS.length] as string,
      dueOn: addWorkingDays(held, random.int(5, 15)),
    }))
    chain.push({
      kind: random.chance(SUPERVISION_SHARE) ? 'supervision' : 'management_oversight',
      heldOn: held,
      interval,
      nextDueOn,
      actions,
    })
    const early = random.chance(0.7)
    const shift = early ? -random.int(0, 3) : random.int(1, random.chance(0.8) ? 3 : 8)
    let next = shift >= 0 ? addWorkingDays(nextDueOn, shift) : addCalendarDays(nextDueOn, shift)
    if (next <= held) next = addCalendarDays(held, 1)
    held = next
  }
  if (chain.length > 1 && random.chance(OVERDUE_SHARE)) chain.pop()
  return chain
}

/** The notes of one batch, in a stable order: assessments, plan and care visits, CIN visits. */
function drawNotes(batch: Batch): NoteDraft[] {
  const { ctx } = batch
  const { capMs, seed } = ctx
  const states = new Map(batch.children.map((s) => [s.personId, s]))
  const notes: NoteDraft[] = []

  // Assessments: siblings assessed together by the same worker share the home visit and calls.
  const groups = new Map<string, { row: (typeof batch.casework.assessments)[number]; state: ChildState }[]>()
  for (const row of batch.casework.assessments) {
    const state = states.get(row[A.child] as number)
    if (!state) continue
    const startedAt = (row[A.startedAt] as Date).getTime()
    const key = `${state.child.familyId}/${londonDate(startedAt)}/${String(row[A.startedBy])}`
    const group = groups.get(key) ?? []
    group.push({ row, state })
    groups.set(key, group)
  }
  for (const [key, group] of groups) {
    const random = streamFor(seed, 'load', 'case-notes', 'assessment', key)
    const first = group[0] as (typeof group)[number]
    const by = first.row[A.startedBy] as number
    const startedAt = (first.row[A.startedAt] as Date).getTime()
    const endedAt = first.row[A.status] === 'authorised' ? (first.row[A.updatedAt] as Date).getTime() : capMs
    // The first home visit, on the day each child was seen.
    const byDay = new Map<IsoDate, typeof group>()
    for (const g of group) {
      const day = g.row[A.seenOn] as IsoDate | null
      if (day !== null) byDay.set(day, [...(byDay.get(day) ?? []), g])
    }
    for (const [day, seen] of byDay) {
      notes.push({
        noteType: 'home_visit',
        at: during(day, random, startedAt + 30 * MINUTE, capMs),
        by,
        whoSeen: random.pick(WHO_SEEN),
        body: random.pick(BODIES.home_visit as readonly string[]),
        seen: seen.map((g) => ({ state: g.state, seen: seenAs(g.row[A.seenAlone] === true) })),
      })
    }
    // Calls and meetings while it runs.
    const calls = random.int(1, 3)
    for (let k = 0; k < calls; k++) {
      const t = startedAt + random.next() * Math.max(0, Math.min(endedAt, capMs) - startedAt)
      const noteType = random.pick([
        'phone_call',
        'phone_call',
        'professional_discussion',
        'multi_agency_meeting',
      ])
      notes.push({
        noteType,
        at: during(londonDate(t), random, startedAt + HOUR, capMs),
        by,
        whoSeen: null,
        body: random.pick(BODIES[noteType] as readonly string[]),
        seen: group.map((g) => ({ state: g.state, seen: 'not_seen' })),
      })
    }
  }

  // Each statutory visit of a CP plan, as its `cp_visit` row has it.
  const planChild = new Map(batch.casework.cpPlans.map((p) => [p[0] as number, p[1] as number]))
  for (const v of batch.casework.cpVisits) {
    const state = states.get(planChild.get(v[0] as number) as number)
    if (!state) continue
    const visitedAt = (v[1] as Date).getTime()
    const random = streamFor(seed, 'load', 'case-notes', 'cp-visit', v[0] as number, visitedAt)
    notes.push({
      noteType: 'statutory_visit',
      at: visitedAt,
      by: v[6] as number,
      whoSeen: v[2] as string,
      body: random.pick(BODIES.statutory_visit as readonly string[]),
      seen: [{ state, seen: v[3] === true ? seenAs(v[4] === true) : 'not_seen' }],
    })
  }

  // Each statutory visit to a child in care (the `lac_visit.held` events: the child seen).
  for (const e of batch.events) {
    if (e.type !== 'lac_visit.held' || e.by === null) continue
    const state = states.get(e.childId)
    if (!state) continue
    const random = streamFor(seed, 'load', 'case-notes', 'lac-visit', e.childId, e.at)
    notes.push({
      noteType: 'statutory_visit',
      at: e.at,
      by: e.by,
      whoSeen: random.pick(['The child and their foster carer', 'The child; the carer afterwards']),
      body: random.pick(BODIES.statutory_visit as readonly string[]),
      seen: [{ state, seen: seenAs(random.chance(0.7)) }],
    })
  }

  // CIN plans: the household's plans starting together (at one frequency) are visited together.
  const households = new Map<
    string,
    { state: ChildState; start: IsoDate; until: IsoDate; record: CinPlanRecord }[]
  >()
  for (const state of batch.children) {
    for (const r of state.child.referrals)
      for (const p of r.cinPlans) {
        const record = batch.casework.cinPlanOf.get(p)
        if (record === undefined) continue
        const ends = [p.end, r.closureDate, ctx.end].filter((d): d is IsoDate => d !== null)
        const until = ends.reduce((a, b) => (a < b ? a : b))
        const key = `${state.child.familyId}/${p.start}/${record.frequency}`
        households.set(key, [...(households.get(key) ?? []), { state, start: p.start, until, record }])
      }
  }
  for (const [key, plans] of households) {
    const random = streamFor(seed, 'load', 'case-notes', 'cin', key)
    const until = plans.map((p) => p.until).reduce((a, b) => (a > b ? a : b))
    const first = plans[0] as (typeof plans)[number]
    for (const day of cinVisitDays(first.start, until, first.record.frequency, random)) {
      const on = plans.filter((p) => p.until >= day)
      const t = during(day, random, 0, capMs)
      const holder = ownerAt((on[0] as (typeof on)[number]).state, t)
      const noteType = random.chance(0.8) ? 'home_visit' : random.pick(['school_visit', 'direct_work'])
      const seen = on.map((p) => ({
        state: p.state,
        seen: born(p.state.child.dateOfBirth, day) ? seenAs(random.chance(0.6)) : ('not_seen' as ChildSeen),
        cinPlan: p.record,
      }))
      if (holder?.userId == null || t >= capMs) continue
      notes.push({
        noteType,
        at: t,
        by: holder.userId,
        whoSeen: noteType === 'home_visit' ? random.pick(WHO_SEEN) : null,
        body: random.pick(BODIES[noteType] as readonly string[]),
        seen,
      })
    }
  }
  onSiblings(batch, notes)
  return notes
}

/**
 * A home visit covers the household: a brother or sister whose own case the author's team holds
 * then (so the author may write on their record, `allocated_team`) is on the note too
 * (`case_note_child`), mostly seen with the others.
 */
function onSiblings(batch: Batch, notes: NoteDraft[]): void {
  const families = new Map<string, ChildState[]>()
  for (const s of batch.children)
    families.set(s.child.familyId, [...(families.get(s.child.familyId) ?? []), s])
  for (const note of notes) {
    const first = note.seen[0]?.state
    if (note.noteType !== 'home_visit' || first === undefined) continue
    const family = families.get(first.child.familyId) ?? []
    if (family.length < 2) continue
    const team = ownerAt(first, note.at)?.teamId
    if (team == null) continue
    const random = streamFor(batch.ctx.seed, 'load', 'case-notes', 'siblings', first.personId, note.at)
    const day = londonDate(note.at)
    for (const sibling of family) {
      if (note.seen.some((s) => s.state === sibling) || ownerAt(sibling, note.at)?.teamId !== team) continue
      const roll = random.next()
      note.seen.push({
        state: sibling,
        seen: !born(sibling.child.dateOfBirth, day)
          ? 'not_seen'
          : roll < 0.7
            ? 'seen_with_others'
            : roll < 0.85
              ? 'seen_alone'
              : 'not_seen',
      })
    }
  }
}

/** The batch's case notes and oversight: rows, and the case events the module would have written. */
export function addCaseNotes(batch: Batch, clocks: ClockSettings): void {
  const { ctx } = batch
  const n = batch.notes
  for (const note of drawNotes(batch)) {
    if (note.at > ctx.capMs) continue
    const random = streamFor(
      ctx.seed,
      'load',
      'case-notes',
      'recorded',
      note.seen[0]?.state.personId ?? 0,
      note.at,
    )
    const recordedAt = Math.min(note.at + random.int(20, 240) * MINUTE, ctx.capMs)
    const id = batch.ids.case_note.take()
    const versionId = batch.ids.case_note_version.take()
    n.notes.push([id, note.by, new Date(recordedAt)])
    n.versions.push([
      versionId,
      id,
      1,
      note.noteType,
      new Date(note.at),
      note.whoSeen,
      note.body,
      note.by,
      new Date(recordedAt),
    ])
    for (const s of note.seen) {
      n.children.push([id, s.state.personId])
      n.seen.push([versionId, s.state.personId, s.seen])
      batch.event(
        s.state,
        'case_note',
        id,
        'case_note.recorded',
        note.at,
        noteSummary(note.noteType, s.seen, note.seen.length),
        note.by,
        { noteType: note.noteType, seen: s.seen, children: note.seen.length },
      )
      if (s.cinPlan) recordCinVisit(batch, note, s.state, s.seen, s.cinPlan, recordedAt)
    }
  }
  addOversight(batch, clocks)
}

/**
 * A CIN visit's note is the visit as the plan's page records it (`recordCinVisit`): its
 * `cin_visit` row, with whoever the note says was there and how the child was seen, and the
 * `cin_visit.held` event on the plan carrying its frequency (the clock `cin-visit` runs from it).
 * Now and then unannounced, from a stream of each visit's own.
 */
function recordCinVisit(
  batch: Batch,
  note: NoteDraft,
  state: ChildState,
  seen: ChildSeen,
  plan: CinPlanRecord,
  recordedAt: number,
): void {
  const visitId = batch.ids.cin_visit.take()
  const random = streamFor(batch.ctx.seed, 'load', 'cin-visit', plan.id, note.at)
  const announced = random.chance(0.85)
  const childSeen = seen !== 'not_seen'
  const seenAlone = seen === 'seen_alone'
  batch.casework.cinVisits.push([
    visitId,
    plan.id,
    new Date(note.at),
    note.whoSeen,
    childSeen,
    seenAlone,
    announced,
    note.by,
    new Date(recordedAt),
  ])
  plan.row[CIN_VERSION] = (plan.row[CIN_VERSION] as number) + 1
  const how = childSeen ? (seenAlone ? 'child seen alone' : 'child seen, not alone') : 'child not seen'
  batch.event(
    state,
    CIN_PLAN_SUBJECT,
    plan.id,
    'cin_visit.held',
    note.at,
    `Child in need visit${announced ? '' : ' (unannounced)'}: ${how}`,
    note.by,
    { visitId, seen: childSeen, seenAlone, announced, frequency: plan.frequency },
  )
}

/** Each open allocated case's oversight, recorded by the team manager of the worker holding it. */
function addOversight(batch: Batch, clocks: ClockSettings): void {
  const { ctx } = batch
  const definition = clocks.definitions.find((d) => d.code === OVERSIGHT_CLOCK)
  if (!definition) throw new Error(`The clock ${OVERSIGHT_CLOCK} is not defined`)
  const allocated = new Map<number, number>()
  for (const r of batch.referrals) {
    if (r[R.status] !== 'allocated' || r[R.allocatedAt] === null) continue
    const child = r[R.child] as number
    const t = (r[R.allocatedAt] as Date).getTime()
    allocated.set(child, Math.min(allocated.get(child) ?? Infinity, t))
  }
  for (const state of batch.children) {
    const from = allocated.get(state.personId)
    if (from === undefined || ownerAt(state, ctx.capMs)?.userId == null) continue
    const random = streamFor(ctx.seed, 'load', 'oversight', state.child.laChildId)
    for (const o of oversightChain(londonDate(from), ctx.end, definition, clocks.calendar, random)) {
      const recordedAt = at(o.heldOn, random.int(540, 1050))
      const team = ownerAt(state, recordedAt)?.teamId
      const manager = team == null ? null : (ctx.setup.teamsById.get(team)?.managerUserId ?? null)
      if (manager === null || recordedAt > ctx.capMs) continue
      const summary = random.pick(OVERSIGHT_SUMMARIES[o.kind])
      const id = batch.ids.oversight_record.take()
      batch.notes.oversight.push([
        id,
        state.personId,
        o.kind,
        o.heldOn,
        summary,
        o.interval,
        o.nextDueOn,
        manager,
        new Date(recordedAt),
      ])
      o.actions.forEach((a, i) => batch.notes.oversightActions.push([id, i + 1, a.action, a.dueOn]))
      const kind = labelOf(OVERSIGHT_KINDS, o.kind) ?? o.kind
      const actions = o.actions.length
      batch.event(
        state,
        OVERSIGHT_SUBJECT,
        state.personId,
        'oversight.recorded',
        recordedAt,
        `${kind} recorded${actions ? ` with ${actions} action${actions === 1 ? '' : 's'}` : ''}`,
        manager,
        { interval: o.interval, kind: o.kind, oversightId: id },
      )
    }
  }
}

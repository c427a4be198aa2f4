/**
 * The statutory clock engine: pure functions that turn case events into clock instances (a
 * decision, assessment, review or visit that is due, and whether it was done in time). The
 * definitions are data (`reference/clock-definitions.json`); the database layer stores the
 * instances as `task` rows. Nothing here reads the clock or the process time zone: every
 * instant is a UTC timestamp and every "day" is a Europe/London calendar date.
 */
import { z } from 'zod'
import bundled from '../../../reference/clock-definitions.json' with { type: 'json' }
import { type IsoDate, type WorkingCalendar, addCalendarDays, toDayNumber } from './working-days.js'

// ---------------------------------------------------------------------------------------------
// Definitions

export const CLOCK_UNITS = [
  'working_days',
  'working_hours',
  'calendar_days',
  'hours',
  'weeks',
  'months',
] as const
export type ClockUnit = (typeof CLOCK_UNITS)[number]

export const DUE_SOON_UNITS = ['working_days', 'working_hours', 'calendar_days', 'hours'] as const
export type DueSoonUnit = (typeof DUE_SOON_UNITS)[number]

export interface Timescale {
  length: number
  unit: ClockUnit
}

export interface ClockDefinition {
  /** Stable identifier, also the `task.clock_code`, e.g. `assessment-45wd`. */
  code: string
  /** What has to happen, in plain English, e.g. "Decision on contact". */
  title: string
  /** `statutory` (regulations), `guidance` (statutory guidance) or `local` (procedure or authority setting). */
  basis: 'statutory' | 'guidance' | 'local'
  /**
   * What the clock is about (`contact`, `assessment`, `s47`, `cp_plan`, `period_of_care` …): the
   * `subjectType` its start and stop events carry, and the `task.subject_type` of its instances.
   */
  subject: string
  /** The event type that starts the clock; null when the clock only follows another (see `then`). */
  startEvent: string | null
  /**
   * Another event type that starts the clock part-way along a chain of clocks (the second review,
   * the next visit) for a subject whose earlier history is not in Haven: a period of care imported
   * from another system resumes at the review owed next, counted from the event, which is dated
   * when the last one was held. Otherwise a start like `startEvent`'s.
   */
  resumeEvent?: string
  /** The event type that stops the clock: the thing that was due has been done. */
  stopEvent: string
  /** Event types that close the clock without it being met or missed (the plan ended, the child left care). */
  cancelEvents?: readonly string[]
  length: number
  unit: ClockUnit
  /** From how long before the due time a task shows as due soon. */
  dueSoonWithin: { length: number; unit: DueSoonUnit }
  /**
   * A timescale that depends on an attribute of the start event (an authority's RAG rating of a
   * contact, a child's age band). When the attribute has no listed value the clock uses
   * `length` and `unit`, or does not start at all when `whenUnlisted` is `no_clock`. A value
   * listed as null starts no clock (a contact taken into an open case has no referrer feedback).
   */
  byAttribute?: {
    attribute: string
    values: Readonly<Record<string, Timescale | null>>
    whenUnlisted: 'use_length' | 'no_clock'
  }
  /** An agreed extension: after this event the clock is measured against `length` instead (same unit). */
  extension?: { event: string; length: number }
  /**
   * A start event while the clock runs re-rates it (a contact rated green, then red): the new
   * attribute's timescale, counted from the re-rating, replaces the running one when that brings
   * the due time forward. It never pushes it back, so a lower rating cannot hide a response that
   * is already late or close to it. Without this, a second start is ignored and reported.
   */
  rerate?: boolean
  /**
   * A start event while the clock runs starts it afresh: the running instance is closed as
   * cancelled (neither met nor missed: what it waited for is no longer owed) and a new one counts
   * from the new event. A child who moves placement is owed a first visit in the new placement
   * within a week, whether or not the old placement's was done. Without this (or `rerate`), a
   * second start is ignored and reported.
   */
  restart?: boolean
  /**
   * The clock counts from an earlier instant its start event carries in this attribute (an ISO
   * timestamp with an offset) rather than from the event itself: allocating a referral starts the
   * assessment's clock, but its 45 working days run from the referral. A start event without a
   * valid instant there starts no clock, since its due time cannot be known.
   */
  countFrom?: { attribute: string }
  /**
   * The clock falls due at the end of the London date its start event carries in this attribute
   * (`YYYY-MM-DD`), not a timescale after the start: an action in a plan is due when the plan says.
   * A start event without a valid date there starts no clock.
   */
  dueOn?: { attribute: string }
  /**
   * The clock keeps the authority's working hours (`WorkingCalendar.hours`): a start out of hours
   * (an evening, a weekend, a bank holiday) counts from the next opening, and a working-day clock
   * falls due at close of business rather than at midnight. A `working_hours` timescale always
   * counts this way.
   */
  inWorkingHours?: boolean
  /**
   * Another clock on the same subject whose due time this one never outlasts (a green RAG response
   * is due by the statutory decision at the latest): the earlier of the two.
   */
  notAfter?: string
  /** The clock that starts when this one is stopped (at the stop time): how reviews and visits repeat. */
  then?: string
  source: { document: string; line: string }
}

const timescaleSchema = z.strictObject({
  length: z.number().int().nonnegative(),
  unit: z.enum(CLOCK_UNITS),
})

const eventType = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'an event type is process.happened')

const definitionSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a code is lower-case words joined by hyphens'),
  title: z.string().min(1),
  basis: z.enum(['statutory', 'guidance', 'local']),
  subject: z.string().regex(/^[a-z][a-z0-9_]*$/),
  startEvent: eventType.nullable(),
  resumeEvent: eventType.optional(),
  stopEvent: eventType,
  cancelEvents: z.array(eventType).optional(),
  length: z.number().int().nonnegative(),
  unit: z.enum(CLOCK_UNITS),
  dueSoonWithin: z.strictObject({ length: z.number().int().nonnegative(), unit: z.enum(DUE_SOON_UNITS) }),
  byAttribute: z
    .strictObject({
      attribute: z.string().min(1),
      values: z.record(z.string(), timescaleSchema.nullable()),
      whenUnlisted: z.enum(['use_length', 'no_clock']),
    })
    .optional(),
  extension: z.strictObject({ event: eventType, length: z.number().int().positive() }).optional(),
  rerate: z.boolean().optional(),
  restart: z.boolean().optional(),
  countFrom: z.strictObject({ attribute: z.string().min(1) }).optional(),
  dueOn: z.strictObject({ attribute: z.string().min(1) }).optional(),
  inWorkingHours: z.boolean().optional(),
  notAfter: z.string().optional(),
  then: z.string().optional(),
  source: z.strictObject({ document: z.string().min(1), line: z.string().min(1) }),
})

/**
 * Checks a list of clock definitions (from the reference file or the `clock_definition` table)
 * and returns them typed. Throws on anything the engine could not run unambiguously.
 */
export function parseClockDefinitions(input: unknown): ClockDefinition[] {
  const list = z.array(definitionSchema).parse(input) as ClockDefinition[]
  const byCode = new Map<string, ClockDefinition>()
  for (const d of list) {
    if (byCode.has(d.code)) throw new Error(`Clock ${d.code} is defined twice`)
    byCode.set(d.code, d)
  }
  const followed = new Set(list.flatMap((d) => (d.then === undefined ? [] : [d.then])))
  for (const d of list) {
    if (d.then !== undefined && !byCode.has(d.then))
      throw new Error(`Clock ${d.code} is followed by unknown ${d.then}`)
    if (d.startEvent === null && d.resumeEvent === undefined && !followed.has(d.code))
      throw new Error(`Clock ${d.code} has no start event and follows no other clock, so it can never start`)
    if (d.rerate && d.restart)
      throw new Error(`Clock ${d.code} both re-rates and restarts on a second start: choose one`)
    if (d.extension !== undefined && d.extension.length <= d.length)
      throw new Error(`Clock ${d.code} has an extension no longer than its timescale`)
    if (d.notAfter !== undefined) {
      const cap = byCode.get(d.notAfter)
      if (cap === undefined || cap.subject !== d.subject || cap.code === d.code)
        throw new Error(
          `Clock ${d.code} is capped by ${d.notAfter}, which is not another clock on its subject`,
        )
    }
    const units = [d.unit, ...Object.values(d.byAttribute?.values ?? {}).flatMap((t) => (t ? [t.unit] : []))]
    if (d.inWorkingHours && units.some((u) => u !== 'working_days' && u !== 'working_hours'))
      throw new Error(
        `Clock ${d.code} keeps working hours but counts in other units than working days or hours`,
      )
  }
  inDependencyOrder(list) // throws on a cycle
  return list
}

/**
 * Definitions ordered so a clock comes after any clock that starts it through `then`. A clock
 * may follow itself (the next review); any longer cycle is an error.
 */
function inDependencyOrder(definitions: readonly ClockDefinition[]): ClockDefinition[] {
  const order: ClockDefinition[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const predecessors = new Map<string, ClockDefinition[]>()
  const byCode = new Map(definitions.map((d) => [d.code, d]))
  for (const d of definitions) {
    if (d.then !== undefined && d.then !== d.code)
      predecessors.set(d.then, [...(predecessors.get(d.then) ?? []), d])
    // A capped clock is run after the clock that caps it, so that clock's due time is known.
    const cap = d.notAfter === undefined ? undefined : byCode.get(d.notAfter)
    if (cap !== undefined) predecessors.set(d.code, [...(predecessors.get(d.code) ?? []), cap])
  }
  const visit = (d: ClockDefinition): void => {
    const s = state.get(d.code)
    if (s === 'done') return
    if (s === 'visiting') throw new Error(`Clocks follow each other in a cycle through ${d.code}`)
    state.set(d.code, 'visiting')
    for (const p of predecessors.get(d.code) ?? []) visit(p)
    state.set(d.code, 'done')
    order.push(d)
  }
  for (const d of [...definitions].sort((a, b) => compare(a.code, b.code))) visit(d)
  return order
}

/** The bundled statutory, guidance and partnership clocks. */
export const STATUTORY_CLOCKS: readonly ClockDefinition[] = parseClockDefinitions(bundled.definitions)

/** The timescale a clock runs to for a start event's attributes; undefined when it does not start. */
export function timescaleFor(
  definition: ClockDefinition,
  attributes: Readonly<Record<string, unknown>> = {},
): Timescale | undefined {
  const rule = definition.byAttribute
  if (rule === undefined) return { length: definition.length, unit: definition.unit }
  const value = attributes[rule.attribute]
  const listed =
    typeof value === 'string' && Object.hasOwn(rule.values, value) ? rule.values[value] : undefined
  if (listed === null) return undefined
  if (listed !== undefined) return listed
  return rule.whenUnlisted === 'use_length' ? { length: definition.length, unit: definition.unit } : undefined
}

// ---------------------------------------------------------------------------------------------
// Europe/London dates of UTC instants

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/**
 * London's offset from UTC is the same for a whole UTC hour (the UK changes its clocks on the
 * hour), so it is asked of Intl once an hour of time: evaluating the clocks of a large synthetic
 * load otherwise spends most of its time formatting dates.
 */
const offsetByHour = new Map<number, number>()

function londonWallClock(ms: number): { date: IsoDate; offsetMs: number } {
  const hour = Math.floor(ms / HOUR_MS)
  let offsetMs = offsetByHour.get(hour)
  if (offsetMs === undefined) {
    offsetMs = formattedWallClock(hour * HOUR_MS).offsetMs
    if (offsetByHour.size > 100_000) offsetByHour.clear()
    offsetByHour.set(hour, offsetMs)
  }
  const wall = new Date(ms + offsetMs)
  const year = wall.getUTCFullYear()
  const date = `${String(year).padStart(4, '0')}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}-${String(wall.getUTCDate()).padStart(2, '0')}`
  return { date, offsetMs }
}

function formattedWallClock(ms: number): { date: IsoDate; offsetMs: number } {
  const parts: Record<string, number> = {}
  for (const p of london.formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { date, offsetMs: wall - Math.floor(ms / 1000) * 1000 }
}

/** The Europe/London calendar date of an instant: 23:30 UTC on 30 June is 1 July in London. */
export function londonDate(instant: string | number): IsoDate {
  return londonWallClock(typeof instant === 'number' ? instant : parseInstant(instant)).date
}

/** The instant a London day begins (the UK changes its clocks at 01:00 UTC, never at midnight). */
function startOfLondonDay(date: IsoDate): number {
  const utcMidnight = toDayNumber(date) * DAY_MS
  const guess = utcMidnight - londonWallClock(utcMidnight).offsetMs
  return utcMidnight - londonWallClock(guess).offsetMs
}

/**
 * The instant of a London wall-clock time ("14:30" on a date), as a form gives it. London is UTC
 * or an hour ahead, so the instant is the wall time or an hour before it: the earlier that reads
 * back as the wall time (in the hour the clocks go back), or, for a time skipped when they go
 * forward, the one an hour before.
 */
export function londonInstant(date: IsoDate, time: string): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(time)
  if (match === null) throw new RangeError(`Not a time like 14:30: ${time}`)
  const wall = toDayNumber(date) * DAY_MS + Number(match[1]) * HOUR_MS + Number(match[2]) * 60_000
  const candidates = [wall - HOUR_MS, wall]
  const exact = candidates.find((c) => c + londonWallClock(c).offsetMs === wall)
  return new Date(exact ?? wall - HOUR_MS)
}

/** The last millisecond of a London day: a clock "due by the end of the day" is met up to here. */
export function endOfLondonDay(date: IsoDate): number {
  return startOfLondonDay(addCalendarDays(date, 1)) - 1
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** Milliseconds since the epoch. An instant must carry its offset: a bare local time would be read in the process time zone. */
function parseInstant(value: string): number {
  const ms = INSTANT.test(value) ? Date.parse(value) : Number.NaN
  if (Number.isNaN(ms)) throw new RangeError(`Not a UTC timestamp with an offset: ${value}`)
  return ms
}

/** Calendar months with end-of-month clamping: 31 January + 1 month = 28 (or 29) February. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  toDayNumber(date) // validates
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`
}

// ---------------------------------------------------------------------------------------------
// Working hours: the authority's opening to close of business on working days

/** The instant a working day opens for business. */
export function openingOn(date: IsoDate, calendar: WorkingCalendar): number {
  return londonInstant(date, calendar.hours.opensAt).getTime()
}

/** The instant a day closes for business: when a clock "due today" falls due. */
export function closeOfBusiness(date: IsoDate, calendar: WorkingCalendar): number {
  return londonInstant(date, calendar.hours.closesAt).getTime()
}

/**
 * When counting starts for something that arrives at `ms`: then, while the office is open;
 * otherwise at the next opening (an evening, a weekend or a bank holiday waits for it).
 */
export function workingStart(ms: number, calendar: WorkingCalendar): number {
  const date = londonDate(ms)
  if (calendar.isWorkingDay(date)) {
    const opens = openingOn(date, calendar)
    if (ms < opens) return opens
    if (ms < closeOfBusiness(date, calendar)) return ms
  }
  return openingOn(calendar.addWorkingDays(date, 1), calendar)
}

/** The last working instant at or before `ms`: the same instant in hours, else the last close. */
function workingEnd(ms: number, calendar: WorkingCalendar): number {
  const date = londonDate(ms)
  if (calendar.isWorkingDay(date)) {
    const close = closeOfBusiness(date, calendar)
    if (ms > close) return close
    if (ms > openingOn(date, calendar)) return ms
  }
  return closeOfBusiness(calendar.addWorkingDays(date, -1), calendar)
}

/** The instant `hours` working hours after `ms`, counted from the next opening when out of hours. */
export function addWorkingHours(ms: number, hours: number, calendar: WorkingCalendar): number {
  let at = workingStart(ms, calendar)
  let left = hours * HOUR_MS
  for (;;) {
    const date = londonDate(at)
    const open = closeOfBusiness(date, calendar) - at
    if (left <= open) return at + left
    left -= open
    at = openingOn(calendar.addWorkingDays(date, 1), calendar)
  }
}

/** The instant `hours` working hours before `ms` (for "due soon" in working hours). */
export function subtractWorkingHours(ms: number, hours: number, calendar: WorkingCalendar): number {
  if (hours === 0) return ms
  let at = workingEnd(ms, calendar)
  let left = hours * HOUR_MS
  for (;;) {
    const date = londonDate(at)
    const open = at - openingOn(date, calendar)
    if (left <= open) return at - left
    left -= open
    at = closeOfBusiness(calendar.addWorkingDays(date, -1), calendar)
  }
}

/**
 * Working milliseconds from `from` to `to` (negative when `to` is earlier): the time inside
 * opening hours, for "3 working hours left". Meant for spans of days, not years.
 */
export function workingMsBetween(from: number, to: number, calendar: WorkingCalendar): number {
  if (to < from) return -workingMsBetween(to, from, calendar)
  let at = workingStart(from, calendar)
  let total = 0
  while (at < to) {
    const date = londonDate(at)
    total += Math.min(closeOfBusiness(date, calendar), to) - at
    at = openingOn(calendar.addWorkingDays(date, 1), calendar)
  }
  return total
}

// ---------------------------------------------------------------------------------------------
// Due dates

interface Due {
  dueDate: IsoDate
  dueAtMs: number
}

function dueFrom(
  timescale: Timescale,
  startMs: number,
  calendar: WorkingCalendar,
  inWorkingHours = false,
): Due {
  const { length, unit } = timescale
  if (unit === 'working_hours') {
    const dueAtMs = addWorkingHours(startMs, length, calendar)
    return { dueDate: londonDate(dueAtMs), dueAtMs }
  }
  if (unit === 'working_days' && inWorkingHours) {
    // Day 0 is the working day counting starts on (the next one when out of hours); due at its close N working days on.
    const dueDate = calendar.addWorkingDays(londonDate(workingStart(startMs, calendar)), length)
    return { dueDate, dueAtMs: closeOfBusiness(dueDate, calendar) }
  }
  if (unit === 'hours') {
    // Elapsed hours: 72 hours over the October clock change is 72 real hours (71 on the wall clock).
    const dueAtMs = startMs + length * HOUR_MS
    return { dueDate: londonDate(dueAtMs), dueAtMs }
  }
  const startDate = londonDate(startMs)
  let dueDate: IsoDate
  switch (unit) {
    case 'working_days':
      // Day 0 is the start date; a same-day (0 working days) clock started on a weekend or bank
      // holiday is due on the next working day, so a working-day clock never falls on a day off.
      dueDate =
        length === 0 && !calendar.isWorkingDay(startDate)
          ? calendar.addWorkingDays(startDate, 1)
          : calendar.addWorkingDays(startDate, length)
      break
    case 'calendar_days':
      dueDate = addCalendarDays(startDate, length)
      break
    case 'weeks':
      dueDate = addCalendarDays(startDate, length * 7)
      break
    case 'months':
      dueDate = addMonths(startDate, length)
      break
  }
  return { dueDate, dueAtMs: endOfLondonDay(dueDate) }
}

/**
 * When a clock started at `startedAt` is due, as a UTC instant. Day-based clocks (working days,
 * calendar days, weeks, months) are due by the end of the due date in Europe/London; hour clocks
 * at the exact elapsed time. Throws when the definition does not apply to these attributes.
 */
export function dueAt(
  definition: ClockDefinition,
  startedAt: string,
  calendar: WorkingCalendar,
  attributes: Readonly<Record<string, unknown>> = {},
): string {
  const timescale = timescaleFor(definition, attributes)
  if (timescale === undefined)
    throw new RangeError(
      `Clock ${definition.code} does not run without a listed ${definition.byAttribute?.attribute ?? 'attribute'}`,
    )
  const d = dueFrom(timescale, parseInstant(startedAt), calendar, definition.inWorkingHours)
  return new Date(d.dueAtMs).toISOString()
}

/**
 * When the clock `code` started at `startedAt` is due and due soon, for a page that shows a clock
 * before its task exists (a contact whose child is still to be found). Null when it would not run.
 */
export function dueTimes(
  settings: { definitions: readonly ClockDefinition[]; calendar: WorkingCalendar },
  code: string,
  startedAt: Date,
  attributes: Readonly<Record<string, unknown>> = {},
): { dueAt: Date; dueSoonAt: Date } | null {
  const definition = settings.definitions.find((d) => d.code === code)
  const timescale = definition && timescaleFor(definition, attributes)
  if (definition === undefined || timescale === undefined) return null
  const d = dueFrom(timescale, startedAt.getTime(), settings.calendar, definition.inWorkingHours)
  return { dueAt: new Date(d.dueAtMs), dueSoonAt: new Date(dueSoonFrom(definition, d, settings.calendar)) }
}

/** The instant from which a clock due at `due` shows as due soon. */
function dueSoonFrom(definition: ClockDefinition, due: Due, calendar: WorkingCalendar): number {
  const { length, unit } = definition.dueSoonWithin
  switch (unit) {
    case 'hours':
      return due.dueAtMs - length * HOUR_MS
    case 'working_hours':
      return subtractWorkingHours(due.dueAtMs, length, calendar)
    case 'calendar_days':
      return endOfLondonDay(addCalendarDays(due.dueDate, -length)) + 1
    case 'working_days':
      // Within 2 working days of a Wednesday deadline: from the start of Tuesday.
      return endOfLondonDay(calendar.addWorkingDays(due.dueDate, -length)) + 1
  }
}

// ---------------------------------------------------------------------------------------------
// Events and clock instances

export type Id = string | number

export interface CaseEvent {
  id: Id
  /** Null for partnership records that are about no one child (minutes, the Action Matrix). */
  childId: Id | null
  /** Namespaces `subjectId` when ids are per table (a contact and an assessment may share an id). */
  subjectType?: string
  /** The contact, assessment, enquiry, plan or period of care the clock is about. */
  subjectId: Id
  type: string
  /** A UTC instant with its offset, e.g. `2026-06-30T23:30:00Z`. */
  occurredAt: string
  attributes?: Readonly<Record<string, unknown>>
}

export type ClockStatus = 'due' | 'due_soon' | 'overdue' | 'met' | 'missed' | 'cancelled'

export interface ClockInstance {
  /** Stable across evaluations: code and the id of the event that started it. */
  key: string
  code: string
  title: string
  childId: string | null
  subjectType: string
  subjectId: string
  /** 1 for the first clock of this code on this subject, 2 for the next (the second review) … */
  sequence: number
  startEventId: string
  startedAt: string
  timescale: Timescale
  dueDate: IsoDate
  dueAt: string
  dueSoonAt: string
  extendedAt?: string
  /** When a re-rating last brought the due time forward (see `ClockDefinition.rerate`). */
  reratedAt?: string
  stoppedAt?: string
  stopEventId?: string
  closedBy?: 'stop' | 'cancel'
  status: ClockStatus
}

export interface IgnoredEvent {
  eventId: string
  code?: string
  reason: 'invalid_event' | 'conflicting_duplicate' | 'stop_without_start' | 'already_running'
  detail: string
}

export interface ClockEvaluation {
  instances: ClockInstance[]
  ignored: IgnoredEvent[]
}

/**
 * The status of a clock instance at `now`: a stopped clock is met or missed whatever the time; an
 * open one is overdue after its due time, due soon from its due-soon time, otherwise due.
 */
export function statusAt(
  instance: Pick<ClockInstance, 'dueAt' | 'dueSoonAt' | 'stoppedAt' | 'closedBy'>,
  now: string | Date,
): ClockStatus {
  const due = Date.parse(instance.dueAt)
  if (instance.closedBy === 'cancel') return 'cancelled'
  if (instance.stoppedAt !== undefined) return Date.parse(instance.stoppedAt) <= due ? 'met' : 'missed'
  const at = typeof now === 'string' ? parseInstant(now) : now.getTime()
  if (at > due) return 'overdue'
  return at >= Date.parse(instance.dueSoonAt) ? 'due_soon' : 'due'
}

interface NormalEvent {
  id: string
  childId: string | null
  subjectType: string
  subjectId: string
  type: string
  at: number
  attributes: Readonly<Record<string, unknown>>
}

/** A start of a clock: a start event, or the stop of the clock before it. */
interface Start {
  id: string
  at: number
  attributes: Readonly<Record<string, unknown>>
  fromEvent: boolean
}

/**
 * Every clock instance the events give rise to, open and closed, with its status at `now`.
 *
 * Pure and order-independent: events are de-duplicated by id and replayed per subject in time
 * order (ties broken by event id), so the same events in any order give the same answer.
 * Start and stop events are matched on child, subject type and subject id. At one instant the
 * engine first stops the running clock, then starts a new one, then lets any remaining stop close
 * that (a decision recorded in the same second as the contact is met). Every event given is
 * applied; `now` only decides due, due soon and overdue.
 */
export function evaluateClocks(
  definitions: readonly ClockDefinition[],
  events: readonly CaseEvent[],
  now: string | Date,
  calendar: WorkingCalendar,
): ClockEvaluation {
  const ignored: IgnoredEvent[] = []
  const ordered = inDependencyOrder(definitions)
  const bySubject = new Map<string, NormalEvent[]>()
  for (const e of canonicalEvents(events, ignored)) {
    const key = [e.childId ?? '', e.subjectType, e.subjectId].join('\u0000')
    const list = bySubject.get(key)
    if (list === undefined) bySubject.set(key, [e])
    else list.push(e)
  }

  const instances: ClockInstance[] = []
  const usedStops = new Set<string>()
  for (const subjectEvents of bySubject.values()) {
    const first = subjectEvents[0] as NormalEvent
    const followers = new Map<string, Start[]>()
    const subjectInstances: SubjectlessInstance[] = []
    const types = new Set(subjectEvents.map((e) => e.type))
    for (const definition of ordered) {
      // A clock with no event to start it and no clock before it to follow does not run here.
      if (
        !(definition.startEvent !== null && types.has(definition.startEvent)) &&
        !(definition.resumeEvent !== undefined && types.has(definition.resumeEvent)) &&
        !followers.has(definition.code)
      )
        continue
      const cap = capFor(definition, subjectInstances)
      const run = runClock(
        definition,
        subjectEvents,
        followers.get(definition.code) ?? [],
        calendar,
        now,
        cap,
      )
      subjectInstances.push(...run.instances)
      for (const r of run.ignored) ignored.push(r)
      for (const id of run.usedStops) usedStops.add(id)
      for (const instance of run.instances) {
        const { key, code, title, ...rest } = instance
        instances.push({
          key,
          code,
          title,
          childId: first.childId,
          subjectType: first.subjectType || definition.subject,
          subjectId: first.subjectId,
          ...rest,
        })
        const next = definition.then
        if (next !== undefined && next !== definition.code && instance.closedBy === 'stop') {
          const stop = subjectEvents.find((e) => e.id === instance.stopEventId) as NormalEvent
          followers.set(next, [
            ...(followers.get(next) ?? []),
            { id: stop.id, at: stop.at, attributes: stop.attributes, fromEvent: false },
          ])
        }
      }
    }
  }

  // A stop that closed no clock at all is worth a look (a decision with no contact); a review that
  // stops one clock but not another is normal and not reported.
  const stopTypes = new Set(definitions.map((d) => d.stopEvent))
  for (const list of bySubject.values())
    for (const e of list)
      if (stopTypes.has(e.type) && !usedStops.has(e.id))
        ignored.push({
          eventId: e.id,
          reason: 'stop_without_start',
          detail: `${e.type} at ${new Date(e.at).toISOString()} stopped no running clock`,
        })

  instances.sort(
    (a, b) =>
      compare(a.childId ?? '', b.childId ?? '') ||
      compare(a.subjectType, b.subjectType) ||
      compare(a.subjectId, b.subjectId) ||
      compare(a.code, b.code) ||
      a.sequence - b.sequence,
  )
  ignored.sort(
    (a, b) =>
      compare(a.eventId, b.eventId) || compare(a.code ?? '', b.code ?? '') || compare(a.reason, b.reason),
  )
  return { instances, ignored }
}

type SubjectlessInstance = Omit<ClockInstance, 'childId' | 'subjectType' | 'subjectId'>

/** The due time a clock may not outlast at a given start: that of its `notAfter` clock then running. */
type Cap = (at: number) => number | undefined

function capFor(definition: ClockDefinition, earlier: readonly SubjectlessInstance[]): Cap {
  const code = definition.notAfter
  if (code === undefined) return () => undefined
  return (at) => {
    const running = earlier.filter(
      (i) =>
        i.code === code &&
        Date.parse(i.startedAt) <= at &&
        (i.stoppedAt === undefined || Date.parse(i.stoppedAt) >= at),
    )
    const last = running.at(-1)
    return last === undefined ? undefined : Date.parse(last.dueAt)
  }
}

/** Replays one clock over one subject's events (already in canonical order). */
function runClock(
  definition: ClockDefinition,
  subjectEvents: readonly NormalEvent[],
  followerStarts: readonly Start[],
  calendar: WorkingCalendar,
  now: string | Date,
  cap: Cap,
): { instances: SubjectlessInstance[]; ignored: IgnoredEvent[]; usedStops: string[] } {
  // Events that name their subject type must name this clock's; untyped events match on id alone.
  const events = subjectEvents.filter((e) => e.subjectType === '' || e.subjectType === definition.subject)
  const starts: Start[] = [...followerStarts]
  for (const e of events)
    if (e.type === definition.startEvent || e.type === definition.resumeEvent)
      starts.push({ id: e.id, at: e.at, attributes: e.attributes, fromEvent: true })
  // Most clocks never start on a given subject: nothing more to look at (a subject is replayed
  // once for each of the clocks' definitions).
  if (starts.length === 0) return { instances: [], ignored: [], usedStops: [] }
  const cancelTypes = new Set(definition.cancelEvents ?? [])
  const stops = events.filter((e) => e.type === definition.stopEvent)
  const cancels = events.filter((e) => cancelTypes.has(e.type))
  const extensions = events.filter((e) => e.type === definition.extension?.event)
  // The due time of a timescale counted from `fromMs`, for a start at `at`, within any cap.
  const dueOf = (timescale: Timescale, fromMs: number, at: number): Due => {
    const d = dueFrom(timescale, fromMs, calendar, definition.inWorkingHours)
    const limit = cap(at)
    return limit !== undefined && limit < d.dueAtMs ? { dueDate: londonDate(limit), dueAtMs: limit } : d
  }

  const instants = [...new Set([...starts, ...stops, ...cancels, ...extensions].map((x) => x.at))].sort(
    (a, b) => a - b,
  )
  const instances: SubjectlessInstance[] = []
  const ignored: IgnoredEvent[] = []
  const usedStops: string[] = []
  const seenStarts = new Set<string>()
  let open: { instance: SubjectlessInstance; startedMs: number } | undefined

  let pending: Start[] = []

  const close = (at: number, candidates: readonly NormalEvent[], by: 'stop' | 'cancel'): boolean => {
    if (open === undefined) return false
    const current = open.instance
    const event = candidates.find(
      (e) => e.at === at && e.id !== current.startEventId && !usedStops.includes(e.id),
    )
    if (event === undefined) return false
    if (by === 'stop') usedStops.push(event.id)
    current.stoppedAt = new Date(at).toISOString()
    current.stopEventId = event.id
    current.closedBy = by
    current.status = statusAt(current, now)
    open = undefined
    if (by === 'stop' && definition.then === definition.code)
      pending.push({ id: event.id, at, attributes: event.attributes, fromEvent: false })
    return true
  }

  for (const at of instants) {
    pending = starts.filter((s) => s.at === at)
    let changed = true
    while (changed) {
      changed = false
      if (open !== undefined) {
        for (const x of extensions.filter((e) => e.at === at))
          extend(open, x, definition, calendar, now, dueOf)
        changed = close(at, stops, 'stop') || close(at, cancels, 'cancel')
      }
      const fresh = pending.filter((s) => !seenStarts.has(s.id)).sort((a, b) => compare(a.id, b.id))
      pending = []
      for (const s of fresh) {
        seenStarts.add(s.id)
        if (open !== undefined) {
          if (s.fromEvent && definition.rerate) {
            rerate(open, s, definition, calendar, now, dueOf)
            continue
          }
          if (!(s.fromEvent && definition.restart)) {
            if (s.fromEvent)
              ignored.push({
                eventId: s.id,
                code: definition.code,
                reason: 'already_running',
                detail: `${definition.code} was already running since ${open.instance.startedAt}`,
              })
            continue
          }
          supersede(open.instance, s, now)
          open = undefined
        }
        const timescale = timescaleFor(definition, s.attributes)
        const from = countsFrom(definition, s)
        if (timescale === undefined || from === undefined) continue
        const d = definition.dueOn === undefined ? dueOf(timescale, from, s.at) : dueOnDate(definition, s)
        if (d === undefined) continue
        const instance: SubjectlessInstance = {
          key: `${definition.code}/${s.id}`,
          code: definition.code,
          title: definition.title,
          sequence: instances.length + 1,
          startEventId: s.id,
          startedAt: new Date(from).toISOString(),
          timescale,
          dueDate: d.dueDate,
          dueAt: new Date(d.dueAtMs).toISOString(),
          dueSoonAt: new Date(dueSoonFrom(definition, d, calendar)).toISOString(),
          status: 'due',
        }
        instance.status = statusAt(instance, now)
        instances.push(instance)
        open = { instance, startedMs: from }
        changed = true
      }
    }
  }
  return { instances, ignored, usedStops }
}

/**
 * The instant a start counts from: the start itself, or for a clock with `countFrom` the earlier
 * instant its event names (a follower started by a stop counts from the stop). Undefined when the
 * event names no valid instant, or one after the event: a clock never starts in the future.
 */
function countsFrom(definition: ClockDefinition, start: Start): number | undefined {
  if (definition.countFrom === undefined || !start.fromEvent) return start.at
  const value = start.attributes[definition.countFrom.attribute]
  if (typeof value !== 'string') return undefined
  let ms: number
  try {
    ms = parseInstant(value)
  } catch {
    return undefined
  }
  return ms <= start.at ? ms : undefined
}

/** The due time of a clock that falls due on a date its start event names (`dueOn`). */
function dueOnDate(definition: ClockDefinition, start: Start): Due | undefined {
  const value = definition.dueOn === undefined ? undefined : start.attributes[definition.dueOn.attribute]
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  try {
    return { dueDate: value, dueAtMs: endOfLondonDay(value) }
  } catch {
    return undefined
  }
}

/** Closes a running instance as cancelled by a new start of its clock (`ClockDefinition.restart`). */
function supersede(current: SubjectlessInstance, start: Start, now: string | Date): void {
  current.stoppedAt = new Date(start.at).toISOString()
  current.stopEventId = start.id
  current.closedBy = 'cancel'
  current.status = statusAt(current, now)
}

/** Applies an agreed extension to the running clock: measured against the longer timescale from its start. */
function extend(
  open: { instance: SubjectlessInstance; startedMs: number },
  event: NormalEvent,
  definition: ClockDefinition,
  calendar: WorkingCalendar,
  now: string | Date,
  dueOf: (timescale: Timescale, fromMs: number, at: number) => Due,
): void {
  const extension = definition.extension
  const current = open.instance
  if (extension === undefined || current.extendedAt !== undefined) return
  const timescale = { length: extension.length, unit: current.timescale.unit }
  current.extendedAt = new Date(event.at).toISOString()
  reschedule(current, timescale, dueOf(timescale, open.startedMs, event.at), definition, calendar, now)
}

/** Re-rates the running clock from a later start event, if that brings its due time forward. */
function rerate(
  open: { instance: SubjectlessInstance; startedMs: number },
  start: Start,
  definition: ClockDefinition,
  calendar: WorkingCalendar,
  now: string | Date,
  dueOf: (timescale: Timescale, fromMs: number, at: number) => Due,
): void {
  const timescale = timescaleFor(definition, start.attributes)
  if (timescale === undefined) return
  const d = dueOf(timescale, start.at, start.at)
  const current = open.instance
  if (d.dueAtMs >= Date.parse(current.dueAt)) return
  current.reratedAt = new Date(start.at).toISOString()
  reschedule(current, timescale, d, definition, calendar, now)
}

/** Gives a running clock a new timescale and the due times that follow from it. */
function reschedule(
  current: SubjectlessInstance,
  timescale: Timescale,
  d: Due,
  definition: ClockDefinition,
  calendar: WorkingCalendar,
  now: string | Date,
): void {
  current.timescale = timescale
  current.dueDate = d.dueDate
  current.dueAt = new Date(d.dueAtMs).toISOString()
  current.dueSoonAt = new Date(dueSoonFrom(definition, d, calendar)).toISOString()
  current.status = statusAt(current, now)
}

/** Valid events, one per id, in time order (ties by id); the rest reported. */
function canonicalEvents(events: readonly CaseEvent[], ignored: IgnoredEvent[]): NormalEvent[] {
  const byId = new Map<string, NormalEvent[]>()
  for (const raw of events) {
    const id = String(raw.id)
    let at: number
    try {
      at = parseInstant(raw.occurredAt)
    } catch {
      ignored.push({
        eventId: id,
        reason: 'invalid_event',
        detail: `occurredAt ${raw.occurredAt} is not a UTC timestamp`,
      })
      continue
    }
    const event: NormalEvent = {
      id,
      childId: raw.childId === null ? null : String(raw.childId),
      subjectType: raw.subjectType ?? '',
      subjectId: String(raw.subjectId),
      type: raw.type,
      at,
      attributes: raw.attributes ?? {},
    }
    const copies = byId.get(id)
    if (copies === undefined) byId.set(id, [event])
    else copies.push(event)
  }
  const out: NormalEvent[] = []
  for (const [id, copies] of byId) {
    if (copies.length === 1) {
      out.push(copies[0] as NormalEvent)
      continue
    }
    // The same event delivered twice counts once; differing copies are reported and the
    // first in a fixed order is used, so the answer does not depend on which came first.
    const texts = copies
      .map((event) => ({ event, text: stableJson(event) }))
      .sort((a, b) => compare(a.text, b.text))
    const chosen = texts[0] as { event: NormalEvent; text: string }
    if (texts.some((c) => c.text !== chosen.text))
      ignored.push({
        eventId: id,
        reason: 'conflicting_duplicate',
        detail: `event ${id} was given with different contents`,
      })
    out.push(chosen.event)
  }
  return out.sort((a, b) => a.at - b.at || compare(a.id, b.id))
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'undefined'
}

/** Code-point order, independent of the process locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

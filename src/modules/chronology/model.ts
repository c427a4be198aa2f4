/**
 * The multi-agency chronology: the rules, pure. What an agency's contribution says (when it
 * happened, which agency, who observed or reported it, fact or reported, its significance and
 * type, and for the injury and incident log its kind), who may add and delete one, how the
 * chronology merges the events of every module with the contributions and filters them, and when
 * the injury and incident log raises a cumulative-harm warning. No I/O.
 */
import { z } from 'zod'
import entryTypesFile from '../../../reference/chronology/entry-types.json' with { type: 'json' }
import thresholdsFile from '../../../reference/chronology/cumulative-harm.json' with { type: 'json' }
import meetingsFile from '../../../reference/chronology/meetings.json' with { type: 'json' }
import {
  addCalendarDays,
  addMonths,
  dateFromParts,
  londonInstant,
  londonToday,
  longDate,
} from '../../platform/calendar/dates.js'
import type {
  ChildMobile,
  ChronologyBasis,
  ChronologySignificance,
  HarmKind,
} from '../../platform/db/schema.js'
import { LONG_ANSWER_MAX, SHORT_ANSWER_MAX } from '../../platform/http/form.js'
import type { Role } from '../../platform/permissions/roles.js'

export interface Code<T extends string = string> {
  code: T
  label: string
}

export interface EntryType extends Code {
  /** The kind of injury and incident log entry the type is, unless the contributor says otherwise. */
  harmKind?: HarmKind
}

const HARM_KIND_CODES = ['injury', 'incident', 'was_not_brought'] as const satisfies readonly HarmKind[]

/** Checks the reference file once, at start: a bad code list fails here, not on a page. */
export function readEntryTypes(raw: unknown): EntryType[] {
  const parsed = z
    .object({
      types: z
        .array(
          z.object({
            code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
            label: z.string().min(1),
            harmKind: z.enum(HARM_KIND_CODES).optional(),
          }),
        )
        .min(1),
    })
    .parse(raw)
  if (new Set(parsed.types.map((t) => t.code)).size !== parsed.types.length)
    throw new Error('A chronology entry type is listed twice')
  return parsed.types.map(({ harmKind, ...t }) => (harmKind ? { ...t, harmKind } : t))
}

/** The thresholds of the cumulative-harm warnings, each with where its figure comes from. */
export interface HarmThresholds {
  repeatedInjuries: { count: number; withinWeeks: number; source: string }
  babyInjury: { underMonths: number; source: string }
  wasNotBrought: { count: number; withinMonths: number; source: string }
}

export function readThresholds(raw: unknown): HarmThresholds {
  const count = z.number().int().min(1)
  const source = z.string().min(1)
  return z
    .object({
      repeatedInjuries: z.object({ count, withinWeeks: z.number().int().min(1), source }),
      babyInjury: z.object({ underMonths: z.number().int().min(1), source }),
      wasNotBrought: z.object({ count, withinMonths: z.number().int().min(1), source }),
    })
    .parse(raw)
}

export const ENTRY_TYPES: readonly EntryType[] = readEntryTypes(entryTypesFile)
export const THRESHOLDS: HarmThresholds = readThresholds(thresholdsFile)

export const BASES: readonly (Code<ChronologyBasis> & { hint: string })[] = [
  { code: 'fact', label: 'Fact', hint: 'Seen or heard directly by the source, or confirmed by a record' },
  { code: 'reported', label: 'Reported', hint: 'Told to the source by someone else, and not confirmed' },
]

export const SIGNIFICANCES: readonly Code<ChronologySignificance>[] = [
  { code: 'high', label: 'High' },
  { code: 'medium', label: 'Medium' },
  { code: 'low', label: 'Low' },
]

export const HARM_KINDS: readonly Code<HarmKind>[] = [
  { code: 'injury', label: 'An injury' },
  { code: 'incident', label: 'An incident (police, domestic abuse, an accident)' },
  { code: 'was_not_brought', label: 'An appointment the child was not brought to' },
]

export const MOBILITY: readonly Code<ChildMobile>[] = [
  { code: 'yes', label: 'Yes, mobile (crawling, walking)' },
  { code: 'no', label: 'No, not mobile' },
  { code: 'not_known', label: 'Not known' },
]

/** The type the chronology's filter gives every event another module recorded in Haven. */
export const RECORDED_IN_HAVEN: Code = { code: 'haven_record', label: 'Recorded in Haven' }

export function labelOf(list: readonly Code[], code: string | null | undefined): string | null {
  return list.find((c) => c.code === code)?.label ?? null
}

// ---------------------------------------------------------------------------------------------
// Who may add and delete (who reads is the record's own rule: `child.view`)

/**
 * The roles that work with children and so contribute what they know: partner practitioners (on
 * a child they have a live grant for), the front door, social workers and managers. Performance
 * officers, administrators and auditors never open a child's record and add nothing.
 */
export const CONTRIBUTING_ROLES: readonly Role[] = [
  'partner_practitioner',
  'front_door_screener',
  'mash_social_worker',
  'social_worker',
  'team_manager',
  'service_manager',
]

/** Whether a person who may view the child's record may add to their chronology. */
export function mayContribute(role: Role, viewsChild: boolean): boolean {
  return viewsChild && CONTRIBUTING_ROLES.includes(role)
}

export type Permission = { allowed: true } | { allowed: false; reason: string }

/** Deleting a contribution (softly, with a reason, kept): its author, or a manager of the case. */
export function mayDelete(
  entry: { recordedBy: number; deletedAt: Date | null },
  actorId: number,
  managesCase: boolean,
): Permission {
  if (entry.deletedAt !== null) return { allowed: false, reason: 'This entry has already been deleted.' }
  if (entry.recordedBy === actorId || managesCase) return { allowed: true }
  return {
    allowed: false,
    reason: 'Only the person who added an entry, or a manager of the case, can delete it.',
  }
}

// ---------------------------------------------------------------------------------------------
// The contribution form

/** An agency staff may record a contribution for (someone phoned them), or their own service's. */
export interface AgencyChoice {
  id: number
  name: string
}

export interface ContributionInput {
  occurredOn: string
  /** The partner agency's id; null for children's social care. */
  agencyId: number | null
  source: string
  basis: ChronologyBasis
  significance: ChronologySignificance
  entryType: string
  whatHappened: string
  harmKind: HarmKind | null
  bodyPart: string | null
  childMobile: ChildMobile | null
}

/** Where an error on a field links when its first box has another id. */
export const CONTRIBUTION_FIELD_IDS = { occurred: 'occurred-day' } as const

/** The value of the agency question meaning the council's own children's social care. */
export const OWN_SERVICE = 'social_care'

const text = z.string().trim().optional().default('')
const LONG_MAX_TEXT = LONG_ANSWER_MAX.toLocaleString('en-GB')

/**
 * A contribution's answers, all checked in one pass so the error summary lists every problem at
 * once in the order of the page. `agencies` are the choices a member of staff has; null for a
 * partner practitioner, whose agency is their account's and is not asked.
 */
export function contributionSchema(
  now: Date,
  agencies: readonly AgencyChoice[] | null,
  types: readonly EntryType[] = ENTRY_TYPES,
) {
  return z
    .object({
      'occurred-day': text,
      'occurred-month': text,
      'occurred-year': text,
      agency: text,
      source: text,
      basis: text,
      significance: text,
      entryType: text,
      whatHappened: text,
      harmKind: text,
      bodyPart: text,
      childMobile: text,
    })
    .transform((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      const occurredOn = readDate(v, now, issue)
      let agencyId: number | null = null
      if (agencies !== null && v.agency !== '' && v.agency !== OWN_SERVICE) {
        const chosen = agencies.find((a) => String(a.id) === v.agency)
        if (chosen) agencyId = chosen.id
        else issue('agency', 'Select an agency from the list')
      }
      if (v.source === '') issue('source', 'Enter who observed or reported it')
      else if (v.source.length > SHORT_ANSWER_MAX)
        issue('source', `Who observed or reported it must be ${SHORT_ANSWER_MAX} characters or fewer`)
      const basis = BASES.find((b) => b.code === v.basis)?.code
      if (!basis) issue('basis', 'Select whether it is fact or reported')
      const significance = SIGNIFICANCES.find((s) => s.code === v.significance)?.code
      if (!significance) issue('significance', 'Select how significant it is')
      const type = types.find((t) => t.code === v.entryType)
      if (!type) issue('entryType', 'Select the type of entry')
      if (v.whatHappened === '') issue('whatHappened', 'Enter what happened')
      else if (v.whatHappened.length > LONG_ANSWER_MAX)
        issue('whatHappened', `What happened must be ${LONG_MAX_TEXT} characters or fewer`)
      // Left unanswered, an injury or "was not brought" type is that kind of log entry.
      const answered = HARM_KINDS.find((k) => k.code === v.harmKind)?.code
      if (v.harmKind !== '' && v.harmKind !== 'none' && !answered)
        issue('harmKind', 'Select whether it was an injury, an incident or an appointment missed')
      const harmKind = v.harmKind === 'none' ? null : (answered ?? type?.harmKind ?? null)
      let bodyPart: string | null = null
      let childMobile: ChildMobile | null = null
      if (harmKind === 'injury') {
        if (v.bodyPart === '') issue('bodyPart', 'Enter where on the body the injury was')
        else if (v.bodyPart.length > SHORT_ANSWER_MAX)
          issue('bodyPart', `Where on the body must be ${SHORT_ANSWER_MAX} characters or fewer`)
        else bodyPart = v.bodyPart
        childMobile = MOBILITY.find((m) => m.code === v.childMobile)?.code ?? null
        if (!childMobile) issue('childMobile', 'Select whether the child was mobile')
      }
      if (
        occurredOn === null ||
        !basis ||
        !significance ||
        !type ||
        v.source === '' ||
        v.source.length > SHORT_ANSWER_MAX ||
        v.whatHappened === '' ||
        v.whatHappened.length > LONG_ANSWER_MAX ||
        ctx.issues.length > 0
      )
        return z.NEVER
      return {
        occurredOn,
        agencyId,
        source: v.source,
        basis,
        significance,
        entryType: type.code,
        whatHappened: v.whatHappened,
        harmKind,
        bodyPart,
        childMobile,
      } satisfies ContributionInput
    })
}

function readDate(
  v: Record<string, string>,
  now: Date,
  issue: (path: string, message: string) => void,
): string | null {
  const [d, m, y] = [v['occurred-day'] ?? '', v['occurred-month'] ?? '', v['occurred-year'] ?? '']
  if (d === '' && m === '' && y === '') {
    issue('occurred', 'Enter the date it happened')
    return null
  }
  const iso = dateFromParts(d, m, y)
  if (iso === null) {
    issue('occurred', 'Date it happened must be a real date')
    return null
  }
  if (iso > londonToday(now)) {
    issue('occurred', 'Date it happened must be today or in the past')
    return null
  }
  return iso
}

export const deleteSchema = z.object({
  reason: z
    .string({ error: 'Enter why this entry is being deleted' })
    .trim()
    .min(1, 'Enter why this entry is being deleted')
    .max(LONG_ANSWER_MAX, `The reason must be ${LONG_MAX_TEXT} characters or fewer`),
})

/**
 * The instant a contribution stands at on the chronology: the time it is recorded when it happened
 * that day, else midday (a contribution gives a date, not a time).
 */
export function entryInstant(occurredOn: string, recordedAt?: Date): Date {
  if (recordedAt && londonToday(recordedAt) === occurredOn) return recordedAt
  return londonInstant(occurredOn, '12:00')
}

/** The line the child's record chronology shows for a contribution: who and what. */
export function contributionSummary(agencyName: string, entryType: string): string {
  const type = labelOf(ENTRY_TYPES, entryType) ?? entryType
  return `Chronology entry from ${agencyName}: ${type.charAt(0).toLowerCase()}${type.slice(1)}`
}

// ---------------------------------------------------------------------------------------------
// The chronology: every module's events and the contributions, newest first, filtered and paged

/** One line of the multi-agency chronology. */
export interface ChronologyItem {
  /** Where it stands in time (a contribution's date at midday, or when recorded that day). */
  at: Date
  /** A contribution's date (shown without a time), or null for an event (shown with its time). */
  occurredOn: string | null
  agency: string
  /** A contribution's type code, or `RECORDED_IN_HAVEN` for an event of another module. */
  type: string
  typeText: string
  summary: string
  recordedBy: string | null
  /** The contribution's own details; null for an event. */
  entry: {
    id: number
    source: string
    basis: ChronologyBasis
    significance: ChronologySignificance
    whatHappened: string
    harmKind: HarmKind | null
    bodyPart: string | null
    childMobile: ChildMobile | null
    recordedById: number
    deleted: { at: Date; by: string | null; reason: string } | null
  } | null
  /** The child the line is about, on a family's chronology. */
  child?: { id: number; name: string }
}

/** The lines on one page of the chronology, and the most the printable version prints. */
export const PAGE_SIZE = 100
export const PRINT_MAX = 5000

export interface ChronologyFilter {
  agencies: readonly string[]
  types: readonly string[]
}

/**
 * The filter as the store applies it in SQL, so that the pages and their count agree with it.
 * An event's agency is its presenter's for its type, so the agencies chosen become the event
 * types on the record that belong to them. Nothing chosen in a group leaves that group open.
 */
export interface LineFilter {
  /** Whether other modules' events are shown at all (no type chosen, or "Recorded in Haven"). */
  events: boolean
  /** The event types shown; null for every type. */
  eventTypes: readonly string[] | null
  /** Whether contributions are shown at all (no type chosen, or a contribution's type). */
  entries: boolean
  entryAgencies: readonly string[] | null
  entryTypes: readonly string[] | null
}

export function lineFilter(
  filter: ChronologyFilter,
  eventTypesOnRecord: readonly string[],
  agencyOf: (type: string) => string,
): LineFilter {
  const anyType = filter.types.length === 0
  const anyAgency = filter.agencies.length === 0
  const entryTypes = filter.types.filter((t) => t !== RECORDED_IN_HAVEN.code)
  return {
    events: anyType || filter.types.includes(RECORDED_IN_HAVEN.code),
    eventTypes: anyAgency ? null : eventTypesOnRecord.filter((t) => filter.agencies.includes(agencyOf(t))),
    entries: anyType || entryTypes.length > 0,
    entryAgencies: anyAgency ? null : filter.agencies,
    entryTypes: anyType ? null : entryTypes,
  }
}

/**
 * The children's lines counted by what the filter chooses by (the store's `lineCounts`): other
 * modules' events by child and type, contributions by child, agency and type.
 */
export interface LineCounts {
  events: { childId: number; type: string; lines: number }[]
  entries: { childId: number; agency: string; entryType: string; lines: number }[]
}

const within = (chosen: readonly string[] | null, value: string) => chosen === null || chosen.includes(value)

/**
 * How many of these children's lines the filter keeps, from their counts: the same lines the
 * store's SQL keeps for a page (an event of a type chosen; a contribution of an agency and a type
 * chosen), so the count and the pages agree.
 */
export function linesKept(counts: LineCounts, children: readonly number[], filter: LineFilter): number {
  const of = new Set(children)
  let n = 0
  if (filter.events)
    for (const e of counts.events) if (of.has(e.childId) && within(filter.eventTypes, e.type)) n += e.lines
  if (filter.entries)
    for (const e of counts.entries)
      if (
        of.has(e.childId) &&
        within(filter.entryAgencies, e.agency) &&
        within(filter.entryTypes, e.entryType)
      )
        n += e.lines
  return n
}

/** What is on these children's chronologies to filter by: the event types, the agencies and types of contributions. */
export function onRecord(counts: LineCounts) {
  return {
    eventTypes: [...new Set(counts.events.map((e) => e.type))],
    agencies: counts.entries.map((e) => e.agency),
    entryTypes: counts.entries.map((e) => e.entryType),
  }
}

/** The filter's choices: each agency and type on the chronology once, agencies by name, types in the list's order. */
export function filterChoices(
  agencies: Iterable<string>,
  types: Iterable<string>,
): { agencies: string[]; types: Code[] } {
  const present = new Set(types)
  return {
    agencies: [...new Set(agencies)].sort((a, b) => a.localeCompare(b, 'en-GB')),
    types: [...ENTRY_TYPES, RECORDED_IN_HAVEN]
      .filter((t) => present.has(t.code))
      .map(({ code, label }) => ({ code, label })),
  }
}

// ---------------------------------------------------------------------------------------------
// No multi-agency meeting (finding F8): a child worked with, and no meeting for weeks

export interface MeetingRule {
  weeks: number
  source: string
}

export function readMeetingRule(raw: unknown): MeetingRule {
  return z.object({ weeks: z.number().int().min(1), source: z.string().min(1) }).parse(raw)
}

export const MEETING_RULE: MeetingRule = readMeetingRule(meetingsFile)

export interface MeetingWarning {
  code: 'no_meeting'
  text: string
  source: string
}

/**
 * Whether a child goes without a multi-agency meeting, in London dates: warned when the
 * involvement (the earliest live allocation or agency lead's grant; null when none) began more
 * than `weeks` weeks before today and no meeting has been held on or after the day `weeks` weeks
 * ago. A meeting exactly `weeks` weeks ago is within them; involvement begun exactly then is not
 * yet overdue.
 */
export function meetingWarning(
  involvedSince: Date | null,
  lastMeeting: Date | null,
  now: Date,
  rule: MeetingRule = MEETING_RULE,
): MeetingWarning | null {
  if (involvedSince === null) return null
  const since = addCalendarDays(londonToday(now), -7 * rule.weeks)
  if (londonToday(involvedSince) >= since) return null
  if (lastMeeting !== null && londonToday(lastMeeting) >= since) return null
  return {
    code: 'no_meeting',
    text:
      lastMeeting === null
        ? `No multi-agency meeting recorded in Haven since the work with this child began on ${longDate(londonToday(involvedSince))}`
        : `No multi-agency meeting in the last ${rule.weeks} weeks: the last was on ${longDate(londonToday(lastMeeting))}`,
    source: rule.source,
  }
}

// ---------------------------------------------------------------------------------------------
// Cumulative harm (finding F6): the injury and incident log read together

export interface LoggedHarm {
  occurredOn: string
  harmKind: HarmKind
  childMobile: ChildMobile | null
}

export interface HarmWarning {
  code: 'repeated_injuries' | 'baby_injury' | 'was_not_brought'
  text: string
  /** Where the threshold comes from. */
  source: string
}

/**
 * The most entries within a window of `reach(first)` of each other, the latest such run: its
 * length and its first and last dates. `dates` ascending.
 */
function busiestRun(dates: readonly string[], reach: (from: string) => string) {
  let best = { count: 0, from: '', to: '' }
  let start = 0
  let limit = dates.length > 0 ? reach(dates[0] as string) : ''
  for (let end = 0; end < dates.length; end++) {
    const last = dates[end] as string
    while (limit < last) limit = reach(dates[++start] as string)
    const count = end - start + 1
    if (count >= best.count) best = { count, from: dates[start] as string, to: last }
  }
  return best
}

/**
 * The warnings the log raises for a child born on `dateOfBirth` (null when not known: an unborn
 * child's log, or a record without it). Deleted entries are left out by the caller.
 * - Repeated injuries: `count` or more injuries with at most `withinWeeks` weeks from the first to
 *   the last (exactly 12 weeks apart is within 12 weeks).
 * - An injury to a baby: one that happened before the child was `underMonths` months old (on the
 *   day they turn 6 months they are no longer under it), or to a child recorded as not mobile.
 * - Repeated "was not brought": `count` or more with the last no more than `withinMonths` calendar
 *   months after the first.
 */
export function cumulativeHarmWarnings(
  log: readonly LoggedHarm[],
  dateOfBirth: string | null,
  thresholds: HarmThresholds = THRESHOLDS,
): HarmWarning[] {
  const warnings: HarmWarning[] = []
  const datesOf = (kind: HarmKind) =>
    log
      .filter((e) => e.harmKind === kind)
      .map((e) => e.occurredOn)
      .sort()
  const injuries = datesOf('injury')
  const r = thresholds.repeatedInjuries
  const run = busiestRun(injuries, (from) => addCalendarDays(from, r.withinWeeks * 7))
  if (run.count >= r.count)
    warnings.push({
      code: 'repeated_injuries',
      text: `${run.count} injuries within ${r.withinWeeks} weeks, between ${longDate(run.from)} and ${longDate(run.to)}`,
      source: r.source,
    })
  const b = thresholds.babyInjury
  const grownOn = dateOfBirth === null ? null : addMonths(dateOfBirth, b.underMonths)
  const young = log
    .filter(
      (e) =>
        e.harmKind === 'injury' &&
        (e.childMobile === 'no' ||
          (dateOfBirth !== null &&
            grownOn !== null &&
            e.occurredOn >= dateOfBirth &&
            e.occurredOn < grownOn)),
    )
    .map((e) => e.occurredOn)
    .sort()
  const latest = young.at(-1)
  if (latest !== undefined)
    warnings.push({
      code: 'baby_injury',
      text: `${young.length === 1 ? 'An injury' : `${young.length} injuries`} to a baby under ${b.underMonths} months old or a child who is not mobile, the latest on ${longDate(latest)}`,
      source: b.source,
    })
  const w = thresholds.wasNotBrought
  const missed = busiestRun(datesOf('was_not_brought'), (from) => addMonths(from, w.withinMonths))
  if (missed.count >= w.count)
    warnings.push({
      code: 'was_not_brought',
      text: `Not brought to ${missed.count} appointments within ${w.withinMonths} months, between ${longDate(missed.from)} and ${longDate(missed.to)}`,
      source: w.source,
    })
  return warnings
}

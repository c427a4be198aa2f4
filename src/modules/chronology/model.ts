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
// The chronology: every module's events and the contributions, newest first, filtered

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
  /** For a stable order when two items stand at the same instant. */
  key: string
}

/** Newest first; at the same instant by `key`, highest first, so the order is the same every time. */
export function newestFirst(items: readonly ChronologyItem[]): ChronologyItem[] {
  return [...items].sort(
    (a, b) => b.at.getTime() - a.at.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0),
  )
}

export interface ChronologyFilter {
  agencies: readonly string[]
  types: readonly string[]
}

/** The items of the agencies and types chosen; nothing chosen in a group leaves that group open. */
export function filterChronology(
  items: readonly ChronologyItem[],
  filter: ChronologyFilter,
): ChronologyItem[] {
  return items.filter(
    (i) =>
      (filter.agencies.length === 0 || filter.agencies.includes(i.agency)) &&
      (filter.types.length === 0 || filter.types.includes(i.type)),
  )
}

/** The filter's choices: each agency and type on the chronology once, agencies by name, types in the list's order. */
export function filterChoices(items: readonly ChronologyItem[]): { agencies: string[]; types: Code[] } {
  const agencies = [...new Set(items.map((i) => i.agency))].sort((a, b) => a.localeCompare(b, 'en-GB'))
  const present = new Set(items.map((i) => i.type))
  const types = [...ENTRY_TYPES, RECORDED_IN_HAVEN].filter((t) => present.has(t.code))
  return { agencies, types: types.map(({ code, label }) => ({ code, label })) }
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
  for (let end = 0; end < dates.length; end++) {
    const last = dates[end] as string
    while (reach(dates[start] as string) < last) start++
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
  const young = log
    .filter(
      (e) =>
        e.harmKind === 'injury' &&
        (e.childMobile === 'no' ||
          (dateOfBirth !== null &&
            e.occurredOn >= dateOfBirth &&
            e.occurredOn < addMonths(dateOfBirth, b.underMonths))),
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

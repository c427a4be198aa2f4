/**
 * The records the SSDA903 also needs, kept as plain dated records on the child's care record:
 * previous permanence when a period of care starts (the 903's PrevPerm), missing and away from
 * placement episodes with the return home interview (Missing), and unaccompanied asylum-seeking
 * child status with its age assessment (UASC). Pure: the code lists, the forms' schemas, the
 * rules that need the record (the period's start, the child's birthday, the other episodes) and
 * the words each writes on the chronology.
 *
 * The rules follow the 903's own, so what Haven records exports without errors: an order's date
 * is before care started (rule 632) and Z1 has none (635); an episode has a start (564, 1004)
 * and an end on or after it; DUC is on or before the 18th birthday (304).
 */
import { z } from 'zod'
import { addYears, londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { dayBoxes, readDay, type Code, type Refusal } from './model.js'

/** PREV_PERM: the order the child was under before this period of care, if any. */
export const PREVIOUS_PERMANENCE: readonly Code[] = [
  { code: 'P1', label: 'Adoption' },
  { code: 'P2', label: 'Special guardianship order (SGO)' },
  { code: 'P3', label: 'Child arrangements order (residence order)' },
  { code: 'Z1', label: 'None, or not known' },
]
export const NO_PREVIOUS_ORDER = 'Z1'

/** MISSING: missing, or away from placement without authorisation. */
export const MISSING_KINDS: readonly Code[] = [
  { code: 'M', label: 'Missing' },
  { code: 'A', label: 'Away from placement without authorisation' },
]

export const AGE_ASSESSMENTS = {
  accepted: 'Age as claimed accepted',
  older: 'Found to be older than claimed',
  younger: 'Found to be younger than claimed',
} as const
export type AgeAssessmentOutcome = keyof typeof AGE_ASSESSMENTS

/** The case events these records write (the rhi-72h clock runs from a return to the offer). */
export const RECORDS_EVENTS = {
  previousPermanence: 'care.previous_permanence_recorded',
  uasc: 'care.uasc_recorded',
  missingStarted: 'missing.started',
  missingReturned: 'missing.returned',
  rhiOffered: 'rhi.offered',
  rhiHeld: 'rhi.held',
} as const
/** The subject of a missing episode's events and clock (reference/clock-definitions.json). */
export const MISSING_SUBJECT = 'missing_episode'
export const RHI_CLOCK = 'rhi-72h'

/** A missing episode's days sit at noon: a return and an offer the same day are 0 hours apart. */
export const missingInstant = (date: string) => londonInstant(date, '12:00')

export const RECORDS_CHRONOLOGY: ChronologyPresenter = {
  types: ['missing.*', 'rhi.*'],
  summary: (event: ChronologyEvent) => event.summary,
  datedTypes: [
    RECORDS_EVENTS.missingStarted,
    RECORDS_EVENTS.missingReturned,
    RECORDS_EVENTS.rhiOffered,
    RECORDS_EVENTS.rhiHeld,
  ],
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
const codeWords = (list: readonly Code[], code: string) => list.find((c) => c.code === code)?.label ?? code

// ---------------------------------------------------------------------------------------------
// Previous permanence

export interface PreviousPermanenceInput {
  kind: string
  orderDate: string | null
  orderLa: string | null
}

/** Why the previous permanence cannot be recorded for a period starting `periodStart`, or null. */
export function previousPermanenceRefusal(
  input: PreviousPermanenceInput,
  s: { periodStart: string; dateOfBirth: string | null },
): Refusal | null {
  if (input.orderDate === null) return null
  if (input.orderDate >= s.periodStart)
    return {
      field: 'order-day',
      message: `The date of the order must be before ${longDate(s.periodStart)}, when the child started to be looked after`,
    }
  if (s.dateOfBirth !== null && input.orderDate < s.dateOfBirth)
    return {
      field: 'order-day',
      message: 'The date of the order must be on or after the child’s date of birth',
    }
  return null
}

export function previousPermanenceSummary(input: PreviousPermanenceInput): string {
  if (input.kind === NO_PREVIOUS_ORDER) return 'Previous permanence recorded: none, or not known'
  const by = input.orderLa ? `, arranged by ${input.orderLa}` : ''
  return `Previous permanence recorded: ${lowerFirst(codeWords(PREVIOUS_PERMANENCE, input.kind))} made ${longDate(input.orderDate ?? '')}${by}`
}

export function previousPermanenceSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      prevPerm: z.enum(PREVIOUS_PERMANENCE.map((c) => c.code) as [string, ...string[]], {
        error: 'Select the order the child was under before, or none',
      }),
      ...dayBoxes('order'),
      orderLa: z.string().optional(),
    })
    .transform((v, ctx) => {
      const order = v.prevPerm !== NO_PREVIOUS_ORDER
      const orderDate = order
        ? readDay(
            v,
            'order',
            ctx,
            { missing: 'Enter the date the order was made', name: 'The date of the order' },
            today,
          )
        : null
      const la = order ? (v.orderLa ?? '').trim().toUpperCase() : ''
      if (la !== '' && !/^(\d{3}|WAL|SCO|NIR|NUK)$/.test(la)) {
        ctx.addIssue({
          code: 'custom',
          path: ['orderLa'],
          message: 'The authority must be its three-digit DfE code, or WAL, SCO, NIR or NUK',
        })
        return z.NEVER
      }
      if (order && orderDate === null) return z.NEVER
      return { kind: v.prevPerm, orderDate, orderLa: la === '' ? null : la } as PreviousPermanenceInput
    })
}

// ---------------------------------------------------------------------------------------------
// Missing and away episodes

export interface MissingInput {
  /** Null when recording the return of the open episode: its kind and start are kept. */
  kind: string | null
  start: string | null
  end: string | null
  rhiOffered: string | null
  rhiHeld: string | null
}

export interface MissingSpan {
  id: number
  start: string
  end: string | null
}

/**
 * Why the episode cannot be recorded as given, or null. A new episode starts during the open
 * period of care and overlaps no other; the return is on or after the start; the interview is
 * offered on or after the return and held on or after the offer.
 */
export function missingRefusal(
  e: { start: string; end: string | null; rhiOffered: string | null; rhiHeld: string | null },
  s: { periodStart: string; others: readonly MissingSpan[]; isNew: boolean },
): Refusal | null {
  if (s.isNew && e.start < s.periodStart)
    return {
      field: 'start-day',
      message: `The date the episode started must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
    }
  if (e.end !== null && e.end < e.start)
    return {
      field: 'end-day',
      message: `The date the child came back must be on or after ${longDate(e.start)}, when the episode started`,
    }
  if (e.rhiOffered !== null && e.end === null)
    return {
      field: 'end-day',
      message: 'Enter the date the child came back: an interview is offered after the return',
    }
  if (e.rhiOffered !== null && e.end !== null && e.rhiOffered < e.end)
    return {
      field: 'offered-day',
      message: `The date the interview was offered must be on or after ${longDate(e.end)}, when the child came back`,
    }
  if (e.rhiHeld !== null && e.rhiOffered === null)
    return { field: 'offered-day', message: 'Enter the date the interview was offered' }
  if (e.rhiHeld !== null && e.rhiOffered !== null && e.rhiHeld < e.rhiOffered)
    return {
      field: 'held-day',
      message: `The date of the interview must be on or after ${longDate(e.rhiOffered)}, when it was offered`,
    }
  const end = e.end ?? '9999-12-31'
  const clash = s.others.find((o) => o.start <= end && (o.end ?? '9999-12-31') >= e.start)
  if (clash)
    return {
      field: 'start-day',
      message: `Another episode ${clash.end ? `from ${longDate(clash.start)} to ${longDate(clash.end)}` : `from ${longDate(clash.start)}`} overlaps these dates`,
    }
  return null
}

export const missingWords = (kind: string) =>
  kind === 'M' ? 'Reported missing' : 'Away from placement without authorisation'

/**
 * @param open whether the child has an open episode: the form then records its return and the
 * interview, and asks nothing about the start.
 */
export function missingSchema(now: Date, open: boolean) {
  const today = londonToday(now)
  return z
    .object({
      kind: z.string().optional(),
      ...dayBoxes('start'),
      ...dayBoxes('end'),
      ...dayBoxes('offered'),
      ...dayBoxes('held'),
    })
    .transform((v, ctx) => {
      let kind: string | null = null
      let start: string | null = null
      if (!open) {
        kind = MISSING_KINDS.some((k) => k.code === v.kind) ? (v.kind as string) : null
        if (kind === null)
          ctx.addIssue({
            code: 'custom',
            path: ['kind'],
            message: 'Select whether the child was missing or away from placement',
          })
        start = readDay(
          v,
          'start',
          ctx,
          { missing: 'Enter the date the episode started', name: 'The date the episode started' },
          today,
        )
      }
      const end = readDay(
        v,
        'end',
        ctx,
        { missing: open ? 'Enter the date the child came back' : null, name: 'The date the child came back' },
        today,
      )
      const rhiOffered = readDay(
        v,
        'offered',
        ctx,
        { missing: null, name: 'The date the interview was offered' },
        today,
      )
      const rhiHeld = readDay(v, 'held', ctx, { missing: null, name: 'The date of the interview' }, today)
      if (ctx.issues.length > 0) return z.NEVER
      return { kind, start, end, rhiOffered, rhiHeld } as MissingInput
    })
}

// ---------------------------------------------------------------------------------------------
// UASC

export interface UascInput {
  from: string
  ceased: string | null
  assessment: AgeAssessmentOutcome | null
  assessedOn: string | null
}

/** The DfE's DUC: the date the status ceased, or else the 18th birthday, when it ceases. */
export function dateUascCeased(u: { ceased: string | null }, dateOfBirth: string | null): string | null {
  return u.ceased ?? (dateOfBirth === null ? null : addYears(dateOfBirth, 18))
}

/** Why the status cannot be recorded as given, or null. */
export function uascRefusal(u: UascInput, s: { dateOfBirth: string | null }): Refusal | null {
  if (s.dateOfBirth === null)
    return { field: 'form', message: 'Record the child’s date of birth first: the status ends at 18' }
  if (u.from < s.dateOfBirth)
    return { field: 'from-day', message: 'The date must be on or after the child’s date of birth' }
  const eighteen = addYears(s.dateOfBirth, 18)
  if (u.ceased !== null && u.ceased < u.from)
    return {
      field: 'ceased-day',
      message: `The date the status ended must be on or after ${longDate(u.from)}`,
    }
  if (u.ceased !== null && u.ceased > eighteen)
    return {
      field: 'ceased-day',
      message: `The date the status ended must be on or before ${longDate(eighteen)}, the child’s 18th birthday, when it ends in any case`,
    }
  if (u.assessedOn !== null && u.assessedOn < s.dateOfBirth)
    return {
      field: 'assessed-day',
      message: 'The date of the age assessment must be after the child’s date of birth',
    }
  return null
}

export function uascSummary(u: UascInput): string {
  const ceased = u.ceased ? `; the status ended ${longDate(u.ceased)}` : ''
  const age =
    u.assessment && u.assessedOn
      ? `; age assessed ${longDate(u.assessedOn)}: ${AGE_ASSESSMENTS[u.assessment].toLowerCase()}`
      : ''
  return `Unaccompanied asylum-seeking child from ${longDate(u.from)}${ceased}${age}`
}

export function uascSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...dayBoxes('from'),
      ...dayBoxes('ceased'),
      assessment: z.enum(['none', ...Object.keys(AGE_ASSESSMENTS)] as [string, ...string[]], {
        error: 'Select whether the child’s age was assessed, and its outcome',
      }),
      ...dayBoxes('assessed'),
    })
    .transform((v, ctx) => {
      const from = readDay(
        v,
        'from',
        ctx,
        {
          missing: 'Enter the date the child was recorded as an unaccompanied asylum-seeking child',
          name: 'The date',
        },
        today,
      )
      const ceased = readDay(v, 'ceased', ctx, { missing: null, name: 'The date the status ended' }, today)
      const assessed = v.assessment !== 'none'
      const assessedOn = assessed
        ? readDay(
            v,
            'assessed',
            ctx,
            { missing: 'Enter the date of the age assessment', name: 'The date of the age assessment' },
            today,
          )
        : null
      if (from === null || ctx.issues.length > 0) return z.NEVER
      return {
        from,
        ceased,
        assessment: assessed ? (v.assessment as AgeAssessmentOutcome) : null,
        assessedOn,
      } as UascInput
    })
}

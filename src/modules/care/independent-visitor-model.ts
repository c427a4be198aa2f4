/**
 * The independent visitor (issue 17; Children Act 1989 s.23ZB: a looked-after child whose
 * interests it serves has one appointed). Pure: the date-order rules, the forms and the
 * chronology's words. The record holds whether the child needs one (the assessment and its date),
 * the request, the volunteer matched (their name only: the volunteer's own details are the
 * independent visitor service's), their visits and the end. No I/O.
 */
import { z } from 'zod'
import { londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { optionalText, readDay, type Refusal } from './model.js'

export const INDEPENDENT_VISITOR_EVENTS = {
  assessed: 'independent_visitor.assessed',
  requested: 'independent_visitor.requested',
  matched: 'independent_visitor.matched',
  visited: 'independent_visitor.visited',
  ended: 'independent_visitor.ended',
} as const

export const INDEPENDENT_VISITOR_CHRONOLOGY: ChronologyPresenter = {
  types: ['independent_visitor.*'],
  summary: (event: ChronologyEvent) => event.summary,
  datedTypes: Object.values(INDEPENDENT_VISITOR_EVENTS),
}

/** Each record's day sits at noon in London, like a visit's. */
export const visitorInstant = (date: string) => londonInstant(date, '12:00')

/** What the record holds now, for the rules. */
export interface Arrangement {
  assessedOn: string
  needed: boolean
  requestedOn: string | null
  matchedOn: string | null
  endedOn: string | null
}

const live = (a: Arrangement | null): a is Arrangement => a !== null && a.needed && a.endedOn === null
const isLive = (a: Arrangement | null): boolean => live(a)

/** An assessment: during the period of care, after the last one, and not while an independent visitor is arranged. */
export function assessmentRefusal(s: {
  assessedOn: string
  periodStart: string
  latest: Arrangement | null
}): Refusal | null {
  if (isLive(s.latest))
    return {
      field: 'form',
      message:
        'The child already has an independent visitor arranged: record its end before a new assessment',
    }
  if (s.assessedOn < s.periodStart)
    return {
      field: 'assessed-day',
      message: `The date of the assessment must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
    }
  if (s.latest !== null && s.assessedOn < s.latest.assessedOn)
    return {
      field: 'assessed-day',
      message: `The date of the assessment must be on or after ${longDate(s.latest.assessedOn)}, the last assessment`,
    }
  return null
}

/** The request and the match: for a child assessed as needing one, in order. */
export function arrangementRefusal(
  current: Arrangement | null,
  input: { requestedOn: string; matchedOn: string | null },
): Refusal | null {
  if (!live(current))
    return {
      field: 'form',
      message: 'Record that the child needs an independent visitor before the request',
    }
  if (input.requestedOn < current.assessedOn)
    return {
      field: 'requested-day',
      message: `The date of the request must be on or after ${longDate(current.assessedOn)}, when the need was assessed`,
    }
  if (input.matchedOn !== null && input.matchedOn < input.requestedOn)
    return { field: 'matched-day', message: 'The date matched must be on or after the date of the request' }
  return null
}

/** A visit: by a matched visitor, on or after the match. */
export function visitRefusal(current: Arrangement | null, visitedOn: string): Refusal | null {
  if (!live(current) || current.matchedOn === null)
    return { field: 'form', message: 'The child has no independent visitor matched' }
  if (visitedOn < current.matchedOn)
    return {
      field: 'visited-day',
      message: `The date of the visit must be on or after ${longDate(current.matchedOn)}, when the visitor was matched`,
    }
  return null
}

/** The end: of a live arrangement, on or after everything recorded of it. */
export function endRefusal(
  current: Arrangement | null,
  endedOn: string,
  lastVisit: string | null,
): Refusal | null {
  if (!live(current)) return { field: 'form', message: 'The child has no independent visitor arranged' }
  const latest = [current.assessedOn, current.requestedOn, current.matchedOn, lastVisit]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1) as string
  if (endedOn < latest)
    return {
      field: 'ended-day',
      message: `The date it ended must be on or after ${longDate(latest)}, the last date recorded`,
    }
  return null
}

// ---------------------------------------------------------------------------------------------
// The forms

const required = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`)
const boxes = (prefix: string) => ({
  [`${prefix}-day`]: z.string().optional(),
  [`${prefix}-month`]: z.string().optional(),
  [`${prefix}-year`]: z.string().optional(),
})

export function assessmentSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...boxes('assessed'),
      needed: z.enum(['yes', 'no'], { error: 'Select whether the child needs an independent visitor' }),
      note: optionalText('The reason', 2000),
    })
    .transform((v, ctx) => {
      const assessedOn = readDay(
        v,
        'assessed',
        ctx,
        { missing: 'Enter the date of the assessment', name: 'The date of the assessment' },
        today,
      )
      return assessedOn === null ? z.NEVER : { assessedOn, needed: v.needed === 'yes', note: v.note }
    })
}
export type AssessmentInput = z.output<ReturnType<typeof assessmentSchema>>

const empty = (v: Record<string, string | undefined | null>, prefix: string) =>
  ['day', 'month', 'year'].every((k) => (v[`${prefix}-${k}`] ?? '').trim() === '')

export function arrangementSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...boxes('requested'),
      ...boxes('matched'),
      visitorName: optionalText('The independent visitor’s name', 200),
    })
    .transform((v, ctx) => {
      const requestedOn = readDay(
        v,
        'requested',
        ctx,
        { missing: 'Enter the date of the request', name: 'The date of the request' },
        today,
      )
      const matchedOn = readDay(v, 'matched', ctx, { missing: null, name: 'The date matched' }, today)
      if (matchedOn !== null && v.visitorName === null)
        ctx.addIssue({
          code: 'custom',
          path: ['visitorName'],
          message: 'Enter the independent visitor’s name',
        })
      if (matchedOn === null && v.visitorName !== null && empty(v, 'matched'))
        ctx.addIssue({ code: 'custom', path: ['matched-day'], message: 'Enter the date matched' })
      if (requestedOn !== null && matchedOn !== null && matchedOn < requestedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['matched-day'],
          message: 'The date matched must be on or after the date of the request',
        })
      return requestedOn === null
        ? z.NEVER
        : { requestedOn, matchedOn, visitorName: matchedOn === null ? null : v.visitorName }
    })
}
export type ArrangementInput = z.output<ReturnType<typeof arrangementSchema>>

export function visitSchema(now: Date) {
  const today = londonToday(now)
  return z.object({ ...boxes('visited'), note: optionalText('The note', 2000) }).transform((v, ctx) => {
    const visitedOn = readDay(
      v,
      'visited',
      ctx,
      { missing: 'Enter the date of the visit', name: 'The date of the visit' },
      today,
    )
    return visitedOn === null ? z.NEVER : { visitedOn, note: v.note }
  })
}
export type VisitInput = z.output<ReturnType<typeof visitSchema>>

export function endSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({ ...boxes('ended'), reason: required('Enter why it ended', 'Why it ended', 2000) })
    .transform((v, ctx) => {
      const endedOn = readDay(
        v,
        'ended',
        ctx,
        { missing: 'Enter the date it ended', name: 'The date it ended' },
        today,
      )
      return endedOn === null ? z.NEVER : { endedOn, reason: v.reason }
    })
}
export type EndInput = z.output<ReturnType<typeof endSchema>>

export const assessedSummary = (input: AssessmentInput) =>
  input.needed
    ? 'Assessed as needing an independent visitor'
    : `Assessed as not needing an independent visitor${input.note ? `: ${input.note}` : ''}`

/**
 * Deprivation of liberty orders (DoLOs) for a child looked after: the SSDA903's DoLo table, from
 * 2026/27. A plain dated record — the day the court made the order and the day it ended — checked
 * as it is recorded against the DfE's rules 700 to 710, so the return needs no clean-up:
 * - the start is a real day, today or before, after the child was born (708) and not before the
 *   period of care began (the 903 reports DoLOs of children looked after);
 * - the end, when given, is after the start (702: an order ending the day it started is reported),
 *   today or before;
 * - no two orders overlap (705): one may start on the day the one before ended;
 * - the child is not placed, while the order is in force, in a secure children's home (K1), with
 *   parents (P1), in a young offender institution (R5) or in supported accommodation (K3) (710).
 * Pure: no I/O.
 */
import { z } from 'zod'
import { londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { dayBoxes, readDay, type Refusal } from './model.js'

export const DOLO_EVENTS = {
  started: 'dolo.started',
  ended: 'dolo.ended',
  deleted: 'dolo.deleted',
} as const

export const DOLO_AUDIT = { record: 'care.dolo_record', delete: 'care.dolo_delete' } as const

/** A DoLO's day sits at noon on the chronology, like a missing episode's. */
export const doloInstant = (date: string) => londonInstant(date, '12:00')

export const DOLO_CHRONOLOGY: ChronologyPresenter = {
  types: ['dolo.*'],
  summary: (event: ChronologyEvent) => event.summary,
  // The start and end sit on their days; a deletion when it was made.
  datedTypes: [DOLO_EVENTS.started, DOLO_EVENTS.ended],
}

/** Placement types a child with a DoLO may not be in (rule 710), with their words. */
export const DOLO_FORBIDDEN_PLACEMENTS: Readonly<Record<string, string>> = {
  K1: 'in a secure children’s home',
  P1: 'with their parents',
  R5: 'in a young offender institution',
  K3: 'in supported accommodation',
}

export interface DoloInput {
  /** Null when the form records the end of the order in force. */
  start: string | null
  end: string | null
}

export interface DoloSpan {
  id: number
  start: string
  end: string | null
}

/**
 * @param open whether an order is in force: the form then records its end and asks no start.
 */
export function doloSchema(now: Date, open: boolean) {
  const today = londonToday(now)
  return z.object({ ...dayBoxes('start'), ...dayBoxes('end') }).transform((v, ctx): DoloInput => {
    const start = open
      ? null
      : readDay(
          v,
          'start',
          ctx,
          { missing: 'Enter the date the order was made', name: 'The date the order was made' },
          today,
        )
    const end = readDay(
      v,
      'end',
      ctx,
      { missing: open ? 'Enter the date the order ended' : null, name: 'The date the order ended' },
      today,
    )
    return { start, end }
  })
}

/** The reason asked before a DoLO is deleted. */
export const doloDeleteSchema = z.object({
  doloId: z
    .string({ error: 'Select the order to delete' })
    .regex(/^\d{1,15}$/, 'Select the order to delete')
    .transform(Number),
  reason: z
    .string({ error: 'Enter why the order is being deleted' })
    .trim()
    .min(1, 'Enter why the order is being deleted')
    .max(2000, 'The reason must be 2,000 characters or fewer'),
})

/**
 * Why this order cannot be recorded, or null. `start` and `end` are the order's (the open one's
 * start when its end is recorded); `others` the child's other orders, not deleted; `episodes` the
 * child's episodes of care with their placement type.
 */
export function doloRefusal(
  d: { start: string; end: string | null },
  s: {
    dateOfBirth: string | null
    periodStart: string
    others: readonly DoloSpan[]
    episodes: readonly { start: string; end: string | null; place: string }[]
    today: string
  },
  recordingEnd = false,
): Refusal | null {
  const field = recordingEnd ? 'end-day' : 'start-day'
  if (!recordingEnd) {
    if (s.dateOfBirth !== null && d.start <= s.dateOfBirth)
      return {
        field,
        message: `The date the order was made must be after the child’s birth, ${longDate(s.dateOfBirth)}`,
      }
    if (d.start < s.periodStart)
      return {
        field,
        message: `The date the order was made must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
      }
  }
  if (d.end !== null && d.end <= d.start)
    return {
      field: 'end-day',
      message: `The date the order ended must be after ${longDate(d.start)}, when it was made`,
    }
  const until = d.end ?? s.today
  for (const o of s.others) {
    const otherUntil = o.end ?? null
    // Overlap: each starts before the other ends (an order may start the day the last ended).
    const startsBeforeOtherEnds = otherUntil === null || d.start < otherUntil
    const otherStartsBeforeThisEnds = d.end === null || o.start < d.end
    if (startsBeforeOtherEnds && otherStartsBeforeThisEnds)
      return {
        field,
        message:
          o.end === null
            ? `An order made ${longDate(o.start)} is still in force: record when it ended first`
            : `The dates overlap the order from ${longDate(o.start)} to ${longDate(o.end)}`,
      }
  }
  for (const e of s.episodes) {
    if (e.start > until || (e.end !== null && e.end < d.start)) continue
    const words = DOLO_FORBIDDEN_PLACEMENTS[e.place]
    if (words)
      return {
        field,
        message: `A child with a deprivation of liberty order cannot be placed ${words} (the child was from ${longDate(e.start)})`,
      }
  }
  return null
}

/** The chronology's words for an order. */
export function doloWords(
  kind: keyof typeof DOLO_EVENTS,
  d: { start: string; end: string | null },
  reason?: string,
) {
  switch (kind) {
    case 'started':
      return `Deprivation of liberty order made ${longDate(d.start)}`
    case 'ended':
      return `Deprivation of liberty order ended ${longDate(d.end as string)}`
    case 'deleted':
      return `Deprivation of liberty order from ${longDate(d.start)} deleted: ${reason ?? ''}`
  }
}

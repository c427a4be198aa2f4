/**
 * Child in need plans as the protection module records them (cin-plan-service.ts): a `cin_plan`
 * row from the referral's assessment (or, stepped down, from its CP plan) with the visit frequency
 * chosen at the start, its reviews (`cin_plan_review`, the first mostly within 3 months, then about
 * every 6), and its end with the census's reason for closure, authorised by the team manager. The
 * plan's `cin_plan.*` and `cin_review.held` events name the row, with the service's attributes, so
 * its clocks run as they would. Its visits are drawn with the case notes (load-notes.ts: one
 * `cin_visit` row and `cin_visit.held` event for each child on a CIN visit's note).
 *
 * Drawn from streams of their own (`cin-plan-frequency` by household, `cin-plan` by referral), so
 * the referral's stream and every other row are as they were.
 */
import { timescaleFor, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import type { IsoDate } from '../../platform/calendar/dates.js'
import { CIN_PLAN_SUBJECT, CLOSURE_REASONS, VISIT_FREQUENCIES } from '../protection/cin-plan-model.js'
import { labelOf } from '../protection/model.js'
import { dayInstant } from '../protection/plan-model.js'
import { type Batch, type ChildState, HOUR, MINUTE } from './load-batch.js'
import { days, workingDayOnOrAfter, workingDayOnOrBefore } from './population-dates.js'
import type { CinPlan, Referral } from './population.js'
import { type Random, streamFor, weighted } from './random.js'

const VISIT_CLOCK = 'cin-visit'
/** A share of reviews held after they fell due. */
const LATE_REVIEWS = 0.15

/** The worker's choice of visit frequency: fortnightly for most plans stepped down from CP. */
const FREQUENCIES = {
  assessment: weighted([
    ['4w', 50],
    ['20d', 25],
    ['6w', 20],
    ['2w', 5],
  ] as const),
  cpPlan: weighted([
    ['2w', 50],
    ['20d', 30],
    ['4w', 20],
  ] as const),
}

const REVIEW_SUMMARIES: readonly string[] = [
  'Plan reviewed with the family, school and health visitor. Progress on most actions; the plan continues as agreed.',
  'Review meeting: attendance at school has improved and the parents are using the support offered. Actions updated.',
  'Reviewed the plan. The child’s views were shared through their worker; the family asked for more help with routines.',
  'Plan reviewed. Some actions are behind; the network agreed new dates and who will chase them.',
]

/** How many calendar days apart visits at this frequency fall due (the clock's timescale). */
export function visitEveryDays(frequency: string): number {
  const definition = STATUTORY_CLOCKS.find((d) => d.code === VISIT_CLOCK)
  const timescale = definition && timescaleFor(definition, { frequency })
  if (!timescale) throw new Error(`The clock ${VISIT_CLOCK} has no timescale for ${frequency}`)
  if (timescale.unit === 'weeks') return timescale.length * 7
  if (timescale.unit === 'calendar_days') return timescale.length
  throw new Error(`The clock ${VISIT_CLOCK} counts ${frequency} in ${timescale.unit}`)
}

/**
 * The plan's visit frequency: one for the household's plans starting together (they are visited
 * together), from the source the plan follows.
 */
export function cinFrequency(seed: string, familyId: string, start: IsoDate, stepDown: boolean): string {
  const random = streamFor(seed, 'load', 'cin-plan-frequency', familyId, start)
  return random.weighted(stepDown ? FREQUENCIES.cpPlan : FREQUENCIES.assessment)
}

/**
 * The days a plan is reviewed, from its start up to `until`: the first within 3 months, then
 * within 6 months of the last; a share of them late (up to a month), on working days.
 */
export function cinReviewDays(start: IsoDate, until: IsoDate, random: Random): IsoDate[] {
  const out: IsoDate[] = []
  let from = start
  for (;;) {
    const first = out.length === 0
    const late = random.chance(LATE_REVIEWS)
    // Three months are at least 89 days, six at least 181.
    const span = first
      ? late
        ? random.int(93, 120)
        : random.int(40, 88)
      : late
        ? random.int(185, 215)
        : random.int(140, 180)
    const day = late ? workingDayOnOrAfter(days(from, span)) : workingDayOnOrBefore(days(from, span))
    if (day > until) return out
    out.push(day)
    from = day
  }
}

/** What the plan follows: the referral's assessment, or its CP plan when stepped down. */
export type CinSource = { kind: 'assessment' | 'cp_plan'; id: number }

/**
 * The plan's row, its reviews and its events, as the protection module writes them; nothing
 * after `asOf` (a plan started later is not written). The end's reason is the referral's when
 * the case closed with the plan, else RC7.
 */
export function writeCinPlan(
  batch: Batch,
  state: ChildState,
  d: {
    referralId: number
    referral: Referral
    plan: CinPlan
    source: CinSource
    startedAt: number
    endedAt: number | null
    workerId: number
    managerId: number
  },
): void {
  const { ctx } = batch
  const { plan: p } = d
  if (d.startedAt > ctx.capMs) return
  const id = batch.ids.cin_plan.take()
  const stepDown = d.source.kind === 'cp_plan'
  const frequency = cinFrequency(ctx.seed, state.child.familyId, p.start, stepDown)
  const ended = d.endedAt !== null && d.endedAt <= ctx.capMs
  const reason = p.end === d.referral.closureDate ? (d.referral.closureReason ?? 'RC7') : 'RC7'
  const ends = [ended ? p.end : null, d.referral.closureDate, ctx.end].filter((x): x is IsoDate => x !== null)
  const until = ends.reduce((a, b) => (a < b ? a : b))
  const random = streamFor(ctx.seed, 'load', 'cin-plan', d.referralId)
  const reviews = cinReviewDays(p.start, until, random).filter(
    (day) => dayInstant(day).getTime() <= ctx.capMs,
  )
  const row = [
    id,
    state.personId,
    d.referralId,
    stepDown ? null : d.source.id,
    stepDown ? d.source.id : null,
    p.start,
    frequency,
    ended ? p.end : null,
    ended ? reason : null,
    ended ? d.managerId : null,
    ended ? new Date(d.endedAt as number) : null,
    // Each change through the plan's page moves its version on: reviews, visits, the end's two steps.
    1 + reviews.length + (ended ? 2 : 0),
    d.workerId,
    new Date(d.startedAt),
  ]
  batch.casework.cinPlans.push(row)
  batch.casework.cinPlanOf.set(p, { id, row, frequency })
  const label = (labelOf(VISIT_FREQUENCIES, frequency) ?? frequency).toLowerCase()
  batch.event(
    state,
    CIN_PLAN_SUBJECT,
    id,
    'cin_plan.started',
    d.startedAt,
    `Child in need plan started ${stepDown ? 'stepped down from child protection' : 'after the assessment'}: visits ${label}`,
    d.workerId,
    { frequency, ...(stepDown ? { cpPlanId: d.source.id } : { assessmentId: d.source.id }) },
  )
  for (const day of reviews) {
    const reviewId = batch.ids.cin_plan_review.take()
    const heldAt = dayInstant(day).getTime()
    const recordedAt = Math.min(heldAt + random.int(13, 40) * HOUR + random.int(0, 59) * MINUTE, ctx.capMs)
    batch.casework.cinReviews.push([
      reviewId,
      id,
      day,
      random.pick(REVIEW_SUMMARIES),
      d.workerId,
      new Date(Math.max(recordedAt, d.startedAt)),
    ])
    batch.event(
      state,
      CIN_PLAN_SUBJECT,
      id,
      'cin_review.held',
      heldAt,
      'Child in need plan review held',
      d.workerId,
      { reviewId },
    )
  }
  if (ended)
    batch.event(
      state,
      CIN_PLAN_SUBJECT,
      id,
      'cin_plan.ended',
      d.endedAt as number,
      `Child in need plan ended: ${reason} ${labelOf(CLOSURE_REASONS, reason) ?? ''}`.trim(),
      d.managerId,
      { reason },
    )
}

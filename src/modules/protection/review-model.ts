/**
 * Review child protection conferences (Working Together 2023, 4.4): arranged from a child's open
 * plan, with brothers and sisters on open plans, on a date no earlier than any of their plans
 * started or was last reviewed. The first review is due within 3 months of the initial conference,
 * then every 6 months (`cp-review-first-3m`, `cp-review-6m`). Pure.
 */
import { z } from 'zod'
import { longDate, type IsoDate } from '../../platform/calendar/dates.js'
import { arrangeSchema } from './conference-model.js'

/** The review clocks a plan runs, the first and the later ones. */
export const REVIEW_CLOCKS = ['cp-review-first-3m', 'cp-review-6m'] as const

/** A child at a review: whose plan started when and was last reviewed when. */
export interface ReviewChild {
  childId: number
  name: string
  startDate: IsoDate
  lastReview: IsoDate | null
}

/**
 * Why a review cannot be on `on` for these children, or null: never before a child's plan started,
 * nor before its last review.
 */
export function reviewDateProblem(on: IsoDate, children: readonly ReviewChild[]): string | null {
  for (const c of children) {
    if (on < c.startDate)
      return `The review cannot be before ${c.name}’s child protection plan started (${longDate(c.startDate)})`
    if (c.lastReview !== null && on < c.lastReview)
      return `The review cannot be before ${c.name}’s last review conference (${longDate(c.lastReview)})`
  }
  return null
}

export const REVIEW_ARRANGE_FIELD_IDS = {
  scheduledAt: 'scheduled-day',
  siblings: 'siblings',
  version: 'scheduled-day',
} as const

const STALE = 'The form is missing the plan’s version: open it again from the plan'

/**
 * Arranging a review: the initial conference's answers (date, time, chair, brothers and sisters
 * chosen from `siblings`), the plan's version as the form showed it, and the date checked against
 * the plan of each child at the review.
 */
export function reviewArrangeSchema(
  today: IsoDate,
  chairIds: readonly number[],
  own: ReviewChild,
  siblings: readonly ReviewChild[],
) {
  const base = arrangeSchema(
    today,
    chairIds,
    siblings.map((s) => s.childId),
  )
  return z
    .object({ version: z.string().trim().default('') })
    .catchall(z.unknown())
    .transform((v, ctx) => {
      const version = /^\d{1,9}$/.test(v.version) ? Number(v.version) : null
      if (version === null) ctx.addIssue({ code: 'custom', path: ['version'], message: STALE })
      const parsed = base.safeParse(v)
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message })
        return z.NEVER
      }
      const chosen = [own, ...siblings.filter((s) => parsed.data.siblingIds.includes(s.childId))]
      const problem = reviewDateProblem(parsed.data.scheduledOn, chosen)
      if (problem) ctx.addIssue({ code: 'custom', path: ['scheduled-day'], message: problem })
      if (problem || version === null) return z.NEVER
      return { ...parsed.data, version }
    })
}
export type ReviewArrangeInput = z.output<ReturnType<typeof reviewArrangeSchema>>

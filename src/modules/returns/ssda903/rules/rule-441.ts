/** 441: PN1–PN7 say the child was 4 or over at the review, so the review is on or after the 4th birthday. */
import { age, dobOf, rowRule } from './support-4xx-5xx.js'

const AGED_FOUR_OR_OVER = new Set(['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'])

export const rule441 = rowRule({
  code: '441',
  message:
    'Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.',
  table: 'Reviews',
  fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
  test: (r, child) =>
    r.REVIEW_CODE !== null &&
    AGED_FOUR_OR_OVER.has(r.REVIEW_CODE) &&
    (age(dobOf(child, r), r.REVIEW) ?? 4) < 4,
})

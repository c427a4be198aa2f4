/**
 * 440: PN0 says the child was under 4 at the review, so the review is before the 4th birthday.
 *
 * Reading: a review on the 4th birthday is a review of a child aged 4, so PN0 is reported. The
 * community validator only reports reviews after the birthday, which lets both PN0 (here) and
 * PN1–PN7 (rule 441) pass on the birthday itself. The DOB is the Reviews row's, or the Header's
 * when the row has none.
 */
import { age, dobOf, rowRule } from './support-4xx-5xx.js'

export const rule440 = rowRule({
  code: '440',
  message:
    'Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.',
  table: 'Reviews',
  fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
  test: (r, child) => r.REVIEW_CODE === 'PN0' && (age(dobOf(child, r), r.REVIEW) ?? 0) >= 4,
})

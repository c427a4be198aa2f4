/** 522: a decision to place for adoption is not reversed before it was made (the same day is fine). */
import { rowRule } from './support-4xx-5xx.js'

export const rule522 = rowRule({
  code: '522',
  message:
    'Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.',
  table: 'PlacedAdoption',
  fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
  test: (p) =>
    p.DATE_PLACED !== null && p.DATE_PLACED_CEASED !== null && p.DATE_PLACED_CEASED < p.DATE_PLACED,
})

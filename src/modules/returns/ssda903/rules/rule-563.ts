/** 563: a reversed decision (with a reason and a date it ceased) has the date the decision was made. */
import { isBlank } from '../model.js'
import { rowRule } from './support-4xx-5xx.js'

export const rule563 = rowRule({
  code: '563',
  message:
    'The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank',
  table: 'PlacedAdoption',
  fields: ['DATE_PLACED', 'REASON_PLACED_CEASED', 'DATE_PLACED_CEASED'],
  test: (p) =>
    !isBlank(p, 'REASON_PLACED_CEASED') && !isBlank(p, 'DATE_PLACED_CEASED') && isBlank(p, 'DATE_PLACED'),
})

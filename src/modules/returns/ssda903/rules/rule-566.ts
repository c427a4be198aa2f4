/** 566: a missing period with an end date (readable or not) says whether the child was missing or away. */
import { isBlank } from '../model.js'
import { rowRule } from './support-4xx-5xx.js'

export const rule566 = rowRule({
  code: '566',
  message:
    "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.",
  table: 'Missing',
  fields: ['MISSING', 'MIS_END'],
  test: (m) => !isBlank(m, 'MIS_END') && m.MISSING === null,
})

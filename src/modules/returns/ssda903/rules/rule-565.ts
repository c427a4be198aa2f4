/** 565: a missing period with a start date (readable or not) says whether the child was missing or away. */
import { isBlank } from '../model.js'
import { rowRule } from './support-4xx-5xx.js'

export const rule565 = rowRule({
  code: '565',
  message:
    'The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.',
  table: 'Missing',
  fields: ['MISSING', 'MIS_START'],
  test: (m) => !isBlank(m, 'MIS_START') && m.MISSING === null,
})

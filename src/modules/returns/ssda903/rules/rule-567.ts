/** 567: a missing period does not end before it starts (ending the day it starts is fine). */
import { rowRule } from './support-4xx-5xx.js'

export const rule567 = rowRule({
  code: '567',
  message:
    'The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.',
  table: 'Missing',
  fields: ['MIS_START', 'MIS_END'],
  test: (m) => m.MIS_START !== null && m.MIS_END !== null && m.MIS_END < m.MIS_START,
})

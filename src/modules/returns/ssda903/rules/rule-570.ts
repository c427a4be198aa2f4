/** 570: a missing period does not start after 31 March of the collection year. */
import { rowRule } from './support-4xx-5xx.js'

export const rule570 = rowRule({
  code: '570',
  message:
    'The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.',
  table: 'Missing',
  fields: ['MIS_START'],
  test: (m, _, ctx) => m.MIS_START !== null && m.MIS_START > ctx.collectionEnd,
})

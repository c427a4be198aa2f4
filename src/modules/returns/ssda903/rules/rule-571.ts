/** 571: a missing period that ended, ended within the collection year (1 April to 31 March, both included). */
import { inCollectionYear } from '../rule.js'
import { rowRule } from './support-4xx-5xx.js'

export const rule571 = rowRule({
  code: '571',
  message:
    'The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.',
  table: 'Missing',
  fields: ['MIS_END'],
  test: (m, _, ctx) => m.MIS_END !== null && !inCollectionYear(m.MIS_END, ctx),
})

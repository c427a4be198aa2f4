/**
 * 526: every episode has a placement provider, except temporary moves (T0–T4) and the
 * other placements Z11–Z14.
 *
 * Reading: the rule's own list (T0–T4, Z11–Z14) is used, which differs from rule 178's (T0–T3,
 * Z11–Z14) by T4. An episode with no placement type at all is reported too: nothing exempts it.
 */
import { rowRule } from './support-4xx-5xx.js'

const NO_PROVIDER_NEEDED = new Set(['T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'])

export const rule526 = rowRule({
  code: '526',
  message: 'Child is missing a placement provider code for at least one episode.',
  table: 'Episodes',
  fields: ['PLACE', 'PLACE_PROVIDER'],
  test: (e) => e.PLACE_PROVIDER === null && !(e.PLACE !== null && NO_PROVIDER_NEEDED.has(e.PLACE)),
})

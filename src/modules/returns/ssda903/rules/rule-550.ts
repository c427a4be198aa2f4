/**
 * 550: the parents' provider code (PR0) goes only with a placement with parents (P1).
 *
 * An episode with PR0 and no placement type is reported: a blank is not P1.
 */
import { rowRule } from './support-4xx-5xx.js'

export const rule550 = rowRule({
  code: '550',
  message: 'A placement provider code of PR0 can only be associated with placement P1.',
  table: 'Episodes',
  fields: ['PLACE', 'PLACE_PROVIDER'],
  test: (e) => e.PLACE_PROVIDER === 'PR0' && e.PLACE !== 'P1',
})

/** 529: other public provision (PR3) cannot provide a placement with parents, an adoptive, secure or children's home placement, or foster care. */
import { rowRule } from './support-4xx-5xx.js'

const PLACEMENTS = new Set(['P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'])

export const rule529 = rowRule({
  code: '529',
  message:
    'Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.',
  table: 'Episodes',
  fields: ['PLACE', 'PLACE_PROVIDER'],
  test: (e) => e.PLACE_PROVIDER === 'PR3' && e.PLACE !== null && PLACEMENTS.has(e.PLACE),
})

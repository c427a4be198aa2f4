/** 531: voluntary provision (PR5) cannot be a placement with parents (P1). */
import { rowRule } from './support-4xx-5xx.js'

const PLACEMENTS = new Set(['P1'])

export const rule531 = rowRule({
  code: '531',
  message: 'A placement provider code of PR5 cannot be associated with placements P1.',
  table: 'Episodes',
  fields: ['PLACE', 'PLACE_PROVIDER'],
  test: (e) => e.PLACE_PROVIDER === 'PR5' && e.PLACE !== null && PLACEMENTS.has(e.PLACE),
})

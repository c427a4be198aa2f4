/** 527: the LA's own provision (PR1) cannot be a placement with parents (P1), a health placement (R2) or a young offender institution (R5). */
import { rowRule } from './support-4xx-5xx.js'

const PLACEMENTS = new Set(['P1', 'R2', 'R5'])

export const rule527 = rowRule({
  code: '527',
  message: 'A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.',
  table: 'Episodes',
  fields: ['PLACE', 'PLACE_PROVIDER'],
  test: (e) => e.PLACE_PROVIDER === 'PR1' && e.PLACE !== null && PLACEMENTS.has(e.PLACE),
})

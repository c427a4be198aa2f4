/** 528: another LA's provision (PR2) cannot be a placement with parents (P1), a health placement (R2) or a young offender institution (R5). */
import { rowRule } from './support-4xx-5xx.js'

const PLACEMENTS = new Set(['P1', 'R2', 'R5'])

export const rule528 = rowRule({
  code: '528',
  message: 'A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.',
  table: 'Episodes',
  fields: ['PLACE', 'PLACE_PROVIDER'],
  test: (e) => e.PLACE_PROVIDER === 'PR2' && e.PLACE !== null && PLACEMENTS.has(e.PLACE),
})

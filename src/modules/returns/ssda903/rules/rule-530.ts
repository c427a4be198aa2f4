/** 530: private provision (PR4) cannot be a placement with parents (P1). */
import { rowRule } from './support-4xx-5xx.js'

const PLACEMENTS = new Set(['P1'])

export const rule530 = rowRule({
  code: '530',
  message: 'A placement provider code of PR4 cannot be associated with placement P1.',
  table: 'Episodes',
  fields: ['PLACE', 'PLACE_PROVIDER'],
  test: (e) => e.PLACE_PROVIDER === 'PR4' && e.PLACE !== null && PLACEMENTS.has(e.PLACE),
})

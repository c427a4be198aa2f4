/** 516: an SGO to former foster carers (E45, E46) ends a foster placement (U1–U6). */
import { rowRule } from './support-4xx-5xx.js'

const SGO_TO_FOSTER_CARERS = new Set(['E45', 'E46'])
const FOSTER = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6'])

export const rule516 = rowRule({
  code: '516',
  message:
    'The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.',
  table: 'Episodes',
  fields: ['REC', 'PLACE'],
  test: (e) =>
    e.REC !== null && SGO_TO_FOSTER_CARERS.has(e.REC) && !(e.PLACE !== null && FOSTER.has(e.PLACE)),
})

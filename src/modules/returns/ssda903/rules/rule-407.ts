/**
 * 407: a special guardianship order (E45–E48) ends care before the child turns 18.
 *
 * Reading: the DfE's definition is that the date of birth is less than 18 years before the end
 * date, and the message says "has reached age 18", so an order on the 18th birthday is reported.
 * The community validator reports only end dates after the birthday. A child born on
 * 29 February turns 18 on 1 March in a year without one. Reported on the episode and, once, on
 * the Header whose DOB it uses.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, age, type Hits } from './support-4xx-5xx.js'

const SGO = new Set(['E45', 'E46', 'E47', 'E48'])

export const rule407: Ssda903Rule = {
  code: '407',
  type: 'error',
  message: 'Reason episode ceased is Special Guardianship Order, but child has reached age 18.',
  affects: [
    { table: 'Episodes', fields: ['DEC', 'REC'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child) {
    const header = child.current.Header.find((h) => h.DOB !== null)
    if (!header) return NO_HITS
    let hits: Hits | undefined
    for (const e of child.current.Episodes) {
      if (e.REC !== null && SGO.has(e.REC) && (age(header.DOB, e.DEC) ?? 0) >= 18)
        hits = add(hits, 'Episodes', e, ['DEC', 'REC'])
    }
    if (hits) hits.push(...add(undefined, 'Header', header, ['DOB']))
    return hits ?? NO_HITS
  },
}

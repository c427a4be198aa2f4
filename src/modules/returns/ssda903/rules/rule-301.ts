/** 301: the date of birth is not after the end of the collection year (31 March). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule301: Ssda903Rule = {
  code: '301',
  type: 'error',
  message: 'Date of birth falls after the year ended.',
  affects: [{ table: 'Header', fields: ['DOB'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.DOB !== null && header.DOB > ctx.collectionEnd)
        (hits ??= []).push(hit('Header', header, ['DOB']))
    }
    return hits ?? NO_HITS
  },
}

/** 304: the date UASC status ceased is on or before the child's 18th birthday (by the UASC row's DOB). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule304: Ssda903Rule = {
  code: '304',
  type: 'error',
  message:
    'Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.',
  affects: [{ table: 'UASC', fields: ['DUC'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const row of child.current.UASC) {
      if (row.DUC !== null && row.DOB !== null && row.DUC > addYears(row.DOB, 18))
        (hits ??= []).push(hit('UASC', row, ['DUC']))
    }
    return hits ?? NO_HITS
  },
}

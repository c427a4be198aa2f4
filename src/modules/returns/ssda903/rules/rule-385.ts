/** 385: no episode ends after the end of the collection year. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule385: Ssda903Rule = {
  code: '385',
  type: 'error',
  message: 'Date episode ceased must be on or before the end of the current collection year.',
  affects: [{ table: 'Episodes', fields: ['DEC'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.DEC !== null && e.DEC > ctx.collectionEnd) (hits ??= []).push(hit('Episodes', e, ['DEC']))
    }
    return hits ?? NO_HITS
  },
}

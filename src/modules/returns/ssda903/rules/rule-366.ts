/** 366: each single short break (legal status V3) is its own period of care, so starts with RNE S. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule366: Ssda903Rule = {
  code: '366',
  type: 'error',
  message: 'A child cannot change placement during the course of an individual short-term respite break.',
  affects: [{ table: 'Episodes', fields: ['RNE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS === 'V3' && e.RNE !== 'S') (hits ??= []).push(hit('Episodes', e, ['RNE']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8794: a child cannot have the same disability code twice. Every row of a repeated code is
 * reported. Codes are compared exactly as written (trimmed); blank rows are not codes.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8794: CinRule = {
  code: '8794',
  type: 'error',
  message: 'Child has two or more disabilities with the same code',
  affects: [{ table: 'Disabilities', fields: ['Disability'] }],
  check(child) {
    const list = child.disabilities
    if (list.length < 2) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (let i = 0; i < list.length; i++) {
      const d = list[i]
      if (d === undefined || d.Disability === null) continue
      let repeated = false
      for (let j = 0; j < list.length && !repeated; j++)
        repeated = j !== i && list[j]?.Disability === d.Disability
      if (repeated) (hits ??= []).push(hit('Disabilities', d, ['Disability'], `code ${d.Disability}`))
    }
    return hits ?? NO_HITS
  },
}

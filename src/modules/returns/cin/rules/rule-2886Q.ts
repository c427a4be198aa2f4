/**
 * 2886Q (from 2024/25): across the return, no more than 2% of children who are born (no
 * expected date of birth) may have no sex recorded, where U (unknown) counts as none. The
 * share is of all children in the return, as in the reference validator. Reported once.
 */
import type { CinReturnRule } from '../rule.js'
import { returnLevelHit } from './shared-hits.js'

const LIMIT = 0.02

export const rule2886Q: CinReturnRule = {
  code: '2886Q',
  type: 'query',
  message:
    'Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)',
  affects: [{ table: 'ChildIdentifiers', fields: ['Sex', 'ExpectedPersonBirthDate'] }],
  scope: 'return',
  begin() {
    let children = 0
    let noSex = 0
    return {
      see(child) {
        children++
        if ((child.Sex === null || child.Sex === 'U') && child.ExpectedPersonBirthDate === null) noSex++
      },
      finish() {
        if (children === 0 || noSex / children <= LIMIT) return []
        const percent = ((noSex / children) * 100).toFixed(1)
        return [
          returnLevelHit(
            'ChildIdentifiers',
            ['Sex', 'ExpectedPersonBirthDate'],
            `${noSex} of ${children} (${percent}%)`,
          ),
        ]
      },
    }
  },
}

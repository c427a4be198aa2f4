/**
 * 2887Q: across the return, more than seven different disability codes (other than NONE)
 * should be in use. Reported once when seven or fewer are.
 *
 * Where Haven differs from the reference validator: its code keeps only the NONE rows and
 * counts them (so it queries a return with seven or fewer children recorded as NONE), the
 * opposite of its own description of the rule ("excluding NONE, the number of different
 * disability codes used should be more than 7"). Haven counts the different codes, NONE
 * excluded, and only valid codes (an invalid one is 8540's business).
 */
import { DISABILITY } from '../codes.js'
import type { CinReturnRule } from '../rule.js'
import { returnLevelHit } from './shared-hits.js'

const ENOUGH = 8

export const rule2887Q: CinReturnRule = {
  code: '2887Q',
  type: 'query',
  message:
    'Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return',
  affects: [{ table: 'Disabilities', fields: ['Disability'] }],
  scope: 'return',
  begin() {
    const used = new Set<string>()
    return {
      see(child) {
        if (used.size >= ENOUGH) return
        for (const d of child.disabilities) {
          const code = d.Disability
          if (code !== null && code !== 'NONE' && DISABILITY.has(code)) used.add(code)
        }
      },
      finish() {
        if (used.size >= ENOUGH) return []
        return [returnLevelHit('Disabilities', ['Disability'], `${used.size} codes used`)]
      },
    }
  },
}

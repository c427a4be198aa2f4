import { SSDA903_PLACE_PROVIDER_CODES, SSDA903_PLACE_WITHOUT_PROVIDER_2025 } from '../codes.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/**
 * PLACE_PROVIDER, when given, is PR0 to PR5, and is not given for a placement that has no
 * provider (T0 to T3, Z11 to Z14: the 2025/26 list). A blank provider is not this rule's business.
 */
export const rule178: Ssda903Rule = {
  code: '178',
  type: 'error',
  message: 'Placement provider code is not a valid code.',
  affects: [{ table: 'Episodes', fields: ['PLACE_PROVIDER'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.Episodes) {
      const provider = row.PLACE_PROVIDER
      if (provider === null) continue
      const noneNeeded = row.PLACE !== null && SSDA903_PLACE_WITHOUT_PROVIDER_2025.has(row.PLACE)
      if (noneNeeded || !SSDA903_PLACE_PROVIDER_CODES.has(provider))
        hits.add('Episodes', row, ['PLACE_PROVIDER'])
    }
    return hits.done()
  },
}

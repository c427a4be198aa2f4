import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** DEC and REC come together: an episode that ended has a reason, an open one has neither. */
export const rule148: Ssda903Rule = {
  code: '148',
  type: 'error',
  message: 'Date episode ceased and reason episode ceased must both be coded, or both left blank.',
  affects: [{ table: 'Episodes', fields: ['DEC', 'REC'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.Episodes) {
      if (isBlank(row, 'DEC') !== isBlank(row, 'REC')) hits.add('Episodes', row, ['DEC', 'REC'])
    }
    return hits.done()
  },
}

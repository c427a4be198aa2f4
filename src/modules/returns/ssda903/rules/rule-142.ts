/**
 * 142: every episode but the child's latest has ended: a date and a reason it ceased. The latest
 * is the one that began last (of two beginning the same day, the later in the file); an episode
 * whose start date cannot be read is neither checked nor taken as the latest.
 *
 * Read differently from the community validator: it sorts unreadable start dates last, so an
 * episode with a bad DECOM becomes the "latest" and the real latest, open as it should be, is
 * reported. Haven leaves the bad date to rule 141 and judges the others by the dates it can read.
 */
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

export const rule142: Ssda903Rule = {
  code: '142',
  type: 'error',
  message: 'A new episode has started, but the previous episode has not ended.',
  affects: [{ table: 'Episodes', fields: ['DEC', 'REC'] }],
  check(child) {
    const hits = new HitList()
    const dated = child.current.Episodes.filter((e) => e.DECOM !== null)
    if (dated.length < 2) return hits.done()
    let latest = dated[0]
    for (const e of dated) if ((e.DECOM as string) >= (latest?.DECOM as string)) latest = e
    for (const e of dated) {
      if (e !== latest && (e.DEC === null || e.REC === null)) hits.add('Episodes', e, ['DEC', 'REC'])
    }
    return hits.done()
  },
}

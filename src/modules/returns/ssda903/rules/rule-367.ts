/**
 * 367: a child has at most 75 days of single short breaks (legal status V3) in the collection
 * year. Each V3 episode counts its days within the year (DEC minus DECOM, cut to 1 April and
 * 31 March; not yet ended counts to 31 March); every V3 episode counted is reported when the
 * total is over 75. Like the community validator, Haven counts within the collection year, not
 * any rolling 12 months. Episodes without a valid DECOM, or with an invalid DEC, are left out.
 */
import { NO_HITS, hit } from '../../engine.js'
import { daysBetween } from '../episodes.js'
import { isBlank, type EpisodeRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule367: Ssda903Rule = {
  code: '367',
  type: 'error',
  message: 'The maximum amount of respite care allowable is 75 days in any 12-month period.',
  affects: [{ table: 'Episodes', fields: ['LS', 'DECOM', 'DEC'] }],
  check(child, ctx) {
    const counted: EpisodeRow[] = []
    let total = 0
    for (const e of child.current.Episodes) {
      if (e.LS !== 'V3' || e.DECOM === null) continue
      if (e.DEC === null && !isBlank(e, 'DEC')) continue
      const from = e.DECOM < ctx.collectionStart ? ctx.collectionStart : e.DECOM
      const to = e.DEC === null || e.DEC > ctx.collectionEnd ? ctx.collectionEnd : e.DEC
      const days = daysBetween(from, to)
      if (days <= 0) continue
      counted.push(e)
      total += days
    }
    if (total <= 75) return NO_HITS
    return counted.map((e) => hit('Episodes', e, ['LS', 'DECOM', 'DEC'], `${total} days in the year`))
  },
}

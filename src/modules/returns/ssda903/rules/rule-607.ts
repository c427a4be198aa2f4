/**
 * 607: a girl who ceased to be looked after in the year (an episode ending between 1 April and
 * 31 March for a reason other than X1, not under the short-break statuses V3 or V4) has her
 * MOTHER field completed.
 *
 * From 2024/25 SEX is coded M, F or U, so "girl" is SEX F. Reported: the Header row and each
 * episode that shows her leaving care. Runs only when Header and Episodes were supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import { inCollectionYear, type Ssda903Rule } from '../rule.js'

const SHORT_BREAKS = new Set(['V3', 'V4'])

export const rule607: Ssda903Rule = {
  code: '607',
  type: 'error',
  message: 'Child ceased to be looked after in the year, but mother field has not been completed.',
  affects: [
    { table: 'Header', fields: ['MOTHER', 'SEX'] },
    { table: 'Episodes', fields: ['DEC', 'REC', 'LS'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Header') || !supplied.has('Episodes')) return NO_HITS
    const headers = child.current.Header.filter((h) => h.SEX === 'F' && isBlank(h, 'MOTHER'))
    if (headers.length === 0) return NO_HITS
    const ceased = child.current.Episodes.filter(
      (e) =>
        e.DEC !== null &&
        inCollectionYear(e.DEC, ctx) &&
        e.REC !== null &&
        e.REC !== 'X1' &&
        !(e.LS !== null && SHORT_BREAKS.has(e.LS)),
    )
    if (ceased.length === 0) return NO_HITS
    const hits: RuleHit<Ssda903Table>[] = headers.map((h) => hit('Header', h, ['MOTHER']))
    for (const episode of ceased) hits.push(hit('Episodes', episode, ['DEC', 'REC']))
    return hits
  },
}

/**
 * EPI: a child in Header with no episodes (and no care leaver row, which explains why a child
 * has none) cannot be validated further on the DfE's portal.
 *
 * Like the community validator, Haven runs this rule when Header was supplied even if the
 * Episodes or OC3 file was not: a missing file means no episodes were loaded for anyone, which
 * is exactly what the warning is about.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const ruleEPI: Ssda903Rule = {
  code: 'EPI',
  type: 'error',
  message:
    'WARNING: Episodes need to be loaded for this child before further validation is possible [NOTE: This refers to the DfE portal - here, all checks that can be performed with only the available data will be.]',
  affects: [{ table: 'Header', fields: ['CHILD'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('Header')) return NO_HITS
    const { Header, Episodes, OC3 } = child.current
    if (Header.length === 0 || Episodes.length > 0 || OC3.length > 0) return NO_HITS
    const hits: RuleHit<Ssda903Table>[] = []
    for (const header of Header) hits.push(hit('Header', header, ['CHILD']))
    return hits
  },
}

/**
 * 392c: the home and placement postcodes given are real, whole postcodes: ones the postcode
 * reference table holds (`ctx.header.placement(episode).unknownPostcodes`, as the community
 * validator looks them up in the ONS list). The finding names the postcodes not found.
 *
 * A partial postcode (a sector such as `RM17 6`) is invalid: the DfE asks for full postcodes (see
 * the README, "Postcodes are full"), and it is never looked up, so it is among the unknown
 * postcodes; the finding says it is not a full postcode rather than that it was not found.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import { isFullPostcode, postcodeKey } from '../placement.js'
import type { Ssda903Rule } from '../rule.js'

/** The finding's detail: which postcodes were not found, and which are not whole postcodes. */
function detailOf(unknown: readonly string[]): string {
  const partial = unknown.filter((p) => !isFullPostcode(postcodeKey(p)))
  const missing = unknown.filter((p) => isFullPostcode(postcodeKey(p)))
  const parts: string[] = []
  if (missing.length > 0) parts.push(`not found: ${missing.join(', ')}`)
  if (partial.length > 0) parts.push(`not a full postcode: ${partial.join(', ')}`)
  return parts.join('; ')
}

export const rule392c: Ssda903Rule = {
  code: '392c',
  type: 'error',
  message: 'Postcode(s) provided are invalid.',
  affects: [
    { table: 'Episodes', fields: ['HOME_POST', 'PL_POST'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      const unknown = ctx.header.placement(e).unknownPostcodes
      if (unknown.length === 0) continue
      const keys = new Set(unknown.map(postcodeKey))
      const fields = (['HOME_POST', 'PL_POST'] as const).filter(
        (f) => e.text[f].trim() !== '' && keys.has(postcodeKey(e.text[f])),
      )
      ;(hits ??= []).push(
        hit('Episodes', e, fields.length > 0 ? fields : ['HOME_POST', 'PL_POST'], detailOf(unknown)),
      )
    }
    return hits ?? NO_HITS
  },
}

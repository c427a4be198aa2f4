/**
 * 392c: the home and placement postcodes given are real postcodes: ones the postcode reference
 * table holds (`ctx.header.placement(episode).unknownPostcodes`, as the community validator
 * looks them up in the ONS list). The finding names the postcodes not found.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { squeezePostcode } from '../episodes.js'

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
      const squeezed = new Set(unknown.map(squeezePostcode))
      const fields = (['HOME_POST', 'PL_POST'] as const).filter(
        (f) => e.text[f].trim() !== '' && squeezed.has(squeezePostcode(e.text[f])),
      )
      ;(hits ??= []).push(
        hit(
          'Episodes',
          e,
          fields.length > 0 ? fields : ['HOME_POST', 'PL_POST'],
          `not found: ${unknown.join(', ')}`,
        ),
      )
    }
    return hits ?? NO_HITS
  },
}

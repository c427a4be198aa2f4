/**
 * 1015: a placement the LA provides itself (PR1) lies in the LA's own area (the placement LA
 * derived from PL_POST is the reporting LA), except for adoption and foster placements (A3-A6,
 * U1-U6) and short breaks (LS V3, V4). Episodes with a blank LS or PLACE are not checked, and
 * nothing is checked when the reporting LA's code is not known.
 *
 * Read differently from the community validator: when no placement LA could be derived it
 * reports the episode as outside the LA. Haven reports it only when a postcode was not found in
 * the reference (naming it), and leaves a blank postcode to rule 169, rather than guess where
 * the child lives.
 */
import { SSDA903_PLACE_ADOPTION_OR_FOSTERING } from '../codes.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, isShortBreak, unknownPostcodesDetail } from './shared-row-checks.js'

export const rule1015: Ssda903Rule = {
  code: '1015',
  type: 'error',
  message: 'Placement provider is own provision but child not placed in own LA.',
  affects: [
    { table: 'Episodes', fields: ['PL_LA', 'PLACE_PROVIDER'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    const own = ctx.header.laCode
    if (own === null) return hits.done()
    for (const e of child.current.Episodes) {
      if (e.PLACE_PROVIDER !== 'PR1' || e.LS === null || e.PLACE === null) continue
      if (isShortBreak(e) || SSDA903_PLACE_ADOPTION_OR_FOSTERING.has(e.PLACE)) continue
      const facts = ctx.header.placement(e)
      if (facts.la === own) continue
      if (facts.la !== null) hits.add('Episodes', e, ['PL_LA', 'PLACE_PROVIDER'], `Placed in ${facts.la}`)
      else {
        const detail = unknownPostcodesDetail(facts)
        if (detail !== undefined) hits.add('Episodes', e, ['PL_LA', 'PLACE_PROVIDER'], detail)
      }
    }
    return hits.done()
  },
}

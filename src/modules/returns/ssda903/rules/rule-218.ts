/**
 * 218: an episode open at some point in the year (DEC blank, or on or after 1 April) in a
 * placement that Ofsted registers needs its URN. Placements that need none: P1, P3, R1, R2, R5,
 * T0–T4 and Z11–Z14, and any placement outside England.
 *
 * Where the placement is is the derived PL_LA (`ctx.header.placement`): outside England when it
 * is not an English ONS code (E…), so both ONS codes and the validator's CON, NIR, SCO, WAL, NUK
 * count. When the placement postcode is not in the reference table the episode is reported
 * (as the validator does, having no PL_LA), naming the postcode, so the LA can check.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_PLACE_WITHOUT_URN } from '../codes.js'
import { isBlank, isInvalidDate, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule218: Ssda903Rule = {
  code: '218',
  type: 'error',
  message: 'Ofsted Unique reference number (URN) is required.',
  affects: [
    { table: 'Episodes', fields: ['URN'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (!isBlank(e, 'URN') || (e.PLACE !== null && SSDA903_PLACE_WITHOUT_URN.has(e.PLACE))) continue
      if (isInvalidDate(e, 'DEC') || (e.DEC !== null && e.DEC < ctx.collectionStart)) continue
      const facts = ctx.header.placement(e)
      if (facts.la !== null && !facts.la.startsWith('E')) continue
      const detail =
        facts.la === null && facts.unknownPostcodes.length > 0
          ? `placement area not known: postcode ${facts.unknownPostcodes.join(', ')} not in the reference`
          : undefined
      ;(hits ??= []).push(hit('Episodes', e, ['URN'], detail))
    }
    return hits ?? NO_HITS
  },
}

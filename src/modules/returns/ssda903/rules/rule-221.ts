/**
 * 221: for a child in a children's home, secure home, family centre or residential school (K1,
 * K2, K3, R3, S1), other than on a short break (V3, V4), the placement postcode given is the
 * postcode of the provider the URN names. Postcodes are compared without spaces or case. A URN
 * the reference does not hold, or holds without a postcode, is reported with that said. Runs
 * only when a provider list was loaded (`ProviderInfo` in `affects`).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import { ofstedUrn, squeezePostcode } from '../episodes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const REGISTERED_SETTINGS = new Set(['K1', 'K2', 'K3', 'R3', 'S1'])

export const rule221: Ssda903Rule = {
  code: '221',
  type: 'error',
  message:
    "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
  affects: [
    { table: 'Episodes', fields: ['PL_POST'] },
    { table: 'ProviderInfo', fields: ['URN'] },
  ],
  check(child, ctx) {
    const lookUp = (urn: string) => ctx.header.provider(urn)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      const urn = ofstedUrn(e)
      if (urn === null || isBlank(e, 'PL_POST') || e.PLACE === null || !REGISTERED_SETTINGS.has(e.PLACE))
        continue
      if (e.LS !== null && SSDA903_SHORT_BREAK_LS.has(e.LS)) continue
      const provider = lookUp(urn)
      const theirs = provider?.postcode ? squeezePostcode(provider.postcode) : null
      if (theirs === squeezePostcode(e.text.PL_POST)) continue
      const detail = !provider
        ? `URN ${urn} not in the provider reference`
        : theirs === null
          ? `the reference has no postcode for ${urn}`
          : `${urn} is at ${theirs}`
      ;(hits ??= []).push(hit('Episodes', e, ['PL_POST', 'URN'], detail))
    }
    return hits ?? NO_HITS
  },
}

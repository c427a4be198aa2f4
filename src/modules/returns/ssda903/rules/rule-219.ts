/**
 * 219: the placement type agrees with the provider the URN names: PLACE is one of the types
 * Ofsted's lists give for it. A URN the provider reference does not hold is reported as such.
 * Runs only when a provider list was loaded (`ProviderInfo` in `affects`).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { ofstedUrn } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule219: Ssda903Rule = {
  code: '219',
  type: 'error',
  message:
    "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement type recorded.",
  affects: [
    { table: 'Episodes', fields: ['URN', 'PLACE'] },
    { table: 'ProviderInfo', fields: ['URN'] },
  ],
  check(child, ctx) {
    const lookUp = (urn: string) => ctx.header.provider(urn)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      const urn = ofstedUrn(e)
      if (urn === null) continue
      const provider = lookUp(urn)
      if (!provider)
        (hits ??= []).push(hit('Episodes', e, ['URN', 'PLACE'], `URN ${urn} not in the provider reference`))
      else if (e.PLACE === null || !provider.placeCodes.includes(e.PLACE))
        (hits ??= []).push(
          hit('Episodes', e, ['URN', 'PLACE'], `${urn} fits ${provider.placeCodes.join(', ') || 'no type'}`),
        )
    }
    return hits ?? NO_HITS
  },
}

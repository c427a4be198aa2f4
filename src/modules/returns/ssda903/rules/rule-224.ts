/**
 * 224: the placement provider code agrees with the provider the URN names: PLACE_PROVIDER is one
 * of the codes the reference gives for it. A URN the reference does not hold is reported as
 * such. Runs only when a provider list was loaded (`ProviderInfo` in `affects`).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { ofstedUrn } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule224: Ssda903Rule = {
  code: '224',
  type: 'error',
  message:
    "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement provider recorded.",
  affects: [
    { table: 'Episodes', fields: ['PLACE_PROVIDER'] },
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
        (hits ??= []).push(
          hit('Episodes', e, ['PLACE_PROVIDER', 'URN'], `URN ${urn} not in the provider reference`),
        )
      else if (e.PLACE_PROVIDER === null || !provider.providerCodes.includes(e.PLACE_PROVIDER))
        (hits ??= []).push(
          hit(
            'Episodes',
            e,
            ['PLACE_PROVIDER'],
            `${urn} fits ${provider.providerCodes.join(', ') || 'no provider code'}`,
          ),
        )
    }
    return hits ?? NO_HITS
  },
}

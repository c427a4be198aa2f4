/**
 * 229: own provision (PR1) is with a provider in the reporting authority's area, and other LA
 * provision (PR2) with one outside it, judged by the local authority of the provider's postcode.
 * A PR1 episode whose URN the reference does not hold is reported with that said (there is no
 * area to compare). Runs only when a provider reference was loaded and the authority's code is
 * known.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { ofstedUrn } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule229: Ssda903Rule = {
  code: '229',
  type: 'error',
  message:
    "Placement provider does not match between the placing authority and the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be inaccurate in some cases.]",
  affects: [
    { table: 'Episodes', fields: ['URN', 'PLACE_PROVIDER'] },
    { table: 'ProviderInfo', fields: ['URN'] },
  ],
  check(child, ctx) {
    const { laCode } = ctx.header
    const lookUp = (urn: string) => ctx.header.provider(urn)
    if (laCode === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      const urn = ofstedUrn(e)
      if (urn === null || (e.PLACE_PROVIDER !== 'PR1' && e.PLACE_PROVIDER !== 'PR2')) continue
      const provider = lookUp(urn)
      const theirs = provider?.la ?? null
      const ours = theirs === laCode
      if (e.PLACE_PROVIDER === 'PR1' ? !ours : ours) {
        const detail = !provider
          ? `URN ${urn} not in the provider reference`
          : `provider in ${theirs ?? 'an unknown area'}`
        ;(hits ??= []).push(hit('Episodes', e, ['URN', 'PLACE_PROVIDER'], detail))
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 227: an episode does not start on or after the day its provider's registration ended. URNs
 * the reference does not hold are left to 219. Runs only when a provider list was loaded (`ProviderInfo` in `affects`).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { ofstedUrn } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule227: Ssda903Rule = {
  code: '227',
  type: 'error',
  message: 'Ofsted Unique reference number (URN) is not valid for the episode start date.',
  affects: [
    { table: 'Episodes', fields: ['URN', 'DECOM'] },
    { table: 'ProviderInfo', fields: ['URN'] },
  ],
  check(child, ctx) {
    const lookUp = (urn: string) => ctx.header.provider(urn)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      const urn = ofstedUrn(e)
      if (urn === null || e.DECOM === null) continue
      const ended = lookUp(urn)?.closed ?? null
      if (ended !== null && e.DECOM >= ended)
        (hits ??= []).push(hit('Episodes', e, ['URN', 'DECOM'], `registration ended ${ended}`))
    }
    return hits ?? NO_HITS
  },
}

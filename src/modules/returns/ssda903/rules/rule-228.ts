/**
 * 228: an episode does not run past the day its provider's registration ended: its DEC, or 31
 * March for an episode not yet ended, is not after it. URNs the reference does not hold are left
 * to 219; an invalid DEC to the date rules (the community validator treats it as not ended).
 * Runs only when a provider list was loaded (`ProviderInfo` in `affects`).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { ofstedUrn } from '../episodes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule228: Ssda903Rule = {
  code: '228',
  type: 'error',
  message:
    'Ofsted Unique reference number (URN) is not valid for the episode end date [NOTE: may give false positives on open episodes at providers who close during the year]',
  affects: [
    { table: 'Episodes', fields: ['URN', 'DEC'] },
    { table: 'ProviderInfo', fields: ['URN'] },
  ],
  check(child, ctx) {
    const lookUp = (urn: string) => ctx.header.provider(urn)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      const urn = ofstedUrn(e)
      if (urn === null) continue
      const end = e.DEC ?? (isBlank(e, 'DEC') ? ctx.collectionEnd : null)
      const ended = lookUp(urn)?.closed ?? null
      if (end !== null && ended !== null && end > ended)
        (hits ??= []).push(hit('Episodes', e, ['URN', 'DEC'], `registration ended ${ended}`))
    }
    return hits ?? NO_HITS
  },
}

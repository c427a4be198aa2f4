/**
 * 1008: the URN given for a placement is one the Ofsted provider list holds. `XXXXXXX`, the
 * DfE's placeholder for a placement with no URN, and a blank URN are not checked (rules 214 and
 * 222 say when a URN is needed). Runs only when a provider list was loaded (`ProviderInfo` in
 * `affects`): without one the runner lists it as not run, rather than pass or fail every URN.
 *
 * Ambiguous: "not valid" could mean the URN's form (SC and six digits, or seven digits) or the
 * list. Haven checks the list, as the DfE's provider information is meant for, and no form: a URN
 * Ofsted lists is valid whatever it looks like, and one of the right form Ofsted never issued is
 * not. A provider that has closed is still in the list, so its URN is valid here; whether the
 * child could be placed there on those dates is rules 227 and 228. URNs are compared as read,
 * trimmed and upper-cased, on both sides.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { ofstedUrn } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule1008: Ssda903Rule = {
  code: '1008',
  type: 'error',
  message: 'Ofsted Unique Reference Number (URN) is not valid.',
  affects: [
    { table: 'Episodes', fields: ['URN'] },
    { table: 'ProviderInfo', fields: ['URN'] },
  ],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      const urn = ofstedUrn(e)
      if (urn === null || ctx.header.provider(urn) !== null) continue
      ;(hits ??= []).push(hit('Episodes', e, ['URN'], `URN ${urn} not in the provider list`))
    }
    return hits ?? NO_HITS
  },
}

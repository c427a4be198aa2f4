import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** A letter (not I, O or S), then 12 digits or 11 digits and a letter. */
const UPN = /^[A-HJ-NP-RT-Z](?:\d{12}|\d{11}[A-Z])$/
/** The "UPN unknown" codes the 903 accepts (UN6 and UN7 are CIN census only). */
const UNKNOWN = /^UN[1-5]$/

/** UPN, when given, is a well-formed UPN or UN1 to UN5. The check letter itself is not tested. */
export const rule168: Ssda903Rule = {
  code: '168',
  type: 'error',
  message:
    'Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.',
  affects: [{ table: 'Header', fields: ['UPN'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.Header) {
      const upn = row.UPN
      if (upn !== null && !UPN.test(upn) && !UNKNOWN.test(upn)) hits.add('Header', row, ['UPN'])
    }
    return hits.done()
  },
}

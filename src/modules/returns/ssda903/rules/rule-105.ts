/**
 * 105: the UASC flag of the XML form's HEADER is 0 or 1; blank or anything else is reported.
 *
 * Ambiguous: the CSV form has no UASC column (a child is UASC by having a UASC row), so a Header
 * row read from CSV has no flag to check and is never reported, as the community validator also
 * leaves CSV returns alone. Spaces around the code are allowed; nothing else is: "01" or "1.0"
 * (which the community validator takes for numbers and accepts) is reported, because the reader
 * does not read such a child as UASC either, and rule 105 is how the return is told so.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule105: Ssda903Rule = {
  code: '105',
  type: 'error',
  message:
    'Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or has not been completed.',
  affects: [{ table: 'Header', fields: ['UASC'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.uascFlag === undefined) continue
      const flag = header.uascFlag.trim()
      if (flag === '0' || flag === '1') continue
      const detail = flag === '' ? 'UASC is blank' : `UASC is ${flag}`
      ;(hits ??= []).push(hit('Header', header, ['UASC'], detail))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 708: a DoLO cannot start before the child was born.
 *
 * The DfE's condition is that the start is after the date of birth, so a DoLO starting on the
 * day of birth is reported too, as the community validator does. The DOB is the DoLo row's own;
 * when that is blank or unreadable, the child's Header DOB is used (the community validator
 * then says nothing).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule708: Ssda903Rule = {
  code: '708',
  type: 'error',
  message: 'Dates of DoLOs are before child’s date of birth.',
  affects: [{ table: 'DoLo', fields: ['DOLO_START'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('DoLo')) return NO_HITS
    let headerDob: string | null = null
    for (const header of child.current.Header) if (header.DOB !== null) headerDob ??= header.DOB
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const dolo of child.current.DoLo) {
      const dob = dolo.DOB ?? headerDob
      if (dolo.DOLO_START !== null && dob !== null && dolo.DOLO_START <= dob)
        (hits ??= []).push(hit('DoLo', dolo, ['DOLO_START']))
    }
    return hits ?? NO_HITS
  },
}

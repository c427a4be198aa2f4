/**
 * 209: UN1 (not yet of school age) is not a valid unknown-UPN reason for a child of school age:
 * a child who was 4 or older on 31 August before last year's 31 March (for 2025/26, on
 * 31 August 2024). A blank or invalid DOB is left to 102.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule209: Ssda903Rule = {
  code: '209',
  type: 'error',
  message:
    'Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.',
  affects: [{ table: 'Header', fields: ['UPN', 'DOB'] }],
  check(child, ctx) {
    const cutOff = `${Number(ctx.collectionStart.slice(0, 4)) - 1}-08-31`
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.UPN === 'UN1' && header.DOB !== null && addYears(header.DOB, 4) <= cutOff)
        (hits ??= []).push(hit('Header', header, ['UPN', 'DOB']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 624: the date of birth of a mother's first child (MC_DOB) does not change from one year to the
 * next. When last year's Header gave an MC_DOB for the child, this year's must be the same day.
 *
 * Dates are compared as dates when both are real dates (01/05/2020 and 1/5/2020 agree), and as
 * text otherwise. A blank MC_DOB this year where last year had one is reported, as the community
 * validator does. Runs only when last year's return was given with a Header table.
 *
 * Read differently from the community validator: a child with no episodes this year (a care
 * leaver reported only in OC3) is not checked. Rule 628 wants MOTHER blank for them, and with
 * MOTHER blank rule 612 wants MC_DOB blank, so a young mother looked after last year would
 * otherwise fail one of the three rules whatever the authority wrote. Haven takes 628 as saying
 * motherhood details are not collected for such a child, so there is nothing for 624 to compare.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type HeaderRow, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

function mcDob(header: HeaderRow): string {
  return header.MC_DOB ?? header.text.MC_DOB.trim()
}

export const rule624: Ssda903Rule = {
  code: '624',
  type: 'error',
  message:
    'Date of birth of the first child contradicts the date of birth of the first child previously recorded.',
  affects: [{ table: 'Header', fields: ['MC_DOB'] }],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.current.has('Header') || !supplied.previous.has('Header')) return NO_HITS
    if (child.current.Episodes.length === 0) return NO_HITS
    const before = child.previous.Header.filter((h) => !isBlank(h, 'MC_DOB')).map(mcDob)
    if (before.length === 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      const now = mcDob(header)
      if (before.some((b) => b !== now)) (hits ??= []).push(hit('Header', header, ['MC_DOB']))
    }
    return hits ?? NO_HITS
  },
}

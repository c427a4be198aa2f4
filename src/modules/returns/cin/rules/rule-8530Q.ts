/**
 * 8530Q: an unborn child's expected date of birth should fall in the window the DfE gives, the
 * reference date less 30 days to the reference date plus 9 months, both ends excluded: for
 * 31 March 2026, from 2 March to 30 December 2026.
 */
import { addCalendarDays } from '../../../../platform/calendar/dates.js'
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'
import { shiftDate } from './shared-dates.js'

export const rule8530Q: CinRule = {
  code: '8530Q',
  type: 'query',
  message:
    'Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
  affects: [{ table: 'ChildIdentifiers', fields: ['ExpectedPersonBirthDate'] }],
  check(child, ctx) {
    const expected = child.ExpectedPersonBirthDate
    if (expected === null) return NO_HITS
    const earliest = addCalendarDays(ctx.referenceDate, -30)
    const latest = shiftDate(ctx.referenceDate, 0, 9)
    if (expected > earliest && expected < latest) return NO_HITS
    return [hit('ChildIdentifiers', child, ['ExpectedPersonBirthDate'], `expected ${expected}`)]
  },
}

/**
 * 208: a child's UPN this year agrees with last year's. Allowed changes: from unknown (blank or
 * any of UN1–UN5) to a real UPN, and from UN1 or blank to UN2–UN5. Blank in both years is left to
 * the rule about a missing UPN. Runs only when last year's Header was supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const UNKNOWN = new Set(['UN1', 'UN2', 'UN3', 'UN4', 'UN5'])
const LATER_UNKNOWN = new Set(['UN2', 'UN3', 'UN4', 'UN5'])

function allowed(now: string | null, last: string | null): boolean {
  if (now === last) return true
  const lastUnknown = last === null || UNKNOWN.has(last)
  if (lastUnknown && now !== null && !UNKNOWN.has(now)) return true
  return (last === null || last === 'UN1') && now !== null && LATER_UNKNOWN.has(now)
}

export const rule208: Ssda903Rule = {
  code: '208',
  type: 'error',
  message:
    'Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.',
  affects: [{ table: 'Header', fields: ['UPN'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Header')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (child.previous.Header.some((last) => !allowed(header.UPN, last.UPN)))
        (hits ??= []).push(hit('Header', header, ['UPN']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 202: a child's sex this year agrees with last year's return. Only runs when last year's
 * Header was supplied, and only for children in both years.
 *
 * Haven reads the codes of before 2024/25 (`1` male, `2` female) as the same as `M` and `F`,
 * so the first return in the new coding is not reported for every child; the community
 * validator compares the text and would.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const SAME_AS: Readonly<Record<string, string>> = { '1': 'M', '2': 'F' }

function sex(code: string | null): string | null {
  return code === null ? null : (SAME_AS[code] ?? code)
}

export const rule202: Ssda903Rule = {
  code: '202',
  type: 'error',
  message: 'The gender code conflicts with the gender already recorded for this child.',
  affects: [{ table: 'Header', fields: ['SEX'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Header')) return NO_HITS
    const before = child.previous.Header
    if (before.length === 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      const now = sex(header.SEX)
      if (before.some((last) => sex(last.SEX) !== now)) (hits ??= []).push(hit('Header', header, ['SEX']))
    }
    return hits ?? NO_HITS
  },
}

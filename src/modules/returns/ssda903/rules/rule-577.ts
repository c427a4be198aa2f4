/**
 * 577: a missing period that started during a period of care that has ended has an end date.
 *
 * Reading: the community validator also reports, under this code, closed missing periods that
 * end outside the period of care, and open periods that started outside any period of care.
 * Those are not what the message describes; the start outside care is rule 578's and 581's.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, inPeriod, periodsOfCare, type Hits } from './support-4xx-5xx.js'

export const rule577: Ssda903Rule = {
  code: '577',
  type: 'error',
  message:
    'Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.',
  affects: [
    { table: 'Missing', fields: ['MIS_END'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC'] },
  ],
  check(child) {
    const open = child.current.Missing.filter((m) => m.MIS_START !== null && isBlank(m, 'MIS_END'))
    if (open.length === 0) return NO_HITS
    const periods = periodsOfCare(child.current.Episodes)
    let hits: Hits | undefined
    for (const m of open) {
      const period = periods.find((p) => inPeriod(m.MIS_START!, p))
      if (period?.end) hits = add(hits, 'Missing', m, ['MIS_END'], `ceased to be looked after ${period.end}`)
    }
    return hits ?? NO_HITS
  },
}

/**
 * SW12STG2: a child looked after on 31 March has social worker episodes reported for the whole
 * year, including any time in the year when the child was not looked after.
 *
 * How Haven reads it (the DfE's wording gives no condition, and the community validator's
 * check pairs each start or end of care with each social worker episode in a way its own tests
 * disagree with):
 * - looked after on 31 March: the child's episode that started last began on or before
 *   31 March, has no end date, and is not a short-breaks status (V3, V4);
 * - the whole year: the child's earliest social worker episode starts on or before 1 April, or
 *   on or before the day the child's first episode in this year's file began when that is
 *   later (a child new to care in the year may have had no social worker before it).
 * Reported: the earliest social worker episode when it starts too late; the open episode of
 * care when the child has no social worker episode with a real start date at all. Gaps between
 * social worker episodes and their order are other rules' (SW08STG2, SW10STG2, SW17STG2).
 * Runs only when Episodes and SWEpisodes were supplied.
 */
import { NO_HITS, hit } from '../../engine.js'
import { formatDfeDate, isBlank, type EpisodeRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { swEpisodesByStart } from './shared-sw.js'

const SHORT_BREAKS = new Set(['V3', 'V4'])

export const ruleSW12STG2: Ssda903Rule = {
  code: 'SW12STG2',
  type: 'error',
  message:
    'If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after',
  affects: [
    { table: 'SWEpisodes', fields: ['SW_DECOM'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Episodes') || !supplied.has('SWEpisodes')) return NO_HITS
    let first: string | null = null
    let last: EpisodeRow | undefined
    for (const e of child.current.Episodes) {
      if (e.DECOM === null) continue
      if (first === null || e.DECOM < first) first = e.DECOM
      if (last === undefined || (last.DECOM as string) <= e.DECOM) last = e
    }
    if (first === null || last === undefined || (last.DECOM as string) > ctx.collectionEnd) return NO_HITS
    if (!isBlank(last, 'DEC') || (last.LS !== null && SHORT_BREAKS.has(last.LS))) return NO_HITS
    const from = first > ctx.collectionStart ? first : ctx.collectionStart
    const earliest = swEpisodesByStart(child.current.SWEpisodes)[0]
    if (earliest === undefined) return [hit('Episodes', last, ['DECOM', 'DEC'], 'no social worker episodes')]
    if (earliest.SW_DECOM <= from) return NO_HITS
    return [
      hit(
        'SWEpisodes',
        earliest,
        ['SW_DECOM'],
        `social worker episodes should start by ${formatDfeDate(from)}`,
      ),
    ]
  },
}

/**
 * 632: DATE_PERM, when given, is a valid date (any of its parts may be ZZ when not known) and
 * before the child's first episode starts (this year's earliest DECOM).
 *
 * A partly known date is compared by the last day it can stand for (ZZ/05/2021 is 31 May 2021;
 * 05/ZZ/2020 is 5 December 2020), so it is reported only when it must be on or after the start
 * of care; a date whose year is not known is not compared. The community validator offsets a
 * date with a ZZ month by a year from January instead, so it reads 05/ZZ/2020 as 4 January 2021.
 * A badly written date is reported even for a child with no episodes this year (the validator
 * checks only children with episodes). Reported: the PrevPerm row, and the first episode when
 * the order is on or after it.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type EpisodeRow, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { readPermanenceDate } from './shared-prevperm.js'

function firstEpisode(episodes: readonly EpisodeRow[]): (EpisodeRow & { DECOM: string }) | undefined {
  let first: (EpisodeRow & { DECOM: string }) | undefined
  for (const e of episodes) {
    if (e.DECOM !== null && (first === undefined || e.DECOM < first.DECOM))
      first = e as EpisodeRow & { DECOM: string }
  }
  return first
}

export const rule632: Ssda903Rule = {
  code: '632',
  type: 'error',
  message:
    'Date of previous permanence order not a valid value. NOTE: This rule may result in false negatives where the period of care started before the current collection year',
  affects: [
    { table: 'PrevPerm', fields: ['DATE_PERM'] },
    { table: 'Episodes', fields: ['DECOM'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Episodes') || !supplied.has('PrevPerm')) return NO_HITS
    const first = firstEpisode(child.current.Episodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    let episodeReported = false
    for (const row of child.current.PrevPerm) {
      if (isBlank(row, 'DATE_PERM')) continue
      const { valid, latest } = readPermanenceDate(row.text.DATE_PERM)
      if (!valid) {
        ;(hits ??= []).push(hit('PrevPerm', row, ['DATE_PERM']))
        continue
      }
      if (first === undefined || latest === null || latest < first.DECOM) continue
      ;(hits ??= []).push(hit('PrevPerm', row, ['DATE_PERM']))
      if (!episodeReported) hits.push(hit('Episodes', first, ['DECOM']))
      episodeReported = true
    }
    return hits ?? NO_HITS
  },
}

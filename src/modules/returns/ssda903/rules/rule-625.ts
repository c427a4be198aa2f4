/**
 * 625: the date of birth of a mother's first child (MC_DOB) is not after 31 March of the
 * collection year, nor after the day the mother ceased to be looked after.
 *
 * "Ceased to be looked after" is read from the child's last episode (the one that started
 * last): when it has an end date, MC_DOB must not be after it. The community validator takes
 * the latest end date of any episode, so a child who left care and came back is compared with
 * the earlier leaving date even though she is looked after now; Haven does not. The 31 March
 * check needs no episodes, so Haven makes it for every child (the validator only for children
 * with an ended episode). Reported: the Header row, and the episode when its end date is passed.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { EpisodeRow, Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

function lastEpisode(episodes: readonly EpisodeRow[]): EpisodeRow | undefined {
  let last: EpisodeRow | undefined
  for (const e of episodes) {
    if (e.DECOM === null) continue
    if (last === undefined || (last.DECOM as string) <= e.DECOM) last = e
  }
  return last
}

export const rule625: Ssda903Rule = {
  code: '625',
  type: 'error',
  message:
    'Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.',
  affects: [
    { table: 'Header', fields: ['MC_DOB'] },
    { table: 'Episodes', fields: ['DEC'] },
  ],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('Header')) return NO_HITS
    const last = ctx.header.supplied.current.has('Episodes') ? lastEpisode(child.current.Episodes) : undefined
    const ceased = last?.DEC ?? null
    let hits: RuleHit<Ssda903Table>[] | undefined
    let episodeReported = false
    for (const header of child.current.Header) {
      const mcDob = header.MC_DOB
      if (mcDob === null) continue
      const afterCare = ceased !== null && mcDob > ceased
      if (mcDob > ctx.collectionEnd || afterCare) (hits ??= []).push(hit('Header', header, ['MC_DOB']))
      if (afterCare && last && !episodeReported) {
        hits?.push(hit('Episodes', last, ['DEC']))
        episodeReported = true
      }
    }
    return hits ?? NO_HITS
  },
}

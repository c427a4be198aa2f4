import { SSDA903_REC_ADOPTED } from '../codes.js'
import type { EpisodeRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/**
 * A child adopted from care (an episode ending E11 or E12) has no later episodes, and no second
 * adoption. This year's and last year's episodes are taken together in order of starting date
 * (last year's first on the same day); this year's episodes after the first adoption are
 * reported. Episodes whose start date cannot be read are left out.
 */
export const rule199: Ssda903Rule = {
  code: '199',
  type: 'error',
  message:
    'Episode information shows child has been previously adopted from care. [NOTE: This only tests the current and previous year data loaded into the tool]',
  affects: [{ table: 'Episodes', fields: ['CHILD'] }],
  check(child) {
    const hits = new HitList()
    const all: { e: EpisodeRow; current: boolean }[] = [
      ...child.previous.Episodes.map((e) => ({ e, current: false })),
      ...child.current.Episodes.map((e) => ({ e, current: true })),
    ].filter(({ e }) => e.DECOM !== null)
    if (!all.some(({ e }) => e.REC !== null && SSDA903_REC_ADOPTED.has(e.REC))) return hits.done()
    all.sort((a, b) => ((a.e.DECOM as string) < (b.e.DECOM as string) ? -1 : a.e.DECOM === b.e.DECOM ? 0 : 1))
    let adopted = false
    for (const { e, current } of all) {
      if (adopted && current) hits.add('Episodes', e, ['CHILD'])
      if (e.REC !== null && SSDA903_REC_ADOPTED.has(e.REC)) adopted = true
    }
    return hits.done()
  },
}

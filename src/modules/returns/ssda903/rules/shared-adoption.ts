/** What the adoption rules (601, 602) share: which episodes record an adoption in the year. */
import type { EpisodeRow } from '../model.js'
import { inCollectionYear, type Ssda903Context } from '../rule.js'

/** REC codes for a child adopted (application unopposed, or consent dispensed with). */
export const ADOPTED_REC_CODES: ReadonlySet<string> = new Set(['E11', 'E12'])

/** The fields of AD1 that record the adoption. */
export const AD1_ADOPTION_FIELDS = [
  'DATE_INT',
  'DATE_MATCH',
  'FOSTER_CARE',
  'NB_ADOPTR',
  'SEX_ADOPTR',
  'LS_ADOPTR',
] as const

/** An episode that ended in the collection year with the child adopted. */
export function adoptedInYear(episode: EpisodeRow, ctx: Ssda903Context): boolean {
  return (
    episode.DEC !== null &&
    episode.REC !== null &&
    ADOPTED_REC_CODES.has(episode.REC) &&
    inCollectionYear(episode.DEC, ctx)
  )
}

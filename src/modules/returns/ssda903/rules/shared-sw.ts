/** What the social worker episode rules (SWnn) share. */
import { shiftDate } from '../../cin/rules/shared-dates.js'
import type { IsoDate } from '../../../../platform/calendar/working-days.js'
import { rememberLast } from '../episodes.js'
import type { SwEpisodeRow } from '../model.js'
import type { Ssda903Context } from '../rule.js'

/** The DfE began collecting social worker episodes with those open on or after 1 April 2023. */
export const SW_COLLECTED_FROM: IsoDate = '2023-04-01'

/** Reasons for a change of social worker (SW_REASON). */
export const SW_REASON_CODES: ReadonlySet<string> = new Set([
  'MANAGE',
  'FCONTA',
  'LEFTRL',
  'ORGRST',
  'TSPROC',
  'ABSENC',
  'CHCHAN',
  'PCCHAN',
  'SWDIED',
  'OTHERS',
])

/**
 * First day of the social worker reporting period: a year before the collection year starts,
 * as the community validator takes it (an episode may have ended in the year before).
 */
export function swPeriodStart(ctx: Ssda903Context): IsoDate {
  return shiftDate(ctx.collectionStart, -1)
}

export type DatedSwEpisode = SwEpisodeRow & { SW_DECOM: IsoDate }

/** The child's social worker episodes with a real start date, by start date (then file order). */
export const swEpisodesByStart: (rows: readonly SwEpisodeRow[]) => readonly DatedSwEpisode[] = rememberLast(
  (rows: readonly SwEpisodeRow[]) => {
    const dated = rows.filter((r): r is DatedSwEpisode => r.SW_DECOM !== null)
    return dated.sort((a, b) => (a.SW_DECOM < b.SW_DECOM ? -1 : a.SW_DECOM > b.SW_DECOM ? 1 : a.row - b.row))
  },
)

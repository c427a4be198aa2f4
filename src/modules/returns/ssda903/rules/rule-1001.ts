/**
 * 1001: a care leaver (a child with an OC3 row) is a relevant or former relevant child: looked
 * after for at least 13 weeks (91 days) in all since their 14th birthday and for some time
 * after their 16th, and not adopted (their latest episode did not end E11 or E12).
 *
 * The days come from this year's and last year's episodes taken together (an episode in both
 * years counted once, the copy that has ended preferred), less short breaks (LS V3, V4); the
 * latest episode, when still open, runs to 31 March; other open episodes and those whose start
 * cannot be read are not counted. The DOB is the Header's. Runs only when Episodes, OC3 and
 * Header were supplied this year and Episodes last year, as two years are the least that can
 * show 13 weeks after a 14th birthday.
 *
 * Read differently from the community validator: it means to pass over young people aged 20 or
 * over on 31 March (two years of episodes cannot show their time in care), but drops them in a
 * way that reports every one of them; it also reports a child with no readable DOB. Haven leaves
 * both alone: rule 102 reports the DOB.
 *
 * Also read differently: when the earliest episode the two years show carries on an earlier one
 * (its RNE is given and is not S, a new period of care), the child was in care before it for
 * a time the return does not show, so a short count is not evidence and nothing is reported
 * (an adopted child still is). Otherwise a young person who came into care at 14 and moved
 * placement in March two years ago would be reported on the weeks since the move.
 */
import { toDayNumber } from '../../../../platform/calendar/working-days.js'
import { SSDA903_REC_ADOPTED } from '../codes.js'
import type { EpisodeRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, birthday, isShortBreak, suppliedLastYear, suppliedThisYear } from './shared-row-checks.js'

export const rule1001: Ssda903Rule = {
  code: '1001',
  type: 'error',
  message:
    "The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'REC', 'LS'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes', 'OC3', 'Header') || !suppliedLastYear(ctx, 'Episodes'))
      return hits.done()
    if (child.current.OC3.length === 0) return hits.done()
    const dob = child.current.Header.find((h) => h.DOB !== null)?.DOB
    const end = ctx.collectionEnd
    if (dob == null || birthday(dob, 20) <= end) return hits.done()

    const episodes = onePerStart([...child.current.Episodes, ...child.previous.Episodes])
    let latest: EpisodeRow | undefined
    for (const e of episodes)
      if (latest === undefined || (e.DECOM as string) > (latest.DECOM as string)) latest = e
    const adopted = latest?.REC != null && SSDA903_REC_ADOPTED.has(latest.REC)

    const from14 = birthday(dob, 14)
    const from16 = birthday(dob, 16)
    let days14 = 0
    let days16 = 0
    for (const e of episodes) {
      if (isShortBreak(e)) continue
      const ended = e.DEC ?? (e === latest ? end : null)
      if (ended === null) continue
      days14 += daysBetween(maxDate(e.DECOM as string, from14), ended)
      days16 += daysBetween(maxDate(e.DECOM as string, from16), ended)
    }
    if (!adopted && days14 >= 91 && days16 >= 1) return hits.done()
    let earliest: EpisodeRow | undefined
    for (const e of episodes)
      if (earliest === undefined || (e.DECOM as string) < (earliest.DECOM as string)) earliest = e
    if (!adopted && earliest?.RNE != null && earliest.RNE !== 'S') return hits.done()
    const detail = adopted
      ? 'Adopted'
      : `Looked after ${days14} days since the 14th birthday, ${days16} since the 16th`
    for (const row of child.current.OC3) hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'], detail)
    return hits.done()
  },
}

/** One episode per start date: the copy with the earliest end, an ended copy before an open one. */
function onePerStart(all: readonly EpisodeRow[]): EpisodeRow[] {
  const byStart = new Map<string, EpisodeRow>()
  for (const e of all) {
    if (e.DECOM === null) continue
    const seen = byStart.get(e.DECOM)
    if (!seen || (e.DEC !== null && (seen.DEC === null || e.DEC < seen.DEC))) byStart.set(e.DECOM, e)
  }
  return [...byStart.values()]
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b
}

function daysBetween(from: string, to: string): number {
  return Math.max(0, toDayNumber(to) - toDayNumber(from))
}

/**
 * What ending care asks of a period's adoption record (`endCare` calls it in its transaction): an
 * adoption order needs the decision standing and the match recorded; any other end of a child
 * with a decision standing, or under a placement order or placed for adoption, needs the
 * decision's reversal first. Kept apart from the adoption service so the care service need not
 * import it (which imports the care service).
 */
import { adoptionEndRefusal, adoptionMilestones } from './adoption-model.js'
import { adoptionOf, episodeFactsOf } from './adoption-store.js'
import type { Refusal } from './model.js'
import type { Trx } from './store.js'

export async function adoptionEndCheck(
  trx: Trx,
  periodId: number,
  end: { date: string; reason: string },
): Promise<Refusal | null> {
  const record = await adoptionOf(trx, periodId)
  const episodes = await episodeFactsOf(trx, periodId)
  return adoptionEndRefusal(
    record
      ? { decidedOn: record.decided_on, reversedOn: record.reversed_on, matchedOn: record.matched_on }
      : null,
    adoptionMilestones(episodes),
    end,
  )
}

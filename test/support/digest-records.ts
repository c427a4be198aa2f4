/**
 * Records made by hand for the digest's known-answer tests: a referral, an authorised assessment
 * and a period of care with its placements and episodes, each as few columns as the measures read.
 */
import type { Db } from '../../src/platform/db/database.js'

const at = (iso: string) => new Date(`${iso}T12:00:00Z`)

export async function recordReferral(
  db: Db,
  childId: number,
  date: string,
  options: { nfa?: boolean; reReferral?: boolean } = {},
): Promise<number> {
  const row = await db
    .insertInto('referral')
    .values({
      child_id: childId,
      referral_date: date,
      referral_source: '5A',
      re_referral: options.reReferral ?? false,
      nfa: options.nfa ?? false,
      status: 'awaiting_allocation',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** An assessment authorised by `worker`, after a referral dated `referred` (its start, unless given). */
export async function recordAssessment(
  db: Db,
  worker: number,
  childId: number,
  dates: { started: string; authorised: string; referred?: string },
): Promise<void> {
  const referralId = await recordReferral(db, childId, dates.referred ?? dates.started)
  await db
    .insertInto('assessment')
    .values({
      child_id: childId,
      referral_id: referralId,
      started_on: dates.started,
      started_by: worker,
      started_at: at(dates.started),
      status: 'authorised',
      authorised_on: dates.authorised,
      authorised_by: worker,
      updated_by: worker,
      updated_at: at(dates.authorised),
    })
    .execute()
}

/** A placement's start, end (null while open) and postcode (null when not recorded). */
export type PlacementDates = [from: string, to: string | null, postcode?: string | null]

/**
 * A placement as a period of care records it: its dates, placement code and postcode, and its
 * episodes' legal statuses, each from the day it began (one episode under C2 unless given).
 */
export interface RecordedPlacement {
  from: string
  to: string | null
  place?: string
  postcode?: string | null
  legal?: [from: string, status: string][]
}

/**
 * A period of care recorded by `worker` with its placements in order, an episode for each legal
 * status of each, the last open unless the care ended (`ended`, for the reason given, E13 unless
 * said); an episode follows on from the one before when it starts on the day that one ended.
 */
export async function recordCarePeriod(
  db: Db,
  worker: number,
  childId: number,
  placements: readonly RecordedPlacement[],
  options: { ended?: string; reasonCeased?: string; homePostcode?: string } = {},
): Promise<{ periodId: number; placementIds: number[] }> {
  const { ended } = options
  const reasonCeased = ended ? (options.reasonCeased ?? 'E13') : null
  const period = await db
    .insertInto('care_period')
    .values({
      child_id: childId,
      start_date: placements[0]!.from,
      admission: 'emergency',
      category_of_need: 'N1',
      home_postcode: options.homePostcode ?? null,
      end_date: ended ?? null,
      reason_ceased: reasonCeased,
      ended_by: ended ? worker : null,
      started_by: worker,
      recorded_at: at(placements[0]!.from),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const placementIds: number[] = []
  for (const [i, p] of placements.entries()) {
    const placement = await db
      .insertInto('care_placement')
      .values({
        period_id: period.id,
        child_id: childId,
        start_date: p.from,
        end_date: p.to,
        place: p.place ?? 'U1',
        carer_name: 'Foster carer',
        postcode: p.postcode ?? null,
        recorded_by: worker,
        recorded_at: at(p.from),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    placementIds.push(placement.id)
    const episodes = p.legal ?? [[p.from, 'C2']]
    for (const [j, [from, legal]] of episodes.entries()) {
      const lastEpisode = j === episodes.length - 1
      const to = lastEpisode ? p.to : episodes[j + 1]![0]
      const endsCare = lastEpisode && i === placements.length - 1
      await db
        .insertInto('care_episode')
        .values({
          period_id: period.id,
          child_id: childId,
          placement_id: placement.id,
          start_date: from,
          // A new period (S), a change of placement (P), of legal status alone (L).
          rne: i === 0 && j === 0 ? 'S' : j === 0 ? 'P' : 'L',
          legal_status: legal,
          end_date: to,
          rec: to === null ? null : endsCare ? (reasonCeased ?? 'E13') : 'X1',
          reason_place_change: to !== null && lastEpisode && !endsCare ? 'CARPL' : null,
          recorded_by: worker,
          recorded_at: at(from),
        })
        .execute()
    }
  }
  return { periodId: period.id, placementIds }
}

/** A period of care of placements given as dates (and postcodes), one episode each. */
export async function recordCare(
  db: Db,
  worker: number,
  childId: number,
  placements: PlacementDates[],
  options: { ended?: string; homePostcode?: string } = {},
): Promise<void> {
  await recordCarePeriod(
    db,
    worker,
    childId,
    placements.map(([from, to, postcode]) => ({ from, to, postcode: postcode ?? null })),
    options,
  )
}

/** A team and one social worker in it: their ids. */
export async function recordTeamAndWorker(
  db: Db,
  team: string,
  username: string,
): Promise<{ teamId: number; workerId: number }> {
  const { id: teamId } = await db
    .insertInto('team')
    .values({ name: team, kind: 'assessment' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const { id: workerId } = await db
    .insertInto('app_user')
    .values({ username, display_name: team, role: 'social_worker', team_id: teamId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { teamId, workerId }
}

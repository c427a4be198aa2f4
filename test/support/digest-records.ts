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
 * A period of care recorded by `worker` with its placements, one episode each, the last open
 * unless the care ended; an episode follows on from the one before when its placement starts on
 * the day the one before ended.
 */
export async function recordCare(
  db: Db,
  worker: number,
  childId: number,
  placements: PlacementDates[],
  options: { ended?: string; homePostcode?: string } = {},
): Promise<void> {
  const { ended } = options
  const period = await db
    .insertInto('care_period')
    .values({
      child_id: childId,
      start_date: placements[0]![0],
      admission: 'emergency',
      category_of_need: 'N1',
      home_postcode: options.homePostcode ?? null,
      end_date: ended ?? null,
      reason_ceased: ended ? 'E13' : null,
      ended_by: ended ? worker : null,
      started_by: worker,
      recorded_at: at(placements[0]![0]),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [i, [from, to, postcode]] of placements.entries()) {
    const last = i === placements.length - 1
    const placement = await db
      .insertInto('care_placement')
      .values({
        period_id: period.id,
        child_id: childId,
        start_date: from,
        end_date: to,
        place: 'U1',
        carer_name: 'Foster carer',
        postcode: postcode ?? null,
        recorded_by: worker,
        recorded_at: at(from),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('care_episode')
      .values({
        period_id: period.id,
        child_id: childId,
        placement_id: placement.id,
        start_date: from,
        rne: i === 0 ? 'S' : 'P',
        legal_status: 'C2',
        end_date: to,
        rec: to === null ? null : last ? 'E13' : 'X1',
        reason_place_change: to === null || last ? null : 'CARPL',
        recorded_by: worker,
        recorded_at: at(from),
      })
      .execute()
  }
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

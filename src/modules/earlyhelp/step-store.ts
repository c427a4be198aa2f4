/**
 * Step-up and step-down's SQL (migration 0054). The front door's decision on a step-up's contact
 * comes through its published view `frontdoor_contact_child_v`; a step-down's closure and the child
 * in need plan's outcomes through protection's `protection_step_down_v` and
 * `protection_cin_outcome_v`, never their tables.
 */
import { views, type Trx } from './store.js'

export async function insertStepUp(
  trx: Trx,
  s: {
    episodeId: number
    contactChildId: number
    reason: string
    carried: string
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('eh_step_up')
    .values({
      episode_id: s.episodeId,
      contact_child_id: s.contactChildId,
      reason: s.reason,
      carried: s.carried,
      requested_by: s.by,
      requested_at: s.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** An episode's step-ups, newest first, with where the front door's decision stands. */
export async function stepUpsOf(db: Trx, episodeId: number) {
  return views(db)
    .selectFrom('eh_step_up as s')
    .innerJoin('frontdoor_contact_child_v as c', 'c.id', 's.contact_child_id')
    .innerJoin('app_user as u', 'u.id', 's.requested_by')
    .select([
      's.id',
      's.reason',
      's.carried',
      's.requested_at',
      'u.display_name as requested_by_name',
      'c.contact_id',
      'c.status',
      'c.decision',
      'c.decided_at',
    ])
    .where('s.episode_id', '=', episodeId)
    .orderBy('s.requested_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute()
}

/** Step-downs authorised and not yet taken up by early help, oldest first, with the child's name. */
export async function awaitingStepDown(db: Trx) {
  return stepDownQuery(db)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('eh_episode as e').select('e.id').whereRef('e.case_closure_id', '=', 'd.closure_id'),
        ),
      ),
    )
    .orderBy('d.closed_at')
    .orderBy('d.closure_id')
    .execute()
}

/** One step-down, with the episode started from it if there is one. */
export async function stepDown(db: Trx, closureId: number) {
  return stepDownQuery(db)
    .select((eb) =>
      eb
        .selectFrom('eh_episode as e')
        .select('e.id')
        .whereRef('e.case_closure_id', '=', 'd.closure_id')
        .as('episode_id'),
    )
    .where('d.closure_id', '=', closureId)
    .executeTakeFirst()
}

function stepDownQuery(db: Trx) {
  return db
    .selectFrom('protection_step_down_v as d')
    .innerJoin('people_person_v as p', 'p.id', 'd.child_id')
    .innerJoin('app_user as u', 'u.id', 'd.proposed_by')
    .select([
      'd.closure_id',
      'd.child_id',
      'd.closed_at',
      'd.step_down_note',
      'd.cin_plan_id',
      'u.display_name as social_worker_name',
      'p.given_name',
      'p.family_name',
    ])
}

/** The child in need plan's outcomes, with how many of their actions were delivered. */
export async function cinOutcomes(db: Trx, cinPlanId: number | null) {
  if (cinPlanId === null) return []
  return db
    .selectFrom('protection_cin_outcome_v')
    .select(['outcome_id', 'outcome', 'actions', 'delivered'])
    .where('cin_plan_id', '=', cinPlanId)
    .orderBy('outcome_id')
    .execute()
}

/** A member of staff's name, as a contact names its referrer. */
export async function userName(db: Trx, id: number): Promise<string> {
  const row = await db
    .selectFrom('app_user')
    .select('display_name')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.display_name
}

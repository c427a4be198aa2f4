/**
 * Section 47 enquiries' SQL. No permission checks here: the service decides who may call what.
 * Children's names come from the people module's published view `people_person_v`.
 */
import type { Db, Trx } from './store.js'
import type { ChildSeenInput, S47OutcomeInput } from './s47-model.js'

export async function insertS47(
  trx: Trx,
  r: { childId: number; strategyDiscussionId: number; startDate: string; joint: boolean; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('s47_enquiry')
    .values({
      child_id: r.childId,
      strategy_discussion_id: r.strategyDiscussionId,
      start_date: r.startDate,
      joint: r.joint,
      created_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The child an enquiry is about, for the route's permission check. */
export async function s47Child(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('s47_enquiry').select('child_id').where('id', '=', id).executeTakeFirst()
  return row?.child_id ?? null
}

export async function loadS47(db: Db, id: number) {
  return db
    .selectFrom('s47_enquiry as s')
    .innerJoin('people_person_v as p', 'p.id', 's.child_id')
    .innerJoin('strategy_discussion as sd', 'sd.id', 's.strategy_discussion_id')
    .leftJoin('app_user as rc', 'rc.id', 's.outcome_recorded_by')
    .selectAll('s')
    .select([
      'p.given_name',
      'p.family_name',
      'sd.held_at as discussionHeldAt',
      'sd.outcome as discussionOutcome',
      'sd.immediate_protection',
      'sd.referral_id',
      'rc.display_name as outcomeRecordedByName',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
}

export async function lockS47(trx: Trx, id: number) {
  return trx.selectFrom('s47_enquiry').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** The enquiry a strategy discussion started, if any. */
export async function s47OfDiscussion(db: Db, strategyDiscussionId: number) {
  return db
    .selectFrom('s47_enquiry')
    .select(['id', 'start_date'])
    .where('strategy_discussion_id', '=', strategyDiscussionId)
    .executeTakeFirst()
}

export async function saveChildSeen(trx: Trx, id: number, seen: ChildSeenInput) {
  await trx
    .updateTable('s47_enquiry')
    .set({ child_seen_on: seen.seenOn, child_seen_alone: seen.seenAlone })
    .where('id', '=', id)
    .execute()
}

export async function saveOutcome(trx: Trx, id: number, o: S47OutcomeInput, by: number, at: Date) {
  await trx
    .updateTable('s47_enquiry')
    .set({
      outcome: o.outcome,
      likely_significant_harm: o.likelyHarm,
      conference_needed: o.conferenceNeeded,
      no_conference_reason: o.noConferenceReason,
      completed_on: null,
      outcome_recorded_by: by,
      outcome_recorded_at: at,
    })
    .where('id', '=', id)
    .execute()
}

/** The manager authorised the outcome: the enquiry is completed on that day. */
export async function completeS47(trx: Trx, id: number, completedOn: string) {
  await trx.updateTable('s47_enquiry').set({ completed_on: completedOn }).where('id', '=', id).execute()
}

/** The manager returned the outcome: the enquiry is back in progress, to be recorded again. */
export async function clearOutcome(trx: Trx, id: number) {
  await trx
    .updateTable('s47_enquiry')
    .set({
      outcome: null,
      likely_significant_harm: null,
      conference_needed: null,
      no_conference_reason: null,
      completed_on: null,
      outcome_recorded_by: null,
      outcome_recorded_at: null,
    })
    .where('id', '=', id)
    .execute()
}

export async function s47Row(db: Db, id: number) {
  return db.selectFrom('s47_enquiry').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * A manager decided, when cancelling its initial conference, that the enquiry needs none after
 * all: it now ends with no conference, for the reason given (the census's "ICPC not required").
 */
export async function conferenceNoLongerNeeded(trx: Trx, id: number, reason: string) {
  await trx
    .updateTable('s47_enquiry')
    .set({ conference_needed: false, no_conference_reason: reason })
    .where('id', '=', id)
    .where('conference_needed', '=', true)
    .execute()
}

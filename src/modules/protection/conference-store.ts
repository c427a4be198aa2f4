/**
 * Conferences' and invitations' SQL. No permission checks here. Brothers and sisters come from
 * the people module's published view `people_sibling_v`.
 */
import type { ConferenceKind } from '../../platform/db/schema.js'
import type { ArrangeInput, ConferenceHeldInput, InviteInput } from './conference-model.js'
import type { Db, Trx } from './store.js'

/** Ids of the child's brothers and sisters (people's `people_sibling_v`). */
export async function siblingIdsOf(db: Db, childId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('people_sibling_v')
    .select('sibling_id')
    .where('child_id', '=', childId)
    .orderBy('sibling_id')
    .execute()
  return rows.map((r) => r.sibling_id)
}

/**
 * The enquiries, for these children, that need an initial conference and have none arranged yet
 * (completed, that is authorised by a manager; conference needed; not cancelled, no conference that is not cancelled).
 */
export async function s47sAwaitingConference(db: Db, childIds: readonly number[]) {
  if (childIds.length === 0) return []
  return (
    db
      .selectFrom('s47_enquiry as s')
      .innerJoin('people_person_v as p', 'p.id', 's.child_id')
      .select(['s.id', 's.child_id', 's.start_date', 'p.given_name', 'p.family_name', 'p.date_of_birth'])
      .where('s.child_id', 'in', childIds)
      .where('s.conference_needed', '=', true)
      // Authorised by a manager: the outcome's sign-off completes the enquiry.
      .where('s.completed_on', 'is not', null)
      .where('s.cancelled_at', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('conference_child as cc')
              .innerJoin('child_protection_conference as c', 'c.id', 'cc.conference_id')
              .select('cc.s47_id')
              .whereRef('cc.s47_id', '=', 's.id')
              .where('c.cancelled_at', 'is', null),
          ),
        ),
      )
      .orderBy('p.date_of_birth')
      .orderBy('s.id')
      .execute()
  )
}

/** Those who may chair a conference: managers (Haven has no CP chair or IRO role yet). */
export async function chairs(db: Db) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'role'])
    .where('role', 'in', ['team_manager', 'service_manager'])
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}

/** Partner practitioners' accounts, to give an invitation access. */
export async function partnerAccounts(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.display_name', 'a.name as agencyName', 'u.agency'])
    .where('u.role', '=', 'partner_practitioner')
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute()
}

export async function insertConference(
  trx: Trx,
  c: { kind: ConferenceKind; arrange: ArrangeInput; by: number; at: Date },
  children: readonly { childId: number; s47Id: number | null }[],
): Promise<number> {
  const { id } = await trx
    .insertInto('child_protection_conference')
    .values({
      kind: c.kind,
      scheduled_at: c.arrange.scheduledAt,
      chair_id: c.arrange.chairId,
      arranged_by: c.by,
      arranged_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('conference_child')
    .values(children.map((ch) => ({ conference_id: id, child_id: ch.childId, s47_id: ch.s47Id })))
    .execute()
  return id
}

/** One more child on an arranged conference (a brother or sister transferring in late). */
export async function insertConferenceChild(trx: Trx, conferenceId: number, childId: number) {
  await trx
    .insertInto('conference_child')
    .values({ conference_id: conferenceId, child_id: childId, s47_id: null })
    .execute()
}

/** The children a conference is about, for the route's permission check. */
export async function conferenceChildIds(db: Db, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('conference_child')
    .select('child_id')
    .where('conference_id', '=', id)
    .orderBy('child_id')
    .execute()
  return rows.map((r) => r.child_id)
}

export async function loadConference(db: Db, id: number) {
  return db
    .selectFrom('child_protection_conference as c')
    .innerJoin('app_user as ch', 'ch.id', 'c.chair_id')
    .leftJoin('app_user as rc', 'rc.id', 'c.recorded_by')
    .selectAll('c')
    .select(['ch.display_name as chairName', 'rc.display_name as recordedByName'])
    .where('c.id', '=', id)
    .executeTakeFirst()
}

export async function lockConference(trx: Trx, id: number) {
  return trx
    .selectFrom('child_protection_conference')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function conferenceChildren(db: Db, id: number) {
  return db
    .selectFrom('conference_child as cc')
    .innerJoin('people_person_v as p', 'p.id', 'cc.child_id')
    .leftJoin('s47_enquiry as s', 's.id', 'cc.s47_id')
    .select([
      'cc.child_id',
      'cc.s47_id',
      'cc.decision',
      'cc.category',
      'cc.end_reason',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.kind',
      's.start_date as s47StartDate',
    ])
    .where('cc.conference_id', '=', id)
    .orderBy('p.date_of_birth')
    .orderBy('cc.child_id')
    .execute()
}

export async function invitationsOf(
  db: Db,
  where: { conferenceId: number } | { strategyDiscussionId: number },
) {
  let q = db
    .selectFrom('protection_invitation as i')
    .leftJoin('app_user as u', 'u.id', 'i.user_id')
    .selectAll('i')
    .select('u.display_name as accountName')
  q =
    'conferenceId' in where
      ? q.where('i.conference_id', '=', where.conferenceId)
      : q.where('i.strategy_discussion_id', '=', where.strategyDiscussionId)
  return q.orderBy('i.id').execute()
}

export async function insertInvitation(
  trx: Trx,
  where: { conferenceId: number } | { strategyDiscussionId: number },
  invite: InviteInput,
  accessUntil: Date | null,
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('protection_invitation')
    .values({
      conference_id: 'conferenceId' in where ? where.conferenceId : null,
      strategy_discussion_id: 'strategyDiscussionId' in where ? where.strategyDiscussionId : null,
      agency_kind: invite.agency,
      person_name: invite.personName,
      user_id: invite.userId,
      report_requested: invite.reportRequested,
      access_until: invite.userId === null ? null : accessUntil,
      invited_by: by,
      invited_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function loadInvitation(db: Db, id: number) {
  return db.selectFrom('protection_invitation').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockInvitation(trx: Trx, id: number) {
  return trx
    .selectFrom('protection_invitation')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function saveContribution(trx: Trx, id: number, text: string, by: number, at: Date) {
  await trx
    .updateTable('protection_invitation')
    .set({ contribution: text, contributed_by: by, contributed_at: at })
    .where('id', '=', id)
    .execute()
}

export async function saveConferenceHeld(
  trx: Trx,
  id: number,
  held: ConferenceHeldInput,
  by: number,
  at: Date,
) {
  await trx
    .updateTable('child_protection_conference')
    .set({
      held_at: held.heldAt,
      child_participation: held.childParticipation,
      family_participation: held.familyParticipation,
      participation_note: held.participationNote,
      recorded_by: by,
      recorded_at: at,
    })
    .where('id', '=', id)
    .execute()
  for (const d of held.decisions)
    await trx
      .updateTable('conference_child')
      .set({ decision: d.decision, category: d.category, end_reason: d.endReason })
      .where('conference_id', '=', id)
      .where('child_id', '=', d.childId)
      .execute()
  for (const a of held.attendance)
    await trx
      .updateTable('protection_invitation')
      .set({ attendance: a.attendance })
      .where('id', '=', a.invitationId)
      .where('conference_id', '=', id)
      .execute()
}

/** An account's role, to check an invitation names a partner practitioner who can still sign in. */
export async function accountRole(db: Db, userId: number) {
  return db.selectFrom('app_user').select(['role', 'disabled_at']).where('id', '=', userId).executeTakeFirst()
}

/** The strategy discussion an invitation is to, with its child's name. */
export async function invitationDiscussion(db: Db, id: number) {
  return db
    .selectFrom('strategy_discussion as sd')
    .innerJoin('people_person_v as p', 'p.id', 'sd.child_id')
    .select(['sd.id', 'sd.child_id', 'sd.requested_at', 'sd.held_at', 'p.given_name', 'p.family_name'])
    .where('sd.id', '=', id)
    .executeTakeFirstOrThrow()
}

/** The latest conference (not cancelled) for a section 47 enquiry, with the child's decision. */
export async function conferenceOfS47(db: Db, s47Id: number) {
  return db
    .selectFrom('conference_child as cc')
    .innerJoin('child_protection_conference as c', 'c.id', 'cc.conference_id')
    .select(['c.id', 'c.scheduled_at', 'c.held_at', 'cc.decision', 'cc.category'])
    .where('cc.s47_id', '=', s47Id)
    .where('c.cancelled_at', 'is', null)
    .orderBy('c.id', 'desc')
    .executeTakeFirst()
}

/** The initial conferences arranged for an enquiry and cancelled, oldest first. */
export async function cancelledConferencesOfS47(db: Db, s47Id: number) {
  return db
    .selectFrom('conference_child as cc')
    .innerJoin('child_protection_conference as c', 'c.id', 'cc.conference_id')
    .select(['c.id', 'c.scheduled_at', 'c.cancelled_at', 'c.cancelled_reason'])
    .where('cc.s47_id', '=', s47Id)
    .where('c.cancelled_at', 'is not', null)
    .orderBy('c.cancelled_at')
    .orderBy('c.id')
    .execute()
}

/** Marks an arranged conference cancelled, with the reason (it stays on the record). */
export async function cancelConference(trx: Trx, id: number, reason: string, at: Date) {
  await trx
    .updateTable('child_protection_conference')
    .set({ cancelled_at: at, cancelled_reason: reason })
    .where('id', '=', id)
    .where('held_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute()
}

/** Moves an arranged conference to another time. */
export async function rescheduleConference(trx: Trx, id: number, at: Date) {
  await trx
    .updateTable('child_protection_conference')
    .set({ scheduled_at: at })
    .where('id', '=', id)
    .execute()
}

/** The Haven accounts invited to a conference (their access follows the conference's date). */
export async function invitedAccounts(db: Db, conferenceId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('protection_invitation')
    .select('user_id')
    .where('conference_id', '=', conferenceId)
    .where('user_id', 'is not', null)
    .orderBy('id')
    .execute()
  return [...new Set(rows.map((r) => r.user_id as number))]
}

/** The invited accounts' access now ends at `until` (a conference moved later). */
export async function extendInvitationAccess(trx: Trx, conferenceId: number, until: Date) {
  await trx
    .updateTable('protection_invitation')
    .set({ access_until: until })
    .where('conference_id', '=', conferenceId)
    .where('user_id', 'is not', null)
    .execute()
}

/**
 * The early help module's SQL: episodes, the assessment, the team around the family and its
 * meetings, the family plan. No permission checks here; the service decides who may call what.
 * The front door's decisions come through its published view `frontdoor_contact_child_v`, and
 * children's names through the people module's `people_person_v`, never their tables.
 */
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Database, EhAttendance, EhOrigin, EhSessionOutcome } from '../../platform/db/schema.js'
import { EARLY_HELP_TEAM } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

export { childrenNamed } from '../../platform/casework/store.js'

/** The front door's view as widened by migration 0048 (the decision and when it was made). */
type ReadViews = {
  frontdoor_contact_child_v: {
    decision: string | null
    decided_at: Date | null
    received_on: string
    contact_deleted_at: Date | null
  }
}
export const views = (db: Trx) => db.withTables<ReadViews>()

// ---------------------------------------------------------------------------------------------
// The front door's early help decisions

/** Children the front door decided for early help that no episode has taken up yet, oldest first. */
export async function awaitingFromFrontDoor(db: Trx) {
  return views(db)
    .selectFrom('frontdoor_contact_child_v as c')
    .innerJoin('people_person_v as p', 'p.id', 'c.child_id')
    .select([
      'c.id',
      'c.contact_id',
      'c.child_id',
      'c.decided_at',
      'c.received_on',
      'p.given_name',
      'p.family_name',
    ])
    .where('c.decision', '=', 'early_help')
    .where('c.status', '=', 'decided')
    .where('c.contact_deleted_at', 'is', null)
    .where('c.child_id', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('eh_episode as e').select('e.id').whereRef('e.contact_child_id', '=', 'c.id'),
        ),
      ),
    )
    .orderBy('c.decided_at')
    .orderBy('c.id')
    .execute()
}

/** One child's early help decision at the front door, and whether an episode took it up. */
export async function frontDoorDecision(db: Trx, contactChildId: number) {
  return views(db)
    .selectFrom('frontdoor_contact_child_v as c')
    .select(['c.id', 'c.child_id', 'c.decision', 'c.status', 'c.decided_at', 'c.contact_deleted_at'])
    .select((eb) =>
      eb
        .selectFrom('eh_episode as e')
        .select('e.id')
        .whereRef('e.contact_child_id', '=', 'c.id')
        .as('episode_id'),
    )
    .where('c.id', '=', contactChildId)
    .executeTakeFirst()
}

// ---------------------------------------------------------------------------------------------
// Teams and people

export async function earlyHelpTeams(db: Trx, ids?: readonly number[]) {
  let q = db.selectFrom('team').select(['id', 'name', 'manager_id']).where('kind', '=', EARLY_HELP_TEAM)
  if (ids) {
    if (ids.length === 0) return []
    q = q.where('id', 'in', ids)
  }
  return q.orderBy('name').execute()
}

export async function team(db: Trx, id: number) {
  return db
    .selectFrom('team')
    .select(['id', 'name', 'kind', 'manager_id'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * Who may lead: the early help team's staff (active, in an early help team) and partner
 * practitioners of any agency, with their agency's name.
 */
export async function possibleLeads(db: Trx) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select([
      'u.id',
      'u.display_name',
      'u.role',
      'u.agency',
      'u.job_title',
      't.name as team_name',
      'a.name as agency_name',
    ])
    .where('u.disabled_at', 'is', null)
    .where('u.awaiting_confirmation', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('t.kind', '=', EARLY_HELP_TEAM), eb('u.role', 'in', ['social_worker', 'team_manager'])]),
        eb('u.role', '=', 'partner_practitioner'),
      ]),
    )
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute()
}

export async function user(db: Trx, id: number) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.agency', 'u.job_title', 'a.name as agency_name'])
    .where('u.id', '=', id)
    .executeTakeFirst()
}

// ---------------------------------------------------------------------------------------------
// Episodes

export interface NewEpisode {
  childId: number
  origin: EhOrigin
  contactChildId: number | null
  /** A step-down's closure of the social care case (origin `step_down`). */
  caseClosureId?: number | null
  teamId: number
  startedOn: string
  startedBy: number
  startedAt: Date
  consentOn: string
  consentFrom: string
  consentNote: string | null
  teamGrantId: number
}

export async function insertEpisode(trx: Trx, e: NewEpisode): Promise<number> {
  const { id } = await trx
    .insertInto('eh_episode')
    .values({
      child_id: e.childId,
      origin: e.origin,
      contact_child_id: e.contactChildId,
      case_closure_id: e.caseClosureId ?? null,
      team_id: e.teamId,
      started_on: e.startedOn,
      started_by: e.startedBy,
      started_at: e.startedAt,
      consent_on: e.consentOn,
      consent_from: e.consentFrom,
      consent_note: e.consentNote,
      status: 'awaiting_allocation',
      team_grant_id: e.teamGrantId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function setStartedEvent(trx: Trx, id: number, eventId: number): Promise<void> {
  await trx.updateTable('eh_episode').set({ started_event_id: eventId }).where('id', '=', id).execute()
}

const EPISODE_COLUMNS = [
  'e.id',
  'e.child_id',
  'e.origin',
  'e.team_id',
  'e.started_on',
  'e.started_event_id',
  'e.consent_on',
  'e.consent_from',
  'e.consent_note',
  'e.status',
  'e.lead_user_id',
  'e.lead_agency',
  'e.lead_member_id',
  'e.lead_grant_id',
  'e.allocated_at',
  'e.version',
  'e.ended_on',
  'e.case_closure_id',
  'e.end_reason',
] as const

export async function episode(db: Trx, id: number) {
  return db
    .selectFrom('eh_episode as e')
    .innerJoin('team as t', 't.id', 'e.team_id')
    .leftJoin('app_user as l', 'l.id', 'e.lead_user_id')
    .select([...EPISODE_COLUMNS, 't.name as team_name', 't.manager_id', 'l.display_name as lead_name'])
    .where('e.id', '=', id)
    .executeTakeFirst()
}
export type Episode = NonNullable<Awaited<ReturnType<typeof episode>>>

export async function episodeChild(db: Trx, id: number): Promise<number | null> {
  const row = await db.selectFrom('eh_episode').select('child_id').where('id', '=', id).executeTakeFirst()
  return row?.child_id ?? null
}

/** The episode, held until the transaction ends, so two allocations are taken in turn. */
export async function lockEpisode(trx: Trx, id: number) {
  return trx.selectFrom('eh_episode').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function allocate(
  trx: Trx,
  id: number,
  a: {
    leadUserId: number
    leadAgency: string
    leadMemberId: number
    leadGrantId: number
    by: number
    at: Date
  },
): Promise<void> {
  await trx
    .updateTable('eh_episode')
    .set((eb) => ({
      status: 'open',
      lead_user_id: a.leadUserId,
      lead_agency: a.leadAgency,
      lead_member_id: a.leadMemberId,
      lead_grant_id: a.leadGrantId,
      allocated_by: a.by,
      allocated_at: a.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute()
}

/** Episodes matching a filter, with the child's name and the lead professional's. */
function episodesQuery(db: Trx) {
  return db
    .selectFrom('eh_episode as e')
    .innerJoin('people_person_v as p', 'p.id', 'e.child_id')
    .innerJoin('team as t', 't.id', 'e.team_id')
    .leftJoin('app_user as l', 'l.id', 'e.lead_user_id')
    .select([
      ...EPISODE_COLUMNS,
      'p.given_name',
      'p.family_name',
      't.name as team_name',
      'l.display_name as lead_name',
    ])
    .where('e.status', '<>', 'ended')
    .orderBy('e.started_on')
    .orderBy('e.id')
}

export async function episodesOnChild(db: Trx, childId: number) {
  return db
    .selectFrom('eh_episode as e')
    .innerJoin('team as t', 't.id', 'e.team_id')
    .leftJoin('app_user as l', 'l.id', 'e.lead_user_id')
    .select([...EPISODE_COLUMNS, 't.name as team_name', 'l.display_name as lead_name'])
    .where('e.child_id', '=', childId)
    .orderBy('e.started_on', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
}

/** Open episodes held by these teams or led by this person. */
export async function openEpisodes(db: Trx, who: { teamIds: readonly number[]; leadUserId: number }) {
  return episodesQuery(db)
    .where((eb) =>
      eb.or([
        eb('e.lead_user_id', '=', who.leadUserId),
        ...(who.teamIds.length ? [eb('e.team_id', 'in', who.teamIds)] : []),
      ]),
    )
    .execute()
}

// ---------------------------------------------------------------------------------------------
// The assessment

export async function assessment(db: Trx, episodeId: number) {
  return db.selectFrom('eh_assessment').selectAll().where('episode_id', '=', episodeId).executeTakeFirst()
}

export async function saveAssessment(
  trx: Trx,
  episodeId: number,
  a: { needs: string; strengths: string; childVoice: string; familyView: string; completedOn: string | null },
  by: number,
  at: Date,
  startedOn: string,
): Promise<void> {
  const values = {
    needs: a.needs,
    strengths: a.strengths,
    child_voice: a.childVoice,
    family_view: a.familyView,
    completed_on: a.completedOn,
    updated_by: by,
    updated_at: at,
  }
  await trx
    .insertInto('eh_assessment')
    .values({ episode_id: episodeId, started_on: startedOn, ...values })
    .onConflict((oc) => oc.column('episode_id').doUpdateSet(values))
    .execute()
}

// ---------------------------------------------------------------------------------------------
// The team around the family

export async function members(db: Trx, episodeId: number) {
  return db
    .selectFrom('eh_taf_member')
    .select(['id', 'agency', 'name', 'role', 'user_id'])
    .where('episode_id', '=', episodeId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute()
}

/** The members who have left the team, with who recorded it and why: their attendance stays on the meetings. */
export async function formerMembers(db: Trx, episodeId: number) {
  return db
    .selectFrom('eh_taf_member as m')
    .leftJoin('app_user as u', 'u.id', 'm.removed_by')
    .select([
      'm.id',
      'm.agency',
      'm.name',
      'm.role',
      'm.user_id',
      'm.removed_at',
      'm.removed_reason',
      'u.display_name as removedByName',
    ])
    .where('m.episode_id', '=', episodeId)
    .where('m.removed_at', 'is not', null)
    .orderBy('m.removed_at')
    .orderBy('m.id')
    .execute()
}

/** A current member of the episode's team, with the grant the episode gave them; undefined once they have left. */
export async function currentMember(trx: Trx, episodeId: number, memberId: number) {
  return trx
    .selectFrom('eh_taf_member')
    .select(['id', 'agency', 'name', 'role', 'user_id', 'grant_id'])
    .where('episode_id', '=', episodeId)
    .where('id', '=', memberId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
}

export async function markMemberLeft(trx: Trx, memberId: number, by: number, at: Date, reason: string) {
  await trx
    .updateTable('eh_taf_member')
    .set({ removed_at: at, removed_by: by, removed_reason: reason })
    .where('id', '=', memberId)
    .where('removed_at', 'is', null)
    .execute()
}

export async function addMember(
  trx: Trx,
  episodeId: number,
  m: { agency: string; name: string; role: string; userId: number | null },
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('eh_taf_member')
    .values({
      episode_id: episodeId,
      agency: m.agency,
      name: m.name,
      role: m.role,
      user_id: m.userId,
      added_by: by,
      added_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function meetings(db: Trx, episodeIds: readonly number[]) {
  if (episodeIds.length === 0) return []
  return db
    .selectFrom('eh_meeting')
    .select(['id', 'episode_id', 'held_on', 'decisions', 'recorded_at'])
    .where('episode_id', 'in', episodeIds)
    .orderBy('held_on')
    .orderBy('id')
    .execute()
}

export async function attendance(db: Trx, meetingIds: readonly number[]) {
  if (meetingIds.length === 0) return []
  return db
    .selectFrom('eh_meeting_attendance')
    .select(['meeting_id', 'member_id', 'attendance'])
    .where('meeting_id', 'in', meetingIds)
    .execute()
}

export async function meeting(db: Trx, episodeId: number, meetingId: number) {
  return db
    .selectFrom('eh_meeting')
    .selectAll()
    .where('id', '=', meetingId)
    .where('episode_id', '=', episodeId)
    .executeTakeFirst()
}

export async function insertMeeting(trx: Trx, episodeId: number, heldOn: string, by: number, at: Date) {
  const { id } = await trx
    .insertInto('eh_meeting')
    .values({ episode_id: episodeId, held_on: heldOn, added_by: by, added_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function recordMeeting(
  trx: Trx,
  meetingId: number,
  r: { decisions: string; attendance: { memberId: number; attendance: EhAttendance }[] },
  by: number,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('eh_meeting')
    .set({ decisions: r.decisions, recorded_by: by, recorded_at: at })
    .where('id', '=', meetingId)
    .execute()
  if (r.attendance.length)
    await trx
      .insertInto('eh_meeting_attendance')
      .values(
        r.attendance.map((a) => ({ meeting_id: meetingId, member_id: a.memberId, attendance: a.attendance })),
      )
      .execute()
}

// ---------------------------------------------------------------------------------------------
// The family plan

export async function objectives(db: Trx, episodeId: number) {
  const rows = await db
    .selectFrom('eh_objective')
    .select(['id', 'objective', 'measure', 'target_score'])
    .where('episode_id', '=', episodeId)
    .orderBy('id')
    .execute()
  const scores = rows.length
    ? await db
        .selectFrom('eh_objective_score')
        .select(['id', 'objective_id', 'scored_on', 'score'])
        .where(
          'objective_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : []
  return rows.map((r) => ({ ...r, scores: scores.filter((s) => s.objective_id === r.id) }))
}

export async function objectiveOf(db: Trx, episodeId: number, objectiveId: number) {
  return db
    .selectFrom('eh_objective')
    .select(['id', 'objective', 'measure', 'target_score'])
    .where('id', '=', objectiveId)
    .where('episode_id', '=', episodeId)
    .executeTakeFirst()
}

export async function addObjective(
  trx: Trx,
  episodeId: number,
  o: { objective: string; measure: string; targetScore: number },
  by: number,
  at: Date,
) {
  const { id } = await trx
    .insertInto('eh_objective')
    .values({
      episode_id: episodeId,
      objective: o.objective,
      measure: o.measure,
      target_score: o.targetScore,
      added_by: by,
      added_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function addScore(
  trx: Trx,
  objectiveId: number,
  scoredOn: string,
  score: number,
  by: number,
  at: Date,
) {
  await trx
    .insertInto('eh_objective_score')
    .values({ objective_id: objectiveId, scored_on: scoredOn, score, recorded_by: by, recorded_at: at })
    .execute()
}

export async function interventions(db: Trx, episodeId: number) {
  const rows = await db
    .selectFrom('eh_intervention')
    .select(['id', 'kind', 'provider', 'sessions_planned', 'over_weeks', 'starts_on'])
    .where('episode_id', '=', episodeId)
    .orderBy('id')
    .execute()
  const sessions = rows.length
    ? await db
        .selectFrom('eh_session')
        .select(['id', 'intervention_id', 'session_on', 'outcome'])
        .where(
          'intervention_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('session_on')
        .orderBy('id')
        .execute()
    : []
  return rows.map((r) => ({ ...r, sessions: sessions.filter((s) => s.intervention_id === r.id) }))
}

export async function interventionOf(db: Trx, episodeId: number, interventionId: number) {
  return db
    .selectFrom('eh_intervention')
    .select(['id', 'kind', 'provider', 'sessions_planned', 'over_weeks', 'starts_on'])
    .where('id', '=', interventionId)
    .where('episode_id', '=', episodeId)
    .executeTakeFirst()
}

export async function addIntervention(
  trx: Trx,
  episodeId: number,
  i: { kind: string; provider: string; sessionsPlanned: number; overWeeks: number; startsOn: string },
  by: number,
  at: Date,
) {
  const { id } = await trx
    .insertInto('eh_intervention')
    .values({
      episode_id: episodeId,
      kind: i.kind,
      provider: i.provider,
      sessions_planned: i.sessionsPlanned,
      over_weeks: i.overWeeks,
      starts_on: i.startsOn,
      added_by: by,
      added_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function addSession(
  trx: Trx,
  interventionId: number,
  sessionOn: string,
  outcome: EhSessionOutcome,
  by: number,
  at: Date,
) {
  await trx
    .insertInto('eh_session')
    .values({
      intervention_id: interventionId,
      session_on: sessionOn,
      outcome,
      recorded_by: by,
      recorded_at: at,
    })
    .execute()
}

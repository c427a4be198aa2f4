/**
 * Early help: the use cases. Every write checks the actor may still see the child (`allow`,
 * `child.view`) and may take this step on the episode (the lead professional, the early help
 * team and its manager record; the manager allocates), and writes the change, its case event
 * (which starts or stops the episode's clocks) and its audit row in one transaction, with the time
 * from the injected clock. Refusals are audited on their own, so a rollback cannot lose them.
 */
import {
  auditingRefusal,
  recordAudit,
  recordAuditAlone,
  type AuditContext,
} from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { EhOrigin } from '../../platform/db/schema.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { grantAccess, loadChildRecord, revokeAccess } from '../../platform/permissions/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  agencyText,
  alertsFor,
  ASSESSMENT_CLOCK,
  EARLY_HELP_TEAM,
  EPISODE_SUBJECT,
  leadAgencyOf,
  movement,
  rightsOn,
  sessionCounts,
  SETTINGS,
  TAF_MEETING_CLOCK,
  type AssessmentInput,
  type InterventionInput,
  type MeetingFacts,
  type MeetingInput,
  type MemberInput,
  type MemberLeavingInput,
  StepStateError,
  type ObjectiveInput,
  type StartInput,
} from './model.js'
import * as steps from './step-store.js'
import { endedRefusal } from './closure-model.js'
import { setMemberGrant } from './closure-store.js'
import * as store from './store.js'
import type { Db, Episode, Trx } from './store.js'

export interface EarlyHelpDeps {
  db: Db
  clock: Clock
}

/** The form was shown with an episode someone has changed since: say so rather than overwrite. */
export class EpisodeChangedError extends Error {
  constructor() {
    super(
      'Someone has changed this episode since you opened it (a lead professional was allocated). Check who leads it now before you continue.',
    )
    this.name = 'EpisodeChangedError'
  }
}

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`

/** The chronology's agency of an event is read back from its line (see index.ts). */
export const leadLine = (agency: string) => ` Lead professional from ${agencyText(agency)}.`

async function childOf(db: Db, childId: number) {
  const [child] = await store.childrenNamed(db, [childId])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  return { id: child.id, name: fullName(child) }
}

/** Checks the actor may see the child now; returns the basis, or throws a refusal to audit. */
export async function requireView(
  trx: Trx,
  actor: Actor,
  childId: number,
  now: Date,
): Promise<string | null> {
  const record = await loadChildRecord(trx, childId)
  const decision = allow(actor, 'child.view', record, now)
  if (!record || !decision.allowed) throw new NotAllowedError(record ? decision.reason : 'No such child.')
  return decision.basis
}

const noon = (iso: string) => londonInstant(iso, '12:00')

/** The early help teams this person may start an episode in: their own, and those they manage. */
export async function teamsFor(db: Db, actor: Actor) {
  if (actor.role === 'service_manager') return store.earlyHelpTeams(db)
  if (actor.role !== 'social_worker' && actor.role !== 'team_manager') return []
  const ids = [...new Set([...(actor.teamId ? [actor.teamId] : []), ...actor.managedTeamIds])]
  return store.earlyHelpTeams(db, ids)
}

/** Early help team managers (and service managers) take the front door's early help decisions. */
export async function takesFrontDoor(db: Db, actor: Actor) {
  if (actor.role === 'service_manager') return store.earlyHelpTeams(db)
  if (actor.role !== 'team_manager') return []
  return store.earlyHelpTeams(db, actor.managedTeamIds)
}

// ---------------------------------------------------------------------------------------------
// Starting an episode

/** The front door's decision, for its start form; refuses one already taken up or not early help. */
export async function frontDoorContext({ db }: EarlyHelpDeps, actor: Actor, contactChildId: number) {
  const row = await store.frontDoorDecision(db, contactChildId)
  if (!row || row.child_id === null || row.contact_deleted_at !== null)
    throw new NotFoundError('No such decision')
  const teams = await takesFrontDoor(db, actor)
  const problem =
    row.decision !== 'early_help' || row.status !== 'decided'
      ? 'The front door did not decide early help for this child.'
      : row.episode_id !== null
        ? 'An early help episode has already been started from this decision.'
        : teams.length === 0
          ? 'Only the manager of an early help team starts an episode from the front door.'
          : null
  return { child: await childOf(db, row.child_id), teams, problem, episodeId: row.episode_id }
}

/** The direct start form: the child and the early help teams the actor may start it in. */
export async function directContext({ db }: EarlyHelpDeps, actor: Actor, childId: number) {
  const teams = await teamsFor(db, actor)
  return {
    child: await childOf(db, childId),
    teams,
    problem: teams.length
      ? null
      : 'Only early help practitioners and their managers start an early help episode.',
  }
}

const STARTED_FROM: Readonly<Record<EhOrigin, string>> = {
  front_door: 'front door decision',
  direct: 'by early help',
  step_down: 'stepped down from children’s social care',
}

export async function writeEpisode(
  trx: Trx,
  actor: Pick<Actor, 'id'>,
  e: { childId: number; origin: EhOrigin; contactChildId: number | null; caseClosureId?: number | null },
  input: StartInput,
  now: Date,
  audit: AuditContext,
  basis: string | null,
): Promise<number> {
  const team = await store.team(trx, input.teamId)
  if (!team || team.kind !== EARLY_HELP_TEAM) throw new NotAllowedError('That is not an early help team.')
  // The early help team holds the episode: its members and manager open the child's record.
  const teamGrantId = await grantAccess(trx, {
    childId: e.childId,
    teamId: team.id,
    basis: 'allocated_team',
    grantedBy: actor.id,
  })
  const startedOn = londonToday(now)
  const id = await store.insertEpisode(trx, {
    ...e,
    teamId: team.id,
    startedOn,
    startedBy: actor.id,
    startedAt: now,
    consentOn: input.consentOn,
    consentFrom: input.consentFrom,
    consentNote: input.consentNote,
    teamGrantId,
  })
  const eventId = await recordCaseEvent(trx, {
    childId: e.childId,
    subjectType: EPISODE_SUBJECT,
    subjectId: id,
    type: 'earlyhelp.started',
    occurredAt: now,
    summary: `Early help episode started (${STARTED_FROM[e.origin]}), held by ${team.name}; the family consented on ${longDate(input.consentOn)}`,
    recordedBy: actor.id,
    attributes: { origin: e.origin, teamId: team.id },
  })
  await store.setStartedEvent(trx, id, eventId)
  await recordAudit(trx, audit, {
    action: 'earlyhelp.start',
    outcome: 'allowed',
    childId: e.childId,
    recordType: EPISODE_SUBJECT,
    recordId: id,
    basis,
    detail: { origin: e.origin, teamId: team.id, contactChildId: e.contactChildId },
  })
  return id
}

/** Starts an episode from the front door's decision of early help (an early help team manager). */
export async function startFromFrontDoor(
  { db, clock }: EarlyHelpDeps,
  actor: Actor,
  contactChildId: number,
  input: StartInput,
  audit: AuditContext,
): Promise<number> {
  const row = await store.frontDoorDecision(db, contactChildId)
  const childId = row?.child_id ?? null
  return auditingRefusal(
    db,
    audit,
    { action: 'earlyhelp.start', childId, recordType: 'contact_child', recordId: contactChildId },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const teams = await takesFrontDoor(trx, actor)
        if (!teams.some((t) => t.id === input.teamId))
          throw new NotAllowedError(
            'Only the manager of an early help team starts an episode from the front door.',
          )
        const again = await store.frontDoorDecision(trx, contactChildId)
        if (!again || again.child_id === null || again.decision !== 'early_help' || again.episode_id !== null)
          throw new EpisodeChangedError()
        return writeEpisode(
          trx,
          actor,
          { childId: again.child_id, origin: 'front_door', contactChildId },
          input,
          now,
          audit,
          'early_help_team_manager',
        )
      }),
  )
}

/** Starts an episode directly, for a child the early help practitioner or manager may see. */
export async function startDirect(
  { db, clock }: EarlyHelpDeps,
  actor: Actor,
  childId: number,
  input: StartInput,
  audit: AuditContext,
): Promise<number> {
  return auditingRefusal(
    db,
    audit,
    { action: 'earlyhelp.start', childId, recordType: EPISODE_SUBJECT, recordId: null },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const basis = await requireView(trx, actor, childId, now)
        const teams = await teamsFor(trx, actor)
        if (!teams.some((t) => t.id === input.teamId))
          throw new NotAllowedError(
            'Only early help practitioners and their managers start an early help episode.',
          )
        return writeEpisode(
          trx,
          actor,
          { childId, origin: 'direct', contactChildId: null },
          input,
          now,
          audit,
          basis,
        )
      }),
  )
}

// ---------------------------------------------------------------------------------------------
// Reading an episode

function meetingFacts(
  episode: Pick<Episode, 'lead_member_id'>,
  meetings: Awaited<ReturnType<typeof store.meetings>>,
  attendance: Awaited<ReturnType<typeof store.attendance>>,
): MeetingFacts[] {
  return meetings.map((m) => ({
    id: m.id,
    heldOn: m.held_on,
    recordedAt: m.recorded_at,
    leadAttendance:
      attendance.find((a) => a.meeting_id === m.id && a.member_id === episode.lead_member_id)?.attendance ??
      null,
  }))
}

/** The rights of this person on this episode (whether they may record, whether they allocate). */
export function rightsFor(actor: Actor, episode: Pick<Episode, 'team_id' | 'lead_user_id' | 'status'>) {
  return rightsOn(episode, actor, actor.managedTeamIds.includes(episode.team_id))
}

/** One episode with everything its page shows. The route's subject has checked and audited. */
export async function viewEpisode({ db, clock }: EarlyHelpDeps, actor: Actor, id: number) {
  const episode = await store.episode(db, id)
  if (!episode) throw new NotFoundError(`No episode ${id}`)
  const [child, assessment, members, formerMembers, meetings, objectives, interventions, calendar] =
    await Promise.all([
      childOf(db, episode.child_id),
      store.assessment(db, id),
      store.members(db, id),
      store.formerMembers(db, id),
      store.meetings(db, [id]),
      store.objectives(db, id),
      store.interventions(db, id),
      loadWorkingCalendar(db),
    ])
  const attendance = await store.attendance(
    db,
    meetings.map((m) => m.id),
  )
  const now = clock.now()
  return {
    episode,
    child,
    assessment,
    members,
    formerMembers,
    // A meeting's attendance names whoever was recorded at it, members who have since left too.
    meetings: meetings.map((m) => ({
      ...m,
      attendance: [...members, ...formerMembers].map((member) => ({
        member,
        attendance:
          attendance.find((a) => a.meeting_id === m.id && a.member_id === member.id)?.attendance ?? null,
      })),
    })),
    objectives: objectives.map((o) => ({
      ...o,
      movement: movement(
        o.scores.map((s) => ({ id: s.id, scoredOn: s.scored_on, score: s.score })),
        o.target_score,
      ),
    })),
    interventions: interventions.map((i) => ({
      ...i,
      counts: sessionCounts(
        i.sessions_planned,
        i.sessions.map((s) => s.outcome),
      ),
    })),
    alerts: alertsFor(episode, meetingFacts(episode, meetings, attendance), now, calendar),
    rights: rightsFor(actor, episode),
  }
}

/** Each episode with its lead professional's agency and the alerts it raises now. */
async function withAlerts<
  E extends Pick<Episode, 'id' | 'lead_member_id' | 'lead_agency' | 'status' | 'started_on'>,
>({ db, clock }: EarlyHelpDeps, rows: readonly E[]) {
  const meetings = await store.meetings(
    db,
    rows.map((e) => e.id),
  )
  const attendance = await store.attendance(
    db,
    meetings.map((m) => m.id),
  )
  const calendar = await loadWorkingCalendar(db)
  const now = clock.now()
  return rows.map((e) => ({
    ...e,
    leadAgencyText: agencyText(e.lead_agency),
    alerts: alertsFor(
      e,
      meetingFacts(
        e,
        meetings.filter((m) => m.episode_id === e.id),
        attendance,
      ),
      now,
      calendar,
    ),
  }))
}

/** The child's episodes, for the record panel. */
export async function recordPanelData(deps: EarlyHelpDeps, actor: Actor, childId: number) {
  const episodes = await store.episodesOnChild(deps.db, childId)
  const canStart = (await teamsFor(deps.db, actor)).length > 0
  if (episodes.length === 0 && !canStart) return null
  return { canStart, episodes: await withAlerts(deps, episodes) }
}

/**
 * The home page: for an early help team manager, the front door's decisions and social care's
 * step-downs waiting for an episode, and the team's episodes waiting for a lead professional; for anyone leading or holding
 * episodes, those with alerts. Figures only: the list it links to audits its own read.
 */
export async function homeFigures(deps: EarlyHelpDeps, actor: Actor) {
  const managed = await takesFrontDoor(deps.db, actor)
  const [fromFrontDoor, stepDowns] = managed.length
    ? await Promise.all([
        store.awaitingFromFrontDoor(deps.db).then((r) => r.length),
        steps.awaitingStepDown(deps.db).then((r) => r.length),
      ])
    : [0, 0]
  const episodes = await myEpisodes(deps, actor)
  if (!managed.length && episodes.length === 0) return null
  return {
    manager: managed.length > 0,
    fromFrontDoor,
    stepDowns,
    awaitingAllocation: episodes.filter((e) => e.status === 'awaiting_allocation').length,
    leading: episodes.filter((e) => e.lead_user_id === actor.id).length,
    withAlerts: episodes.filter((e) => e.alerts.length > 0).length,
  }
}

/** Open episodes held by the teams the actor manages, or led by them. */
async function myEpisodes(deps: EarlyHelpDeps, actor: Actor) {
  const teamIds = (await takesFrontDoor(deps.db, actor)).map((t) => t.id)
  const rows = await store.openEpisodes(deps.db, { teamIds, leadUserId: actor.id })
  return (await withAlerts(deps, rows)).map((e) => ({ ...e, childName: fullName(e) }))
}

/**
 * The early help list: for managers, the front door's decisions and social care's step-downs
 * waiting; the reader's episodes.
 */
export async function earlyHelpList(deps: EarlyHelpDeps, actor: Actor, audit: AuditContext) {
  const managed = await takesFrontDoor(deps.db, actor)
  const [awaiting, stepDowns] = managed.length
    ? await Promise.all([
        store
          .awaitingFromFrontDoor(deps.db)
          .then((rows) => rows.map((r) => ({ ...r, childName: fullName(r) }))),
        steps.awaitingStepDown(deps.db).then((rows) => rows.map((r) => ({ ...r, childName: fullName(r) }))),
      ])
    : [[], []]
  const episodes = await myEpisodes(deps, actor)
  const named = [...awaiting, ...stepDowns, ...episodes].map((a) => a.child_id)
  await recordAuditAlone(deps.db, audit, {
    action: 'earlyhelp.list',
    outcome: 'allowed',
    detail: { children: [...new Set(named)] },
  })
  return { manager: managed.length > 0, awaiting, stepDowns, episodes }
}

// ---------------------------------------------------------------------------------------------
// Allocating the lead professional

/** Who may lead this episode: the early help staff and partner practitioners who could see the child's record once granted. */
export async function leadChoices({ db }: EarlyHelpDeps) {
  return (await store.possibleLeads(db)).map((u) => ({
    id: u.id,
    text:
      u.role === 'partner_practitioner'
        ? `${u.display_name}, ${u.job_title ?? 'practitioner'} (${u.agency_name ?? agencyText(leadAgencyOf(u))})`
        : `${u.display_name}, ${u.team_name ?? 'early help'}`,
    partner: u.role === 'partner_practitioner',
  }))
}

/** A step on one episode: who takes it, and the episode they were shown. */
export interface Step {
  actor: Actor
  id: number
  childId: number
  audit: AuditContext
}

/**
 * Runs a write on an episode in one transaction: the episode locked, the actor allowed to see its
 * child and to take the step; a refusal audited on its own and rethrown.
 */
export function onEpisode<T>(
  { db, clock }: EarlyHelpDeps,
  step: Step,
  action: string,
  need: 'record' | 'allocate',
  work: (
    trx: Trx,
    episode: NonNullable<Awaited<ReturnType<typeof store.lockEpisode>>>,
    now: Date,
    basis: string | null,
  ) => Promise<T>,
): Promise<T> {
  return auditingRefusal(
    db,
    step.audit,
    { action, childId: step.childId, recordType: EPISODE_SUBJECT, recordId: step.id },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const episode = await store.lockEpisode(trx, step.id)
        if (!episode) throw new NotFoundError(`No episode ${step.id}`)
        const basis = await requireView(trx, step.actor, episode.child_id, now)
        if (episode.status === 'ended') throw new NotAllowedError(endedRefusal(episode.ended_on))
        const rights = rightsFor(step.actor, episode)
        if (!rights[need])
          throw new NotAllowedError(
            need === 'allocate'
              ? 'Only the manager of the early help team holding this episode allocates its lead professional.'
              : 'Only the lead professional and the early help team holding this episode record on it.',
          )
        const result = await work(trx, episode, now, basis)
        await recordAudit(trx, step.audit, {
          action,
          outcome: 'allowed',
          childId: episode.child_id,
          recordType: EPISODE_SUBJECT,
          recordId: step.id,
          basis,
        })
        return result
      }),
  )
}

/** Allocates (or changes) the lead professional: their grant to the child, their place in the TAF, the clocks' tasks. */
export async function allocateLead(
  deps: EarlyHelpDeps,
  step: Step,
  input: { leadUserId: number; version: number | null },
): Promise<{ lead: string }> {
  return onEpisode(deps, step, 'earlyhelp.allocate', 'allocate', (trx, episode, now) => {
    if (input.version !== null && input.version !== episode.version) throw new EpisodeChangedError()
    return writeAllocation(trx, episode, input.leadUserId, step.actor.id, now)
  })
}

type LockedEpisode = NonNullable<Awaited<ReturnType<typeof store.lockEpisode>>>

/** Writes the allocation of a lead professional in the caller's transaction (the form, the demo's seed). */
export async function writeAllocation(
  trx: Trx,
  episode: LockedEpisode,
  leadUserId: number,
  by: number,
  now: Date,
): Promise<{ lead: string }> {
  const input = { leadUserId }
  const lead = await store.user(trx, input.leadUserId)
  const offered = await store.possibleLeads(trx)
  if (!lead || !offered.some((o) => o.id === lead.id))
    throw new NotAllowedError('The person you chose can no longer lead this episode.')
  if (episode.lead_grant_id !== null)
    await revokeAccess(
      trx,
      episode.lead_grant_id,
      'Another lead professional was allocated to the early help episode.',
    )
  const leadGrantId = await grantAccess(trx, {
    childId: episode.child_id,
    userId: lead.id,
    basis: 'process_participant',
    grantedBy: by,
    reason: 'Lead professional of an early help episode',
  })
  const agency = leadAgencyOf(lead)
  const existing = (await store.members(trx, episode.id)).find((m) => m.user_id === lead.id)
  const memberId =
    existing?.id ??
    (await store.addMember(
      trx,
      episode.id,
      {
        agency: lead.agency_name ?? agencyText(agency),
        name: lead.display_name,
        role: `Lead professional${lead.job_title ? `, ${lead.job_title}` : ''}`,
        userId: lead.id,
      },
      by,
      now,
    ))
  await store.allocate(trx, episode.id, {
    leadUserId: lead.id,
    leadAgency: agency,
    leadMemberId: memberId,
    leadGrantId,
    by: by,
    at: now,
  })
  await recordCaseEvent(trx, {
    childId: episode.child_id,
    subjectType: EPISODE_SUBJECT,
    subjectId: episode.id,
    type: 'earlyhelp.allocated',
    occurredAt: now,
    summary: `Early help lead professional allocated: ${lead.display_name}.${leadLine(agency)}`,
    recordedBy: by,
    attributes: { leadUserId: lead.id, agency },
  })
  // The assessment and the next meeting are the lead professional's to see to.
  if (episode.started_event_id !== null) {
    await assignClockTask(trx, ASSESSMENT_CLOCK, episode.started_event_id, lead.id)
    await assignClockTask(trx, TAF_MEETING_CLOCK, episode.started_event_id, lead.id)
  }
  return { lead: lead.display_name }
}

// ---------------------------------------------------------------------------------------------
// Recording on the episode

export async function event(
  trx: Trx,
  episode: { id: number; child_id: number; lead_agency: string | null },
  by: number,
  type: string,
  summary: string,
  occurredAt: Date,
  attributes: Record<string, unknown> = {},
) {
  return recordCaseEvent(trx, {
    childId: episode.child_id,
    subjectType: EPISODE_SUBJECT,
    subjectId: episode.id,
    type,
    occurredAt,
    summary: `${summary}${episode.lead_agency ? leadLine(episode.lead_agency) : ''}`,
    recordedBy: by,
    attributes,
  })
}

/** Saves the early help assessment; completing it stops its clock. */
export async function saveAssessment(deps: EarlyHelpDeps, step: Step, input: AssessmentInput) {
  return onEpisode(deps, step, 'earlyhelp.assessment', 'record', (trx, episode, now) =>
    writeAssessment(trx, episode, step.actor.id, now, input),
  )
}

/** Saves the assessment in the caller's transaction (and the demo's seed); completing it stops its clock. */
export async function writeAssessment(
  trx: Trx,
  episode: LockedEpisode,
  by: number,
  now: Date,
  input: AssessmentInput,
) {
  const before = await store.assessment(trx, episode.id)
  if (before?.completed_on) throw new NotAllowedError('The early help assessment is already completed.')
  await store.saveAssessment(trx, episode.id, input, by, now, before?.started_on ?? londonToday(now))
  if (input.completedOn !== null)
    await event(
      trx,
      episode,
      by,
      'earlyhelp.assessment_completed',
      `Early help assessment completed on ${longDate(input.completedOn)}.`,
      now,
    )
  return { completed: input.completedOn !== null }
}

/** Adds a member to the team around the family. */
export async function addMember(deps: EarlyHelpDeps, step: Step, input: MemberInput) {
  return onEpisode(deps, step, 'earlyhelp.member_add', 'record', (trx, episode, now) =>
    writeMember(trx, episode, step.actor.id, now, input),
  )
}

/** addMember's write, in the caller's transaction (the form, the demo's seed). */
export async function writeMember(
  trx: Trx,
  episode: LockedEpisode,
  by: number,
  now: Date,
  input: MemberInput,
) {
  const memberId = await store.addMember(trx, episode.id, input, by, now)
  // A member with a Haven account reads the child's record while they are in the team; the grant
  // is kept, so the episode's closure ends exactly it.
  if (input.userId !== null && input.userId !== episode.lead_user_id)
    await setMemberGrant(
      trx,
      memberId,
      await grantAccess(trx, {
        childId: episode.child_id,
        userId: input.userId,
        basis: 'process_participant',
        grantedBy: by,
        reason: 'Member of the team around the family (early help)',
      }),
    )
  await event(
    trx,
    episode,
    by,
    'earlyhelp.member_added',
    `${input.name} (${input.role}, ${input.agency}) joined the team around the family.`,
    now,
  )
}

/**
 * A member leaves the team around the family, with the reason: their row and the meetings they
 * attended stay; the grant the episode gave them to read the child's record ends (revoked and
 * audited). The lead professional cannot leave until the manager allocates another.
 */
export async function removeMember(
  deps: EarlyHelpDeps,
  step: Step,
  memberId: number,
  input: MemberLeavingInput,
) {
  return onEpisode(deps, step, 'earlyhelp.member_remove', 'record', async (trx, episode, now) => {
    const member = await store.currentMember(trx, episode.id, memberId)
    if (!member) throw new StepStateError('They have already left the team around the family.')
    if (member.id === episode.lead_member_id)
      throw new StepStateError(
        `${member.name} is the lead professional: the early help team's manager allocates another lead before they leave.`,
      )
    await store.markMemberLeft(trx, member.id, step.actor.id, now, input.reason)
    if (member.grant_id !== null) {
      const reason = `Left the team around the family (early help episode ${episode.id})`
      await revokeAccess(trx, member.grant_id, reason)
      await recordAudit(trx, step.audit, {
        action: 'child_access.revoke',
        outcome: 'allowed',
        childId: episode.child_id,
        recordType: 'child_access',
        recordId: member.grant_id,
        detail: { episodeId: episode.id, memberId: member.id, grant: 'taf_member', reason },
      })
    }
    await event(
      trx,
      episode,
      step.actor.id,
      'earlyhelp.member_left',
      `${member.name} (${member.role}, ${member.agency}) left the team around the family: ${input.reason}`,
      now,
      { memberId: member.id },
    )
  })
}

/** Records a TAF meeting held on a day, and its attendance and decisions if given now. */
export async function addMeeting(deps: EarlyHelpDeps, step: Step, input: MeetingInput) {
  return onEpisode(deps, step, 'earlyhelp.meeting', 'record', (trx, episode, now) =>
    writeMeeting(trx, episode, input, step.actor.id, now),
  )
}

/** Writes a meeting held (and its record, if given) in the caller's transaction (the form, the demo's seed). */
export async function writeMeeting(
  trx: Trx,
  episode: LockedEpisode,
  input: MeetingInput,
  by: number,
  now: Date,
) {
  if (input.heldOn < episode.started_on)
    throw new NotAllowedError('The meeting is before the episode started.')
  const meetingId = await store.insertMeeting(trx, episode.id, input.heldOn, by, now)
  const held = await event(
    trx,
    episode,
    by,
    'earlyhelp.meeting_held',
    `Team around the family meeting held on ${longDate(input.heldOn)}.`,
    noon(input.heldOn) < now ? noon(input.heldOn) : now,
    { meetingId },
  )
  if (episode.lead_user_id !== null) await assignClockTask(trx, TAF_MEETING_CLOCK, held, episode.lead_user_id)
  if (input.recorded) await writeMeetingRecord(trx, episode, meetingId, input, by, now)
  return meetingId
}

export async function writeMeetingRecord(
  trx: Trx,
  episode: { id: number; child_id: number; lead_agency: string | null; lead_member_id: number | null },
  meetingId: number,
  input: Pick<MeetingInput, 'attendance' | 'decisions'>,
  by: number,
  now: Date,
) {
  await store.recordMeeting(trx, meetingId, input, by, now)
  const lead = input.attendance.find((a) => a.memberId === episode.lead_member_id)?.attendance
  const leadText =
    lead === 'did_not_attend'
      ? ' The lead professional did not attend.'
      : lead === 'apologies'
        ? ' The lead professional sent apologies.'
        : ''
  await event(
    trx,
    episode,
    by,
    'earlyhelp.meeting_recorded',
    `Team around the family meeting recorded: ${input.attendance.filter((a) => a.attendance === 'attended').length} of ${input.attendance.length} members attended.${leadText}`,
    now,
    { meetingId, lead: lead ?? null },
  )
}

/** Records the attendance and decisions of a meeting held earlier with nothing recorded. */
export async function recordMeeting(
  deps: EarlyHelpDeps,
  step: Step,
  meetingId: number,
  input: Pick<MeetingInput, 'attendance' | 'decisions'>,
) {
  return onEpisode(deps, step, 'earlyhelp.meeting_record', 'record', async (trx, episode, now) => {
    const meeting = await store.meeting(trx, episode.id, meetingId)
    if (!meeting) throw new NotFoundError(`No meeting ${meetingId}`)
    if (meeting.recorded_at !== null) throw new EpisodeChangedError()
    await writeMeetingRecord(trx, episode, meetingId, input, step.actor.id, now)
  })
}

/** Adds an objective to the family plan with its outcome measure, scored now. */
export async function addObjective(deps: EarlyHelpDeps, step: Step, input: ObjectiveInput) {
  return onEpisode(deps, step, 'earlyhelp.objective_add', 'record', async (trx, episode, now) => {
    const id = await store.addObjective(trx, episode.id, input, step.actor.id, now)
    await store.addScore(trx, id, londonToday(now), input.startScore, step.actor.id, now)
    await event(
      trx,
      episode,
      step.actor.id,
      'earlyhelp.objective_added',
      `Family plan objective added (${input.measure}): ${input.startScore} out of 10 now, target ${input.targetScore}.`,
      now,
    )
  })
}

/** A review's score of an objective. */
export async function scoreObjective(
  deps: EarlyHelpDeps,
  step: Step,
  objectiveId: number,
  input: { scoredOn: string; score: number },
) {
  return onEpisode(deps, step, 'earlyhelp.objective_score', 'record', async (trx, episode, now) => {
    const objective = await store.objectiveOf(trx, episode.id, objectiveId)
    if (!objective) throw new NotFoundError(`No objective ${objectiveId}`)
    await store.addScore(trx, objectiveId, input.scoredOn, input.score, step.actor.id, now)
    await event(
      trx,
      episode,
      step.actor.id,
      'earlyhelp.objective_scored',
      `Family plan reviewed (${objective.measure}): ${input.score} out of 10, target ${objective.target_score}.`,
      now,
    )
  })
}

/** Plans a family support intervention. */
export async function addIntervention(deps: EarlyHelpDeps, step: Step, input: InterventionInput) {
  return onEpisode(deps, step, 'earlyhelp.intervention_add', 'record', (trx, episode, now) =>
    writeIntervention(trx, episode, step.actor.id, now, input),
  )
}

/** addIntervention's write, in the caller's transaction (the form, the demo's seed). */
export async function writeIntervention(
  trx: Trx,
  episode: LockedEpisode,
  by: number,
  now: Date,
  input: InterventionInput,
) {
  await store.addIntervention(trx, episode.id, input, by, now)
  await event(
    trx,
    episode,
    by,
    'earlyhelp.intervention_planned',
    `Family support planned: ${input.kind} by ${input.provider}, ${input.sessionsPlanned} sessions over ${input.overWeeks} weeks from ${longDate(input.startsOn)}.`,
    now,
  )
}

/** Records one session of an intervention: delivered, cancelled or not attended. */
export async function recordSession(
  deps: EarlyHelpDeps,
  step: Step,
  interventionId: number,
  input: { sessionOn: string; outcome: 'delivered' | 'cancelled' | 'not_attended' },
) {
  return onEpisode(deps, step, 'earlyhelp.session', 'record', (trx, episode, now) =>
    writeSession(trx, episode, step.actor.id, now, interventionId, input),
  )
}

/** recordSession's write, in the caller's transaction (the form, the demo's seed). */
export async function writeSession(
  trx: Trx,
  episode: LockedEpisode,
  by: number,
  now: Date,
  interventionId: number,
  input: { sessionOn: string; outcome: 'delivered' | 'cancelled' | 'not_attended' },
) {
  const intervention = await store.interventionOf(trx, episode.id, interventionId)
  if (!intervention) throw new NotFoundError(`No intervention ${interventionId}`)
  await store.addSession(trx, interventionId, input.sessionOn, input.outcome, by, now)
  const words = {
    delivered: 'delivered',
    cancelled: 'cancelled',
    not_attended: 'not attended by the family',
  }
  await event(
    trx,
    episode,
    by,
    'earlyhelp.session_recorded',
    `${intervention.kind} session on ${longDate(input.sessionOn)} ${words[input.outcome]}.`,
    now,
  )
}

export { SETTINGS }

/**
 * The demo's family in early help (modules/demo): an episode started seven weeks ago, led by the
 * school's designated safeguarding lead, with the health visitor in the team around the family; a
 * meeting four weeks ago the lead professional did not attend; parent outreach planned as 6
 * sessions over 12 weeks with 3 delivered.
 */
export async function writeDemoEpisode(
  trx: Trx,
  p: {
    childId: number
    teamId: number
    managerId: number
    leadUserId: number
    healthVisitor: { id: number; name: string; agency: string }
    now: Date
    audit: AuditContext
  },
): Promise<number> {
  const day = 86_400_000
  const at = (daysAgo: number) => new Date(p.now.getTime() - daysAgo * day)
  const on = (daysAgo: number) => londonToday(at(daysAgo))
  const id = await writeEpisode(
    trx,
    { id: p.managerId },
    { childId: p.childId, origin: 'direct', contactChildId: null },
    { teamId: p.teamId, consentOn: on(50), consentFrom: 'Mother', consentNote: null },
    at(49),
    p.audit,
    null,
  )
  const locked = async () => (await store.lockEpisode(trx, id)) as LockedEpisode
  await writeAllocation(trx, await locked(), p.leadUserId, p.managerId, at(48))
  const episode = await locked()
  await writeMember(trx, episode, p.managerId, at(48), {
    agency: p.healthVisitor.agency,
    name: p.healthVisitor.name,
    role: 'Health visitor',
    userId: p.healthVisitor.id,
  })
  // The school's assessment, begun the day it took the lead and completed three weeks later.
  const draft = {
    needs: 'Jayden is often late and tired; his mother is caring for his grandmother and has little help.',
    strengths: 'A warm relationship with his mother; he enjoys school and has a good friend in class.',
    childVoice: 'Jayden said he worries about his mum and would like to go to football club after school.',
    familyView: 'His mother wants help with mornings and a break now and then.',
  }
  await writeAssessment(trx, episode, p.leadUserId, at(48), { ...draft, completedOn: null })
  await writeAssessment(trx, episode, p.leadUserId, at(27), { ...draft, completedOn: on(27) })
  const members = await store.members(trx, id)
  await writeMeeting(
    trx,
    episode,
    {
      heldOn: on(28),
      attendance: members.map((m) => ({
        memberId: m.id,
        attendance: m.id === episode.lead_member_id ? ('did_not_attend' as const) : ('attended' as const),
      })),
      decisions:
        'Health visitor to visit fortnightly; parent outreach to start next week; the school to report attendance weekly.',
      recorded: true,
    },
    p.healthVisitor.id,
    at(27),
  )
  await writeIntervention(trx, episode, p.managerId, at(42), {
    kind: 'Parent outreach',
    provider: 'Early help family support',
    sessionsPlanned: 6,
    overWeeks: 12,
    startsOn: on(42),
  })
  const [intervention] = await store.interventions(trx, id)
  if (intervention)
    for (const [daysAgo, outcome] of [
      [35, 'delivered'],
      [28, 'delivered'],
      [21, 'cancelled'],
      [14, 'delivered'],
    ] as const)
      await writeSession(trx, episode, p.managerId, at(daysAgo - 1), intervention.id, {
        sessionOn: on(daysAgo),
        outcome,
      })
  return id
}

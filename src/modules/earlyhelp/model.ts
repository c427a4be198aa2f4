/**
 * Early help: the rules, pure. The local settings (reference/earlyhelp/settings.json), the alerts a
 * team around the family raises (the lead professional missing meetings, a meeting held with
 * nothing recorded, no meeting for too long), who may record on an episode and who allocates it,
 * an objective's movement and an intervention's sessions, and the forms. No I/O.
 */
import { z } from 'zod'
import settingsFile from '../../../reference/earlyhelp/settings.json' with { type: 'json' }
import { addCalendarDays, dateFromParts, londonToday } from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { EhAttendance, EhOrigin, EhSessionOutcome, EhStatus } from '../../platform/db/schema.js'
import { LONG_ANSWER_MAX, SHORT_ANSWER_MAX } from '../../platform/http/form.js'
import type { Role } from '../../platform/permissions/roles.js'

/** The clocks early help runs (reference/clock-definitions.json), both on the episode. */
export const ASSESSMENT_CLOCK = 'early-help-assessment'
export const TAF_MEETING_CLOCK = 'early-help-taf-meeting'
/** The clocks' subject and the route subject: the episode, its id the episode's. */
export const EPISODE_SUBJECT = 'eh_episode'
/** The kind of team that holds early help episodes. */
export const EARLY_HELP_TEAM = 'early_help'

export interface EarlyHelpSettings {
  assessmentWorkingDays: number
  tafMeetingWeeks: number
  recordMeetingWorkingDays: number
  apologiesInARow: number
}

export function readSettings(raw: unknown): EarlyHelpSettings {
  return z
    .object({
      $comment: z.string().min(1),
      assessmentWorkingDays: z.number().int().positive(),
      tafMeetingWeeks: z.number().int().positive(),
      recordMeetingWorkingDays: z.number().int().positive(),
      apologiesInARow: z.number().int().min(1),
    })
    .parse(raw)
}

export const SETTINGS: EarlyHelpSettings = readSettings(settingsFile)

export const ORIGINS: Readonly<Record<EhOrigin, string>> = {
  front_door: 'Front door decision',
  direct: 'Started by early help',
  step_down: 'Stepped down from social care',
}

export const STATUSES: Readonly<Record<EhStatus, string>> = {
  awaiting_allocation: 'Awaiting allocation',
  open: 'Open',
  ended: 'Ended',
}

/** The agencies a lead professional leads from: early help's own staff, or a partner's agency. */
export const AGENCIES: Readonly<Record<string, string>> = {
  social_care: 'Early help (the council)',
  education: 'Education',
  health: 'Health',
  police: 'Police',
  probation: 'Probation',
  housing: 'Housing',
  local_authority: 'Another council service',
  voluntary: 'Voluntary sector',
  other: 'Other agency',
}

export const agencyText = (code: string | null): string => (code ? (AGENCIES[code] ?? code) : '')

/** The agency a lead professional leads from: a partner's own, else the council's early help. */
export function leadAgencyOf(user: { role: string; agency: string | null }): string {
  if (user.role !== 'partner_practitioner') return 'social_care'
  return user.agency !== null && user.agency in AGENCIES ? user.agency : 'other'
}

export const ATTENDANCE: readonly { code: EhAttendance; label: string }[] = [
  { code: 'attended', label: 'Attended' },
  { code: 'apologies', label: 'Sent apologies' },
  { code: 'did_not_attend', label: 'Did not attend' },
]

export const SESSION_OUTCOMES: readonly { code: EhSessionOutcome; label: string }[] = [
  { code: 'delivered', label: 'Delivered' },
  { code: 'cancelled', label: 'Cancelled' },
  { code: 'not_attended', label: 'Family did not attend' },
]

// ---------------------------------------------------------------------------------------------
// Who may do what, beyond seeing the child (the route's subject checks that).

/** Who is acting, as the rules need them. */
export interface Person {
  id: number
  role: Role
  teamId: number | null
}

export interface EpisodeRights {
  /** Whether they may record on the episode (assessment, TAF, meetings, plan). */
  record: boolean
  /** Whether they may allocate (or change) the lead professional. */
  allocate: boolean
}

/**
 * The lead professional records; so does anyone in the early help team holding the episode and
 * its manager, who also allocates (as does a service manager). Other partners read.
 */
export function rightsOn(
  episode: { team_id: number; lead_user_id: number | null; status: EhStatus },
  who: Person,
  managesTeam: boolean,
): EpisodeRights {
  if (episode.status === 'ended') return { record: false, allocate: false }
  const manager = managesTeam || who.role === 'service_manager'
  const inTeam = who.role !== 'partner_practitioner' && who.teamId === episode.team_id
  const lead = episode.lead_user_id === who.id
  return { record: manager || inTeam || lead, allocate: manager }
}

// ---------------------------------------------------------------------------------------------
// Alerts

export interface MeetingFacts {
  id: number
  heldOn: string
  /** Null until its attendance and decisions are recorded. */
  recordedAt: Date | null
  /** The lead professional's attendance, when recorded and the lead is a member. */
  leadAttendance: EhAttendance | null
}

export type AlertCode = 'lead_did_not_attend' | 'lead_apologies' | 'meeting_not_recorded' | 'no_meeting'

export interface Alert {
  code: AlertCode
  text: string
  /** The meeting it is about, where it is about one. */
  meetingId?: number
}

/**
 * The lead professional missed the last recorded meeting without apologies, or sent apologies to
 * the last `inARow` recorded meetings. `meetings` in any order.
 */
export function leadMissedMeetings(
  meetings: readonly MeetingFacts[],
  inARow: number = SETTINGS.apologiesInARow,
): Alert | null {
  const recorded = meetings
    .filter((m) => m.recordedAt !== null)
    .sort((a, b) => (a.heldOn < b.heldOn ? 1 : a.heldOn > b.heldOn ? -1 : b.id - a.id))
  const last = recorded[0]
  if (!last) return null
  if (last.leadAttendance === 'did_not_attend')
    return {
      code: 'lead_did_not_attend',
      text: 'The lead professional did not attend the last team around the family meeting.',
      meetingId: last.id,
    }
  const run = recorded.slice(0, inARow)
  if (run.length === inARow && run.every((m) => m.leadAttendance === 'apologies'))
    return {
      code: 'lead_apologies',
      text: `The lead professional sent apologies to the last ${inARow} team around the family meetings.`,
      meetingId: last.id,
    }
  return null
}

/** The last day a meeting held on `heldOn` may have its record written before it is late. */
export function recordDueOn(
  heldOn: string,
  calendar: WorkingCalendar,
  days: number = SETTINGS.recordMeetingWorkingDays,
): string {
  return calendar.addWorkingDays(heldOn, days)
}

/** Each meeting held with nothing recorded once the settings' working days have passed. */
export function unrecordedMeetings(
  meetings: readonly MeetingFacts[],
  today: string,
  calendar: WorkingCalendar,
  days: number = SETTINGS.recordMeetingWorkingDays,
): Alert[] {
  return meetings
    .filter((m) => m.recordedAt === null && today > recordDueOn(m.heldOn, calendar, days))
    .map((m) => ({
      code: 'meeting_not_recorded' as const,
      text: `Nothing has been recorded of the meeting held on ${m.heldOn}: attendance and decisions were due within ${days} working days.`,
      meetingId: m.id,
    }))
}

/** The day by which the next team around the family meeting should be held. */
export function nextMeetingDueOn(
  startedOn: string,
  meetings: readonly Pick<MeetingFacts, 'heldOn'>[],
  weeks: number = SETTINGS.tafMeetingWeeks,
): string {
  const last = meetings.reduce((latest, m) => (m.heldOn > latest ? m.heldOn : latest), startedOn)
  return addCalendarDays(last, weeks * 7)
}

/** No meeting since the episode started (or since the last) for longer than the settings' weeks. */
export function noRecentMeeting(
  startedOn: string,
  meetings: readonly Pick<MeetingFacts, 'heldOn'>[],
  today: string,
  weeks: number = SETTINGS.tafMeetingWeeks,
): Alert | null {
  const due = nextMeetingDueOn(startedOn, meetings, weeks)
  return today > due
    ? {
        code: 'no_meeting',
        text: `No team around the family meeting in the last ${weeks} weeks: one was due by ${due}.`,
      }
    : null
}

/** Every alert an open episode raises now. An episode awaiting allocation or ended raises none. */
export function alertsFor(
  episode: { status: EhStatus; started_on: string },
  meetings: readonly MeetingFacts[],
  now: Date,
  calendar: WorkingCalendar,
  settings: EarlyHelpSettings = SETTINGS,
): Alert[] {
  if (episode.status !== 'open') return []
  const today = londonToday(now)
  const missed = leadMissedMeetings(meetings, settings.apologiesInARow)
  const none = noRecentMeeting(episode.started_on, meetings, today, settings.tafMeetingWeeks)
  return [
    ...(missed ? [missed] : []),
    ...unrecordedMeetings(meetings, today, calendar, settings.recordMeetingWorkingDays),
    ...(none ? [none] : []),
  ]
}

// ---------------------------------------------------------------------------------------------
// The family plan

/** An objective's scores: where it started, where it is now, its target, and the movement. */
export function movement(
  scores: readonly { scoredOn: string; score: number; id: number }[],
  target: number,
): { start: number | null; latest: number | null; target: number; change: number | null; met: boolean } {
  const sorted = [...scores].sort((a, b) =>
    a.scoredOn < b.scoredOn ? -1 : a.scoredOn > b.scoredOn ? 1 : a.id - b.id,
  )
  const start = sorted[0]?.score ?? null
  const latest = sorted[sorted.length - 1]?.score ?? null
  return {
    start,
    latest,
    target,
    change: start === null || latest === null ? null : latest - start,
    met: latest !== null && latest >= target,
  }
}

/** An intervention's sessions planned against what happened. */
export function sessionCounts(planned: number, outcomes: readonly EhSessionOutcome[]) {
  const count = (o: EhSessionOutcome) => outcomes.filter((x) => x === o).length
  const delivered = count('delivered')
  return {
    planned,
    delivered,
    cancelled: count('cancelled'),
    notAttended: count('not_attended'),
    remaining: Math.max(planned - delivered, 0),
  }
}

// ---------------------------------------------------------------------------------------------
// Forms

const LONG_MAX_TEXT = LONG_ANSWER_MAX.toLocaleString('en-GB')
const text = z.string().trim().optional().default('')
type Issue = (path: string, message: string) => void

function issuer(ctx: z.RefinementCtx): Issue {
  return (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
}

function requiredShort(issue: Issue, value: string, path: string, missing: string, label: string) {
  if (value === '') issue(path, missing)
  else if (value.length > SHORT_ANSWER_MAX)
    issue(path, `${label} must be ${SHORT_ANSWER_MAX} characters or fewer`)
}

function longOk(issue: Issue, value: string, path: string, label: string) {
  if (value.length > LONG_ANSWER_MAX) issue(path, `${label} must be ${LONG_MAX_TEXT} characters or fewer`)
}

/** A GOV.UK date input `name` (three boxes) read as YYYY-MM-DD, on or before today when `past`. */
export function readDate(
  v: Record<string, unknown>,
  name: string,
  label: string,
  now: Date,
  issue: Issue,
  options: { past?: boolean; optional?: boolean } = {},
): string | null {
  const part = (p: string) => {
    const raw = v[`${name}-${p}`]
    return typeof raw === 'string' ? raw.trim() : ''
  }
  const [d, m, y] = [part('day'), part('month'), part('year')]
  if (d === '' && m === '' && y === '') {
    if (!options.optional) issue(name, `Enter the ${label.toLowerCase()}`)
    return null
  }
  const iso = dateFromParts(d, m, y)
  if (iso === null) {
    issue(name, `${label} must be a real date`)
    return null
  }
  if (options.past !== false && iso > londonToday(now)) {
    issue(name, `${label} must be today or in the past`)
    return null
  }
  return iso
}

const answers = z.record(z.string(), z.union([z.string(), z.array(z.string())]))
const one = (v: Record<string, unknown>, name: string) => {
  const raw = v[name]
  return typeof raw === 'string' ? raw.trim() : ''
}

export interface StartInput {
  teamId: number
  consentOn: string
  consentFrom: string
  consentNote: string | null
}

/** Starting an episode: the early help team to hold it and the family's consent. */
export function startSchema(teams: readonly number[], now: Date) {
  return answers.transform((v, ctx): StartInput => {
    const issue = issuer(ctx)
    const team = Number(one(v, 'team'))
    if (!teams.includes(team)) issue('team', 'Select the early help team that will hold the episode')
    if (one(v, 'consent') !== 'yes')
      issue(
        'consent',
        'Early help needs the family’s consent: confirm it was given, or do not start an episode',
      )
    const consentOn = readDate(v, 'consentOn', 'Date consent was given', now, issue)
    const consentFrom = one(v, 'consentFrom')
    requiredShort(issue, consentFrom, 'consentFrom', 'Enter who gave consent', 'Who gave consent')
    const note = one(v, 'consentNote')
    longOk(issue, note, 'consentNote', 'The note')
    return { teamId: team, consentOn: consentOn ?? '', consentFrom, consentNote: note || null }
  })
}

/** Allocating the lead professional: one of the people offered. */
export function allocateSchema(offered: readonly number[]) {
  return answers.transform((v, ctx): { leadUserId: number; version: number | null } => {
    const lead = Number(one(v, 'lead'))
    if (!offered.includes(lead)) issuer(ctx)('lead', 'Select the lead professional')
    const version = one(v, 'version')
    return { leadUserId: lead, version: /^\d{1,9}$/.test(version) ? Number(version) : null }
  })
}

export interface AssessmentInput {
  needs: string
  strengths: string
  childVoice: string
  familyView: string
  completedOn: string | null
}

/** The early help assessment: saved as it is written; completing it needs every section. */
export function assessmentSchema(now: Date, startedOn: string) {
  return answers.transform((v, ctx): AssessmentInput => {
    const issue = issuer(ctx)
    const [needs, strengths, childVoice, familyView] = ['needs', 'strengths', 'childVoice', 'familyView'].map(
      (f) => one(v, f),
    ) as [string, string, string, string]
    longOk(issue, needs, 'needs', 'Needs')
    longOk(issue, strengths, 'strengths', 'Strengths')
    longOk(issue, childVoice, 'childVoice', 'The child’s voice')
    longOk(issue, familyView, 'familyView', 'The family’s view')
    let completedOn: string | null = null
    const complete = one(v, 'complete')
    if (complete !== 'yes' && complete !== 'no')
      issue('complete', 'Select whether the assessment is complete')
    if (complete === 'yes') {
      if (needs === '') issue('needs', 'Enter the needs before completing the assessment')
      if (strengths === '') issue('strengths', 'Enter the strengths before completing the assessment')
      if (childVoice === '') issue('childVoice', 'Enter the child’s voice before completing the assessment')
      if (familyView === '') issue('familyView', 'Enter the family’s view before completing the assessment')
      completedOn = readDate(v, 'completedOn', 'Date completed', now, issue)
      if (completedOn !== null && completedOn < startedOn)
        issue('completedOn', 'Date completed must be on or after the day the episode started')
    }
    return { needs, strengths, childVoice, familyView, completedOn }
  })
}

/** A step on the episode that cannot be taken as things stand: the form says why (409). */
export class StepStateError extends Error {
  constructor(
    message: string,
    readonly field = 'reason',
  ) {
    super(message)
    this.name = 'StepStateError'
  }
}

export interface MemberInput {
  agency: string
  name: string
  role: string
  userId: number | null
}

/** A member of the team around the family: agency, name and role, and their Haven account if any. */
export interface MemberLeavingInput {
  reason: string
}

/** Why a member is leaving the team around the family: required, as every removal's reason is. */
export const memberLeavingSchema = answers.transform((v, ctx): MemberLeavingInput => {
  const issue = issuer(ctx)
  const reason = one(v, 'reason')
  if (reason === '') issue('reason', 'Enter why they are leaving the team')
  else longOk(issue, reason, 'reason', 'Why they are leaving')
  return { reason }
})

export function memberSchema(offered: readonly number[]) {
  return answers.transform((v, ctx): MemberInput => {
    const issue = issuer(ctx)
    const [agency, name, role] = [one(v, 'agency'), one(v, 'name'), one(v, 'role')]
    requiredShort(issue, agency, 'agency', 'Enter the member’s agency', 'Agency')
    requiredShort(issue, name, 'name', 'Enter the member’s name', 'Name')
    requiredShort(issue, role, 'role', 'Enter the member’s role', 'Role')
    const user = one(v, 'userId')
    let userId: number | null = null
    if (user !== '') {
      if (offered.includes(Number(user))) userId = Number(user)
      else issue('userId', 'Select a Haven account from the list, or none')
    }
    return { agency, name, role, userId }
  })
}

export interface MeetingInput {
  heldOn: string
  attendance: { memberId: number; attendance: EhAttendance }[]
  decisions: string
  /** Whether attendance and decisions are recorded now (else only that it was held). */
  recorded: boolean
}

/**
 * A TAF meeting: the day it was held, and (now or later) each member's attendance and what was
 * decided. Recording is all or nothing: every member's attendance and the decisions together.
 */
export function meetingSchema(members: readonly number[], now: Date, askDate: boolean, startedOn: string) {
  return answers.transform((v, ctx): MeetingInput => {
    const issue = issuer(ctx)
    let heldOn = ''
    if (askDate) {
      heldOn = readDate(v, 'heldOn', 'Date of the meeting', now, issue) ?? ''
      if (heldOn !== '' && heldOn < startedOn)
        issue('heldOn', 'Date of the meeting must be on or after the day the episode started')
    }
    const decisions = one(v, 'decisions')
    longOk(issue, decisions, 'decisions', 'What was decided')
    const given = members.map((id) => ({ id, value: one(v, `attendance-${id}`) }))
    const recorded = decisions !== '' || given.some((g) => g.value !== '') || !askDate
    const attendance: MeetingInput['attendance'] = []
    if (recorded) {
      if (decisions === '') issue('decisions', 'Enter what was decided')
      for (const g of given) {
        const found = ATTENDANCE.find((a) => a.code === g.value)
        if (!found) issue(`attendance-${g.id}`, 'Select whether this member attended')
        else attendance.push({ memberId: g.id, attendance: found.code })
      }
    }
    return { heldOn, attendance, decisions, recorded }
  })
}

export interface ObjectiveInput {
  objective: string
  measure: string
  startScore: number
  targetScore: number
}

function score(issue: Issue, raw: string, path: string, label: string): number {
  if (!/^(10|[0-9])$/.test(raw)) {
    issue(path, `${label} must be a whole number from 0 to 10`)
    return 0
  }
  return Number(raw)
}

/** An objective of the family plan with its outcome measure, scored at the start and a target. */
export const objectiveSchema = answers.transform((v, ctx): ObjectiveInput => {
  const issue = issuer(ctx)
  const objective = one(v, 'objective')
  if (objective === '') issue('objective', 'Enter the objective')
  longOk(issue, objective, 'objective', 'The objective')
  const measure = one(v, 'measure')
  requiredShort(issue, measure, 'measure', 'Enter how progress is measured', 'The measure')
  return {
    objective,
    measure,
    startScore: score(issue, one(v, 'startScore'), 'startScore', 'The score now'),
    targetScore: score(issue, one(v, 'targetScore'), 'targetScore', 'The target'),
  }
})

/** A review's score of one objective. */
export function scoreSchema(now: Date) {
  return answers.transform((v, ctx): { scoredOn: string; score: number } => {
    const issue = issuer(ctx)
    const scoredOn = readDate(v, 'scoredOn', 'Date of the review', now, issue) ?? ''
    return { scoredOn, score: score(issue, one(v, 'score'), 'score', 'The score') }
  })
}

export interface InterventionInput {
  kind: string
  provider: string
  sessionsPlanned: number
  overWeeks: number
  startsOn: string
}

/** A family support intervention: what, by whom, how many sessions over how many weeks. */
export function interventionSchema(now: Date) {
  return answers.transform((v, ctx): InterventionInput => {
    const issue = issuer(ctx)
    const [kind, provider] = [one(v, 'kind'), one(v, 'provider')]
    requiredShort(issue, kind, 'kind', 'Enter the intervention', 'The intervention')
    requiredShort(issue, provider, 'provider', 'Enter who provides it', 'Who provides it')
    const whole = (path: string, label: string, max: number) => {
      const raw = one(v, path)
      if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
        issue(path, `${label} must be a whole number from 1 to ${max}`)
        return 0
      }
      return Number(raw)
    }
    return {
      kind,
      provider,
      sessionsPlanned: whole('sessionsPlanned', 'Sessions planned', 200),
      overWeeks: whole('overWeeks', 'Weeks', 104),
      startsOn: readDate(v, 'startsOn', 'Start date', now, issue, { past: false }) ?? '',
    }
  })
}

/** One session of an intervention: its date and what happened. */
export function sessionSchema(now: Date) {
  return answers.transform((v, ctx): { sessionOn: string; outcome: EhSessionOutcome } => {
    const issue = issuer(ctx)
    const sessionOn = readDate(v, 'sessionOn', 'Date of the session', now, issue) ?? ''
    const found = SESSION_OUTCOMES.find((o) => o.code === one(v, 'outcome'))
    if (!found) issue('outcome', 'Select what happened')
    return { sessionOn, outcome: found?.code ?? 'delivered' }
  })
}

export { text as optionalText }

/**
 * The front door's decisions of early help taken up as the earlyhelp module records them: an
 * episode started by an early help team's manager a few days after the decision (the family's
 * consent, the team's grant), a lead professional allocated (a school's designated safeguarding
 * lead, a health visitor, or one of early help's own practitioners) with their grant and place in
 * the team around the family, the early help assessment, team around the family meetings about
 * every six weeks, and for most episodes older than a few months the closure the manager
 * authorised, with its coded reason. The decisions of the last fortnight mostly still wait.
 *
 * Drawn after every family of a batch, from a stream of each decision's own, so every other row
 * is as it was (but for the ids of the events and grants taken after them).
 */
import { type IsoDate, addCalendarDays, ageOn, londonDate, longDate } from '../../platform/calendar/dates.js'
import { closureReasonText } from '../earlyhelp/closure-model.js'
import { agencyText, EPISODE_SUBJECT } from '../earlyhelp/model.js'

import { addWorkingDays } from './dates.js'
import { type Batch, type EarlyHelpDecision, DAY, HOUR, at } from './load-batch.js'
import { type Random, streamFor } from './random.js'

/** Decisions this recent mostly wait for the early help manager. */
const WAITING_DAYS = 14

const leadLine = (agency: string) => ` Lead professional from ${agencyText(agency)}.`

const NEEDS = [
  'Attendance has dropped this term and the child is often late; mornings at home are hard.',
  'The parents are separating and the children are unsettled; arguments at handovers.',
  'The family is behind with the rent and worried about losing the tenancy.',
  'Behaviour at home and school has worsened since a bereavement in the family.',
  'The parent is struggling with low mood and has little support nearby.',
  'Speech and language are behind what is expected; the family is unsure where to go for help.',
  'Sleep and routines are a struggle; the parent asked for help with boundaries.',
  'The young person is anxious about school and has stopped seeing friends.',
]
const STRENGTHS = [
  'A warm relationship with the parent, who asked for help.',
  'Grandparents nearby who help with school runs.',
  'The child enjoys school and has a trusted member of staff.',
  'The family engages well with the health visitor.',
  'The parent is open about the difficulties and wants things to change.',
]
const VOICES = [
  'Said they would like things at home to be calmer.',
  'Said they worry about their mum and want to help her.',
  'Would like to go to an after-school club with friends.',
  'Said school is “alright” but mornings are hard.',
]
const FAMILY_VIEWS = [
  'The parent wants help with routines and a break now and then.',
  'The family would like support with money and housing.',
  'The parents want help to keep arguments away from the children.',
  'The parent would like parenting support and someone to talk to.',
]
const DECISIONS = [
  'School to report attendance weekly; family support worker to help with morning routines.',
  'Referral to the parenting programme; health visitor to review development in four weeks.',
  'Housing advice appointment booked; school to offer breakfast club.',
  'Counselling through school; next meeting to review progress on the plan.',
]

/** The reasons an episode is closed with (closure-reasons.json), and how often. */
const REASONS: readonly [string, number][] = [
  ['EH1', 60],
  ['EH6', 15],
  ['EH2', 12],
  ['EH4', 7],
  ['EH7', 6],
]

function weightedReason(random: Random): string {
  let n = random.int(1, 100)
  for (const [code, w] of REASONS) {
    if (n <= w) return code
    n -= w
  }
  return 'EH1'
}

export function addEarlyHelp(batch: Batch): void {
  const { ctx } = batch
  const teams = ctx.setup.earlyHelpTeams
  if (teams.length === 0) return
  // Each child's decisions in order: an episode still open when the next decision comes ends first.
  const byChild = new Map<number, EarlyHelpDecision[]>()
  for (const d of batch.earlyHelp.decisions) {
    const list = byChild.get(d.state.personId) ?? []
    list.push(d)
    byChild.set(d.state.personId, list)
  }
  const names = new Map([...ctx.setup.staff.values()].map((s) => [s.userId, s.name]))
  for (const list of byChild.values()) {
    list.sort((a, b) => a.decidedAt - b.decidedAt || a.ccId - b.ccId)
    list.forEach((d, i) => addEpisode(batch, d, list[i + 1]?.decidedAt ?? null, names))
  }
}

function addEpisode(
  batch: Batch,
  d: EarlyHelpDecision,
  nextDecision: number | null,
  names: Map<number, string>,
): void {
  const { ctx } = batch
  const h = batch.earlyHelp
  const random = streamFor(ctx.seed, 'load', 'early-help-episode', d.ccId)
  const teams = ctx.setup.earlyHelpTeams
  const team = teams[d.state.personId % teams.length] as (typeof teams)[number]
  const teamName = ctx.setup.teamsById.get(team.id)?.name ?? 'early help'
  const age = ctx.asOfMs - d.decidedAt
  // Taken up within days; the last fortnight's mostly not yet.
  const recent = age < WAITING_DAYS * DAY
  const startedAt = d.decidedAt + random.int(18, 24 * 6) * HOUR
  if ((recent && random.chance(0.7)) || startedAt > ctx.capMs) {
    h.waiting++
    return
  }
  const startedOn = dayOf(startedAt)
  const decidedOn = dayOf(d.decidedAt)
  const consentOn = maxDay(decidedOn, addCalendarDays(startedOn, -random.int(0, 3)))
  const dob = d.state.child.dateOfBirth
  const years = dob === null ? -1 : ageOn(dob, startedOn)
  const consentFrom =
    years >= 16 && random.chance(0.4)
      ? 'The young person'
      : random.pick(['Mother', 'Mother', 'Mother', 'Father', 'Both parents'])
  const manager = team.managerUserId
  const id = batch.ids.eh_episode.take()
  const subject = String(id)
  const teamGrant = batch.ids.child_access.take()
  batch.event(
    d.state,
    EPISODE_SUBJECT,
    id,
    'earlyhelp.started',
    startedAt,
    `Early help episode started (front door decision), held by ${teamName}; the family consented on ${longDate(consentOn)}`,
    manager,
    { origin: 'front_door', teamId: team.id },
  )
  const startedEvent = batch.events.at(-1)?.id ?? null

  // The lead professional: a school for school-age children, a health visitor for the under-fives,
  // otherwise (and often anyway) early help's own practitioner.
  const schools = ctx.setup.partners.filter((p) => p.kind === 'school')
  const visitors = ctx.setup.partners.filter((p) => p.kind === 'health_visitor')
  const roll = random.next()
  const partner =
    years >= 4 && years <= 16 && schools.length > 0 && roll < 0.45
      ? random.pick(schools)
      : years < 5 && visitors.length > 0 && roll < 0.55
        ? random.pick(visitors)
        : null
  const leadUser = partner?.userId ?? random.pick(team.workers)
  const leadAgency = partner === null ? 'social_care' : partner.kind === 'school' ? 'education' : 'health'
  const leadName = partner?.name ?? names.get(leadUser) ?? 'Early help practitioner'
  const allocatedAt = startedAt + random.int(2, 96) * HOUR
  const allocated = allocatedAt <= ctx.capMs

  // How long it runs: three to nine months, ended before another decision about the child.
  let endedOn: IsoDate | null = addCalendarDays(startedOn, random.int(90, 270))
  if (nextDecision !== null) {
    const before = addCalendarDays(dayOf(nextDecision), -random.int(1, 5))
    if (before < endedOn) endedOn = maxDay(before, addCalendarDays(dayOf(allocatedAt), 1))
  }
  if (!allocated || endedOn > ctx.end) endedOn = null
  const endedAt = endedOn === null ? null : at(endedOn, random.int(600, 960))
  const reason = endedOn === null ? null : weightedReason(random)
  const grantEnd = endedAt === null ? null : new Date(endedAt)
  const grantEndReason = endedAt === null ? null : `Early help episode ${id} closed`
  batch.grants.push([
    teamGrant,
    d.state.personId,
    null,
    team.id,
    'allocated_team',
    manager,
    new Date(startedAt),
    grantEnd,
    grantEndReason,
    null,
  ])
  const leadGrant = allocated ? batch.ids.child_access.take() : null
  h.episodes.push([
    id,
    d.state.personId,
    'front_door',
    d.ccId,
    team.id,
    startedOn,
    manager,
    new Date(startedAt),
    startedEvent,
    consentOn,
    consentFrom,
    endedOn !== null ? 'ended' : allocated ? 'open' : 'awaiting_allocation',
    teamGrant,
    allocated ? leadUser : null,
    allocated ? leadAgency : null,
    leadGrant,
    allocated ? new Date(allocatedAt) : null,
    allocated ? manager : null,
    1 + (allocated ? 1 : 0) + (endedOn !== null ? 1 : 0),
    endedOn,
    reason,
  ])
  if (!allocated) {
    h.owners.set(subject, { userId: manager, teamId: team.id, kept: false })
    return
  }
  h.owners.set(subject, { userId: leadUser, teamId: team.id, kept: true })
  batch.grants.push([
    leadGrant,
    d.state.personId,
    leadUser,
    null,
    'process_participant',
    manager,
    new Date(allocatedAt),
    grantEnd,
    grantEndReason,
    'Lead professional of an early help episode',
  ])
  const memberId = batch.ids.eh_taf_member.take()
  h.members.push([
    memberId,
    id,
    partner?.agency ?? agencyText(leadAgency),
    leadName,
    partner === null
      ? 'Lead professional, Early help practitioner'
      : `Lead professional, ${jobOf(partner.kind)}`,
    leadUser,
    manager,
    new Date(allocatedAt),
  ])
  h.leads.push([id, memberId])
  batch.event(
    d.state,
    EPISODE_SUBJECT,
    id,
    'earlyhelp.allocated',
    allocatedAt,
    `Early help lead professional allocated: ${leadName}.${leadLine(leadAgency)}`,
    manager,
    { leadUserId: leadUser, agency: leadAgency },
  )
  const until = endedOn ?? ctx.end
  addAssessment(batch, d, id, leadUser, leadAgency, dayOf(allocatedAt), until, random)
  addMeetings(batch, d, id, memberId, leadUser, leadAgency, startedOn, until, random)
  if (endedOn !== null && endedAt !== null && reason !== null)
    addClosure(
      batch,
      d,
      id,
      { leadUser, leadAgency, manager, years, endedOn, endedAt, allocatedAt, reason },
      random,
    )
}

function addAssessment(
  batch: Batch,
  d: EarlyHelpDecision,
  id: number,
  lead: number,
  agency: string,
  startedOn: IsoDate,
  until: IsoDate,
  random: Random,
): void {
  // Completed within the 30 working days mostly; some later, some not yet.
  const due = random.chance(0.8) ? random.int(8, 28) : random.int(31, 45)
  const completed = addWorkingDays(startedOn, due)
  const done = completed < until
  const updatedAt = done ? at(completed, random.int(600, 1020)) : at(startedOn, random.int(600, 1020))
  batch.earlyHelp.assessments.push([
    id,
    startedOn,
    random.pick(NEEDS),
    random.pick(STRENGTHS),
    random.pick(VOICES),
    random.pick(FAMILY_VIEWS),
    done ? completed : null,
    lead,
    new Date(Math.min(updatedAt, batch.ctx.capMs)),
  ])
  if (done)
    batch.event(
      d.state,
      EPISODE_SUBJECT,
      id,
      'earlyhelp.assessment_completed',
      updatedAt,
      `Early help assessment completed on ${longDate(completed)}.${leadLine(agency)}`,
      lead,
    )
}

function addMeetings(
  batch: Batch,
  d: EarlyHelpDecision,
  id: number,
  memberId: number,
  lead: number,
  agency: string,
  startedOn: IsoDate,
  until: IsoDate,
  random: Random,
): void {
  const h = batch.earlyHelp
  let held = addCalendarDays(startedOn, random.int(21, 40))
  while (held < until) {
    const meetingId = batch.ids.eh_meeting.take()
    const noon = at(held, 720)
    const recordedAt = Math.min(noon + random.int(2, 30) * HOUR, batch.ctx.capMs)
    const attendance = random.chance(0.88) ? 'attended' : random.chance(0.6) ? 'apologies' : 'did_not_attend'
    h.meetings.push([
      meetingId,
      id,
      held,
      random.pick(DECISIONS),
      lead,
      new Date(noon),
      lead,
      new Date(recordedAt),
    ])
    h.attendance.push([meetingId, memberId, attendance])
    batch.event(
      d.state,
      EPISODE_SUBJECT,
      id,
      'earlyhelp.meeting_held',
      noon,
      `Team around the family meeting held on ${longDate(held)}.${leadLine(agency)}`,
      lead,
      { meetingId },
    )
    const leadText =
      attendance === 'did_not_attend'
        ? ' The lead professional did not attend.'
        : attendance === 'apologies'
          ? ' The lead professional sent apologies.'
          : ''
    batch.event(
      d.state,
      EPISODE_SUBJECT,
      id,
      'earlyhelp.meeting_recorded',
      recordedAt,
      `Team around the family meeting recorded: ${attendance === 'attended' ? 1 : 0} of 1 members attended.${leadText}${leadLine(agency)}`,
      lead,
      { meetingId, lead: attendance },
    )
    held = addCalendarDays(held, random.int(35, 45))
  }
}

function addClosure(
  batch: Batch,
  d: EarlyHelpDecision,
  id: number,
  c: {
    leadUser: number
    leadAgency: string
    manager: number
    years: number
    endedOn: IsoDate
    endedAt: number
    allocatedAt: number
    reason: string
  },
  random: Random,
): void {
  const closureId = batch.ids.eh_closure.take()
  const proposedAt = Math.max(c.endedAt - random.int(4, 96) * HOUR, c.allocatedAt + HOUR)
  const withdrawn = c.reason === 'EH2'
  const checklist = {
    agencies: [
      {
        agency: agencyText(c.leadAgency),
        asked: true,
        view: withdrawn ? 'Would have liked the support to continue.' : 'Agrees the plan’s outcomes are met.',
      },
    ],
    concerns: [],
    childVoice:
      c.years < 4
        ? { recorded: false, reason: 'too_young', detail: null }
        : { recorded: true, said: random.pick(VOICES) },
    reasonCode: c.reason,
    reasonDetail: c.reason === 'EH7' ? 'The family’s needs are now met by the school’s own support.' : null,
    consentWithdrawn: withdrawn,
    risksUnchanged: false,
    referral: null,
  }
  batch.earlyHelp.closures.push([
    closureId,
    id,
    d.state.personId,
    'authorised',
    c.reason,
    JSON.stringify(checklist),
    false,
    c.leadUser,
    new Date(proposedAt),
    c.manager,
    new Date(c.endedAt),
  ])
  const reason = closureReasonText(c.reason)
  batch.event(
    d.state,
    EPISODE_SUBJECT,
    id,
    'earlyhelp.closure_proposed',
    proposedAt,
    `Closure of the early help episode proposed: ${reason}.${leadLine(c.leadAgency)}`,
    c.leadUser,
    { closureId, reasonCode: c.reason, referralPrompted: false },
  )
  batch.event(
    d.state,
    EPISODE_SUBJECT,
    id,
    'earlyhelp.ended',
    c.endedAt,
    `Early help episode ended on ${longDate(c.endedOn)}: ${reason}.${leadLine(c.leadAgency)}`,
    c.manager,
    { closureId, reasonCode: c.reason },
  )
}

const jobOf = (kind: 'school' | 'health_visitor') =>
  kind === 'school' ? 'Designated safeguarding lead' : 'Health visitor'

const dayOf = (ms: number): IsoDate => londonDate(ms)

const maxDay = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b)

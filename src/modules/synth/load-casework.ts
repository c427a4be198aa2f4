/**
 * The assessment and protection modules' records for a referral, as a worker and manager would
 * have recorded them: the child and family assessment (authorised by the team manager), the
 * section 47 enquiry its strategy discussion started, the initial conference that followed, and
 * the CP plan with its review conferences, statutory visits, outcomes and actions, and core group
 * meetings (who came, and the progress on each action due by then). The case events that go with
 * them name these records as their subjects, so a task on a worklist opens the record.
 *
 * What lies after `asOf` is not written: an assessment authorised later is still in progress, a
 * conference not yet held has no decision, a plan ended later is still open.
 */
import { type IsoDate, londonDate } from '../../platform/calendar/dates.js'
import type { Assessment, CpPlan, Referral, Section47 } from './population.js'
import { type Random, streamFor } from './random.js'
import { type Batch, type ChildState, HOUR, MINUTE } from './load-batch.js'

const WISHES: readonly string[] = [
  'Says they like school and their friends, and wants the shouting at home to stop.',
  'Wants to stay living with mum; worries about her when dad visits.',
  'Too young to say; seen relaxed and responsive with mum, babbling and reaching for her.',
  'Would like more help with their brother and someone to talk to about how they feel.',
]

const ANALYSIS: readonly string[] = [
  'Needs are met inconsistently; the parents engage and accept help, so support through a plan should be enough.',
  'Risks from domestic abuse outweigh the protective factors; a multi-agency plan is needed.',
  'The family has resolved the immediate worry; no further involvement from children’s social care is needed.',
]

/** The assessment's outcome, from what followed it. */
function outcomeOf(r: Referral): string {
  if (r.cpPlans.length > 0 || r.section47s.length > 0) return 'strategy_discussion'
  if (r.cinPlans.length > 0) return 'cin_plan'
  return 'no_further_action'
}

/** How long before its authorisation a finished assessment waits for the manager, at most. */
const WAITS_UP_TO = 15 * 24 * HOUR
/** How long an assessment takes to write before it can be sent, at least. */
const WRITTEN_IN = 10 * 24 * HOUR

/**
 * The assessment's row; returns its id (null when it starts after `asOf`) and, for one sent to
 * the manager and waiting at `asOf`, when it was sent. Three in four of the assessments in progress at `asOf`
 * for at least 10 days, and authorised (if at all in the simulation) within 15 days after it, are
 * finished and waiting for the manager: every section answered, status `awaiting_authorisation`,
 * and a `sign_off` row waiting (the platform's step), sent by the worker three hours to three days
 * before `asOf`.
 */
export function writeAssessment(
  batch: Batch,
  state: ChildState,
  d: {
    referralId: number
    referral: Referral
    assessment: Assessment
    startedAt: number
    authorisedAt: number | null
    workerId: number
    managerId: number
  },
  random: Random,
): { id: number; sentAt: number | null; signOffId: number | null } | null {
  const { capMs } = batch.ctx
  if (d.startedAt > capMs) return null
  const id = batch.ids.assessment.take()
  const authorised = d.authorisedAt !== null && d.authorisedAt <= capMs
  const sentAt =
    !authorised &&
    capMs - d.startedAt >= WRITTEN_IN &&
    (d.authorisedAt === null || d.authorisedAt - capMs <= WAITS_UP_TO) &&
    random.chance(0.75)
      ? capMs - random.int(3, 72) * HOUR
      : null
  const waiting = sentAt !== null && sentAt <= capMs
  const finished = authorised || waiting
  // The child is seen in the first days; an assessment only just begun may not have seen them yet.
  const seenAt = d.startedAt + random.int(1, 5) * 24 * HOUR
  const seen = seenAt <= capMs || finished
  const alone = seen && random.chance(0.75)
  const done = finished || random.chance(0.4)
  const lastSeen = authorised ? (d.authorisedAt as number) : waiting ? (sentAt as number) : seenAt
  batch.casework.assessments.push([
    id,
    state.personId,
    d.referralId,
    londonDate(d.startedAt),
    d.workerId,
    new Date(d.startedAt),
    authorised ? 'authorised' : waiting ? 'awaiting_authorisation' : 'in_progress',
    seen ? londonDate(Math.max(d.startedAt, Math.min(seenAt, lastSeen))) : null,
    seen ? alone : null,
    done ? random.pick(WISHES) : null,
    finished ? d.assessment.factors : null,
    done ? d.referral.primaryNeed : null,
    done ? random.pick(ANALYSIS) : null,
    finished ? outcomeOf(d.referral) : null,
    authorised ? londonDate(d.authorisedAt as number) : null,
    authorised ? d.managerId : null,
    authorised ? d.managerId : d.workerId,
    new Date(authorised ? (d.authorisedAt as number) : waiting ? (sentAt as number) : d.startedAt),
  ])
  if (!waiting) return { id, sentAt: null, signOffId: null }
  const signOffId = batch.ids.sign_off.take()
  batch.casework.signOffs.push([
    signOffId,
    'assessment',
    String(id),
    state.personId,
    d.workerId,
    new Date(sentAt as number),
    'Child and family assessment',
  ])
  return { id, sentAt, signOffId }
}

/**
 * The section 47 enquiry a held strategy discussion started, on that discussion's date, with the
 * child seen in the first days and its outcome once completed; and, when a conference followed,
 * the initial conference with this child's decision. Returns the enquiry's and conference's ids.
 */
export function writeSection47(
  batch: Batch,
  state: ChildState,
  d: {
    strategyDiscussionId: number
    heldAt: number
    joint: boolean
    s47: Section47
    plan: CpPlan | null
    icpcAt: number | null
    completedAt: number | null
    workerId: number
    managerId: number
  },
  random: Random,
): { id: number; conferenceId: number | null } {
  const { capMs } = batch.ctx
  const id = batch.ids.s47_enquiry.take()
  const start: IsoDate = londonDate(d.heldAt)
  const seenAt = d.heldAt + random.int(2, 30) * HOUR
  const completed = d.completedAt !== null && d.completedAt <= capMs
  const needed = d.s47.icpc !== null
  batch.casework.section47s.push([
    id,
    state.personId,
    d.strategyDiscussionId,
    start,
    d.joint,
    new Date(d.heldAt + HOUR),
    seenAt <= capMs ? londonDate(seenAt) : null,
    seenAt <= capMs ? random.chance(0.8) : null,
    completed ? (needed ? 'substantiated' : 'not_substantiated') : null,
    completed ? needed : null,
    completed ? needed : null,
    completed && !needed
      ? 'Concerns not substantiated; the family accepts support as a child in need.'
      : null,
    completed ? londonDate(d.completedAt as number) : null,
    completed ? d.managerId : null,
    completed ? new Date(d.completedAt as number) : null,
  ])
  if (d.icpcAt === null || !completed) return { id, conferenceId: null }
  const conferenceId = batch.ids.child_protection_conference.take()
  batch.casework.conferences.push([
    conferenceId,
    'initial',
    new Date(d.icpcAt),
    d.managerId,
    d.workerId,
    new Date(d.heldAt + 2 * HOUR),
    new Date(d.icpcAt),
    random.pick(['attended', 'views_through_worker', 'too_young']),
    random.pick(['attended', 'attended', 'attended_part', 'did_not_attend']),
    d.managerId,
    new Date(d.icpcAt + 2 * HOUR),
  ])
  batch.casework.conferenceChildren.push([
    conferenceId,
    state.personId,
    id,
    d.plan ? 'plan' : 'no_plan',
    d.plan ? d.plan.initialCategory : null,
  ])
  return { id, conferenceId }
}

/** What must change for the child, and the actions towards it: whose, and due how long after the plan starts. */
const PLAN_WORK: readonly {
  outcome: string
  actions: readonly { action: string; ownerKind: 'person' | 'agency'; owner: string; dueDays: number }[]
}[] = [
  {
    outcome: 'The children live free from domestic abuse and feel safe at home.',
    actions: [
      {
        action: 'Mother to attend the Freedom Programme.',
        ownerKind: 'person',
        owner: 'Mother',
        dueDays: 28,
      },
      {
        action: 'Police to check bail conditions are kept.',
        ownerKind: 'agency',
        owner: 'Police',
        dueDays: 14,
      },
    ],
  },
  {
    outcome: 'The child attends school every day and arrives on time.',
    actions: [
      {
        action: 'School to send weekly attendance to the social worker.',
        ownerKind: 'agency',
        owner: 'Education',
        dueDays: 7,
      },
      {
        action: 'Parents to take the child to school each morning.',
        ownerKind: 'person',
        owner: 'Parents',
        dueDays: 21,
      },
    ],
  },
  {
    outcome: 'The child’s health needs are met: appointments kept and growth checked.',
    actions: [
      {
        action: 'Health visitor to weigh the child fortnightly.',
        ownerKind: 'agency',
        owner: 'Health',
        dueDays: 14,
      },
      {
        action: 'Mother to take the child to the dentist.',
        ownerKind: 'person',
        owner: 'Mother',
        dueDays: 42,
      },
    ],
  },
  {
    outcome: 'The home is safe, warm and clean, with food in the cupboards.',
    actions: [
      { action: 'Housing to repair the heating.', ownerKind: 'agency', owner: 'Housing', dueDays: 28 },
      {
        action: 'Social worker to arrange a food bank referral.',
        ownerKind: 'agency',
        owner: "Children's social care",
        dueDays: 7,
      },
    ],
  },
]

const PROGRESS: readonly string[] = [
  'Done as agreed; the core group saw the evidence.',
  'Started but not finished; the date stands.',
  'Not done yet: the family were reminded of what was agreed.',
]

/**
 * The plan's outcomes and actions, recorded at the initial conference (the plan's start), and its
 * core group meetings: who came (social care always, the others mostly) and the progress on each
 * action due by then. An action falls due on its day: delivered on or before it, now and then not
 * delivered with the reason, or still planned (overdue) at `asOf`. Drawn from a stream of their
 * own, so the plan's other rows are as they were.
 */
function writePlanWork(
  batch: Batch,
  d: {
    planId: number
    startedAt: number
    endedAt: number | null
    groupsAt: readonly number[]
    workerId: number
  },
): void {
  const { capMs } = batch.ctx
  const random = streamFor(batch.ctx.seed, 'load', 'cp-plan-work', d.planId)
  const recordedAt = new Date(d.startedAt + HOUR)
  const first = random.int(0, PLAN_WORK.length - 1)
  const count = random.chance(0.6) ? 2 : 1
  const actions: { id: number; dueMs: number; doneMs: number | null }[] = []
  for (let k = 0; k < count; k++) {
    const work = PLAN_WORK[(first + k) % PLAN_WORK.length] as (typeof PLAN_WORK)[number]
    const outcomeId = batch.ids.cp_plan_outcome.take()
    batch.casework.cpOutcomes.push([outcomeId, d.planId, work.outcome, d.workerId, recordedAt])
    for (const a of work.actions) {
      const id = batch.ids.cp_plan_action.take()
      const dueMs = d.startedAt + a.dueDays * 24 * HOUR
      const due = londonDate(dueMs)
      const until = Math.min(capMs, d.endedAt ?? Infinity)
      const roll = random.next()
      const doneMs = dueMs - random.int(0, a.dueDays - 1) * 24 * HOUR
      const delivered = doneMs <= until && roll < 0.75
      const notDelivered = !delivered && dueMs <= until && roll < 0.85
      batch.casework.cpActions.push([
        id,
        outcomeId,
        a.action,
        a.ownerKind,
        a.owner,
        due,
        delivered ? 'delivered' : notDelivered ? 'not_delivered' : 'planned',
        delivered ? londonDate(doneMs) : null,
        notDelivered
          ? 'The family did not take up the help offered; the core group agreed to try again.'
          : null,
        delivered || notDelivered ? d.workerId : null,
        delivered
          ? new Date(Math.min(doneMs + HOUR, until))
          : notDelivered
            ? new Date(Math.min(dueMs + HOUR, until))
            : null,
        d.workerId,
        recordedAt,
      ])
      actions.push({ id, dueMs, doneMs: delivered ? doneMs : null })
    }
  }
  for (const g of d.groupsAt) {
    if (g > capMs) continue
    const groupId = batch.ids.cp_core_group.take()
    batch.casework.coreGroups.push([
      groupId,
      d.planId,
      londonDate(g),
      'Reviewed the plan’s actions with the family and the agencies.',
      d.workerId,
      new Date(g + 2 * HOUR),
    ])
    for (const [agency, p] of [
      ['social_care', 1],
      ['police', 0.6],
      ['health', 0.85],
      ['education', 0.8],
    ] as const)
      batch.casework.coreGroupAttendance.push([groupId, agency, random.chance(p)])
    for (const a of actions)
      if (a.dueMs <= g)
        batch.casework.coreGroupReviews.push([
          groupId,
          a.id,
          a.doneMs !== null && a.doneMs <= g ? (PROGRESS[0] as string) : random.pick(PROGRESS.slice(1)),
        ])
  }
}

/** The CP plan's row, its review conferences and its statutory visits, up to `asOf`. Returns its id. */
export function writeCpPlan(
  batch: Batch,
  state: ChildState,
  d: {
    referralId: number
    conferenceId: number | null
    plan: CpPlan
    startedAt: number
    endedAt: number | null
    reviewsAt: readonly number[]
    visitsAt: readonly number[]
    /** When its core groups met (the `core_group.held` events). */
    groupsAt: readonly number[]
    workerId: number
    managerId: number
  },
  random: Random,
): number {
  const { capMs } = batch.ctx
  const id = batch.ids.cp_plan.take()
  const ended = d.endedAt !== null && d.endedAt <= capMs
  const reviews = d.reviewsAt.filter((r) => r <= capMs)
  batch.casework.cpPlans.push([
    id,
    state.personId,
    d.conferenceId,
    d.referralId,
    d.plan.start,
    d.plan.initialCategory,
    // Categories change rarely; the latest is the population's once any review was held.
    reviews.length > 0 ? d.plan.latestCategory : d.plan.initialCategory,
    ended ? londonDate(d.endedAt as number) : null,
    ended ? 'no_longer_at_risk' : null,
    ended ? d.managerId : null,
    ended ? new Date(d.endedAt as number) : null,
    d.managerId,
    new Date(d.startedAt),
  ])
  for (const r of reviews)
    batch.casework.cpReviews.push([
      id,
      londonDate(r),
      true,
      d.plan.latestCategory,
      d.managerId,
      new Date(r + HOUR),
    ])
  for (const v of d.visitsAt) {
    if (v > capMs) continue
    const alone = random.chance(0.85)
    batch.casework.cpVisits.push([
      id,
      new Date(v),
      alone ? 'The child; mother afterwards' : 'The child and mother',
      true,
      alone,
      random.chance(0.7),
      d.workerId,
      new Date(v + 30 * MINUTE),
    ])
  }
  writePlanWork(batch, {
    planId: id,
    startedAt: d.startedAt,
    endedAt: ended ? (d.endedAt as number) : null,
    groupsAt: d.groupsAt,
    workerId: d.workerId,
  })
  return id
}

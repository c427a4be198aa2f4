/**
 * The assessment and protection modules' records for a referral, as a worker and manager would
 * have recorded them: the child and family assessment (authorised by the team manager), the
 * section 47 enquiry its strategy discussion started, the initial conference that followed, and
 * the CP plan with its review conferences and statutory visits. The case events that go with
 * them name these records as their subjects, so a task on a worklist opens the record.
 *
 * What lies after `asOf` is not written: an assessment authorised later is still in progress, a
 * conference not yet held has no decision, a plan ended later is still open.
 */
import { type IsoDate, londonDate } from '../../platform/calendar/dates.js'
import type { Assessment, CpPlan, Referral, Section47 } from './population.js'
import type { Random } from './random.js'
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

/** The assessment's row; returns its id, or null when it starts after `asOf`. */
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
): number | null {
  const { capMs } = batch.ctx
  if (d.startedAt > capMs) return null
  const id = batch.ids.assessment.take()
  const authorised = d.authorisedAt !== null && d.authorisedAt <= capMs
  // The child is seen in the first days; an assessment only just begun may not have seen them yet.
  const seenAt = d.startedAt + random.int(1, 5) * 24 * HOUR
  const seen = seenAt <= capMs || authorised
  const alone = seen && random.chance(0.75)
  const done = authorised || random.chance(0.4)
  batch.casework.assessments.push([
    id,
    state.personId,
    d.referralId,
    londonDate(d.startedAt),
    d.workerId,
    new Date(d.startedAt),
    authorised ? 'authorised' : 'in_progress',
    seen ? londonDate(Math.min(seenAt, authorised ? (d.authorisedAt as number) : seenAt)) : null,
    seen ? alone : null,
    done ? random.pick(WISHES) : null,
    authorised ? d.assessment.factors : null,
    done ? d.referral.primaryNeed : null,
    done ? random.pick(ANALYSIS) : null,
    authorised ? outcomeOf(d.referral) : null,
    authorised ? londonDate(d.authorisedAt as number) : null,
    authorised ? d.managerId : null,
    authorised ? d.managerId : d.workerId,
    new Date(authorised ? (d.authorisedAt as number) : d.startedAt),
  ])
  return id
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
  return id
}

/** Child protection: section 47 enquiries, and the CP plan that follows an initial conference. */
import type { IsoDate } from '../../platform/calendar/dates.js'
import { CATEGORIES_OF_ABUSE } from './codes.js'
import { addWorkingDays } from './dates.js'
import { days, withinWorkingDays, workingDayOnOrAfter } from './population-dates.js'
import type { CpPlan, JourneyState, Section47 } from './population-model.js'
import { type Random, weighted } from './random.js'

export function makeCpPlan(random: Random, start: IsoDate, state: JourneyState, age: number): CpPlan {
  const months = random.weighted(CP_PLAN_MONTHS)
  const lengthDays = random.int(months[0] * 30, months[1] * 30)
  const end = workingDayOnOrAfter(days(start, Math.max(lengthDays, 35)))
  // Teenagers are more often on plans for emotional or sexual abuse, babies for neglect.
  let category = random.weighted(CATEGORIES_OF_ABUSE)
  if (age >= 0 && age < 1 && category === 'SAB') category = 'NEG'
  const latest = random.chance(0.88) ? category : random.weighted(CATEGORIES_OF_ABUSE)
  // Reviews: the first within 3 months of the conference, then at most every 6 months.
  const reviews: IsoDate[] = []
  let review = workingDayOnOrAfter(days(start, random.chance(0.9) ? random.int(70, 90) : random.int(92, 120)))
  while (review < end) {
    reviews.push(review)
    review = workingDayOnOrAfter(
      days(review, random.chance(0.92) ? random.int(150, 182) : random.int(185, 220)),
    )
  }
  const plan: CpPlan = {
    start,
    end,
    initialCategory: category,
    latestCategory: latest,
    previousPlans: state.previousPlans,
    reviews,
  }
  state.previousPlans += 1
  return plan
}

const CP_PLAN_MONTHS = weighted<[number, number]>([
  [[2, 6], 30],
  [[6, 12], 38],
  [[12, 18], 18],
  [[18, 24], 9],
  [[24, 36], 5],
])

/**
 * A strategy discussion on the day of the referral and the section 47 enquiry it starts: an
 * initial conference for half, and a CP plan from most conferences; the rest need none.
 */
export function section47Enquiry(
  random: Random,
  strategy: IsoDate,
  state: JourneyState,
  age: number,
): { s47: Section47; cpPlan: CpPlan | null } {
  const s47: Section47 = {
    strategyDiscussion: strategy,
    start: strategy,
    icpcTarget: withinWorkingDays(strategy, 15),
    icpc: null,
    icpcNotRequired: false,
    completed: null,
  }
  let cpPlan: CpPlan | null = null
  if (random.chance(0.5)) {
    s47.icpc = random.chance(0.8)
      ? addWorkingDays(strategy, random.int(6, 14))
      : addWorkingDays(strategy, random.int(15, 28))
    s47.completed = s47.icpc
    if (random.chance(0.88)) cpPlan = makeCpPlan(random, s47.icpc, state, age)
  } else {
    s47.icpcNotRequired = true
    s47.completed = addWorkingDays(strategy, random.int(3, 12))
  }
  return { s47, cpPlan }
}

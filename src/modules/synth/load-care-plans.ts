/**
 * Each placement's plan and delegated authority (`care_placement_plan`, `care_delegated_authority`,
 * migration 0073), with the case event that stops its clock (`placement-plan-5wd`): most agreed
 * within 5 working days of the placement starting, some late, a few never, and one not yet agreed
 * for a placement that began in the last days; none for a placement the child left before it was
 * agreed. Drawn from a stream of the period's own, so nothing else the loader draws changes.
 */
import { type IsoDate } from '../../platform/calendar/dates.js'
import { CARE_SUBJECT } from '../care/model.js'
import { DELEGATED_DECISIONS, PLACEMENT_PLAN_EVENTS, planSummary } from '../care/placement-plan-model.js'
import type { DelegatedTo } from '../../platform/db/schema.js'
import { addWorkingDays } from './dates.js'
import { type Batch, type ChildState, at, ownerAt } from './load-batch.js'
import { type Random, streamFor, weighted } from './random.js'
import { type Row } from './store.js'

/** Working days from the placement's start to the plan agreed: the 5 kept mostly. */
const AGREED_AFTER = weighted<readonly [number, number] | null>([
  [[1, 5], 86],
  [[6, 15], 10],
  // Never agreed: on the worklist as overdue while the child stays there.
  [null, 4],
])

const ROUTINES = [
  'Up at 7am on school days, breakfast together; bedtime 8pm with a story.',
  'Gets up for college at 7.30am; in by 10pm on weekdays and 11pm at weekends.',
  'Settles best with a set routine: tea at 5pm, bath, bed by 7.30pm.',
]
const HEALTH = [
  'No medication. Registered with the carers’ GP and dentist; asthma inhaler kept at school.',
  'Takes prescribed medication each morning, given and recorded by the carer.',
  'No known health needs; immunisations up to date; eye test due this year.',
]
const EDUCATION = [
  'Stays at the same school; the carer drives on Mondays, a taxi on other days.',
  'Walks to the local primary school with the carer; homework after tea.',
  'Attends college three days a week by bus; the personal adviser checks attendance.',
]
const CONTACT = [
  'Mother fortnightly for two hours at the family centre, supervised by a contact worker.',
  'Grandparents every Saturday afternoon at their home, unsupervised; phone calls as wished.',
  'Father monthly at the contact centre, supervised; letters to siblings each month.',
]
const BEHAVIOUR = [
  'Can become upset after contact: give time and space, then talk it through.',
  'No current risks identified; talk to the social worker about any concern.',
  'Risk of going out late with older peers: agree times and check in by phone.',
]
const MISSING = [
  'Call the police on 101 (999 if at risk) and the emergency duty team, then the social worker.',
  'If not home by the agreed time, ring their phone and friends, then report to the police.',
]

/** Who takes each everyday decision: the carer mostly, holidays abroad with the social worker. */
function delegated(random: Random): { decision: string; decidedBy: DelegatedTo }[] {
  return DELEGATED_DECISIONS.map((d) => ({
    decision: d.code,
    decidedBy:
      d.code === 'holidays_abroad'
        ? 'social_worker'
        : d.code === 'religious_observance' && random.chance(0.3)
          ? 'parent'
          : d.code === 'overnight_stays' && random.chance(0.2)
            ? 'social_worker'
            : 'carer',
  }))
}

/**
 * Plans for a period's placements (`rows` as `care_placement` holds them: id, period, child,
 * start, end, …). `subject` is the period's id, on whose record the event is written.
 */
export function addPlacementPlans(
  batch: Batch,
  state: ChildState,
  rows: readonly Row[],
  period: { subject: number; k: number },
): void {
  const { ctx } = batch
  const random = streamFor(
    ctx.seed,
    'load',
    'placement-plan',
    state.child.laChildId,
    state.child.familyId,
    period.k,
  )
  for (const row of rows) {
    const [placementId, , childId, start, end] = row as [number, number, number, IsoDate, IsoDate | null]
    const after = random.weighted(AGREED_AFTER)
    if (after === null) continue
    const agreedOn = addWorkingDays(start, random.int(after[0], after[1]))
    // Not yet agreed on the load's day, or the child moved on before it was.
    if (agreedOn > ctx.end || (end !== null && agreedOn > end)) continue
    const recordedAt = at(agreedOn, random.int(720, 1020))
    const by = ownerAt(state, recordedAt)?.userId ?? ctx.setup.careManager
    const planId = batch.ids.care_placement_plan.take()
    batch.care.placementPlans.push([
      planId,
      placementId,
      childId,
      1,
      agreedOn,
      random.pick(ROUTINES),
      random.pick(HEALTH),
      random.pick(EDUCATION),
      random.pick(CONTACT),
      random.pick(BEHAVIOUR),
      random.pick(MISSING),
      by,
      new Date(recordedAt),
    ])
    for (const d of delegated(random))
      batch.care.delegatedAuthority.push([planId, d.decision, d.decidedBy, null])
    // Dated noon on the day agreed, as the care service dates it.
    batch.event(
      state,
      CARE_SUBJECT,
      period.subject,
      PLACEMENT_PLAN_EVENTS.recorded,
      at(agreedOn, 720),
      planSummary(1, agreedOn, []),
      by,
      { placementId, planId, version: 1 },
    )
  }
}

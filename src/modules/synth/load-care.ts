/**
 * Periods of care with their placements and episodes (the care module's rows), previous
 * permanence, adoption, UASC status, missing episodes,
 * and the access grants that follow each worker's spell.
 */
import { type IsoDate, addCalendarDays, ageOn, londonDate, longDate } from '../../platform/calendar/dates.js'

import { addMonths } from '../../platform/calendar/clocks.js'
import { addWorkingDays, toDayNumber } from './dates.js'
import {
  CARE_EVENTS,
  CARE_SUBJECT,
  codeText,
  LEGAL_STATUSES,
  REASONS_CEASED,
  REASONS_FOR_PLACEMENT_CHANGE,
} from '../care/model.js'
import { approvalsNeeded, isResidential } from '../care/placement-model.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import { type CareEpisode } from './population.js'
import { type Random, streamFor, weighted } from './random.js'
import { Batch, type ChildState, HOUR, at, ownerAt } from './load-batch.js'
import { type Row } from './store.js'
import { addPlacementPlans } from './load-care-plans.js'
import {
  addDocuments,
  addEducation,
  addHealthChecks,
  addHealthReviews,
  addInitialHealthAssessment,
  addIro,
  addPeps,
  addReviews,
  addVisits,
  type PeriodOfCare,
  type PlacementSpan,
} from './load-care-records.js'

export function addCare(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const { child } = state
  if (child.care.length === 0) return
  const random = streamFor(ctx.seed, 'load', 'care', child.laChildId, child.familyId)
  periodsOfCare(child.care).forEach((episodes, k) => addPeriodOfCare(batch, state, episodes, k, random))
  // An unaccompanied asylum-seeking child, so recorded from the day care started; the status ends
  // on the 18th birthday (no earlier end, no age assessment recorded).
  const first = child.care[0] as CareEpisode
  if (child.uasc)
    batch.care.uasc.push([
      state.personId,
      first.start,
      null,
      null,
      null,
      ctx.setup.careManager,
      new Date(at(first.start, 1020)),
    ])
}

/** Episodes run together into one period of care until a new one starts ('S'). */
function periodsOfCare(care: CareEpisode[]): CareEpisode[][] {
  const periods: CareEpisode[][] = []
  for (const e of care) {
    const last = periods.at(-1)
    if (last === undefined || e.reasonNew === 'S') periods.push([e])
    else last.push(e)
  }
  return periods
}

/** One period of care: its row's id (the case events' subject), its span, and who held the case. */
interface Period {
  subject: number
  start: IsoDate
  until: IsoDate
  who: number | null
}

const HOMES = [
  'Oakfield',
  'Beech',
  'Riverside',
  'Maple',
  'Willow',
  'Ashdown',
  'Hawthorn',
  'Cedar',
  'Holly',
  'Larch',
]

/** Who looks after the child there: drawn from the period's own stream, so no other row shifts. */
function carerName(records: Random, place: string): string {
  const couple = () =>
    records.chance(0.4)
      ? `${records.pick(GIVEN_NAMES_F)} ${records.pick(FAMILY_NAMES)}`
      : `${records.pick(GIVEN_NAMES_F)} and ${records.pick(GIVEN_NAMES_M)} ${records.pick(FAMILY_NAMES)}`
  const home = `${records.pick(HOMES)} ${records.chance(0.5) ? 'House' : 'Lodge'}`
  if (/^[UA]/.test(place)) return couple()
  switch (place) {
    case 'P1':
      return 'Parents, at home'
    case 'K1':
      return `${home} secure children’s home`
    case 'K2':
      return `${home} children’s home`
    case 'K3':
      return `${home} supported accommodation`
    case 'P3':
      return `Supported lodgings with ${couple()}`
    case 'R3':
      return `${home} family centre`
    case 'R5':
      return 'Young offender institution'
    case 'S1':
      return 'Own tenancy'
    default:
      return home
  }
}

/** The legal statuses a child is taken into care in a hurry under. */
const EMERGENCY_STATUSES: ReadonlySet<string> = new Set(['L1', 'L2', 'L3', 'J1', 'J2'])

/**
 * One period of care, as the care module records it (`care_period`, a `care_placement` for each
 * placement, shared by the episodes a change of legal status alone starts, and a `care_episode`
 * for each of the population's SSDA903 episodes), with the case events the care service writes
 * on the period's row. The events' times come from `random` as before; what the population has
 * not drawn (admission, panel, carers' names, the times of changes) from a stream of the
 * period's own.
 */
function addPeriodOfCare(
  batch: Batch,
  state: ChildState,
  episodes: CareEpisode[],
  k: number,
  random: Random,
): void {
  const { ctx } = batch
  const { child } = state
  const records = streamFor(ctx.seed, 'load', 'care-records', child.laChildId, child.familyId, k)
  const first = episodes[0] as CareEpisode
  const last = episodes.at(-1) as CareEpisode
  const end = last.end
  const period: Period = {
    subject: batch.ids.care_period.take(),
    start: first.start,
    until: end ?? ctx.end,
    who: ownerAt(state, at(first.start, 720))?.userId ?? null,
  }
  const { subject, who } = period
  const recorder = who ?? ctx.setup.careManager
  const startedAt = at(period.start, random.int(600, 960))
  const admission = EMERGENCY_STATUSES.has(first.legalStatus) || records.chance(0.3) ? 'emergency' : 'planned'
  const firstPlacement = batch.care.placements.length
  const placed = addEpisodes(batch, state, episodes, period, recorder, startedAt, records)
  addCommissioning(batch, state, batch.care.placements.slice(firstPlacement), k)
  batch.event(
    state,
    CARE_SUBJECT,
    subject,
    CARE_EVENTS.started,
    startedAt,
    `Became looked after (${admission} admission): ${codeText(LEGAL_STATUSES, first.legalStatus)}`,
    who,
    {
      episodeId: placed.episodeIds[0],
      admission,
      legalStatus: first.legalStatus,
      placement: first.placement,
    },
  )
  const placements = addPlacements(batch, state, episodes, placed, period, records, random)
  addPlacementPlans(batch, state, batch.care.placements.slice(firstPlacement), { subject, k })
  // The draws the reviews' and health's events took before they were the care module's rows, in
  // their order: `random`'s later draws (care's end, the next period's events) stay where they were.
  for (const review of child.lacReviews)
    if (review.date >= period.start && review.date <= period.until) random.int(570, 900)
  const health = healthAndEducationDays(state, period, random)
  let endedAt: number | null = null
  if (end !== null) {
    endedAt = at(end, random.int(900, 1020))
    batch.event(
      state,
      CARE_SUBJECT,
      subject,
      CARE_EVENTS.ended,
      endedAt,
      `Ceased to be looked after: ${codeText(REASONS_CEASED, last.reasonCeased)}`,
      who,
      { episodeId: placed.episodeIds.at(-1), reason: last.reasonCeased },
    )
  }
  const ofCare: PeriodOfCare = {
    subject,
    k,
    start: period.start,
    end,
    until: period.until,
    who,
    recorder,
    endedAt,
    placements,
  }
  const iros = addIro(batch, state, ofCare)
  addReviews(batch, state, ofCare, iros)
  const ihaDone = addInitialHealthAssessment(batch, state, ofCare, health.iha)
  addPeps(batch, state, ofCare, health.pep)
  if (end === null) {
    addVisits(batch, state, ofCare, random)
    if (ihaDone) addHealthReviews(batch, state, ofCare, health.iha)
    addEducation(batch, state, ofCare)
    addDocuments(batch, state, ofCare)
  } else if (ihaDone) {
    // Their health checks, which the SSDA903's OC2 reports for the year they were looked after in.
    addHealthChecks(batch, state, ofCare)
  }
  const planned = admission === 'planned'
  const panelDate = planned ? addCalendarDays(first.start, -records.int(1, 14)) : null
  batch.care.periods.push([
    subject,
    state.personId,
    first.start,
    admission,
    planned ? 'Access to Resources Panel' : null,
    panelDate,
    planned
      ? `${records.pick(records.chance(0.7) ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${records.pick(FAMILY_NAMES)}`
      : null,
    first.categoryOfNeed,
    first.homePostcode,
    end,
    end === null ? null : last.reasonCeased,
    recorder,
    new Date(startedAt),
    end === null ? null : recorder,
    endedAt === null ? null : new Date(endedAt),
  ])
  // Previous permanence, as the social worker records it when care starts: the population draws
  // one for the child (its last period's), recorded for each period its order came before.
  const prev = child.previousPermanence
  if (prev && (prev.date === null || prev.date < first.start))
    batch.care.previousPermanence.push([
      subject,
      state.personId,
      prev.kind,
      prev.date,
      prev.la,
      recorder,
      new Date(startedAt),
    ])
  addAdoption(batch, state, subject, first.start, end, recorder)
}

/**
 * The population's adoption as the care module records it (`care_adoption`): the decision, the
 * match when made, and any reversal, on the period the decision falls in. The agency decision
 * maker's name comes from a stream of its own, so no other row shifts.
 */
function addAdoption(
  batch: Batch,
  state: ChildState,
  period: number,
  start: IsoDate,
  end: IsoDate | null,
  recorder: number,
): void {
  const a = state.child.adoption
  if (!a || a.decision < start || (end !== null && a.decision > end)) return
  const names = streamFor(batch.ctx.seed, 'load', 'adoption', state.child.laChildId, state.child.familyId)
  const maker = `${names.pick(names.chance(0.6) ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${names.pick(FAMILY_NAMES)}, agency decision maker`
  const matched = a.matched
  const last = [a.decision, matched, a.reversed?.date ?? null]
    .filter((d): d is IsoDate => d !== null)
    .sort()
    .at(-1)
  batch.care.adoption.push([
    period,
    state.personId,
    a.decision,
    maker,
    a.reversed?.date ?? null,
    a.reversed?.reason ?? null,
    matched,
    matched === null ? null : a.adopters,
    matched === null ? null : a.adopterSexes,
    matched === null ? null : a.adopterLegalStatus,
    matched === null ? null : a.byFosterCarer,
    recorder,
    new Date(at(a.decision, 960)),
    recorder,
    new Date(at(last as IsoDate, 960)),
  ])
}

/** Pounds a week, drawn in whole pounds between the two, as pence. */
const weekly = (random: Random, from: number, to: number) => random.int(from, to) * 100

/**
 * What a placement costs a week and how it is bought, as pence (null: the standard fostering
 * allowance), or none for a placement with parents, a temporary one or one for adoption: in-house
 * fostering about £300–£500, independent fostering agencies £800–£1,100, children's homes
 * £3,500–£6,000 and more (secure homes more still), supported accommodation £600–£1,800.
 */
function placementCost(
  random: Random,
  place: string,
  provider: string | null,
): { route: 'in_house' | 'framework' | 'spot'; pence: number | null } | null {
  if (provider === null || provider === 'PR0' || /^(T|A|Z|P)/.test(place)) return null
  const own = provider === 'PR1'
  const bought = (framework: number) => (random.chance(framework) ? 'framework' : 'spot')
  if (/^U/.test(place))
    return own
      ? { route: 'in_house', pence: random.chance(0.6) ? null : weekly(random, 300, 500) }
      : { route: bought(0.75), pence: weekly(random, 800, 1100) }
  if (place === 'K1') return { route: own ? 'in_house' : bought(0.5), pence: weekly(random, 6000, 9000) }
  if (isResidential(place))
    return own
      ? { route: 'in_house', pence: weekly(random, 3500, 5000) }
      : { route: bought(0.6), pence: weekly(random, 3500, 6500) }
  if (place === 'K3')
    return own
      ? { route: 'in_house', pence: weekly(random, 600, 900) }
      : { route: bought(0.5), pence: weekly(random, 900, 1800) }
  return { route: own ? 'in_house' : 'spot', pence: weekly(random, 1000, 2500) }
}

/** The first 1 April after a day: when a placement's price goes up. */
const nextApril = (day: IsoDate): IsoDate => {
  const year = Number(day.slice(0, 4))
  const april = `${year}-04-01`
  return day < april ? april : `${year + 1}-04-01`
}

/**
 * Each placement's commissioning route and weekly cost (`care_placement_cost`, from its start, and
 * a 3% uplift from each 1 April it lasts into) and its approvals (`care_placement_approval`: the
 * Placement Panel for an external placement, the head of service for a residential one), from a
 * stream of the period's own so that nothing else the loader draws changes. A few external
 * placements have no cost recorded and a few approvals are still awaited, as in life.
 */
function addCommissioning(batch: Batch, state: ChildState, placements: readonly Row[], k: number): void {
  const { ctx } = batch
  const random = streamFor(ctx.seed, 'load', 'placement-cost', state.child.laChildId, state.child.familyId, k)
  const headOfService = `${streamFor(ctx.seed, 'load', 'head-of-service').pick(GIVEN_NAMES_F)} ${streamFor(ctx.seed, 'load', 'head-of-service', 'family').pick(FAMILY_NAMES)}`
  for (const row of placements) {
    const [id, , childId, start, end, place, provider] = row as [
      number,
      number,
      number,
      IsoDate,
      IsoDate | null,
      string,
      string | null,
    ]
    const last = end ?? ctx.end
    const cost = placementCost(random, place, provider)
    if (cost && !(cost.route !== 'in_house' && random.chance(0.03))) {
      let pence = cost.pence
      batch.care.placementCosts.push([
        id,
        childId,
        start,
        cost.route,
        pence,
        ctx.setup.careManager,
        new Date(at(start, 900)),
      ])
      for (let from = nextApril(start); pence !== null && from <= last; from = nextApril(from)) {
        pence = Math.round((pence * 1.03) / 100) * 100
        batch.care.placementCosts.push([
          id,
          childId,
          from,
          cost.route,
          pence,
          ctx.setup.careManager,
          new Date(at(from, 600)),
        ])
      }
    }
    for (const kind of approvalsNeeded({ place, provider })) {
      const on = addCalendarDays(start, random.int(0, 14))
      if (on > last || random.chance(0.05)) continue
      const approver =
        kind === 'head_of_service'
          ? headOfService
          : `${random.pick(random.chance(0.6) ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`
      batch.care.placementApprovals.push([
        id,
        childId,
        kind,
        on,
        approver,
        ctx.setup.careManager,
        new Date(at(on, 840)),
      ])
    }
  }
}

/** The period's placements and episodes as rows: which episodes start a placement, and their ids. */
interface Placed {
  episodeIds: number[]
  placementIds: number[]
  /** Each episode's placement row, and whether it starts it. */
  startsPlacement: boolean[]
}

function addEpisodes(
  batch: Batch,
  state: ChildState,
  episodes: CareEpisode[],
  { subject }: Period,
  recorder: number,
  startedAt: number,
  records: Random,
): Placed {
  const placed: Placed = { episodeIds: [], placementIds: [], startsPlacement: [] }
  let placementRow: Row | null = null
  let carer = ''
  episodes.forEach((e, i) => {
    const by = i === 0 ? recorder : (ownerAt(state, at(e.start, 720))?.userId ?? recorder)
    const recordedAt = new Date(i === 0 ? startedAt : at(e.start, 720))
    // A change of legal status alone leaves the child where they are: the same placement row.
    const starts = i === 0 || e.reasonNew !== 'L' || placementRow === null
    if (starts) {
      // The same carers (B, U) keep their name; anyone else is new.
      if (!(e.reasonNew === 'B' || e.reasonNew === 'U') || i === 0) carer = carerName(records, e.placement)
      placementRow = [
        batch.ids.care_placement.take(),
        subject,
        state.personId,
        e.start,
        e.end,
        e.placement,
        e.provider,
        carer,
        e.urn === 'XXXXXXX' ? null : e.urn,
        e.placementPostcode,
        by,
        recordedAt,
      ]
      batch.care.placements.push(placementRow)
    }
    // The placement lasts until its last episode ends.
    const current = placementRow as Row
    current[4] = e.end
    const open = e.end === null
    const episodeId = batch.ids.care_episode.take()
    batch.care.episodes.push([
      episodeId,
      subject,
      state.personId,
      current[0] as number,
      e.start,
      e.reasonNew,
      e.legalStatus,
      e.end,
      open ? null : e.reasonCeased,
      open ? null : e.reasonPlaceChange,
      by,
      recordedAt,
    ])
    placed.episodeIds.push(episodeId)
    placed.placementIds.push(current[0] as number)
    placed.startsPlacement.push(starts)
  })
  return placed
}

/**
 * The events of each change (a change of legal status, or of placement), and a new placement's
 * start (which starts the visit clock) each time the child moves; returns the placements moved into.
 */
function addPlacements(
  batch: Batch,
  state: ChildState,
  episodes: CareEpisode[],
  placed: Placed,
  { subject, who }: Period,
  records: Random,
  random: Random,
): PlacementSpan[] {
  const placementStarts: PlacementSpan[] = []
  episodes.forEach((e, i) => {
    const previous = episodes[i - 1]
    const episodeId = placed.episodeIds[i]
    if (!placed.startsPlacement[i]) {
      batch.event(
        state,
        CARE_SUBJECT,
        subject,
        CARE_EVENTS.legalStatusChanged,
        at(e.start, records.int(540, 960)),
        `Legal status changed from ${previous?.legalStatus ?? ''} to ${codeText(LEGAL_STATUSES, e.legalStatus)}`,
        who,
        { episodeId, rne: e.reasonNew, from: previous?.legalStatus, to: e.legalStatus },
      )
      return
    }
    const startedAt = at(e.start, random.int(970, 1080))
    if (previous !== undefined) {
      const why = previous.reasonPlaceChange
        ? `: ${codeText(REASONS_FOR_PLACEMENT_CHANGE, previous.reasonPlaceChange)}`
        : ''
      const lsChanged = e.legalStatus !== previous.legalStatus
      batch.event(
        state,
        CARE_SUBJECT,
        subject,
        CARE_EVENTS.placementChanged,
        startedAt,
        `Placement changed (${e.reasonNew})${why}${lsChanged ? `; legal status now ${e.legalStatus}` : ''}`,
        who,
        {
          episodeId,
          rne: e.reasonNew,
          reasonPlaceChange: previous.reasonPlaceChange,
          from: previous.placement,
          to: e.placement,
          ...(lsChanged ? { legalStatus: e.legalStatus } : {}),
        },
      )
    }
    batch.event(
      state,
      CARE_SUBJECT,
      subject,
      CARE_EVENTS.placementStarted,
      startedAt,
      `Placement started: ${e.placement}`,
      who,
      { placementId: placed.placementIds[i], placement: e.placement, provider: e.provider },
    )
    placementStarts.push({
      id: placed.placementIds[i] as number,
      start: e.start,
      place: e.placement,
      postcode: e.placementPostcode,
    })
  })
  return placementStarts
}

/**
 * The initial health assessment's day and the first PEP's, drawn as the loader drew them when
 * they were events alone. The virtual school's children are 3 to 18: a child under 3 when care
 * started has the first PEP after their third birthday (none while still under 3).
 */
function healthAndEducationDays(
  state: ChildState,
  { start, until }: Period,
  random: Random,
): { iha: IsoDate; pep: IsoDate | null } {
  const { child } = state
  const iha = addWorkingDays(start, random.chance(0.85) ? random.int(8, 19) : random.int(21, 35))
  if (iha <= until) random.int(570, 960)
  const pep = addWorkingDays(start, random.int(8, 25))
  const dob = child.dateOfBirth
  if (pep <= until && dob !== null && ageOn(dob, start) >= 3) {
    random.int(570, 960)
    return { iha, pep }
  }
  if (dob === null) return { iha, pep: null }
  // After the third birthday, as many days on as the first PEP would have been after care started.
  const later = addCalendarDays(addMonths(dob, 36), toDayNumber(pep) - toDayNumber(start))
  return { iha, pep: later <= until ? later : null }
}

/**
 * Missing and away episodes: the care module's rows (`care_missing_episode`, in the period each
 * started in) for every episode, and for the last year's the case events, with the return home
 * interview's offer (its day recorded on the row too).
 */
export function addMissing(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const from = addCalendarDays(ctx.end, -365)
  const random = streamFor(ctx.seed, 'load', 'missing', state.child.laChildId, state.child.familyId)
  // The child's periods are the last rows addCare wrote: [id, child, start, …].
  const periods: Row[] = []
  for (let i = batch.care.periods.length - 1; i >= 0; i--) {
    const p = batch.care.periods[i] as Row
    if (p[1] !== state.personId) break
    periods.unshift(p)
  }
  const row = (m: (typeof state.child.missing)[number], offered: IsoDate | null, at: Date) => {
    const period = periods.findLast((p) => (p[2] as IsoDate) <= m.start)
    if (period === undefined) return
    const by = ownerAt(state, at.getTime())?.userId ?? ctx.setup.careManager
    batch.care.missing.push([
      period[0] as number,
      state.personId,
      m.kind,
      m.start,
      m.end,
      offered,
      null,
      by,
      at,
      by,
      at,
    ])
  }
  state.child.missing.forEach((m, k) => {
    if (m.start < from) {
      row(m, null, new Date(at(m.end ?? m.start, 1020)))
      return
    }
    const subject = `${state.personId}-${k + 1}`
    const went = at(m.start, random.int(900, 1380))
    const who = ownerAt(state, went)?.userId ?? null
    batch.event(
      state,
      'missing_episode',
      subject,
      'missing.started',
      went,
      m.kind === 'M' ? 'Reported missing' : 'Away from placement without authorisation',
      who,
    )
    if (m.end === null) {
      row(m, null, new Date(went))
      return
    }
    const back = Math.max(at(m.end, random.int(300, 1380)), went + HOUR)
    batch.event(state, 'missing_episode', subject, 'missing.returned', back, 'Returned', who)
    if (random.chance(0.85)) {
      const offered = back + random.int(4, 90) * HOUR
      batch.event(
        state,
        'missing_episode',
        subject,
        'rhi.offered',
        offered,
        'Return home interview offered',
        who,
      )
      row(m, londonDate(offered), new Date(offered))
    } else row(m, null, new Date(back))
  })
}

export function writeGrants(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  // The worker who held the case until this segment began, when it passed straight to another.
  let before: { userId: number | null; to: number } | null = null
  for (const s of state.segments) {
    if (s.from > ctx.capMs) continue
    const grantedBy = ctx.setup.teamManagers.get(s.teamId) ?? null
    const revoked = s.to <= ctx.capMs ? new Date(s.to) : null
    const reason =
      revoked === null
        ? null
        : s.closedBy === 'closure'
          ? 'Case closed'
          : 'Case transferred to another worker'
    if (s.userId !== null) {
      const grantId = batch.ids.child_access.take()
      // Given another worker while one held the case: why (SW_REASON), the spell's own reason or
      // a transfer as standard process; a first worker needs none (the view gives FCONTA).
      const changed =
        before !== null && before.userId !== null && before.userId !== s.userId && before.to === s.from
      if (changed || (s.swReason !== undefined && s.swReason !== 'FCONTA'))
        batch.care.allocationReasons.push([grantId, s.swReason ?? 'TSPROC', grantedBy, new Date(s.from)])
      batch.grants.push([
        grantId,
        state.personId,
        s.userId,
        null,
        'allocated_worker',
        grantedBy,
        new Date(s.from),
        revoked,
        reason,
        null,
      ])
    }
    before = { userId: s.userId, to: s.to }
    batch.grants.push([
      batch.ids.child_access.take(),
      state.personId,
      null,
      s.teamId,
      'allocated_team',
      grantedBy,
      new Date(s.from),
      revoked,
      reason,
      null,
    ])
  }
}

const PROCEEDINGS_COURT = 'Family Court at Chelmsford'
/** How long proceedings ending on a full care order took, in weeks: most within 26. */
const PROCEEDINGS_WEEKS = weighted<readonly [number, number]>([
  [[20, 26], 0.6],
  [[27, 40], 0.3],
  [[41, 55], 0.1],
])
const PROCEEDINGS_APPLICANT = 'Thurrock Council'

/** The final order when a period ends while the child is on an interim care order, by how care ended. */
function orderOnLeaving(reasonCeased: string | null): string {
  if (reasonCeased && /^E4[5-8]$/.test(reasonCeased)) return 'special_guardianship_order'
  if (reasonCeased === 'E41') return 'child_arrangements_order'
  if (reasonCeased === 'E13' || reasonCeased === 'E4A' || reasonCeased === 'E4B') return 'supervision_order'
  return 'no_order'
}

/**
 * Care proceedings for each period of care whose legal status went to an interim or full care
 * order (C1, C2), as the care module records them (migration 0070): issued on the day of the
 * interim care order or up to 3 days before (the order made at the urgent first hearing), so a
 * child taken into care under the order has proceedings issued before care started; concluded
 * when the legal status next changes (a care order C2, a placement order E1, or the interim order
 * discharged), or when care ends on the interim order (the order by how care ended); otherwise
 * open. A period that starts on a full care order has proceedings ending that day, their length
 * drawn (60% 20 to 26 weeks, 30% 27 to 40, 10% 41 to 55). The hearings: the first (the interim
 * order), a case management hearing, the issues resolution hearing and the final hearing; the
 * court's extensions of up to 8 weeks, granted shortly before each end, cover proceedings that
 * run past 26 weeks (70% of those still open past their end; the rest overdue).
 */
export function addProceedings(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const periods: Row[] = []
  for (let i = batch.care.periods.length - 1; i >= 0; i--) {
    const p = batch.care.periods[i] as Row
    if (p[1] !== state.personId) break
    periods.unshift(p)
  }
  if (periods.length === 0) return
  const episodes = batch.care.episodes.filter((e) => e[2] === state.personId)
  const random = streamFor(ctx.seed, 'load', 'proceedings', state.child.laChildId, state.child.familyId)
  const dob = state.child.dateOfBirth
  for (const period of periods) {
    const own = episodes.filter((e) => e[1] === period[0])
    const i = own.findIndex((e) => e[6] === 'C1' || e[6] === 'C2')
    const first = own[i]
    if (first === undefined) continue
    const orderDay = first[4] as IsoDate
    let issued: IsoDate
    let concluded: IsoDate | null = null
    let finalOrder: string | null = null
    if (first[6] === 'C2') {
      const [low, high] = random.weighted(PROCEEDINGS_WEEKS)
      const weeks = random.int(low, high)
      issued = addCalendarDays(orderDay, -(weeks * 7 - random.int(1, 6)))
      concluded = orderDay
      finalOrder = 'care_order'
    } else {
      issued = addCalendarDays(orderDay, -random.int(0, 3))
      const next = own.slice(i + 1).find((e) => e[6] !== 'C1')
      if (next !== undefined) {
        concluded = next[4] as IsoDate
        finalOrder = next[6] === 'C2' ? 'care_order' : next[6] === 'E1' ? 'placement_order' : 'withdrawn'
      } else if (period[9] !== null) {
        concluded = period[9] as IsoDate
        finalOrder = orderOnLeaving(period[10] as string | null)
      }
    }
    if (dob && issued < dob) issued = dob
    addOneProceedings(batch, state, random, {
      periodId: period[0] as number,
      issued,
      interimOn: first[6] === 'C1' ? orderDay : null,
      concluded,
      finalOrder,
      emergency: period[3] === 'emergency',
    })
  }
}

function addOneProceedings(
  batch: Batch,
  state: ChildState,
  random: Random,
  p: {
    periodId: number
    issued: IsoDate
    interimOn: IsoDate | null
    concluded: IsoDate | null
    finalOrder: string | null
    emergency: boolean
  },
): void {
  const { ctx } = batch
  const id = batch.ids.care_proceedings.take()
  const who = (day: IsoDate) => ownerAt(state, at(day, 720))?.userId ?? null
  const by = (day: IsoDate) => who(day) ?? ctx.setup.careManager
  const noon = (day: IsoDate) => at(day, 720)
  const last = p.concluded ?? ctx.end
  const weeks26 = addCalendarDays(p.issued, 181)
  const letter = !p.emergency && random.chance(0.6) ? addCalendarDays(p.issued, -random.int(28, 112)) : null
  batch.event(
    state,
    'care_proceedings',
    id,
    'care_proceedings.timetabled',
    noon(p.issued),
    `Care proceedings issued by ${PROCEEDINGS_APPLICANT} at ${PROCEEDINGS_COURT}: to conclude within 26 weeks, by ${longDate(weeks26)}`,
    who(p.issued),
    { because: 'issued', issuedOn: p.issued, timetableEnds: weeks26 },
  )
  // The court's extensions, each granted a few days before the timetable ends, by up to 8 weeks.
  let end = weeks26
  const covers = p.concluded !== null || random.chance(0.7)
  while (covers && end < last) {
    const granted = addCalendarDays(end, -random.int(3, 14))
    if (granted > ctx.end || granted < p.issued) break
    const needed = toDayNumber(last) - toDayNumber(end)
    const to = addCalendarDays(end, Math.min(56, Math.max(14, Math.ceil(needed / 7) * 7)))
    const reason = random.pick(PROCEEDINGS_EXTENSION_REASONS)
    batch.care.proceedingsExtensions.push([
      id,
      state.personId,
      granted,
      end,
      to,
      reason,
      by(granted),
      new Date(noon(granted)),
    ])
    batch.event(
      state,
      'care_proceedings',
      id,
      'care_proceedings.timetabled',
      noon(granted),
      `Care proceedings’ timetable extended to ${longDate(to)}: ${reason}`,
      who(granted),
      { because: 'extended', previousEnd: end, timetableEnds: to },
    )
    end = to
  }
  const hearing = (day: IsoDate, kind: string, outcome: string, order: string | null) => {
    if (day > last || day > ctx.end) return
    batch.care.proceedingsHearings.push([
      id,
      state.personId,
      day,
      kind,
      outcome,
      order,
      by(day),
      new Date(noon(day)),
    ])
    batch.event(
      state,
      'care_proceedings',
      id,
      'care_proceedings.hearing_held',
      noon(day),
      outcome,
      who(day),
      {
        kind,
        order,
      },
    )
  }
  if (p.interimOn)
    hearing(p.interimOn, 'other', 'Urgent first hearing: interim care order made', 'interim_care_order')
  const cmh = addCalendarDays(p.issued, random.int(12, 18))
  if (p.concluded === null || cmh < p.concluded)
    hearing(cmh, 'cmh', 'Case management hearing: directions given, assessments ordered', null)
  const irh = p.concluded
    ? addCalendarDays(p.concluded, -random.int(21, 35))
    : addCalendarDays(p.issued, random.int(140, 160))
  if (irh > cmh) hearing(irh, 'irh', 'Issues resolution hearing: issues narrowed, final hearing listed', null)
  if (p.concluded && p.finalOrder && p.finalOrder !== 'withdrawn')
    hearing(p.concluded, 'final', 'Final hearing: final order made', p.finalOrder)
  const concludedAt = p.concluded ? new Date(at(p.concluded, 1020)) : null
  if (p.concluded && concludedAt)
    batch.event(
      state,
      'care_proceedings',
      id,
      'care_proceedings.concluded',
      concludedAt.getTime(),
      `Care proceedings concluded in week ${Math.floor((toDayNumber(p.concluded) - toDayNumber(p.issued)) / 7) + 1}`,
      who(p.concluded),
      { finalOrder: p.finalOrder },
    )
  batch.care.proceedings.push([
    id,
    state.personId,
    p.periodId,
    p.issued,
    PROCEEDINGS_COURT,
    PROCEEDINGS_APPLICANT,
    letter,
    p.concluded,
    p.finalOrder,
    by(p.issued),
    new Date(noon(p.issued)),
    p.concluded ? by(p.concluded) : null,
    concludedAt,
  ])
}

const PROCEEDINGS_EXTENSION_REASONS = [
  'Expert assessment report delayed',
  'Further assessment of a family member ordered',
  'Parent’s capacity assessment outstanding',
  'Final hearing relisted: no court time',
] as const

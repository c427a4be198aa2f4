/**
 * Periods of care with their placements and episodes (the care module's rows), previous
 * permanence, adoption, UASC status, missing episodes,
 * and the access grants that follow each worker's spell.
 */
import { type IsoDate, addCalendarDays, ageOn, londonDate } from '../../platform/calendar/dates.js'

import { addWorkingDays } from './dates.js'
import {
  CARE_EVENTS,
  CARE_SUBJECT,
  codeText,
  LEGAL_STATUSES,
  REASONS_CEASED,
  REASONS_FOR_PLACEMENT_CHANGE,
} from '../care/model.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import { type CareEpisode } from './population.js'
import { type Random, streamFor } from './random.js'
import { Batch, type ChildState, HOUR, at, ownerAt } from './load-batch.js'
import { type Row } from './store.js'

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
  const placed = addEpisodes(batch, state, episodes, period, recorder, startedAt, records)
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
  const placementStarts = addPlacements(batch, state, episodes, placed, period, records, random)
  addReviews(batch, state, period, random)
  const iha = addHealthAndEducation(batch, state, period, random)
  let endedAt: number | null = null
  if (end === null) {
    addVisits(batch, state, placementStarts, period, random)
    addHealthReviews(batch, state, iha, period, random)
  } else {
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
 * start (which starts the visit clock) each time the child moves; returns the days they moved.
 */
function addPlacements(
  batch: Batch,
  state: ChildState,
  episodes: CareEpisode[],
  placed: Placed,
  { subject, who }: Period,
  records: Random,
  random: Random,
): IsoDate[] {
  const placementStarts: IsoDate[] = []
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
    placementStarts.push(e.start)
  })
  return placementStarts
}

function addReviews(
  batch: Batch,
  state: ChildState,
  { subject, start, until, who }: Period,
  random: Random,
): void {
  for (const review of state.child.lacReviews)
    if (review.date >= start && review.date <= until)
      batch.event(
        state,
        CARE_SUBJECT,
        subject,
        'lac_review.held',
        at(review.date, random.int(570, 900)),
        'Looked-after child review held',
        who,
      )
}

/** The initial health assessment and, from age 3, the personal education plan; returns the assessment's day. */
function addHealthAndEducation(
  batch: Batch,
  state: ChildState,
  { subject, start, until, who }: Period,
  random: Random,
): IsoDate {
  const { child } = state
  const iha = addWorkingDays(start, random.chance(0.85) ? random.int(8, 19) : random.int(21, 35))
  if (iha <= until)
    batch.event(
      state,
      CARE_SUBJECT,
      subject,
      'iha.completed',
      at(iha, random.int(570, 960)),
      'Initial health assessment completed',
      who,
    )
  const pep = addWorkingDays(start, random.int(8, 25))
  if (pep <= until && child.dateOfBirth !== null && ageOn(child.dateOfBirth, start) >= 3)
    batch.event(
      state,
      CARE_SUBJECT,
      subject,
      'pep.completed',
      at(pep, random.int(570, 960)),
      'Personal education plan completed',
      who,
    )
  return iha
}

/** Statutory visits of a child still looked after, from each placement's start. */
function addVisits(
  batch: Batch,
  state: ChildState,
  placementStarts: IsoDate[],
  { subject, until, who }: Period,
  random: Random,
): void {
  placementStarts.forEach((p, i) => {
    const next = placementStarts[i + 1] ?? addCalendarDays(until, 1)
    let visit = addCalendarDays(p, random.chance(0.9) ? random.int(2, 6) : random.int(8, 12))
    while (visit < next && visit <= until) {
      batch.event(
        state,
        CARE_SUBJECT,
        subject,
        'lac_visit.held',
        at(visit, random.int(540, 1080)),
        'Statutory visit: child seen',
        ownerAt(state, at(visit, 720))?.userId ?? who,
      )
      visit = addCalendarDays(visit, random.chance(0.9) ? random.int(25, 41) : random.int(43, 55))
    }
  })
}

/** Review health assessments every six months or so after the initial one. */
function addHealthReviews(
  batch: Batch,
  state: ChildState,
  iha: IsoDate,
  { subject, until, who }: Period,
  random: Random,
): void {
  let rha = addCalendarDays(iha, random.int(150, 182))
  while (rha <= until) {
    batch.event(
      state,
      CARE_SUBJECT,
      subject,
      'rha.completed',
      at(rha, random.int(570, 960)),
      'Review health assessment completed',
      who,
    )
    rha = addCalendarDays(rha, random.int(150, 182))
  }
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
    if (s.userId !== null)
      batch.grants.push([
        batch.ids.child_access.take(),
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

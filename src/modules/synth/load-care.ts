/** Care episodes, missing episodes, and the access grants that follow each worker's spell. */
import { type IsoDate, addCalendarDays, ageOn } from '../../platform/calendar/dates.js'

import { addWorkingDays } from './dates.js'
import { type CareEpisode } from './population.js'
import { type Random, streamFor } from './random.js'
import { Batch, type ChildState, HOUR, at, ownerAt } from './load-batch.js'

export function addCare(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const { child } = state
  if (child.care.length === 0) return
  const random = streamFor(ctx.seed, 'load', 'care', child.laChildId, child.familyId)
  periodsOfCare(child.care).forEach((episodes, k) => addPeriodOfCare(batch, state, episodes, k, random))
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

/** One period of care: its subject, its span, and the worker who held the case when it began. */
interface Period {
  subject: string
  start: IsoDate
  until: IsoDate
  who: number | null
}

function addPeriodOfCare(
  batch: Batch,
  state: ChildState,
  episodes: CareEpisode[],
  k: number,
  random: Random,
): void {
  const { ctx } = batch
  const first = episodes[0] as CareEpisode
  const last = episodes.at(-1) as CareEpisode
  const end = last.end
  const period: Period = {
    subject: `${state.personId}-${k + 1}`,
    start: first.start,
    until: end ?? ctx.end,
    who: ownerAt(state, at(first.start, 720))?.userId ?? null,
  }
  const { subject, who } = period
  batch.event(
    state,
    'period_of_care',
    subject,
    'care.started',
    at(period.start, random.int(600, 960)),
    `Became looked after (${first.legalStatus})`,
    who,
    {
      legalStatus: first.legalStatus,
      placement: first.placement,
    },
  )
  const placementStarts = addPlacements(batch, state, episodes, period, random)
  addReviews(batch, state, period, random)
  const iha = addHealthAndEducation(batch, state, period, random)
  if (end === null) {
    addVisits(batch, state, placementStarts, period, random)
    addHealthReviews(batch, state, iha, period, random)
  } else
    batch.event(
      state,
      'period_of_care',
      subject,
      'care.ended',
      at(end, random.int(900, 1020)),
      `Ceased to be looked after (${last.reasonCeased ?? 'ended'})`,
      who,
      {
        reason: last.reasonCeased,
      },
    )
}

/** A new placement each time the child moves; returns the days they moved. */
function addPlacements(
  batch: Batch,
  state: ChildState,
  episodes: CareEpisode[],
  { subject, who }: Period,
  random: Random,
): IsoDate[] {
  let previousPlacement: string | null = null
  const placementStarts: IsoDate[] = []
  for (const e of episodes) {
    if (e.placement !== previousPlacement || e.reasonNew === 'P' || e.reasonNew === 'B') {
      batch.event(
        state,
        'period_of_care',
        subject,
        'placement.started',
        at(e.start, random.int(970, 1080)),
        `Placement started (${e.placement})`,
        who,
        { placement: e.placement },
      )
      placementStarts.push(e.start)
    }
    previousPlacement = e.placement
  }
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
        'period_of_care',
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
      'period_of_care',
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
      'period_of_care',
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
        'period_of_care',
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
      'period_of_care',
      subject,
      'rha.completed',
      at(rha, random.int(570, 960)),
      'Review health assessment completed',
      who,
    )
    rha = addCalendarDays(rha, random.int(150, 182))
  }
}

export function addMissing(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const from = addCalendarDays(ctx.end, -365)
  const random = streamFor(ctx.seed, 'load', 'missing', state.child.laChildId, state.child.familyId)
  state.child.missing.forEach((m, k) => {
    if (m.start < from) return
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
    if (m.end === null) return
    const back = Math.max(at(m.end, random.int(300, 1380)), went + HOUR)
    batch.event(state, 'missing_episode', subject, 'missing.returned', back, 'Returned', who)
    if (random.chance(0.85))
      batch.event(
        state,
        'missing_episode',
        subject,
        'rhi.offered',
        back + random.int(4, 90) * HOUR,
        'Return home interview offered',
        who,
      )
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
        state.personId,
        s.userId,
        null,
        'allocated_worker',
        grantedBy,
        new Date(s.from),
        revoked,
        reason,
      ])
    batch.grants.push([
      state.personId,
      null,
      s.teamId,
      'allocated_team',
      grantedBy,
      new Date(s.from),
      revoked,
      reason,
    ])
  }
}

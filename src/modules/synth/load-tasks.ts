/**
 * The statutory clocks' tasks for a batch, evaluated in memory over its case events, as
 * `refreshTasks` would have left them after recording the events one at a time.
 */
import { evaluateClocks, type CaseEvent, type ClockInstance } from '../../platform/calendar/clocks.js'
import type { ClockSettings } from '../../platform/calendar/store.js'
import { SIGN_OFF_CLOCK } from '../../platform/signoff/service.js'
import { OVERSIGHT_CLOCK } from '../casenotes/model.js'
import { ASSESSMENT_CLOCK, EPISODE_SUBJECT, TAF_MEETING_CLOCK } from '../earlyhelp/model.js'
import { PROCEEDINGS_CLOCK } from '../care/proceedings-model.js'
import { CIN_PLAN_CLOCKS } from '../protection/cin-plan-model.js'
import { HEALTH_CLOCKS } from '../care/health-model.js'
import { MINUTES_CLOCK, REVIEW_CLOCKS } from '../care/review-model.js'
import { VISIT_CLOCKS } from '../care/visit-model.js'
import { PLACEMENT_PLAN_CLOCK } from '../care/placement-plan-model.js'
import { keptOwner, settleCareRecords } from './load-care-records.js'
import { ownerAt, type Batch } from './load-batch.js'
import { streamFor } from './random.js'
import type { Row } from './store.js'

const DAY = 86_400_000
/** Overdue work older than this was done, late: a real authority's open work is weeks late, not years. */
const STALE_AFTER_DAYS = 42
/** Work fallen due in the last weeks that is not yet done on the day: its share, and how recent. */
const LATE_SHARE = 0.2
const LATE_WITHIN_DAYS = 30
/** The front door's clocks, whose contacts' and referrals' states are drawn on purpose. */
const LEFT_ALONE = new Set([
  'mash-decision',
  'mash-decision-rag',
  'strategy-discussion-24h',
  'assessment-from-referral-45wd',
  // Oversight is drawn with its few overdue cases (load-notes.ts); each event has its record.
  OVERSIGHT_CLOCK,
  // Early help's are drawn with the episode's records (load-earlyhelp.ts): a late event would have none.
  ASSESSMENT_CLOCK,
  TAF_MEETING_CLOCK,
  // CIN plans' visits and reviews are drawn with their records (load-cin.ts, load-notes.ts), late now and then.
  ...CIN_PLAN_CLOCKS,
  // Core groups are drawn with their rows (load-casework.ts): taking out a meeting's event would
  // leave its row, attendance and action reviews behind.
  'core-group-first-10wd',
  'core-group-4w',
  // Care proceedings' 26 weeks are drawn with the proceedings (load-care.ts): their conclusion is the row's.
  PROCEEDINGS_CLOCK,
  // Care's reviews and their minutes, visits and health assessments are drawn with their rows
  // (load-care-records.ts), late and outstanding now and then. Its PEPs are caught up here, and
  // given rows for it afterwards (`settleCareRecords`).
  ...REVIEW_CLOCKS,
  MINUTES_CLOCK,
  ...VISIT_CLOCKS,
  ...Object.values(HEALTH_CLOCKS),
  // Placement plans are drawn with their rows (load-care-plans.ts), a few late or never agreed.
  PLACEMENT_PLAN_CLOCK,
])
/** Rounds of catching up: doing one piece of work can start the next (a visit every six weeks). */
const ROUNDS = 6

/**
 * The events that do the overdue work the history left undone, so the authority's open work looks
 * like a live one's (issue 12: education plans "2,627 working days overdue" since 2016): work more
 * than six weeks overdue was done late. Added as case events, so the clock engine (and
 * `refreshTasks` later) agrees with the tasks written.
 */
function catchUp(batch: Batch, clocks: ClockSettings, instances: readonly ClockInstance[]): number {
  const { ctx } = batch
  const states = new Map(batch.children.map((s) => [s.personId, s]))
  const stopOf = new Map(clocks.definitions.map((d) => [d.code, d.stopEvent]))
  let added = 0
  for (const i of instances) {
    if (i.stoppedAt !== undefined || LEFT_ALONE.has(i.code)) continue
    const due = Date.parse(i.dueAt)
    if (ctx.asOfMs - due <= STALE_AFTER_DAYS * DAY) continue
    const random = streamFor(ctx.seed, 'catch-up', i.key)
    const state = states.get(Number(i.childId))
    const stop = stopOf.get(i.code)
    if (!state || !stop) continue
    // Done late: within a few weeks of falling due, and before the day.
    const at = Math.min(due + random.int(1, 30) * DAY - random.int(0, 8 * 60) * 60_000, ctx.capMs)
    batch.event(
      state,
      i.subjectType,
      i.subjectId,
      stop,
      Math.max(at, due + 60_000),
      `${i.title}: done late`,
      null,
    )
    added++
  }
  return added
}

/**
 * The other side: a history drawn with every piece of work on time has nothing overdue, which no
 * authority has. A share of the work that fell due in the last weeks is not done yet: its
 * recording is taken out, so the clock stays open and overdue (and starts nothing after it).
 */
function leaveSomeLate(batch: Batch, instances: readonly ClockInstance[]): void {
  const { ctx } = batch
  const undone = new Set<string>()
  for (const i of instances) {
    if (i.closedBy !== 'stop' || i.stopEventId === undefined || LEFT_ALONE.has(i.code)) continue
    const due = Date.parse(i.dueAt)
    const stopped = Date.parse(i.stoppedAt as string)
    const recent = (t: number) => t < ctx.asOfMs && ctx.asOfMs - t <= LATE_WITHIN_DAYS * DAY
    if (recent(due) && recent(stopped) && streamFor(ctx.seed, 'late', i.key).chance(LATE_SHARE))
      undone.add(i.stopEventId)
  }
  for (let at = batch.events.length - 1; at >= 0; at--)
    if (undone.has(String(batch.events[at]?.id))) batch.events.splice(at, 1)
}

function caseEvents(batch: Batch): CaseEvent[] {
  return batch.events.map((e) => ({
    id: e.id,
    childId: e.childId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    type: e.type,
    occurredAt: new Date(e.at).toISOString(),
    attributes: e.attributes,
  }))
}

export function taskRows(batch: Batch, clocks: ClockSettings): { rows: Row[]; open: number } {
  // The clocks' tasks, as refreshTasks would leave them, each with whoever held the case when
  // it was last touched (an open task with whoever holds it now).
  const { ctx } = batch
  const states = new Map(batch.children.map((s) => [s.personId, s]))
  const asOf = new Date(ctx.asOfMs)
  // The manager who recorded each oversight: the next one is on their list (`writeOversight`).
  const recordedBy = new Map(
    batch.events.filter((e) => e.type === 'oversight.recorded').map((e) => [String(e.id), e.by]),
  )
  let { instances } = evaluateClocks(clocks.definitions, caseEvents(batch), asOf, clocks.calendar)
  leaveSomeLate(batch, instances)
  instances = evaluateClocks(clocks.definitions, caseEvents(batch), asOf, clocks.calendar).instances
  for (let round = 0; round < ROUNDS && catchUp(batch, clocks, instances) > 0; round++)
    instances = evaluateClocks(clocks.definitions, caseEvents(batch), asOf, clocks.calendar).instances
  settleCareRecords(batch, instances)
  let open = 0
  const tasks: Row[] = instances.map((i) => {
    const childId = Number(i.childId)
    const state = states.get(childId)
    const stopped = i.stoppedAt === undefined ? null : Date.parse(i.stoppedAt)
    const holder = state === undefined ? null : ownerAt(state, stopped ?? ctx.capMs)
    // A sign-off's task is the allocated team's manager's, and stays theirs (`askSignOff`).
    const manager =
      i.code === SIGN_OFF_CLOCK && holder?.teamId != null
        ? (ctx.setup.teamsById.get(holder.teamId)?.managerUserId ?? null)
        : null
    // An oversight's task is the manager's who recorded the last one, and stays theirs.
    const overseer = i.code === OVERSIGHT_CLOCK ? (recordedBy.get(i.startEventId) ?? null) : null
    // An early help episode's tasks are its lead professional's (`writeAllocation`), else its team's.
    const earlyHelp = i.subjectType === EPISODE_SUBJECT ? batch.earlyHelp.owners.get(i.subjectId) : undefined
    // A review's minutes are the chair's to distribute (`recordReview`), and stay theirs.
    const chair = keptOwner(batch, i)
    const kept = manager ?? overseer ?? chair ?? (earlyHelp?.kept ? earlyHelp.userId : null)
    const owner =
      kept !== null
        ? { userId: kept, teamId: earlyHelp?.teamId ?? holder?.teamId ?? null }
        : earlyHelp !== undefined
          ? { userId: earlyHelp.userId, teamId: earlyHelp.teamId }
          : holder
    if (stopped === null) open++
    return [
      i.key,
      i.code,
      childId,
      i.subjectType,
      i.subjectId,
      i.title,
      new Date(i.startedAt),
      new Date(i.dueAt),
      new Date(i.dueSoonAt),
      stopped === null ? null : new Date(stopped),
      i.closedBy ?? null,
      owner?.userId ?? null,
      owner?.teamId ?? null,
      kept !== null,
    ]
  })
  return { rows: tasks, open }
}

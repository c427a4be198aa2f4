/**
 * The statutory clocks' tasks for a batch, evaluated in memory over its case events, as
 * `refreshTasks` would have left them after recording the events one at a time.
 */
import { evaluateClocks, type CaseEvent } from '../../platform/calendar/clocks.js'
import type { ClockSettings } from '../../platform/calendar/store.js'
import { ownerAt, type Batch } from './load-batch.js'
import type { Row } from './store.js'

export function taskRows(batch: Batch, clocks: ClockSettings): { rows: Row[]; open: number } {
  // The clocks' tasks, as refreshTasks would leave them, each with whoever held the case when
  // it was last touched (an open task with whoever holds it now).
  const { ctx } = batch
  const states = new Map(batch.children.map((s) => [s.personId, s]))
  const events: CaseEvent[] = batch.events.map((e) => ({
    id: e.id,
    childId: e.childId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    type: e.type,
    occurredAt: new Date(e.at).toISOString(),
    attributes: e.attributes,
  }))
  const { instances } = evaluateClocks(clocks.definitions, events, new Date(ctx.asOfMs), clocks.calendar)
  let open = 0
  const tasks: Row[] = instances.map((i) => {
    const childId = Number(i.childId)
    const state = states.get(childId)
    const stopped = i.stoppedAt === undefined ? null : Date.parse(i.stoppedAt)
    const owner = state === undefined ? null : ownerAt(state, stopped ?? ctx.capMs)
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
    ]
  })
  return { rows: tasks, open }
}

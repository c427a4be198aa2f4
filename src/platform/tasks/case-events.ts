/**
 * Writing a case event and keeping the statutory clocks' tasks current, in the caller's
 * transaction: the change, its event and its tasks commit together or not at all.
 */
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext, type AuditEntry } from '../audit/audit.js'
import { evaluateClocks } from '../calendar/clocks.js'
import { loadClockSettings, type ClockSettings } from '../calendar/store.js'
import { insertRowsReturningIds, rowsAsColumns, type ColumnTypes } from '../db/insert-rows.js'
import type { Database } from '../db/schema.js'

export interface NewCaseEvent {
  childId: number
  subjectType: string
  subjectId: string | number
  type: string
  occurredAt: Date
  summary: string
  recordedBy: number | null
  attributes?: Record<string, unknown>
}

/**
 * `clocks` defaults to the definitions and calendar in the database; a caller writing many
 * events at once (the demo seed, an import) loads them once and passes them in.
 */
export async function recordCaseEvent(
  trx: Kysely<Database>,
  event: NewCaseEvent,
  clocks?: ClockSettings,
): Promise<number> {
  const { id } = await trx
    .insertInto('case_event')
    .values(caseEventRow(event))
    .returning('id')
    .executeTakeFirstOrThrow()
  await refreshTasks(trx, event.childId, event.subjectType, String(event.subjectId), clocks)
  return id
}

/** A case event as its table holds it. */
function caseEventRow(event: NewCaseEvent) {
  return {
    child_id: event.childId,
    subject_type: event.subjectType,
    subject_id: String(event.subjectId),
    type: event.type,
    occurred_at: event.occurredAt,
    summary: event.summary,
    recorded_by: event.recordedBy,
    attributes: JSON.stringify(event.attributes ?? {}),
  }
}

/** One child's case event and the audit row of the write it records, for `recordForEachChild`. */
export interface ChildEventAndAudit {
  event: Omit<NewCaseEvent, 'childId'>
  /** Always `allowed`: the write happened. */
  audit: Omit<AuditEntry, 'childId' | 'outcome'>
}

/**
 * The same write seen on each child's record (a conference, a plan or a notification shared by
 * brothers and sisters): for each child in turn, its case event (keeping its tasks current) and
 * then its audit row, in the caller's transaction. `entry` gives each child's event and audit,
 * told the child and its place in `childIds`. Returns the events' ids, in that order.
 */
export async function recordForEachChild(
  trx: Kysely<Database>,
  audit: AuditContext,
  childIds: readonly number[],
  entry: (childId: number, index: number) => ChildEventAndAudit,
): Promise<number[]> {
  const ids: number[] = []
  for (const [index, childId] of childIds.entries()) {
    const e = entry(childId, index)
    ids.push(await recordCaseEvent(trx, { ...e.event, childId }))
    await recordAudit(trx, audit, { ...e.audit, childId, outcome: 'allowed' })
  }
  return ids
}

/** Re-evaluates the clocks of one subject from all its events and writes the tasks that changed. */
export async function refreshTasks(
  trx: Kysely<Database>,
  childId: number,
  subjectType: string,
  subjectId: string,
  clocks?: ClockSettings,
): Promise<void> {
  const settings = clocks ?? (await loadClockSettings(trx))
  const events = await trx
    .selectFrom('case_event')
    .select(['id', 'child_id', 'subject_type', 'subject_id', 'type', 'occurred_at', 'attributes'])
    .where('child_id', '=', childId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
  const { instances } = evaluateClocks(
    settings.definitions,
    events.map(clockEvent),
    new Date(),
    settings.calendar,
  )
  if (instances.length === 0) return
  const owner = await allocatedTo(trx, childId)
  for (const i of instances) await upsertTasks(trx, [taskValues(i, childId, owner)])
}

/**
 * Many case events at once (an import, a seed): one insert for the events, then every subject they
 * touch re-evaluated from all its events and its tasks written, in a handful of statements however
 * many events there are. The same tasks as `recordCaseEvent` one event at a time. Returns the
 * events' ids in the order given.
 *
 * `newSubjects`: the subjects are records written in this transaction, so these are all the
 * events they have, and their clocks are worked out from them without reading them back.
 */
export async function recordCaseEvents(
  trx: Kysely<Database>,
  events: readonly NewCaseEvent[],
  clocks: ClockSettings,
  options: { newSubjects?: boolean } = {},
): Promise<number[]> {
  if (events.length === 0) return []
  const ids = await insertRowsReturningIds(trx, 'case_event', CASE_EVENT, events.map(caseEventRow))
  const subjectEvents = options.newSubjects
    ? events.map((e, i) =>
        clockEvent({
          id: ids[i] as number,
          child_id: e.childId,
          subject_type: e.subjectType,
          subject_id: String(e.subjectId),
          type: e.type,
          occurred_at: e.occurredAt,
          attributes: e.attributes ?? {},
        }),
      )
    : (await eventsOfSubjects(trx, events)).map(clockEvent)
  const { instances } = evaluateClocks(clocks.definitions, subjectEvents, new Date(), clocks.calendar)
  if (instances.length === 0) return ids
  const owners = await allocatedToEach(trx, [...new Set(instances.map((i) => Number(i.childId)))])
  const rows = instances.map((i) =>
    taskValues(i, Number(i.childId), owners.get(Number(i.childId)) ?? { userId: null, teamId: null }),
  )
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await upsertTasks(trx, rows.slice(i, i + ROWS_PER_STATEMENT))
  return ids
}

/** Every event of the subjects the events are about, theirs and those recorded before. */
async function eventsOfSubjects(
  trx: Kysely<Database>,
  events: readonly NewCaseEvent[],
): Promise<CaseEventRow[]> {
  const subjects = new Map<string, { childId: number; subjectType: string; subjectId: string }>()
  for (const e of events)
    subjects.set(`${e.childId}\u0000${e.subjectType}\u0000${e.subjectId}`, {
      childId: e.childId,
      subjectType: e.subjectType,
      subjectId: String(e.subjectId),
    })
  const list = [...subjects.values()]
  const { rows } = await sql<CaseEventRow>`
    select e.id, e.child_id, e.subject_type, e.subject_id, e.type, e.occurred_at, e.attributes
      from case_event e
      join unnest(${list.map((s) => s.childId)}::bigint[],
                  ${list.map((s) => s.subjectType)}::text[],
                  ${list.map((s) => s.subjectId)}::text[]) as s(child_id, subject_type, subject_id)
        on e.child_id = s.child_id and e.subject_type = s.subject_type and e.subject_id = s.subject_id
  `.execute(trx)
  return rows
}

const CASE_EVENT = {
  child_id: 'bigint',
  subject_type: 'text',
  subject_id: 'text',
  type: 'text',
  occurred_at: 'timestamptz',
  summary: 'text',
  recorded_by: 'bigint',
  attributes: 'jsonb',
} as const satisfies ColumnTypes<'case_event'>

/** Tasks a statement writes at most. */
const ROWS_PER_STATEMENT = 5_000

type CaseEventRow = {
  id: number
  child_id: number | null
  subject_type: string
  subject_id: string
  type: string
  occurred_at: Date
  attributes: unknown
}

function clockEvent(e: CaseEventRow) {
  return {
    id: e.id,
    childId: e.child_id,
    subjectType: e.subject_type,
    subjectId: e.subject_id,
    type: e.type,
    occurredAt: new Date(e.occurred_at).toISOString(),
    attributes: e.attributes as Record<string, unknown>,
  }
}

type TaskRow = ReturnType<typeof taskValues>

function taskValues(
  i: ReturnType<typeof evaluateClocks>['instances'][number],
  childId: number,
  owner: { userId: number | null; teamId: number | null },
) {
  return {
    instance_key: i.key,
    clock_code: i.code,
    child_id: childId,
    subject_type: i.subjectType,
    subject_id: i.subjectId,
    title: i.title,
    started_at: i.startedAt,
    due_at: i.dueAt,
    due_soon_at: i.dueSoonAt,
    stopped_at: i.stoppedAt ?? null,
    closed_by: i.closedBy ?? null,
    assigned_user_id: owner.userId,
    assigned_team_id: owner.teamId,
  }
}

/** New tasks inserted; a task already held keeps its owner and gets the clock's latest state. */
async function upsertTasks(trx: Kysely<Database>, rows: readonly TaskRow[]): Promise<void> {
  if (rows.length === 0) return
  await sql`
    insert into task ${rowsAsColumns(TASK, rows)}
    on conflict (instance_key) do update
       set title = excluded.title, due_at = excluded.due_at, due_soon_at = excluded.due_soon_at,
           stopped_at = excluded.stopped_at, closed_by = excluded.closed_by, updated_at = ${new Date()}
  `.execute(trx)
}

const TASK = {
  instance_key: 'text',
  clock_code: 'text',
  child_id: 'bigint',
  subject_type: 'text',
  subject_id: 'text',
  title: 'text',
  started_at: 'timestamptz',
  due_at: 'timestamptz',
  due_soon_at: 'timestamptz',
  stopped_at: 'timestamptz',
  closed_by: 'text',
  assigned_user_id: 'bigint',
  assigned_team_id: 'bigint',
} as const satisfies ColumnTypes<'task'>

/**
 * The child's allocated worker and team now, for new tasks. `exceptTeamKinds` leaves out teams of
 * those kinds (the front door's routing: a child held only by early help has no open social care case).
 */
export async function allocatedTo(
  trx: Kysely<Database>,
  childId: number,
  exceptTeamKinds: readonly string[] = [],
): Promise<{ userId: number | null; teamId: number | null }> {
  let query = trx
    .selectFrom('child_access as g')
    .select(['g.user_id', 'g.team_id', 'g.basis'])
    .where('g.child_id', '=', childId)
    .where('g.basis', 'in', ['allocated_worker', 'allocated_team'])
    .where('g.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', new Date())]))
  if (exceptTeamKinds.length)
    query = query.where((eb) =>
      eb.or([
        eb('g.team_id', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('team as t')
              .select('t.id')
              .whereRef('t.id', '=', 'g.team_id')
              .where('t.kind', 'in', exceptTeamKinds),
          ),
        ),
      ]),
    )
  return ownerFrom(await query.orderBy('g.granted_at', 'desc').orderBy('g.id', 'desc').execute())
}

/** `allocatedTo` for many children in one query. */
async function allocatedToEach(
  trx: Kysely<Database>,
  childIds: readonly number[],
): Promise<Map<number, { userId: number | null; teamId: number | null }>> {
  const grants = await trx
    .selectFrom('child_access as g')
    .select(['g.child_id', 'g.user_id', 'g.team_id', 'g.basis'])
    .where('g.child_id', 'in', childIds.length ? childIds : [-1])
    .where('g.basis', 'in', ['allocated_worker', 'allocated_team'])
    .where('g.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', new Date())]))
    .orderBy('g.granted_at', 'desc')
    .orderBy('g.id', 'desc')
    .execute()
  const byChild = new Map<number, typeof grants>()
  for (const g of grants) {
    const list = byChild.get(Number(g.child_id))
    if (list) list.push(g)
    else byChild.set(Number(g.child_id), [g])
  }
  return new Map(childIds.map((id) => [id, ownerFrom(byChild.get(id) ?? [])]))
}

/** The worker and team of the latest live allocation grants (given newest first). */
function ownerFrom(grants: readonly { user_id: number | null; team_id: number | null; basis: string }[]): {
  userId: number | null
  teamId: number | null
} {
  return {
    userId: grants.find((g) => g.basis === 'allocated_worker')?.user_id ?? null,
    teamId: grants.find((g) => g.basis === 'allocated_team')?.team_id ?? null,
  }
}

/**
 * Puts the open task a clock started with `startEventId` on one person's list: feedback to the
 * referrer is the front door's, for the person who made the decision, not the case's owner.
 */
export async function assignClockTask(
  trx: Kysely<Database>,
  clockCode: string,
  startEventId: number,
  userId: number,
): Promise<void> {
  await trx
    .updateTable('task')
    .set({ assigned_user_id: userId, kept_by_assignee: true, updated_at: new Date() })
    .where('instance_key', '=', `${clockCode}/${startEventId}`)
    .where('stopped_at', 'is', null)
    .execute()
}

/**
 * When a case is allocated, its open tasks move with it, except those a module gave to a named
 * person (`assignClockTask`: the referrer's feedback, the manager's oversight), which stay theirs.
 */
export async function reassignOpenTasks(
  trx: Kysely<Database>,
  childId: number,
  owner: { userId: number | null; teamId: number | null },
): Promise<void> {
  await trx
    .updateTable('task')
    .set({ assigned_user_id: owner.userId, assigned_team_id: owner.teamId, updated_at: new Date() })
    .where('child_id', '=', childId)
    .where('stopped_at', 'is', null)
    .where('kept_by_assignee', '=', false)
    .execute()
}

/**
 * Writing a case event and keeping the statutory clocks' tasks current, in the caller's
 * transaction: the change, its event and its tasks commit together or not at all.
 */
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext, type AuditEntry } from '../audit/audit.js'
import { evaluateClocks } from '../calendar/clocks.js'
import { loadClockSettings, type ClockSettings } from '../calendar/store.js'
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
    .values({
      child_id: event.childId,
      subject_type: event.subjectType,
      subject_id: String(event.subjectId),
      type: event.type,
      occurred_at: event.occurredAt,
      summary: event.summary,
      recorded_by: event.recordedBy,
      attributes: JSON.stringify(event.attributes ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await refreshTasks(trx, event.childId, event.subjectType, String(event.subjectId), clocks)
  return id
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
    events.map((e) => ({
      id: e.id,
      childId: e.child_id,
      subjectType: e.subject_type,
      subjectId: e.subject_id,
      type: e.type,
      occurredAt: e.occurred_at.toISOString(),
      attributes: e.attributes,
    })),
    new Date(),
    settings.calendar,
  )
  if (instances.length === 0) return
  const owner = await allocatedTo(trx, childId)
  for (const i of instances) {
    const values = {
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
    await trx
      .insertInto('task')
      .values(values)
      .onConflict((oc) =>
        oc.column('instance_key').doUpdateSet({
          title: values.title,
          due_at: values.due_at,
          due_soon_at: values.due_soon_at,
          stopped_at: values.stopped_at,
          closed_by: values.closed_by,
          updated_at: new Date(),
        }),
      )
      .execute()
  }
}

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
  const grants = await query.orderBy('g.granted_at', 'desc').orderBy('g.id', 'desc').execute()
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

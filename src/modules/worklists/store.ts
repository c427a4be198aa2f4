/** Worklist queries: open tasks and caseloads, filtered in SQL to the children the actor may see. */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import type { TaskStatus, WorklistFilter } from './model.js'

export type WorklistScope =
  { kind: 'user'; userId: number } | { kind: 'teams'; teamIds: number[] } | { kind: 'service' }

export interface TaskRow {
  id: number
  title: string
  clockCode: string
  childId: number
  childName: string
  subjectType: string
  subjectId: string
  dueAt: Date
  dueSoonAt: Date
  assignedTo: string | null
  teamName: string | null
}

type TaskQuery = SelectQueryBuilder<
  Database & { t: Database['task']; person: Database['person'] },
  't' | 'person',
  object
>

/**
 * The one definition of a task's status in SQL, as `taskStatus` has it in memory: overdue once
 * its due time has passed, due soon from its due-soon time, due before then. The counts and the
 * lists both use it, so a count always equals its list's total.
 */
export function withStatus<Q extends TaskQuery>(q: Q, status: TaskStatus | 'all', now: Date): Q {
  if (status === 'overdue') return q.where('t.due_at', '<', now) as Q
  if (status === 'due_soon') return q.where('t.due_at', '>=', now).where('t.due_soon_at', '<=', now) as Q
  if (status === 'due') return q.where('t.due_soon_at', '>', now) as Q
  return q
}

/** Open tasks on the children the actor may see, in the scope asked for. */
function scopedTasks(db: Kysely<Database>, actor: Actor, scope: WorklistScope, now: Date) {
  let q = db
    .selectFrom('task as t')
    .innerJoin('person', 'person.id', 't.child_id')
    .where('t.stopped_at', 'is', null)
    .where(visibleChildren(actor, now))
  if (scope.kind === 'user') q = q.where('t.assigned_user_id', '=', scope.userId)
  if (scope.kind === 'teams')
    q = q.where('t.assigned_team_id', 'in', scope.teamIds.length ? scope.teamIds : [-1])
  return q
}

export type TaskCounts = Record<TaskStatus, number> & { all: number }

/** How many open tasks are overdue, due soon and due, counted in SQL over the whole scope. */
export async function taskCounts(
  db: Kysely<Database>,
  actor: Actor,
  scope: WorklistScope,
  now: Date,
): Promise<TaskCounts> {
  const row = await scopedTasks(db, actor, scope, now)
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('t.due_at', '<', now).as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('t.due_at', '>=', now), w('t.due_soon_at', '<=', now)]))
        .as('due_soon'),
      eb.fn.countAll<number>().filterWhere('t.due_soon_at', '>', now).as('due'),
    ])
    .executeTakeFirstOrThrow()
  const counts = { overdue: Number(row.overdue), due_soon: Number(row.due_soon), due: Number(row.due) }
  return { ...counts, all: counts.overdue + counts.due_soon + counts.due }
}

/** One page of the open tasks with the filter's status, in the filter's order. */
export async function openTasks(
  db: Kysely<Database>,
  actor: Actor,
  scope: WorklistScope,
  filter: WorklistFilter,
  now: Date,
  page: { size: number; offset: number } = { size: 200, offset: 0 },
): Promise<TaskRow[]> {
  // The assignee's and team's names as subqueries rather than joins: PostgreSQL then looks them
  // up for the page's rows only, after the sort and limit, not for every open task in scope.
  let q = withStatus(scopedTasks(db, actor, scope, now), filter.status, now).select([
    't.id',
    't.title',
    't.clock_code as clockCode',
    't.child_id as childId',
    sql<string>`person.given_name || ' ' || person.family_name`.as('childName'),
    't.subject_type as subjectType',
    't.subject_id as subjectId',
    't.due_at as dueAt',
    't.due_soon_at as dueSoonAt',
    (eb) =>
      eb
        .selectFrom('app_user as u')
        .select('u.display_name')
        .whereRef('u.id', '=', 't.assigned_user_id')
        .as('assignedTo'),
    (eb) =>
      eb.selectFrom('team').select('team.name').whereRef('team.id', '=', 't.assigned_team_id').as('teamName'),
  ])
  const dir = filter.direction === 'descending' ? 'desc' : 'asc'
  if (filter.sort === 'child') q = q.orderBy('person.family_name', dir).orderBy('person.given_name', dir)
  if (filter.sort === 'task') q = q.orderBy('t.title', dir)
  return q.orderBy('t.due_at', dir).orderBy('t.id', dir).limit(page.size).offset(page.offset).execute()
}

export interface CaseloadRow {
  userId: number
  name: string
  teamName: string | null
  children: number
  overdue: number
  dueSoon: number
}

/** Children allocated to each worker in the given teams, with their overdue and due-soon work. */
export async function caseloads(
  db: Kysely<Database>,
  teamIds: number[] | 'all',
  now: Date,
): Promise<CaseloadRow[]> {
  let q = db
    .selectFrom('app_user as u')
    .leftJoin('team', 'team.id', 'u.team_id')
    .select([
      'u.id as userId',
      'u.display_name as name',
      'team.name as teamName',
      (eb) =>
        eb
          .selectFrom('child_access as a')
          .select((sub) => sub.fn.count<number>('a.child_id').distinct().as('n'))
          .whereRef('a.user_id', '=', 'u.id')
          .where('a.basis', '=', 'allocated_worker')
          .where('a.revoked_at', 'is', null)
          .where((w) => w.or([w('a.expires_at', 'is', null), w('a.expires_at', '>', now)]))
          .as('children'),
      (eb) =>
        eb
          .selectFrom('task')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('task.assigned_user_id', '=', 'u.id')
          .where('task.stopped_at', 'is', null)
          .where('task.due_at', '<', now)
          .as('overdue'),
      (eb) =>
        eb
          .selectFrom('task')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('task.assigned_user_id', '=', 'u.id')
          .where('task.stopped_at', 'is', null)
          .where('task.due_at', '>=', now)
          .where('task.due_soon_at', '<=', now)
          .as('dueSoon'),
    ])
    .where('u.disabled_at', 'is', null)
    .where('u.role', 'in', ['social_worker', 'mash_social_worker', 'front_door_screener', 'team_manager'])
  if (teamIds !== 'all') q = q.where('u.team_id', 'in', teamIds.length ? teamIds : [-1])
  const rows = await q.orderBy('team.name').orderBy('u.display_name').orderBy('u.id').execute()
  return rows.map((r) => ({
    ...r,
    children: Number(r.children ?? 0),
    overdue: Number(r.overdue ?? 0),
    dueSoon: Number(r.dueSoon ?? 0),
  }))
}

export interface TimelinessRow {
  clockCode: string
  title: string
  open: number
  overdue: number
  met: number
  missed: number
}

/** How each statutory clock is going: open and overdue now, met and missed in the last 12 months. */
export async function clockTimeliness(db: Kysely<Database>, now: Date): Promise<TimelinessRow[]> {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000)
  const rows = await db
    .selectFrom('task')
    .select([
      'clock_code as clockCode',
      (eb) => eb.fn.max('title').as('title'),
      (eb) => eb.fn.countAll<number>().filterWhere('stopped_at', 'is', null).as('open'),
      (eb) =>
        eb.fn
          .countAll<number>()
          .filterWhere((w) => w.and([w('stopped_at', 'is', null), w('due_at', '<', now)]))
          .as('overdue'),
      (eb) =>
        eb.fn
          .countAll<number>()
          .filterWhere((w) =>
            w.and([
              w('closed_by', '=', 'stop'),
              w('stopped_at', '>=', yearAgo),
              w('stopped_at', '<=', w.ref('due_at')),
            ]),
          )
          .as('met'),
      (eb) =>
        eb.fn
          .countAll<number>()
          .filterWhere((w) =>
            w.and([
              w('closed_by', '=', 'stop'),
              w('stopped_at', '>=', yearAgo),
              w('stopped_at', '>', w.ref('due_at')),
            ]),
          )
          .as('missed'),
    ])
    .groupBy('clock_code')
    .orderBy('clock_code')
    .execute()
  return rows.map((r) => ({ ...r, title: String(r.title) }))
}

/** The children a partner's home page lists: those shared with them, by name, at most 100. */
export function childrenSharedWith(db: Kysely<Database>, actor: Actor, now: Date) {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where('kind', '!=', 'adult')
    .where(visibleChildren(actor, now))
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .limit(100)
    .execute()
}

/** The children allocated to a worker that they may still see, by name. */
export function childrenAllocatedTo(db: Kysely<Database>, actor: Actor, now: Date) {
  return (
    db
      .selectFrom('person')
      .innerJoin('child_access as a', 'a.child_id', 'person.id')
      .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'])
      .where('a.user_id', '=', actor.id)
      // An IRO's caseload is the looked-after children allocated to them for review.
      .where('a.basis', 'in', ['allocated_worker', 'independent_reviewing_officer'])
      .where('a.revoked_at', 'is', null)
      .where(visibleChildren(actor, now))
      .distinct()
      .orderBy('person.family_name')
      .orderBy('person.given_name')
      .orderBy('person.id')
      .execute()
  )
}

/** Of these children, those the actor may see now (a list names only those). */
export async function visibleOf(
  db: Kysely<Database>,
  actor: Actor,
  childIds: readonly number[],
  now: Date,
): Promise<Set<number>> {
  if (childIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('person')
    .select('person.id')
    .where('person.id', 'in', [...new Set(childIds)])
    .where(visibleChildren(actor, now))
    .execute()
  return new Set(rows.map((r) => r.id))
}

/**
 * What the worklists show of each child's visits: the latest assessment's measures (the
 * assessment module's published view `assessment_visit_measure_v`) and the next child protection visit
 * due (the open task of the `cp-visit-10wd` clock).
 */
export async function visitsOf(db: Kysely<Database>, childIds: readonly number[]) {
  if (childIds.length === 0) return { assessments: [], cpVisits: [] }
  const ids = [...new Set(childIds)]
  const [assessments, cpVisits] = await Promise.all([
    db
      .selectFrom('assessment_visit_measure_v')
      .select([
        'assessment_id',
        'child_id',
        'status',
        'allocated_at',
        'first_visit_on',
        'first_visit_source',
        'household_children',
        'household_seen',
      ])
      .distinctOn('child_id')
      // An array, not a list of parameters: one statement text whatever the page's children, so
      // the connection's prepared statement (and its plan) serves every page.
      .where(sql<boolean>`child_id = any(${ids}::bigint[])`)
      .orderBy('child_id')
      .orderBy('assessment_id', 'desc')
      .execute(),
    db
      .selectFrom('task')
      .select(['child_id', 'due_at', 'due_soon_at'])
      .distinctOn('child_id')
      .where(sql<boolean>`child_id = any(${ids}::bigint[])`)
      .where('clock_code', '=', 'cp-visit-10wd')
      .where('stopped_at', 'is', null)
      .orderBy('child_id')
      .orderBy('due_at')
      .orderBy('id')
      .execute(),
  ])
  return { assessments, cpVisits }
}

/** Home pages by role, worklists, team caseloads and clock timeliness. Thin: parse, query, audit, render. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../../platform/db/database.js'
import { pageFromQuery, paginationFor } from '../../platform/http/paged-list.js'
import { recordAuditAlone } from '../../platform/audit/audit.js'
import { queryAnswers } from '../../platform/http/form.js'
import { type CurrentUser, requireUser } from '../../platform/http/request-context.js'
import type { ModuleContributions, ModuleDeps } from '../../platform/modules.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { unreadNotifications } from '../../platform/permissions/review-store.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { awaitingSignOffsFor } from '../../platform/signoff/service.js'
import {
  STATUS_TAGS,
  parseSignOffQuery,
  parseWorklistQuery,
  signOffKind,
  taskStatus,
  visitTags,
  type VisitTag,
  type WorklistFilter,
} from './model.js'
import {
  caseloads,
  childrenAllocatedTo,
  childrenSharedWith,
  clockTimeliness,
  openTasks,
  taskCounts,
  type TaskRow,
  type WorklistScope,
  visibleOf,
  visitsOf,
} from './store.js'

/** Each child's visit tags (the assessment's measures, the next CP visit), for a list's rows. */
async function visitsByChild(
  db: Db,
  childIds: readonly number[],
  now: Date,
  calendar: WorkingCalendar,
): Promise<Map<number, VisitTag[]>> {
  const { assessments, cpVisits } = await visitsOf(db, childIds)
  const byChild = new Map<number, VisitTag[]>()
  for (const id of new Set(childIds))
    byChild.set(
      id,
      visitTags(
        {
          assessment: assessments.find((a) => a.child_id === id),
          cpVisitDue: cpVisits.find((c) => c.child_id === id)?.due_at,
        },
        now,
        calendar,
      ),
    )
  return byChild
}

/**
 * The sign-offs waiting for this manager (their own list and their teams'), leaving out any child
 * they may not see now: every module's asks go through the one platform table.
 */
async function signOffsFor(db: Db, user: CurrentUser, now: Date) {
  const rows = await awaitingSignOffsFor(db, user)
  const visible = await visibleOf(
    db,
    user,
    rows.map((r) => r.child_id),
    now,
  )
  return rows.filter((r) => visible.has(r.child_id))
}

const MANAGERS = new Set<string>(['team_manager', 'service_manager'])

function scopeFor(user: CurrentUser): { scope: WorklistScope; heading: string } {
  if (user.role === 'service_manager')
    return { scope: { kind: 'service' }, heading: 'Work across the service' }
  if (user.role === 'team_manager')
    return { scope: { kind: 'teams', teamIds: user.managedTeamIds }, heading: 'Your team’s work' }
  return { scope: { kind: 'user', userId: user.id }, heading: 'Your work' }
}

function sortLink(filter: WorklistFilter, column: WorklistFilter['sort']) {
  const direction = filter.sort === column && filter.direction === 'ascending' ? 'descending' : 'ascending'
  const params = new URLSearchParams({
    sort: column,
    direction,
    ...(filter.status !== 'all' ? { status: filter.status } : {}),
  })
  return { href: `?${params}`, ariaSort: filter.sort === column ? filter.direction : 'none' }
}

/**
 * How many of the most urgent tasks a manager's home page shows; the rest are a link away. A
 * worker's own list is short, so their home page shows its first page whole.
 */
const HOME_TASKS = 10
const LIST_PAGE = 50
const WORKLIST_ROLES = new Set<string>([
  'front_door_screener',
  'mash_social_worker',
  'social_worker',
  'team_manager',
  'service_manager',
])
const STATUS_LABELS = { all: 'all tasks', overdue: 'overdue', due_soon: 'due soon', due: 'due' } as const

/**
 * Each task as the lists show it: its status, when it is due ("5 June 2026, due in 4 working
 * days", or a front-door clock's "5:00pm today, 3 working hours left") and the page where it is done.
 */
function taskRows(
  tasks: TaskRow[],
  now: Date,
  calendar: WorkingCalendar,
  modules: ModuleContributions,
  visits: Map<number, VisitTag[]>,
) {
  return tasks.map((t) => {
    const status = taskStatus(t.dueAt, t.dueSoonAt, now)
    const href = modules.taskPage(t.subjectType, t.subjectId)
    return {
      ...t,
      status,
      tag: STATUS_TAGS[status],
      due: describeDue(t.dueAt, now, calendar),
      href,
      visits: visits.get(t.childId) ?? [],
    }
  })
}

/** A list naming children is a read of each of them: one audit row naming them all. */
function auditWorklist(db: Db, request: FastifyRequest, scope: WorklistScope, childIds: number[]) {
  return recordAuditAlone(db, request.auditContext, {
    action: 'worklist.view',
    outcome: 'allowed',
    detail: { scope: scope.kind, childIds: [...new Set(childIds)] },
  })
}

/**
 * The home page shows every module's panels (the MASH queue, restriction reviews…) above the
 * worklist; each module computes its own for the user, so this module imports none of them.
 */
export function worklistRoutes(deps: Pick<ModuleDeps, 'db' | 'clock' | 'modules'>) {
  const { db, clock, modules } = deps
  return async (app: FastifyInstance) => {
    app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
      const user = requireUser(request)
      if (user.role === 'performance_officer') return reply.redirect('/performance')
      if (user.role === 'administrator') return reply.redirect('/admin/users')
      if (user.role === 'auditor') return reply.redirect('/audit')
      const now = clock.now()

      if (user.role === 'partner_practitioner') {
        const children = await childrenSharedWith(db, user, now)
        await recordAuditAlone(db, request.auditContext, {
          action: 'child.list',
          outcome: 'allowed',
          detail: { page: 'home', childIds: children.map((c) => c.id) },
        })
        return reply.view('modules/worklists/views/partner-home.njk', {
          pageTitle: roleGrants(user.role, 'contact.submit')
            ? 'Worried about a child?'
            : 'Children shared with you',
          children,
          canSubmit: roleGrants(user.role, 'contact.submit'),
        })
      }

      // A role with no worklist and no record to open (a foster carer, a children's home's staff)
      // sees what the modules give it and nothing else: the children placed with them.
      if (!roleGrants(user.role, 'worklist.view') && !roleGrants(user.role, 'child.view'))
        return reply.view('modules/worklists/views/panels-home.njk', {
          pageTitle: 'Your home page',
          panels: await modules.homePanels(user),
        })

      // The home page stays short: the counts, the most urgent few, and links to the full lists.
      const { scope, heading } = scopeFor(user)
      const [counts, tasks] = await Promise.all([
        taskCounts(db, user, scope, now),
        openTasks(db, user, scope, parseWorklistQuery({}), now, {
          size: scope.kind === 'user' ? LIST_PAGE : HOME_TASKS,
          offset: 0,
        }),
      ])
      const myChildren = scope.kind === 'user' ? await childrenAllocatedTo(db, user, now) : []
      const signOffs = MANAGERS.has(user.role) ? await signOffsFor(db, user, now) : []
      await auditWorklist(db, request, scope, [
        ...tasks.map((t) => t.childId),
        ...myChildren.map((c) => c.id),
      ])
      const calendar = await loadWorkingCalendar(db)
      const visits = await visitsByChild(
        db,
        [...tasks.map((t) => t.childId), ...myChildren.map((c) => c.id)],
        now,
        calendar,
      )
      return reply.view('modules/worklists/views/worklist.njk', {
        pageTitle: heading,
        heading,
        tasks: taskRows(tasks, now, calendar, modules, visits),
        counts,
        myChildren: myChildren.map((c) => ({ ...c, visits: visits.get(c.id) ?? [] })),
        signOffsWaiting: MANAGERS.has(user.role) ? signOffs.length : null,
        showAssignee: scope.kind !== 'user',
        notifications: await unreadNotifications(db, user.id),
        panels: await modules.homePanels(user),
      })
    })

    // Every open task in the user's scope, a page at a time, with its filter and order in the URL.
    app.get('/worklist', { config: { access: 'signed-in' } }, async (request, reply) => {
      const user = requireUser(request)
      if (!WORKLIST_ROLES.has(user.role)) return reply.redirect('/')
      const now = clock.now()
      const query = queryAnswers(request)
      const filter = parseWorklistQuery(query)
      const { scope, heading } = scopeFor(user)
      const counts = await taskCounts(db, user, scope, now)
      const page = pageFromQuery(query, LIST_PAGE)
      const tasks = await openTasks(db, user, scope, filter, now, page)
      await auditWorklist(
        db,
        request,
        scope,
        tasks.map((t) => t.childId),
      )
      const filters = {
        ...(filter.status !== 'all' ? { status: filter.status } : {}),
        sort: filter.sort,
        direction: filter.direction,
      }
      const calendar = await loadWorkingCalendar(db)
      const visits = await visitsByChild(
        db,
        tasks.map((t) => t.childId),
        now,
        calendar,
      )
      return reply.view('modules/worklists/views/worklist-all.njk', {
        pageTitle: `${heading}: ${STATUS_LABELS[filter.status]}`,
        heading,
        tasks: taskRows(tasks, now, calendar, modules, visits),
        counts,
        filter,
        sorts: {
          due: sortLink(filter, 'due'),
          child: sortLink(filter, 'child'),
          task: sortLink(filter, 'task'),
        },
        pagination: paginationFor(page, counts[filter.status], filters, 'tasks'),
        showAssignee: scope.kind !== 'user',
      })
    })

    // Every sign-off waiting for this manager, across the modules: what, whose, who asked, when,
    // when it is due (the `sign-off` clock), sortable; a read of each child named, audited.
    app.get('/worklists/sign-offs', { config: { access: 'team.view' } }, async (request, reply) => {
      const user = requireUser(request)
      const now = clock.now()
      const { sort, direction } = parseSignOffQuery(queryAnswers(request))
      const calendar = await loadWorkingCalendar(db)
      const rows = (await signOffsFor(db, user, now)).map((r) => {
        const status = r.due_at ? taskStatus(r.due_at, r.due_at, now) : null
        return {
          ...r,
          childName: `${r.given_name} ${r.family_name}`,
          kind: signOffKind(r.subject_type),
          href: modules.taskPage('sign_off', `${r.subject_type}:${r.subject_id}`),
          due: r.due_at ? describeDue(r.due_at, now, calendar) : null,
          tag: status === 'overdue' ? STATUS_TAGS.overdue : null,
        }
      })
      const key = {
        asked: (r: (typeof rows)[number]) => r.asked_at.toISOString(),
        due: (r: (typeof rows)[number]) => (r.due_at ? r.due_at.toISOString() : '9999'),
        child: (r: (typeof rows)[number]) => `${r.family_name} ${r.given_name}`.toLowerCase(),
        what: (r: (typeof rows)[number]) => r.kind,
      }[sort]
      rows.sort((a, b) => {
        const order = key(a).localeCompare(key(b)) || a.id - b.id
        return direction === 'descending' ? -order : order
      })
      await recordAuditAlone(db, request.auditContext, {
        action: 'sign_off.list',
        outcome: 'allowed',
        detail: { childIds: [...new Set(rows.map((r) => r.child_id))] },
      })
      const link = (column: typeof sort) => ({
        href: `?${new URLSearchParams({ sort: column, direction: sort === column && direction === 'ascending' ? 'descending' : 'ascending' })}`,
        ariaSort: sort === column ? direction : 'none',
      })
      return reply.view('modules/worklists/views/sign-offs.njk', {
        pageTitle: 'Waiting for your sign-off',
        rows,
        sorts: { asked: link('asked'), due: link('due'), child: link('child'), what: link('what') },
      })
    })

    app.get('/team', { config: { access: 'team.view' } }, async (request, reply) => {
      const user = requireUser(request)
      const teamIds = user.role === 'service_manager' ? 'all' : user.managedTeamIds
      const rows = await caseloads(db, teamIds, clock.now())
      return reply.view('modules/worklists/views/team.njk', { pageTitle: 'Caseloads', rows })
    })

    app.get('/performance', { config: { access: 'performance.view' } }, async (_request, reply) => {
      const rows = await clockTimeliness(db, clock.now())
      return reply.view('modules/worklists/views/performance.njk', {
        pageTitle: 'Statutory timescales',
        rows: rows.map((r) => ({
          ...r,
          onTime: r.met + r.missed === 0 ? null : Math.round((100 * r.met) / (r.met + r.missed)),
        })),
      })
    })
  }
}

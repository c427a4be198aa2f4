/**
 * The pages of a looked-after child's health: the initial and review health assessments
 * (`/children/:id/care/health/iha` and `/rha`: outstanding and why, or completed), a dated check
 * (`/children/:id/care/health/check`: dental, sight, immunisations, SDQ), the care page's health
 * section, and the managers' list of who is waiting for a health assessment and why
 * (`/care/health-waiting`, with its home panel). Thin: the platform has checked the child the URL
 * names and audited; the schema checks the answers; one service call saves, and its refusal comes
 * back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { londonToday } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { answerRefusal } from '../../platform/http/errors.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser, type CurrentUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { allow, type ChildRecord } from '../../platform/permissions/allow.js'
import type { HomePanel } from '../../platform/modules.js'
import {
  ASSESSMENT_NAMES,
  assessmentSchema,
  CHECK_NAMES,
  checkSchema,
  dueAgainOn,
  inDate,
  WAITING_REASONS,
  waitingText,
  type HealthAssessmentKind,
  type HealthCheckKind,
} from './health-model.js'
import {
  healthSection,
  healthWaitingFigures,
  healthWaitingList,
  recordAssessment,
  recordCheck,
} from './health-service.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import { named, carePath, careStateRefusal as refusal, careForm as form } from './route-parts.js'

/** The managers' list, and who it is for (the role's `team.view`, as caseloads and sign-offs). */
export const HEALTH_WAITING_PATH = '/care/health-waiting'
const WAITING_ACCESS = 'team.view'

/** A date's three boxes filled with a day (or left empty), for a form shown the first time. */
function boxes(prefix: string, iso: string | null): KeptAnswers {
  if (iso === null) return {}
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

const CHECK_KINDS: readonly HealthCheckKind[] = ['dental', 'sight', 'immunisations', 'sdq']

/**
 * The care page's health section (views/health-section.njk): the IHA or the next RHA due with its
 * clock, what is waiting and why, each assessment of the period, and the latest of each check with
 * whether it is in date (12 months).
 */
export async function healthSectionView(
  deps: CareDeps,
  user: CurrentUser,
  child: ChildRecord | undefined,
  record: CareRecord,
  calendar: WorkingCalendar,
) {
  const now = deps.clock.now()
  const today = londonToday(now)
  const open = record.open
  const section = await healthSection(deps, record.child.id, open?.id ?? null)
  if (!open && section.checks.length === 0) return null
  const canRecord = open !== null && child !== undefined && allow(user, 'child.edit', child, now).allowed
  const iha = section.assessments.find((a) => a.kind === 'iha') ?? null
  const latest = (kind: HealthCheckKind) => section.checks.find((c) => c.kind === kind) ?? null
  return {
    childId: record.child.id,
    inCare: open !== null,
    canRecord,
    // Which assessment the form records next: the IHA until it is completed, then reviews.
    nextKind: iha?.completed_on ? ('rha' as const) : ('iha' as const),
    due: section.task && {
      title: section.task.title,
      due: describeDue(section.task.due_at, now, calendar),
      overdue: section.task.due_at < now,
    },
    outstanding: section.outstanding && {
      name: ASSESSMENT_NAMES[section.outstanding.kind],
      requestedOn: section.outstanding.requested_on,
      appointmentOn: section.outstanding.appointment_on,
      waiting: waitingText(section.outstanding.waiting_reason, section.outstanding.waiting_other),
    },
    assessments: section.assessments
      .filter((a) => a.completed_on !== null)
      .reverse()
      .map((a) => ({
        name: ASSESSMENT_NAMES[a.kind],
        requestedOn: a.requested_on,
        appointmentOn: a.appointment_on,
        completedOn: a.completed_on as string,
        completedBy: a.completed_by,
        nextIn: a.age_band === '5_and_over' ? '12 months' : '6 months',
      })),
    checks: CHECK_KINDS.map((kind) => {
      const c = latest(kind)
      const history = section.checks.filter((x) => x.kind === kind).length
      return {
        kind,
        name: CHECK_NAMES[kind],
        latest: c && {
          on: c.checked_on,
          inDate: inDate(c.checked_on, today),
          dueAgain: dueAgainOn(c.checked_on),
          detail:
            kind === 'immunisations'
              ? c.up_to_date
                ? 'Up to date'
                : 'Not up to date'
              : kind === 'sdq'
                ? `Score ${c.sdq_score ?? ''}, completed by ${c.completed_by ?? ''}`
                : null,
        },
        earlier: Math.max(history - 1, 0),
      }
    }),
  }
}
export type HealthSectionView = Awaited<ReturnType<typeof healthSectionView>>

/** The home panel of a manager: how many children wait for a health assessment, linking to the list. */
export const HEALTH_HOME_PANEL: HomePanel = {
  order: 38,
  template: 'modules/care/views/health-home-panel.njk',
  // Figures only (no child is named): the list they link to audits its own read.
  async load(deps, user) {
    if (user.role !== 'team_manager' && user.role !== 'service_manager') return null
    const figures = await healthWaitingFigures(deps, user)
    return figures.waiting > 0 ? { ...figures, href: HEALTH_WAITING_PATH } : null
  },
}

export function careHealthRoutes(deps: CareDeps) {
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: ['Health assessments and checks are recorded while the child is looked after.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })

  const load = async (childId: number) => {
    const record = await careRecord(deps, childId)
    const section = await healthSection(deps, childId, record.open?.id ?? null)
    return { record, section }
  }

  const assessmentForm = (app: FastifyInstance, kind: HealthAssessmentKind) =>
    formRoute(app, {
      path: `/children/:id/care/health/${kind}`,
      access: 'child.edit',
      subject: form(kind),
      load: (request) => load(subjectId(request)),
      schema: () => assessmentSchema(deps.clock.now()),
      render: async (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const childName = named(record.child)
        const outstanding = section.outstanding?.kind === kind ? section.outstanding : null
        const v: KeptAnswers = values ?? {
          ...boxes('requested', outstanding?.requested_on ?? null),
          ...boxes('appointment', outstanding?.appointment_on ?? null),
          waitingReason: outstanding?.waiting_reason ?? '',
          waitingOther: outstanding?.waiting_other ?? '',
        }
        const calendar = await loadWorkingCalendar(deps.db)
        const now = deps.clock.now()
        return reply.code(status).view('modules/care/views/health-assessment-form.njk', {
          pageTitle: `${ASSESSMENT_NAMES[kind]}: ${childName}`,
          heading: ASSESSMENT_NAMES[kind],
          kind,
          childName,
          action: `${carePath(record.child.id)}/health/${kind}`,
          backPath: carePath(record.child.id),
          dueText:
            section.task &&
            `${section.task.title}: by ${describeDue(section.task.due_at, now, calendar).dueBy}`,
          values: v,
          waitingReasons: WAITING_REASONS,
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordAssessment(deps, requireUser(request), subjectId(request), kind, input, request.auditContext),
      done: (_i, { record }, saved) => ({
        to: carePath(record.child.id),
        text: saved.completed
          ? `${ASSESSMENT_NAMES[kind]} recorded as completed`
          : `${ASSESSMENT_NAMES[kind]} recorded as outstanding`,
      }),
      refusal,
      notAllowedTitle: 'You cannot record this child’s health assessments',
    })

  return async (instance: FastifyInstance) => {
    assessmentForm(instance, 'iha')
    assessmentForm(instance, 'rha')

    formRoute(instance, {
      path: '/children/:id/care/health/check',
      access: 'child.edit',
      subject: form('health_check'),
      load: (request) => careRecord(deps, subjectId(request)),
      schema: () => checkSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const childName = named(record.child)
        const v: KeptAnswers = values ?? { ...boxes('checked', londonToday(deps.clock.now())) }
        return reply.code(status).view('modules/care/views/health-check-form.njk', {
          pageTitle: `Record a health check: ${childName}`,
          childName,
          action: `${carePath(record.child.id)}/health/check`,
          backPath: carePath(record.child.id),
          values: v,
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordCheck(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, record) => ({
        to: carePath(record.child.id),
        text: `${CHECK_NAMES[input.kind]} recorded`,
      }),
      refusal,
      notAllowedTitle: 'You cannot record this child’s health checks',
      submission: { already: 'This check was already recorded', link: 'See the child’s care record' },
    })

    instance.get(HEALTH_WAITING_PATH, { config: { access: WAITING_ACCESS } }, async (request, reply) => {
      try {
        const now = deps.clock.now()
        const calendar = await loadWorkingCalendar(deps.db)
        const rows = await healthWaitingList(deps, requireUser(request), request.auditContext)
        return reply.view('modules/care/views/health-waiting.njk', {
          pageTitle: 'Waiting for a health assessment',
          rows: rows.map((r) => ({
            childId: r.child_id,
            childName: named(r),
            assessment: r.clock_code === 'rha' ? ASSESSMENT_NAMES.rha : ASSESSMENT_NAMES.iha,
            due: describeDue(r.due_at, now, calendar),
            overdue: r.due_at < now,
            waiting: r.waiting_reason ? waitingText(r.waiting_reason, r.waiting_other) : 'Not recorded',
            requestedOn: r.requested_on,
            appointmentOn: r.appointment_on,
            team: r.team,
            worker: r.worker,
          })),
        })
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot see this list')
      }
    })
  }
}

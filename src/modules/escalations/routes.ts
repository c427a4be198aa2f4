/**
 * Escalations' pages: a child's escalations, raising one, an escalation with every level it
 * reached, the recipient's response, the raiser's decision, and the open escalations (every one
 * for a manager's report, or the reader's own). Thin: the platform has checked the child the URL
 * names (a child, or an escalation's child) and audited; the schema checks the answers; one
 * service call saves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonDate, longDate } from '../../platform/calendar/dates.js'
import { answerRefusal } from '../../platform/http/errors.js'
import {
  errorView,
  formRoute,
  keptText,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import {
  AGENCIES,
  decideSchema,
  LEVELS,
  levelOf,
  raiseSchema,
  reportFilter,
  respondSchema,
  RESPONSES,
} from './model.js'
import {
  childEscalations,
  decideEscalation,
  decideFormContext,
  EscalationChangedError,
  openList,
  raiseEscalation,
  raiseFormContext,
  respondRights,
  respondToEscalation,
  raiserRights,
  viewEscalation,
  type EscalationsDeps,
  type Step,
} from './service.js'

const ON_CHILD: RouteSubject = { kind: 'child', auditAction: 'escalation.view' }
const ESCALATION: RouteSubject = { kind: 'escalation', auditAction: 'escalation.view' }

const dueText = (at: Date) => longDate(londonDate(at.getTime()))
const agencyText = (code: string) => AGENCIES[code] ?? code

/**
 * Who is moving which escalation on, from the version the form was shown with (a hidden field),
 * so a change made meanwhile is caught rather than overwritten.
 */
function step(request: FastifyRequest, e: { id: number; child_id: number; version: number }): Step {
  const raw = (request.body as Record<string, unknown> | undefined)?.version
  return {
    actor: requireUser(request),
    id: e.id,
    childId: e.child_id,
    version: typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : e.version,
    audit: request.auditContext,
  }
}

const changedMeanwhile = (field: string) => (err: unknown) =>
  err instanceof EscalationChangedError ? { field, message: err.message } : null

/**
 * The form is not this person's to use (now): say why, and link back to the escalation. When it
 * was moved on while they were writing (409), say that first and give back what they wrote.
 */
function cannot(
  reply: FastifyReply,
  title: string,
  reason: string,
  id: number,
  form: { errors: FormErrors; values: KeptAnswers | null; status: number },
) {
  const written = ['reasons', 'actions', 'reason', 'note']
    .map((name) => (form.values ? keptText(form.values, name) : ''))
    .filter((text) => text !== '')
  return reply.code(form.status === 409 ? 409 : 200).view('platform/views/message.njk', {
    pageTitle: title,
    paragraphs: [
      ...form.errors.list.map((e) => e.text),
      reason,
      ...(written.length ? ['What you wrote was not saved:', ...written] : []),
    ],
    links: [{ href: `/escalations/${id}`, text: 'Back to the escalation' }],
  })
}

export function escalationsRoutes(deps: EscalationsDeps) {
  return async (app: FastifyInstance) => {
    app.get(
      '/children/:id/escalations',
      { config: { access: 'child.view', subject: ON_CHILD } },
      async (request, reply) => {
        const { child, escalations } = await childEscalations(deps, subjectId(request))
        return reply.view('modules/escalations/views/escalations.njk', {
          pageTitle: `Escalations: ${child.name}`,
          child,
          escalations: escalations.map((e) => ({
            ...e,
            agencyText: agencyText(e.raiser_agency),
            dueText: dueText(e.due_at),
          })),
        })
      },
    )

    formRoute(app, {
      path: '/children/:id/escalations/new',
      access: 'child.view',
      subject: { ...ON_CHILD, auditDetail: { form: 'new' } },
      load: (request: FastifyRequest) => raiseFormContext(deps, requireUser(request), subjectId(request)),
      schema: ({ recipients }) => raiseSchema(recipients.map((r) => r.value)),
      render: (_request, reply, { context: { child, recipients }, values, errors, status }) => {
        const shown = values ?? {}
        return reply.code(status).view('modules/escalations/views/raise.njk', {
          pageTitle: `Raise an escalation: ${child.name}`,
          child,
          level: levelOf(1),
          values: shown,
          ...errorView(errors),
          recipientItems: recipients.map((r) => ({
            value: r.value,
            text: r.text,
            checked: shown.recipient === r.value,
          })),
        })
      },
      save: (request, input) =>
        raiseEscalation(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, _context, saved) => ({
        to: `/escalations/${saved.id}`,
        text: `Escalation raised with ${saved.recipient}. A response is due by ${dueText(saved.dueAt)}.`,
      }),
      notAllowedTitle: 'You cannot raise this escalation',
      submission: { already: 'This escalation was already raised', link: 'See the child’s escalations' },
    })

    app.get(
      '/escalations/:id',
      { config: { access: 'child.view', subject: ESCALATION } },
      async (request, reply) => {
        const user = requireUser(request)
        const shown = await viewEscalation(deps, subjectId(request))
        const [respond, decide] = [
          await respondRights(deps, user, shown.escalation),
          raiserRights(deps, user, shown.escalation),
        ]
        return reply.view('modules/escalations/views/escalation.njk', {
          pageTitle: `Escalation: ${shown.child.name}`,
          ...shown,
          agencyText: agencyText(shown.escalation.raiser_agency),
          levelTitle: levelOf(shown.escalation.level).title,
          dueText: dueText(shown.escalation.due_at),
          levels: shown.levels.map((l) => ({
            ...l,
            title: levelOf(l.level).title,
            dueText: dueText(l.due_at),
            responseText: RESPONSES.find((r) => r.code === l.response)?.label ?? null,
          })),
          canRespond: respond.allowed,
          canDecide: decide.allowed,
          decideBecause: decide.allowed ? decide.because : null,
        })
      },
    )

    formRoute(app, {
      path: '/escalations/:id/response',
      access: 'child.view',
      subject: { ...ESCALATION, auditDetail: { form: 'response' } },
      load: async (request: FastifyRequest) => {
        const shown = await viewEscalation(deps, subjectId(request))
        return { ...shown, rights: await respondRights(deps, requireUser(request), shown.escalation) }
      },
      schema: respondSchema,
      render: (_request, reply, { context: { escalation, child, rights }, values, errors, status }) => {
        if (!rights.allowed)
          return cannot(reply, 'You cannot respond to this escalation', rights.reason, escalation.id, {
            errors,
            values,
            status,
          })
        const shown = values ?? {}
        return reply.code(status).view('modules/escalations/views/respond.njk', {
          pageTitle: `Respond to an escalation: ${child.name}`,
          child,
          escalation,
          levelTitle: levelOf(escalation.level).title,
          dueText: dueText(escalation.due_at),
          version: shown.version ?? String(escalation.version),
          values: shown,
          ...errorView(errors),
          responseItems: RESPONSES.map((r) => ({
            value: r.code,
            text: r.label,
            checked: shown.response === r.code,
          })),
        })
      },
      save: (request, input, { escalation }) => respondToEscalation(deps, step(request, escalation), input),
      done: (_input, { escalation }) => ({
        to: `/escalations/${escalation.id}`,
        text: `Response recorded. ${escalation.raisedByName}, who raised it, decides whether it is resolved.`,
      }),
      refusal: changedMeanwhile('response'),
      notAllowedTitle: 'You cannot respond to this escalation',
    })

    formRoute(app, {
      path: '/escalations/:id/outcome',
      access: 'child.view',
      subject: { ...ESCALATION, auditDetail: { form: 'outcome' } },
      load: (request: FastifyRequest) => decideFormContext(deps, requireUser(request), subjectId(request)),
      schema: ({ rights, recipients }) =>
        decideSchema(
          rights.allowed && rights.canEscalate,
          recipients.map((r) => r.value),
        ),
      render: (_request, reply, { context, values, errors, status }) => {
        const { escalation, child, rights, recipients, next, levels } = context
        if (!rights.allowed)
          return cannot(
            reply,
            'You cannot accept or escalate this escalation',
            rights.reason,
            escalation.id,
            {
              errors,
              values,
              status,
            },
          )
        const shown = values ?? {}
        const current = levels[levels.length - 1]
        return reply.code(status).view('modules/escalations/views/outcome.njk', {
          pageTitle: `Accept or escalate: ${child.name}`,
          child,
          escalation,
          current: current
            ? { ...current, responseText: RESPONSES.find((r) => r.code === current.response)?.label ?? null }
            : null,
          because: rights.because,
          canEscalate: rights.canEscalate,
          nextTitle: rights.canEscalate ? levelOf(next).title : null,
          version: shown.version ?? String(escalation.version),
          values: shown,
          ...errorView(errors),
          recipientItems: [
            { value: '', text: 'Choose who it goes to' },
            ...recipients.map((r) => ({
              value: r.value,
              text: r.text,
              selected: shown.recipient === r.value,
            })),
          ],
        })
      },
      save: (request, input, { escalation }) => decideEscalation(deps, step(request, escalation), input),
      done: (_input, { escalation }, saved) => ({
        to: `/escalations/${escalation.id}`,
        text:
          saved.outcome === 'resolved'
            ? 'Escalation resolved.'
            : `Escalated to level ${saved.level}: ${saved.recipient}. A response is due by ${dueText(saved.dueAt)}.`,
      }),
      refusal: changedMeanwhile('outcome'),
      notAllowedTitle: 'You cannot accept or escalate this escalation',
    })

    app.get('/escalations', { config: { access: 'child.view' } }, async (request, reply) => {
      try {
        const user = requireUser(request)
        // Managers see every open escalation on the children they may see; anyone else their own.
        const report = roleGrants(user.role, 'team.view')
        const filter = reportFilter(request.query as Record<string, unknown>, report ? null : user.id)
        const rows = await openList(deps, user, filter, request.auditContext)
        return reply.view('modules/escalations/views/report.njk', {
          pageTitle: report ? 'Open escalations' : 'Your escalations',
          report,
          filter,
          rows: rows.map((r) => ({
            ...r,
            agencyText: agencyText(r.raiser_agency),
            dueText: dueText(r.due_at),
            yours: r.recipient_id === user.id && r.status === 'awaiting_response',
          })),
          byLevel: LEVELS.map((l) => ({
            title: l.title,
            open: rows.filter((r) => r.level === l.level).length,
            overdue: rows.filter((r) => r.level === l.level && r.overdue).length,
          })),
          levelItems: [
            { value: '', text: 'Any level' },
            ...LEVELS.map((l) => ({
              value: String(l.level),
              text: l.title,
              selected: filter.level === l.level,
            })),
          ],
          agencyItems: [
            { value: '', text: 'Any agency' },
            ...Object.entries(AGENCIES).map(([code, text]) => ({
              value: code,
              text,
              selected: filter.agency === code,
            })),
          ],
        })
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot see these escalations')
      }
    })
  }
}

/**
 * The assessment's pages: a child's assessments, starting one from a referral, the task list and
 * each section's form, the prior involvement, check answers and send, and the manager's
 * authorisation. Thin: the platform has checked the child the URL names (the `child` subject) and
 * audited; the schema checks the answers; one service call saves.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { londonToday } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, subjectOf, type RouteSubject } from '../../platform/http/subjects.js'
import { OVERSIGHT_MIN, signOffDecisionSchema } from '../../platform/signoff/rule.js'
import {
  AFTER_BIRTH,
  analysisSchema,
  type BirthSituation,
  CODES,
  factorsSchema,
  labelOf,
  needSchema,
  outcomeSchema,
  parentsViewsSchema,
  postedVersion,
  SECTIONS,
  sectionApplies,
  sectionComplete,
  sectionsFor,
  SEEN_FIELD_IDS,
  seenSchema,
  startSchema,
  STATUS_TEXT,
  wishesSchema,
  type SectionCode,
} from './model.js'
import {
  AssessmentStateError,
  assessmentList,
  beginAssessment,
  decideAssessment,
  priorInvolvement,
  rights,
  saveAssessmentSection,
  sendForAuthorisation,
  startContext,
  viewAssessment,
  visitMeasures,
  type AssessmentDeps,
} from './service.js'
import { prebirthPromptFor } from './prebirth-service.js'

const VIEW: RouteSubject = { kind: 'child', auditAction: 'assessment.view' }
const VIEW_ONE: RouteSubject = { ...VIEW, extraParams: ['assessmentId'] }
const EDIT_ONE = (form: string): RouteSubject => ({
  kind: 'child',
  auditAction: 'assessment.view',
  auditDetail: { form },
  extraParams: ['assessmentId'],
})

const base = (childId: number, assessmentId: number) => `/children/${childId}/assessments/${assessmentId}`

function childOf(request: FastifyRequest) {
  const child = subjectChild(request)
  if (!child) throw new NotFoundError('No child')
  return child
}

/** The summary rows of every section, for the task list's check answers and the manager's page. */
export function answerRows(
  a: Awaited<ReturnType<typeof viewAssessment>>['assessment'],
  links: string | null,
  situation: BirthSituation = AFTER_BIRTH,
) {
  const titles = new Map(sectionsFor(situation).map((s) => [s.code, s.title]))
  const row = (key: string, value: string, section: SectionCode) => ({
    key: { text: key },
    value: { text: value },
    ...(links
      ? {
          actions: {
            items: [{ href: `${links}/${section}`, text: 'Change', visuallyHiddenText: key.toLowerCase() }],
          },
        }
      : {}),
  })
  const none = 'Not answered yet'
  // Before the birth there is no child to see: said so, with nothing to change.
  const seen = sectionApplies(situation, 'seen')
    ? [
        row('Date the child was seen', a.seen_on ? longDay(a.seen_on) : none, 'seen'),
        row(
          'Seen alone',
          a.seen_alone === null ? none : a.seen_alone ? 'Yes' : `No: ${a.not_seen_alone_reason ?? ''}`,
          'seen',
        ),
      ]
    : [
        {
          key: { text: 'The child seen' },
          value: { text: 'Not applicable: the child is not born yet' },
        },
      ]
  return [
    ...seen,
    row(titles.get('wishes') ?? 'The child’s wishes and feelings', a.wishes_and_feelings ?? none, 'wishes'),
    row(
      'Assessment factors',
      a.factors?.length ? a.factors.map((f) => `${f} ${labelOf(CODES.factors, f) ?? ''}`).join('; ') : none,
      'factors',
    ),
    row(
      'Primary need',
      a.primary_need ? `${a.primary_need} ${labelOf(CODES.primaryNeeds, a.primary_need) ?? ''}` : none,
      'need',
    ),
    row('Analysis', a.analysis ?? none, 'analysis'),
    row('Outcome', labelOf(CODES.outcomes, a.outcome) ?? none, 'outcome'),
  ]
}

function longDay(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/** A section's answers as its form shows them first. */
function initialValues(section: SectionCode, a: Awaited<ReturnType<typeof viewAssessment>>['assessment']) {
  const v: KeptAnswers = { version: String(a.version) }
  if (section === 'seen' && a.seen_on) {
    const [y, m, d] = a.seen_on.split('-')
    Object.assign(v, { 'seen-day': String(Number(d)), 'seen-month': String(Number(m)), 'seen-year': y ?? '' })
  }
  if (section === 'seen' && a.seen_alone !== null) v.seenAlone = a.seen_alone ? 'yes' : 'no'
  if (a.not_seen_alone_reason) v.notSeenAloneReason = a.not_seen_alone_reason
  if (a.wishes_and_feelings) v.wishesAndFeelings = a.wishes_and_feelings
  if (a.factors) v.factors = [...a.factors]
  if (a.primary_need) v.primaryNeed = a.primary_need
  if (a.analysis) v.analysis = a.analysis
  if (a.outcome) v.outcome = a.outcome
  return v
}

const choices = (list: readonly { code: string; label: string }[], chosen: unknown, withCode = false) =>
  list.map((c) => ({
    value: c.code,
    text: withCode ? `${c.code}: ${c.label}` : c.label,
    checked: Array.isArray(chosen) ? chosen.includes(c.code) : chosen === c.code,
  }))

const SECTION_SCHEMAS: Record<
  SectionCode,
  (context: {
    now: Date
    referralDate: string
    situation: BirthSituation
  }) => z.ZodType<Record<string, unknown>>
> = {
  seen: ({ now, referralDate }) => seenSchema(now, referralDate) as z.ZodType<Record<string, unknown>>,
  wishes: ({ situation }) => (situation.preBirth ? parentsViewsSchema : wishesSchema),
  factors: () => factorsSchema() as z.ZodType<Record<string, unknown>>,
  need: () => needSchema(),
  analysis: () => analysisSchema,
  outcome: () => outcomeSchema(),
}

export function assessmentRoutes(deps: AssessmentDeps) {
  return async (app: FastifyInstance) => {
    // Where a worklist's task about an assessment (its clock, its sign-off) leads.
    app.get(
      '/assessments/:assessmentId',
      { config: { access: 'child.view', subject: { kind: 'assessment', auditAction: 'assessment.view' } } },
      async (request, reply) => {
        const aid = subjectId(request, 'assessmentId')
        const childId = subjectOf(request).children[0]?.childId
        if (childId === undefined) return reply.callNotFound()
        return reply.redirect(base(childId, aid), 303)
      },
    )

    app.get(
      '/children/:id/assessments',
      { config: { access: 'child.view', subject: VIEW } },
      async (request, reply) => {
        try {
          const childId = subjectId(request)
          const context = await startContext(deps, childId)
          const assessments = await assessmentList(deps, childId)
          return reply.view('modules/assessment/views/list.njk', {
            pageTitle: `Assessments: ${context.child.name}`,
            child: context.child,
            startText: context.child.unborn
              ? 'Start a pre-birth assessment'
              : 'Start a child and family assessment',
            assessments: assessments.map((a) => ({ ...a, statusText: STATUS_TEXT[a.status] })),
            canStart:
              context.open.length > 0 &&
              rights(requireUser(request), childOf(request), deps.clock.now()).canWrite,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this child’s assessments')
        }
      },
    )

    formRoute(app, {
      path: '/children/:id/assessments/new',
      access: 'child.edit',
      subject: { kind: 'child', auditAction: 'assessment.view', auditDetail: { form: 'start' } },
      load: async (request: FastifyRequest) => {
        const childId = subjectId(request)
        const [context, prompt] = await Promise.all([
          startContext(deps, childId),
          prebirthPromptFor(deps, requireUser(request), childId, request.auditContext),
        ])
        return { ...context, prompt }
      },
      schema: startSchema,
      render: (_request, reply, { context, values, errors, status }) => {
        const shown = values ?? (context.open.length === 1 ? { referralId: String(context.open[0]?.id) } : {})
        const title = context.child.unborn
          ? 'Start a pre-birth assessment'
          : 'Start a child and family assessment'
        return reply.code(status).view('modules/assessment/views/start.njk', {
          pageTitle: `${title}: ${context.child.name}`,
          title,
          prompt: context.prompt,
          child: context.child,
          values: shown,
          ...errorView(errors),
          referralItems: context.open.map((r) => ({
            value: String(r.id),
            text: `Referral of ${longDay(r.referral_date)}`,
            hint: {
              text: r.allocated_at
                ? `Allocated ${longDay(londonToday(r.allocated_at))}`
                : 'Not allocated yet',
            },
            checked: shown.referralId === String(r.id),
          })),
        })
      },
      save: (request, { referralId }) =>
        beginAssessment(deps, requireUser(request), subjectId(request), referralId, request.auditContext),
      done: (_input, { child }, { assessmentId }) => ({
        to: base(child.id, assessmentId),
        text: `${child.unborn ? 'Pre-birth assessment' : 'Assessment'} started. The 45 working days count from the referral date.`,
      }),
      refusal: (err) =>
        err instanceof AssessmentStateError ? { field: err.field, message: err.message } : null,
      notAllowedTitle: 'You cannot start an assessment for this child',
      submission: { already: 'This assessment was already started', link: 'See the child’s assessments' },
    })

    app.get(
      '/children/:id/assessments/:assessmentId',
      { config: { access: 'child.view', subject: VIEW_ONE } },
      async (request, reply) => {
        try {
          const childId = subjectId(request)
          const aid = subjectId(request, 'assessmentId')
          const shown = await viewAssessment(deps, childId, aid)
          const now = deps.clock.now()
          const may = rights(requireUser(request), childOf(request), now)
          const calendar = await loadWorkingCalendar(deps.db)
          const editable = shown.assessment.status === 'in_progress' && may.canWrite
          const measures = await visitMeasures(deps, requireUser(request), aid, request.auditContext)
          return reply.view('modules/assessment/views/assessment.njk', {
            pageTitle: `${shown.title}: ${shown.child.name}`,
            ...shown,
            statusText: STATUS_TEXT[shown.assessment.status],
            due: shown.task && !shown.task.stopped_at ? describeDue(shown.task.due_at, now, calendar) : null,
            tasks: [
              // Before the birth the child seen stays on the list, saying why it is not asked.
              ...(sectionApplies(shown.situation, 'seen')
                ? []
                : [
                    {
                      title: { text: 'The child seen' },
                      hint: {
                        text: 'There is no child to see before the birth. Once the baby is born, the baby is seen before the assessment is sent.',
                      },
                      status: { text: 'Not applicable before birth' },
                    },
                  ]),
              ...sectionsFor(shown.situation).map((s) => ({
                title: { text: s.title },
                hint: { text: s.hint },
                href: editable ? `${base(childId, aid)}/${s.code}` : undefined,
                status: sectionComplete(shown.assessment, s.code)
                  ? { text: 'Completed' }
                  : { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
              })),
            ],
            rows: answerRows(shown.assessment, null, shown.situation),
            measures,
            editable,
            base: base(childId, aid),
            mayAuthorise: shown.awaiting !== null && may.canAuthorise,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this assessment')
        }
      },
    )

    app.get(
      '/children/:id/assessments/:assessmentId/prior-involvement',
      { config: { access: 'child.view', subject: EDIT_ONE('prior-involvement') } },
      async (request, reply) => {
        try {
          const childId = subjectId(request)
          const aid = subjectId(request, 'assessmentId')
          const shown = await viewAssessment(deps, childId, aid)
          const people = await priorInvolvement(
            deps,
            requireUser(request),
            childId,
            request.auditContext,
            aid,
          )
          return reply.view('modules/assessment/views/prior-involvement.njk', {
            pageTitle: `Prior involvement: ${shown.child.name}`,
            child: shown.child,
            base: base(childId, aid),
            people: people.map((p) => ({
              ...p,
              assessments: p.assessments.map((a) => ({
                ...a,
                outcomeText: labelOf(CODES.outcomes, a.outcome),
              })),
            })),
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this assessment')
        }
      },
    )

    for (const section of SECTIONS) {
      formRoute(app, {
        path: `/children/:id/assessments/:assessmentId/${section.code}`,
        access: 'child.edit',
        subject: EDIT_ONE(section.code),
        load: async (request: FastifyRequest) => {
          const childId = subjectId(request)
          const shown = await viewAssessment(deps, childId, subjectId(request, 'assessmentId'))
          return { ...shown, childId, now: deps.clock.now(), referralDate: shown.assessment.referral_date }
        },
        schema: (context) => SECTION_SCHEMAS[section.code](context),
        fieldIds: section.code === 'seen' ? SEEN_FIELD_IDS : {},
        lists: section.code === 'factors' ? ['factors'] : [],
        render: (_request, reply, { context, values, errors, status }) => {
          const shown = values ?? initialValues(section.code, context.assessment)
          // A pre-birth assessment words its sections its own way; the child seen waits for the birth.
          const asked = sectionsFor(context.situation).find((s) => s.code === section.code)
          return reply.code(status).view('modules/assessment/views/section.njk', {
            pageTitle: `${asked?.title ?? section.title}: ${context.child.name}`,
            child: context.child,
            section: asked ?? section,
            notApplicable: asked === undefined,
            preBirth: context.situation.preBirth,
            action: `${base(context.childId, context.assessment.id)}/${section.code}`,
            back: base(context.childId, context.assessment.id),
            values: shown,
            ...errorView(errors),
            locked: context.assessment.status !== 'in_progress',
            seenAloneItems: [
              { value: 'yes', text: 'Yes', checked: shown.seenAlone === 'yes' },
              { value: 'no', text: 'No', checked: shown.seenAlone === 'no', reveal: true },
            ],
            factorItems: choices(CODES.factors, shown.factors, true),
            needItems: choices(CODES.primaryNeeds, shown.primaryNeed, true),
            outcomeItems: choices(CODES.outcomes, shown.outcome),
          })
        },
        save: (request, input, context) =>
          saveAssessmentSection(
            deps,
            requireUser(request),
            context.childId,
            context.assessment.id,
            section.code,
            postedVersion(request.body),
            input,
            request.auditContext,
          ),
        done: (_input, context) => ({
          to: base(context.childId, context.assessment.id),
          text: `${sectionsFor(context.situation).find((s) => s.code === section.code)?.title ?? section.title}: saved`,
        }),
        refusal: (err) =>
          err instanceof AssessmentStateError
            ? { field: err.field, message: err.message, status: 409 }
            : null,
        notAllowedTitle: 'You cannot change this assessment',
      })
    }

    formRoute(app, {
      path: '/children/:id/assessments/:assessmentId/check',
      access: 'child.edit',
      subject: EDIT_ONE('check'),
      load: async (request: FastifyRequest) => {
        const childId = subjectId(request)
        const shown = await viewAssessment(deps, childId, subjectId(request, 'assessmentId'))
        return { ...shown, childId }
      },
      // The version the answers were checked at: sent without it, the page is out of date.
      schema: z.object({
        version: z.string({ error: 'Go back to the assessment and check the answers again' }),
      }),
      render: (_request, reply, { context, errors, status }) =>
        reply.code(status).view('modules/assessment/views/check.njk', {
          pageTitle: `Check the assessment before sending it: ${context.child.name}`,
          child: context.child,
          base: base(context.childId, context.assessment.id),
          version: context.assessment.version,
          title: context.title,
          rows: answerRows(
            context.assessment,
            context.assessment.status === 'in_progress' ? base(context.childId, context.assessment.id) : null,
            context.situation,
          ),
          missing: context.missing,
          status: context.assessment.status,
          ...errorView(errors),
        }),
      save: (request, _input, context) =>
        sendForAuthorisation(
          deps,
          requireUser(request),
          context.childId,
          context.assessment.id,
          postedVersion(request.body),
          request.auditContext,
        ),
      done: (_input, context) => ({
        to: base(context.childId, context.assessment.id),
        text: 'Assessment sent to a manager for authorisation',
      }),
      refusal: (err) =>
        err instanceof AssessmentStateError ? { field: 'form', message: err.message, status: 409 } : null,
      notAllowedTitle: 'You cannot send this assessment',
    })

    formRoute(app, {
      path: '/children/:id/assessments/:assessmentId/authorisation',
      access: 'child.allocate',
      subject: EDIT_ONE('authorisation'),
      load: async (request: FastifyRequest) => {
        const childId = subjectId(request)
        const shown = await viewAssessment(deps, childId, subjectId(request, 'assessmentId'))
        return { ...shown, childId }
      },
      schema: signOffDecisionSchema,
      render: (request, reply, { context, values, errors, status }) => {
        const shown = values ?? {}
        const mine = context.awaiting?.asked_by === requireUser(request).id
        return reply.code(status).view('modules/assessment/views/authorisation.njk', {
          pageTitle: `Authorise the assessment: ${context.child.name}`,
          child: context.child,
          base: base(context.childId, context.assessment.id),
          awaiting: context.awaiting,
          mine,
          rows: answerRows(context.assessment, null, context.situation),
          values: shown,
          oversightMin: OVERSIGHT_MIN,
          ...errorView(errors),
          outcomeChoice: shown.outcome,
        })
      },
      save: (request, decision, context) =>
        decideAssessment(
          deps,
          requireUser(request),
          context.childId,
          context.assessment.id,
          decision,
          request.auditContext,
        ),
      done: (_input, context, saved) => ({
        to: base(context.childId, context.assessment.id),
        text:
          saved.outcome === 'authorised'
            ? `Assessment authorised on ${longDay(saved.authorisedOn ?? '')}`
            : 'Assessment returned to the worker with your reason',
      }),
      refusal: (err) =>
        err instanceof AssessmentStateError ? { field: 'outcome', message: err.message, status: 409 } : null,
      notAllowedTitle: 'You cannot authorise this assessment',
    })
  }
}

/**
 * Early help's pages: the early help list (the front door's decisions waiting, the reader's
 * episodes), starting an episode (from the front door, or directly for a child), an episode with
 * its alerts, and its forms (the lead professional, the assessment, the team around the family,
 * meetings, the family plan). Thin: the platform has checked the child the URL names and audited;
 * the schema checks the answers; one service call saves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { longDate } from '../../platform/calendar/dates.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute, type FormErrors, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId, subjectOf, type RouteSubject } from '../../platform/http/subjects.js'
import { endedRefusal } from './closure-model.js'
import { episodeClosure } from './closure-service.js'
import {
  agencyText,
  allocateSchema,
  assessmentSchema,
  ATTENDANCE,
  interventionSchema,
  meetingSchema,
  memberLeavingSchema,
  memberSchema,
  objectiveSchema,
  ORIGINS,
  scoreSchema,
  SESSION_OUTCOMES,
  sessionSchema,
  startSchema,
  STATUSES,
  StepStateError,
} from './model.js'
import { STEP_UP_CONSENT, stepUpSchema } from './step-model.js'
import { episodeSteps, startFromStepDown, stepDownContext, stepUp, stepUpPreview } from './step-service.js'
import {
  addIntervention,
  addMeeting,
  addMember,
  removeMember,
  addObjective,
  allocateLead,
  directContext,
  earlyHelpList,
  EpisodeChangedError,
  frontDoorContext,
  leadChoices,
  recordMeeting,
  recordSession,
  saveAssessment,
  scoreObjective,
  startDirect,
  startFromFrontDoor,
  viewEpisode,
  type EarlyHelpDeps,
  type Step,
} from './service.js'

const ON_CHILD: RouteSubject = { kind: 'child', auditAction: 'earlyhelp.view' }
const EPISODE: RouteSubject = { kind: 'eh_episode', auditAction: 'earlyhelp.view' }
const V = 'modules/earlyhelp/views'

const changedMeanwhile = (field: string) => (err: unknown) =>
  err instanceof EpisodeChangedError
    ? { field, message: err.message }
    : err instanceof StepStateError
      ? { field: err.field, message: err.message, status: 409 as const }
      : null

function step(request: FastifyRequest, childId: number): Step {
  return { actor: requireUser(request), id: subjectId(request), childId, audit: request.auditContext }
}

/** The form is not this person's to use: say why, and link back (200: they may see the child). */
function cannot(reply: FastifyReply, title: string, reason: string, back: string) {
  return reply.view('platform/views/message.njk', {
    pageTitle: title,
    paragraphs: [reason],
    links: [{ href: back, text: 'Back' }],
  })
}

type Shown = Awaited<ReturnType<typeof viewEpisode>>

/** A form on an episode: its page, who may use it, its schema and its save. */
interface EpisodeForm<S extends z.ZodType, R> {
  path: string
  title: string
  template: string
  auditForm: string
  extraParams?: readonly string[]
  need: 'record' | 'allocate'
  schema: (shown: Shown, extra: Record<string, unknown>) => S
  /** What the form shows beyond the episode (the people offered, the row it is about). */
  extra?: (
    shown: Shown,
    request: FastifyRequest,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>
  initial?: (shown: Shown, extra: Record<string, unknown>) => KeptAnswers
  save: (request: FastifyRequest, input: z.output<S>, shown: Shown) => Promise<R>
  done: string
  anchor?: string
}

export function earlyHelpRoutes(deps: EarlyHelpDeps) {
  return async (app: FastifyInstance) => {
    function episodeForm<S extends z.ZodType, R>(form: EpisodeForm<S, R>) {
      formRoute(app, {
        path: form.path,
        access: 'child.view',
        subject: {
          ...EPISODE,
          auditDetail: { form: form.auditForm },
          ...(form.extraParams ? { extraParams: form.extraParams } : {}),
        },
        load: async (request: FastifyRequest) => {
          const shown = await viewEpisode(deps, requireUser(request), subjectId(request))
          return { shown, extra: form.extra ? await form.extra(shown, request) : {} }
        },
        schema: ({ shown, extra }) => form.schema(shown, extra),
        render: (_request, reply, { context: { shown, extra }, values, errors, status }) =>
          renderForm(reply, form, shown, extra, values, errors, status),
        save: (request, input, { shown }) => form.save(request, input as z.output<S>, shown),
        done: (_input, { shown }) => ({
          to: `/early-help/${shown.episode.id}${form.anchor ?? ''}`,
          text: form.done,
        }),
        refusal: changedMeanwhile(form.need === 'allocate' ? 'lead' : 'form'),
        notAllowedTitle: `You cannot ${form.title.toLowerCase()}`,
      })
    }

    function renderForm<S extends z.ZodType, R>(
      reply: FastifyReply,
      form: EpisodeForm<S, R>,
      shown: Shown,
      extra: Record<string, unknown>,
      values: KeptAnswers | null,
      errors: FormErrors,
      status: number,
    ) {
      if (!shown.rights[form.need])
        return cannot(
          reply,
          `You cannot ${form.title.toLowerCase()}`,
          shown.episode.status === 'ended'
            ? endedRefusal(shown.episode.ended_on)
            : form.need === 'allocate'
              ? 'Only the manager of the early help team holding this episode allocates its lead professional.'
              : 'Only the lead professional and the early help team holding this episode record on it.',
          `/early-help/${shown.episode.id}`,
        )
      return reply.code(status).view(`${V}/${form.template}`, {
        pageTitle: `${form.title}: ${shown.child.name}`,
        ...shown,
        ...extra,
        action: form.path
          .replace(':id', String(shown.episode.id))
          .replace(/:(\w+)/, (_m, k: string) => String(extra[k] ?? '')),
        values: values ?? form.initial?.(shown, extra) ?? {},
        ...errorView(errors),
        attendanceOptions: ATTENDANCE,
        sessionOutcomes: SESSION_OUTCOMES,
        consentItems: STEP_UP_CONSENT.map((c) => ({
          value: c.code,
          text: c.label,
          hint: { text: c.hint },
          checked: (values ?? {}).consent === c.code,
        })),
      })
    }

    app.get('/early-help', { config: { access: 'child.view' } }, async (request, reply) => {
      try {
        const list = await earlyHelpList(deps, requireUser(request), request.auditContext)
        return reply.view(`${V}/list.njk`, {
          pageTitle: 'Early help',
          ...list,
          awaiting: list.awaiting.map((a) => ({
            ...a,
            decidedText: a.decided_at ? longDate(a.decided_at.toISOString().slice(0, 10)) : '',
          })),
          episodes: list.episodes.map((e) => ({
            ...e,
            statusText: STATUSES[e.status],
            originText: ORIGINS[e.origin],
          })),
        })
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot see early help')
      }
    })

    const startRender =
      (action: (id: number) => string) =>
      (
        _request: FastifyRequest,
        reply: FastifyReply,
        {
          context,
          values,
          errors,
          status,
        }: {
          context: {
            child: { id: number; name: string }
            teams: { id: number; name: string }[]
            problem: string | null
            stepDown?: unknown
          }
          values: KeptAnswers | null
          errors: FormErrors
          status: number
        },
      ) => {
        if (context.problem)
          return cannot(reply, 'You cannot start this episode', context.problem, '/early-help')
        const shown = values ?? {}
        return reply.code(status).view(`${V}/start.njk`, {
          pageTitle: `Start early help: ${context.child.name}`,
          child: context.child,
          stepDown: context.stepDown ?? null,
          action: action(context.child.id),
          values: shown,
          ...errorView(errors),
          teamItems: context.teams.map((t) => ({
            value: String(t.id),
            text: t.name,
            checked: shown.team === String(t.id) || context.teams.length === 1,
          })),
        })
      }

    formRoute(app, {
      path: '/early-help/front-door/:id',
      access: 'child.allocate',
      subject: { kind: 'eh_front_door', auditAction: 'earlyhelp.view', auditDetail: { form: 'start' } },
      load: (request: FastifyRequest) => frontDoorContext(deps, requireUser(request), subjectId(request)),
      schema: ({ teams }) =>
        startSchema(
          teams.map((t) => t.id),
          deps.clock.now(),
        ),
      render: (request, reply, shown) =>
        startRender(() => `/early-help/front-door/${subjectId(request)}`)(request, reply, shown),
      save: (request, input) =>
        startFromFrontDoor(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, _context, id) => ({
        to: `/early-help/${id}`,
        text: 'Early help episode started. Allocate its lead professional.',
      }),
      refusal: changedMeanwhile('team'),
      notAllowedTitle: 'You cannot start this episode',
    })

    formRoute(app, {
      path: '/early-help/step-down/:id',
      access: 'child.allocate',
      subject: { kind: 'eh_step_down', auditAction: 'earlyhelp.view', auditDetail: { form: 'start' } },
      load: (request: FastifyRequest) => stepDownContext(deps, requireUser(request), subjectId(request)),
      schema: ({ teams }) =>
        startSchema(
          teams.map((t) => t.id),
          deps.clock.now(),
        ),
      render: (request, reply, shown) =>
        startRender(() => `/early-help/step-down/${subjectId(request)}`)(request, reply, shown),
      save: (request, input) =>
        startFromStepDown(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, _context, id) => ({
        to: `/early-help/${id}`,
        text: 'Early help episode started from the step-down, with the child in need plan’s outcomes. Allocate its lead professional.',
      }),
      refusal: changedMeanwhile('team'),
      notAllowedTitle: 'You cannot take up this step-down',
    })

    formRoute(app, {
      path: '/children/:id/early-help/new',
      access: 'child.view',
      subject: { ...ON_CHILD, auditDetail: { form: 'start' } },
      load: (request: FastifyRequest) => directContext(deps, requireUser(request), subjectId(request)),
      schema: ({ teams }) =>
        startSchema(
          teams.map((t) => t.id),
          deps.clock.now(),
        ),
      render: startRender((id) => `/children/${id}/early-help/new`),
      save: (request, input) =>
        startDirect(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, _context, id) => ({ to: `/early-help/${id}`, text: 'Early help episode started.' }),
      notAllowedTitle: 'You cannot start this episode',
    })

    app.get(
      '/early-help/:id',
      { config: { access: 'child.view', subject: EPISODE } },
      async (request, reply) => {
        const shown = await viewEpisode(deps, requireUser(request), subjectId(request))
        return reply.view(`${V}/episode.njk`, {
          pageTitle: `Early help: ${shown.child.name}`,
          ...shown,
          ...(await episodeSteps(deps, shown.episode)),
          statusText: STATUSES[shown.episode.status],
          originText: ORIGINS[shown.episode.origin],
          leadAgencyText: agencyText(shown.episode.lead_agency),
          attendanceText: Object.fromEntries(ATTENDANCE.map((a) => [a.code, a.label])),
          sessionText: Object.fromEntries(SESSION_OUTCOMES.map((a) => [a.code, a.label])),
          closure: await episodeClosure(deps, requireUser(request), shown.episode.id),
        })
      },
    )

    const now = () => deps.clock.now()
    const numberParam = (request: FastifyRequest, name: string) => subjectOf(request).ids[name] as number

    episodeForm({
      path: '/early-help/:id/allocation',
      title: 'Allocate the lead professional',
      template: 'allocate.njk',
      auditForm: 'allocation',
      need: 'allocate',
      extra: async () => ({ leads: await leadChoices(deps) }),
      schema: (_shown, extra) => allocateSchema((extra.leads as { id: number }[]).map((l) => l.id)),
      initial: (shown) => ({
        lead: shown.episode.lead_user_id ? String(shown.episode.lead_user_id) : '',
        version: String(shown.episode.version),
      }),
      save: (request, input, shown) => allocateLead(deps, step(request, shown.episode.child_id), input),
      done: 'Lead professional allocated.',
    })

    episodeForm({
      path: '/early-help/:id/assessment',
      title: 'Early help assessment',
      template: 'assessment.njk',
      auditForm: 'assessment',
      need: 'record',
      schema: (shown) => assessmentSchema(now(), shown.episode.started_on),
      initial: (shown) => ({
        needs: shown.assessment?.needs ?? '',
        strengths: shown.assessment?.strengths ?? '',
        childVoice: shown.assessment?.child_voice ?? '',
        familyView: shown.assessment?.family_view ?? '',
      }),
      save: (request, input, shown) => saveAssessment(deps, step(request, shown.episode.child_id), input),
      done: 'Early help assessment saved.',
      anchor: '#assessment',
    })

    episodeForm({
      path: '/early-help/:id/members/new',
      title: 'Add to the team around the family',
      template: 'member.njk',
      auditForm: 'member',
      need: 'record',
      extra: async () => ({ leads: await leadChoices(deps) }),
      schema: (_shown, extra) => memberSchema((extra.leads as { id: number }[]).map((l) => l.id)),
      save: (request, input, shown) => addMember(deps, step(request, shown.episode.child_id), input),
      done: 'Member added to the team around the family.',
      anchor: '#taf',
    })

    episodeForm({
      path: '/early-help/:id/members/:memberId/leave',
      title: 'Record that a member has left the team around the family',
      template: 'member-leaves.njk',
      auditForm: 'member_leaves',
      extraParams: ['memberId'],
      need: 'record',
      extra: (shown, request) => {
        const member = shown.members.find((m) => m.id === numberParam(request, 'memberId'))
        if (!member) throw new NotFoundError('No such member of the team')
        return { member, memberId: member.id }
      },
      schema: () => memberLeavingSchema,
      save: (request, input, shown) =>
        removeMember(deps, step(request, shown.episode.child_id), numberParam(request, 'memberId'), input),
      done: 'Recorded that they have left the team around the family.',
      anchor: '#taf',
    })

    episodeForm({
      path: '/early-help/:id/meetings/new',
      title: 'Record a team around the family meeting',
      template: 'meeting.njk',
      auditForm: 'meeting',
      need: 'record',
      extra: () => ({ askDate: true, meetingId: '' }),
      schema: (shown) =>
        meetingSchema(
          shown.members.map((m) => m.id),
          now(),
          true,
          shown.episode.started_on,
        ),
      save: (request, input, shown) => addMeeting(deps, step(request, shown.episode.child_id), input),
      done: 'Meeting recorded.',
      anchor: '#meetings',
    })

    episodeForm({
      path: '/early-help/:id/meetings/:meetingId',
      title: 'Record what happened at the meeting',
      template: 'meeting.njk',
      auditForm: 'meeting_record',
      extraParams: ['meetingId'],
      need: 'record',
      extra: (shown, request) => {
        const meeting = shown.meetings.find((m) => m.id === numberParam(request, 'meetingId'))
        if (!meeting) throw new NotFoundError('No such meeting')
        return { askDate: false, meeting, meetingId: meeting.id, heldText: longDate(meeting.held_on) }
      },
      schema: (shown) =>
        meetingSchema(
          shown.members.map((m) => m.id),
          now(),
          false,
          shown.episode.started_on,
        ),
      save: (request, input, shown) =>
        recordMeeting(deps, step(request, shown.episode.child_id), numberParam(request, 'meetingId'), input),
      done: 'Meeting recorded.',
      anchor: '#meetings',
    })

    episodeForm({
      path: '/early-help/:id/step-up',
      title: 'Step up to children’s social care',
      template: 'step-up.njk',
      auditForm: 'step_up',
      need: 'record',
      extra: async (shown) => {
        const preview = await stepUpPreview(deps, shown)
        return { carried: preview.carried, waitingContact: preview.waiting?.contact_id ?? null }
      },
      schema: () => stepUpSchema,
      save: (request, input, shown) => stepUp(deps, step(request, shown.episode.child_id), input),
      done: 'Sent to the front door, with the episode so far. The episode stays open until it decides.',
      anchor: '#social-care',
    })

    episodeForm({
      path: '/early-help/:id/objectives/new',
      title: 'Add an objective to the family plan',
      template: 'objective.njk',
      auditForm: 'objective',
      need: 'record',
      schema: () => objectiveSchema,
      save: (request, input, shown) => addObjective(deps, step(request, shown.episode.child_id), input),
      done: 'Objective added to the family plan.',
      anchor: '#plan',
    })

    episodeForm({
      path: '/early-help/:id/objectives/:objectiveId/score',
      title: 'Score an objective',
      template: 'score.njk',
      auditForm: 'score',
      extraParams: ['objectiveId'],
      need: 'record',
      extra: (shown, request) => {
        const objective = shown.objectives.find((o) => o.id === numberParam(request, 'objectiveId'))
        if (!objective) throw new NotFoundError('No such objective')
        return { objective, objectiveId: objective.id }
      },
      schema: () => scoreSchema(now()),
      save: (request, input, shown) =>
        scoreObjective(
          deps,
          step(request, shown.episode.child_id),
          numberParam(request, 'objectiveId'),
          input,
        ),
      done: 'Score recorded.',
      anchor: '#plan',
    })

    episodeForm({
      path: '/early-help/:id/interventions/new',
      title: 'Plan a family support intervention',
      template: 'intervention.njk',
      auditForm: 'intervention',
      need: 'record',
      schema: () => interventionSchema(now()),
      save: (request, input, shown) => addIntervention(deps, step(request, shown.episode.child_id), input),
      done: 'Intervention planned.',
      anchor: '#plan',
    })

    episodeForm({
      path: '/early-help/:id/interventions/:interventionId/sessions',
      title: 'Record a session',
      template: 'session.njk',
      auditForm: 'session',
      extraParams: ['interventionId'],
      need: 'record',
      extra: (shown, request) => {
        const intervention = shown.interventions.find((i) => i.id === numberParam(request, 'interventionId'))
        if (!intervention) throw new NotFoundError('No such intervention')
        return { intervention, interventionId: intervention.id }
      },
      schema: () => sessionSchema(now()),
      save: (request, input, shown) =>
        recordSession(
          deps,
          step(request, shown.episode.child_id),
          numberParam(request, 'interventionId'),
          input,
        ),
      done: 'Session recorded.',
      anchor: '#plan',
    })
  }
}

/**
 * The independent visitor's forms and the care page's section: the assessment, the request and
 * match, a visit and the end, under `/children/:id/care/independent-visitor`. Thin: the platform
 * has checked the child the URL names and audited; the schema checks the answers; one service
 * call saves, and its refusal comes back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser, type CurrentUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { allow, type ChildRecord } from '../../platform/permissions/allow.js'
import { arrangementSchema, assessmentSchema, endSchema, visitSchema } from './independent-visitor-model.js'
import {
  independentVisitorSection,
  recordArrangement,
  recordAssessment,
  recordEnd,
  recordVisit,
  type IndependentVisitorSection,
} from './independent-visitor-service.js'
import { dayValues } from './model.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import {
  named,
  carePath,
  careStateRefusal as refusal,
  careForm as form,
  careFormView,
  type CareFormPage,
} from './route-parts.js'

const FORM = 'modules/care/views/independent-visitor-form.njk'

/** The state the forms and the section read: the latest record of the open period, if any. */
function stateOf(record: CareRecord, section: IndependentVisitorSection) {
  const latest = record.open ? section.find((a) => a.period_id === record.open?.id) : undefined
  const live = latest !== undefined && latest.needed && latest.ended_on === null ? latest : null
  return { latest, live, matched: live !== null && live.matched_on !== null }
}

/** The care page's section, or null for a child never looked after. */
export async function independentVisitorView(
  deps: CareDeps,
  user: CurrentUser,
  child: ChildRecord | undefined,
  record: CareRecord,
) {
  const section = await independentVisitorSection(deps, record.child.id)
  if (!record.open && section.length === 0) return null
  const { live, matched } = stateOf(record, section)
  const canEdit =
    record.open !== null && child !== undefined && allow(user, 'child.edit', child, deps.clock.now()).allowed
  return {
    list: section.map((a) => {
      const need = a.needed ? 'Needs an independent visitor' : 'Does not need an independent visitor'
      const on = (d: string | null, none: string) => (d ? longDate(d) : none)
      const last = a.visits[0]
      const rows = [
        [
          'Assessed',
          `${longDate(a.assessed_on)}: ${need}${a.assessment_note ? `. ${a.assessment_note}` : ''}`,
        ],
        ...(a.needed
          ? [
              ['Requested', on(a.requested_on, 'Not yet')],
              [
                'Independent visitor',
                a.matched_on
                  ? `${a.visitor_name ?? ''}, matched ${longDate(a.matched_on)}`
                  : 'Not matched yet',
              ],
              [
                'Visits',
                last
                  ? `${a.visits.length} recorded, the last on ${longDate(last.visited_on)}`
                  : 'None recorded',
              ],
              ['Ended', a.ended_on ? `${longDate(a.ended_on)}: ${a.end_reason ?? ''}` : 'No'],
            ]
          : []),
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } }))
      return { id: a.id, rows, visits: a.visits.map((v) => ({ visitedOn: v.visited_on, note: v.note })) }
    }),
    canAssess: canEdit && live === null,
    canArrange: canEdit && live !== null,
    canVisit: canEdit && matched,
    canEnd: canEdit && live !== null,
    arrangeText: live?.requested_on ? 'Record or correct the match' : 'Record the request',
  }
}

type Load = { record: CareRecord; section: IndependentVisitorSection }

export function independentVisitorRoutes(deps: CareDeps) {
  const load = async (request: FastifyRequest): Promise<Load> => {
    const record = await careRecord(deps, subjectId(request))
    return { record, section: await independentVisitorSection(deps, record.child.id) }
  }
  const today = () => londonToday(deps.clock.now())
  const notNow = (reply: FastifyReply, record: CareRecord, title: string, paragraph: string) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: title,
      paragraphs: [paragraph],
      links: [
        { href: `${carePath(record.child.id)}#independent-visitor`, text: 'See the child’s care record' },
      ],
    })
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    notNow(
      reply,
      record,
      `${named(record.child)} is not looked after`,
      'The independent visitor is recorded while the child is looked after.',
    )
  const shown = (reply: FastifyReply, status: number, record: CareRecord, page: CareFormPage) =>
    reply.code(status).view(FORM, { ...careFormView(record.child, page, '#independent-visitor') })
  const done =
    (text: string) =>
    (_i: unknown, { record }: Load) => ({
      to: `${carePath(record.child.id)}#independent-visitor`,
      text,
    })
  const common = { load, refusal, notAllowedTitle: 'You cannot change this child’s care record' }
  const base = '/children/:id/care/independent-visitor'

  return async (app: FastifyInstance) => {
    formRoute(app, {
      ...common,
      path: base,
      access: 'child.edit',
      subject: form('independent_visitor'),
      schema: () => assessmentSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        if (stateOf(record, section).live)
          return notNow(
            reply,
            record,
            `${named(record.child)} has an independent visitor arranged`,
            'Record the end of the arrangement before a new assessment.',
          )
        const v = values ?? dayValues('assessed', today())
        return shown(reply, status, record, {
          kind: 'assessment',
          title: 'Does the child need an independent visitor?',
          action: 'independent-visitor',
          button: 'Save the assessment',
          values: v,
          errors,
        })
      },
      save: (request, input) =>
        recordAssessment(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: done('Assessment recorded'),
      submission: { already: 'This assessment was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      ...common,
      path: `${base}/arrangement`,
      access: 'child.edit',
      subject: form('independent_visitor_arrangement'),
      schema: () => arrangementSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const { live } = stateOf(record, section)
        if (!live)
          return notNow(
            reply,
            record,
            `${named(record.child)} has no independent visitor to arrange`,
            'Record that the child needs an independent visitor first.',
          )
        const v: KeptAnswers = values ?? {
          ...dayValues('requested', live.requested_on ?? today()),
          ...(live.matched_on ? dayValues('matched', live.matched_on) : {}),
          visitorName: live.visitor_name ?? '',
        }
        return shown(reply, status, record, {
          kind: 'arrangement',
          title: 'Independent visitor: the request and the match',
          action: 'independent-visitor/arrangement',
          button: 'Save',
          values: v,
          errors,
        })
      },
      save: (request, input) =>
        recordArrangement(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, { record }) => ({
        to: `${carePath(record.child.id)}#independent-visitor`,
        text: input.matchedOn ? 'Independent visitor matched' : 'Request recorded',
      }),
    })

    formRoute(app, {
      ...common,
      path: `${base}/visit`,
      access: 'child.edit',
      subject: form('independent_visitor_visit'),
      schema: () => visitSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        if (!stateOf(record, section).matched)
          return notNow(
            reply,
            record,
            `${named(record.child)} has no independent visitor matched`,
            'Record the match before the visits.',
          )
        return shown(reply, status, record, {
          kind: 'visit',
          title: 'Record a visit by the independent visitor',
          action: 'independent-visitor/visit',
          button: 'Save the visit',
          values: values ?? dayValues('visited', today()),
          errors,
        })
      },
      save: (request, input) =>
        recordVisit(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: done('Visit recorded'),
      submission: { already: 'This visit was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      ...common,
      path: `${base}/end`,
      access: 'child.edit',
      subject: form('independent_visitor_end'),
      schema: () => endSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        if (!stateOf(record, section).live)
          return notNow(
            reply,
            record,
            `${named(record.child)} has no independent visitor arranged`,
            'There is nothing to end.',
          )
        return shown(reply, status, record, {
          kind: 'end',
          title: 'End the independent visitor',
          action: 'independent-visitor/end',
          button: 'Save the end',
          values: values ?? dayValues('ended', today()),
          errors,
        })
      },
      save: (request, input) =>
        recordEnd(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: done('Independent visitor ended'),
    })
  }
}

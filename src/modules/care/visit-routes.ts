/**
 * The form that records a statutory visit to a looked-after child. Thin: the platform has checked
 * the child the URL names and audited; the schema checks the answers; one service call saves, and
 * its refusal (a date outside the placements a visit may be in) comes back on its field with
 * nothing saved.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { londonToday } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import { LOCATIONS, longTermSchema, visitSchema } from './visit-model.js'
import { agreeLongTerm, recordVisit, visitsSection } from './visit-service.js'
import { named, carePath, careStateRefusal as refusal, careForm as form } from './route-parts.js'

/** The care page's section on visits: the next due, the Pledge's figure and each visit in words. */
export async function visitsView(deps: CareDeps, record: CareRecord, calendar: WorkingCalendar) {
  const section = await visitsSection(deps, record.child.id, record.open?.id ?? null, record.tasks)
  if (section.visits.length === 0 && !record.open) return null
  return {
    next: section.next && {
      title: section.next.title,
      due: describeDue(section.next.due_at, deps.clock.now(), calendar),
    },
    pledge: section.pledge,
    longTermAgreedOn: section.longTermAgreedOn,
    visits: section.visits.map((v) => ({
      ...v,
      where:
        v.location === 'elsewhere'
          ? `${LOCATIONS.elsewhere}: ${v.location_detail ?? ''}`
          : LOCATIONS.placement,
      seenText: v.child_seen ? 'Yes' : `No: ${v.not_seen_reason ?? ''}`,
      seenAloneText: v.child_seen ? (v.seen_alone ? 'Yes' : 'No') : 'Not seen',
    })),
  }
}

export function careVisitRoutes(deps: CareDeps) {
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: ['Visits and the placement’s plans are recorded while the child is looked after.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/visit',
      access: 'child.edit',
      subject: form('visit'),
      load: (request) => careRecord(deps, subjectId(request)),
      schema: () => visitSchema(deps.clock.now()),
      render: (request, reply, { context: record, values, errors, status }) => {
        const childName = named(record.child)
        if (!record.open) return notInCare(reply, record)
        const [y, m, d] = londonToday(deps.clock.now()).split('-')
        const v: KeptAnswers = {
          'visited-day': String(Number(d)),
          'visited-month': String(Number(m)),
          'visited-year': y ?? '',
          visitedBy: requireUser(request).displayName,
          ...(values ?? {}),
        }
        const yesNo = (name: string) => [
          { value: 'yes', text: 'Yes', checked: v[name] === 'yes' },
          { value: 'no', text: 'No', checked: v[name] === 'no' },
        ]
        return reply.code(status).view('modules/care/views/visit-form.njk', {
          pageTitle: `Record a statutory visit: ${childName}`,
          childName,
          action: `${carePath(record.child.id)}/visit`,
          backPath: carePath(record.child.id),
          values: v,
          seenAloneItems: yesNo('seenAlone'),
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordVisit(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({ to: carePath(record.child.id), text: 'Statutory visit recorded' }),
      refusal,
      notAllowedTitle: 'You cannot record a visit to this child',
      submission: { already: 'This visit was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/long-term',
      access: 'child.edit',
      subject: form('long_term'),
      load: (request) => careRecord(deps, subjectId(request)),
      schema: () => longTermSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        const current = record.current
        if (!record.open || !current) return notInCare(reply, record)
        const [y, m, d] = londonToday(deps.clock.now()).split('-')
        const childName = named(record.child)
        return reply.code(status).view('modules/care/views/long-term-form.njk', {
          pageTitle: `Record a long-term placement: ${childName}`,
          childName,
          action: `${carePath(record.child.id)}/long-term`,
          backPath: carePath(record.child.id),
          placementStart: current.placementStart,
          values: {
            'agreed-day': String(Number(d)),
            'agreed-month': String(Number(m)),
            'agreed-year': y ?? '',
            ...(values ?? {}),
          },
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        agreeLongTerm(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({ to: carePath(record.child.id), text: 'Placement recorded as long-term' }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })
  }
}

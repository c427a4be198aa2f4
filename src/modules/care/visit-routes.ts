/**
 * The form that records a statutory visit to a looked-after child. Thin: the platform has checked
 * the child the URL names and audited; the schema checks the answers; one service call saves, and
 * its refusal (a date outside the placements a visit may be in) comes back on its field with
 * nothing saved.
 */
import type { FastifyInstance } from 'fastify'
import { londonToday } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { careRecord, CareStateError, type CareDeps, type CareRecord } from './service.js'
import { LOCATIONS, visitSchema } from './visit-model.js'
import { recordVisit, visitsSection } from './visit-service.js'

const SUBJECT: RouteSubject = { kind: 'child', auditAction: 'care.view', auditDetail: { form: 'visit' } }
const named = (c: { given_name: string; family_name: string }) => `${c.given_name} ${c.family_name}`
const carePath = (childId: number) => `/children/${childId}/care`

/** The care page's section on visits: the next due, the Pledge's figure and each visit in words. */
export async function visitsView(deps: CareDeps, record: CareRecord, calendar: WorkingCalendar) {
  const section = await visitsSection(deps, record.child.id, record.tasks)
  if (section.visits.length === 0 && !record.open) return null
  return {
    next: section.next && {
      title: section.next.title,
      due: describeDue(section.next.due_at, deps.clock.now(), calendar),
    },
    pledge: section.pledge,
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
  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/visit',
      access: 'child.edit',
      subject: SUBJECT,
      load: (request) => careRecord(deps, subjectId(request)),
      schema: () => visitSchema(deps.clock.now()),
      render: (request, reply, { context: record, values, errors, status }) => {
        const childName = named(record.child)
        if (!record.open)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: `${childName} is not looked after`,
            paragraphs: ['A statutory visit is recorded while the child is looked after.'],
            links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
          })
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
      refusal: (err) => (err instanceof CareStateError ? { field: err.field, message: err.message } : null),
      notAllowedTitle: 'You cannot record a visit to this child',
      submission: { already: 'This visit was already recorded', link: 'See the child’s care record' },
    })
  }
}

/**
 * The emergency duty team's pages: its recent records, a new record, one record, and the MASH's
 * one-step "make a contact" from a record.
 */
import type { FastifyInstance } from 'fastify'
import { londonToday } from '../../platform/calendar/dates.js'
import { errorView, formRoute } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { CONSENT, labelOf, REFERRAL_SOURCES } from './model.js'
import { OUT_OF_HOURS_CHILDREN, OUT_OF_HOURS_FIELD_IDS, outOfHoursSchema } from './out-of-hours-model.js'
import {
  makeContactFromOutOfHours,
  outOfHoursForTeam,
  recordOutOfHours,
  viewOutOfHours,
} from './out-of-hours-service.js'
import { guarded, items } from './route-views.js'
import type { FrontdoorDeps } from './service-support.js'

const OUT_OF_HOURS = { kind: 'out_of_hours_record', auditAction: 'out_of_hours.view' }

export function outOfHoursRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  app.get('/out-of-hours', { config: { access: 'out_of_hours.record' } }, async (request, reply) =>
    guarded(reply, async () => {
      const rows = await outOfHoursForTeam(deps, requireUser(request))
      return reply.view('modules/frontdoor/views/out-of-hours-list.njk', {
        pageTitle: 'Out-of-hours work',
        rows: rows.map((r) => ({ ...r, source: labelOf(REFERRAL_SOURCES, r.referral_source) })),
      })
    }),
  )

  formRoute(app, {
    path: '/out-of-hours/new',
    access: 'out_of_hours.record',
    load: () => ({}),
    schema: () => outOfHoursSchema(londonToday(deps.clock.now()), deps.clock.now()),
    fieldIds: OUT_OF_HOURS_FIELD_IDS,
    render: (_request, reply, { values, errors, status }) => {
      const shown = values ?? {}
      return reply.code(status).view('modules/frontdoor/views/out-of-hours-new.njk', {
        pageTitle: 'Record out-of-hours work',
        values: shown,
        ...errorView(errors),
        childRows: Array.from({ length: OUT_OF_HOURS_CHILDREN }, (_, i) => i + 1),
        sourceItems: [
          { value: '', text: 'Select who called' },
          ...REFERRAL_SOURCES.map((s) => ({
            value: s.code,
            text: s.label,
            selected: shown.referralSource === s.code,
          })),
        ],
        consentItems: CONSENT.map((c) => ({
          value: c.code,
          text: c.label,
          hint: { text: c.hint },
          checked: shown.consent === c.code,
        })),
        yesNo: (name: string) =>
          items(
            [
              { code: 'yes', label: 'Yes' },
              { code: 'no', label: 'No' },
            ],
            shown[name],
          ),
      })
    },
    save: (request, answers) => recordOutOfHours(deps, requireUser(request), answers, request.auditContext),
    done: (answers, _c, id) => ({
      to: `/out-of-hours/${id}`,
      text: `Out-of-hours record made about ${answers.children.map((c) => c.name).join(' and ')}. The MASH sees it on its queue the next morning.`,
    }),
  })

  app.get(
    '/out-of-hours/:id',
    { config: { access: ['out_of_hours.record', 'contact.triage'], subject: OUT_OF_HOURS } },
    async (request, reply) =>
      guarded(reply, async () => {
        const { record, canMakeContact } = await viewOutOfHours(
          deps,
          requireUser(request),
          subjectId(request),
        )
        return reply.view('modules/frontdoor/views/out-of-hours-record.njk', {
          pageTitle: 'Out-of-hours record',
          record,
          source: labelOf(REFERRAL_SOURCES, record.referral_source),
          consent: labelOf(CONSENT, record.consent),
          canMakeContact,
        })
      }),
  )

  const make = {
    access: 'contact.triage' as const,
    subject: { ...OUT_OF_HOURS, auditAction: 'out_of_hours.contact' },
  }
  app.post('/out-of-hours/:id/contact', { config: make }, async (request, reply) =>
    guarded(reply, async () => {
      const user = requireUser(request)
      const done = await makeContactFromOutOfHours(deps, user, subjectId(request), request.auditContext)
      return reply.redirectWithMessage(
        `/contacts/${done.contactId}`,
        done.made
          ? 'Contact made from the emergency duty team’s record. Find each child’s record to start triage.'
          : 'This record was already made into this contact.',
      )
    }),
  )
}

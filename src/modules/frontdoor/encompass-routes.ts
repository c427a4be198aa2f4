/**
 * Operation Encompass's record: who told the child's school, whom, when and how. The form sits on
 * the triage page and posts here; with a problem it comes back on a page of its own.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { dateFromParts, londonInstant } from '../../platform/calendar/dates.js'
import { formRoute, longAnswer, shortAnswer, errorView } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { SCHOOL_NOTICE_METHODS, recordSchoolNotice, viewSchoolNotice } from './encompass-service.js'
import { contactChildRoute, FRONT_DOOR, items } from './route-views.js'
import { ContactStateError, NotFoundError, type FrontdoorDeps } from './service.js'

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/

export const schoolNoticeSchema = z
  .object({
    school: shortAnswer('School', 'Enter the name of the school'),
    toldPerson: shortAnswer('Who you told', 'Enter who you told at the school, with their role'),
    'told-day': z.string().trim().default(''),
    'told-month': z.string().trim().default(''),
    'told-year': z.string().trim().default(''),
    'told-time': z.string().trim().default(''),
    method: z.enum(SCHOOL_NOTICE_METHODS.map((m) => m.code) as [string, ...string[]], {
      error: 'Select how you told the school',
    }),
    noticeNote: longAnswer('Note'),
  })
  .transform((v, ctx) => {
    const date = dateFromParts(v['told-day'], v['told-month'], v['told-year'])
    if (date === null)
      ctx.addIssue({
        code: 'custom',
        path: ['told-day'],
        message: 'Date you told the school must be a real date',
      })
    const time = TIME.exec(v['told-time'])
    if (time === null)
      ctx.addIssue({
        code: 'custom',
        path: ['told-time'],
        message: 'Enter the time you told the school, like 8:15',
      })
    if (date === null || time === null) return z.NEVER
    return {
      school: v.school,
      toldPerson: v.toldPerson,
      toldAt: londonInstant(date, `${time[1]?.padStart(2, '0')}:${time[2]}`),
      method: v.method as (typeof SCHOOL_NOTICE_METHODS)[number]['code'],
      note: v.noticeNote === '' ? null : v.noticeNote,
    }
  })

const FIELD_IDS = { 'told-day': 'told-day' }

export function encompassRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  formRoute(app, {
    path: '/contacts/:id/children/:ccid/school-notice',
    access: FRONT_DOOR,
    subject: { kind: 'contact_child', action: 'child.view', auditAction: 'contact.triage.view' },
    load: async (request) => {
      const ids = contactChildRoute(request)
      const { notice } = await viewSchoolNotice(deps, ids.contactChildId)
      if (notice !== null) throw new NotFoundError('Already recorded')
      return ids
    },
    schema: schoolNoticeSchema,
    fieldIds: FIELD_IDS,
    render: (_request, reply, { context, values, errors, status }) =>
      reply.code(status).view('modules/frontdoor/views/school-notice.njk', {
        pageTitle: 'Record that the school was told',
        triage: `/contacts/${context.contactId}/children/${context.contactChildId}`,
        values: values ?? {},
        methodItems: items(SCHOOL_NOTICE_METHODS, values?.method),
        ...errorView(errors),
      }),
    save: (request, notice, { contactChildId }) =>
      recordSchoolNotice(deps, requireUser(request), contactChildId, notice, request.auditContext),
    done: (_answers, { contactId, contactChildId }) => ({
      to: `/contacts/${contactId}/children/${contactChildId}`,
      text: 'Recorded that the school was told',
    }),
    refusal: (err) => (err instanceof ContactStateError ? { field: err.field, message: err.message } : null),
  })
}

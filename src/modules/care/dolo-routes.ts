/**
 * The forms of a child's deprivation of liberty orders on their care page: record an order (or
 * the end of the one in force), and delete one recorded in error with the reason. Thin: the
 * platform has checked the child the URL names and audited; the schema checks the answers; one
 * service call saves, and its refusal comes back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { formRoute, queryAnswers, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { doloDeleteSchema, doloSchema } from './dolo-model.js'
import { deleteDolo, doloSection, recordDolo, type DoloSection } from './dolo-service.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import {
  carePath,
  careStateRefusal as refusal,
  careForm as form,
  careFormView,
  named,
} from './route-parts.js'

const FORM = 'modules/care/views/dolo-form.njk'

/** The care page's section on the orders, in words. */
export async function doloView(deps: CareDeps, record: CareRecord) {
  const s = await doloSection(deps, record.child.id)
  if (!record.open && s.dolos.length === 0) return null
  return {
    open: s.open,
    dolos: s.dolos.map((d) => ({
      ...d,
      endText: d.end_date ? longDate(d.end_date) : 'In force',
      recordedText: `${d.recordedBy ?? 'Unknown'}, ${longDate(londonToday(d.recorded_at))}`,
      deletedText: d.deleted_at
        ? `Deleted by ${d.deletedBy ?? 'unknown'} on ${longDate(londonToday(d.deleted_at))}: ${d.deleted_reason ?? ''}`
        : null,
    })),
  }
}

type Load = { record: CareRecord; section: DoloSection }

export function careDoloRoutes(deps: CareDeps) {
  const load = async (request: FastifyRequest): Promise<Load> => {
    const record = await careRecord(deps, subjectId(request))
    return { record, section: await doloSection(deps, record.child.id) }
  }
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: ['Deprivation of liberty orders are recorded while the child is looked after.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/dolo',
      access: 'child.edit',
      subject: form('dolo'),
      load,
      schema: ({ section }) => doloSchema(deps.clock.now(), section.open !== null),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const open = section.open
        const v: KeptAnswers = values ?? {}
        return reply.code(status).view(FORM, {
          ...careFormView(
            record.child,
            {
              kind: open ? 'dolo-end' : 'dolo',
              title: open
                ? 'Record the end of the deprivation of liberty order'
                : 'Record a deprivation of liberty order',
              action: 'dolo',
              button: open ? 'Save the end' : 'Save the order',
              values: v,
              errors,
            },
            '#dolo',
          ),
          openText: open && `Order in force since ${longDate(open.start_date)}`,
          periodStart: record.open.start_date,
        })
      },
      save: (request, input) =>
        recordDolo(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, { record }) => ({
        to: `${carePath(record.child.id)}#dolo`,
        text: input.start === null ? 'End of the order recorded' : 'Deprivation of liberty order recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })

    formRoute(app, {
      path: '/children/:id/care/dolo/delete',
      access: 'child.edit',
      subject: form('dolo_delete'),
      load,
      schema: doloDeleteSchema,
      render: (request, reply, { context: { record, section }, values, errors, status }) => {
        const asked = values?.doloId ?? queryAnswers(request).dolo
        const dolo = section.dolos.find((d) => String(d.id) === asked && d.deleted_at === null)
        const v: KeptAnswers = { ...(values ?? {}), doloId: dolo ? String(dolo.id) : '' }
        return reply.code(status).view(FORM, {
          ...careFormView(
            record.child,
            {
              kind: 'dolo-delete',
              title: 'Delete a deprivation of liberty order',
              action: 'dolo/delete',
              button: 'Delete the order',
              values: v,
              errors,
            },
            '#dolo',
          ),
          doloText: dolo
            ? `The order made ${longDate(dolo.start_date)}${dolo.end_date ? `, ended ${longDate(dolo.end_date)}` : ', in force'}`
            : null,
        })
      },
      save: (request, input) =>
        deleteDolo(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, { record }) => ({
        to: `${carePath(record.child.id)}#dolo`,
        text: 'Deprivation of liberty order deleted',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })
  }
}

/**
 * Care proceedings' forms and the care page's section: the application, a hearing, an extension
 * of the timetable and the conclusion, under `/children/:id/care/proceedings`, and where the
 * worklist's task leads (`/care-proceedings/:id`). Thin: the platform has checked the child the
 * URL names and audited; the schema checks the answers; one service call saves, and its refusal
 * comes back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { formRoute } from '../../platform/http/form.js'
import { requireUser, type CurrentUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { allow, type ChildRecord } from '../../platform/permissions/allow.js'
import { dayValues } from './model.js'
import {
  applicationSchema,
  conclusionSchema,
  extensionSchema,
  FINAL_ORDERS,
  HEARING_KINDS,
  HEARING_ORDERS,
  PROCEEDINGS_SUBJECT,
  hearingSchema,
  timetableEnd,
  type Option,
} from './proceedings-model.js'
import {
  proceedingsSection,
  recordApplication,
  recordConclusion,
  recordExtension,
  recordHearing,
} from './proceedings-service.js'
import { extensionsOf, openProceedings } from './proceedings-store.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import {
  named,
  carePath,
  careStateRefusal as refusal,
  careForm as form,
  careFormView,
  type CareFormPage,
} from './route-parts.js'

const FORM = 'modules/care/views/proceedings-form.njk'
const radios = (list: readonly Option[], chosen: unknown) =>
  list.map((o) => ({ value: o.code, text: o.label, checked: chosen === o.code }))

/** The care page's section, with the links the reader may use. */
export async function proceedingsView(
  deps: CareDeps,
  user: CurrentUser,
  child: ChildRecord | undefined,
  record: CareRecord,
) {
  const list = await proceedingsSection(deps, record.child.id)
  const canEdit = child !== undefined && allow(user, 'child.edit', child, deps.clock.now()).allowed
  return {
    list,
    open: list.find((p) => p.open) ?? null,
    canEdit,
    // The legal status is changed on the care module's own form, while the child is looked after.
    canChangeLegalStatus: canEdit && record.open !== null,
  }
}

type Load = { record: CareRecord; open: Awaited<ReturnType<typeof openProceedings>> }

export function proceedingsRoutes(deps: CareDeps) {
  const load = async (request: FastifyRequest): Promise<Load> => {
    const record = await careRecord(deps, subjectId(request))
    return { record, open: await openProceedings(deps.db, record.child.id) }
  }
  const notNow = (reply: FastifyReply, record: CareRecord, title: string, paragraph: string) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: title,
      paragraphs: [paragraph],
      links: [{ href: `${carePath(record.child.id)}#proceedings`, text: 'See the child’s care record' }],
    })
  const noneOpen = (reply: FastifyReply, record: CareRecord) =>
    notNow(
      reply,
      record,
      `${named(record.child)} has no care proceedings open`,
      'Record the application before its hearings, extensions or conclusion.',
    )
  const shown = (
    reply: FastifyReply,
    status: number,
    record: CareRecord,
    page: CareFormPage,
    extra: Record<string, unknown>,
  ) => reply.code(status).view(FORM, { ...careFormView(record.child, page, '#proceedings'), ...extra })
  const done =
    (text: string) =>
    (_i: unknown, { record }: Load) => ({
      to: `${carePath(record.child.id)}#proceedings`,
      text,
    })
  const common = { refusal, notAllowedTitle: 'You cannot change this child’s care record', load }

  return async (app: FastifyInstance) => {
    formRoute(app, {
      ...common,
      path: '/children/:id/care/proceedings',
      access: 'child.edit',
      subject: form('proceedings'),
      schema: () => applicationSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, open }, values, errors, status }) => {
        if (open)
          return notNow(
            reply,
            record,
            `${named(record.child)} already has care proceedings open`,
            `The proceedings issued on ${longDate(open.issued_on)} are open: record their conclusion before a new application.`,
          )
        return shown(
          reply,
          status,
          record,
          {
            kind: 'application',
            title: 'Record care proceedings',
            action: 'proceedings',
            button: 'Save the application',
            values: values ?? {},
            errors,
          },
          { lookedAfter: record.open !== null },
        )
      },
      save: (request, input) =>
        recordApplication(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: done('Care proceedings recorded'),
      submission: { already: 'These proceedings were already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      ...common,
      path: '/children/:id/care/proceedings/hearing',
      access: 'child.edit',
      subject: form('proceedings_hearing'),
      schema: () => hearingSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, open }, values, errors, status }) => {
        if (!open) return noneOpen(reply, record)
        const v = values ?? dayValues('heard', londonToday(deps.clock.now()))
        return shown(
          reply,
          status,
          record,
          {
            kind: 'hearing',
            title: 'Record a hearing',
            action: 'proceedings/hearing',
            button: 'Save the hearing',
            values: v,
            errors,
          },
          {
            issuedOn: open.issued_on,
            kindItems: radios(HEARING_KINDS, v.kind),
            orderItems: [
              { value: '', text: 'No order made at this hearing', checked: !v.order },
              ...radios(HEARING_ORDERS, v.order),
            ],
          },
        )
      },
      save: (request, input) =>
        recordHearing(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: done('Hearing recorded'),
      submission: { already: 'This hearing was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      ...common,
      path: '/children/:id/care/proceedings/extension',
      access: 'child.edit',
      subject: form('proceedings_extension'),
      load: async (request) => {
        const context = await load(request)
        const ext = context.open ? await extensionsOf(deps.db, [context.open.id]) : []
        const ends = context.open
          ? timetableEnd(
              context.open.issued_on,
              ext.map((x) => ({ extendedTo: x.extended_to })),
            )
          : null
        return { ...context, ends }
      },
      schema: () => extensionSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, open, ends }, values, errors, status }) => {
        if (!open || ends === null) return noneOpen(reply, record)
        return shown(
          reply,
          status,
          record,
          {
            kind: 'extension',
            title: 'Record an extension of the timetable',
            action: 'proceedings/extension',
            button: 'Save the extension',
            values: values ?? dayValues('granted', londonToday(deps.clock.now())),
            errors,
          },
          { ends },
        )
      },
      save: (request, input) =>
        recordExtension(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }) => ({
        to: `${carePath(record.child.id)}#proceedings`,
        text: 'Extension recorded',
      }),
      submission: { already: 'This extension was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      ...common,
      path: '/children/:id/care/proceedings/conclusion',
      access: 'child.edit',
      subject: form('proceedings_conclusion'),
      schema: () => conclusionSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, open }, values, errors, status }) => {
        if (!open) return noneOpen(reply, record)
        const v = values ?? dayValues('concluded', londonToday(deps.clock.now()))
        return shown(
          reply,
          status,
          record,
          {
            kind: 'conclusion',
            title: 'Record the conclusion of care proceedings',
            action: 'proceedings/conclusion',
            button: 'Save the conclusion',
            values: v,
            errors,
          },
          { issuedOn: open.issued_on, finalOrderItems: radios(FINAL_ORDERS, v.finalOrder) },
        )
      },
      save: (request, input) =>
        recordConclusion(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: done('Conclusion recorded'),
    })

    // Where a worklist's task of care proceedings leads: the child's care record.
    app.get(
      '/care-proceedings/:id',
      { config: { access: 'child.view', subject: { kind: PROCEEDINGS_SUBJECT, auditAction: 'care.view' } } },
      async (request, reply) => {
        const child = subjectChild(request)
        if (!child) return answerRefusal(reply, new NotFoundError('No such care proceedings'), 'Not found')
        return reply.redirect(`${carePath(child.childId)}#proceedings`, 303)
      },
    )
  }
}

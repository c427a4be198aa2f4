/**
 * The forms that record the 903's plain dated records on a looked-after child's care page:
 * previous permanence, a missing or away episode (or the return of the open one) with the return
 * home interview, and UASC status with the age assessment. Thin: the platform has checked the
 * child the URL names and audited; the schema checks the answers; one service call saves, and its
 * refusal comes back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { addYears, londonToday, longDate } from '../../platform/calendar/dates.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { codeText, dayValues } from './model.js'
import {
  AGE_ASSESSMENTS,
  dateUascCeased,
  MISSING_KINDS,
  MISSING_SUBJECT,
  missingSchema,
  NO_PREVIOUS_ORDER,
  PREVIOUS_PERMANENCE,
  previousPermanenceSchema,
  uascSchema,
} from './records-model.js'
import {
  recordMissing,
  recordPreviousPermanence,
  recordsSection,
  recordUasc,
  type RecordsSection,
} from './records-service.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import {
  named,
  carePath,
  careStateRefusal as refusal,
  careForm as form,
  careFormView,
  type CareFormPage,
} from './route-parts.js'

const FORM = 'modules/care/views/records-form.njk'
const dateOr = (iso: string | null, none: string) => (iso ? longDate(iso) : none)

/** The care page's section on these records, in words. */
export async function recordsView(deps: CareDeps, record: CareRecord) {
  const s = await recordsSection(deps, record.child.id, record.open?.id ?? null)
  if (!record.open && s.missing.length === 0 && !s.uasc) return null
  const p = s.previousPermanence
  const dob = record.child.date_of_birth
  return {
    previousPermanence: p && {
      text:
        p.prev_perm === NO_PREVIOUS_ORDER
          ? codeText(PREVIOUS_PERMANENCE, p.prev_perm)
          : `${codeText(PREVIOUS_PERMANENCE, p.prev_perm)}, made ${dateOr(p.order_date, '')}${p.order_la ? `, arranged by ${p.order_la}` : ''}`,
    },
    openMissing: s.openMissing,
    missing: s.missing.map((m) => ({
      ...m,
      kindText: codeText(MISSING_KINDS, m.kind),
      rhiText: m.rhi_offered_on
        ? `Offered ${longDate(m.rhi_offered_on)}; ${m.rhi_held_on ? `held ${longDate(m.rhi_held_on)}` : 'not held'}`
        : m.end_date
          ? 'Not offered'
          : 'Not yet back',
    })),
    uasc: s.uasc && {
      from: s.uasc.uasc_from,
      duc: dateUascCeased({ ceased: s.uasc.ceased_on }, dob),
      ceasedEarly: s.uasc.ceased_on !== null,
      assessment: s.uasc.age_assessment
        ? `${AGE_ASSESSMENTS[s.uasc.age_assessment]}, ${dateOr(s.uasc.age_assessed_on, '')}`
        : 'No age assessment recorded',
    },
  }
}

type Load = { record: CareRecord; section: RecordsSection }

export function careRecordsRoutes(deps: CareDeps) {
  const load = async (request: FastifyRequest): Promise<Load> => {
    const record = await careRecord(deps, subjectId(request))
    return { record, section: await recordsSection(deps, record.child.id, record.open?.id ?? null) }
  }
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: ['These details are recorded while the child is looked after.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  const shown = (
    reply: FastifyReply,
    status: number,
    record: CareRecord,
    page: CareFormPage,
    extra: Record<string, unknown>,
  ) => reply.code(status).view(FORM, { ...careFormView(record.child, page), ...extra })

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/previous-permanence',
      access: 'child.edit',
      subject: form('previous_permanence'),
      load,
      schema: () => previousPermanenceSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const p = section.previousPermanence
        const v: KeptAnswers = values ?? {
          ...(p
            ? {
                prevPerm: p.prev_perm,
                orderLa: p.order_la ?? '',
                ...(p.order_date ? dayValues('order', p.order_date) : {}),
              }
            : {}),
        }
        return shown(
          reply,
          status,
          record,
          {
            kind: 'previous-permanence',
            title: 'Record previous permanence',
            action: 'previous-permanence',
            button: 'Save previous permanence',
            values: v,
            errors,
          },
          {
            periodStart: record.open.start_date,
            prevPermItems: PREVIOUS_PERMANENCE.map((c) => ({
              value: c.code,
              text: `${c.code}: ${c.label}`,
              checked: v.prevPerm === c.code,
            })),
          },
        )
      },
      save: (request, input) =>
        recordPreviousPermanence(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }) => ({ to: carePath(record.child.id), text: 'Previous permanence recorded' }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })

    formRoute(app, {
      path: '/children/:id/care/missing',
      access: 'child.edit',
      subject: form('missing'),
      load,
      schema: ({ section }) => missingSchema(deps.clock.now(), section.openMissing !== null),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const open = section.openMissing
        const v: KeptAnswers = values ?? (open ? {} : dayValues('start', londonToday(deps.clock.now())))
        return shown(
          reply,
          status,
          record,
          {
            kind: open ? 'missing-return' : 'missing',
            title: open ? 'Record the child’s return' : 'Record a missing or away episode',
            action: 'missing',
            button: open ? 'Save the return' : 'Save the episode',
            values: v,
            errors,
          },
          {
            openText: open && `${codeText(MISSING_KINDS, open.kind)} since ${longDate(open.start_date)}`,
            kindItems: MISSING_KINDS.map((c) => ({
              value: c.code,
              text: c.label,
              checked: v.kind === c.code,
            })),
          },
        )
      },
      save: (request, input) =>
        recordMissing(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, { record }) => ({
        to: carePath(record.child.id),
        text: input.start === null ? 'Return recorded' : 'Missing or away episode recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This episode was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/uasc',
      access: 'child.edit',
      subject: form('uasc'),
      load,
      schema: () => uascSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, section }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const u = section.uasc
        const v: KeptAnswers = values ?? {
          ...(u
            ? {
                ...dayValues('from', u.uasc_from),
                ...(u.ceased_on ? dayValues('ceased', u.ceased_on) : {}),
                assessment: u.age_assessment ?? 'none',
                ...(u.age_assessed_on ? dayValues('assessed', u.age_assessed_on) : {}),
              }
            : dayValues('from', record.open.start_date)),
        }
        const dob = record.child.date_of_birth
        return shown(
          reply,
          status,
          record,
          {
            kind: 'uasc',
            title: 'Record unaccompanied asylum-seeking child status',
            action: 'uasc',
            button: 'Save the status',
            values: v,
            errors,
          },
          {
            eighteenth: dob ? longDate(addYears(dob, 18)) : null,
            assessmentItems: [
              { value: 'none', text: 'No age assessment' },
              ...Object.entries(AGE_ASSESSMENTS).map(([value, text]) => ({ value, text })),
            ].map((i) => ({ ...i, checked: v.assessment === i.value })),
          },
        )
      },
      save: (request, input) =>
        recordUasc(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }) => ({ to: carePath(record.child.id), text: 'UASC status recorded' }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })

    // Where a worklist's return home interview task leads: the child's care record.
    app.get(
      '/missing-episodes/:id',
      { config: { access: 'child.view', subject: { kind: MISSING_SUBJECT, auditAction: 'care.view' } } },
      async (request, reply) => {
        const child = subjectChild(request)
        if (!child) return answerRefusal(reply, new NotFoundError('No such missing episode'), 'Not found')
        return reply.redirect(`${carePath(child.childId)}#missing`, 303)
      },
    )
  }
}

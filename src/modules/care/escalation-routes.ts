/**
 * The IRO's escalations and the permanency planning meeting: the forms `iro-escalation` (raise),
 * `iro-escalation/respond`, `iro-escalation/escalate` and `permanency`, and the care page's
 * section. Thin: the platform has checked the child the URL names and audited; the schema checks
 * the answers; one service call saves, and its refusal comes back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { londonDate, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser, type CurrentUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { allow, type ChildRecord } from '../../platform/permissions/allow.js'
import {
  CATEGORIES,
  categoryLabel,
  escalateSchema,
  mayEscalateLate,
  mayRaise,
  mayRespond,
  nextStage,
  PERMANENCE_PLANS,
  permanencySchema,
  raiseSchema,
  respondSchema,
  stageTitle,
} from './escalation-model.js'
import {
  escalateLate,
  escalationSection,
  raiseEscalation,
  recordPermanencyMeeting,
  respondToEscalation,
} from './escalation-service.js'
import * as escalations from './escalation-store.js'
import * as reviews from './review-store.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import { named, carePath, careStateRefusal as refusal, careForm as form } from './route-parts.js'

/** The care page's section: escalations and the permanency planning meeting, and who may act. */
export async function escalationSectionView(
  deps: CareDeps,
  user: CurrentUser,
  child: ChildRecord | undefined,
  record: CareRecord,
  calendar: WorkingCalendar,
) {
  const now = deps.clock.now()
  const open = record.open
  const section = await escalationSection(deps, record.child.id, open?.id ?? null, record.tasks, calendar)
  if (!open && section.escalations.length === 0) return null
  const may = (action: 'child.edit' | 'child.allocate') =>
    child !== undefined && allow(user, action, child, now).allowed
  const iroId = open ? ((await reviews.currentIro(deps.db, open.id))?.iro_user_id ?? null) : null
  const current = open ? await escalations.openEscalation(deps.db, open.id) : undefined
  const raiser = may('child.edit') && mayRaise(user, iroId).allowed
  return {
    ...section,
    childId: record.child.id,
    inCare: open !== null,
    canRaise: open !== null && current === undefined && raiser,
    canRespond: current !== undefined && may('child.allocate') && mayRespond(current, user).allowed,
    canEscalate:
      current !== undefined &&
      may('child.edit') &&
      mayEscalateLate({ status: current.status, dueAt: current.due_at }, user, iroId, now).allowed,
    canRecordMeeting: open !== null && section.permanency === null && may('child.edit'),
  }
}

export function escalationRoutes(deps: CareDeps) {
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: [
        'IRO escalations and the permanency planning meeting are recorded while the child is looked after.',
      ],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  const noneOpen = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} has no open IRO escalation`,
      paragraphs: ['The escalation may have been resolved or moved on since you opened the page.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  /** The record and its open escalation, for the respond and escalate forms. */
  const withOpen = async (id: number) => {
    const record = await careRecord(deps, id)
    const current = record.open ? await escalations.openEscalation(deps.db, record.open.id) : undefined
    return { record, current }
  }
  const openView = (e: NonNullable<Awaited<ReturnType<typeof withOpen>>['current']>) => ({
    stageText: stageTitle(e.stage),
    nextText: stageTitle(nextStage(e.stage)?.code ?? e.stage),
    categoryText: categoryLabel(e.category),
    concern: e.concern,
    reason: e.reason,
    dueOn: e.due_at ? longDate(londonDate(e.due_at.getTime())) : null,
  })
  const dayValues = (prefix: string) => {
    const [y, m, d] = londonToday(deps.clock.now()).split('-')
    return {
      [`${prefix}-day`]: String(Number(d)),
      [`${prefix}-month`]: String(Number(m)),
      [`${prefix}-year`]: y ?? '',
    }
  }

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/iro-escalation',
      access: 'child.edit',
      subject: form('iro_escalation'),
      load: (request) => careRecord(deps, subjectId(request)),
      schema: raiseSchema,
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = values ?? {}
        const childName = named(record.child)
        return reply.code(status).view('modules/care/views/escalation-raise-form.njk', {
          pageTitle: `Raise an IRO escalation: ${childName}`,
          childName,
          action: `${carePath(record.child.id)}/iro-escalation`,
          backPath: carePath(record.child.id),
          values: v,
          categoryItems: CATEGORIES.map((c) => ({
            value: c.code,
            text: c.label,
            checked: v.category === c.code,
          })),
          stageItems: (['informal', 'team_manager'] as const).map((code) => ({
            value: code,
            text: stageTitle(code),
            checked: v.stage === code,
          })),
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        raiseEscalation(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({
        to: `${carePath(record.child.id)}#escalations`,
        text: 'IRO escalation raised',
      }),
      refusal,
      notAllowedTitle: 'You cannot raise an IRO escalation for this child',
      submission: { already: 'This escalation was already raised', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/iro-escalation/respond',
      access: 'child.allocate',
      subject: form('iro_escalation_respond'),
      load: (request) => withOpen(subjectId(request)),
      schema: respondSchema,
      render: (_request, reply, { context: { record, current }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        if (!current) return noneOpen(reply, record)
        const v: KeptAnswers = values ?? {}
        const childName = named(record.child)
        return reply.code(status).view('modules/care/views/escalation-respond-form.njk', {
          pageTitle: `Respond to an IRO escalation: ${childName}`,
          childName,
          action: `${carePath(record.child.id)}/iro-escalation/respond`,
          backPath: carePath(record.child.id),
          escalation: openView(current),
          values: v,
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        respondToEscalation(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }, saved) => ({
        to: `${carePath(record.child.id)}#escalations`,
        text:
          saved.status === 'resolved'
            ? 'IRO escalation resolved'
            : saved.status === 'referred'
              ? 'IRO escalation referred to Cafcass'
              : `IRO escalation moved to ${stageTitle(saved.stage)}`,
      }),
      refusal,
      notAllowedTitle: 'You cannot respond to this IRO escalation',
    })

    formRoute(app, {
      path: '/children/:id/care/iro-escalation/escalate',
      access: 'child.edit',
      subject: form('iro_escalation_escalate'),
      load: (request) => withOpen(subjectId(request)),
      schema: escalateSchema,
      render: (_request, reply, { context: { record, current }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        if (!current) return noneOpen(reply, record)
        const childName = named(record.child)
        return reply.code(status).view('modules/care/views/escalation-escalate-form.njk', {
          pageTitle: `Escalate an IRO escalation: ${childName}`,
          childName,
          action: `${carePath(record.child.id)}/iro-escalation/escalate`,
          backPath: carePath(record.child.id),
          escalation: openView(current),
          values: values ?? {},
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        escalateLate(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }, saved) => ({
        to: `${carePath(record.child.id)}#escalations`,
        text: `IRO escalation moved to ${stageTitle(saved.stage)}`,
      }),
      refusal,
      notAllowedTitle: 'You cannot escalate this IRO escalation',
    })

    formRoute(app, {
      path: '/children/:id/care/permanency',
      access: 'child.edit',
      subject: form('permanency'),
      load: (request) => careRecord(deps, subjectId(request)),
      schema: () => permanencySchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = { ...dayValues('held'), ...(values ?? {}) }
        const childName = named(record.child)
        return reply.code(status).view('modules/care/views/escalation-permanency-form.njk', {
          pageTitle: `Record the permanency planning meeting: ${childName}`,
          childName,
          action: `${carePath(record.child.id)}/permanency`,
          backPath: carePath(record.child.id),
          values: v,
          planItems: PERMANENCE_PLANS.map((p) => ({
            value: p.code,
            text: p.label,
            checked: v.plan === p.code,
          })),
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordPermanencyMeeting(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({
        to: `${carePath(record.child.id)}#permanency`,
        text: 'Permanency planning meeting recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This meeting was already recorded', link: 'See the child’s care record' },
    })
  }
}

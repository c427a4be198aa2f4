/**
 * The child's "Looked after" page and the forms that record care: starting it, a change of legal
 * status, a change of placement, and its end. Thin: the platform has checked the child the URL
 * names and audited; the schema checks the answers; one service call saves, and its refusal comes
 * back on the field it is about with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute, type FormErrors, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { visibleFields } from '../../platform/permissions/fields.js'
import {
  CARE_SUBJECT,
  CATEGORIES_OF_NEED,
  codeText,
  dayValues,
  endSchema,
  LEGAL_STATUSES,
  legalStatusSchema,
  PLACEMENT_TYPES,
  placementAsSeen,
  placementSchema,
  PROVIDERS,
  REASONS_CARE_ENDS,
  REASONS_CEASED,
  REASONS_FOR_NEW_EPISODE,
  REASONS_FOR_PLACEMENT_CHANGE,
  startSchema,
  type Code,
} from './model.js'
import { documentsView } from './documents-routes.js'
import { placementView, routeItems, type CareRouteDeps } from './placement-routes.js'
import { healthSectionView } from './health-routes.js'
import { educationView } from './education-routes.js'
import { reviewSectionView } from './review-routes.js'
import { escalationSectionView } from './escalation-routes.js'
import {
  careRecord,
  changeLegalStatus,
  changePlacement,
  endCare,
  startCare,
  type CareRecord,
} from './service.js'
import { proceedingsView } from './proceedings-routes.js'
import { placementPlanSection } from './placement-plan-routes.js'
import { placementPlanPage } from './placement-plan-service.js'
import { independentVisitorView } from './independent-visitor-routes.js'
import { recordsView } from './records-routes.js'
import { doloView } from './dolo-routes.js'
import { leaversView } from './leavers-routes.js'
import { adoptionView } from './adoption-routes.js'
import { visitsView } from './visit-routes.js'
import { named, carePath, careStateRefusal as refusal } from './route-parts.js'

/** The record page may carry prospective adopters' names and address, withheld from those who may not see them. */
const VIEW: RouteSubject = { kind: 'child', auditAction: 'care.view', fields: ['adopter_identity'] }
const form = (name: string): RouteSubject => ({ ...VIEW, auditDetail: { form: name } })
const FORM = 'modules/care/views/care-form.njk'

/** Radios or a select's items from a code list, "code: label", the kept answer checked. */
function items(list: readonly Code[], chosen: unknown, key: 'checked' | 'selected' = 'checked') {
  return list.map((c) => ({ value: c.code, text: `${c.code}: ${c.label}`, [key]: chosen === c.code }))
}
const selectItems = (list: readonly Code[], chosen: unknown, prompt: string) => [
  { value: '', text: prompt },
  ...items(list, chosen, 'selected'),
]

/** A date's three boxes filled with today, for a form shown the first time. */
const boxes = dayValues

export function careRoutes(deps: CareRouteDeps) {
  const today = () => londonToday(deps.clock.now())
  const load = (request: FastifyRequest) => careRecord(deps, subjectId(request))

  /** A page for a form the record's state does not allow (not in care, already in care). */
  const notNow = (reply: FastifyReply, record: CareRecord, title: string, paragraph: string) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: title,
      paragraphs: [paragraph],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    notNow(
      reply,
      record,
      `${named(record.child)} is not looked after`,
      'Start a period of care before recording a change to it.',
    )

  const shown = (
    reply: FastifyReply,
    status: number,
    record: CareRecord,
    page: {
      title: string
      kind: string
      action: string
      button: string
      values: KeptAnswers
      errors: FormErrors
    },
    extra: Record<string, unknown>,
  ) =>
    reply.code(status).view(FORM, {
      pageTitle: `${page.title}: ${named(record.child)}`,
      heading: page.title,
      kind: page.kind,
      action: `${carePath(record.child.id)}/${page.action}`,
      backPath: carePath(record.child.id),
      childName: named(record.child),
      button: page.button,
      values: page.values,
      ...errorView(page.errors),
      ...extra,
    })

  /** The placement questions' items, shared by starting care and a change of placement. */
  const placementItems = (values: KeptAnswers) => ({
    placeItems: selectItems(PLACEMENT_TYPES, values.place, 'Select the placement type'),
    providerItems: selectItems(PROVIDERS, values.provider, 'No provider (T0 to T3, Z11 to Z14 only)'),
    routeItems: routeItems(values.route),
  })

  return async (app: FastifyInstance) => {
    app.get(
      '/children/:id/care',
      { config: { access: 'child.view', subject: VIEW } },
      async (request, reply) => {
        try {
          const record = await load(request)
          const child = subjectChild(request)
          const now = deps.clock.now()
          const user = requireUser(request)
          const canEdit = child !== undefined && allow(user, 'child.edit', child, now).allowed
          const adopters = child !== undefined && visibleFields(user, child, now).includes('adopter_identity')
          const calendar = await loadWorkingCalendar(deps.db)
          const visits = await visitsView(deps, record, calendar)
          return reply.view('modules/care/views/care.njk', {
            pageTitle: `Looked after: ${named(record.child)}`,
            child: record.child,
            childName: named(record.child),
            canEdit,
            open: record.open,
            current: record.current && {
              ...placementAsSeen(record.current, adopters),
              legalStatusText: codeText(LEGAL_STATUSES, record.current.legal_status),
              placeText: codeText(PLACEMENT_TYPES, record.current.place),
              providerText: codeText(PROVIDERS, record.current.provider),
            },
            periods: record.periods.map((p) => ({
              ...p,
              categoryText: codeText(CATEGORIES_OF_NEED, p.category_of_need),
              reasonText: codeText(REASONS_CEASED, p.reason_ceased),
              episodes: p.episodes.map((e) => ({
                ...placementAsSeen(e, adopters),
                rneText: codeText(REASONS_FOR_NEW_EPISODE, e.rne),
                legalStatusText: codeText(LEGAL_STATUSES, e.legal_status),
                placeText: codeText(PLACEMENT_TYPES, e.place),
                providerText: codeText(PROVIDERS, e.provider),
                recText: codeText(REASONS_CEASED, e.rec),
                reasonPlaceChangeText: codeText(REASONS_FOR_PLACEMENT_CHANGE, e.reason_place_change),
              })),
            })),
            tasks: record.tasks.map((t) => ({ ...t, due: describeDue(t.due_at, now, calendar) })),
            visits,
            reviewsSection: await reviewSectionView(deps, user, child, record, calendar),
            escalationSection: await escalationSectionView(deps, user, child, record, calendar),
            documents: await documentsView(deps, record, user),
            healthSection: await healthSectionView(deps, user, child, record, calendar),
            education: await educationView(deps, record, calendar),
            records: await recordsView(deps, record),
            dolo: await doloView(deps, record),
            placementSection: await placementView(deps, record, adopters),
            leavers: await leaversView(deps, record),
            adoption: await adoptionView(deps, record),
            proceedings: await proceedingsView(deps, user, child, record),
            independentVisitor: await independentVisitorView(deps, user, child, record),
            placementPlan: record.open
              ? placementPlanSection(await placementPlanPage(deps, record.child.id))
              : null,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this child’s care record')
        }
      },
    )

    // Where a worklist's task of a period of care leads: the child's care record.
    app.get(
      '/care-periods/:id',
      { config: { access: 'child.view', subject: { kind: CARE_SUBJECT, auditAction: 'care.view' } } },
      async (request, reply) => {
        const child = subjectChild(request)
        if (!child) return answerRefusal(reply, new NotFoundError('No such period of care'), 'Not found')
        return reply.redirect(carePath(child.childId), 303)
      },
    )

    formRoute(app, {
      path: '/children/:id/care/start',
      access: 'child.edit',
      subject: form('start'),
      load,
      schema: () => startSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (record.open)
          return notNow(
            reply,
            record,
            `${named(record.child)} is already looked after`,
            'End the current period of care before starting another.',
          )
        const v: KeptAnswers = { ...boxes('start', today()), ...(values ?? {}) }
        return shown(
          reply,
          status,
          record,
          {
            title: 'Start a period of care',
            kind: 'start',
            action: 'start',
            button: 'Start care',
            values: v,
            errors,
          },
          {
            admissionItems: [
              { value: 'emergency', text: 'Emergency', checked: v.admission === 'emergency' },
              { value: 'planned', text: 'Planned', checked: v.admission === 'planned' },
            ],
            legalStatusItems: selectItems(LEGAL_STATUSES, v.legalStatus, 'Select the legal status'),
            needItems: items(CATEGORIES_OF_NEED, v.categoryOfNeed),
            ...placementItems(v),
          },
        )
      },
      save: (request, input) =>
        startCare(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({ to: carePath(record.child.id), text: 'Period of care started' }),
      refusal,
      notAllowedTitle: 'You cannot start a period of care for this child',
      submission: { already: 'This period of care was already started', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/legal-status',
      access: 'child.edit',
      subject: form('legal_status'),
      load,
      schema: () => legalStatusSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.current) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('change', today()), ...(values ?? {}) }
        return shown(
          reply,
          status,
          record,
          {
            title: 'Change the legal status',
            kind: 'legal-status',
            action: 'legal-status',
            button: 'Save the legal status',
            values: v,
            errors,
          },
          {
            currentText: codeText(LEGAL_STATUSES, record.current.legal_status),
            legalStatusItems: selectItems(
              LEGAL_STATUSES.filter((s) => s.code !== record.current?.legal_status),
              v.legalStatus,
              'Select the new legal status',
            ),
          },
        )
      },
      save: (request, input) =>
        changeLegalStatus(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({
        to: carePath(record.child.id),
        text: 'Legal status changed: a new episode started',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })

    formRoute(app, {
      path: '/children/:id/care/placement',
      access: 'child.edit',
      subject: form('placement'),
      load,
      schema: () => placementSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        const current = record.current
        if (!current) return notInCare(reply, record)
        const v: KeptAnswers = {
          ...boxes('change', today()),
          legalStatus: current.legal_status,
          ...(values ?? {}),
        }
        return shown(
          reply,
          status,
          record,
          {
            title: 'Change the placement',
            kind: 'placement',
            action: 'placement',
            button: 'Save the new placement',
            values: v,
            errors,
          },
          {
            currentText: `${codeText(PLACEMENT_TYPES, current.place)}, ${current.carer_name}`,
            sameCarerItems: [
              { value: 'no', text: 'No, the child moves to other carers', checked: v.sameCarer === 'no' },
              {
                value: 'yes',
                text: 'Yes, the same carers (the placement’s type, address or provider changes)',
                checked: v.sameCarer === 'yes',
              },
            ],
            legalStatusItems: selectItems(LEGAL_STATUSES, v.legalStatus, 'Select the legal status'),
            reasonItems: selectItems(REASONS_FOR_PLACEMENT_CHANGE, v.reasonPlaceChange, 'Select the reason'),
            ...placementItems(v),
          },
        )
      },
      save: (request, input) =>
        changePlacement(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record, saved) => ({
        to: carePath(record.child.id),
        text: `Placement changed: a new episode started (${codeText(REASONS_FOR_NEW_EPISODE, saved.rne)})`,
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })

    formRoute(app, {
      path: '/children/:id/care/end',
      access: 'child.edit',
      subject: form('end'),
      load,
      schema: () => endSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.current) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('end', today()), ...(values ?? {}) }
        return shown(
          reply,
          status,
          record,
          {
            title: 'End the period of care',
            kind: 'end',
            action: 'end',
            button: 'End care',
            values: v,
            errors,
          },
          { reasonItems: items(REASONS_CARE_ENDS, v.reason) },
        )
      },
      save: (request, input) =>
        endCare(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({ to: carePath(record.child.id), text: 'Period of care ended' }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })
  }
}

/**
 * Restricting a record, reviewing the restriction, and the managers' report of reviews overdue or
 * due soon. Thin: the platform has checked the child named in the URL (each route declares it as
 * its subject) and audited the view; the schema checks the answers; one service call saves; a
 * message on the record says it is done.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import { errorView, formRoute } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { ROLE_NAMES, type Role } from '../../platform/permissions/roles.js'
import { longDate } from '../../platform/calendar/dates.js'
import { labelFor, RESTRICTION_CATEGORIES } from './codes.js'
import {
  defaultReviewDue,
  RESTRICTION_FIELD_IDS,
  restrictionReviewSchema,
  restrictionSchema,
} from './restriction-model.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { ChangeRefusedError } from './record-service.js'
import {
  openRestrictForm,
  openReviewForm,
  restrictionReviewReport,
  restrictRecord,
  reviewRestriction,
} from './restriction-service.js'

/** The three boxes of a date, for a form's values. */
function dateValues(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: y ?? '',
  }
}

const STATUS_TAGS = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  later: { text: 'Due', classes: 'govuk-tag--grey' },
} as const

export function registerRestrictionRoutes(app: FastifyInstance, db: Db, clock: Clock): void {
  const user = (request: FastifyRequest) => requireUser(request)

  // Restricting is a management decision on the case: `child.allocate`, which a team manager
  // holds over their team's cases and a service manager over every unrestricted one.
  formRoute(app, {
    path: '/children/:id/restriction/new',
    access: 'child.allocate',
    subject: { kind: 'child', auditAction: 'child.view', auditDetail: { form: 'restriction.add' } },
    load: (request) =>
      openRestrictForm(
        db,
        user(request),
        subjectId(request),
        request.auditContext,
        clock,
        subjectChild(request),
      ),
    schema: ({ authorisers }) => restrictionSchema(londonToday(clock.now()), authorisers),
    fieldIds: RESTRICTION_FIELD_IDS,
    render: (request, reply, { context: { record, authorisers }, values, errors, status }) => {
      const me = user(request)
      const today = londonToday(clock.now())
      const shown = values ?? {
        authorisedBy: authorisers.some((a) => a.id === me.id) ? String(me.id) : '',
        ...dateValues('reviewDue', defaultReviewDue(today)),
      }
      return reply.code(status).view('modules/people/views/restriction/restrict.njk', {
        pageTitle: 'Restrict this record',
        child: record.person,
        action: `/children/${record.person.id}/restriction/new`,
        values: shown,
        ...errorView(errors),
        latestText: longDate(defaultReviewDue(today)),
        categoryItems: RESTRICTION_CATEGORIES.map((c) => ({
          value: c.code,
          text: c.label,
          checked: shown.category === c.code,
        })),
        authoriserItems: [
          { value: '', text: 'Select a manager' },
          ...authorisers.map((a) => ({
            value: String(a.id),
            text: `${a.displayName} (${ROLE_NAMES[a.role as Role]?.toLowerCase() ?? a.role})`,
            selected: shown.authorisedBy === String(a.id),
          })),
        ],
      })
    },
    save: (request, answers, { record }) =>
      restrictRecord(db, user(request), record.person.id, answers, request.auditContext, clock),
    done: (answers, { record }) => ({
      to: `/children/${record.person.id}`,
      text: `Record restricted. Review it by ${longDate(answers.reviewDue)}`,
    }),
    refusal: (err) => (err instanceof ChangeRefusedError ? { field: err.field, message: err.message } : null),
  })

  // Reviewing needs a manager's role and a grant that reaches the restricted record (`child.edit`).
  formRoute(app, {
    path: '/children/:id/restriction/review',
    access: 'child.allocate',
    subject: {
      kind: 'child',
      action: 'child.edit',
      auditAction: 'child.view',
      auditDetail: { form: 'restriction.review' },
    },
    load: (request) =>
      openReviewForm(
        db,
        user(request),
        subjectId(request),
        request.auditContext,
        clock,
        subjectChild(request),
      ),
    schema: ({ restriction }) =>
      restrictionReviewSchema(londonToday(clock.now()), { needsReason: restriction.reason === null }),
    fieldIds: RESTRICTION_FIELD_IDS,
    render: (_request, reply, { context: { record, restriction }, values, errors, status }) => {
      const shown = values ?? dateValues('reviewDue', defaultReviewDue(londonToday(clock.now())))
      const dateTime = (d: Date | null) => (d ? longDate(londonToday(d)) : null)
      return reply.code(status).view('modules/people/views/restriction/review.njk', {
        pageTitle: 'Review the restriction',
        child: record.person,
        action: `/children/${record.person.id}/restriction/review`,
        values: shown,
        ...errorView(errors),
        restriction,
        needsReason: restriction.reason === null,
        rows: [
          {
            key: { text: 'Category' },
            value: { text: labelFor(RESTRICTION_CATEGORIES, restriction.category) },
          },
          {
            key: { text: 'Reason' },
            value: { text: restriction.reason ?? 'Not recorded: restricted before reviews were recorded' },
          },
          {
            key: { text: 'Authorised by' },
            value: {
              text: restriction.authorisedBy
                ? `${restriction.authorisedBy} on ${dateTime(restriction.authorisedAt)}`
                : 'Not recorded: restricted before reviews were recorded',
            },
          },
          ...(restriction.lastReviewedBy
            ? [
                {
                  key: { text: 'Last reviewed' },
                  value: { text: `${dateTime(restriction.lastReviewedAt)} by ${restriction.lastReviewedBy}` },
                },
              ]
            : []),
          { key: { text: 'Review due' }, value: { text: longDate(restriction.reviewDue) } },
        ],
        outcome: shown.outcome ?? '',
      })
    },
    save: (request, answers, { record }) =>
      reviewRestriction(db, user(request), record.person.id, answers, request.auditContext, clock),
    done: (answers, { record }, outcome) => ({
      to: `/children/${record.person.id}`,
      text:
        answers.outcome === 'continue' && outcome === 'continued'
          ? `Restriction continued. Next review by ${longDate(answers.reviewDue)}`
          : 'Restriction lifted',
    }),
    refusal: (err) => (err instanceof ChangeRefusedError ? { field: err.field, message: err.message } : null),
  })

  // The report: a live page and a count on the managers' home pages, rather than a monthly email.
  app.get('/restrictions/reviews', { config: { access: 'team.view' } }, async (request, reply) => {
    const rows = await restrictionReviewReport(db, user(request), request.auditContext, clock)
    return reply.view('modules/people/views/restriction/report.njk', {
      pageTitle: 'Restriction reviews',
      rows: rows.map((r) => ({
        ...r,
        dueText: longDate(r.reviewDue),
        tag: STATUS_TAGS[r.status],
      })),
      overdue: rows.filter((r) => r.status === 'overdue').length,
    })
  })
}

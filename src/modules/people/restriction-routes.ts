/**
 * Restricting a record, reviewing the restriction, and the managers' report of reviews overdue or
 * due soon. Thin: the platform has checked the child named in the URL (each route declares it as
 * its subject) and audited the view; the schema checks the answers; one service call saves; a
 * message on the record says it is done.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../../platform/db/database.js'
import { formErrors, NO_ERRORS, type FormErrors } from '../../platform/http/forms.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { keptValues } from '../../platform/admin/form-page.js'
import { ROLE_NAMES, type Role } from '../../platform/permissions/roles.js'
import {
  defaultReviewDue,
  labelFor,
  longDate,
  RESTRICTION_CATEGORIES,
  RESTRICTION_FIELD_IDS,
  restrictionReviewSchema,
  restrictionSchema,
} from './model.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { ChangeRefusedError } from './record-service.js'
import {
  openRestrictForm,
  openReviewForm,
  restrictionReviewReport,
  restrictRecord,
  reviewRestriction,
} from './restriction-service.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'

/** The three boxes of a date, for a form's values. */
function dateValues(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: y ?? '',
  }
}

/** One error from the service, linking to the field's first box. */
function oneError(field: string, text: string): FormErrors {
  return {
    list: [{ text, href: `#${RESTRICTION_FIELD_IDS[field] ?? field}` }],
    byField: { [field]: { text } },
  }
}

const STATUS_TAGS = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  later: { text: 'Due', classes: 'govuk-tag--grey' },
} as const

export function registerRestrictionRoutes(app: FastifyInstance, db: Db): void {
  const user = (request: FastifyRequest) => requireUser(request)

  const refused = (reply: FastifyReply, err: unknown) => {
    if (err instanceof NotFoundError) return reply.callNotFound()
    if (err instanceof NotAllowedError)
      return reply.code(403).view('platform/views/message.njk', {
        pageTitle: 'You cannot change this record',
        paragraphs: [err.reason, 'Your attempt has been recorded.'],
      })
    throw err
  }

  // Restricting is a management decision on the case: `child.allocate`, which a team manager
  // holds over their team's cases and a service manager over every unrestricted one.
  const restrictConfig = {
    access: 'child.allocate' as const,
    subject: { kind: 'child', auditAction: 'child.view', auditDetail: { form: 'restriction.add' } },
  }
  const restrictUrl = '/children/:id/restriction/new'

  const renderRestrict = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string> | null,
    errors: FormErrors,
    status: number,
  ) => {
    const me = user(request)
    const { record, authorisers } = await openRestrictForm(
      db,
      me,
      subjectId(request),
      request.auditContext,
      subjectChild(request),
    )
    const today = londonToday()
    const shown = values ?? {
      authorisedBy: authorisers.some((a) => a.id === me.id) ? String(me.id) : '',
      ...dateValues('reviewDue', defaultReviewDue(today)),
    }
    return reply.code(status).view('modules/people/views/restriction/restrict.njk', {
      pageTitle: 'Restrict this record',
      child: record.person,
      action: `/children/${record.person.id}/restriction/new`,
      values: shown,
      errors: errors.list,
      fieldErrors: errors.byField,
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
  }

  app.get(restrictUrl, { config: restrictConfig }, async (request, reply) => {
    try {
      return await renderRestrict(request, reply, null, NO_ERRORS, 200)
    } catch (err) {
      return refused(reply, err)
    }
  })

  app.post(restrictUrl, { config: restrictConfig }, async (request, reply) => {
    const values = keptValues(request.body)
    try {
      const { authorisers } = await openRestrictForm(
        db,
        user(request),
        subjectId(request),
        request.auditContext,
        subjectChild(request),
      )
      const parsed = restrictionSchema(londonToday(), authorisers).safeParse(request.body ?? {})
      if (!parsed.success)
        return await renderRestrict(
          request,
          reply,
          values,
          formErrors(parsed.error, RESTRICTION_FIELD_IDS),
          400,
        )
      try {
        await restrictRecord(db, user(request), subjectId(request), parsed.data, request.auditContext)
      } catch (err) {
        if (err instanceof ChangeRefusedError)
          return await renderRestrict(request, reply, values, oneError(err.field, err.message), 409)
        throw err
      }
      return reply.redirectWithMessage(
        `/children/${subjectId(request)}`,
        `Record restricted. Review it by ${longDate(parsed.data.reviewDue)}`,
      )
    } catch (err) {
      return refused(reply, err)
    }
  })

  // Reviewing needs a manager's role and a grant that reaches the restricted record (`child.edit`).
  const reviewConfig = {
    access: 'child.allocate' as const,
    subject: {
      kind: 'child',
      action: 'child.edit' as const,
      auditAction: 'child.view',
      auditDetail: { form: 'restriction.review' },
    },
  }
  const reviewUrl = '/children/:id/restriction/review'

  const renderReview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string> | null,
    errors: FormErrors,
    status: number,
  ) => {
    const { record, restriction } = await openReviewForm(
      db,
      user(request),
      subjectId(request),
      request.auditContext,
      subjectChild(request),
    )
    const shown = values ?? dateValues('reviewDue', defaultReviewDue(londonToday()))
    const dateTime = (d: Date | null) => (d ? longDate(londonToday(d)) : null)
    return reply.code(status).view('modules/people/views/restriction/review.njk', {
      pageTitle: 'Review the restriction',
      child: record.person,
      action: `/children/${record.person.id}/restriction/review`,
      values: shown,
      errors: errors.list,
      fieldErrors: errors.byField,
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
  }

  app.get(reviewUrl, { config: reviewConfig }, async (request, reply) => {
    try {
      return await renderReview(request, reply, null, NO_ERRORS, 200)
    } catch (err) {
      return refused(reply, err)
    }
  })

  app.post(reviewUrl, { config: reviewConfig }, async (request, reply) => {
    const values = keptValues(request.body)
    try {
      const { restriction } = await openReviewForm(
        db,
        user(request),
        subjectId(request),
        request.auditContext,
        subjectChild(request),
      )
      const parsed = restrictionReviewSchema(londonToday(), {
        needsReason: restriction.reason === null,
      }).safeParse(request.body ?? {})
      if (!parsed.success)
        return await renderReview(
          request,
          reply,
          values,
          formErrors(parsed.error, RESTRICTION_FIELD_IDS),
          400,
        )
      let outcome: 'continued' | 'lifted'
      try {
        outcome = await reviewRestriction(
          db,
          user(request),
          subjectId(request),
          parsed.data,
          request.auditContext,
        )
      } catch (err) {
        if (err instanceof ChangeRefusedError)
          return await renderReview(request, reply, values, oneError(err.field, err.message), 409)
        throw err
      }
      return reply.redirectWithMessage(
        `/children/${subjectId(request)}`,
        parsed.data.outcome === 'continue' && outcome === 'continued'
          ? `Restriction continued. Next review by ${longDate(parsed.data.reviewDue)}`
          : 'Restriction lifted',
      )
    } catch (err) {
      return refused(reply, err)
    }
  })

  // The report: a live page and a count on the managers' home pages, rather than a monthly email.
  app.get('/restrictions/reviews', { config: { access: 'team.view' } }, async (request, reply) => {
    const rows = await restrictionReviewReport(db, user(request), request.auditContext)
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

/**
 * Emergency access to a record, staff notifications, and the data protection officer's review
 * queue. Thin: the platform resolves each route's subject; the service does the work.
 */
import type { FastifyInstance } from 'fastify'
import { recordAudit, recordAuditAlone } from '../audit/audit.js'
import type { Db } from '../db/database.js'
import { NotFoundError } from '../http/errors.js'
import { errorView, formRoute } from '../http/form.js'
import { requireUser } from '../http/request-context.js'
import { subjectId, type SubjectKinds } from '../http/subjects.js'
import {
  BREAK_GLASS_REASONS,
  breakGlassSchema,
  closeReviewSchema,
  mayBreakGlass,
  REVIEW_OUTCOMES,
  useEmergencyAccess,
} from './emergency-access.js'
import {
  closeReview,
  loadReview,
  markNotificationRead,
  notificationOwner,
  openReviews,
  reviewsRaisedSince,
} from './review-store.js'
import { loadChildRecord } from './store.js'

const REASON_TEXT = new Map<string, string>(BREAK_GLASS_REASONS.map((r) => [r.code, r.label]))
const OUTCOME_TEXT: Record<string, string> = {
  justified: 'Justified',
  escalated: 'Escalated',
  breach: 'Breach',
}
const KIND_TEXT: Record<string, string> = {
  break_glass: 'Emergency access',
  own_record_attempt: 'Tried to open own or a relative’s record',
}

/** The records these pages name. */
export const permissionSubjects: SubjectKinds = {
  /** A child's record as the emergency-access form names it: the rule is whether the glass may be broken. */
  emergency_access: {
    params: { id: 'id' },
    async load(db, ids) {
      const record = await loadChildRecord(db, ids.id as number)
      if (!record) return null
      return {
        recordType: 'child',
        recordId: record.childId,
        childIds: [],
        aboutChild: record.childId,
        decide: (actor, now) => mayBreakGlass(actor, record, now),
      }
    },
  },
  staff_notification: {
    params: { id: 'id' },
    async load(db, ids) {
      const owner = await notificationOwner(db, ids.id as number)
      if (owner === null) return null
      return {
        recordType: 'staff_notification',
        recordId: ids.id as number,
        childIds: [],
        decide: (actor) =>
          actor.id === owner
            ? { allowed: true, basis: null, reason: 'Your own notification.' }
            : { allowed: false, basis: null, reason: 'This notification is for someone else.' },
      }
    },
  },
  access_review: {
    params: { id: 'id' },
    async load(db, ids) {
      const review = await loadReview(db, ids.id as number)
      return review ? { recordType: 'access_review', recordId: review.id, childIds: [] } : null
    },
  },
}

class ReviewClosedError extends Error {}

export function permissionRoutes(deps: { db: Db; now?: () => Date }) {
  const { db } = deps
  const now = deps.now ?? (() => new Date())
  return async (app: FastifyInstance) => {
    // ---- Emergency access ---------------------------------------------------------------------

    formRoute(app, {
      path: '/children/:id/emergency-access',
      access: 'child.view',
      subject: { kind: 'emergency_access', auditAction: 'child.emergency_access' },
      load: (request) => subjectId(request),
      schema: breakGlassSchema,
      render: (_request, reply, { context: childId, values, errors, status }) =>
        reply.code(status).view('platform/permissions/views/emergency-access.njk', {
          pageTitle: 'Use emergency access',
          childId,
          values: values ?? {},
          ...errorView(errors),
          reasonItems: BREAK_GLASS_REASONS.map((r) => ({
            value: r.code,
            text: r.label,
            checked: values?.reasonCode === r.code,
          })),
          hours: 4,
        }),
      save: async (request, answers, childId) => {
        const record = await loadChildRecord(db, childId)
        if (!record) throw new NotFoundError(`No child ${childId}`)
        const { until } = await useEmergencyAccess(
          db,
          requireUser(request),
          record,
          answers,
          request.auditContext,
          now(),
        )
        return until
      },
      done: (_answers, childId, until) => {
        const time = until.toLocaleTimeString('en-GB', {
          timeZone: 'Europe/London',
          hour: 'numeric',
          minute: '2-digit',
        })
        return {
          to: `/children/${childId}`,
          text: `You have emergency access to this record until ${time}. The people responsible for it have been told, and the data protection officer will review it.`,
        }
      },
    })

    // ---- Notifications ------------------------------------------------------------------------

    app.post(
      '/notifications/:id/read',
      {
        config: {
          access: 'signed-in',
          subject: { kind: 'staff_notification', auditAction: 'notification.read' },
        },
      },
      async (request, reply) => {
        const user = requireUser(request)
        await markNotificationRead(db, subjectId(request), user.id, now())
        return reply.redirect('/', 303)
      },
    )

    // ---- The data protection officer's review queue -------------------------------------------

    const reviewRow = (r: Awaited<ReturnType<typeof openReviews>>[number]) => ({
      ...r,
      kindText: KIND_TEXT[r.kind] ?? r.kind,
      reasonText: r.reason_code ? (REASON_TEXT.get(r.reason_code) ?? r.reason_code) : null,
      outcomeText: r.outcome ? OUTCOME_TEXT[r.outcome] : null,
    })

    app.get('/audit/access-reviews', { config: { access: 'audit.view' } }, async (request, reply) => {
      const at = now()
      const today = at.toISOString().slice(0, 10)
      const open = await openReviews(db)
      const week = await reviewsRaisedSince(db, new Date(at.getTime() - 7 * 86_400_000))
      await recordAuditAlone(db, request.auditContext, {
        action: 'access_review.list',
        outcome: 'allowed',
        detail: { open: open.length, week: week.length },
      })
      return reply.view('platform/permissions/views/access-reviews.njk', {
        pageTitle: 'Access reviews',
        open: open.map((r) => ({ ...reviewRow(r), overdue: r.due_on < today })),
        week: week.map(reviewRow),
      })
    })

    formRoute(app, {
      path: '/audit/access-reviews/:id',
      access: 'audit.view',
      subject: { kind: 'access_review' },
      load: async (request) => {
        const id = subjectId(request)
        const review = await loadReview(db, id)
        if (!review) throw new NotFoundError(`No access review ${id}`)
        return review
      },
      schema: closeReviewSchema,
      render: (_request, reply, { context: review, values, errors, status }) =>
        reply.code(status).view('platform/permissions/views/access-review.njk', {
          pageTitle: `Access review ${review.id}`,
          review: reviewRow(review),
          values: values ?? {},
          ...errorView(errors),
          outcomeItems: REVIEW_OUTCOMES.map((o) => ({
            value: o.code,
            text: o.label,
            checked: values?.outcome === o.code,
          })),
        }),
      save: async (request, answers, review) => {
        const id = review.id
        const closed = await db.transaction().execute(async (trx) => {
          const done = await closeReview(trx, id, {
            by: requireUser(request).id,
            at: now(),
            outcome: answers.outcome,
            note: answers.note || null,
          })
          if (done)
            await recordAudit(trx, request.auditContext, {
              action: 'access_review.close',
              outcome: 'allowed',
              recordType: 'access_review',
              recordId: id,
              detail: { outcome: answers.outcome },
            })
          return done
        })
        if (!closed) throw new ReviewClosedError()
      },
      done: (answers, review) => ({
        to: '/audit/access-reviews',
        text: `Review ${review.id} closed: ${OUTCOME_TEXT[answers.outcome]}`,
      }),
      // Closed by someone else since the page was shown.
      refusal: (err) =>
        err instanceof ReviewClosedError
          ? { field: 'outcome', message: 'This review has already been closed' }
          : null,
    })
  }
}

/**
 * Emergency access to a record, staff notifications, and the data protection officer's review
 * queue. Thin: the platform resolves each route's subject; the service does the work.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { recordAudit, recordAuditAlone } from '../audit/audit.js'
import type { Db } from '../db/database.js'
import { formErrors, NO_ERRORS, type FormErrors } from '../http/forms.js'
import { keptValues } from '../admin/form-page.js'
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
        decide: (actor) => mayBreakGlass(actor, record, new Date()),
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

export function permissionRoutes(deps: { db: Db; now?: () => Date }) {
  const { db } = deps
  const now = deps.now ?? (() => new Date())
  return async (app: FastifyInstance) => {
    // ---- Emergency access ---------------------------------------------------------------------

    const emergencyForm = (
      reply: FastifyReply,
      childId: number,
      values: Record<string, string>,
      errors: FormErrors,
      status: number,
    ) =>
      reply.code(status).view('platform/permissions/views/emergency-access.njk', {
        pageTitle: 'Use emergency access',
        childId,
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
        reasonItems: BREAK_GLASS_REASONS.map((r) => ({
          value: r.code,
          text: r.label,
          checked: values.reasonCode === r.code,
        })),
        hours: 4,
      })

    const EMERGENCY = {
      access: 'child.view',
      subject: { kind: 'emergency_access', auditAction: 'child.emergency_access' },
    } as const

    app.get('/children/:id/emergency-access', { config: EMERGENCY }, async (request, reply) =>
      emergencyForm(reply, subjectId(request), {}, NO_ERRORS, 200),
    )

    app.post('/children/:id/emergency-access', { config: EMERGENCY }, async (request, reply) => {
      const childId = subjectId(request)
      const parsed = breakGlassSchema.safeParse(request.body ?? {})
      if (!parsed.success)
        return emergencyForm(reply, childId, keptValues(request.body), formErrors(parsed.error), 400)
      const record = await loadChildRecord(db, childId)
      if (!record) return reply.callNotFound()
      const { until } = await useEmergencyAccess(
        db,
        requireUser(request),
        record,
        parsed.data,
        request.auditContext,
        now(),
      )
      const time = until.toLocaleTimeString('en-GB', {
        timeZone: 'Europe/London',
        hour: 'numeric',
        minute: '2-digit',
      })
      return reply.redirectWithMessage(
        `/children/${childId}`,
        `You have emergency access to this record until ${time}. The people responsible for it have been told, and the data protection officer will review it.`,
      )
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

    const reviewPage = async (
      reply: FastifyReply,
      id: number,
      values: Record<string, string>,
      errors: FormErrors,
      status: number,
    ) => {
      const review = await loadReview(db, id)
      if (!review) return reply.callNotFound()
      return reply.code(status).view('platform/permissions/views/access-review.njk', {
        pageTitle: `Access review ${id}`,
        review: reviewRow(review),
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
        outcomeItems: REVIEW_OUTCOMES.map((o) => ({
          value: o.code,
          text: o.label,
          checked: values.outcome === o.code,
        })),
      })
    }

    const REVIEW = { access: 'audit.view', subject: { kind: 'access_review' } } as const

    app.get('/audit/access-reviews/:id', { config: REVIEW }, async (request, reply) =>
      reviewPage(reply, subjectId(request), {}, NO_ERRORS, 200),
    )

    app.post('/audit/access-reviews/:id', { config: REVIEW }, async (request, reply) => {
      const id = subjectId(request)
      const values = keptValues(request.body)
      const parsed = closeReviewSchema.safeParse(request.body ?? {})
      if (!parsed.success) return reviewPage(reply, id, values, formErrors(parsed.error), 400)
      const user = requireUser(request)
      const closed = await db.transaction().execute(async (trx) => {
        const done = await closeReview(trx, id, {
          by: user.id,
          at: now(),
          outcome: parsed.data.outcome,
          note: parsed.data.note || null,
        })
        if (done)
          await recordAudit(trx, request.auditContext, {
            action: 'access_review.close',
            outcome: 'allowed',
            recordType: 'access_review',
            recordId: id,
            detail: { outcome: parsed.data.outcome },
          })
        return done
      })
      if (!closed)
        return reviewPage(
          reply,
          id,
          values,
          { list: [{ text: 'This review has already been closed', href: '#outcome' }], byField: {} },
          409,
        )
      return reply.redirectWithMessage(
        '/audit/access-reviews',
        `Review ${id} closed: ${OUTCOME_TEXT[parsed.data.outcome]}`,
      )
    })
  }
}

/**
 * Arranging a review child protection conference from a child's plan, with brothers and sisters
 * on open plans. Thin: the platform has checked the child the URL names (the `cp_plan` subject)
 * and audited; the service checks each brother and sister chosen. The review is then the
 * conference's own pages (invitations, reports, held with a decision for each child).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { londonDate, londonToday, longDate } from '../../platform/calendar/dates.js'
import { errorView, formRoute, type FormRefusal, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { PlanConflictError } from './plan-service.js'
import { REVIEW_ARRANGE_FIELD_IDS, REVIEW_CLOCKS, reviewArrangeSchema } from './review-model.js'
import { arrangeReviewConference, reviewOptions } from './review-service.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'

const refusal =
  (planId: number) =>
  (err: unknown): FormRefusal | null => {
    if (err instanceof PlanConflictError)
      return { field: 'form', message: err.message, href: `/cp-plans/${planId}` }
    if (err instanceof ProtectionStateError) return { field: err.field, message: err.message }
    return null
  }

/** A review clock falls due at the end of a London day: that day. */
const dueDate = (at: Date) => londonDate(at.getTime())

export function reviewRoutes(deps: ProtectionDeps) {
  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/cp-plans/:id/review-conference',
      access: 'child.edit',
      subject: { kind: 'cp_plan', auditAction: 'cp_plan.view', auditDetail: { form: 'review-conference' } },
      load: (request: FastifyRequest) => reviewOptions(deps, requireUser(request), subjectId(request)),
      schema: ({ chairs, own, siblings, plan }) =>
        reviewArrangeSchema(
          londonToday(deps.clock.now()),
          chairs.map((c) => c.id),
          own ?? { childId: plan.child_id, name: '', startDate: plan.start_date, lastReview: null },
          siblings,
        ),
      fieldIds: REVIEW_ARRANGE_FIELD_IDS,
      lists: ['siblings'],
      render: (
        _request,
        reply,
        { context: { plan, own, siblings, chairs, pending, due }, values, errors, status },
      ) => {
        const name = `${plan.given_name} ${plan.family_name}`
        if (own === null || pending !== null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle:
              own === null
                ? 'This child protection plan has ended'
                : 'A review conference is already arranged',
            paragraphs: [
              own === null
                ? `${name}’s plan ended on ${longDate(plan.end_date ?? '')}: it has no more reviews.`
                : `${name}’s next review conference is arranged for ${pending ? longDate(londonDate(pending.scheduled_at.getTime())) : ''}.`,
            ],
            links: [
              ...(pending ? [{ href: `/conferences/${pending.id}`, text: 'See the review conference' }] : []),
              { href: `/cp-plans/${plan.id}`, text: 'See the plan' },
            ],
          })
        const shown: KeptAnswers = {
          version: String(plan.version),
          siblings: siblings.map((s) => String(s.childId)),
          ...(values ?? {}),
        }
        const chosen = Array.isArray(shown.siblings) ? shown.siblings : []
        const notBefore = own.lastReview ?? own.startDate
        return reply.code(status).view('modules/protection/views/review-arrange.njk', {
          pageTitle: `Arrange a review child protection conference: ${name}`,
          plan,
          childName: name,
          values: shown,
          dueText: due
            ? `${due.clock_code === REVIEW_CLOCKS[0] ? 'The first review is due' : 'The next review is due'} by ${longDate(dueDate(due.due_at))}`
            : null,
          notBeforeText: `${own.lastReview ? 'Not before the last review on' : 'Not before the plan started on'} ${longDate(notBefore)}.`,
          siblingItems: siblings.map((s) => ({
            value: String(s.childId),
            text: s.name,
            hint: {
              text: `On a child protection plan since ${longDate(s.startDate)}${s.lastReview ? `, last reviewed ${longDate(s.lastReview)}` : ''}`,
            },
            checked: chosen.includes(String(s.childId)),
          })),
          chairItems: [
            { value: '', text: 'Select the chair' },
            ...chairs.map((c) => ({
              value: String(c.id),
              text: c.display_name,
              selected: shown.chair === String(c.id),
            })),
          ],
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        arrangeReviewConference(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, _c, id) => ({
        to: `/conferences/${id}`,
        text: `Review child protection conference arranged${input.siblingIds.length ? ` for ${input.siblingIds.length + 1} children` : ''}`,
      }),
      refusal: (err, request) => refusal(subjectId(request))(err),
      notAllowedTitle: 'You cannot arrange this review conference',
    })
  }
}

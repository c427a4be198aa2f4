/**
 * The forms of reviews and the IRO: allocating the IRO (`/children/:id/care/iro`, a manager),
 * recording a review held (`/children/:id/care/reviews/new`) and recording a review's minutes
 * distributed (`/lac-reviews/:id/minutes`, where the minutes' task on a worklist leads). Thin: the
 * platform has checked the child and audited; the schema checks the answers; one service call
 * saves, and its refusal comes back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { allow } from '../../platform/permissions/allow.js'
import type { ChildRecord } from '../../platform/permissions/allow.js'
import type { CurrentUser } from '../../platform/http/request-context.js'
import { errorView, formRoute, type FormErrors, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import {
  DELAY_REASONS,
  iroSchema,
  minutesSchema,
  PARTICIPATION,
  REVIEW_SUBJECT,
  reviewSchema,
  REVIEW_CODES,
  reviewCodeText,
} from './review-model.js'
import {
  allocateIro,
  iroChoices,
  recordMinutes,
  recordReview,
  reviewForMinutes,
  reviewSection,
} from './review-service.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import { named, carePath, careStateRefusal as refusal, careForm as form } from './route-parts.js'

/** A date's three boxes filled with a day, for a form shown the first time. */
function boxes(prefix: string, iso: string): KeptAnswers {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

/**
 * The care page's section on reviews and the IRO (views/review-section.njk): the IRO and those
 * before them, the next review due, each review held with its minutes, and the ways to record.
 */
export async function reviewSectionView(
  deps: CareDeps,
  user: CurrentUser,
  child: ChildRecord | undefined,
  record: CareRecord,
  calendar: WorkingCalendar,
) {
  const now = deps.clock.now()
  const open = record.open
  const section = await reviewSection(deps, record.child.id, open?.id ?? null)
  const may = (action: 'child.edit' | 'child.allocate') =>
    child !== undefined && allow(user, action, child, now).allowed
  const canEdit = may('child.edit')
  return {
    childId: record.child.id,
    inCare: open !== null,
    canAllocate: open !== null && may('child.allocate'),
    canRecord: open !== null && section.iro !== null && canEdit,
    iro: section.iro && { name: section.iro.iroName, since: londonToday(section.iro.from_at) },
    previousIros: section.iroHistory
      .filter((a) => a.to_at !== null)
      .map((a) => ({
        name: a.iroName,
        from: londonToday(a.from_at),
        to: londonToday(a.to_at as Date),
        reason: a.end_reason,
      })),
    next: section.next && { title: section.next.title, due: describeDue(section.next.due_at, now, calendar) },
    reviews: section.reviews.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      chair: r.chairName,
      participationText: reviewCodeText(PARTICIPATION, r.participation),
      // An imported review: the return records its date and participation, nothing more.
      imported: r.import_id !== null,
      reportText: r.report_shared_on
        ? `Shared on ${longDate(r.report_shared_on)}`
        : r.import_id !== null
          ? 'Not in the return'
          : `Not shared: ${r.report_not_shared_reason ?? ''}`,
      timeliness:
        r.import_id !== null
          ? 'Not in the return'
          : r.late_reason
            ? `Late (due by ${longDate(r.due_on as string)}): ${DELAY_REASONS.find((d) => d.code === r.late_reason)?.label ?? r.late_reason}`
            : 'On time',
      minutesOn: r.minutes_distributed_on,
      minutesDue: r.minutesDueAt && describeDue(r.minutesDueAt, now, calendar),
      canRecordMinutes: canEdit && r.minutes_distributed_on === null && r.import_id === null,
    })),
  }
}
export type ReviewSectionView = Awaited<ReturnType<typeof reviewSectionView>>

export function reviewRoutes(deps: CareDeps) {
  const today = () => londonToday(deps.clock.now())
  const load = async (request: FastifyRequest) => {
    const record = await careRecord(deps, subjectId(request))
    return { record, section: await reviewSection(deps, record.child.id, record.open?.id ?? null) }
  }
  type Loaded = Awaited<ReturnType<typeof load>>

  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: ['Reviews and the independent reviewing officer belong to an open period of care.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })

  const shown = (
    reply: FastifyReply,
    status: number,
    childId: number,
    childName: string,
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
    reply.code(status).view('modules/care/views/review-form.njk', {
      pageTitle: `${page.title}: ${childName}`,
      heading: page.title,
      kind: page.kind,
      action: page.action,
      backPath: carePath(childId),
      childName,
      button: page.button,
      values: page.values,
      ...errorView(page.errors),
      ...extra,
    })

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/iro',
      access: 'child.allocate',
      subject: form('iro'),
      load,
      schema: iroSchema,
      render: async (_request, reply, { context, values, errors, status }) => {
        const { record, section } = context as Loaded
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = values ?? {}
        const iros = await iroChoices(deps)
        return shown(
          reply,
          status,
          record.child.id,
          named(record.child),
          {
            title: section.iro
              ? 'Change the independent reviewing officer'
              : 'Allocate an independent reviewing officer',
            kind: 'iro',
            action: `${carePath(record.child.id)}/iro`,
            button: 'Allocate the IRO',
            values: v,
            errors,
          },
          {
            currentIro: section.iro?.iroName ?? null,
            iroItems: iros.map((i) => ({
              value: String(i.id),
              text: i.display_name,
              checked: v.iro === String(i.id),
            })),
          },
        )
      },
      save: (request, input) =>
        allocateIro(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }) => ({
        to: carePath(record.child.id),
        text: 'Independent reviewing officer allocated',
      }),
      refusal,
      notAllowedTitle: 'You cannot allocate this child’s independent reviewing officer',
    })

    formRoute(app, {
      path: '/children/:id/care/reviews/new',
      access: 'child.edit',
      subject: form('review'),
      load,
      schema: () => reviewSchema(deps.clock.now()),
      render: (_request, reply, { context, values, errors, status }) => {
        const { record, section } = context as Loaded
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('held', today()), ...(values ?? {}) }
        const dueOn = section.next ? longDate(londonToday(section.next.due_at)) : null
        return shown(
          reply,
          status,
          record.child.id,
          named(record.child),
          {
            title: 'Record a looked-after review',
            kind: 'review',
            action: `${carePath(record.child.id)}/reviews/new`,
            button: 'Save the review',
            values: v,
            errors,
          },
          {
            iroName: section.iro?.iroName ?? null,
            dueText: section.next && dueOn ? `${section.next.title}: due by ${dueOn}` : null,
            participationItems: PARTICIPATION.map((p) => ({
              value: p.code,
              text: `${p.code}: ${p.label}`,
              checked: v.participation === p.code,
            })),
            lateItems: [
              { value: '', text: 'Not late' },
              ...DELAY_REASONS.map((r) => ({
                value: r.code,
                text: r.label,
                selected: v.lateReason === r.code,
              })),
            ],
          },
        )
      },
      save: (request, input) =>
        recordReview(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }, saved) => ({
        to: carePath(record.child.id),
        text: saved.late ? 'Review recorded, with the reason it was late' : 'Review recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot record a review for this child',
      submission: { already: 'This review was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/lac-reviews/:id/minutes',
      access: 'child.edit',
      subject: { kind: REVIEW_SUBJECT, auditAction: 'care.view', auditDetail: { form: 'minutes' } },
      load: (request) => reviewForMinutes(deps, subjectId(request)),
      schema: () => minutesSchema(deps.clock.now()),
      render: (_request, reply, { context: review, values, errors, status }) => {
        if (review.minutes_distributed_on !== null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'The minutes are already recorded',
            paragraphs: [
              `The minutes of the review of ${longDate(review.held_on)} were distributed on ${longDate(review.minutes_distributed_on)}.`,
            ],
            links: [{ href: carePath(review.child_id), text: 'See the child’s care record' }],
          })
        const v: KeptAnswers = { ...boxes('minutes', today()), ...(values ?? {}) }
        return shown(
          reply,
          status,
          review.child_id,
          named(review),
          {
            title: 'Record the review’s minutes distributed',
            kind: 'minutes',
            action: `/lac-reviews/${review.id}/minutes`,
            button: 'Save the date',
            values: v,
            errors,
          },
          { heldText: longDate(review.held_on), minutesWorkingDays: REVIEW_CODES.minutesWorkingDays },
        )
      },
      save: (request, input) =>
        recordMinutes(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, review) => ({ to: carePath(review.child_id), text: 'Minutes recorded as distributed' }),
      refusal,
      notAllowedTitle: 'You cannot record this review’s minutes',
    })
  }
}

/** The auditor's page: search the trail by user, child and date; who has looked at a child's record. */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Db } from '../db/database.js'
import { fieldError, formErrors, type FormErrors } from '../http/form.js'
import {
  childNumberOf,
  recordAuditAlone,
  searchAudit,
  shownChildIds,
  whoViewedChild,
  type AuditSearch,
} from './audit.js'
import { actionLabel, basisLabel, outcomeLabel } from './labels.js'

/** A calendar date as the search form takes it; the real-date check runs only on that shape. */
const DAY = /^\d{4}-\d{2}-\d{2}$/
const isRealDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
const day = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    if (!DAY.test(s))
      ctx.addIssue({
        code: 'custom',
        message: 'Enter a date in the format YYYY-MM-DD, for example 2026-03-05',
      })
    else if (!isRealDay(s))
      ctx.addIssue({
        code: 'custom',
        message: 'Enter a real date in the format YYYY-MM-DD, for example 2026-03-05',
      })
  })
  .optional()

const searchSchema = z
  .object({
    username: z.string().trim().toLowerCase().max(64, 'Usernames are 64 characters or fewer').optional(),
    /** The LA child ID the record shows ("C0080449"), or the record's number (80449). */
    childId: z.string().trim().max(40, 'Child ID must be 40 characters or fewer').optional(),
    from: day,
    to: day,
    outcome: z
      .enum(['allowed', 'denied', 'failed'], { message: 'Choose allowed, denied or failed' })
      .optional(),
    page: z.coerce.number().int().positive().max(10_000).optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, {
    message: 'The start date must be on or before the end date',
    path: ['from'],
  })

const RECORD_NUMBER = /^\d{1,15}$/

/**
 * The child a search names: by the LA child ID their record shows, or by the record's number
 * (all digits), which is taken as it is, so the trail of a record since removed can still be
 * searched. A problem to show when no record shows the ID given.
 */
async function childSearched(db: Db, given: string): Promise<{ id: number } | { problem: string }> {
  if (RECORD_NUMBER.test(given) && Number(given) > 0) return { id: Number(given) }
  const id = await childNumberOf(db, given)
  return id === null
    ? { problem: 'No child’s record shows that child ID: enter the LA child ID on the record, like C0080449' }
    : { id }
}

/** Empty form fields mean "any". */
function present(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  )
}

export function auditRoutes(deps: { db: Db }) {
  const { db } = deps
  return async (app: FastifyInstance) => {
    app.get('/audit', { config: { access: 'audit.view' } }, async (request, reply) => {
      const values = present(request.query as Record<string, unknown>)
      const parsed = searchSchema.safeParse(values)
      const view = (extra: Record<string, unknown>, errors?: FormErrors) =>
        reply.code(errors ? 400 : 200).view('platform/audit/views/search.njk', {
          pageTitle: 'Audit trail',
          values,
          errors: errors?.list ?? [],
          fieldErrors: errors?.byField ?? {},
          ...extra,
        })
      if (!parsed.success) return view({ searched: false }, formErrors(parsed.error))
      const { childId: childGiven, ...s } = parsed.data
      const child = childGiven ? await childSearched(db, childGiven) : null
      if (child && 'problem' in child) return view({ searched: false }, fieldError('childId', child.problem))
      const childId = child?.id
      const search: AuditSearch = {
        ...(s.username ? { username: s.username } : {}),
        ...(childId ? { childId } : {}),
        ...(s.from ? { from: s.from } : {}),
        ...(s.to ? { to: s.to } : {}),
        ...(s.outcome ? { outcome: s.outcome } : {}),
        page: s.page ?? 1,
        pageSize: 50,
      }
      const searched = Object.keys(values).length > 0
      const results = searched ? await searchAudit(db, search) : { rows: [], total: 0 }
      const viewers = childId
        ? await whoViewedChild(db, childId, {
            ...(s.from ? { from: s.from } : {}),
            ...(s.to ? { to: s.to } : {}),
          })
        : []
      // Searching the trail is itself recorded: the auditors are audited too.
      await recordAuditAlone(db, request.auditContext, {
        action: 'audit.search',
        outcome: 'allowed',
        childId: childId ?? null,
        detail: { search: values },
      })
      const shown = await shownChildIds(db, [
        ...results.rows.flatMap((r) => (r.child_id === null ? [] : [r.child_id])),
        ...(childId ? [childId] : []),
      ])
      const page = search.page ?? 1
      const pages = Math.max(1, Math.ceil(results.total / 50))
      const link = (p: number) => `?${new URLSearchParams({ ...values, page: String(p) })}`
      return view({
        // A search's title says what was found, so a screen reader user hears the outcome first.
        ...(searched
          ? { pageTitle: `${results.total} ${results.total === 1 ? 'event' : 'events'} found – Audit trail` }
          : {}),
        searched,
        // Codes in words, and each child by the ID their record shows.
        rows: results.rows.map((r) => ({
          ...r,
          actionText: actionLabel(r.action),
          basisText: basisLabel(r.basis),
          outcomeText: outcomeLabel(r.outcome),
          childText: r.child_id === null ? null : (shown.get(r.child_id) ?? `Record ${r.child_id}`),
        })),
        total: results.total,
        viewers: viewers.map((v) => ({ ...v, basesText: v.bases.map((b) => basisLabel(b) ?? b) })),
        childId,
        childText: childId ? (shown.get(childId) ?? `number ${childId}`) : null,
        previous: page > 1 ? link(page - 1) : null,
        next: page < pages ? link(page + 1) : null,
        page,
        pages,
      })
    })
  }
}

/**
 * What the front door's pages share: the access their routes ask for, the ids a child's triage
 * route names, how a service's refusal is answered, and the tags and choices the pages show.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { describeDue } from '../../platform/calendar/due.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { ContactChildStatus, Rag } from '../../platform/db/schema.js'
import { answerRefusal } from '../../platform/http/errors.js'
import type { FormErrors } from '../../platform/http/form.js'
import type { RouteAccess } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { STATUS_TAGS, taskStatus } from '../worklists/model.js'
import type { Code } from './model.js'

/** The front door's own pages are for those who triage contacts or decide them. */
export const FRONT_DOOR: RouteAccess = ['contact.triage', 'contact.decide']

/** Runs a page handler, turning the services' refusals into 404 and 403 pages. */
export async function guarded(reply: FastifyReply, run: () => Promise<unknown>) {
  try {
    return await run()
  } catch (err) {
    return answerRefusal(reply, err, 'You do not have access to this')
  }
}

/** A child's triage route names the contact and the child on it; the platform has parsed both. */
export function contactChildRoute(request: FastifyRequest) {
  return { contactId: subjectId(request), contactChildId: subjectId(request, 'ccid') }
}

export function positiveId(value: unknown): number | null {
  const n = Number(value)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** Radios or checkboxes for a code list, the given answer (or answers) checked. */
export const items = (list: readonly Code[], selected?: unknown) =>
  list.map((c) => ({
    value: c.code,
    text: c.label,
    checked: Array.isArray(selected) ? selected.includes(c.code) : selected === c.code,
  }))

/** A decision clock as the queue and triage page show it. */
export function clockTag(dueAt: Date | null, dueSoonAt: Date | null, now: Date) {
  if (dueAt === null || dueSoonAt === null) return null
  return STATUS_TAGS[taskStatus(dueAt, dueSoonAt, now)]
}

/**
 * The statutory decision clock of a queue row: its task's times, or for a child still to be found
 * (no task yet) the times it runs to from receipt.
 */
export function statutoryClock(
  row: { statutory_due_at: Date | null; statutory_due_soon_at: Date | null },
  waiting: { dueAt: Date; dueSoonAt: Date } | null,
  now: Date,
  calendar: WorkingCalendar,
) {
  const dueAt = row.statutory_due_at ?? waiting?.dueAt ?? null
  const dueSoonAt = row.statutory_due_soon_at ?? waiting?.dueSoonAt ?? null
  return { tag: clockTag(dueAt, dueSoonAt, now), left: timeLeft(dueAt, now, calendar) }
}

/** "Due by 5:00pm today: 3 working hours left", in the authority's working hours (platform/calendar/due.ts). */
export function timeLeft(dueAt: Date | null, now: Date, calendar: WorkingCalendar): string | null {
  if (dueAt === null) return null
  const due = describeDue(dueAt, now, calendar)
  return `Due by ${due.dueBy}: ${due.left}`
}

export const STATUS_TEXT: Record<ContactChildStatus, { text: string; classes: string }> = {
  awaiting_match: { text: 'Child to be found', classes: 'govuk-tag--orange' },
  in_triage: { text: 'In triage', classes: 'govuk-tag--blue' },
  awaiting_authorisation: { text: 'Awaiting authorisation', classes: 'govuk-tag--yellow' },
  decided: { text: 'Decided', classes: 'govuk-tag--green' },
  routed_to_allocated_worker: { text: 'With allocated worker', classes: 'govuk-tag--purple' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
}

export const RAG_TAG: Record<Rag, { text: string; classes: string }> = {
  red: { text: 'Red', classes: 'govuk-tag--red' },
  amber: { text: 'Amber', classes: 'govuk-tag--orange' },
  green: { text: 'Green', classes: 'govuk-tag--green' },
}

/**
 * Errors of a list page's form (bulk decisions, authorising together), in the page's field order.
 * With `keepAll`, every problem about a field is listed (each names its own child), not only the
 * first.
 */
export function listErrors(
  problems: readonly { field: string; text: string }[],
  fieldOrder: readonly string[],
  keepAll = false,
): FormErrors {
  const order = [...fieldOrder, 'form']
  const byField: FormErrors['byField'] = {}
  const list: FormErrors['list'] = []
  const sorted = [...problems].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  for (const p of sorted) {
    if (byField[p.field] && !keepAll) continue
    if (!byField[p.field]) byField[p.field] = { text: p.text }
    list.push({ text: p.text, href: `#${p.field}` })
  }
  return { list, byField }
}

/**
 * What the front door's pages share: the access their routes ask for, the ids a child's triage
 * route names, how a service's refusal is answered, and the tags and choices the pages show.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ContactChildStatus, Rag } from '../../platform/db/schema.js'
import { answerRefusal } from '../../platform/http/errors.js'
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

export function timeLeft(dueAt: Date | null, now: Date): string | null {
  if (dueAt === null) return null
  const minutes = Math.round((dueAt.getTime() - now.getTime()) / 60_000)
  const abs = Math.abs(minutes)
  const text =
    abs < 60
      ? `${abs} min`
      : abs < 48 * 60
        ? `${Math.floor(abs / 60)} h ${abs % 60} min`
        : `${Math.floor(abs / 1440)} days`
  return minutes >= 0 ? `${text} left` : `${text} overdue`
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

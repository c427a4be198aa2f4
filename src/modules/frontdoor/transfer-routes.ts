/**
 * The transfer-in page of one child on a contact: recording what the previous authority said and
 * sent and, for a child on a plan there, handing over to child protection; then where child
 * protection's transfer-in conference stands (it is arranged and held there).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday } from '../../platform/calendar/dates.js'
import { errorView, formRoute, type ShownForm } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild } from '../../platform/http/subjects.js'
import { labelOf } from './model.js'
import { childName } from './referral-store.js'
import { contactChildRoute, FRONT_DOOR, items } from './route-views.js'
import { ContactStateError, type FrontdoorDeps } from './service-support.js'
import {
  LOCAL_AUTHORITIES,
  PLAN_CATEGORIES,
  PREVIOUS_STATUSES,
  TRANSFER_DOCUMENTS,
  TRANSFER_FIELD_IDS,
  transferInSchema,
} from './transfer-model.js'
import { recordTransferIn, viewTransferIn } from './transfer-service.js'

const SUBJECT = { kind: 'contact_child', auditAction: 'contact.triage.view' }

type Loaded = Awaited<ReturnType<typeof load>>

async function load(deps: FrontdoorDeps, request: FastifyRequest) {
  const { contactId, contactChildId } = contactChildRoute(request)
  const child = subjectChild(request)
  const name = child ? await childName(deps.db, child.childId) : null
  return {
    contactId,
    contactChildId,
    childId: child?.childId ?? null,
    name,
    ...(await viewTransferIn(deps, contactChildId)),
  }
}

/** Where child protection's transfer-in conference stands, in words. */
function conferenceStanding(p: NonNullable<Loaded['protection']>) {
  const c = p.conference
  if (c === null) return 'Not yet arranged'
  if (c.heldAt !== null) return { held: c.heldAt }
  if (c.cancelledAt !== null) return 'Cancelled'
  return { arranged: c.scheduledAt }
}

function render(reply: FastifyReply, form: ShownForm<Loaded>) {
  const { context: c, errors, status } = form
  const values = form.values ?? {}
  const t = c.transfer
  return reply.code(status).view('modules/frontdoor/views/transfer-in.njk', {
    pageTitle: c.name ? `Transfer in: ${c.name}` : 'Transfer in',
    name: c.name,
    triage: `/contacts/${c.contactId}/children/${c.contactChildId}`,
    transfer: t && {
      ...t,
      status: labelOf(PREVIOUS_STATUSES, t.previous_status),
      documents: t.documents.map((d) => labelOf(TRANSFER_DOCUMENTS, d)),
      needsConference: t.previous_status === 'cp_plan',
    },
    protection: c.protection && {
      ...c.protection,
      standing: conferenceStanding(c.protection),
      task: c.protection.tasks.find((k) => k.child_id === c.childId) ?? null,
    },
    childId: c.childId,
    values,
    authorityItems: [
      { value: '', text: 'Select an authority' },
      ...LOCAL_AUTHORITIES.map((a) => ({
        value: a.code,
        text: `${a.label} (${a.code})`,
        selected: values.la === a.code,
      })),
    ],
    categoryItems: PLAN_CATEGORIES.map((k) => ({
      value: k.code,
      text: `${k.label} (${k.code})`,
      checked: values.category === k.code,
    })),
    statusItems: PREVIOUS_STATUSES.map((s) => ({
      value: s.code,
      text: s.label,
      hint: s.hint ? { text: s.hint } : undefined,
      checked: values.previousStatus === s.code,
    })),
    documentItems: items(TRANSFER_DOCUMENTS, values.documents),
    ...errorView(errors),
  })
}

/** What became of the child's handover to child protection, for the message after saving. */
function handoverText(from: string, saved: Awaited<ReturnType<typeof recordTransferIn>>): string {
  const list = saved.manager ? `${saved.manager}’s` : 'the team’s'
  switch (saved.joined) {
    case 'own':
      return `Transfer in from ${from} recorded. Child protection already has this child’s notification: its transfer-in conference is the one shown here.`
    case 'siblings':
      return saved.withConference
        ? `Transfer in from ${from} recorded and handed to child protection with this child’s brothers and sisters on this contact: the child is added to their transfer-in conference, already arranged.`
        : `Transfer in from ${from} recorded and handed to child protection with this child’s brothers and sisters on this contact: one transfer-in conference for them all. This child’s task is on ${list} worklist.`
    case 'new':
      return saved.siblingsHeld
        ? `Transfer in from ${from} recorded and handed to child protection. The brothers’ and sisters’ transfer-in conference has been held, so this child has a transfer-in conference of their own, on ${list} worklist.`
        : `Transfer in from ${from} recorded and handed to child protection. The transfer-in conference is on ${list} worklist.`
    default:
      return `Transfer in from ${from} recorded.`
  }
}

const refusal = (err: unknown) =>
  err instanceof ContactStateError ? { field: err.field, message: err.message } : null

export function transferRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  const path = '/contacts/:id/children/:ccid/transfer-in'
  formRoute(app, {
    path,
    access: FRONT_DOOR,
    subject: SUBJECT,
    load: (request) => load(deps, request),
    schema: () => transferInSchema(londonToday(deps.clock.now())),
    fieldIds: TRANSFER_FIELD_IDS,
    lists: ['documents'],
    render: (_request, reply, form) => render(reply, form),
    save: (request, answers, c) =>
      recordTransferIn(deps, requireUser(request), c.contactChildId, answers, request.auditContext),
    done: (answers, c, saved) => ({
      to: `/contacts/${c.contactId}/children/${c.contactChildId}/transfer-in`,
      text: handoverText(answers.previousAuthority, saved),
    }),
    refusal,
  })
}

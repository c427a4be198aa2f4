/**
 * Taking a child's contact from the MASH queue to triage it, taking it over from a colleague
 * (after confirming), and releasing it. Each is a POST with the CSRF token; each goes back to the
 * page it came from (the queue with its filters and page, or the triage page).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonDate } from '../../platform/calendar/dates.js'
import { formatDateTime } from '../../platform/http/dates.js'
import { queryAnswers, readAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import {
  currentClaim,
  HeldByAnotherError,
  releaseContactChild,
  takeContactChild,
  type Claim,
} from './claim-service.js'
import { contactChildRoute, FRONT_DOOR, guarded } from './route-views.js'
import { ContactStateError, type FrontdoorDeps } from './service.js'

const CLAIM_SUBJECT = {
  kind: 'contact_child',
  action: 'child.view',
  auditAction: 'contact.triage.view',
} as const

/** Where a take or release may send the user back to: the queue or a triage page, never elsewhere. */
const RETURN_TO = /^\/(mash|contacts\/\d+\/children\/\d+)(\?[\w=&%.+-]*)?$/

export function returnTarget(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length <= 500 && RETURN_TO.test(value) ? value : fallback
}

/** "Taken by Priya Shah at 10:04am", or with the date when it was taken on another day. */
export function claimText(claim: { name: string; at: Date } | null, now: Date): string | null {
  if (claim === null) return null
  const [date, time] = formatDateTime(claim.at).split(' at ')
  const sameDay = londonDate(claim.at.getTime()) === londonDate(now.getTime())
  return sameDay ? `Taken by ${claim.name} at ${time}` : `Taken by ${claim.name} on ${date} at ${time}`
}

export function claimRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  const triageOf = (request: FastifyRequest) => {
    const { contactId, contactChildId } = contactChildRoute(request)
    return { contactChildId, triage: `/contacts/${contactId}/children/${contactChildId}` }
  }
  const options = { config: { access: FRONT_DOOR, subject: CLAIM_SUBJECT } }

  app.post('/contacts/:id/children/:ccid/take', options, async (request, reply) =>
    guarded(reply, async () => {
      const { contactChildId, triage } = triageOf(request)
      const body = readAnswers(request)
      const back = returnTarget(body.returnTo, triage)
      try {
        const { takenFrom } = await takeContactChild(
          deps,
          requireUser(request),
          contactChildId,
          { takeOver: body.confirm === 'yes' },
          request.auditContext,
        )
        return await reply.redirectWithMessage(
          back,
          takenFrom ? `You have taken this contact from ${takenFrom}` : 'You have taken this contact',
        )
      } catch (err) {
        if (err instanceof HeldByAnotherError)
          return reply.redirect(`${triage}/take?returnTo=${encodeURIComponent(back)}`, 303)
        if (err instanceof ContactStateError) return reply.redirectWithMessage(back, err.message)
        throw err
      }
    }),
  )

  // Asks before taking a contact from the colleague who holds it.
  app.get(
    '/contacts/:id/children/:ccid/take',
    { config: { access: FRONT_DOOR, subject: CLAIM_SUBJECT } },
    async (request, reply) =>
      guarded(reply, async () => {
        const { contactChildId, triage } = triageOf(request)
        const back = returnTarget(queryAnswers(request).returnTo, triage)
        const holder = await currentClaim(deps, contactChildId)
        const user = requireUser(request)
        if (holder === null || holder.userId === user.id) return reply.redirect(back, 303)
        return confirmPage(reply, holder, triage, back, deps.clock.now())
      }),
  )

  app.post('/contacts/:id/children/:ccid/release', options, async (request, reply) =>
    guarded(reply, async () => {
      const { contactChildId, triage } = triageOf(request)
      const back = returnTarget(readAnswers(request).returnTo, triage)
      try {
        await releaseContactChild(deps, requireUser(request), contactChildId, request.auditContext)
      } catch (err) {
        if (err instanceof ContactStateError) return reply.redirectWithMessage(back, err.message)
        throw err
      }
      return reply.redirectWithMessage(back, 'You have released this contact to the queue')
    }),
  )
}

function confirmPage(reply: FastifyReply, holder: Claim, triage: string, back: string, now: Date) {
  return reply.view('modules/frontdoor/views/take-confirm.njk', {
    pageTitle: `Take this contact from ${holder.name}?`,
    holderText: claimText(holder, now),
    holderName: holder.name,
    action: `${triage}/take`,
    back,
  })
}

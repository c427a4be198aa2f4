/**
 * What every page tells its reader about their session: how long it has left (for the time-out
 * warning, public/session-timeout.js), how long a session lasts (said in words on a form page,
 * so readers without JavaScript know too), and whether the form shows a kept draft.
 */
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { formatDateTime } from './dates.js'
import { draftPage } from './drafts.js'

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** "30 minutes", "10 hours": the limits as the pages say them. */
export function sessionLimits(config: Pick<Config, 'session'>): { idle: string; absolute: string } {
  return {
    idle: plural(config.session.idleMinutes, 'minute'),
    absolute: plural(config.session.absoluteHours, 'hour'),
  }
}

export function sessionView(request: FastifyRequest, config: Pick<Config, 'session'>) {
  const session = request.user ? request.session : null
  if (!session) return { sessionTimes: null, draftForm: null }
  const now = Date.now()
  const secondsTo = (at: Date) => Math.max(0, Math.floor((at.getTime() - now) / 1000))
  return {
    sessionTimes: {
      idleSecondsLeft: secondsTo(session.idleEndsAt),
      absoluteSecondsLeft: secondsTo(session.absoluteEndsAt),
      warningSeconds: config.session.warningSeconds,
      limits: sessionLimits(config),
    },
    draftForm:
      request.routeOptions.config.draft === true
        ? {
            page: draftPage(request),
            restoredAt: request.draft ? formatDateTime(request.draft.savedAt) : null,
          }
        : null,
  }
}

/**
 * The page for someone whose session has ended: back to `returnTo` once signed in again, saying
 * so when what they had entered there was `kept`.
 */
export function sessionEndedPage(
  where: { returnTo: string | null; kept: boolean },
  config: Pick<Config, 'session'>,
) {
  const limits = sessionLimits(config)
  const back = where.returnTo !== null && where.returnTo !== '/'
  return {
    pageTitle: 'Your session has ended',
    paragraphs: [
      `For your security, Haven signs you out after ${limits.idle} without activity, and after ${limits.absolute} in all.`,
      where.kept
        ? 'What you had entered on the page you were on has been kept. Sign in again to go back to it and carry on.'
        : 'Sign in again to carry on.',
    ],
    links: [
      {
        href: `/sign-in?returnTo=${encodeURIComponent(where.returnTo ?? '/')}`,
        text: back ? 'Sign in and go back to where you were' : 'Sign in again',
        testId: 'sign-in-again',
      },
    ],
  }
}

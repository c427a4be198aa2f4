/** What every request carries once the platform plugins have run. */
import type { Action, Role } from '../permissions/roles.js'
import type { Actor } from '../permissions/allow.js'
import type { AuditContext } from '../audit/audit.js'
import type { ActiveSession } from '../auth/sessions.js'
import type { ResolvedSubject, RouteSubject } from './subjects.js'
import type { RestoredDraft } from '../drafts/drafts.js'

export interface CurrentUser extends Actor {
  username: string
  displayName: string
  role: Role
  roleName: string
}

/**
 * Every route says who may reach it: `public`, `signed-in`, the action its role must grant, or a
 * list of actions any one of which will do (the MASH queue is for those who triage or decide).
 */
export type RouteAccess = 'public' | 'signed-in' | Action | readonly Action[]

declare module 'fastify' {
  interface FastifyRequest {
    cspNonce: string
    session: ActiveSession | null
    user: CurrentUser | null
    csrfToken: string
    /**
     * The post's CSRF token has been checked and was right. A handler's `callNotFound()` runs the
     * hooks again for the not-found page, when an upload's token has already been read from its
     * body (which cannot be read twice): the check is not repeated, so a not-found is a 404.
     */
    csrfChecked: boolean
    auditContext: AuditContext
    /** The record the route's URL names, once the platform has allowed it (routes that declare one). */
    subject: ResolvedSubject | null
    /** The signed-in person's unsent answers to this page's form, on a page that keeps drafts. */
    draft: RestoredDraft | null
  }
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply
  }
  interface FastifyContextConfig {
    access?: RouteAccess
    /** What the URL's ids name; the platform resolves, checks and audits it before the handler. */
    subject?: RouteSubject
    /** Only for a server-to-server POST that proves itself otherwise (a signed logout token). */
    csrf?: 'exempt'
    /**
     * The page's form keeps what its author types as a draft until it is sent (http/drafts.ts):
     * set on the GET that shows the form and the POST it sends to, at the same path.
     */
    draft?: true
    /** `peek`: the request does not count as activity (asking how long the session has left). */
    session?: 'peek'
  }
}

/**
 * The signed-in user of a route that is not public. The platform has refused the request before
 * the handler when there is none, so a missing user here is a route declared `public` by mistake.
 */
export function requireUser(request: { user: CurrentUser | null }): CurrentUser {
  if (!request.user) throw new Error('requireUser: the route is public, so there is no user')
  return request.user
}

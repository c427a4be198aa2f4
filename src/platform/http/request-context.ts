/** What every request carries once the platform plugins have run. */
import type { Action, Role } from '../permissions/roles.js'
import type { Actor } from '../permissions/allow.js'
import type { AuditContext } from '../audit/audit.js'
import type { ActiveSession } from '../auth/sessions.js'

export interface CurrentUser extends Actor {
  username: string
  displayName: string
  role: Role
  roleName: string
}

/** Every route says who may reach it: `public`, `signed-in`, or the action its role must grant. */
export type RouteAccess = 'public' | 'signed-in' | Action

declare module 'fastify' {
  interface FastifyRequest {
    cspNonce: string
    session: ActiveSession | null
    user: CurrentUser | null
    csrfToken: string
    auditContext: AuditContext
  }
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply
  }
  interface FastifyContextConfig {
    access?: RouteAccess
    /** Only for a server-to-server POST that proves itself otherwise (a signed logout token). */
    csrf?: 'exempt'
  }
}

/**
 * The front door's pages, one file for each group: recording a contact, the MASH queue and police
 * notifications, each child's triage, the decision, and referrals awaiting allocation. Thin: check
 * the answers against a schema, call the service, render. The partner agencies' pages are in
 * `partner-routes.ts`; what the pages share is in `route-views.ts`.
 */
import type { FastifyInstance } from 'fastify'
import { authorisationRoutes } from './authorisation-routes.js'
import { contactRoutes } from './contact-routes.js'
import { decisionRoutes } from './decision-routes.js'
import { encompassRoutes } from './encompass-routes.js'
import { outOfHoursRoutes } from './out-of-hours-routes.js'
import { queueRoutes } from './queue-routes.js'
import { referralRoutes } from './referral-routes.js'
import type { FrontdoorDeps } from './service.js'
import { transferRoutes } from './transfer-routes.js'
import { triageRoutes } from './triage-routes.js'

export function frontdoorRoutes(deps: FrontdoorDeps) {
  return async (app: FastifyInstance) => {
    queueRoutes(app, deps)
    contactRoutes(app, deps)
    triageRoutes(app, deps)
    decisionRoutes(app, deps)
    authorisationRoutes(app, deps)
    referralRoutes(app, deps)
    encompassRoutes(app, deps)
    transferRoutes(app, deps)
    outOfHoursRoutes(app, deps)
  }
}

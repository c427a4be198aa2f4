/**
 * What the triage page shows beside triage itself: who has taken the child's contact (with the
 * take and release buttons), the way back to the MASH queue as it was left, and Operation
 * Encompass's clock and record.
 */
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import type { FastifyRequest } from 'fastify'
import { requireUser } from '../../platform/http/request-context.js'
import { currentClaim } from './claim-service.js'
import { claimText, returnTarget } from './claim-routes.js'
import { SCHOOL_NOTICE_METHODS, viewSchoolNotice } from './encompass-service.js'
import { QUEUE_COOKIE } from './queue-routes.js'
import { clockTag, items, timeLeft } from './route-views.js'
import type { FrontdoorDeps } from './service.js'
import { policeRiskRows } from './police-notifications.js'

export async function triagePanels(deps: FrontdoorDeps, request: FastifyRequest, contactChildId: number) {
  const now = deps.clock.now()
  const user = requireUser(request)
  const [claim, school] = await Promise.all([
    currentClaim(deps, contactChildId),
    viewSchoolNotice(deps, contactChildId),
  ])
  const method = SCHOOL_NOTICE_METHODS.find((m) => m.code === school.notice?.method)
  return {
    claim: {
      text: claimText(claim, now),
      mine: claim?.userId === user.id,
    },
    policeRisk: school.policeRisk && policeRiskRows(school.policeRisk),
    queueHref: returnTarget(request.cookies[QUEUE_COOKIE], '/mash'),
    encompass:
      school.clock === null && school.notice === null
        ? null
        : {
            notice: school.notice && { ...school.notice, methodText: method?.label ?? null },
            tag:
              school.clock && !school.clock.stopped_at
                ? clockTag(school.clock.due_at, school.clock.due_soon_at, now)
                : null,
            dueAt: school.clock?.due_at ?? null,
            left:
              school.clock && !school.clock.stopped_at
                ? timeLeft(school.clock.due_at, now, await loadWorkingCalendar(deps.db))
                : null,
            methodItems: items(SCHOOL_NOTICE_METHODS),
          },
  }
}

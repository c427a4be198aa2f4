/** Each front door measure's page: its definition, figure, breakdown and the children behind it. */
import type { FastifyInstance } from 'fastify'
import { queryAnswers } from '../../platform/http/form.js'
import { pageFromQuery, paginationFor } from '../../platform/http/paged-list.js'
import { requireUser } from '../../platform/http/request-context.js'
import { MEASURE_PAGE_SIZE, viewMeasure } from './measure-service.js'
import { FRONTDOOR_MEASURES } from './measures.js'
import { guarded } from './route-views.js'
import type { FrontdoorDeps } from './service.js'

export function measureRoutes(deps: FrontdoorDeps) {
  return async (app: FastifyInstance) => {
    // One page for each measure: a URL that names no record, so nothing for the platform to resolve.
    for (const { code } of FRONTDOOR_MEASURES)
      app.get(`/measures/${code}`, { config: { access: 'worklist.view' } }, async (request, reply) =>
        guarded(reply, async () => {
          const query = queryAnswers(request)
          const text = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined)
          const page = pageFromQuery(query, MEASURE_PAGE_SIZE)
          const view = await viewMeasure(deps, requireUser(request), request.auditContext, code, {
            part: text('part'),
            month: text('month'),
            category: text('category'),
            page,
          })
          const filters: Record<string, string> = {
            ...(view.part === 'denominator' && view.measure.numerator ? { part: 'denominator' } : {}),
            ...(view.filter.month ? { month: view.filter.month } : {}),
            ...(view.filter.category ? { category: view.filter.category } : {}),
          }
          return reply.view('modules/frontdoor/views/measure.njk', {
            pageTitle: view.measure.title,
            ...view,
            pagination: paginationFor(page, view.children.total, filters, 'children'),
          })
        }),
      )
  }
}

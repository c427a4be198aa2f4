/** The child's record page. */
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../platform/db/database.js'
import type { CurrentUser } from '../../platform/http/request-context.js'
import { STATUS_TAGS, taskStatus } from '../worklists/model.js'
import { NotAllowedError, NotFoundError, viewChildRecord } from './service.js'

export function peopleRoutes(deps: { db: Db }) {
  const { db } = deps
  return async (app: FastifyInstance) => {
    app.get('/children/:id', { config: { access: 'child.view' } }, async (request, reply) => {
      const id = Number((request.params as { id: string }).id)
      if (!Number.isSafeInteger(id) || id <= 0) return reply.callNotFound()
      try {
        const record = await viewChildRecord(db, request.user as CurrentUser, id, request.auditContext)
        const now = new Date()
        return reply.view('modules/people/views/child.njk', {
          pageTitle: `${record.child.given_name} ${record.child.family_name}`,
          ...record,
          tasks: record.tasks.map((t) => ({
            ...t,
            tag: t.stopped_at
              ? t.closed_by === 'cancel'
                ? { text: 'Cancelled', classes: 'govuk-tag--grey' }
                : t.stopped_at <= t.due_at
                  ? { text: 'Done on time', classes: 'govuk-tag--green' }
                  : { text: 'Done late', classes: 'govuk-tag--yellow' }
              : STATUS_TAGS[taskStatus(t.due_at, t.due_soon_at, now)],
          })),
        })
      } catch (err) {
        if (err instanceof NotFoundError) return reply.callNotFound()
        if (err instanceof NotAllowedError) {
          return reply.code(403).view('platform/views/message.njk', {
            pageTitle: 'You do not have access to this record',
            paragraphs: [
              err.reason,
              'Your attempt has been recorded. If you need access, ask the child’s team manager.',
            ],
          })
        }
        throw err
      }
    })
  }
}

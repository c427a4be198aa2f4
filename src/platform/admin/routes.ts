/**
 * User administration: see accounts, disable (with a reason) and re-enable them. The people
 * module administers agencies, teams, merges and each member of staff's team and job.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Db } from '../db/database.js'
import { disableUser, enableUser, UserError } from '../auth/users.js'
import { errorView, formRoute } from '../http/form.js'
import { requireUser } from '../http/request-context.js'
import { ROLE_NAMES, type Role } from '../permissions/roles.js'
import { listUsers } from './store.js'

const disableSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Enter why the account is being disabled')
    .max(500, 'The reason must be 500 characters or fewer'),
})

export function adminRoutes(deps: { db: Db }) {
  const { db } = deps
  return async (app: FastifyInstance) => {
    const renderList = async (reply: FastifyReply, extra: Record<string, unknown> = {}) => {
      const users = (await listUsers(db)).map((u) => ({
        ...u,
        roleName: ROLE_NAMES[u.role as Role] ?? u.role,
      }))
      return reply.view('platform/admin/views/users.njk', {
        pageTitle: 'Users',
        section: 'users',
        users,
        ...extra,
      })
    }

    app.get('/admin/users', { config: { access: 'users.manage' } }, async (_request, reply) =>
      renderList(reply),
    )

    formRoute(app, {
      path: '/admin/users/:username/disable',
      access: 'users.manage',
      subject: { kind: 'staff_account' },
      load: (request) => ({
        username: (request.params as { username: string }).username,
        me: requireUser(request).username,
      }),
      // Disabling your own account would lock you out mid-sentence: refused as a bad answer.
      schema: ({ username, me }) =>
        disableSchema.refine(() => username !== me, {
          message: 'You cannot disable your own account',
          path: ['reason'],
        }),
      render: (_request, reply, { context, values, errors, status }) =>
        reply.code(status).view('platform/admin/views/disable.njk', {
          pageTitle: 'Disable account',
          username: context.username,
          values: values ?? {},
          ...errorView(errors),
        }),
      save: (request, { reason }, { username }) => disableUser(db, username, reason, request.auditContext),
      done: (_answers, { username }) => ({
        to: '/admin/users',
        text: `${username}’s account is disabled and their sessions have ended`,
      }),
      refusal: (err) =>
        err instanceof UserError ? { field: 'reason', message: err.message, status: 400 } : null,
    })

    app.post(
      '/admin/users/:username/enable',
      { config: { access: 'users.manage', subject: { kind: 'staff_account' } } },
      async (request, reply) => {
        const { username } = request.params as { username: string }
        try {
          await enableUser(db, username, request.auditContext)
        } catch (err) {
          if (err instanceof UserError) return reply.callNotFound()
          throw err
        }
        return reply.redirectWithMessage('/admin/users', `${username}’s account is enabled`)
      },
    )
  }
}

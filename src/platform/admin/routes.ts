/**
 * User administration: see accounts, disable (with a reason) and re-enable them. The people
 * module administers agencies, teams, merges and each member of staff's team and job.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Db } from '../db/database.js'
import { disableUser, enableUser, UserError } from '../auth/users.js'
import { formErrors, singleError, type FormErrors } from '../http/forms.js'
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

    app.get(
      '/admin/users/:username/disable',
      { config: { access: 'users.manage', subject: { kind: 'staff_account' } } },
      async (request, reply) => {
        const { username } = request.params as { username: string }
        return reply.view('platform/admin/views/disable.njk', {
          pageTitle: 'Disable account',
          username,
          values: {},
          fieldErrors: {},
        })
      },
    )

    app.post(
      '/admin/users/:username/disable',
      { config: { access: 'users.manage', subject: { kind: 'staff_account' } } },
      async (request, reply) => {
        const { username } = request.params as { username: string }
        const body = (request.body ?? {}) as Record<string, unknown>
        const parsed = disableSchema.safeParse(body)
        const fail = (errors: FormErrors) =>
          reply.code(400).view('platform/admin/views/disable.njk', {
            pageTitle: 'Disable account',
            username,
            values: { reason: typeof body.reason === 'string' ? body.reason : '' },
            errors: errors.list,
            fieldErrors: errors.byField,
          })
        if (!parsed.success) return fail(formErrors(parsed.error))
        if (username === request.user?.username)
          return fail(singleError('reason', 'You cannot disable your own account'))
        try {
          await disableUser(db, username, parsed.data.reason, request.auditContext)
        } catch (err) {
          if (err instanceof UserError) return fail(singleError('reason', err.message))
          throw err
        }
        return reply.redirectWithMessage(
          '/admin/users',
          `${username}’s account is disabled and their sessions have ended`,
        )
      },
    )

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

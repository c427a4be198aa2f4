/**
 * Administration of single sign-on: which of the authority's groups give which Haven role (and
 * team), and the accounts made at a first sign-in that wait for an administrator to confirm or
 * refuse them. Thin: parse, call the single sign-on service (which audits), render.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Db } from '../db/database.js'
import { errorView, formRoute } from '../http/form.js'
import { requireUser } from '../http/request-context.js'
import { subjectId } from '../http/subjects.js'
import { groupMappingSchema } from '../auth/sso/model.js'
import {
  addGroupMapping,
  listAwaitingAccounts,
  loadAwaitingAccount,
  removeGroupMapping,
  settleAwaitingAccount,
  SsoAdminError,
  SsoNotFoundError,
} from '../auth/sso/service.js'
import { listMappingsForAdmin, listTeamChoices } from '../auth/sso/store.js'
import { ROLE_NAMES, ROLES, type Role } from '../permissions/roles.js'
import { formatDateTime } from '../http/dates.js'

const refuseSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Enter why the account is being refused')
    .max(500, 'The reason must be 500 characters or fewer'),
})

export function ssoAdminRoutes(deps: { db: Db; ssoEnabled: boolean }) {
  const { db, ssoEnabled } = deps
  return async (app: FastifyInstance) => {
    const user = (request: FastifyRequest) => requireUser(request)
    const roleName = (role: string) => ROLE_NAMES[role as Role] ?? role
    const notFound = (err: unknown) => err instanceof SsoNotFoundError

    // ---- Group mappings ----------------------------------------------------------------------

    app.get('/admin/sso/groups', { config: { access: 'users.manage' } }, async (request, reply) => {
      const mappings = (await listMappingsForAdmin(db)).map((m) => ({
        ...m,
        roleName: roleName(m.role),
        added: formatDateTime(m.created_at),
      }))
      return reply.view('platform/admin/views/sso-groups.njk', {
        pageTitle: 'Single sign-on groups',
        section: 'sso-groups',
        mappings,
        ssoEnabled,
      })
    })

    formRoute(app, {
      path: '/admin/sso/groups/new',
      access: 'users.manage',
      load: () => listTeamChoices(db),
      schema: groupMappingSchema,
      render: (_request, reply, { context: teams, values, errors, status }) => {
        const given = values ?? {}
        return reply.code(status).view('platform/admin/views/sso-group-new.njk', {
          pageTitle: 'Add a single sign-on group',
          section: 'sso-groups',
          values: given,
          roleItems: ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r], checked: given.role === r })),
          teamItems: [
            { value: '', text: 'No team (keep the team an administrator sets)', selected: !given.teamId },
            ...teams.map((t) => ({
              value: String(t.id),
              text: t.name,
              selected: given.teamId === String(t.id),
            })),
          ],
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        addGroupMapping(db, input, { ...request.auditContext, userId: user(request).id }),
      done: (input) => ({
        to: '/admin/sso/groups',
        text: `Group ${input.groupId} now gives the role ${roleName(input.role)}`,
      }),
      refusal: (err) => (err instanceof SsoAdminError ? { field: err.field, message: err.message } : null),
    })

    app.post(
      '/admin/sso/groups/:id/remove',
      { config: { access: 'users.manage', subject: { kind: 'sso_group_mapping' } } },
      async (request, reply) => {
        const id = subjectId(request)
        let groupId: string
        try {
          groupId = await removeGroupMapping(db, id, request.auditContext)
        } catch (err) {
          if (notFound(err)) return reply.callNotFound()
          throw err
        }
        return reply.redirectWithMessage('/admin/sso/groups', `The mapping for group ${groupId} is removed`)
      },
    )

    // ---- Accounts awaiting confirmation -----------------------------------------------------

    app.get('/admin/users/awaiting', { config: { access: 'users.manage' } }, async (request, reply) => {
      const accounts = (await listAwaitingAccounts(db)).map((a) => ({
        ...a,
        firstSignIn: formatDateTime(a.created_at),
      }))
      return reply.view('platform/admin/views/sso-awaiting.njk', {
        pageTitle: 'Accounts to confirm',
        section: 'awaiting',
        accounts,
      })
    })

    app.post(
      '/admin/users/:username/confirm',
      { config: { access: 'users.manage', subject: { kind: 'staff_account' } } },
      async (request, reply) => {
        const { username } = request.params as { username: string }
        try {
          await settleAwaitingAccount(db, username, null, request.auditContext)
        } catch (err) {
          if (notFound(err)) return reply.callNotFound()
          throw err
        }
        return reply.redirectWithMessage(
          '/admin/users/awaiting',
          `${username}’s account is confirmed: they can sign in now`,
        )
      },
    )

    formRoute(app, {
      path: '/admin/users/:username/refuse',
      access: 'users.manage',
      subject: { kind: 'staff_account' },
      load: async (request) => {
        const username = (request.params as { username: string }).username
        return { username, account: await loadAwaitingAccount(db, username) }
      },
      schema: refuseSchema,
      render: (_request, reply, { context: { username, account }, values, errors, status }) =>
        reply.code(status).view('platform/admin/views/reason.njk', {
          pageTitle: `Refuse ${account.display_name}’s account`,
          section: 'awaiting',
          back: '/admin/users/awaiting',
          action: `/admin/users/${encodeURIComponent(username)}/refuse`,
          rows: [
            { key: { text: 'Name' }, value: { text: account.display_name } },
            { key: { text: 'Email' }, value: { text: account.email ?? 'Not given' } },
            { key: { text: 'Role from their groups' }, value: { text: account.roleName } },
          ],
          explanation:
            'A refused account stays disabled: the person cannot use Haven, however they sign in. You can enable it later from the users page.',
          reasonLabel: 'Why is the account being refused?',
          buttonText: 'Refuse account',
          done: false,
          values: values ?? {},
          ...errorView(errors),
        }),
      save: (request, { reason }, { username }) =>
        settleAwaitingAccount(db, username, reason, request.auditContext),
      done: (_answers, { username }) => ({
        to: '/admin/users/awaiting',
        text: `${username}’s account is refused`,
      }),
    })
  }
}

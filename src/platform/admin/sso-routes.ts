/**
 * Administration of single sign-on: which of the authority's groups give which Haven role (and
 * team), and the accounts made at a first sign-in that wait for an administrator to confirm or
 * refuse them. Thin: parse, call the single sign-on service (which audits), render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Db } from '../db/database.js'
import type { FormErrors } from '../http/forms.js'
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
import { formPage } from './form-page.js'

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

    const renderMappingForm = async (
      _request: FastifyRequest,
      reply: FastifyReply,
      _key: 'new',
      given: Record<string, string> | null,
      errors: FormErrors,
      status: number,
    ) => {
      const values = given ?? {}
      const teams = await listTeamChoices(db)
      return reply.code(status).view('platform/admin/views/sso-group-new.njk', {
        pageTitle: 'Add a single sign-on group',
        section: 'sso-groups',
        values,
        roleItems: ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r], checked: values.role === r })),
        teamItems: [
          { value: '', text: 'No team (keep the team an administrator sets)', selected: !values.teamId },
          ...teams.map((t) => ({
            value: String(t.id),
            text: t.name,
            selected: values.teamId === String(t.id),
          })),
        ],
        errors: errors.list,
        fieldErrors: errors.byField,
      })
    }

    formPage(app, {
      path: '/admin/sso/groups/new',
      access: 'users.manage',
      key: () => 'new' as const,
      render: renderMappingForm,
      schema: groupMappingSchema,
      save: (request, _key, input) =>
        addGroupMapping(db, input, { ...request.auditContext, userId: user(request).id }),
      done: (_key, input) => ({
        to: '/admin/sso/groups',
        text: `Group ${input.groupId} now gives the role ${roleName(input.role)}`,
      }),
      refusal: (err) => (err instanceof SsoAdminError ? { field: err.field, message: err.message } : null),
      notFound,
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

    const renderRefuse = async (
      _request: FastifyRequest,
      reply: FastifyReply,
      username: string,
      values: Record<string, string> | null,
      errors: FormErrors,
      status: number,
    ) => {
      const account = await loadAwaitingAccount(db, username)
      return reply.code(status).view('platform/admin/views/reason.njk', {
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
        errors: errors.list,
        fieldErrors: errors.byField,
      })
    }

    formPage(app, {
      path: '/admin/users/:username/refuse',
      access: 'users.manage',
      subject: { kind: 'staff_account' },
      key: (request) => (request.params as { username: string }).username,
      render: renderRefuse,
      schema: refuseSchema,
      save: (request, username, { reason }) =>
        settleAwaitingAccount(db, username, reason, request.auditContext),
      done: (username) => ({ to: '/admin/users/awaiting', text: `${username}’s account is refused` }),
      refusal: () => null,
      notFound,
    })
  }
}

/**
 * User administration: see accounts, disable (with a reason) and re-enable them. The people
 * module administers agencies, teams, merges and each member of staff's team and job.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Db } from '../db/database.js'
import { token } from '../auth/sessions.js'
import { addUser, AGENCIES, disableUser, enableUser, usernameField, UserError } from '../auth/users.js'
import { errorView, formRoute, queryAnswers, SHORT_ANSWER_MAX, shortAnswer } from '../http/form.js'
import { pageFromQuery, paginationFor } from '../http/paged-list.js'
import { requireUser } from '../http/request-context.js'
import { ROLE_NAMES, ROLES, type Role } from '../permissions/roles.js'
import { listUsers, teamNames } from './store.js'

const disableSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Enter why the account is being disabled')
    .max(500, 'The reason must be 500 characters or fewer'),
})

const USERS_PAGE = 50

const AGENCY_NAMES: Record<(typeof AGENCIES)[number], string> = {
  police: 'Police',
  health: 'Health',
  education: 'Education',
  probation: 'Probation',
  other: 'Another agency',
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

/** The add-a-user form; the service checks the same rules again for the command line's sake. */
const newAccountSchema = z
  .object({
    displayName: shortAnswer('The name', 'Enter the person’s full name'),
    email: optional(z.email('Enter an email address in the correct format, like name@example.gov.uk')),
    username: usernameField,
    role: z.enum(ROLES, { message: 'Choose the person’s role' }),
    teamName: optional(z.string().trim().max(SHORT_ANSWER_MAX)),
    agency: optional(z.enum(AGENCIES, { message: 'Choose an agency from the list' })),
    jobTitle: optional(z.string().trim().max(100, 'The job title must be 100 characters or fewer')),
  })
  .refine((u) => u.role !== 'partner_practitioner' || u.agency !== undefined, {
    message: 'Choose the agency of a partner agency practitioner',
    path: ['agency'],
  })

export function adminRoutes(deps: { db: Db }) {
  const { db } = deps
  return async (app: FastifyInstance) => {
    const renderList = async (request: FastifyRequest, reply: FastifyReply) => {
      const query = queryAnswers(request)
      const text = typeof query.q === 'string' ? query.q.slice(0, SHORT_ANSWER_MAX) : ''
      const page = pageFromQuery(query, USERS_PAGE)
      const { rows, total } = await listUsers(db, { text, ...page })
      return reply.view('platform/admin/views/users.njk', {
        pageTitle: text ? `Users matching ‘${text}’` : 'Users',
        section: 'users',
        users: rows.map((u) => ({ ...u, roleName: ROLE_NAMES[u.role as Role] ?? u.role })),
        search: text,
        pagination: paginationFor(page, total, text ? { q: text } : {}, 'users'),
      })
    }

    app.get('/admin/users', { config: { access: 'users.manage' } }, renderList)

    formRoute(app, {
      path: '/admin/users/new',
      access: 'users.manage',
      load: () => teamNames(db),
      schema: newAccountSchema,
      render: (_request, reply, { context: teams, values, errors, status }) => {
        const v = values ?? {}
        const chosen = (name: string) => (typeof v[name] === 'string' ? v[name] : '')
        return reply.code(status).view('platform/admin/views/user-new.njk', {
          pageTitle: 'Add a user',
          section: 'users',
          values: v,
          roleItems: ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r], checked: chosen('role') === r })),
          teamItems: [
            { value: '', text: 'No team' },
            ...teams.map((t) => ({ value: t.name, text: t.name, selected: chosen('teamName') === t.name })),
          ],
          agencyItems: [
            { value: '', text: 'Not a partner agency' },
            ...AGENCIES.map((a) => ({ value: a, text: AGENCY_NAMES[a], selected: chosen('agency') === a })),
          ],
          ...errorView(errors),
        })
      },
      // The first password is made here, shown once to the administrator, who passes it on as
      // they would one set with `haven users add`; it is never typed into a form or kept in a draft.
      save: async (request, answers) => {
        const password = token(12)
        const user = await addUser(
          db,
          {
            username: answers.username,
            displayName: answers.displayName,
            role: answers.role,
            password,
            ...(answers.email ? { email: answers.email } : {}),
            ...(answers.teamName ? { teamName: answers.teamName } : {}),
            ...(answers.agency ? { agency: answers.agency } : {}),
            ...(answers.jobTitle ? { jobTitle: answers.jobTitle } : {}),
          },
          request.auditContext,
        )
        return { user, password }
      },
      done: (_answers, _teams, { user, password }) => ({
        to: `/admin/users?q=${encodeURIComponent(user.username)}`,
        text: `${user.display_name}’s account is added. Their username is ${user.username} and their first password is ${password} — give it to them yourself; it is not shown again.`,
      }),
      refusal: (err) => {
        if (!(err instanceof UserError)) return null
        if (err.message.includes('already taken'))
          return { field: 'username', message: err.message, status: 409 }
        if (err.message.includes('no team')) return { field: 'teamName', message: err.message, status: 400 }
        return { field: 'username', message: err.message, status: 400 }
      },
    })

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

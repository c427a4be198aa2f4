/**
 * `createApp(services)`: the one place the web application is wired, in a fixed order —
 * health → security headers → request id → session → body parsing → static → views →
 * authentication → CSRF → current user → module routes → not found → error handler.
 */
import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import { sql } from 'kysely'
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import { logger as processLogger, type Logger } from '../logging.js'
import { resumeSession, token } from '../auth/sessions.js'
import { systemClock, type Clock } from '../calendar/clock.js'
import { formDrafts, resolveDraftKey } from '../drafts/drafts.js'
import { draftHooks, draftPage, keptAfterSessionEnded } from './drafts.js'
import { submissionHooks } from './submission.js'
import { sessionEndedPage, sessionView } from './session-view.js'
import { ROLE_NAMES, roleGrants, type Role } from '../permissions/roles.js'
import { flashMessages, takeFlash } from './flash.js'
import { edge, PAGE_NOT_FOUND, RefusedInput, setAsideUnreadable } from './edge.js'
import { navigationFor, orderNavigation, type AdminSection, type NavigationEntry } from './navigation.js'
import { requestLog } from './request-log.js'
import { newNonce, sameToken, securityHeaders } from './security.js'
import { ASSET_DIRS, createViews } from './views.js'
import { MULTIPART, uploads, uploadToken } from './uploads.js'
import type { CurrentUser, RouteAccess } from './request-context.js'
import { recordAuditAlone } from '../audit/audit.js'
import { routeName, subjectGuard, type RouteSubject, type SubjectKinds } from './subjects.js'
import './request-context.js'

export const SESSION_COOKIE = 'haven_session'
export const ANON_CSRF_COOKIE = 'haven_csrf'

export interface AppDependencies {
  config: Config
  db: Db
  /** Module routes, registered after the platform's own plugins. */
  routes: ((app: FastifyInstance) => void | Promise<void>)[]
  /** The kinds of record routes may name as their subject, described by the modules that own them. */
  subjects?: SubjectKinds
  /** The service navigation's entries, the platform's and every module's (shown by role, in order). */
  navigation?: readonly NavigationEntry[]
  /** The administration pages' sections, the platform's and the modules', for their own navigation. */
  adminSections?: readonly AdminSection[]
  /** `true` logs to the process's logger; a logger of its own (tests) is written to instead. */
  logger?: boolean | Logger
  /** A line shown to signed-in staff on every page while it returns one (the demo still loading). */
  notice?: () => string | null
  /**
   * The application's time (the system's unless a test fixes it): what drafts are kept by, and what
   * the route guards check grants against.
   */
  clock?: Clock
}

/** One row of the route table, as registered: what the sweep test walks. */
export interface RouteEntry {
  method: string
  url: string
  access: RouteAccess
  subject: RouteSubject | undefined
  /** Whether it takes files (a multipart body) rather than a form's answers. */
  takesFiles: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its access rule and subject. */
    routeTable: RouteEntry[]
  }
}

/** Whether the member of staff's role grants the route's access (any one of a list will do). */
export function accessGranted(role: Role, access: RouteAccess): boolean {
  if (access === 'public' || access === 'signed-in') return true
  return typeof access === 'string' ? roleGrants(role, access) : access.some((a) => roleGrants(role, a))
}

/** Route parameters every route with one in its URL must account for through its subject. */
function urlParams(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1] as string)
}

export async function createApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, db } = deps
  const logger = deps.logger === true ? processLogger : deps.logger || undefined
  const app = Fastify({
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : {}),
    // Fastify's request lines carry the URL, which can hold personal data: request-log.ts instead.
    logController: new LogController({ disableRequestLogging: true }),
    // Haven's own id for every request: a client's X-Request-Id is never stored (request-log.ts
    // may log it beside, when it is only hex digits and dashes).
    genReqId: () => randomUUID(),
    bodyLimit: 256 * 1024,
    rewriteUrl: setAsideUnreadable,
    // Only configured proxies are believed about the client's address (X-Forwarded-For).
    trustProxy: config.http.trustedProxies.length ? config.http.trustedProxies : false,
  })
  const drafts = formDrafts({
    db,
    key: resolveDraftKey(config),
    clock: deps.clock ?? systemClock,
    keepDays: config.drafts.keepDays,
  })
  const views = createViews({
    watch: config.environment === 'development' && process.env.HAVEN_WATCH_VIEWS === 'true',
  })

  // Every route must say who may reach it, and a route whose URL names a record must say what
  // kind of record, so the platform checks it: either missing fails at start-up.
  const subjects = deps.subjects ?? {}
  const navigation = orderNavigation(deps.navigation ?? [])
  const adminSections = [...(deps.adminSections ?? [])].sort((a, b) => a.order - b.order)
  app.decorate('routeTable', [] as RouteEntry[])
  app.addHook('onRoute', (route) => {
    // Stylesheets, scripts, fonts and images from the design systems are for everyone.
    if (route.url.startsWith('/assets/')) {
      route.config = { ...route.config, access: 'public' }
      return
    }
    const access = route.config?.access
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare its access rule`)
    // A route that takes files takes a multipart body, and nothing else does.
    if (route.config?.upload) route.config = { ...route.config, bodyTypes: [MULTIPART] }
    const subject = route.config?.subject
    const params = urlParams(route.url)
    if (params.length && !subject)
      throw new Error(`Route ${route.method} ${route.url} names a record but does not declare its subject`)
    if (subject) {
      const kind = subjects[subject.kind]
      if (!kind)
        throw new Error(`Route ${route.method} ${route.url} names an unknown subject "${subject.kind}"`)
      const missing = params.filter((p) => !(p in kind.params) && !(subject.extraParams ?? []).includes(p))
      if (missing.length)
        throw new Error(
          `Route ${route.method} ${route.url}: the subject does not account for :${missing.join(', :')}`,
        )
    }
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        app.routeTable.push({
          method,
          url: route.url,
          access,
          subject,
          takesFiles: Boolean(route.config?.upload),
        })
  })

  requestLog(app)

  // health
  // Both are public: status only. Why a dependency is down goes to the log, not to the caller.
  app.get('/health', { config: { access: 'public' } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(db)
      return reply.send({ status: 'UP', components: { database: { status: 'UP' } } })
    } catch (err) {
      request.log.error({ err }, 'health: the database did not answer')
      return reply.code(503).send({ status: 'DOWN', components: { database: { status: 'DOWN' } } })
    }
  })
  app.get('/info', { config: { access: 'public' } }, async () => ({
    name: 'haven',
    version: config.version,
    // The exact build tells an attacker which fixes it lacks: outside production only.
    ...(config.environment === 'production' ? {} : { commit: config.commit }),
    environment: config.environmentName || config.environment,
  }))

  // security headers and request id
  app.addHook('onRequest', async (request, reply) => {
    request.cspNonce = newNonce()
    request.session = null
    request.user = null
    request.csrfToken = ''
    request.csrfChecked = false
    request.subject = null
    request.auditContext = {
      userId: null,
      username: null,
      requestId: request.id,
      ip: request.ip,
      sessionId: null,
    }
    securityHeaders(request, reply)
    reply.header('X-Request-Id', request.id)
  })

  // bad input refused at the edge: methods, unreadable URLs, bodies that are not forms
  edge(app)
  // Files, only on routes that declare `upload` (uploads.ts).
  await uploads(app)

  await app.register(cookie)

  // session
  app.addHook('onRequest', async (request) => {
    const value = request.cookies[SESSION_COOKIE]
    if (!value) return
    request.session = await resumeSession(db, value, config.session, {
      touch: request.routeOptions.config.session !== 'peek',
    })
  })

  // body parsing: edge.ts's form parser (forms only, strictly read)

  // messages for the next page, held in the session
  flashMessages(app, db)

  // static assets
  await app.register(fastifyStatic, {
    root: ASSET_DIRS.govuk,
    prefix: '/assets/govuk/',
    decorateReply: false,
  })
  await app.register(fastifyStatic, { root: ASSET_DIRS.moj, prefix: '/assets/moj/', decorateReply: false })
  await app.register(fastifyStatic, {
    root: ASSET_DIRS.haven,
    prefix: '/assets/haven/',
    decorateReply: false,
  })
  await app.register(fastifyStatic, {
    root: `${ASSET_DIRS.govuk}/assets`,
    prefix: '/assets/',
    decorateReply: false,
    allowedPath: (p) => p.startsWith('/images/') || p.startsWith('/fonts/') || p === '/manifest.json',
  })

  // views
  app.decorateReply(
    'view',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request
      const html = views.render(template, {
        authorityName: process.env.HAVEN_AUTHORITY_NAME ?? 'Haven Demo Council',
        environmentName: config.environmentName,
        appVersion: config.version,
        cspNonce: request.cspNonce,
        csrfToken: request.csrfToken,
        submissionKey: request.submissionKey,
        currentUser: request.user,
        navigation: request.user ? navigationFor(navigation, request.user, request.url) : [],
        adminSections,
        serviceNotice: request.user ? (deps.notice?.() ?? null) : null,
        currentPath: request.url,
        ...sessionView(request, config),
        ...takeFlash(request),
        ...context,
      })
      return this.type('text/html; charset=utf-8').send(html)
    },
  )

  // authentication and current user
  app.addHook('preHandler', async (request, reply) => {
    // A page that does not exist is not found for everyone, signed in or not.
    const access = request.is404 ? 'public' : (request.routeOptions.config.access ?? 'signed-in')
    if (request.session) {
      const member = request.session.member
      if (member) {
        const current: CurrentUser = { ...member, roleName: ROLE_NAMES[member.role as Role] }
        request.user = current
        request.csrfToken = request.session.csrfToken
        request.auditContext = {
          userId: current.id,
          username: current.username,
          requestId: request.id,
          ip: request.ip,
          sessionId: request.session.idHash.slice(0, 12),
        }
      }
    }
    if (!request.user) {
      // Before sign-in, forms are protected by a double-submit token held in its own cookie.
      let anon = request.cookies[ANON_CSRF_COOKIE]
      if (!anon) {
        anon = token()
        reply.setCookie(ANON_CSRF_COOKIE, anon, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.session.secureCookie,
        })
      }
      request.csrfToken = anon
    }
    if (access === 'public') return
    if (!request.user) {
      if (request.method === 'GET')
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`)
      await recordAuditAlone(db, request.auditContext, {
        action: 'request.sign_in_required',
        outcome: 'denied',
        recordType: 'route',
        recordId: routeName(request),
      })
      // Answers sent after the session timed out are kept for its holder, who is offered the
      // page back, answers and all, once signed in again.
      const kept = await keptAfterSessionEnded(request, {
        db,
        config,
        drafts,
        cookie: request.cookies[SESSION_COOKIE],
      })
      return reply
        .code(401)
        .view(
          'platform/views/message.njk',
          sessionEndedPage({ returnTo: kept ? draftPage(request) : null, kept }, config),
        )
    }
    // Pages a signed-in person sees may hold personal data: never cache them.
    reply.header('Cache-Control', 'no-store')
    if (!accessGranted(request.user.role, access)) {
      await recordAuditAlone(db, request.auditContext, {
        action: 'request.role_refused',
        outcome: 'denied',
        recordType: 'route',
        recordId: routeName(request),
        detail: { needs: access, role: request.user.role },
      })
      return reply.code(403).view('platform/views/message.njk', {
        pageTitle: 'You do not have access to this page',
        paragraphs: [`Your role (${request.user.roleName}) does not include this work.`],
      })
    }
  })

  // CSRF on every form post
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.sent || request.csrfChecked) return
    // An identity provider's back-channel logout cannot carry Haven's token; its route verifies
    // the provider's signed logout token instead. Nothing else may use this.
    if (request.routeOptions.config.csrf === 'exempt') return
    const body = request.body as Record<string, unknown> | undefined
    // An upload's token is its first part, read here before any file is.
    const given = request.routeOptions.config.upload
      ? await uploadToken(request)
      : typeof body?._csrf === 'string'
        ? body._csrf
        : undefined
    if (!sameToken(given, request.csrfToken)) {
      await recordAuditAlone(db, request.auditContext, {
        action: 'request.csrf_refused',
        outcome: 'denied',
        recordType: 'route',
        recordId: routeName(request),
        detail: { token: given === undefined ? 'missing' : 'wrong' },
      })
      return reply.code(403).view('platform/views/message.njk', {
        pageTitle: 'This form has expired',
        paragraphs: ['For your security, go back, reload the page and try again.'],
      })
    }
    request.csrfChecked = true
  })

  // The record a route names: resolved, allowed and audited before its handler runs, its grants
  // read against the application's clock.
  const clock = deps.clock ?? systemClock
  app.addHook(
    'preHandler',
    subjectGuard(db, subjects, () => clock.now()),
  )

  // Unsent answers kept as drafts, for the routes that say their form keeps one.
  draftHooks(app, drafts)
  // Create forms sent twice show the record already made (routes that declare `submission`).
  submissionHooks(app, db, clock)

  app.get('/accessibility', { config: { access: 'public' } }, async (_req, reply) =>
    reply.view('platform/views/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  )
  app.get('/privacy', { config: { access: 'public' } }, async (_req, reply) =>
    reply.view('platform/views/message.njk', {
      pageTitle: 'Privacy notice',
      paragraphs: [
        'Haven holds information about children, families and the professionals who work with them so that the council can carry out its duties to safeguard and promote the welfare of children.',
        'Every time someone looks at or changes a child’s record, Haven records who, when and why. The council’s data protection officer can tell you who has seen a record.',
      ],
    }),
  )

  for (const register of deps.routes) await register(app)

  app.setNotFoundHandler(async (request, reply) => {
    // A handler looked inside a record the platform allowed (an address of a child) and found
    // nothing: audited as a refusal, as the platform audits a record that does not exist.
    if (request.subject && request.user)
      await recordAuditAlone(db, request.auditContext, {
        action: `${request.subject.kind}.view`,
        outcome: 'denied',
        recordType: request.subject.recordType,
        recordId: request.subject.recordId,
        childId: request.subject.children[0]?.childId ?? null,
        detail: { reason: 'no such record', route: routeName(request) },
      })
    return reply.code(404).view('platform/views/message.njk', PAGE_NOT_FOUND)
  })

  app.setErrorHandler(
    async (error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
      if (status === 500) request.log.error({ err: error }, 'request failed')
      const paragraphs =
        error instanceof RefusedInput
          ? [error.advice]
          : status === 413
            ? ['What you sent was too large. Make it smaller and try again.']
            : status < 500
              ? ['Haven could not understand the request. Go back and try again.']
              : [
                  'Sorry, there is a problem with the service. Nothing you entered has been half-saved: try again later.',
                ]
      if (reply.sent) return
      return reply.code(status).view('platform/views/message.njk', {
        pageTitle:
          status === 500
            ? 'Sorry, there is a problem with the service'
            : 'There is a problem with your request',
        paragraphs,
        requestId: request.id,
      })
    },
  )

  return app
}

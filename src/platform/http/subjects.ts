/**
 * Route subjects: a route that shows or changes a record declares what its URL names (a child, a
 * contact, a referral, an account…) and the platform, not the handler, parses the ids, loads the
 * record, checks `allow()` for every child whose data it holds, and audits, before the handler
 * runs. A handler cannot forget the check, and a refusal looks the same on every route.
 *
 * Modules describe their kinds of record (`SubjectKind`); the composition root hands them to
 * `createApp`. A kind the routes name but nobody described fails at start-up.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { recordAuditAlone } from '../audit/audit.js'
import type { Database } from '../db/schema.js'
import { allow, type Actor, type ChildRecord, type Decision } from '../permissions/allow.js'
import { visibleFields, withheldFields, type FieldClass } from '../permissions/fields.js'
import { roleGrants, type Action } from '../permissions/roles.js'
import { loadChildRecord } from '../permissions/store.js'
import { PAGE_NOT_FOUND } from './edge.js'
import { mayBreakGlass, raiseOwnRecordAttempt } from '../permissions/emergency-access.js'

/** How a URL parameter is spelt: a record id (1, 2, … with no sign, point or leading zero) or a username. */
export type ParamKind = 'id' | 'username'

const PARAM_PATTERNS: Record<ParamKind, RegExp> = {
  id: /^[1-9][0-9]{0,14}$/,
  username: /^[a-z0-9][a-z0-9._-]{0,63}$/,
}

/** The record a route's ids name, as the platform needs it to decide. */
export interface SubjectRecord {
  /** For the audit trail: e.g. 'contact' and its id. */
  recordType: string
  recordId: string | number
  /** Every child whose data the page shows or the form changes: each must pass `allow()`. */
  childIds: number[]
  /** The children's permission records when the kind has read them already (saves a query each). */
  childRecords?: ChildRecord[]
  /**
   * A rule of the record's own that decides instead of the children's (a partner sees the contacts
   * their agency made). Use sparingly: the children's rule is the default. `now` is the request's
   * time from the application's clock: grants are live or expired by it, never by the system's.
   */
  decide?: (actor: Actor, now: Date) => Decision | Promise<Decision>
  /** The child a record deciding by its own rule is about, for the audit trail. */
  aboutChild?: number
}

export interface SubjectKind {
  /** Which URL parameters name the record, and how each is spelt. */
  params: Record<string, ParamKind>
  /** The record the parsed parameters name; null when there is none (or it is deleted). */
  load(db: Kysely<Database>, ids: Record<string, string | number>): Promise<SubjectRecord | null>
}

export type SubjectKinds = Record<string, SubjectKind>

/** What a route declares about its subject. */
export interface RouteSubject {
  kind: string
  /**
   * What the actor must be allowed to do to each child; by default the route's access action when
   * it is one, else viewing the child.
   */
  action?: Action
  /** The audit row a page view writes, e.g. 'child.view'; default `<kind>.view`. */
  auditAction?: string
  /** Extra detail for that row, e.g. the sections a page shows. */
  auditDetail?: Record<string, unknown>
  /**
   * The protected classes of information the page may carry (SEC-04). Those the reader may not see
   * are named in the audit row of the view as `withheld`; the service leaves them out.
   */
  fields?: readonly FieldClass[]
  /**
   * Ids of rows inside the record (an address of the child): spelt as ids and parsed here, and
   * looked up by the handler on the record it was allowed, so one from another record is not found.
   */
  extraParams?: readonly string[]
}

/** A child the actor was allowed to reach, and on what basis. */
export interface AllowedChild {
  childId: number
  basis: string | null
  record: ChildRecord
}

/** Set on the request once its subject has been resolved and allowed. */
export interface ResolvedSubject {
  kind: string
  recordType: string
  recordId: string | number
  ids: Record<string, string | number>
  children: AllowedChild[]
  basis: string | null
  /** The child the record is about when its own rule decided (no child was checked). */
  aboutChild: number | null
}

/** The parsed ids, or null when any is not spelt as its kind must be (then nothing exists there). */
export function parseSubjectParams(
  kind: SubjectKind,
  params: Record<string, string | undefined>,
  extra: readonly string[] = [],
): Record<string, string | number> | null {
  const ids: Record<string, string | number> = {}
  const spellings: [string, ParamKind][] = [
    ...Object.entries(kind.params),
    ...extra.map((name): [string, ParamKind] => [name, 'id']),
  ]
  for (const [name, spelling] of spellings) {
    const raw = params[name]
    if (raw === undefined || !PARAM_PATTERNS[spelling].test(raw)) return null
    ids[name] = spelling === 'id' ? Number(raw) : raw
  }
  return ids
}

/** The action each child is checked against. */
function childAction(subject: RouteSubject, access: unknown): Action {
  if (subject.action) return subject.action
  return typeof access === 'string' && access !== 'signed-in' && access !== 'public'
    ? (access as Action)
    : 'child.view'
}

/**
 * People whose role can find records anyway (search names restricted children too) are told why
 * they are refused; anyone else gets the same answer whether or not the record exists, so ids
 * cannot be probed.
 */
export function explainsRefusal(actor: Actor): boolean {
  return roleGrants(actor.role, 'child.search')
}

interface Refusal {
  reason: string
  found: boolean
  /** Emergency access, offered to staff whose role allows it on a record they cannot open. */
  breakGlassHref?: string
}

export function notFoundPage(reply: FastifyReply) {
  return reply.code(404).view('platform/views/message.njk', PAGE_NOT_FOUND)
}

/** What the platform resolved for a route that declares a subject (it never runs without one). */
export function subjectOf(request: FastifyRequest): ResolvedSubject {
  if (!request.subject) throw new Error(`${routeName(request)} reads a subject it does not declare`)
  return request.subject
}

/** A record id from the route's URL (`:id` unless named), as the platform parsed it. */
export function subjectId(request: FastifyRequest, param = 'id'): number {
  return subjectOf(request).ids[param] as number
}

/** The permission record of the (first) child the route names, as the platform loaded and allowed it. */
export function subjectChild(request: FastifyRequest): ChildRecord | undefined {
  return subjectOf(request).children[0]?.record
}

export function refusedPage(reply: FastifyReply, reason: string, breakGlassHref?: string) {
  return reply.code(403).view('platform/views/message.njk', {
    pageTitle: 'You do not have access to this',
    paragraphs: [reason, 'Your attempt has been recorded. If you need access, ask the child’s team manager.'],
    ...(breakGlassHref
      ? {
          links: [
            {
              href: breakGlassHref,
              text: 'Use emergency access if a child may be at risk and nobody responsible can be reached',
              testId: 'break-glass',
            },
          ],
        }
      : {}),
  })
}

async function refuse(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  audit: { action: string; recordType: string; recordId: string | number | null; childId: number | null },
  refusal: Refusal,
) {
  await recordAuditAlone(db, request.auditContext, {
    action: audit.action,
    outcome: 'denied',
    childId: audit.childId,
    recordType: audit.recordType,
    recordId: audit.recordId,
    detail: { reason: refusal.found ? refusal.reason : 'no such record', route: routeName(request) },
  })
  const actor = request.user as Actor
  if (!refusal.found || !explainsRefusal(actor)) return notFoundPage(reply)
  return refusedPage(reply, refusal.reason, refusal.breakGlassHref)
}

/** `GET /children/:id`: the route's pattern, never the ids or query in it. */
export function routeName(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? '(no route)'}`
}

/**
 * The pre-handler that resolves a route's declared subject. Runs after sign-in, the role check and
 * CSRF, so it only ever sees a signed-in member of staff whose role may do this kind of work.
 * `now` is the application's clock: every grant is checked against it (tests fix the time).
 */
export function subjectGuard(db: Kysely<Database>, kinds: SubjectKinds, now: () => Date = () => new Date()) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (reply.sent) return
    const subject = request.routeOptions.config.subject
    if (!subject || !request.user) return
    const kind = kinds[subject.kind]
    if (!kind) throw new Error(`No subject kind "${subject.kind}" is registered`)
    const auditAction = subject.auditAction ?? `${subject.kind}.view`
    const action = childAction(subject, request.routeOptions.config.access)
    const ids = parseSubjectParams(
      kind,
      request.params as Record<string, string | undefined>,
      subject.extraParams,
    )
    const shown = ids ? Object.values(ids).join('/') : null
    if (ids === null)
      return refuse(
        db,
        request,
        reply,
        { action: auditAction, recordType: subject.kind, recordId: null, childId: null },
        { reason: 'no such record', found: false },
      )
    const record = await kind.load(db, ids)
    if (record === null)
      return refuse(
        db,
        request,
        reply,
        { action: auditAction, recordType: subject.kind, recordId: shown, childId: null },
        { reason: 'no such record', found: false },
      )
    const actor = request.user
    const at = now()
    const children: AllowedChild[] = []
    let basis: string | null = null
    if (record.decide) {
      const decision = await record.decide(actor, at)
      if (!decision.allowed) {
        // The alert is raised before the answer is sent: nothing may still be writing after it.
        if (decision.alert && record.aboutChild !== undefined)
          await raiseOwnRecordAttempt(db, actor, record.aboutChild, decision.alert, request.auditContext, at)
        return refuse(
          db,
          request,
          reply,
          {
            action: auditAction,
            recordType: record.recordType,
            recordId: record.recordId,
            childId: record.aboutChild ?? null,
          },
          { reason: decision.reason, found: true },
        )
      }
      basis = decision.basis
    }
    if (!record.decide) {
      for (const childId of record.childIds) {
        const child =
          record.childRecords?.find((c) => c.childId === childId) ?? (await loadChildRecord(db, childId))
        const decision = allow(actor, action, child, at)
        if (!decision.allowed || child === null) {
          if (decision.alert)
            await raiseOwnRecordAttempt(db, actor, childId, decision.alert, request.auditContext, at)
          return refuse(
            db,
            request,
            reply,
            // The denial names what was asked of the child (child.edit for a change form).
            { action, recordType: record.recordType, recordId: record.recordId, childId },
            {
              reason: decision.reason,
              found: true,
              ...(child && mayBreakGlass(actor, child, at).allowed
                ? { breakGlassHref: `/children/${childId}/emergency-access` }
                : {}),
            },
          )
        }
        children.push({ childId, basis: decision.basis, record: child })
      }
      basis = children[0]?.basis ?? null
    }
    request.subject = {
      kind: subject.kind,
      recordType: record.recordType,
      recordId: record.recordId,
      ids,
      children,
      basis,
      aboutChild: record.aboutChild ?? null,
    }
    // Reaching the record is audited here, once per child, on every method: a form posted back
    // with errors shows the record again. A change is audited by its service, in the transaction
    // that makes it.
    await auditShown(db, request, request.subject, auditAction, subject, at)
  }
}

async function auditShown(
  db: Kysely<Database>,
  request: FastifyRequest,
  resolved: ResolvedSubject,
  action: string,
  subject: RouteSubject,
  now: Date,
) {
  const rows = resolved.children.length
    ? resolved.children.map((c) => ({
        childId: c.childId,
        basis: c.basis,
        withheld: withheldFields(visibleFields(request.user as Actor, c.record, now), subject.fields ?? []),
      }))
    : [{ childId: resolved.aboutChild, basis: resolved.basis, withheld: [] }]
  for (const row of rows) {
    const detail = {
      ...subject.auditDetail,
      ...(request.method === 'GET' ? {} : { route: routeName(request) }),
      ...(row.withheld.length ? { withheld: row.withheld } : {}),
    }
    await recordAuditAlone(db, request.auditContext, {
      action,
      outcome: 'allowed',
      childId: row.childId,
      recordType: resolved.recordType,
      recordId: resolved.recordId,
      basis: row.basis,
      ...(Object.keys(detail).length ? { detail } : {}),
    })
  }
}

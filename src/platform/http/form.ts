/**
 * Haven's one way to write a form (GOV.UK's pattern, post / redirect / get):
 *
 * - GET shows the form, filled from the record or empty.
 * - POST checks the answers against the form's zod schema. Bad answers bring the form back (400)
 *   with an error summary linking to each field and the same message inline, every answer kept,
 *   and nothing saved. A refusal from the service (a clash, a rule) comes back the same way on
 *   the field it names (409). Good answers are saved by one service call, and the browser is
 *   redirected (303) to where the work carries on, with the success message held in the session
 *   (`reply.redirectWithMessage`), never in the URL.
 * - A record that does not exist is not found (404) and one the user may not change is refused
 *   (403), on either method: services throw `NotFoundError` and `NotAllowedError`.
 * - What the user types is kept as a draft until the form is sent, and shown again when they come
 *   back to it (`draft: true`, which the platform's http/drafts.ts acts on).
 *
 * A form that sends files (multipart) reads its body with `receiveUpload` (http/uploads.ts) and
 * then follows the same rules with `checkAnswers` and `errorView` (ADR 14).
 *
 * `formRoute` registers both methods for the common case. Its parts (`readAnswers`,
 * `keepAnswers`, `checkAnswers`, `fieldError`, `errorView`) are exported for the few pages whose
 * GET is not a plain form (a search on the same page), so those still follow the same rules.
 *
 * The length policy for text answers, one for every form:
 * - `SHORT_ANSWER_MAX` characters for a one-line answer (a name, a role, a title);
 * - `LONG_ANSWER_MAX` characters for a text area (a reason, a note, what happened).
 * New schemas take them through `shortAnswer` and `longAnswer`, which give the GOV.UK message.
 * Kept answers are cut at `LONG_ANSWER_MAX`, the most any field takes, so an answer shown again
 * is never shorter than the field allows (the user sees what they typed and can shorten it)
 * while a page never echoes more than that; a repeated field keeps at most `MAX_CHOICES` values.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { answerRefusal } from './errors.js'
import type { RouteAccess } from './request-context.js'
import type { RouteSubject } from './subjects.js'
import type { SubmissionOptions } from './submission.js'

export interface FormErrors {
  /** For govukErrorSummary: [{ text, href: '#field' }] */
  list: { text: string; href: string }[]
  /** For each component's errorMessage: { field: { text } } */
  byField: Record<string, { text: string }>
}

export const NO_ERRORS: FormErrors = { list: [], byField: {} }

/** GOV.UK-style errors from a zod error: the first message per field, in the summary and inline. */
export function formErrors(error: z.ZodError, fieldIds: Record<string, string> = {}): FormErrors {
  const list: FormErrors['list'] = []
  const byField: FormErrors['byField'] = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (byField[field]) continue // first message per field, as the design system asks
    byField[field] = { text: issue.message }
    list.push({ text: issue.message, href: `#${fieldIds[field] ?? field}` })
  }
  return { list, byField }
}

/** One error on one field (prefer `fieldError`, which knows where a date's error links). */
export function singleError(field: string, text: string): FormErrors {
  return { list: [{ text, href: `#${field}` }], byField: { [field]: { text } } }
}

/** The most characters a one-line answer takes. */
export const SHORT_ANSWER_MAX = 200
/** The most characters a text area takes, and so the most any kept answer is cut to. */
export const LONG_ANSWER_MAX = 10_000
/** The most values a repeated field (checkboxes, several children) keeps when shown again. */
export const MAX_CHOICES = 200

/** A form's answers as the edge's parser gives them: a repeated name gives a list. */
export type FormAnswers = Readonly<Record<string, string | string[]>>
/** The answers to show again on an error. */
export type KeptAnswers = Record<string, string | string[]>

/**
 * The request's form answers, typed. The edge parses every form body into names and strings;
 * anything else (no body, a route that reads another media type) gives no answers.
 */
export function readAnswers(request: { body?: unknown }): FormAnswers {
  return answersIn(request.body)
}

/** A GET form's answers (a search), from the query string, typed as `readAnswers` gives them. */
export function queryAnswers(request: { query?: unknown }): FormAnswers {
  return answersIn(request.query)
}

function answersIn(body: unknown): FormAnswers {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {}
  // No prototype, as the edge's parser gives: a field named `__proto__` is just a field.
  const answers = Object.create(null) as Record<string, string | string[]>
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') answers[name] = value
    else if (Array.isArray(value)) answers[name] = value.filter((v): v is string => typeof v === 'string')
  }
  return answers
}

export interface KeepOptions {
  /** Fields that are lists (checkboxes): one value is kept as a list of one, none as []. */
  lists?: readonly string[]
  /** Only these fields, each kept as '' when not answered (a form whose page reads them all). */
  only?: readonly string[]
}

/**
 * The answers to show again: the CSRF token left out, each text cut to `LONG_ANSWER_MAX`, each
 * list to `MAX_CHOICES` values.
 */
export function keepAnswers(answers: FormAnswers, options: KeepOptions = {}): KeptAnswers {
  const lists = new Set(options.lists ?? [])
  const kept = Object.create(null) as KeptAnswers
  const names = options.only ?? Object.keys(answers)
  for (const name of names) {
    if (name === '_csrf') continue
    const value = answers[name]
    if (Array.isArray(value)) kept[name] = value.slice(0, MAX_CHOICES).map((v) => v.slice(0, LONG_ANSWER_MAX))
    else if (typeof value === 'string')
      kept[name] = lists.has(name) ? [value.slice(0, LONG_ANSWER_MAX)] : value.slice(0, LONG_ANSWER_MAX)
    else if (lists.has(name)) kept[name] = []
    else if (options.only) kept[name] = ''
  }
  for (const name of lists) kept[name] ??= []
  return kept
}

/**
 * The person's kept draft of the page (a form that declares `draft: true`), to show in place of
 * the record's own answers; null when there is none.
 */
export function restoredAnswers(
  request: { draft: { answers: FormAnswers } | null },
  options: KeepOptions = {},
): KeptAnswers | null {
  return request.draft ? keepAnswers(request.draft.answers, options) : null
}

/** The first value of a kept answer, as text ('' when there is none). */
export function keptText(kept: KeptAnswers, name: string): string {
  const value = kept[name]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FormErrors }

/**
 * Checks answers against a form's schema. On failure, one error per field in the order the
 * schema reports them (the order of its fields), each linking to `fieldIds[field]` (a date's
 * first box, say) or to the field's own id.
 */
export function checkAnswers<S extends z.ZodType>(
  schema: S,
  answers: FormAnswers,
  fieldIds: Readonly<Record<string, string>> = {},
): Checked<z.output<S>> {
  const parsed = schema.safeParse(answers)
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, errors: formErrors(parsed.error, fieldIds) }
}

/** One error on one field (a service's refusal), linking to it as `checkAnswers` would. */
export function fieldError(
  field: string,
  text: string,
  fieldIds: Readonly<Record<string, string>> = {},
): FormErrors {
  return { list: [{ text, href: `#${fieldIds[field] ?? field}` }], byField: { [field]: { text } } }
}

/** The names every form template reads its errors under. */
export function errorView(errors: FormErrors): {
  errors: FormErrors['list']
  fieldErrors: FormErrors['byField']
} {
  return { errors: errors.list, fieldErrors: errors.byField }
}

/** A one-line answer of at most `SHORT_ANSWER_MAX` characters, trimmed; `label` starts the message. */
export function shortAnswer(label: string, missing?: string) {
  return answer(label, SHORT_ANSWER_MAX, missing)
}

/** A text area's answer of at most `LONG_ANSWER_MAX` characters, trimmed. */
export function longAnswer(label: string, missing?: string) {
  return answer(label, LONG_ANSWER_MAX, missing)
}

function answer(label: string, max: number, missing?: string) {
  const tooLong = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`
  const text = z.string(missing ? { error: missing } : {}).trim()
  return missing ? text.min(1, missing).max(max, tooLong) : text.max(max, tooLong).optional().default('')
}

/** A service's refusal, as `FormRoute.refusal` gives it. */
export interface FormRefusal {
  field: string
  message: string
  status?: 400 | 409
  /** Where the error summary links when the answer to change is on another page. */
  href?: string
}

/** The errors a refusal shows: on its field, or, with `href`, as a link to where to go. */
export function refusalErrors(
  refusal: FormRefusal,
  fieldIds: Readonly<Record<string, string>> = {},
): FormErrors {
  return refusal.href === undefined
    ? fieldError(refusal.field, refusal.message, fieldIds)
    : { list: [{ text: refusal.message, href: refusal.href }], byField: {} }
}

/** What a form's page is shown with. */
export interface ShownForm<C> {
  /** What `load` read. */
  context: C
  /** The answers as given; null the first time, when the form starts from the record's own. */
  values: KeptAnswers | null
  errors: FormErrors
  status: 200 | 400 | 409
}

export interface FormRoute<C, S extends z.ZodType, R> {
  path: string
  access: RouteAccess
  /** What the URL names, when it names a record: the platform resolves, checks and audits it first. */
  subject?: RouteSubject
  /**
   * Reads what the form is about, on both methods, before the answers are checked. Throws
   * `NotFoundError` (404) or `NotAllowedError` (403).
   */
  load: (request: FastifyRequest) => Promise<C> | C
  /** The form's schema, or one built from what was loaded (dates after the record's own). */
  schema: S | ((context: C) => S)
  /** Where an error on a field links when its first box has another id (dates). */
  fieldIds?: Readonly<Record<string, string>>
  /** Fields that are lists (checkboxes), kept as lists. */
  lists?: readonly string[]
  /**
   * Only these fields are kept (from the answers and from a draft), each as '' when not answered:
   * for a page that reads every field it offers.
   */
  only?: readonly string[]
  /** Shows the page, with `reply.code(form.status)`. */
  render: (request: FastifyRequest, reply: FastifyReply, form: ShownForm<C>) => Promise<unknown> | unknown
  /** Saves the checked answers through one service call. */
  save: (request: FastifyRequest, answers: z.output<S>, context: C) => Promise<R>
  /** Where to go once saved, and the message to show there. */
  done: (answers: z.output<S>, context: C, saved: R) => { to: string; text: string }
  /**
   * The service's refusal as an error on one field, shown with 409 (a clash with what is saved)
   * or 400 (an answer the service alone can judge); null for an error that is not one. With
   * `href`, what must change is not on this form (a rating set on another page): the error
   * summary links there, and no field of this form shows it.
   */
  refusal?: (err: unknown, request: FastifyRequest, context: C) => FormRefusal | null
  /** The 403 page's title when the service refuses the user. */
  notAllowedTitle?: string
  /** A form that creates a record: sent twice, it shows the record made (http/submission.ts). */
  submission?: SubmissionOptions
}

/** Registers a form's GET and POST on `app`, following the pattern described above. */
export function formRoute<C, S extends z.ZodType, R>(app: FastifyInstance, form: FormRoute<C, S, R>): void {
  // Every form keeps what its author types as a draft until it is sent (http/drafts.ts).
  const options = {
    config: {
      access: form.access,
      draft: true as const,
      ...(form.subject ? { subject: form.subject } : {}),
      ...(form.submission ? { submission: form.submission } : {}),
    },
  }
  const keep = { ...(form.lists ? { lists: form.lists } : {}), ...(form.only ? { only: form.only } : {}) }
  const refused = (reply: FastifyReply, err: unknown) =>
    answerRefusal(reply, err, form.notAllowedTitle ?? 'You cannot change this record')

  app.get(form.path, options, async (request, reply) => {
    try {
      const context = await form.load(request)
      // A draft kept from before (a time-out, a closed tab) is shown in place of the record's own.
      const values = restoredAnswers(request, keep)
      return await form.render(request, reply, { context, values, errors: NO_ERRORS, status: 200 })
    } catch (err) {
      return refused(reply, err)
    }
  })

  app.post(form.path, options, async (request, reply) => {
    const answers = readAnswers(request)
    const values = keepAnswers(answers, keep)
    try {
      const context = await form.load(request)
      const again = (errors: FormErrors, status: 400 | 409) =>
        form.render(request, reply, { context, values, errors, status })
      const schema = typeof form.schema === 'function' ? form.schema(context) : form.schema
      const checked = checkAnswers(schema, answers, form.fieldIds)
      if (!checked.ok) return await again(checked.errors, 400)
      let saved: R
      try {
        saved = await form.save(request, checked.data, context)
      } catch (err) {
        const refusal = form.refusal?.(err, request, context)
        if (refusal) return await again(refusalErrors(refusal, form.fieldIds), refusal.status ?? 409)
        throw err
      }
      const { to, text } = form.done(checked.data, context, saved)
      return await reply.redirectWithMessage(to, text)
    } catch (err) {
      return refused(reply, err)
    }
  })
}

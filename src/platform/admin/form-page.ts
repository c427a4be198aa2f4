/**
 * The administration pages' older form shape, kept as a thin wrapper over `formRoute`
 * (`platform/http/form.ts`) while the people module's administration pages move to it. New
 * forms use `formRoute` directly; this file goes once nothing imports it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { NotFoundError } from '../http/errors.js'
import { formRoute, keepAnswers, keptText, readAnswers, type FormErrors } from '../http/form.js'
import type { RouteAccess } from '../http/request-context.js'
import type { RouteSubject } from '../http/subjects.js'

export interface FormPage<K, T> {
  path: string
  access: RouteAccess
  /** What the URL names, when it names a record: the platform resolves and checks it first. */
  subject?: RouteSubject
  /** The record the form is about, from the URL; null when the URL cannot name one. */
  key: (request: FastifyRequest) => K | null
  /**
   * Shows the form. `values` is null the first time, when the form starts from the record's own;
   * otherwise the answers as given.
   */
  render: (
    request: FastifyRequest,
    reply: FastifyReply,
    key: K,
    values: Record<string, string> | null,
    errors: FormErrors,
    status: number,
  ) => Promise<unknown>
  schema: z.ZodType<T>
  save: (request: FastifyRequest, key: K, answers: T) => Promise<unknown>
  /** Where to go once saved, and what to tell the user there. */
  done: (key: K, answers: T) => { to: string; text: string }
  /** The service's refusal as a field error; null for an error that is not one. */
  refusal: (err: unknown) => { field: string; message: string } | null
  /** Whether an error means the record does not exist. */
  notFound: (err: unknown) => boolean
}

/** The answers to show again, as text: `keepAnswers` with each list read as its first value. */
export function keptValues(body: unknown): Record<string, string> {
  const kept = keepAnswers(readAnswers({ body }))
  return Object.fromEntries(Object.keys(kept).map((name) => [name, keptText(kept, name)]))
}

export function formPage<K, T>(app: FastifyInstance, page: FormPage<K, T>): void {
  // The page's own "does not exist" errors become the platform's, which formRoute answers.
  const orNotFound = async <V>(run: () => Promise<V>): Promise<V> => {
    try {
      return await run()
    } catch (err) {
      if (page.notFound(err)) throw new NotFoundError()
      throw err
    }
  }
  formRoute(app, {
    path: page.path,
    access: page.access,
    ...(page.subject ? { subject: page.subject } : {}),
    load: (request) => {
      const key = page.key(request)
      if (key === null) throw new NotFoundError()
      return key
    },
    schema: page.schema,
    render: (request, reply, { context, values, errors, status }) =>
      orNotFound(() =>
        page.render(request, reply, context, values === null ? null : textOnly(values), errors, status),
      ),
    save: (request, answers, key) => orNotFound(() => page.save(request, key, answers)),
    done: (answers, key) => page.done(key, answers),
    refusal: page.refusal,
  })
}

function textOnly(values: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
}

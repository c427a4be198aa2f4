/**
 * The shape most administration pages share: a form about one record (or adding one). GET shows
 * it; POST checks the answers against a schema, saves through the service, and redirects to
 * where the work carries on with a message held in the session (shown once there). Bad answers bring the form back with an
 * error summary and the answers kept (400); a refusal from the service (a clash, a rule) comes back
 * on the field it names (409); a record that does not exist is not found, on either method.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { formErrors, NO_ERRORS, singleError, type FormErrors } from '../http/forms.js'
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

/** The answers to show again: strings only, the CSRF token left out, each cut to a sane length. */
export function keptValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k, v]) => k !== '_csrf' && typeof v === 'string')
      .map(([k, v]) => [k, (v as string).slice(0, 2000)]),
  )
}

export function formPage<K, T>(app: FastifyInstance, page: FormPage<K, T>): void {
  const options = { config: { access: page.access, ...(page.subject ? { subject: page.subject } : {}) } }

  app.get(page.path, options, async (request, reply) => {
    const key = page.key(request)
    if (key === null) return reply.callNotFound()
    try {
      return await page.render(request, reply, key, null, NO_ERRORS, 200)
    } catch (err) {
      if (page.notFound(err)) return reply.callNotFound()
      throw err
    }
  })

  app.post(page.path, options, async (request, reply) => {
    const key = page.key(request)
    if (key === null) return reply.callNotFound()
    const values = keptValues(request.body)
    // Showing the form again reads the record, which may have gone in the meantime.
    const again = async (errors: FormErrors, status: number) => {
      try {
        return await page.render(request, reply, key, values, errors, status)
      } catch (err) {
        if (page.notFound(err)) return reply.callNotFound()
        throw err
      }
    }
    const parsed = page.schema.safeParse(request.body ?? {})
    if (!parsed.success) return again(formErrors(parsed.error), 400)
    try {
      await page.save(request, key, parsed.data)
    } catch (err) {
      if (page.notFound(err)) return reply.callNotFound()
      const refused = page.refusal(err)
      if (refused) return again(singleError(refused.field, refused.message), 409)
      throw err
    }
    const { to, text } = page.done(key, parsed.data)
    return reply.redirectWithMessage(to, text)
  })
}

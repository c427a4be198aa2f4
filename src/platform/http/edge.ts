/**
 * The edge: what Haven refuses before a handler, a service or the database sees it. One place,
 * so a new route cannot forget it.
 *
 * - A method other than GET, HEAD or POST: 405 with `Allow` naming what the page takes.
 * - A URL with a NUL byte, malformed percent-encoding or invalid UTF-8, in the path or the query:
 *   400. (PostgreSQL refuses NUL in text, so it would otherwise surface as a server error.)
 * - A body that is not a form (`application/x-www-form-urlencoded`): 415, unless the route opts in
 *   by naming the media types it reads in `config.bodyTypes`.
 * - A form that is not UTF-8, has malformed percent-encoding or a NUL byte in a name or value: 400;
 *   a form of more than `MAX_FIELDS` fields: 413.
 *
 * Each refusal is a `RefusedInput`, which the error handler shows as a plain message page.
 */
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body media types a route reads; forms only when not given. */
    bodyTypes?: readonly string[]
  }
}

/** More fields than any of Haven's forms has, by far. */
export const MAX_FIELDS = 1000

const FORM = 'application/x-www-form-urlencoded'
const PAGE_METHODS = ['GET', 'HEAD', 'POST'] as const

/** A request refused at the edge, with the advice to show on the message page. */
export class RefusedInput extends Error {
  constructor(
    readonly statusCode: 400 | 405 | 413 | 415,
    readonly advice: string,
  ) {
    super(advice)
    this.name = 'RefusedInput'
  }
}

export const PAGE_NOT_FOUND = {
  pageTitle: 'Page not found',
  paragraphs: [
    'If you typed the web address, check it is correct.',
    'If you pasted the web address, check you copied the entire address.',
  ],
}

const UNREADABLE_ADDRESS =
  'The web address has characters in it that Haven cannot read. Check it and try again.'
const UNREADABLE_FORM =
  'What you sent has characters in it that Haven cannot read. Go back, check what you typed and try again.'

/** Decodes one percent-encoded piece of a URL or form, or refuses it. */
function decode(piece: string, plus: boolean, advice: string): string {
  let text: string
  try {
    // decodeURIComponent refuses malformed escapes and bytes that are not UTF-8 (URIError).
    text = decodeURIComponent(plus ? piece.replaceAll('+', ' ') : piece)
  } catch {
    throw new RefusedInput(400, advice)
  }
  if (text.includes('\0')) throw new RefusedInput(400, advice)
  return text
}

/** Refuses a URL Haven cannot read, before routing's decoded parameters or the query are used. */
export function checkUrl(url: string): void {
  const at = url.indexOf('?')
  decode(at === -1 ? url : url.slice(0, at), false, UNREADABLE_ADDRESS)
  if (at === -1) return
  const fields = url.slice(at + 1).split('&')
  if (fields.length > MAX_FIELDS) throw new RefusedInput(400, UNREADABLE_ADDRESS)
  for (const field of fields) decode(field, true, UNREADABLE_ADDRESS)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * A form body as an object: a repeated name gives a list, in order. The object has no prototype,
 * so a field named `__proto__` or `constructor` is just a field.
 */
export function parseForm(body: Buffer): Record<string, string | string[]> {
  let text: string
  try {
    text = utf8.decode(body)
  } catch {
    throw new RefusedInput(400, UNREADABLE_FORM)
  }
  const form = Object.create(null) as Record<string, string | string[]>
  if (text === '') return form
  const fields = text.split('&')
  if (fields.length > MAX_FIELDS)
    throw new RefusedInput(413, 'What you sent has too many answers in it. Go back and try again.')
  for (const field of fields) {
    if (field === '') continue
    const eq = field.indexOf('=')
    const name = decode(eq === -1 ? field : field.slice(0, eq), true, UNREADABLE_FORM)
    const value = eq === -1 ? '' : decode(field.slice(eq + 1), true, UNREADABLE_FORM)
    const earlier = form[name]
    form[name] =
      earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value]
  }
  return form
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** The methods a path takes, from the routes registered. */
function allowed(app: FastifyInstance, path: string): string[] {
  return PAGE_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null)
}

/** Where an unreadable URL is routed, so that it reaches the edge's hook and no route. */
const UNREADABLE = '/-/unreadable-address'

/**
 * For Fastify's `rewriteUrl`, which runs before routing: the router decodes route parameters and
 * would answer an unreadable one itself, so such a URL is set aside for the hook below to refuse.
 */
export function setAsideUnreadable(req: IncomingMessage): string {
  const url = req.url ?? '/'
  try {
    checkUrl(url)
    return url
  } catch {
    return UNREADABLE
  }
}

/**
 * Registers the edge's checks (an onRequest hook, after the security headers and request id) and
 * its form parser; `setAsideUnreadable` must be the application's `rewriteUrl`. Fastify's own parsers for JSON and plain text stay for routes that opt in.
 */
export function edge(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url === UNREADABLE) throw new RefusedInput(400, UNREADABLE_ADDRESS)
    if (!(PAGE_METHODS as readonly string[]).includes(request.method)) {
      const path = request.url.split('?')[0] ?? '/'
      const methods = allowed(app, path)
      // A page that is not there is not found, whatever the method.
      if (methods.length === 0) return reply.code(404).view('platform/views/message.njk', PAGE_NOT_FOUND)
      reply.header('Allow', methods.join(', '))
      throw new RefusedInput(
        405,
        'Haven does not take this kind of request. Use the links and forms on its pages.',
      )
    }
    if (hasBody(request)) {
      const accepts = request.routeOptions.config?.bodyTypes ?? [FORM]
      if (!accepts.includes(mediaType(request)))
        throw new RefusedInput(415, 'Haven accepts answers from its own forms only. Go back and try again.')
    }
  })

  app.addContentTypeParser(FORM, { parseAs: 'buffer' }, async (_request: FastifyRequest, body: Buffer) =>
    parseForm(body),
  )
}

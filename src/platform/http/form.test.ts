import Fastify, { type FastifyReply } from 'fastify'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { parseForm } from './edge.js'
import { NotAllowedError, NotFoundError } from './errors.js'
import {
  checkAnswers,
  fieldError,
  formRoute,
  keepAnswers,
  LONG_ANSWER_MAX,
  longAnswer,
  MAX_CHOICES,
  readAnswers,
  SHORT_ANSWER_MAX,
  shortAnswer,
  type FormRoute,
  type ShownForm,
} from './form.js'

describe('the length policy', () => {
  it('keeps every answer up to the longest a field takes, and no more', () => {
    const kept = keepAnswers({ note: 'x'.repeat(LONG_ANSWER_MAX + 5), name: 'Ada' })
    expect(kept.note).toHaveLength(LONG_ANSWER_MAX)
    expect(kept.name).toBe('Ada')
  })

  it('keeps a list of at most MAX_CHOICES values, each bounded', () => {
    const many = Array.from({ length: MAX_CHOICES + 10 }, (_, i) => String(i))
    expect(keepAnswers({ ids: many }).ids).toHaveLength(MAX_CHOICES)
    expect(keepAnswers({ ids: ['y'.repeat(LONG_ANSWER_MAX + 1)] }).ids).toEqual(['y'.repeat(LONG_ANSWER_MAX)])
  })

  it('gives short and long answers the GOV.UK message at the platform limits', () => {
    const schema = z.object({ title: shortAnswer('Title', 'Enter a title'), note: longAnswer('Note') })
    expect(schema.safeParse({ title: 'x'.repeat(SHORT_ANSWER_MAX), note: '' }).success).toBe(true)
    const long = checkAnswers(schema, {
      title: 'x'.repeat(SHORT_ANSWER_MAX + 1),
      note: 'y'.repeat(LONG_ANSWER_MAX + 1),
    })
    expect(long.ok ? [] : long.errors.list).toEqual([
      { text: 'Title must be 200 characters or fewer', href: '#title' },
      { text: 'Note must be 10,000 characters or fewer', href: '#note' },
    ])
    const missing = checkAnswers(schema, { title: '   ' })
    expect(missing.ok ? [] : missing.errors.list).toEqual([{ text: 'Enter a title', href: '#title' }])
    expect(checkAnswers(schema, { title: ' A title ' })).toEqual({
      ok: true,
      data: { title: 'A title', note: '' },
    })
  })
})

describe('kept answers', () => {
  it('leaves out the CSRF token and anything that is not text', () => {
    expect(keepAnswers(readAnswers({ body: { _csrf: 't', a: 'b', n: 3, o: { x: 1 } } }))).toEqual({ a: 'b' })
  })

  it('keeps a list field as a list however many boxes were ticked', () => {
    expect(keepAnswers({ needs: 'a' }, { lists: ['needs'] })).toEqual({ needs: ['a'] })
    expect(keepAnswers({}, { lists: ['needs'] })).toEqual({ needs: [] })
    expect(keepAnswers({ needs: ['a', 'b'] }, { lists: ['needs'] })).toEqual({ needs: ['a', 'b'] })
  })

  it('keeps only the fields named, each as empty text when not answered', () => {
    expect(keepAnswers({ a: '1', other: '2' }, { only: ['a', 'b'] })).toEqual({ a: '1', b: '' })
  })
})

describe('the error summary', () => {
  const schema = z.object({
    first: z.string().min(1, 'Enter the first'),
    'when-day': z.string().min(1, 'Enter the date'),
    last: z.string().min(1, 'Enter the last').min(3, 'Too short'),
  })

  it("lists one error per field in the schema's order, linking to each field's id", () => {
    const checked = checkAnswers(schema, { first: '', 'when-day': '', last: '' }, { 'when-day': 'when' })
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.errors.list).toEqual([
      { text: 'Enter the first', href: '#first' },
      { text: 'Enter the date', href: '#when' },
      { text: 'Enter the last', href: '#last' },
    ])
    expect(checked.errors.byField.last).toEqual({ text: 'Enter the last' })
  })

  it("links a service's refusal to the field it names", () => {
    expect(fieldError('when-day', 'Too late', { 'when-day': 'when' })).toEqual({
      list: [{ text: 'Too late', href: '#when' }],
      byField: { 'when-day': { text: 'Too late' } },
    })
  })
})

describe('typed answers', () => {
  it('reads the edge parser’s form as names and text, and no body as no answers', () => {
    const body = parseForm(Buffer.from('a=1&b=2&b=3&__proto__=x'))
    const answers = readAnswers({ body })
    expectTypeOf(answers).toEqualTypeOf<Readonly<Record<string, string | string[]>>>()
    expect({ ...answers }).toEqual({ a: '1', b: ['2', '3'], ['__proto__']: 'x' })
    expect(readAnswers({ body: undefined })).toEqual({})
    expect(readAnswers({ body: 'text' })).toEqual({})
  })

  it('gives the save the schema’s output type', () => {
    const schema = z.object({ count: z.coerce.number() })
    const checked = checkAnswers(schema, { count: '4' })
    if (checked.ok) expectTypeOf(checked.data).toEqualTypeOf<{ count: number }>()
    expect(checked).toEqual({ ok: true, data: { count: 4 } })
  })
})

describe('formRoute', () => {
  /** A bare application with the two reply methods the helper uses, recording what it shows. */
  async function app(
    found = true,
    extra: Pick<FormRoute<{ name: string }, z.ZodType, number>, 'refusal' | 'only'> = {},
  ) {
    const saved: string[] = []
    const shown: ShownForm<{ name: string }>[] = []
    const server = Fastify()
    server.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'buffer' },
      async (_r: unknown, body: Buffer) => parseForm(body),
    )
    server.decorateReply(
      'view',
      function (this: FastifyReply, template: string, context?: Record<string, unknown>) {
        return this.send({ template, ...context })
      },
    )
    server.decorateReply(
      'redirectWithMessage',
      async function (this: FastifyReply, to: string, text: string) {
        return this.header('x-message', text).redirect(to, 303)
      },
    )
    formRoute(server, {
      path: '/things/:id/name',
      access: 'signed-in',
      load: (request) => {
        const id = (request.params as { id: string }).id
        if (!found || id === 'gone') throw new NotFoundError()
        if (id === 'locked') throw new NotAllowedError('The record is locked')
        return { name: 'Old' }
      },
      schema: z.object({ name: shortAnswer('Name', 'Enter a name') }),
      render: (_request, reply, form) => {
        shown.push(form)
        return reply.code(form.status).send({ values: form.values, errors: form.errors.list })
      },
      save: async (_request, { name }) => {
        if (name === 'Taken') throw new Error('taken')
        saved.push(name)
        return saved.length
      },
      done: ({ name }, _context, count) => ({ to: '/things', text: `${name} saved (${count})` }),
      refusal: (err) =>
        err instanceof Error && err.message === 'taken'
          ? { field: 'name', message: 'That name is taken' }
          : null,
      ...extra,
    })
    await server.ready()
    const post = (id: string, body: string) =>
      server.inject({
        method: 'POST',
        url: `/things/${id}/name`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      })
    return { server, saved, shown, post }
  }

  it('shows the form from the record first', async () => {
    const { server, shown } = await app()
    const res = await server.inject({ method: 'GET', url: '/things/1/name' })
    expect(res.statusCode).toBe(200)
    expect(shown[0]).toMatchObject({ context: { name: 'Old' }, values: null, status: 200 })
  })

  it('brings bad answers back with 400, the answers kept and nothing saved', async () => {
    const { post, saved } = await app()
    const res = await post('1', `name=&_csrf=t&extra=${'z'.repeat(LONG_ANSWER_MAX + 1)}`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      values: { name: '', extra: 'z'.repeat(LONG_ANSWER_MAX) },
      errors: [{ text: 'Enter a name', href: '#name' }],
    })
    expect(saved).toEqual([])
  })

  it("shows the service's refusal on its field with 409", async () => {
    const { post, saved } = await app()
    const res = await post('1', 'name=Taken')
    expect(res.statusCode).toBe(409)
    expect(res.json().errors).toEqual([{ text: 'That name is taken', href: '#name' }])
    expect(saved).toEqual([])
  })

  it('links a refusal whose answer is on another page there, with no error on this form’s fields', async () => {
    const { post, shown } = await app(true, {
      refusal: (err, request, context) =>
        err instanceof Error && err.message === 'taken'
          ? {
              field: 'rating',
              message: `${context.name} needs a rating first`,
              status: 400,
              href: `/things/${(request.params as { id: string }).id}/rating#level`,
            }
          : null,
    })
    const res = await post('7', 'name=Taken')
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ text: 'Old needs a rating first', href: '/things/7/rating#level' }])
    expect(shown[0]?.errors.byField).toEqual({})
  })

  it('keeps only the fields it is told to, each as an empty answer when not given', async () => {
    const { post } = await app(true, { only: ['name', 'note'] })
    const res = await post('1', 'name=&extra=x&_csrf=t')
    expect(res.statusCode).toBe(400)
    expect(res.json().values).toEqual({ name: '', note: '' })
  })

  it('saves good answers and redirects with the message held for the next page', async () => {
    const { post, saved } = await app()
    const res = await post('1', 'name=+New+')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/things')
    expect(res.headers['x-message']).toBe('New saved (1)')
    expect(saved).toEqual(['New'])
  })

  it('answers a missing record with 404 and a refused one with 403, on both methods', async () => {
    const { server, post } = await app()
    expect((await server.inject({ method: 'GET', url: '/things/gone/name' })).statusCode).toBe(404)
    expect((await post('gone', 'name=A')).statusCode).toBe(404)
    const locked = await post('locked', 'name=A')
    expect(locked.statusCode).toBe(403)
    expect(locked.json()).toMatchObject({
      template: 'platform/views/message.njk',
      pageTitle: 'You cannot change this record',
      paragraphs: ['The record is locked', 'Your attempt has been recorded.'],
    })
  })
})

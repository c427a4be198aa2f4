/**
 * A handler on a route that takes files (multipart) answering "not found" with `callNotFound()`:
 * Fastify runs the pre-handlers again for its not-found page, after the platform has already read
 * the upload's CSRF token from the body's first part. The answer is the not-found page (404), not
 * "this form has expired" (403), whether or not the handler read the rest of the body; a wrong
 * token is still refused before the handler runs.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/platform/config.js'
import { createApp } from '../../src/platform/http/app.js'
import { receiveUpload } from '../../src/platform/http/uploads.js'
import { Browser, openTestApp, type FilePart, type TestApp } from '../support/web.js'

let t: TestApp
let app: FastifyInstance
let dir: string
let handled = 0

const upload = { maxFileBytes: 1024, maxFiles: 1 }
const FORM = '/upload-test'
const file: FilePart = ['file', { filename: 'note.txt', content: 'A short file.', type: 'text/plain' }]

beforeAll(async () => {
  t = await openTestApp()
  dir = mkdtempSync(join(tmpdir(), 'haven-multipart-404-'))
  app = await createApp({
    config: loadConfig({ NODE_ENV: 'test', AUDIT_HMAC_KEY: 'test-key', DRAFT_KEY: 'test-draft-key' }),
    db: t.database.db,
    routes: [
      async (a) => {
        a.get(FORM, { config: { access: 'public' } }, async (request, reply) =>
          reply.type('text/html').send(`<input name="_csrf" value="${request.csrfToken}">`),
        )
        a.post(`${FORM}/missing`, { config: { access: 'public', upload } }, async (_request, reply) => {
          handled++
          return reply.callNotFound()
        })
        a.post(
          `${FORM}/read-then-missing`,
          { config: { access: 'public', upload } },
          async (request, reply) => {
            handled++
            await receiveUpload(request, { dir, refuseName: () => null, sizeText: '1 KB' })
            return reply.callNotFound()
          },
        )
      },
    ],
  })
}, 60_000)
afterAll(async () => {
  await app?.close()
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('not found on a route that takes files', () => {
  it.each([`${FORM}/missing`, `${FORM}/read-then-missing`])('%s answers 404, not 403', async (url) => {
    const before = handled
    const res = await new Browser(app).postFiles(url, [['title', 'A note'], file], { formUrl: FORM })
    expect(handled).toBe(before + 1)
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('Page not found')
    expect(res.body).not.toContain('This form has expired')
  })

  it('still refuses a wrong token before the handler runs', async () => {
    const before = handled
    const res = await new Browser(app).postFiles(`${FORM}/missing`, [file], { csrf: 'not-the-token' })
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('This form has expired')
    expect(handled).toBe(before)
  })
})

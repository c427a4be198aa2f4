/**
 * The one form pattern, end to end on a converted form (disabling an account): bad answers come
 * back with 400, the error summary and the inline message, the answer kept and nothing saved;
 * good answers are saved and redirect with the message held in the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

const disabledAt = async (username: string) =>
  (
    await t.database.db
      .selectFrom('app_user')
      .select('disabled_at')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).disabled_at

describe('a form built on the form helper', () => {
  it('shows bad answers again with the errors, keeps them, and saves nothing', async () => {
    const admin = new Browser(t.app)
    await admin.signIn('admin')
    const page = '/admin/users/social.worker2/disable'

    const short = await admin.post(page, { reason: 'no' }, page)
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('<title>Error: Disable account')
    expect(short.body).toMatch(
      /govuk-error-summary[\s\S]*href="#reason">Enter why the account is being disabled/,
    )
    expect(short.body).toMatch(/id="reason-error"[\s\S]*Enter why the account is being disabled/)
    expect(short.body).toMatch(/<textarea[^>]*id="reason"[^>]*>no<\/textarea>/)

    const long = 'x'.repeat(501)
    const tooLong = await admin.post(page, { reason: long }, page)
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.body).toContain('The reason must be 500 characters or fewer')
    expect(tooLong.body).toContain(`>${long}</textarea>`)

    const own = await admin.post(
      '/admin/users/admin/disable',
      { reason: 'Testing myself' },
      '/admin/users/admin/disable',
    )
    expect(own.statusCode).toBe(400)
    expect(own.body).toContain('You cannot disable your own account')
    expect(own.body).toContain('>Testing myself</textarea>')

    expect(await disabledAt('social.worker2')).toBeNull()
    expect(await disabledAt('admin')).toBeNull()

    const done = await admin.post(page, { reason: 'Left the authority' }, page)
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe('/admin/users')
    expect(await disabledAt('social.worker2')).not.toBeNull()
  })

  it('answers a page for an account that does not exist with 404, on both methods', async () => {
    const admin = new Browser(t.app)
    await admin.signIn('admin')
    expect((await admin.get('/admin/users/nobody.here/disable')).statusCode).toBe(404)
    const posted = await admin.post('/admin/users/nobody.here/disable', { reason: 'Left' }, '/admin/users')
    expect(posted.statusCode).toBe(404)
  })
})

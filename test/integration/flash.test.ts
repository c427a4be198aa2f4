/**
 * Success messages come from the session, not the URL: set before the redirect, shown once on the
 * next page, then gone. A crafted link with `?done=` shows nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, type TestApp } from '../support/web.js'
import { firstAllocatedChild } from '../support/actors.js'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

/** The text of the page's notification banner, or null when it has none. */
const banner = (html: string) =>
  /<div class="govuk-notification-banner[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? null

const allocatedChild = () => firstAllocatedChild(t.database.db)

describe('messages after a change', () => {
  it('are not taken from a crafted ?done= link', async () => {
    const childId = await allocatedChild()
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    const crafted = await sw.get(`/children/${childId}?done=${encodeURIComponent('Plan ended')}`)
    expect(crafted.statusCode).toBe(200)
    expect(crafted.body).not.toContain('Plan ended')
    expect(banner(crafted.body)).toBeNull()

    const admin = new Browser(t.app)
    await admin.signIn('admin')
    for (const page of ['/admin/users', '/admin/agencies', '/admin/teams', '/admin/people/merges']) {
      const res = await admin.get(`${page}?done=${encodeURIComponent('Account of the director deleted')}`)
      expect(res.statusCode, page).toBe(200)
      expect(res.body, page).not.toContain('Account of the director deleted')
    }
  })

  it('show once on the next page after a change to a child’s record, then go', async () => {
    const childId = await allocatedChild()
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    const res = await sw.post(`/children/${childId}/alerts/new`, {
      kind: 'medical',
      summary: 'Carries an inhaler',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/children/${childId}`)
    const page = await sw.get(String(res.headers.location))
    expect(banner(page.body)).toContain('Alert added')
    const again = await sw.get(`/children/${childId}`)
    expect(banner(again.body)).toBeNull()
    // Another person's session never sees it.
    const other = new Browser(t.app)
    await other.signIn('social.worker')
    expect(banner((await other.get(`/children/${childId}`)).body)).toBeNull()
  })

  it('show once after an administration form and after disabling an account', async () => {
    const admin = new Browser(t.app)
    await admin.signIn('admin')
    const added = await admin.post('/admin/agencies/new', { name: 'Grays Health Centre', kind: 'health' })
    expect(added.statusCode).toBe(303)
    expect(added.headers.location).toBe('/admin/agencies')
    expect(banner((await admin.get('/admin/agencies')).body)).toContain('Grays Health Centre added')
    expect(banner((await admin.get('/admin/agencies')).body)).toBeNull()

    const disabled = await admin.post(
      '/admin/users/social.worker2/disable',
      { reason: 'Left the authority' },
      '/admin/users/social.worker2/disable',
    )
    expect(disabled.statusCode).toBe(303)
    expect(disabled.headers.location).toBe('/admin/users')
    const list = await admin.get('/admin/users')
    expect(banner(list.body)).toContain('social.worker2’s account is disabled and their sessions have ended')
    expect(banner((await admin.get('/admin/users')).body)).toBeNull()
  })
})

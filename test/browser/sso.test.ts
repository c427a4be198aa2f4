/**
 * In Chromium: signing in through the test identity provider (a real OpenID Connect provider
 * started here, standing in for the authority's Microsoft Entra ID). The administrator maps the
 * authority's groups to roles, a member of staff signs in at the provider's own page and is told
 * their account is waiting, the administrator refuses one account and confirms another, and the
 * confirmed person lands in Haven signed in; signing out ends the session at the provider too,
 * which tells Haven back through its back-channel. axe checks every Haven page on the way.
 */
import { sql } from 'kysely'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
let idp: TestIdentityProvider

beforeAll(async () => {
  const port = await freePort()
  const havenUrl = `http://127.0.0.1:${port}`
  idp = await startIdentityProvider({ havenUrl })
  site = await openSite({ env: { ...idp.env, PUBLIC_URL: havenUrl }, port })
})
afterAll(async () => {
  await site?.close()
  await idp?.close()
})

const db = () => site.testApp.database.db

/** A page that may reach only Haven and the provider (the provider's pages ask for web fonts). */
async function localPage(): Promise<Page> {
  const page = await newPage(site)
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort())
  return page
}

async function signInAtProvider(page: Page, login: string) {
  await page.goto('/sign-in')
  await page.click('[data-testid="sign-in-sso"]')
  await expect.poll(() => page.url()).toContain(idp.issuer)
  await page.fill('input[name="login"]', login)
  await page.fill('input[name="password"]', 'any password')
  await page.click('button[type="submit"]')
}

describe('signing in through the authority’s identity provider', () => {
  it('maps groups, waits for confirmation, and lands the confirmed person in Haven', async () => {
    const admin = await localPage()
    await signIn(admin, 'admin')
    await admin.goto('/admin/sso/groups')
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Single sign-on groups')
    await expectAccessible(admin, 'single sign-on groups, none yet')
    await admin.click('[data-testid="add-group"]')
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Add a single sign-on group')
    await expectAccessible(admin, 'add a group')
    await admin.click('[data-testid="save"]')
    await expect.poll(() => admin.locator('.govuk-error-summary').count()).toBe(1)
    expect(await admin.title()).toMatch(/^Error: /)
    await expectAccessible(admin, 'add a group, with errors')
    await admin.fill('#groupId', 'grp-haven-social-workers')
    await admin.check('input[name="role"][value="social_worker"]')
    await admin.selectOption('#teamId', { index: 1 })
    await admin.click('[data-testid="save"]')
    await expect
      .poll(() => admin.locator('[data-testid="group-mappings"]').textContent())
      .toContain('grp-haven-social-workers')
    await expectAccessible(admin, 'single sign-on groups, one added')
    await admin.click('[data-testid="add-group"]')
    await admin.fill('#groupId', 'grp-all-staff')
    await admin.check('input[name="role"][value="performance_officer"]')
    await admin.click('[data-testid="save"]')
    await expect
      .poll(() => admin.locator('[data-testid="group-mappings"]').textContent())
      .toContain('grp-all-staff')

    // The sign-in page offers the provider; the provider's own page signs Priya in.
    const priya = await localPage()
    await priya.goto('/sign-in')
    await expect
      .poll(() => priya.locator('[data-testid="sign-in-sso"]').textContent())
      .toContain('Sign in with Thurrock Council account')
    await expectAccessible(priya, 'sign-in with single sign-on offered')
    await signInAtProvider(priya, 'entra-0001')
    await expect
      .poll(() => priya.locator('h1').textContent())
      .toBe('Your account is waiting for an administrator to confirm it')
    expect(priya.url()).toContain('/sign-in/sso/callback')
    await expectAccessible(priya, 'account waiting for confirmation')

    const tom = await localPage()
    await signInAtProvider(tom, 'entra-0002')
    await expect.poll(() => tom.locator('h1').textContent()).toContain('waiting for an administrator')

    // The administrator refuses Tom's account and confirms Priya's.
    await admin.goto('/admin/users/awaiting')
    await expect
      .poll(() => admin.locator('[data-testid="awaiting"]').textContent())
      .toContain('Priya Nandakumar')
    await expectAccessible(admin, 'accounts to confirm')
    await admin.click('[data-testid="refuse-tom.okafor"]')
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Refuse Tom Okafor’s account')
    await expectAccessible(admin, 'refuse an account')
    await admin.click('[data-testid="confirm"]')
    await expect.poll(() => admin.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(admin, 'refuse an account, with errors')
    await admin.fill('#reason', 'Works for the leisure service, not children’s services')
    await admin.click('[data-testid="confirm"]')
    await expect.poll(() => admin.locator('.govuk-notification-banner').textContent()).toContain('refused')
    await admin.click('[data-testid="confirm-priya.nandakumar"]')
    await expect.poll(() => admin.locator('.govuk-notification-banner').textContent()).toContain('confirmed')
    await expect.poll(() => admin.locator('[data-testid="awaiting"]').textContent()).toContain('No accounts')
    await expectAccessible(admin, 'accounts to confirm, none left')

    // Tom, refused, is told his account is disabled.
    await tom.goto('/sign-in')
    await tom.click('[data-testid="sign-in-sso"]')
    await expect.poll(() => tom.locator('h1').textContent()).toBe('Your Haven account is disabled')
    await expectAccessible(tom, 'refused account')

    // Priya is still signed in at the provider: Haven's button takes her straight in.
    await priya.goto('/sign-in')
    await priya.click('[data-testid="sign-in-sso"]')
    await expect.poll(() => priya.locator('[data-testid="sign-out"]').count()).toBe(1)
    expect(new URL(priya.url()).pathname).toBe('/')
    await expect.poll(() => priya.locator('.moj-header').textContent()).toContain('Priya Nandakumar')
    await expectAccessible(priya, 'home, signed in through the provider')
    const user = await db()
      .selectFrom('app_user')
      .select(['role', 'disabled_at'])
      .where('username', '=', 'priya.nandakumar')
      .executeTakeFirstOrThrow()
    expect(user).toEqual({ role: 'social_worker', disabled_at: null })

    // Signing out of Haven goes on to the provider, which signs her out there and tells Haven.
    await priya.click('[data-testid="sign-out"]')
    await expect.poll(() => priya.url()).toContain(idp.issuer)
    await priya.click('button[name="logout"][value="yes"]')
    await expect.poll(() => priya.locator('h1').textContent()).toBe('You have signed out')
    await expect
      .poll(
        async () =>
          (
            await db()
              .selectFrom('audit_event')
              .select('id')
              .where('action', '=', 'user.sign_out')
              .where(sql<boolean>`detail->>'method' = 'sso_back_channel'`)
              .where('outcome', '=', 'allowed')
              .execute()
          ).length,
      )
      .toBe(1)
    await priya.goto('/')
    await expect.poll(() => new URL(priya.url()).pathname).toBe('/sign-in')
  })

  it('works under Haven’s own content security policy (form-action limited to Haven)', async () => {
    const page = await newPage(site, { enforceCsp: true })
    await page.context().route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort())
    const refused: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text())
    })
    await signInAtProvider(page, 'entra-0001')
    await expect.poll(() => page.locator('[data-testid="sign-out"]').count()).toBe(1)
    // The sign-out form posts to Haven; the provider's page is reached from Haven's own page.
    await page.click('[data-testid="sign-out"]')
    await expect.poll(() => page.url()).toContain(idp.issuer)
    await page.click('button[name="logout"][value="yes"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('You have signed out')
    expect(refused).toEqual([])
  })
})

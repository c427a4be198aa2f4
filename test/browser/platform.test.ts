import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../src/modules/demo/seed.js'
import { expectAccessible, newPage, openSite, signIn, signOut, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const HEADINGS: Record<string, RegExp> = {
  front_door_screener: /Your work/,
  mash_social_worker: /Your work/,
  social_worker: /Your work/,
  team_manager: /Your team’s work/,
  service_manager: /Work across the service/,
  partner_practitioner: /Worried about a child\?/,
  performance_officer: /Statutory timescales/,
  administrator: /Users/,
  auditor: /Audit trail/,
  independent_reviewing_officer: /Your work/,
}

describe('signing in as each demo role', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a.role] as const))(
    '%s (%s) signs in, sees a page for their role, and signs out',
    async (username, role) => {
      const page = await newPage(site)
      await signIn(page, username)
      await expect.poll(() => page.locator('h1').first().textContent()).toMatch(HEADINGS[role] as RegExp)
      await expect
        .poll(() => page.locator('[data-testid="signed-in-as"]').textContent())
        .toContain(DEMO_ACCOUNTS.find((a) => a.username === username)?.displayName)
      await expectAccessible(page, `${role} home`)
      for (const link of await page.locator('.govuk-service-navigation__link').all()) {
        const href = await link.getAttribute('href')
        if (!href || href === '/') continue
        const other = await newPage(site)
        await other.context().addCookies(await page.context().cookies())
        const res = await other.goto(href)
        expect(res?.status(), `${href} for ${role}`).toBe(200)
        await expectAccessible(other, `${role} ${href}`)
        await other.context().close()
      }
      await signOut(page)
      await expectAccessible(page, 'signed out')
      await page.goto('/')
      expect(page.url()).toContain('/sign-in')
      await page.context().close()
    },
  )
})

describe('the content security policy', () => {
  it('is not broken by any script or style on the pages', async () => {
    const page = await newPage(site, { enforceCsp: true })
    const violations: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text()) // CSP refusals, assets that fail to load
    })
    page.on('pageerror', (e) => violations.push(e.message))
    await signIn(page, 'social.worker')
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/Your work/)
    // GOV.UK Frontend's inline script ran under its nonce, and its module initialised the components
    expect(await page.evaluate<string>('document.body.className')).toContain('govuk-frontend-supported')
    await page.locator('[data-testid="my-children"] a').first().click()
    await expect.poll(() => page.locator('[data-testid="chronology"]').count()).toBe(1)
    expect(violations).toEqual([])
    await page.context().close()
  })
})

describe('pages in their other states', () => {
  it('the sign-in page, with and without errors, moves focus to the error summary', async () => {
    const page = await newPage(site)
    await page.goto('/sign-in')
    await expectAccessible(page, 'sign-in')
    await page.click('[data-testid="sign-in"]')
    await expect.poll(() => page.title()).toMatch(/^Error: Sign in/)
    await expect
      .poll(() => page.evaluate<string>("document.activeElement ? document.activeElement.className : ''"))
      .toContain('govuk-error-summary')
    await expectAccessible(page, 'sign-in with errors')
    await page.context().close()
  })

  it('tells the account holder of a failed attempt to sign in, on the first page after signing in', async () => {
    const page = await newPage(site)
    await signIn(page, 'performance', 'not the password')
    await expect.poll(() => page.title()).toMatch(/^Error: Sign in/)
    await signIn(page, 'performance')
    const banner = page.locator('.govuk-notification-banner')
    await expect.poll(() => banner.textContent()).toMatch(/1 unsuccessful attempt to sign in to your account/)
    await expectAccessible(page, 'home page with the failed sign-in notice')
    await page.reload()
    await expect.poll(() => banner.count()).toBe(0)
    await page.context().close()
  })

  it('works without JavaScript: sign in, open a child’s record, sign out', async () => {
    const page = await newPage(site, { javaScriptEnabled: false })
    await signIn(page, 'social.worker')
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/Your work/)
    await page.locator('[data-testid="my-children"] a').first().click()
    await expect.poll(() => page.locator('[data-testid="chronology"]').count()).toBe(1)
    await signOut(page)
    await page.context().close()
  })

  it('a refused child record, the not-found page, the accessibility statement and the audit search with results', async () => {
    const page = await newPage(site)
    await signIn(page, 'social.worker2')
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/Your work/)
    await page.locator('[data-testid="my-children"] a').first().click()
    await expect.poll(() => page.locator('[data-testid="chronology"]').count()).toBe(1)
    await expectAccessible(page, 'child record')
    const someoneElses = await site.testApp.database.db
      .selectFrom('child_access as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select('a.child_id')
      .where('u.username', '=', 'social.worker')
      .where('a.basis', '=', 'allocated_worker')
      .executeTakeFirstOrThrow()
    const refused = await page.goto(`/children/${someoneElses.child_id}`)
    expect(refused?.status()).toBe(403)
    await expectAccessible(page, 'refused record')
    expect((await page.goto('/no-such-page'))?.status()).toBe(404)
    await expectAccessible(page, 'not found')
    await page.goto('/accessibility')
    await expectAccessible(page, 'accessibility statement')
    await signOut(page)

    await signIn(page, 'auditor')
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/Audit trail/)
    await page.fill('#childId', String(someoneElses.child_id))
    await page.click('[data-testid="audit-search-submit"]')
    await expect.poll(() => page.locator('[data-testid="audit-results"]').count()).toBe(1)
    expect(await page.locator('[data-testid="audit-results"]').textContent()).toContain('Denied')
    await expectAccessible(page, 'audit results')
    await page.fill('#from', '2026-02-30')
    await page.click('[data-testid="audit-search-submit"]')
    await expect.poll(() => page.title()).toMatch(/^Error:/)
    await expectAccessible(page, 'audit search with errors')
    await page.context().close()
  })

  it('an administrator disables an account, with an error for a missing reason', async () => {
    const page = await newPage(site)
    await signIn(page, 'admin')
    await page.goto('/admin/users/performance/disable')
    await expectAccessible(page, 'disable account')
    await page.click('button.govuk-button--warning')
    await expect.poll(() => page.title()).toMatch(/^Error:/)
    await expectAccessible(page, 'disable account with errors')
    await page.fill('#reason', 'Moved to another authority')
    await page.click('button.govuk-button--warning')
    await expect.poll(() => page.locator('.govuk-notification-banner').count()).toBe(1)
    await expectAccessible(page, 'users after disabling')
    await page.context().close()
  })
})

describe('a wide table on a 320 pixel screen (WCAG 1.4.10)', () => {
  it('scrolls in its own box, which the keyboard reaches, shows focused and scrolls', async () => {
    const page = await newPage(site)
    await signIn(page, 'admin')
    await page.goto('/admin/users')
    await page.setViewportSize({ width: 320, height: 720 })
    // An expression about the table's box, evaluated in the page.
    const box = <T>(expression: string) =>
      page.evaluate<T>(
        `((box) => ${expression})(document.querySelector('[role="region"][aria-label="User accounts"]'))`,
      )
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBe(320)
    expect(await box<boolean>('box.scrollWidth > box.clientWidth')).toBe(true)

    // The tab stop after the users' search is the table's box, ringed yellow and black.
    await page.locator('form[role="search"] button').last().focus()
    await page.keyboard.press('Tab')
    expect(await box<boolean>('box === document.activeElement')).toBe(true)
    const ring = await box<string>('getComputedStyle(box).boxShadow')
    expect(ring).toContain('rgb(255, 221, 0)')
    expect(ring).toContain('rgb(11, 12, 12)')

    // The arrow keys then bring the columns off to the right into view.
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => box<number>('box.scrollLeft')).toBeGreaterThan(0)
    await page.context().close()
  })
})

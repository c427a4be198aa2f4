/**
 * Each demo account signs in, sees the home page for its role, opens every page its service
 * navigation offers (each answering 200), and signs out, with axe on each page. The accounts are
 * split between two files (role-homes-*.test.ts) so the two halves run side by side in CI.
 *
 * Accounts of the same role see the same pages with different data (four team managers, two social
 * workers), so axe checks a role's page once per file: the first account of the role in the file
 * checks it, the others still open it and see it answer. Both files keep all accounts of a role
 * together for that reason.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../src/modules/demo/seed.js'
import type { Role } from '../../src/platform/permissions/roles.js'
import { expectAccessible, newPage, signIn, signOut, type Site } from './support.js'

const HEADINGS: Partial<Record<Role, RegExp>> = {
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
  carer: /Your home page/,
}

export function describeRoleHomes(site: () => Site, roles: readonly Role[]): void {
  const accounts = DEMO_ACCOUNTS.filter((a) => roles.includes(a.role))
  const checked = new Set<string>()
  /** axe on the page the first time this role's page (named by its path) is seen in this file. */
  const checkOnce = async (page: Parameters<typeof expectAccessible>[0], role: Role, path: string) => {
    const key = `${role} ${path}`
    if (checked.has(key)) return
    checked.add(key)
    await expectAccessible(page, key)
  }

  describe('signing in as each demo role', () => {
    it.each(accounts.map((a) => [a.username, a.role] as const))(
      '%s (%s) signs in, sees a page for their role, and signs out',
      async (username, role) => {
        const page = await newPage(site())
        await signIn(page, username)
        const heading = HEADINGS[role]
        if (heading) await expect.poll(() => page.locator('h1').first().textContent()).toMatch(heading)
        await expect
          .poll(() => page.locator('[data-testid="signed-in-as"]').textContent())
          .toContain(DEMO_ACCOUNTS.find((a) => a.username === username)?.displayName)
        await checkOnce(page, role, 'home')
        for (const link of await page.locator('.govuk-service-navigation__link').all()) {
          const href = await link.getAttribute('href')
          if (!href || href === '/') continue
          const other = await newPage(site())
          await other.context().addCookies(await page.context().cookies())
          const res = await other.goto(href)
          expect(res?.status(), `${href} for ${role}`).toBe(200)
          await checkOnce(other, role, href)
          await other.context().close()
        }
        await signOut(page)
        await checkOnce(page, role, 'signed out')
        await page.goto('/')
        expect(page.url()).toContain('/sign-in')
        await page.context().close()
      },
      // Each account opens every page its navigation offers, with axe on each: a manager's run
      // includes the whole digest (a chart and its table for every measure), so it is given twice
      // the suite's time for one journey.
      240_000,
    )
  })
}

/**
 * Browser-test support: Haven served on a spare local port from a fresh database with the demo
 * authority, Debian's Chromium driven by playwright-core (never a downloaded browser), and an
 * axe check that fails on any violation.
 */
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import axe from 'axe-core'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { DEMO_PASSWORD } from '../../src/modules/demo/seed.js'
import { openTestApp, type TestApp } from '../support/web.js'

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  )
  const found = candidates.find((p) => fs.existsSync(p))
  if (!found)
    throw new Error('Chromium is not installed: apt-get install -y chromium (the CI script does this)')
  return found
}

export interface Site {
  baseUrl: string
  testApp: TestApp
  browser: Browser
  close(): Promise<void>
}

/** `env` adds settings (single sign-on's); `port` fixes the port when they must name it. */
export async function openSite(options: { env?: Record<string, string>; port?: number } = {}): Promise<Site> {
  const testApp = await openTestApp(options.env ? { env: options.env } : {})
  await testApp.app.listen({ port: options.port ?? 0, host: '127.0.0.1' })
  const { port } = testApp.app.server.address() as AddressInfo
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    testApp,
    browser,
    close: async () => {
      await browser.close()
      await testApp.close()
    },
  }
}

export async function newPage(
  site: Site,
  options: { javaScriptEnabled?: boolean; enforceCsp?: boolean } = {},
): Promise<Page> {
  const context = await site.browser.newContext({
    baseURL: site.baseUrl,
    // axe is injected as an inline script, which Haven's CSP rightly refuses; one test keeps the
    // policy on (enforceCsp) and proves the pages themselves break none of it.
    bypassCSP: !(options.enforceCsp ?? false),
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  })
  return context.newPage()
}

/** Runs axe on the page as it stands and fails the test on any violation, naming each. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  await page.addScriptTag({ content: axe.source })
  // Evaluated in the page, where axe and document exist (the test code has no DOM types).
  const result = await page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)
  expect(result, `axe violations on ${state} (${page.url()})`).toEqual([])
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in')
  await page.fill('#username', username)
  await page.fill('#password', password)
  await page.click('[data-testid="sign-in"]')
}

export async function signOut(page: Page): Promise<void> {
  await page.click('[data-testid="sign-out"]')
  await expect.poll(() => page.url()).toContain('/signed-out')
}

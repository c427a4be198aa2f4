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
  const page = await context.newPage()
  if (options.javaScriptEnabled === false) withoutJavaScript.add(page)
  return page
}

/** Pages opened with JavaScript off, which `expectAccessible` checks through a copy. */
const withoutJavaScript = new WeakSet<Page>()

/**
 * axe's run, evaluated in the page (the test code has no DOM types), giving each violation as a
 * line. One finding is let through, on one element only: GOV.UK Frontend puts `aria-expanded` on
 * a radio that reveals a question (`conditional`), which ARIA does not list for a radio; the
 * design system keeps it on purpose, as screen readers announce it, and lists axe's finding as a
 * known issue (alphagov/govuk-frontend#979). Any other attribute, element or rule still fails.
 */
const AXE_RUN = `axe.run(document, { resultTypes: ['violations'] }).then((r) => {
  const govukReveal = (v, n) => {
    if (v.id !== 'aria-allowed-attr' || n.target.length !== 1) return false
    const el = document.querySelector(n.target[0])
    if (!el || !el.matches('input.govuk-radios__input[type="radio"][aria-controls]')) return false
    const revealed = document.getElementById(el.getAttribute('aria-controls'))
    const checks = n.any.concat(n.all, n.none)
    return !!revealed && revealed.classList.contains('govuk-radios__conditional') && checks.length > 0 &&
      checks.every((c) => c.id === 'aria-allowed-attr' && c.data && Array.isArray(c.data.values) &&
        c.data.values.every((a) => /^aria-expanded="(true|false)"$/.test(a)))
  }
  return r.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !govukReveal(v, n)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map((n) => n.target.join(' ')).join(', '))
})`

/**
 * Runs axe on the page as it stands and fails the test on any violation, naming each. axe needs
 * the page's timers, which never fire with JavaScript off: such a page is checked as a copy of
 * what it shows, opened where axe may run but the page's own scripts may not (so GOV.UK Frontend
 * does not start, and every conditional question stays shown, as without JavaScript).
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const result = withoutJavaScript.has(page) ? await axeOnCopy(page) : await axeOn(page)
  expect(result, `axe violations on ${state} (${page.url()})`).toEqual([])
}

async function axeOn(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source })
  return page.evaluate<string[]>(AXE_RUN)
}

async function axeOnCopy(page: Page): Promise<string[]> {
  const html = await page.content()
  const url = page.url().replace(/#.*$/, '')
  const browser = page.context().browser()
  if (!browser) throw new Error('A page without JavaScript is checked in a second context of its browser')
  const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' })
  try {
    const copy = await context.newPage()
    await copy.route(
      (address) => address.href === url,
      (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          headers: { 'content-security-policy': "script-src 'none'" },
          body: html,
        }),
    )
    await copy.goto(url)
    // Evaluated, not added as a script tag: the copy's policy refuses every script of the page's.
    await copy.evaluate(axe.source)
    return await copy.evaluate<string[]>(AXE_RUN)
  } finally {
    await context.close()
  }
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

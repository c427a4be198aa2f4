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
 * Runs axe on the page as it stands and fails the test on any violation, naming each; then checks
 * that the page reflows (WCAG 1.4.10) at a 320 CSS-pixel viewport. Both need the page's timers,
 * which never fire with JavaScript off: such a page is checked as a copy of what it shows, opened
 * where axe may run but the page's own scripts may not (so GOV.UK Frontend does not start, and
 * every conditional question stays shown, as without JavaScript).
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // A click that navigates returns once the new page is committed, not loaded: axe on a page still
  // being parsed finds no main landmark and no heading (seen once in CI, two files at a time).
  await page.waitForLoadState('load')
  if (withoutJavaScript.has(page)) return onCopy(page, (copy) => checkAccessible(copy, state, page.url()))
  await page.addScriptTag({ content: axe.source })
  await checkAccessible(page, state, page.url())
}

async function checkAccessible(page: Page, state: string, url: string): Promise<void> {
  const result = await page.evaluate<string[]>(AXE_RUN)
  expect(result, `axe violations on ${state} (${url})`).toEqual([])
  await expectReflows(page, state)
}

/** WCAG 1.4.10's width: content must reflow, without scrolling sideways, at 320 CSS pixels. */
export const REFLOW_WIDTH = 320

interface Reflow {
  /** The page's width as laid out: `document.documentElement.scrollWidth`. */
  width: number
  /** The viewport's width less any vertical scroll bar: `document.documentElement.clientWidth`. */
  viewport: number
  /** The outermost elements that stick out past the viewport's right edge and are not cut off. */
  overflowing: string[]
}

/**
 * Evaluated in the page after two frames (so media-query listeners, such as the one that folds
 * GOV.UK's service navigation into a menu, have run): the page's and the viewport's widths and,
 * when the page is too wide, what makes it so. A box sticking out does not widen the page if an
 * ancestor that scrolls or hides its overflow cuts it off; for an absolutely positioned box only
 * its containing block (its nearest positioned ancestor) and that block's own ancestors can, which
 * is how a visually hidden label in a scrolling table's last column can still widen the page.
 */
const MEASURE_REFLOW = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const root = document.documentElement
  const viewport = root.clientWidth
  const width = root.scrollWidth
  const clipped = (el) => {
    let position = getComputedStyle(el).position
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (position === 'fixed') return false
      const style = getComputedStyle(p)
      if (position !== 'absolute' || style.position !== 'static') {
        if (style.overflowX !== 'visible') return true
        position = style.position
      }
    }
    return false
  }
  const name = (el) => el.tagName.toLowerCase() +
    (el.id ? '#' + el.id : '') +
    (el.getAttribute('data-testid') ? '[data-testid="' + el.getAttribute('data-testid') + '"]' : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
  const overflowing = []
  if (width > viewport) {
    for (const el of document.body.querySelectorAll('*')) {
      if (overflowing.length === 5) break
      if (overflowing.some((outer) => outer.contains(el))) continue
      const right = el.getBoundingClientRect().right
      if (right > viewport + 0.5 && !clipped(el)) overflowing.push(el)
    }
  }
  resolve({ width, viewport, overflowing: overflowing.map((el) =>
    name(el) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ')') })
})))`

/**
 * Lays the page out at a 320 CSS-pixel viewport and fails (softly, so that one run names every
 * too-wide state) if the page is wider than the viewport, naming the state, the measured width and
 * the elements that stick out. The viewport is put back as it was, so the test carries on as before.
 * Like axe, it needs the page's JavaScript on (it waits for animation frames).
 */
export async function expectReflows(page: Page, state: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 720 }
  await page.setViewportSize({ width: REFLOW_WIDTH, height: before.height })
  try {
    const reflow = await page.evaluate<Reflow>(MEASURE_REFLOW)
    expect
      .soft(
        reflow.width,
        `${state} (${page.url()}) is ${reflow.width} px wide at a ${reflow.viewport} px viewport; ` +
          `sticking out: ${reflow.overflowing.join(', ') || 'nothing named'}`,
      )
      .toBe(reflow.viewport)
  } finally {
    await page.setViewportSize(before)
  }
  // And the page's listeners run again at the restored size before the test goes on.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')
}

/** Runs `check` on a copy of what a page without JavaScript shows, where axe may run. */
async function onCopy(page: Page, check: (copy: Page) => Promise<void>): Promise<void> {
  const html = await page.content()
  const url = page.url().replace(/#.*$/, '')
  const browser = page.context().browser()
  if (!browser) throw new Error('A page without JavaScript is checked in a second context of its browser')
  const context = await browser.newContext({
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    viewport: page.viewportSize(),
  })
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
    await check(copy)
  } finally {
    await context.close()
  }
}

/**
 * A child recorded directly and allocated to a demo worker and their team, where a journey that
 * begins on an open case starts: the child's id, and the worker's id and team.
 */
export async function allocatedChild(
  site: Site,
  username: string,
  child: { given_name: string; family_name: string; date_of_birth: string },
): Promise<{ childId: number; worker: { id: number; team_id: number | null } }> {
  const db = site.testApp.database.db
  const worker = await db
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  const { id: childId } = await db
    .insertInto('person')
    .values({ kind: 'child', ...child })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Allocated a year ago: a journey may backdate what follows (care that began weeks ago), and the
  // SSDA903 expects the child to have had their social worker since before then (SW12STG2).
  const grantedAt = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000)
  await db
    .insertInto('child_access')
    .values([
      {
        child_id: childId,
        user_id: worker.id,
        basis: 'allocated_worker',
        granted_by: worker.id,
        granted_at: grantedAt,
      },
      {
        child_id: childId,
        team_id: worker.team_id,
        basis: 'allocated_team',
        granted_by: worker.id,
        granted_at: grantedAt,
      },
    ])
    .execute()
  return { childId, worker }
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

// ---------------------------------------------------------------------------------------------
// Steps shared by the casework journeys (assessment, protection): each fills one form as a user
// would and waits for the page that follows.

/** Fills a GOV.UK date (and, given, a time) named `prefix-day`, `-month`, `-year`, `-time`. */
export async function fillDate(page: Page, prefix: string, iso: string, time?: string): Promise<void> {
  const [y, m, d] = iso.split('-')
  await page.fill(`#${prefix}-day`, String(Number(d)))
  await page.fill(`#${prefix}-month`, String(Number(m)))
  await page.fill(`#${prefix}-year`, y ?? '')
  if (time) await page.fill(`#${prefix}-time`, time)
}

/** Waits for the success banner to say `text`. */
export async function expectBanner(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain(text)
}

/** Waits for the page's heading to be `text`. */
export async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('h1').textContent()).toBe(text)
}

/** Waits for the error summary, checks the title says so, and that it says `text`. */
export async function expectErrorSummary(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
  expect(await page.title()).toMatch(/^Error: /)
  expect(await page.locator('.govuk-error-summary').textContent()).toContain(text)
}

/**
 * A child and family assessment started from the referral on the child's record, each section
 * completed (the child seen on `seenOn`), checked and sent to a manager. `check` runs axe on each
 * page state the first time through. Returns the assessment's page.
 */
export async function sendAssessment(
  page: Page,
  o: { childId: number; referralId: number; seenOn: string; outcome: string; check?: boolean },
): Promise<string> {
  const check = async (state: string) => {
    if (o.check) await expectAccessible(page, state)
  }
  await page.goto(`/children/${o.childId}`)
  await page.click('[data-testid="start-assessment-link"]')
  await expectHeading(page, 'Start a child and family assessment')
  await check('start an assessment')
  await page.check(`input[name="referralId"][value="${o.referralId}"]`)
  await page.click('[data-testid="start"]')
  await expectHeading(page, 'Child and family assessment')
  await check('the assessment’s task list')
  const url = page.url()
  await page.click('text=The child seen')
  await check('the child seen')
  await fillDate(page, 'seen', o.seenOn)
  await page.check('input[name="seenAlone"][value="yes"]')
  await page.click('[data-testid="save-section"]')
  await expectBanner(page, 'saved')
  await page.click('text=The child’s wishes and feelings')
  await page.fill('#wishesAndFeelings', 'Wants the shouting at home to stop and to see his friends.')
  await page.click('[data-testid="save-section"]')
  await page.click('text=Assessment factors')
  await check('assessment factors')
  await page.check('input[name="factors"][value="3B"]')
  await page.click('[data-testid="save-section"]')
  await page.click('text=Primary need')
  await page.check('input[name="primaryNeed"][value="N1"]')
  await page.click('[data-testid="save-section"]')
  await page.click('text=Analysis')
  await page.fill('#analysis', 'Domestic abuse in the home; the mother cannot yet keep the children safe.')
  await page.click('[data-testid="save-section"]')
  await page.click('text=Outcome')
  await page.check(`input[name="outcome"][value="${o.outcome}"]`)
  await page.click('[data-testid="save-section"]')
  await expectBanner(page, 'Outcome')
  await page.click('[data-testid="check-link"]')
  await expectHeading(page, 'Check the child and family assessment before sending it')
  await check('check the assessment')
  await page.click('[data-testid="send"]')
  await expectBanner(page, 'sent to a manager')
  await check('the assessment waiting for a manager')
  return url
}

/** The manager authorises an assessment sent to them, from its page. */
export async function authoriseAssessment(page: Page, assessmentUrl: string, check = false): Promise<void> {
  await page.goto(assessmentUrl)
  await page.click('[data-testid="authorise-link"]')
  await expectHeading(page, 'Authorise the assessment')
  if (check) await expectAccessible(page, 'authorise the assessment')
  await page.check('input[name="outcome"][value="authorise"]')
  await page.fill('#oversightNote', 'Read the assessment and the history; the decision is right.')
  await page.click('[data-testid="decide"]')
  await expectBanner(page, 'Assessment authorised')
  if (check) await expectAccessible(page, 'the authorised assessment')
}

/**
 * Invites an agency to the conference open on the page, with the partner's Haven account (its
 * id) and a report asked for.
 */
export async function inviteToConference(
  page: Page,
  o: { agency: string; agencyLabel: string; name: string; userId: number },
): Promise<void> {
  await page.click('[data-testid="invite-agency"]')
  await page.selectOption('#agency', o.agency)
  await page.fill('#personName', o.name)
  await page.selectOption('#userId', String(o.userId))
  await page.check('input[name="reportRequested"][value="yes"]')
  await page.click('[data-testid="save-invite"]')
  await expectBanner(page, `${o.name} (${o.agencyLabel}) invited`)
}

/**
 * Starts the child's care from the care page's form, as a social worker would: an emergency
 * admission under section 20 (V2) to foster carers (U6, PR1) on `startDate`, arriving on the care
 * record. The care modules' journeys begin here.
 */
export async function startCareWithFosterCarers(
  page: Page,
  childId: number,
  startDate: string,
): Promise<void> {
  await page.goto(`/children/${childId}/care/start`)
  await fillDate(page, 'start', startDate)
  await page.check('input[name="admission"][value="emergency"]')
  await page.selectOption('#legalStatus', 'V2')
  await page.check('input[name="categoryOfNeed"][value="N1"]')
  await page.selectOption('#place', 'U6')
  await page.selectOption('#provider', 'PR1')
  await page.fill('#carer', 'Pat and Lee Carter')
  await page.click('[data-testid="save"]')
  await expectHeading(page, 'Looked after')
}

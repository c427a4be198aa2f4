/**
 * In Chromium: the service manager opens the performance digest from the service navigation,
 * chooses one team with the GET form, opens a measure (its chart and the table behind it), the
 * children behind the figure, and one child's record; from a figure to the records whose data
 * affects it and one record to put right; a wrong area shows the error summary. axe
 * checks every page, charts included, and the charts exist with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { syncKpiCatalogue } from '../../src/modules/performance/catalogue-store.js'
import { digestCatalogue } from '../../src/modules/performance/index.js'
import { londonToday } from '../../src/platform/calendar/dates.js'
import { firstAllocatedChild } from '../support/actors.js'
import { recordReferral } from '../support/digest-records.js'
import {
  expectAccessible,
  expectErrorSummary,
  expectHeading,
  newPage,
  openSite,
  signIn,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
  // The application loads the KPI catalogue at each open (bootstrap.ts); a test database has none.
  await syncKpiCatalogue(site.testApp.database.db, digestCatalogue(HAVEN_MODULES))
})
afterAll(async () => site?.close())

describe('the performance digest', () => {
  it('takes the service manager from the digest to one team, a measure, its children and a child’s record', async () => {
    const page = await newPage(site)
    await signIn(page, 'service.manager')
    await expect
      .poll(() => page.locator('.govuk-service-navigation').textContent())
      .toContain('Performance digest')
    await page.click('.govuk-service-navigation a[href="/performance/digest"]')
    await expectHeading(page, 'Performance digest')
    expect(await page.locator('[data-testid="digest-scope"]').textContent()).toContain('Whole authority')
    // The page may still be arriving when its heading shows (every live measure has a card).
    await expect.poll(() => page.locator('svg.haven-chart[role="img"]').count()).toBeGreaterThan(10)
    expect(await page.locator('[data-testid="downloads"] a').count()).toBe(4)
    await expectAccessible(page, 'the digest for the authority')

    // One team, chosen with the plain GET form.
    await page.selectOption('#area', 'team:Assessment team')
    await page.click('[data-testid="show-digest"]')
    await expect
      .poll(() => page.locator('[data-testid="digest-scope"]').textContent())
      .toContain('Assessment team')
    expect(page.url()).toContain('area=team%3AAssessment+team')
    // The trend data behind a chart, opened.
    await page.click('[data-testid="measure-referrals"] .govuk-details__summary')
    await expect.poll(() => page.locator('[data-testid="trend-table-referrals"]').isVisible()).toBe(true)
    await expectAccessible(page, 'the digest for the Assessment team, trend data open')

    await page.click('[data-testid="measure-link-referrals"]')
    await expectHeading(page, 'Referrals')
    expect(await page.locator('[data-testid="trend-chart"] svg title').textContent()).toContain('Referrals')
    expect(await page.locator('[data-testid="trend-table-referrals"] tbody tr').count()).toBe(12)
    await expectAccessible(page, 'the referrals measure for the Assessment team')

    await page.click('[data-testid="denominator-children"]')
    await expectHeading(page, 'Children behind the figure')
    const links = page.locator('[data-testid="child-link"]')
    await expect.poll(() => links.count()).toBeGreaterThan(0)
    await expectAccessible(page, 'the children behind the referrals figure')

    const href = (await links.first().getAttribute('href')) ?? ''
    await links.first().click()
    await expect.poll(() => new URL(page.url()).pathname).toBe(href)
    await expectAccessible(page, 'a child’s record reached from the digest')
  })

  it('takes the service manager from a figure to the records affecting it and to one record to put right', async () => {
    // A child of the demo referred twice today: a same-day pair, affecting the referrals figure.
    const db = site.testApp.database.db
    const childId = await firstAllocatedChild(db)
    const today = londonToday(site.testApp.clock.now())
    for (let i = 0; i < 2; i += 1) await recordReferral(db, childId, today)
    const page = await newPage(site)
    await signIn(page, 'service.manager')
    await page.goto('/performance/digest')
    await expectHeading(page, 'Performance digest')
    await page.click('[data-testid="quality-link-referrals"]')
    await expectHeading(page, 'Records affecting the figure')
    const rows = page.locator('[data-testid="quality-records-same-day-referrals"] tbody tr')
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2)
    await expectAccessible(page, 'the records affecting the referrals figure')

    const fix = page.locator('[data-testid="quality-records-same-day-referrals"] [data-testid="record-link"]')
    const href = (await fix.first().getAttribute('href')) ?? ''
    expect(href).toMatch(/^\/referrals\/\d+$/)
    await fix.first().click()
    await expect.poll(() => new URL(page.url()).pathname).toBe(href)

    await page.goto('/performance/digest/measure?measure=referrals')
    expect(await page.locator('[data-testid="quality-checks"] tbody tr').count()).toBeGreaterThanOrEqual(2)
    // The authority's figure team by team, each team linking to its own page of the measure.
    const team = page.locator('[data-testid="team-figures"] tbody th a', { hasText: 'Assessment team' })
    await expect.poll(() => team.count()).toBe(1)
    await expectAccessible(page, 'the referrals measure with its data-quality checks and its teams')
    await team.click()
    await expect.poll(() => page.url()).toContain('area=team%3AAssessment+team')
    await expectHeading(page, 'Referrals')
    expect(await page.locator('[data-testid="team-figures"]').count()).toBe(0)
  })

  it('shows an error summary for an area that does not exist, and the charts without JavaScript', async () => {
    const page = await newPage(site, { javaScriptEnabled: false })
    await signIn(page, 'service.manager')
    await page.goto('/performance/digest?area=team%3ANo%20such%20team')
    await expectErrorSummary(page, 'There is no team called "No such team"')
    await expectAccessible(page, 'the digest with an unknown area')

    await page.goto('/performance/digest/measure?measure=referrals')
    await expectHeading(page, 'Referrals')
    expect(await page.locator('[data-testid="trend-chart"] svg[role="img"]').count()).toBe(1)
    await expectAccessible(page, 'a measure without JavaScript')
  })

  it('breaks none of the content security policy, and the charts take their colours from the stylesheet', async () => {
    const page = await newPage(site, { enforceCsp: true })
    const violations: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text())
    })
    page.on('pageerror', (e) => violations.push(e.message))
    await signIn(page, 'performance')
    await page.goto('/performance/digest/measure?measure=referrals')
    await expectHeading(page, 'Referrals')
    const stroke = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-testid="trend-chart"] .haven-chart__line')).stroke`,
    )
    expect(stroke).toBe('rgb(29, 112, 184)')
    await page.goto('/performance/digest')
    await expectHeading(page, 'Performance digest')
    expect(violations).toEqual([])
    await page.context().close()
  })
})

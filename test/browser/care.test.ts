/**
 * A child in care in the browser, with axe on each page state: the social worker starts care
 * under section 20 (V2) in an emergency, first forgetting the placement's provider; the first
 * visit in the placement is on their worklist; the child moves with a reason (P), then an interim
 * care order is made (C1, L); care ends with E4A, and the episodes read as the SSDA903 has them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import {
  allocatedChild,
  expectAccessible,
  fillDate,
  newPage,
  openSite,
  signIn,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('children in care', () => {
  it('care started (V2) → visit on the worklist → placement changed with a reason → interim care order (C1) → care ended (E4A)', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Maya',
      family_name: 'Thorne',
      date_of_birth: '2013-04-11',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    // The record offers care; the start without a provider is refused, answers kept.
    await page.goto(`/children/${childId}`)
    await expectAccessible(page, 'the child’s record offering care')
    await page.click('[data-testid="care-panel"] [data-testid="start-care"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Start a period of care')
    await expectAccessible(page, 'start a period of care')
    await fillDate(page, 'start', addCalendarDays(today, -10))
    await page.check('input[name="admission"][value="emergency"]')
    await page.selectOption('#legalStatus', 'V2')
    await page.check('input[name="categoryOfNeed"][value="N1"]')
    await page.fill('#homePostcode', 'RM17 6AB')
    await page.selectOption('#place', 'U6')
    await page.fill('#carer', 'Jo and Sam Green')
    await page.fill('#postcode', 'RM16 2TX')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Start a period of care/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select the provider: a U6 placement needs one',
    )
    expect(await page.inputValue('#carer')).toBe('Jo and Sam Green')
    await expectAccessible(page, 'start a period of care, with errors')
    await page.selectOption('#provider', 'PR1')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Period of care started')
    expect(await page.locator('[data-testid="current"]').textContent()).toContain('V2: Single period')
    expect(await page.locator('[data-testid="care-tasks"]').textContent()).toContain(
      'First visit in a new placement',
    )
    await expectAccessible(page, 'the care record, just started')

    // The first visit is on the worker's list.
    await page.goto('/worklist')
    await expect
      .poll(() =>
        page
          .locator('main tr', { hasText: 'First visit in a new placement' })
          .filter({ hasText: 'Maya Thorne' })
          .count(),
      )
      .toBeGreaterThanOrEqual(1)
    await expectAccessible(page, 'the worklist with the visit')

    // A move, with its reason.
    await page.goto(`/children/${childId}/care`)
    await page.click('[data-testid="change-placement"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Change the placement')
    await expectAccessible(page, 'change the placement')
    await fillDate(page, 'change', addCalendarDays(today, -5))
    await page.check('input[name="sameCarer"][value="no"]')
    await page.selectOption('#place', 'U4')
    await page.selectOption('#provider', 'PR4')
    await page.fill('#carer', 'Ann Lee')
    await page.fill('#urn', 'SC123456')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select the reason for the change of placement',
    )
    await expectAccessible(page, 'change the placement, with errors')
    await page.selectOption('#reasonPlaceChange', 'CARPL')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('P: Change of placement and carer(s) only')
    await expectAccessible(page, 'the care record after a move')

    // The court makes an interim care order.
    await page.click('[data-testid="change-legal-status"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Change the legal status')
    await expectAccessible(page, 'change the legal status')
    await fillDate(page, 'change', addCalendarDays(today, -2))
    await page.selectOption('#legalStatus', 'C1')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Legal status changed')
    expect(await page.locator('[data-testid="current"]').textContent()).toContain('C1: Interim care order')

    // Care ends: the child returns home as part of the care plan.
    await page.click('[data-testid="end-care"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('End the period of care')
    await expectAccessible(page, 'end the period of care')
    await page.check('input[name="reason"][value="E4A"]')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Period of care ended')
    const rows = await page.locator('[data-testid="episode"]').allTextContents()
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim().split(' ')[3])).toEqual(['S:', 'P:', 'L:'])
    expect(rows[0]).toContain('X1')
    expect(rows[0]).toContain('CARPL')
    expect(rows[2]).toContain('E4A')
    await expectAccessible(page, 'the care record, ended')
    await page.goto(`/children/${childId}`)
    expect(await page.locator('[data-testid="care-panel"]').textContent()).toContain('E4A')
  }, 180_000)
})

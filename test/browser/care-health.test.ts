/**
 * The health of a child in care in the browser, with axe on each new page state: the social worker
 * starts care and records the initial health assessment as waiting for the paperwork (first
 * forgetting why it waits); the team manager finds the child on the list of who is waiting for a
 * health assessment and why; the social worker then records it completed, and the care page shows
 * the review health assessment due 12 months on (the child is 9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMonths } from '../../src/platform/calendar/clocks.js'
import { addCalendarDays, londonToday, longDate } from '../../src/platform/calendar/dates.js'
import {
  allocatedChild,
  expectAccessible,
  expectBanner,
  fillDate,
  newPage,
  openSite,
  signIn,
  startCareWithFosterCarers,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('the health of a child in care', () => {
  it('records the IHA waiting, lists who waits and why, then the IHA completed with the RHA due', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Isla',
      family_name: 'Penn',
      date_of_birth: '2016-11-02',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    await startCareWithFosterCarers(page, childId, addCalendarDays(today, -3))
    expect(await page.locator('[data-testid="health-due"]').textContent()).toContain(
      'Initial health assessment: by',
    )

    await page.click('[data-testid="record-health-assessment"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Initial health assessment')
    await expectAccessible(page, 'the initial health assessment form')
    await fillDate(page, 'requested', addCalendarDays(today, -2))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Initial health assessment/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select why the assessment is waiting, or enter the date it was completed',
    )
    expect(await page.inputValue('#requested-day')).not.toBe('')
    await expectAccessible(page, 'the initial health assessment form, with an error')
    await page.check('input[name="waitingReason"][value="paperwork"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    await expectBanner(page, 'Initial health assessment recorded as outstanding')
    expect(await page.locator('[data-testid="health-due"]').textContent()).toContain(
      'Waiting for the paperwork (consent or referral forms)',
    )
    await expectAccessible(page, 'the care record with an IHA waiting')

    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.click('[data-testid="health-waiting-link"]')
    await expect.poll(() => manager.locator('h1').textContent()).toBe('Waiting for a health assessment')
    const row = manager.locator('[data-testid="health-waiting-row"]', { hasText: 'Isla Penn' })
    expect(await row.textContent()).toContain('Waiting for the paperwork')
    await expectAccessible(manager, 'the list of children waiting for a health assessment')

    await page.click('[data-testid="record-health-assessment"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Initial health assessment')
    const completed = addCalendarDays(today, -1)
    await fillDate(page, 'completed', completed)
    await page.fill('#completedBy', 'LAC nurse')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    await expectBanner(page, 'Initial health assessment recorded as completed')
    expect(await page.locator('[data-testid="health-due"]').textContent()).toContain(
      `Review health assessment: by ${longDate(addMonths(completed, 12))}`,
    )
    expect(await page.locator('[data-testid="health-assessment"]').first().textContent()).toContain(
      'LAC nurse',
    )
    await expectAccessible(page, 'the care record with the RHA due')
  })
})

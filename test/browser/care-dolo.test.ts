/**
 * Deprivation of liberty orders in the browser, with axe on each new page state: the social worker
 * starts care with foster carers, records an order (first dated before care began), its end,
 * and deletes it as recorded in error with the reason; the care page shows each.
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
  startCareWithFosterCarers,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('deprivation of liberty orders on a child’s care page', () => {
  it('an order refused before care, recorded, ended and deleted with a reason', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Kit',
      family_name: 'Ashby',
      date_of_birth: '2011-04-02',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    await startCareWithFosterCarers(page, childId, addCalendarDays(today, -30))

    await page.click('[data-testid="record-dolo"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a deprivation of liberty order')
    await expectAccessible(page, 'record a DoLO')
    await fillDate(page, 'start', addCalendarDays(today, -31))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record a deprivation of liberty order/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'when the child started to be looked after',
    )
    await expectAccessible(page, 'record a DoLO, with an error')
    await fillDate(page, 'start', addCalendarDays(today, -20))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="dolo"]').first().textContent()).toContain('In force')

    await page.click('[data-testid="record-dolo"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Record the end of the deprivation of liberty order')
    await expectAccessible(page, 'record the end of a DoLO')
    await fillDate(page, 'end', addCalendarDays(today, -2))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="dolo"]').first().textContent()).not.toContain('In force')

    await page.locator('[data-testid="dolo"] a', { hasText: 'Delete' }).first().click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Delete a deprivation of liberty order')
    await expectAccessible(page, 'delete a DoLO')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'delete a DoLO, with an error')
    await page.fill('#reason', 'Recorded on the wrong child')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="dolo"]').first().textContent()).toContain(
      'Recorded on the wrong child',
    )
    await expectAccessible(page, 'the care page with a deleted DoLO')
  })
})

/**
 * A statutory visit to a child in care in the browser, with axe on each new page state: the social
 * worker starts care, opens the visit form from the care page, first forgets whether the child
 * was seen alone, then records the visit; the care page lists it with the next visit due in six
 * weeks and the Pledge's figure.
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

describe('statutory visits to a child in care', () => {
  it('a social worker records a visit: the form, its error, the visit listed with the next due', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Noah',
      family_name: 'Vale',
      date_of_birth: '2012-08-30',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    // In care since three days ago, with foster carers.
    await startCareWithFosterCarers(page, childId, addCalendarDays(today, -3))
    expect(await page.locator('[data-testid="visit-figures"]').textContent()).toContain(
      'First visit in a new placement',
    )

    await page.click('[data-testid="record-visit"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a statutory visit')
    await expectAccessible(page, 'record a statutory visit')
    await fillDate(page, 'visited', addCalendarDays(today, -1))
    await page.check('input[name="location"][value="placement"]')
    await page.check('input[name="seen"][value="yes"]')
    await page.fill('#note', 'Noah showed me his room and talked about his new school.')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record a statutory visit/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select whether the child was seen alone',
    )
    expect(await page.inputValue('#note')).toContain('new school')
    await expectAccessible(page, 'record a statutory visit, with an error')

    await page.check('input[name="seenAlone"][value="yes"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Statutory visit recorded',
    )
    const figures = await page.locator('[data-testid="visit-figures"]').textContent()
    expect(figures).toContain('Looked-after child visit')
    expect(figures).toContain('1 of 12')
    const row = await page.locator('[data-testid="visit"]').first().textContent()
    expect(row).toContain('At the placement')
    expect(row).toContain('new school')
    await expectAccessible(page, 'the care record with a visit')
  })
})

/**
 * The records the SSDA903 also needs, in the browser, with axe on each new page state: the social
 * worker starts care, records previous permanence (first forgetting the order's date), a missing
 * episode and the child's return with the interview offered, and UASC status; the care page shows
 * each.
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

describe('the SSDA903’s records on a child’s care page', () => {
  it('previous permanence, a missing episode and its return, and UASC status', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Omar',
      family_name: 'Haddad',
      date_of_birth: '2010-02-11',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    await page.goto(`/children/${childId}/care/start`)
    await fillDate(page, 'start', addCalendarDays(today, -10))
    await page.check('input[name="admission"][value="emergency"]')
    await page.selectOption('#legalStatus', 'V2')
    await page.check('input[name="categoryOfNeed"][value="N4"]')
    await page.selectOption('#place', 'U6')
    await page.selectOption('#provider', 'PR1')
    await page.fill('#carer', 'Pat and Lee Carter')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="permanence-status"]').textContent()).toContain('Not recorded')

    // Previous permanence: an order without its date is refused, then saved.
    await page.click('[data-testid="record-previous-permanence"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record previous permanence')
    await expectAccessible(page, 'record previous permanence')
    await page.check('input[name="prevPerm"][value="P3"]')
    await page.fill('#orderLa', '883')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record previous permanence/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the date the order was made',
    )
    expect(await page.inputValue('#orderLa')).toBe('883')
    await expectAccessible(page, 'record previous permanence, with an error')
    await fillDate(page, 'order', '2018-05-04')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="permanence-status"]').textContent()).toContain(
      'P3: Child arrangements order (residence order), made 4 May 2018, arranged by 883',
    )

    // Missing two days ago, back yesterday, the interview offered today.
    await page.click('[data-testid="record-missing-episode"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a missing or away episode')
    await expectAccessible(page, 'record a missing episode')
    await page.check('input[name="kind"][value="M"]')
    await fillDate(page, 'start', addCalendarDays(today, -2))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    await page.click('[data-testid="record-missing-episode"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record the child’s return')
    await expectAccessible(page, 'record the child’s return')
    await fillDate(page, 'end', addCalendarDays(today, -1))
    await fillDate(page, 'offered', today)
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    const episode = await page.locator('[data-testid="missing-episode"]').first().textContent()
    expect(episode).toContain('Missing')
    expect(episode).toContain('not held')

    // UASC, with the age assessment accepted.
    await page.click('[data-testid="record-uasc"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Record unaccompanied asylum-seeking child status')
    await expectAccessible(page, 'record UASC status')
    await page.check('input[name="assessment"][value="accepted"]')
    await fillDate(page, 'assessed', addCalendarDays(today, -3))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="permanence-status"]').textContent()).toContain(
      'the status ends 11 February 2028',
    )
    await expectAccessible(page, 'the care record with its 903 records')
  })
})

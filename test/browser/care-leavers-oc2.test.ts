/**
 * The SSDA903's OC2 and OC3 records in the browser, with axe on each new page state: a social
 * worker records a youth caution for a child looked after (first forgetting the date), then a
 * care leaver's contact around their 19th birthday (first saying "in touch" without what they
 * do), and the care pages show each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, addYears, londonToday } from '../../src/platform/calendar/dates.js'
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

async function startCare(page: Awaited<ReturnType<typeof newPage>>, childId: number, on: string) {
  await page.goto(`/children/${childId}/care/start`)
  await fillDate(page, 'start', on)
  await page.check('input[name="admission"][value="emergency"]')
  await page.selectOption('#legalStatus', 'V2')
  await page.check('input[name="categoryOfNeed"][value="N1"]')
  await page.selectOption('#place', 'U6')
  await page.selectOption('#provider', 'PR1')
  await page.fill('#carer', 'Pat and Lee Carter')
  await page.click('[data-testid="save"]')
  await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
}

describe('the SSDA903’s OC2 and OC3 records on the care page', () => {
  it('a youth caution for a child looked after', async () => {
    const today = londonToday()
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Kai',
      family_name: 'Morgan',
      date_of_birth: addYears(today, -14),
    })
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await startCare(page, childId, addCalendarDays(today, -20))
    await page.click('a[href$="/care/outcomes/offence"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a conviction or caution')
    await expectAccessible(page, 'record a conviction or caution')
    await page.check('input[name="code"][value="youth_caution"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record a conviction or caution/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the date of the conviction or caution',
    )
    expect(await page.isChecked('input[name="code"][value="youth_caution"]')).toBe(true)
    await expectAccessible(page, 'record a conviction or caution, with an error')
    await fillDate(page, 'date', addCalendarDays(today, -2))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="outcomes"]').textContent()).toContain('Youth caution')
    await expectAccessible(page, 'the care record with an outcome')
  })

  it('a care leaver’s contact around their 19th birthday', async () => {
    const today = londonToday()
    // The 19th birthday is in 30 days: its window (3 months before to 1 month after) is open.
    const dob = addYears(addCalendarDays(today, 30), -19)
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Lena',
      family_name: 'Price',
      date_of_birth: dob,
    })
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await startCare(page, childId, addYears(dob, 15))
    await page.goto(`/children/${childId}/care/end`)
    await fillDate(page, 'end', addCalendarDays(addYears(dob, 18), -1))
    await page.check('input[name="reason"][value="E5"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="leaver-birthdays"]').textContent()).toContain('Due by')
    await expectAccessible(page, 'the care record of a care leaver')

    await page.click('[data-testid="record-leaver-contact"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record contact with a care leaver')
    await expectAccessible(page, 'record contact with a care leaver')
    await page.check('input[name="age"][value="19"]')
    await fillDate(page, 'contact', today)
    await page.check('input[name="inTouch"][value="YES"]')
    await page.selectOption('#accommodation', 'D')
    await page.check('input[name="suitable"][value="yes"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select what the young person is doing',
    )
    expect(await page.inputValue('#accommodation')).toBe('D')
    await expectAccessible(page, 'record contact with a care leaver, with an error')
    await page.selectOption('#activity', 'F2')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    expect(await page.locator('[data-testid="leaver-birthdays"]').textContent()).toContain(
      'In touch; full-time other education; semi-independent, transitional accommodation (suitable)',
    )
    await expectAccessible(page, 'the care record with a care leaver’s contact')
  })
})

/**
 * Adoption on a child's care page, in the browser, with axe on each new page state: the social
 * worker starts care, records the placement order as the legal status E1, then the decision and
 * the match (first leaving the match's answers out), and the care page's "Adoption and
 * permanence" shows each milestone and the placement order to match interval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import {
  allocatedChild,
  expectAccessible,
  expectHeading,
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

describe('adoption on a child’s care page', () => {
  it('the decision and the match, with the placement order from the legal status', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Ruby',
      family_name: 'Lane',
      date_of_birth: '2023-04-18',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await startCareWithFosterCarers(page, childId, addCalendarDays(today, -60))

    await page.click('[data-testid="change-legal-status"]')
    await fillDate(page, 'change', addCalendarDays(today, -30))
    await page.selectOption('#legalStatus', 'E1')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    expect(await page.locator('#adoption').count()).toBe(1)

    await page.click('[data-testid="record-adoption"]')
    await expectHeading(page, 'Record the decision to place for adoption')
    await expectAccessible(page, 'record the decision to place for adoption')
    await fillDate(page, 'decision', addCalendarDays(today, -40))
    await page.fill('#decisionMaker', 'Ruth Okafor, head of service')
    await page.check('input[name="matched"][value="yes"]')
    await page.check('input[name="reversed"][value="no"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record the decision to place for adoption/)
    const summary = await page.locator('.govuk-error-summary').textContent()
    expect(summary).toContain('Enter the date of the match')
    expect(summary).toContain('Select the adopters’ sex')
    expect(await page.inputValue('#decisionMaker')).toBe('Ruth Okafor, head of service')
    await expectAccessible(page, 'record the decision, with errors')

    await fillDate(page, 'match', addCalendarDays(today, -10))
    await page.check('input[name="adopters"][value="2"]')
    await page.check('input[name="sexes"][value="FF"]')
    await page.check('input[name="legalStatus"][value="L12"]')
    await page.check('input[name="fosterCarers"][value="no"]')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    const milestones = await page.locator('[data-testid="adoption-milestones"]').textContent()
    expect(milestones).toContain('Ruth Okafor, head of service')
    expect(milestones).toContain('(legal status E1)')
    expect(milestones).toContain('FF: A female couple')
    expect(await page.locator('[data-testid="adoption-scorecard"]').textContent()).toContain('20 days')
    await expectAccessible(page, 'the care record with its adoption section')

    await page.click('[data-testid="record-adoption"]')
    await expectHeading(page, 'Correct the adoption record')
    expect(await page.inputValue('#decisionMaker')).toBe('Ruth Okafor, head of service')
    expect(await page.isChecked('input[name="sexes"][value="FF"]')).toBe(true)
  })
})

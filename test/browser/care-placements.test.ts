/**
 * A placement's commissioning, cost and approval in the browser, with axe on each new page state:
 * the social worker starts care with in-house foster carers at the standard allowance, then moves
 * the child to a private children's home bought spot, which shows as awaiting approval; a
 * negative cost and an approval dated before the placement are refused with the error summary;
 * the cost changes and both approvals are recorded; the service manager's list of placements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSyntheticPostcodesIfEmpty } from '../../src/modules/returns/ssda903/postcode-store.js'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import {
  allocatedChild,
  expectAccessible,
  expectErrorSummary,
  expectHeading,
  fillDate,
  newPage,
  openSite,
  signIn,
  signOut,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
  await loadSyntheticPostcodesIfEmpty(site.testApp.database.db)
})
afterAll(async () => site?.close())

describe('a placement’s cost and approval', () => {
  it('records the cost with the placement, shows it awaiting approval, and records both approvals', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Nia',
      family_name: 'Okafor',
      date_of_birth: '2011-09-14',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    await page.goto(`/children/${childId}/care/start`)
    await fillDate(page, 'start', addCalendarDays(today, -20))
    await page.check('input[name="admission"][value="emergency"]')
    await page.selectOption('#legalStatus', 'V2')
    await page.check('input[name="categoryOfNeed"][value="N1"]')
    await page.fill('#homePostcode', 'RM17 6AB')
    await page.selectOption('#place', 'U6')
    await page.selectOption('#provider', 'PR1')
    await page.fill('#carer', 'Pat and Lee Carter')
    await page.fill('#postcode', 'RM16 2TX')
    await page.check('input[name="route"][value="in_house"]')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    const commissioning = page.locator('[data-testid="placement-commissioning"]')
    expect(await commissioning.textContent()).toContain('In-house: the standard allowance')
    expect(await commissioning.textContent()).toMatch(
      /In borough, [\d.]+ miles from home \(within 20 miles\)/,
    )

    // The move: a private children's home in Norwich, bought spot.
    await page.click('[data-testid="change-placement"]')
    await expectHeading(page, 'Change the placement')
    await expectAccessible(page, 'change the placement, with its commissioning')
    await fillDate(page, 'change', addCalendarDays(today, -10))
    await page.check('input[name="sameCarer"][value="no"]')
    await page.selectOption('#place', 'K2')
    await page.selectOption('#provider', 'PR4')
    await page.fill('#carer', 'Oak House')
    await page.fill('#urn', 'SC123456')
    await page.fill('#postcode', 'NR3 1AB')
    await page.check('input[name="route"][value="spot"]')
    await page.fill('#weeklyCost', '4750')
    await page.selectOption('#reasonPlaceChange', 'CARPL')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    expect(await page.locator('[data-testid="awaiting-approval"]').textContent()).toContain(
      'Placement Panel, Head of service',
    )
    expect(await commissioning.textContent()).toContain('Spot purchase: £4,750.00 a week')
    expect(await commissioning.textContent()).toMatch(
      /Out of borough, [\d.]+ miles from home \(more than 20 miles\)/,
    )
    expect(await page.locator('[data-testid="placement-stability"]').textContent()).toMatch(
      /Placements in the last 12 months\s*2/,
    )
    await expectAccessible(page, 'the care page with a placement awaiting approval')

    // A negative cost is refused, then the framework price saved from today.
    await page.click('[data-testid="record-placement-cost"]')
    await expectHeading(page, 'Record the placement’s cost')
    await expectAccessible(page, 'record the placement’s cost')
    await page.check('input[name="route"][value="framework"]')
    await page.fill('#weeklyCost', '-4500')
    await page.click('[data-testid="save"]')
    await expectErrorSummary(page, 'The weekly cost must be £0 or more')
    expect(await page.inputValue('#weeklyCost')).toBe('-4500')
    await expectAccessible(page, 'record the placement’s cost, with an error')
    await page.fill('#weeklyCost', '4500')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    expect(await commissioning.textContent()).toContain('Framework or contract: £4,500.00 a week')
    expect(await page.locator('[data-testid="placement-costs"] tbody tr').count()).toBe(2)

    // An approval dated before the placement is refused; then the panel and the head of service.
    await page.click('[data-testid="record-placement-approval"]')
    await expectHeading(page, 'Record the placement’s approval')
    await expectAccessible(page, 'record the placement’s approval')
    await page.check('input[name="kind"][value="placement_panel"]')
    await fillDate(page, 'approved', addCalendarDays(today, -11))
    await page.fill('#approver', 'Ann Lee')
    await page.click('[data-testid="save"]')
    await expectErrorSummary(page, 'The date of approval must be on or after')
    await expectAccessible(page, 'record the placement’s approval, with an error')
    await fillDate(page, 'approved', addCalendarDays(today, -8))
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    await page.click('[data-testid="record-placement-approval"]')
    await page.check('input[name="kind"][value="head_of_service"]')
    await fillDate(page, 'approved', addCalendarDays(today, -7))
    await page.fill('#approver', 'Andrew Carter')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    expect(await page.locator('[data-testid="awaiting-approval"]').count()).toBe(0)
    expect(await commissioning.textContent()).toContain('Head of service, Andrew Carter')

    // The managers' list.
    await signOut(page)
    await signIn(page, 'service.manager')
    await page.goto('/care/placements')
    await expectHeading(page, 'Children’s placements')
    const row = page.locator('[data-testid="placement-row"]', { hasText: 'Nia Okafor' })
    expect(await row.textContent()).toContain('Framework or contract: £4,500.00 a week')
    expect(await row.textContent()).toContain('Out of borough')
    await expectAccessible(page, 'the list of placements')
    await page.close()
  })
})

/**
 * Care proceedings and the independent visitor in the browser, with axe on each new page state:
 * the social worker records proceedings issued 190 days ago for a child not yet looked after
 * (first with the letter before proceedings dated after issue), a hearing (first dated before the
 * application) making an interim care order, starts care, sees the order beside the legal status
 * still to change, records an extension (first longer than 8 weeks) and the conclusion; then the
 * independent visitor: needed, requested and matched, a visit, the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday, longDate } from '../../src/platform/calendar/dates.js'
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

describe('care proceedings and the independent visitor on the care page', () => {
  it('the application, hearings, an extension and the conclusion; then the independent visitor', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Ruby',
      family_name: 'Shaw',
      date_of_birth: '2017-09-14',
    })
    const today = londonToday()
    const issued = addCalendarDays(today, -190)
    const end26 = addCalendarDays(issued, 181)
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    await page.goto(`/children/${childId}/care`)
    await expectHeading(page, 'Looked after')
    await page.click('[data-testid="record-proceedings"]')
    await expectHeading(page, 'Record care proceedings')
    await expectAccessible(page, 'record care proceedings')
    await fillDate(page, 'issued', issued)
    await page.fill('#court', 'Family Court at Chelmsford')
    await page.fill('#applicant', 'Thurrock Council')
    await fillDate(page, 'letter', addCalendarDays(issued, 1))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record care proceedings/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The date of the letter before proceedings must be on or before the date the application was issued',
    )
    expect(await page.inputValue('#court')).toBe('Family Court at Chelmsford')
    await expectAccessible(page, 'record care proceedings, with an error')
    await fillDate(page, 'letter', addCalendarDays(issued, -30))
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    const summary = await page.locator('[data-testid="proceedings-summary"]').textContent()
    expect(summary).toContain('Week 28: beyond the 26 weeks')
    expect(summary).toContain(longDate(end26))

    // A hearing before the application is refused; then the first hearing's interim care order.
    await page.click('[data-testid="record-hearing"]')
    await expectHeading(page, 'Record a hearing')
    await expectAccessible(page, 'record a hearing')
    await fillDate(page, 'heard', addCalendarDays(issued, -1))
    await page.check('input[name="kind"][value="cmh"]')
    await page.fill('#outcome', 'Directions given; parenting assessment ordered')
    await page.check('input[name="order"][value="interim_care_order"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      `The date of the hearing must be on or after ${longDate(issued)}, when the application was issued`,
    )
    await expectAccessible(page, 'record a hearing, with an error')
    await fillDate(page, 'heard', addCalendarDays(issued, 14))
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')

    await startCareWithFosterCarers(page, childId, addCalendarDays(issued, 14))
    expect(await page.locator('[data-testid="order-legal-status"]').textContent()).toContain(
      'Legal status not yet changed to C1',
    )
    await expectAccessible(page, 'the care page with care proceedings')

    // An extension of more than 8 weeks is refused; 8 weeks moves the due date.
    await page.click('[data-testid="record-extension"]')
    await expectHeading(page, 'Record an extension of the timetable')
    await expectAccessible(page, 'record an extension')
    await fillDate(page, 'granted', addCalendarDays(end26, -3))
    await fillDate(page, 'to', addCalendarDays(end26, 57))
    await page.fill('#reason', 'Expert report delayed')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'An extension can be no longer than 8 weeks',
    )
    await expectAccessible(page, 'record an extension, with an error')
    await fillDate(page, 'to', addCalendarDays(end26, 56))
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    expect(await page.locator('[data-testid="extension"]').textContent()).toContain('By 8 weeks')

    await page.click('[data-testid="record-conclusion"]')
    await expectHeading(page, 'Record the conclusion of care proceedings')
    await expectAccessible(page, 'record the conclusion')
    await page.check('input[name="finalOrder"][value="care_order"]')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    expect(await page.locator('[data-testid="proceedings-summary"]').textContent()).toContain(
      'Concluded in week 28, beyond the 26 weeks',
    )

    // The independent visitor.
    await page.click('[data-testid="assess-independent-visitor"]')
    await expectHeading(page, 'Does the child need an independent visitor?')
    await expectAccessible(page, 'assess the need for an independent visitor')
    await page.check('input[name="needed"][value="yes"]')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    await page.click('[data-testid="arrange-independent-visitor"]')
    await expectHeading(page, 'Independent visitor: the request and the match')
    await page.fill('#visitorName', 'Pat Evans')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the date matched')
    await expectAccessible(page, 'the independent visitor’s match, with an error')
    await fillDate(page, 'matched', today)
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    await page.click('[data-testid="independent-visitor-visit"]')
    await expectHeading(page, 'Record a visit by the independent visitor')
    await expectAccessible(page, 'record an independent visitor’s visit')
    await page.fill('#note', 'Went bowling')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    await page.click('[data-testid="end-independent-visitor"]')
    await expectHeading(page, 'End the independent visitor')
    await expectAccessible(page, 'end the independent visitor')
    await page.fill('#reason', 'Volunteer moved away')
    await page.click('[data-testid="save"]')
    await expectHeading(page, 'Looked after')
    const iv = await page.locator('[data-testid="independent-visitor-summary"]').textContent()
    expect(iv).toContain(`Pat Evans, matched ${longDate(today)}`)
    expect(iv).toContain('Volunteer moved away')
    await expectAccessible(page, 'the care page with the independent visitor')
  })
})

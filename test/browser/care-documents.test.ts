/**
 * Documents and money in the browser, with axe on each new page state: a girl of 12 has been
 * looked after for 40 days with nothing recorded, so the team manager's list names her; the social
 * worker records her birth certificate, her passport (first with an expiry before its issue, which
 * the form refuses) and her Junior ISA from the care page; the manager's list no longer names her.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import {
  allocatedChild,
  expectAccessible,
  expectBanner,
  expectHeading,
  fillDate,
  newPage,
  openSite,
  signIn,
  signOut,
  startCareWithFosterCarers,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('documents and money for a child in care', () => {
  it('recording her documents takes her off the managers’ list', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Ruby',
      family_name: 'Quill',
      date_of_birth: '2014-05-20',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await startCareWithFosterCarers(page, childId, addCalendarDays(today, -40))
    expect(await page.locator('[data-testid="documents-lacking"]').textContent()).toContain(
      'a birth certificate, a passport or Home Office document, a bank or savings account',
    )
    await signOut(page)

    // The team manager's list names her, with what she lacks.
    await signIn(page, 'team.manager')
    await page.goto('/care/documents')
    await expectHeading(page, 'Children looked after without their documents')
    const row = page.locator('[data-testid="documents-row"]', { hasText: 'Ruby Quill' })
    expect(await row.count()).toBe(1)
    expect(await row.textContent()).toContain('Not yet (under 16)')
    await expectAccessible(page, 'the list of children without their documents')
    await signOut(page)

    // The social worker records them from the care page.
    await signIn(page, 'social.worker')
    await page.goto(`/children/${childId}/care`)
    await page.click('[data-testid="change-birth_certificate"]')
    await expectHeading(page, 'Birth certificate')
    await page.check('input[name="status"][value="held"]')
    await page.fill('#keptAt', 'on her file at the office')
    await expectAccessible(page, 'the birth certificate form')
    await page.click('[data-testid="save"]')
    await expectBanner(page, 'Birth certificate recorded')

    await page.click('[data-testid="change-identity_document"]')
    await expectHeading(page, 'Passport or Home Office document')
    await page.check('input[name="status"][value="held"]')
    await fillDate(page, 'issued', '2024-05-03')
    await fillDate(page, 'expires', '2024-05-01')
    await page.check('input[name="kind"][value="passport"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Passport or Home Office document/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The expiry date must be after the date of issue, 3 May 2024',
    )
    await expectAccessible(page, 'the passport form, with an error')
    await fillDate(page, 'expires', '2029-05-02')
    await page.click('[data-testid="save"]')
    await expectBanner(page, 'Passport or Home Office document recorded')

    await page.click('[data-testid="change-account"]')
    await page.check('input[name="status"][value="held"]')
    await fillDate(page, 'opened', '2020-01-06')
    await page.fill('#provider', 'Thameside Savers')
    await page.check('input[name="kind"][value="junior_isa"]')
    await page.click('[data-testid="save"]')
    await expectBanner(page, 'Bank or savings account recorded')
    expect(await page.locator('[data-testid="documents-lacking"]').count()).toBe(0)
    expect(await page.locator('[data-testid="documents"]').textContent()).toContain(
      'Junior ISA with Thameside Savers opened on 6 January 2020',
    )
    await page.click('.govuk-details__summary')
    await expectAccessible(page, 'the care record with documents and their changes')
    await signOut(page)

    await signIn(page, 'team.manager')
    await page.goto('/care/documents')
    await expectHeading(page, 'Children looked after without their documents')
    expect(await page.locator('[data-testid="documents-row"]', { hasText: 'Ruby Quill' }).count()).toBe(0)
  })
})

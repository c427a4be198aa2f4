/**
 * A looked-after child's education in the browser, with axe on each new page state: the social
 * worker starts care, records the child's school (first forgetting its Ofsted grade), then the
 * first PEP; the care page's education section shows the school and the next PEP review due; the
 * team manager opens the virtual school's caseload and filters it to schools out of borough.
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

describe('the education of a child in care', () => {
  it('a social worker records the school and a PEP; the manager sees the virtual school’s caseload', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Maya',
      family_name: 'Reed',
      date_of_birth: '2014-03-10',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')

    await startCareWithFosterCarers(page, childId, addCalendarDays(today, -5))
    expect(await page.locator('[data-testid="education-figures"]').textContent()).toContain(
      'Personal education plan in place',
    )

    await page.click('[data-testid="record-school"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record the child’s school')
    await expectAccessible(page, 'record the school')
    await page.fill('#schoolName', 'Chafford Hundred Academy')
    await page.fill('#urn', '137654')
    await page.fill('#schoolLa', 'Essex')
    await page.check('input[name="inBorough"][value="no"]')
    await fillDate(page, 'start', '2024-09-04')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record the child’s school/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select the school’s Ofsted grade',
    )
    expect(await page.inputValue('#schoolName')).toBe('Chafford Hundred Academy')
    await expectAccessible(page, 'record the school, with an error')
    await page.check('input[name="ofstedGrade"][value="good"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')

    await page.click('[data-testid="record-pep"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a personal education plan (PEP)')
    await expectAccessible(page, 'record a PEP')
    await fillDate(page, 'held', addCalendarDays(today, -1))
    await page.fill('#attendedBy', 'Designated teacher, social worker and Maya')
    await page.check('input[name="measurableTargets"]')
    await page.check('input[name="quality"][value="good"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Looked after')
    const figures = await page.locator('[data-testid="education-figures"]').textContent()
    expect(figures).toContain('Chafford Hundred Academy (URN 137654), Essex, out of borough')
    expect(figures).toContain('Personal education plan review')
    expect(await page.locator('[data-testid="pep"]').count()).toBe(1)
    await expectAccessible(page, 'the care record with its education')

    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto('/virtual-school?borough=out')
    await expect.poll(() => manager.locator('h1').textContent()).toBe('Virtual school')
    expect(await manager.locator('[data-testid="virtual-school"]').textContent()).toContain('Maya Reed')
    await expectAccessible(manager, 'the virtual school’s caseload')
    await manager.goto('/virtual-school?borough=in')
    expect(await manager.locator('body').textContent()).not.toContain('Maya Reed')
  })
})

/**
 * Reviews and the IRO in the browser, with axe on each new page: the social worker starts care
 * for a child today; the team manager allocates the IRO; the IRO signs in, finds the child on
 * their home page, opens the care record, records the first review (PN0 refused for a child of 10
 * first) and then its minutes distributed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  allocatedChild,
  expectAccessible,
  expectBanner,
  expectErrorSummary,
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

describe('reviews and the IRO', () => {
  it('care started → IRO allocated by the manager → the IRO records the first review and its minutes', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Maya',
      family_name: 'Thornton',
      date_of_birth: '2015-11-20',
    })
    const care = `/children/${childId}/care`

    // The social worker starts care today (the form's date).
    const worker = await newPage(site)
    await signIn(worker, 'social.worker')
    await worker.goto(`${care}/start`)
    await worker.check('#admission')
    await worker.selectOption('#legalStatus', 'V2')
    await worker.check('#categoryOfNeed')
    await worker.selectOption('#place', 'U6')
    await worker.selectOption('#provider', 'PR1')
    await worker.fill('#carer', 'Jo and Sam Green')
    await worker.click('[data-testid="save"]')
    await expectBanner(worker, 'Period of care started')
    expect(await worker.locator('[data-testid="iro"]').textContent()).toContain('None allocated')
    await expectAccessible(worker, 'care record with no IRO')

    // The team manager allocates the IRO.
    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto(care)
    await manager.click('[data-testid="allocate-iro"]')
    await expectAccessible(manager, 'allocate an IRO')
    await manager.click('[data-testid="save"]')
    await expectErrorSummary(manager, 'Select the independent reviewing officer')
    await manager.getByLabel('Ruth Okonjo').check()
    await manager.click('[data-testid="save"]')
    await expectBanner(manager, 'Independent reviewing officer allocated')
    expect(await manager.locator('[data-testid="iro"]').textContent()).toContain('Ruth Okonjo')

    // The IRO finds the child on their home page and records the first review.
    const iro = await newPage(site)
    await signIn(iro, 'iro')
    await iro
      .getByRole('link', { name: /Maya Thornton/ })
      .first()
      .click()
    await iro.goto(care)
    await expectAccessible(iro, 'care record with an IRO')
    await iro.click('[data-testid="record-review"]')
    await expectAccessible(iro, 'record a review')
    await iro.check('#participation')
    await iro.check('#reportShared')
    await iro.click('[data-testid="save"]')
    await expectErrorSummary(iro, 'Enter the date the report was shared with the child and family')
    await iro.fill('#report-day', (await iro.inputValue('#held-day')) || '1')
    await iro.fill('#report-month', await iro.inputValue('#held-month'))
    await iro.fill('#report-year', await iro.inputValue('#held-year'))
    await iro.click('[data-testid="save"]')
    await expectErrorSummary(iro, 'PN0 is only for a child under 4')
    await expectAccessible(iro, 'record a review, refused')
    await iro.check('#participation-2')
    await iro.click('[data-testid="save"]')
    await expectBanner(iro, 'Review recorded')
    const row = iro.locator('[data-testid="review"]')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('PN1: Child attends and speaks for themselves')
    expect(await row.textContent()).toContain('On time')

    // Then the minutes, from the review's row.
    await iro.click('[data-testid="record-minutes"]')
    await expectAccessible(iro, 'record the minutes distributed')
    await iro.click('[data-testid="save"]')
    await expectBanner(iro, 'Minutes recorded as distributed')
    expect(await row.textContent()).toContain('Distributed on')
  })
})

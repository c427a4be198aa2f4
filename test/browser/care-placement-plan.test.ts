/**
 * The placement plan and delegated authority in the browser, with axe on each new page state: the
 * social worker starts care, records the plan (first forgetting who decides on holidays abroad),
 * and gives the foster carer's account (the demo's Joy Okafor) sight of it. Joy signs in, sees the
 * child among the children placed with her, opens the plan, and is refused the child's record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import {
  DELEGATED_DECISIONS,
  delegateName,
  PLAN_SECTIONS,
} from '../../src/modules/care/placement-plan-model.js'
import {
  allocatedChild,
  expectAccessible,
  expectBanner,
  expectErrorSummary,
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

describe('the placement plan and the foster carer', () => {
  it('the social worker records the plan and gives the carer access; the carer opens it and nothing else', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Maisie',
      family_name: 'Thorne',
      date_of_birth: '2014-02-11',
    })
    const today = londonToday()
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await startCareWithFosterCarers(page, childId, addCalendarDays(today, -2))

    await page.click('[data-testid="open-placement-plan"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Placement plan and delegated authority')
    await expectAccessible(page, 'the placement plan, none recorded')

    await page.click('[data-testid="record-placement-plan"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record the placement plan')
    await expectAccessible(page, 'record the placement plan')
    await fillDate(page, 'agreed', addCalendarDays(today, -1))
    for (const s of PLAN_SECTIONS) await page.fill(`#${s.key}`, `${s.label}: as agreed with Maisie’s carers.`)
    await page.fill('#contact', 'Mother: Saturdays at the family centre, supervised.')
    for (const d of DELEGATED_DECISIONS.filter((d) => d.code !== 'holidays_abroad'))
      await page.check(`input[name="${delegateName(d.code)}"][value="carer"]`)
    await page.click('[data-testid="save"]')
    await expectErrorSummary(page, 'Select who decides: holidays abroad')
    expect(await page.inputValue('#contact')).toContain('supervised')
    await expectAccessible(page, 'record the placement plan, with an error')

    await page.check(`input[name="${delegateName('holidays_abroad')}"][value="social_worker"]`)
    await page.click('[data-testid="save"]')
    await expectBanner(page, 'Placement plan recorded')
    expect(await page.locator('[data-testid="placement-plan"]').textContent()).toContain('supervised')
    await expectAccessible(page, 'the placement plan, version 1')

    await page.click('[data-testid="link-carer"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Let a carer see the placement plan')
    await expectAccessible(page, 'let a carer see the placement plan')
    await page.getByLabel('Joy Okafor').check()
    await page.click('[data-testid="save"]')
    await expectBanner(page, 'The carer can now see the placement plan')
    expect(await page.locator('[data-testid="linked-carers"]').textContent()).toContain('Joy Okafor')
    // Ending a carer's access asks whose and why; left unanswered, nothing changes.
    await page.click('[data-testid="unlink-carer"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Stop a carer seeing the placement plan')
    await expectAccessible(page, 'stop a carer seeing the placement plan')
    await page.click('[data-testid="save"]')
    await expectErrorSummary(page, 'Select the carer whose access ends')
    await expectAccessible(page, 'stop a carer seeing the placement plan, with errors')
    await signOut(page)

    await signIn(page, 'foster.carer')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your home page')
    const placed = page.locator('[data-testid="placed-child"]', { hasText: 'Maisie Thorne' })
    expect(await placed.count()).toBe(1)
    await expectAccessible(page, 'the carer’s home page')
    await placed.locator('a').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Placement plan and delegated authority')
    const plan = await page.locator('main').textContent()
    expect(plan).toContain('Mother: Saturdays at the family centre, supervised.')
    expect(await page.locator('[data-testid="delegated-holidays_abroad"]').textContent()).toContain(
      'The social worker',
    )
    expect(await page.locator('[data-testid="record-placement-plan"]').count()).toBe(0)
    expect(await page.locator(`a[href="/children/${childId}"]`).count()).toBe(0)
    await expectAccessible(page, 'the placement plan, as the carer')

    const record = await page.goto(`/children/${childId}`)
    expect(record?.status()).toBe(403)
    const care = await page.goto(`/children/${childId}/care`)
    expect(care?.status()).toBe(403)
    expect(await page.locator('main').textContent()).not.toContain('Maisie')
    await page.context().close()
  })
})

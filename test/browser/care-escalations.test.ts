/**
 * An IRO escalation in the browser, with axe on each new page: the social worker starts care for a
 * child today; the team manager allocates the IRO; the IRO raises an escalation (a blank form
 * refused first); the team manager responds that it is not resolved; the care page shows it at
 * formal stage 1 with its history, to the manager and to the IRO.
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

describe('an IRO escalation', () => {
  it('the IRO raises it → the manager responds not resolved → the escalated stage is shown', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Leo',
      family_name: 'Marsh',
      date_of_birth: '2014-02-11',
    })
    const care = `/children/${childId}/care`

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
    expect(await worker.locator('[data-testid="permanency-due"]').textContent()).toContain('Due by')

    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto(care)
    await manager.click('[data-testid="allocate-iro"]')
    await manager.getByLabel('Ruth Okonjo').check()
    await manager.click('[data-testid="save"]')
    await expectBanner(manager, 'Independent reviewing officer allocated')

    // The IRO raises the escalation informally.
    const iro = await newPage(site)
    await signIn(iro, 'iro')
    await iro.goto(care)
    await iro.click('[data-testid="raise-escalation"]')
    await expectAccessible(iro, 'raise an IRO escalation')
    await iro.click('[data-testid="save"]')
    await expectErrorSummary(iro, 'Enter what the concern is')
    await expectAccessible(iro, 'raise an IRO escalation, refused')
    await iro.check('#category-2')
    await iro.fill('#concern', 'No plan for permanence has been agreed.')
    await iro.fill('#reason', 'Leo needs to know where he will grow up.')
    await iro.check('#stage')
    await iro.click('[data-testid="save"]')
    await expectBanner(iro, 'IRO escalation raised')
    const open = iro.locator('[data-testid="escalation"]')
    expect(await open.textContent()).toContain('Informal: the social worker or their team manager')
    await expectAccessible(iro, 'care record with an open escalation')

    // The team manager answers: not resolved, so it goes to formal stage 1.
    await manager.goto(care)
    await manager.click('[data-testid="respond-escalation"]')
    await expectAccessible(manager, 'respond to an IRO escalation')
    await manager.check('#outcome-2')
    await manager.fill('#note', 'The plan goes to the permanence panel next month.')
    await manager.click('[data-testid="save"]')
    await expectBanner(manager, 'IRO escalation moved to Formal stage 1: team manager')
    const shown = manager.locator('[data-testid="escalation"]')
    expect(await shown.textContent()).toContain('Stage')
    expect(await shown.textContent()).toContain('Formal stage 1: team manager')
    expect(await shown.locator('[data-testid="escalation-history"] li').count()).toBe(3)

    await iro.goto(care)
    expect(await iro.locator('[data-testid="escalation"]').textContent()).toContain(
      'escalated (not resolved): Formal stage 1: team manager',
    )
    await expectAccessible(iro, 'care record with the escalated stage')
  })
})

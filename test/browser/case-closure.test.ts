/**
 * Closing a child's case in the browser, with axe on each page state: the worker proposes the
 * closure with the checklist, the family having withdrawn consent with the risks unchanged; the
 * form holds it until the referral is recorded (linking to the new contact form); the manager
 * finds it on their sign-offs, sees the consent prompt first and authorises it; the front door
 * sees on the record that the case is closed; the family steps down, and the early help team's
 * manager takes it up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
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

describe('closing a child’s case', () => {
  it('worker proposes with consent withdrawn and risks unchanged → prompt → referral recorded → manager authorises → record shows closed', async () => {
    const db = site.testApp.database.db
    const { childId, worker } = await allocatedChild(site, 'social.worker', {
      given_name: 'Kit',
      family_name: 'Lowry',
      date_of_birth: '2013-02-11',
    })
    await db
      .insertInto('referral')
      .values({
        child_id: childId,
        referral_date: addCalendarDays(londonToday(), -30),
        referral_source: '3A',
        re_referral: false,
        status: 'allocated',
        team_id: worker.team_id,
        worker_id: worker.id,
        allocated_at: new Date(Date.now() - 30 * 86_400_000),
      })
      .execute()

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${childId}`)
    await expectAccessible(page, 'the child’s record offering to close the case')
    await page.click('[data-testid="close-case"]')
    await expectAccessible(page, 'the closure checklist')

    await page.fill('#agency1', 'Oakfield Primary School')
    await page.check('input[name="agencyAsked1"][value="yes"]')
    await page.fill(
      '#agencyView1',
      'Kit attends well; the school would keep the case open while the risks stay.',
    )
    await page.fill('#agency2', 'Health visiting')
    await page.check('input[name="agencyAsked2"][value="no"]')
    await page.fill('#agencyWhyNot2', 'Kit is 13: no health visitor is involved.')
    await page.check('input[name="outstandingConcerns"][value="some"]')
    await page.fill('#concern1', 'Bruising to the arm, explanations differ')
    await page.fill('#concernAddressed1', 'School to report any new mark to the front door the same day')
    await page.check('input[name="childVoice"][value="recorded"]')
    await page.fill('#childSaid', 'Kit said he does not want social workers coming any more.')
    await page.check('input[name="closureReason"][value="RC7"]')
    await page.check('input[name="consentWithdrawn"][value="yes"]')
    await page.check('input[name="risksUnchanged"][value="yes"]')
    await page.check('input[name="stepDown"][value="yes"]')
    await page.fill(
      '#stepDownNote',
      'Kit trusts the school’s learning mentor; early help could build on that.',
    )
    await page.click('[data-testid="propose-closure"]')

    await expectErrorSummary(page, 'consider a referral to the front door')
    expect(await page.locator('[data-testid="new-contact-link"]').getAttribute('href')).toBe(
      `/contacts/new?childId=${childId}`,
    )
    await expectAccessible(page, 'the closure checklist, held for the referral prompt')
    await page.check('input[name="referralMade"][value="yes"]')
    await page.fill('#referralDetail', 'Contact to the MASH today by phone, reference 2026-114.')
    await page.click('[data-testid="propose-closure"]')
    await expectBanner(page, 'sent to a manager for authorisation')
    expect(await page.locator('[data-testid="closure-status"]').textContent()).toContain(
      'Waiting for authorisation',
    )
    await expectAccessible(page, 'the closure, waiting for authorisation')

    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto('/worklists/sign-offs')
    await expectAccessible(manager, 'the manager’s sign-offs with the closure')
    await manager.click('[data-testid="sign-offs"] a:has-text("Case closure")')
    await manager.click('[data-testid="authorise-closure"]')
    expect(await manager.locator('[data-testid="referral-prompted"]').textContent()).toContain(
      'Contact to the MASH today',
    )
    await expectAccessible(manager, 'authorise the closure, with the consent prompt')
    await manager.check('input[name="outcome"][value="authorise"]')
    await manager.fill(
      '#oversightNote',
      'Consent withdrawn with risks unchanged; a contact has gone to the MASH, who will decide on it. The case can close.',
    )
    await manager.click('[data-testid="decide"]')
    await expectBanner(manager, 'The case of Kit Lowry is closed')

    const screener = await newPage(site)
    await signIn(screener, 'screener')
    await screener.goto(`/children/${childId}`)
    expect(await screener.locator('[data-testid="case-closed"]').textContent()).toContain(
      'RC7: Services ceased for any other reason',
    )
    await expectAccessible(screener, 'the child’s record showing the case closed')

    // The family steps down: the early help team's manager takes it up with consent.
    const earlyHelp = await newPage(site)
    await signIn(earlyHelp, 'early.help')
    await earlyHelp.goto('/early-help')
    await expectAccessible(earlyHelp, 'the early help list with a step-down waiting')
    await earlyHelp.click('[data-testid="step-downs"] a:has-text("Kit Lowry")')
    expect(await earlyHelp.locator('[data-testid="step-down"]').textContent()).toContain(
      'Kit trusts the school’s learning mentor',
    )
    await expectAccessible(earlyHelp, 'take up the step-down')
    await earlyHelp.check('input[name="consent"][value="yes"]')
    const today = londonToday()
    await earlyHelp.fill('#consentOn-day', String(Number(today.slice(8))))
    await earlyHelp.fill('#consentOn-month', String(Number(today.slice(5, 7))))
    await earlyHelp.fill('#consentOn-year', today.slice(0, 4))
    await earlyHelp.fill('#consentFrom', 'Kit and his father')
    await earlyHelp.click('[data-testid="start-episode"]')
    await expect
      .poll(() => earlyHelp.locator('[data-testid="stepped-down"]').textContent())
      .toContain('Stepped down from children’s social care')
    await expectAccessible(earlyHelp, 'the early help episode stepped down from social care')
  })
})

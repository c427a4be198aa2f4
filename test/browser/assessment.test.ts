/**
 * A social worker starts a child and family assessment from a referral on the child's record,
 * completes its sections (with an error state), checks the answers and sends it; the sign-off
 * task appears on the team manager's worklist, who authorises it, and the task leaves it. Axe on
 * each page state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, fillDate, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('assessment', () => {
  it('referral → start → sections → check → send → manager authorises', async () => {
    const db = site.testApp.database.db
    const child = await db
      .selectFrom('person as p')
      .innerJoin('child_access as a', 'a.child_id', 'p.id')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'u.id as workerId', 'u.team_id'])
      .where('u.username', '=', 'social.worker')
      .where('a.basis', '=', 'allocated_worker')
      .where('a.revoked_at', 'is', null)
      .where('p.restricted', '=', false)
      .where('p.kind', '=', 'child')
      .orderBy('p.id')
      .executeTakeFirstOrThrow()
    const today = new Date().toISOString().slice(0, 10)
    const referral = await db
      .insertInto('referral')
      .values({
        child_id: child.id,
        referral_date: today,
        referral_source: '2A',
        re_referral: false,
        status: 'allocated',
        team_id: child.team_id,
        worker_id: child.workerId,
        allocated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${child.id}`)
    await page.click('[data-testid="start-assessment-link"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Start a child and family assessment')
    await expectAccessible(page, 'start an assessment')
    await page.check(`input[name="referralId"][value="${referral.id}"]`)
    await page.click('[data-testid="start"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Child and family assessment')
    expect(await page.locator('[data-testid="assessment-due"]').textContent()).toMatch(
      /due in \d+ working days/,
    )
    await expectAccessible(page, 'the assessment’s task list')

    await page.click('text=The child seen')
    await page.check('input[name="seenAlone"][value="no"]')
    await page.click('[data-testid="save-section"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the date the child was seen',
    )
    await expectAccessible(page, 'the child seen, with errors')
    await fillDate(page, 'seen', today)
    await page.check('input[name="seenAlone"][value="yes"]')
    await page.click('[data-testid="save-section"]')
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('saved')

    await page.click('text=The child’s wishes and feelings')
    await page.fill('#wishesAndFeelings', 'She wants to stay at home and for the arguing to stop.')
    await page.click('[data-testid="save-section"]')
    await page.click('text=Assessment factors')
    await expectAccessible(page, 'assessment factors')
    await page.check('input[name="factors"][value="3B"]')
    await page.click('[data-testid="save-section"]')
    await page.click('text=Primary need')
    await page.check('input[name="primaryNeed"][value="N1"]')
    await page.click('[data-testid="save-section"]')
    await page.click('text=Analysis')
    await page.fill('#analysis', 'The parent is protective and has support; the risk has left the home.')
    await page.click('[data-testid="save-section"]')
    await page.click('text=Outcome')
    await page.check('input[name="outcome"][value="cin_plan"]')
    await page.click('[data-testid="save-section"]')
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Outcome')

    await page.click('[data-testid="prior-involvement"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Prior involvement')
    await expectAccessible(page, 'prior involvement')
    await page.goBack()
    await page.click('[data-testid="check-link"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Check the child and family assessment before sending it')
    await expectAccessible(page, 'check the assessment')
    await page.click('[data-testid="send"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('sent to a manager')
    await expectAccessible(page, 'the assessment waiting for a manager')

    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    // The task on the manager's list (the demo has an assessment of this child's waiting already).
    const signOffTask = () =>
      manager
        .locator('main tr', { hasText: 'Authorise or return the record sent for sign-off' })
        .filter({ hasText: `${child.given_name} ${child.family_name}` })
        .count()
    await manager.goto('/worklist')
    const waiting = await signOffTask()
    expect(waiting).toBeGreaterThanOrEqual(1)
    // Where the worklist's task leads: the assessment's page.
    const { id: assessmentId } = await db
      .selectFrom('assessment')
      .select('id')
      .where('referral_id', '=', referral.id)
      .executeTakeFirstOrThrow()
    await manager.goto(`/assessments/${assessmentId}`)
    await manager.click('[data-testid="authorise-link"]')
    await expect.poll(() => manager.locator('h1').textContent()).toBe('Authorise the assessment')
    await expectAccessible(manager, 'authorise the assessment')
    await manager.check('input[name="outcome"][value="authorise"]')
    await manager.fill(
      '#oversightNote',
      'Read the assessment and the history; a child in need plan is right.',
    )
    await manager.click('[data-testid="decide"]')
    await expect
      .poll(() => manager.locator('.govuk-notification-banner').textContent())
      .toContain('Assessment authorised')
    expect(await manager.locator('[data-testid="authorised-on"]').textContent()).toContain('Helen Price')
    await expectAccessible(manager, 'the authorised assessment')
    await manager.goto('/worklist')
    expect(await signOffTask()).toBe(waiting - 1)
  })
})

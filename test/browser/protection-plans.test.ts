/**
 * A child protection plan in the browser, with axe on each page state: a plan started by the
 * initial conference (through the service the conference calls) shows on the child's record; the
 * social worker adds an action (first with an error), records a core group and a visit, marks
 * the action delivered and ends the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChildProtectionPlans } from '../../src/modules/protection/plan-service.js'
import { systemClock } from '../../src/platform/calendar/clock.js'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import { allocatedChild, expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const parts = (iso: string) => {
  const [y, m, d] = iso.split('-')
  return { day: String(Number(d)), month: String(Number(m)), year: y ?? '' }
}

describe('child protection plans', () => {
  it('record → plan → action (error, then saved) → core group → visit → delivered → plan ended', async () => {
    const db = site.testApp.database.db
    const { childId, worker } = await allocatedChild(site, 'social.worker', {
      given_name: 'Mia',
      family_name: 'Thornton',
      date_of_birth: '2018-02-14',
    })
    const today = londonToday()
    // The initial conference the plan comes from.
    const conference = await db
      .insertInto('child_protection_conference')
      .values({
        kind: 'initial',
        scheduled_at: new Date(Date.now() - 3 * 86_400_000),
        chair_id: worker.id,
        arranged_by: worker.id,
        arranged_at: new Date(Date.now() - 10 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const [planId] = await db
      .transaction()
      .execute((trx) =>
        startChildProtectionPlans(
          trx,
          { db, clock: systemClock },
          { id: worker.id },
          { userId: null, username: 'browser-test', requestId: null },
          [{ childId, conferenceId: conference.id, startDate: addCalendarDays(today, -3), category: 'EMO' }],
        ),
      )

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${childId}`)
    expect(await page.locator('[data-testid="cp-plans-panel"]').textContent()).toContain('(open)')
    await expectAccessible(page, 'the child’s record with a child protection plan')
    await page.click('[data-testid="cp-plan-link"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Child protection plan')
    expect(await page.locator('[data-testid="plan-due"]').textContent()).toContain(
      'First core group meeting held',
    )
    await expectAccessible(page, 'the plan, just started')

    // An action with no owner or date: refused, answers kept.
    await page.click('[data-testid="add-action"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add an action to the plan')
    await expectAccessible(page, 'add an action')
    await page.fill('#newOutcome', 'Mia feels safe at home')
    await page.fill('#action', 'Weekly sessions with the family support worker')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Add an action/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter who will do it')
    expect(await page.inputValue('#action')).toBe('Weekly sessions with the family support worker')
    await expectAccessible(page, 'add an action, with errors')
    await page.check('input[name="ownerKind"][value="agency"]')
    await page.fill('#ownerName', 'Family support service')
    const due = parts(addCalendarDays(today, 14))
    await page.fill('#due-day', due.day)
    await page.fill('#due-month', due.month)
    await page.fill('#due-year', due.year)
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Action added')
    await expectAccessible(page, 'the plan with an action')

    // A core group, with progress on the action.
    await page.click('[data-testid="add-core-group"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a core group meeting')
    await expectAccessible(page, 'record a core group')
    await page.check('input[name="attended"][value="social_care"]')
    await page.check('input[name="attended"][value="health"]')
    await page.locator('textarea[id^="progress-"]').first().fill('First session held')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Core group')

    // A visit yesterday afternoon, seen alone, unannounced.
    await page.click('[data-testid="add-visit"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a child protection visit')
    await expectAccessible(page, 'record a visit')
    const yesterday = parts(addCalendarDays(today, -1))
    await page.fill('#visited-day', yesterday.day)
    await page.fill('#visited-month', yesterday.month)
    await page.fill('#visited-year', yesterday.year)
    await page.fill('#visited-time', '15:30')
    await page.fill('#whoPresent', 'Mia and her father')
    await page.check('input[name="seen"][value="yes"]')
    await page.check('input[name="seenAlone"][value="yes"]')
    await page.check('input[name="announced"][value="no"]')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Visit recorded')
    expect(await page.locator('[data-testid="visits"]').textContent()).toContain('Seen alone')

    // The action delivered today.
    await page.locator('[data-testid^="record-action-"]').first().click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record whether the action was delivered')
    await expectAccessible(page, 'record whether an action was delivered')
    await page.check('input[name="status"][value="delivered"]')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Action recorded as delivered')
    expect(await page.locator('[data-testid^="action-status-"]').first().textContent()).toContain('Delivered')
    await expectAccessible(page, 'the plan with core group, visit and a delivered action')

    // The plan ends today.
    await page.click('[data-testid="end-plan"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('End the child protection plan')
    await expectAccessible(page, 'end the plan')
    await page.check('input[name="reason"][value="no_longer_at_risk"]')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('sent to a manager for authorisation')
    expect(await page.locator('[data-testid="end-awaiting"]').textContent()).toContain(
      'waiting for a manager',
    )

    // The team manager authorises the end: the plan ends on the proposed date.
    const manages = await newPage(site)
    await signIn(manages, 'team.manager')
    await manages.goto(`/cp-plans/${planId}`)
    await manages.click('[data-testid="authorise-end"]')
    await expectAccessible(manages, 'authorise the end of the plan')
    await manages.check('input[name="outcome"][value="authorise"]')
    await manages.fill(
      '#oversightNote',
      'Risks reduced and every action delivered; the core group agrees it can end.',
    )
    await manages.click('[data-testid="decide"]')
    await expect
      .poll(() => manages.locator('.govuk-notification-banner').textContent())
      .toContain('plan ended')
    expect(await manages.locator('[data-testid="plan-status"]').textContent()).toContain('Ended')
    await expectAccessible(manages, 'the ended plan')
    expect(manages.url()).toContain(`/cp-plans/${planId}`)
  }, 180_000)
})

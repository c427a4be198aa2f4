/**
 * A child in need plan in the browser, with axe on each page state: the worker sends an
 * assessment whose outcome is a CIN plan and the team manager authorises it; the child's record
 * then offers the plan; the worker starts it (first with a start before the authorisation, then
 * today), adds an outcome and action, records a visit and a review, and proposes the end with an
 * RC code, which the manager authorises.
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
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('child in need plans', () => {
  it('assessment authorised (CIN plan) → plan started → outcome and action → visit → review → ended with RC code, authorised', async () => {
    const db = site.testApp.database.db
    const { childId, worker } = await allocatedChild(site, 'social.worker', {
      given_name: 'Isla',
      family_name: 'Penrose',
      date_of_birth: '2015-07-09',
    })
    const today = londonToday()
    const referral = await db
      .insertInto('referral')
      .values({
        child_id: childId,
        referral_date: addCalendarDays(today, -20),
        referral_source: '3A',
        re_referral: false,
        status: 'allocated',
        team_id: worker.team_id,
        worker_id: worker.id,
        allocated_at: new Date(Date.now() - 20 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // The assessment's sections written; its outcome a CIN plan.
    const assessment = await db
      .insertInto('assessment')
      .values({
        child_id: childId,
        referral_id: referral.id,
        started_on: addCalendarDays(today, -19),
        started_by: worker.id,
        started_at: new Date(Date.now() - 19 * 86_400_000),
        seen_on: addCalendarDays(today, -15),
        seen_alone: true,
        wishes_and_feelings: 'Isla wants to go to school with her friends and for mum to be well.',
        factors: ['1C'],
        primary_need: 'N1',
        analysis: 'Mum is unwell and Isla misses school; with support at home the family can manage.',
        outcome: 'cin_plan',
        updated_by: worker.id,
        updated_at: new Date(Date.now() - 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/assessments/${assessment.id}`)
    await page.click('[data-testid="check-link"]')
    await page.click('[data-testid="send"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('sent to a manager')
    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto(`/assessments/${assessment.id}`)
    await manager.click('[data-testid="authorise-link"]')
    await manager.check('input[name="outcome"][value="authorise"]')
    await manager.fill(
      '#oversightNote',
      'Read the assessment and the history; a child in need plan is right.',
    )
    await manager.click('[data-testid="decide"]')
    await expect
      .poll(() => manager.locator('.govuk-notification-banner').textContent())
      .toContain('Assessment authorised')

    // The record offers the plan; a start before the authorisation is refused, answers kept.
    await page.goto(`/children/${childId}`)
    await expectAccessible(page, 'the child’s record offering a child in need plan')
    await page.click('[data-testid="start-cin-plan"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Start a child in need plan')
    await expectAccessible(page, 'start a child in need plan')
    await fillDate(page, 'start', addCalendarDays(today, -1))
    await page.check('input[name="frequency"][value="6w"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Start a child in need plan/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'on or after the day the assessment was authorised',
    )
    expect(await page.isChecked('input[name="frequency"][value="6w"]')).toBe(true)
    await expectAccessible(page, 'start a child in need plan, with errors')
    await fillDate(page, 'start', today)
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Child in need plan')
    expect(await page.locator('[data-testid="plan-due"]').textContent()).toContain('Child in need visit')
    expect(await page.locator('[data-testid="plan-summary"]').textContent()).toContain('Every 6 weeks')
    await expectAccessible(page, 'the child in need plan, just started')

    // An outcome and its action.
    await page.click('[data-testid="add-action"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add an action to the plan')
    await expectAccessible(page, 'add an action to the CIN plan')
    await page.fill('#newOutcome', 'Isla is in school every day')
    await page.fill('#action', 'Morning routine support three days a week')
    await page.check('input[name="ownerKind"][value="agency"]')
    await page.fill('#ownerName', 'Family support service')
    await fillDate(page, 'due', addCalendarDays(today, 21))
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Action added')

    // A visit this morning, seen alone.
    await page.click('[data-testid="add-visit"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a child in need visit')
    await expectAccessible(page, 'record a CIN visit')
    await fillDate(page, 'visited', today)
    await page.fill('#visited-time', '00:05')
    await page.check('input[name="seen"][value="yes"]')
    await page.check('input[name="seenAlone"][value="yes"]')
    await page.check('input[name="announced"][value="yes"]')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Visit recorded')
    expect(await page.locator('[data-testid="visits"]').textContent()).toContain('Seen alone')

    // A review today.
    await page.click('[data-testid="add-review"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a review of the plan')
    await expectAccessible(page, 'record a CIN plan review')
    await page.fill('#summary', 'Isla has been in school every day this week; the plan carries on.')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Review recorded')
    await expectAccessible(page, 'the CIN plan with an action, a visit and a review')

    // The end, with the census's reason for closure, sent to the manager.
    await page.click('[data-testid="end-plan"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('End the child in need plan')
    await expectAccessible(page, 'end the CIN plan')
    await page.check('input[name="reason"][value="RC7"]')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('sent to a manager for authorisation')
    const planUrl = page.url()
    await manager.goto(planUrl)
    await manager.click('[data-testid="authorise-end"]')
    await expect
      .poll(() => manager.locator('h1').textContent())
      .toBe('Authorise the end of the child in need plan')
    await expectAccessible(manager, 'authorise the end of the CIN plan')
    await manager.check('input[name="outcome"][value="authorise"]')
    await manager.fill('#oversightNote', 'Isla is settled in school and mum has support; the plan can end.')
    await manager.click('[data-testid="decide"]')
    await expect
      .poll(() => manager.locator('.govuk-notification-banner').textContent())
      .toContain('Child in need plan ended')
    expect(await manager.locator('[data-testid="plan-summary"]').textContent()).toContain('RC7')
    await expectAccessible(manager, 'the ended CIN plan')
    await manager.goto(`/children/${childId}`)
    expect(await manager.locator('[data-testid="cin-plans-panel"]').textContent()).toContain('RC7')
  }, 180_000)
})

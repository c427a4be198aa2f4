/**
 * A transfer-in in the browser, with axe on each page state: from a child's record the social
 * worker records the other authority's notification for a brother and sister (first with an
 * error), arranges the transfer-in conference, records it held with a plan for each child, and
 * follows the transfer-in to the plan it started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const parts = (iso: string) => {
  const [y, m, d] = iso.split('-')
  return { day: String(Number(d)), month: String(Number(m)), year: y ?? '' }
}

describe('child protection transfer-in', () => {
  it('record → notification (error, then saved) → arrange → held → plans started', async () => {
    const db = site.testApp.database.db
    const worker = await db
      .selectFrom('app_user')
      .select(['id', 'team_id'])
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    const child = async (given: string, dob: string) =>
      (
        await db
          .insertInto('person')
          .values({ kind: 'child', given_name: given, family_name: 'Ashworth', date_of_birth: dob })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const mia = await child('Mia', '2017-04-02')
    const noah = await child('Noah', '2020-08-19')
    const mother = (
      await db
        .insertInto('person')
        .values({ kind: 'adult', given_name: 'Jess', family_name: 'Ashworth', date_of_birth: '1991-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await db
      .insertInto('person_relationship')
      .values(
        [mia, noah].map((c) => ({
          person_id: mother,
          related_person_id: c,
          relationship_type: 'mother',
          household_member: true,
        })),
      )
      .execute()
    for (const c of [mia, noah])
      await db
        .insertInto('child_access')
        .values([
          { child_id: c, user_id: worker.id, basis: 'allocated_worker', granted_by: worker.id },
          { child_id: c, team_id: worker.team_id, basis: 'allocated_team', granted_by: worker.id },
        ])
        .execute()
    const today = parts(londonToday())
    const theirStart = parts(addCalendarDays(londonToday(), -60))

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${mia}`)
    await expectAccessible(page, 'the child’s record with the transfers panel')
    await page.click('[data-testid="record-transfer-in"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record a transfer-in')
    await expectAccessible(page, 'record a transfer-in')

    // No date or plan: refused, answers kept.
    await page.selectOption('#la', '881')
    await page.fill('#workerName', 'Grace Adeyemi')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Record a transfer-in/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the date the other authority told us of the move',
    )
    expect(await page.inputValue('#workerName')).toBe('Grace Adeyemi')
    await expectAccessible(page, 'record a transfer-in, with errors')

    await page.fill('#notified-day', today.day)
    await page.fill('#notified-month', today.month)
    await page.fill('#notified-year', today.year)
    await page.fill('#workerContact', '01245 000000')
    await page.check(`input[name="siblings"][value="${noah}"]`)
    for (const [c, category] of [
      [mia, 'NEG'],
      [noah, 'EMO'],
    ] as const) {
      await page.fill(`#start-${c}-day`, theirStart.day)
      await page.fill(`#start-${c}-month`, theirStart.month)
      await page.fill(`#start-${c}-year`, theirStart.year)
      await page.selectOption(`#category-${c}`, category)
    }
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Transfer-in from Essex recorded for 2 children')
    expect(await page.locator('[data-testid="transfer-in-summary"]').textContent()).toContain('Essex (881)')
    await expectAccessible(page, 'the transfer-in, notified')

    // Arrange the conference for today.
    await page.click('[data-testid="arrange"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Arrange the transfer-in child protection conference')
    await expectAccessible(page, 'arrange the transfer-in conference')
    await page.fill('#scheduled-day', today.day)
    await page.fill('#scheduled-month', today.month)
    await page.fill('#scheduled-year', today.year)
    await page.fill('#scheduled-time', '00:05')
    const chair = await page.locator('#chair option').nth(1).getAttribute('value')
    await page.selectOption('#chair', chair ?? '')
    await page.click('[data-testid="save-arrange"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Transfer-in child protection conference arranged')
    expect(await page.locator('h1').textContent()).toBe('Transfer-in child protection conference')
    await expectAccessible(page, 'the transfer-in conference, arranged')

    // Held today: a plan for each child.
    await page.click('[data-testid="record-conference"]')
    await expectAccessible(page, 'record the transfer-in conference')
    await page.fill('#held-time', '00:05')
    await page.check(`input[name="decision-${mia}"][value="plan"]`)
    await page.selectOption(`#category-${mia}`, 'NEG')
    await page.check(`input[name="decision-${noah}"][value="plan"]`)
    await page.selectOption(`#category-${noah}`, 'EMO')
    await page.check('input[name="childParticipation"][value="views_through_worker"]')
    await page.check('input[name="familyParticipation"][value="attended"]')
    await page.click('[data-testid="save-conference"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Conference recorded')
    expect(await page.locator('[data-testid="conference-status"]').textContent()).toContain('Held')
    await expectAccessible(page, 'the transfer-in conference, held')

    // The transfer-in shows the plans it started; the plan starts on the conference's date.
    await page.goto(`/children/${mia}`)
    await page.click('[data-testid="cp-transfer-in-link"]')
    await expect.poll(() => page.locator('[data-testid="transfer-plan-link"]').count()).toBe(2)
    await expectAccessible(page, 'the transfer-in, with plans started')
    await page.locator('[data-testid="transfer-plan-link"]').first().click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Child protection plan')
    expect(await page.locator('[data-testid="plan-status"]').textContent()).toContain('Open')
    await expectAccessible(page, 'the plan the transfer-in conference started')
    const plans = await db
      .selectFrom('protection_cp_plan_v')
      .select(['child_id', 'start_date'])
      .where('child_id', 'in', [mia, noah])
      .orderBy('child_id')
      .execute()
    expect(plans).toEqual([
      { child_id: mia, start_date: londonToday() },
      { child_id: noah, start_date: londonToday() },
    ])
  }, 180_000)
})

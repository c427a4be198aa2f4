/**
 * Break-glass as its users meet it: a social worker refused a record uses emergency access, the
 * child's team manager is told on their home page, and the data protection officer closes the
 * review. axe on every page state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, signOut, type Site } from './support.js'

let site: Site
let childId = 0
beforeAll(async () => {
  site = await openSite()
  const db = site.testApp.database.db
  childId = (
    await db
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: 'Rhiannon',
        family_name: 'Castlemaine',
        date_of_birth: '2013-09-30',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const worker = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'social.worker')
    .executeTakeFirstOrThrow()
  const team = await db
    .selectFrom('team')
    .select('id')
    .where('name', '=', 'Assessment team')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('child_access')
    .values([
      { child_id: childId, user_id: worker.id, basis: 'allocated_worker', granted_by: worker.id },
      { child_id: childId, team_id: team.id, basis: 'allocated_team', granted_by: worker.id },
    ])
    .execute()
})
afterAll(async () => site?.close())

describe('emergency access', () => {
  it('refused → emergency access with a reason → record with a warning → manager told → review closed', async () => {
    const page = await newPage(site)
    await signIn(page, 'social.worker2')
    await page.goto(`/children/${childId}`)
    await expect.poll(() => page.locator('h1').textContent()).toBe('You do not have access to this')
    await expectAccessible(page, 'refused, with emergency access offered')
    expect(await page.locator('[data-testid="break-glass"]').count()).toBe(1)

    // As the README walks it: from a search result that cannot be opened.
    await page.click('.govuk-service-navigation__link[href="/people/search"]')
    await page.fill('#name', 'Rhiannon Castlemaine')
    await page.click('[data-testid="search"]')
    await expect.poll(() => page.locator('[data-testid="results"]').count()).toBe(1)
    await expectAccessible(page, 'search result that cannot be opened')
    await page.click('[data-testid="results"] a:has-text("use emergency access")')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Use emergency access')
    await expectAccessible(page, 'emergency access form')
    await page.click('button:has-text("Open the record")')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'emergency access form, nothing entered')

    await page.check('input[name="reasonCode"][value="worker_unavailable"]')
    await page.fill('#reason', 'School reports a new injury; Amara and Helen are both on leave today.')
    await page.click('button:has-text("Open the record")')
    await expect
      .poll(() => page.locator('[data-testid="child-name"]').textContent())
      .toBe('Rhiannon Castlemaine')
    expect(await page.locator('[data-testid="emergency-access"]').count()).toBe(1)
    await expectAccessible(page, 'record under emergency access')
    await signOut(page)

    await signIn(page, 'team.manager')
    await expect.poll(() => page.locator('[data-testid="notifications"]').count()).toBe(1)
    expect(await page.locator('[data-testid="notifications"]').textContent()).toContain(
      'Ben Carter used emergency access',
    )
    await expectAccessible(page, 'home page with a notification')
    await page.click('[data-testid="notifications"] button:has-text("Mark as read")')
    await expect.poll(() => page.locator('[data-testid="notifications"]').count()).toBe(0)
    await signOut(page)

    await signIn(page, 'auditor')
    await page.click('.govuk-service-navigation__link[href="/audit/access-reviews"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Access reviews')
    await expectAccessible(page, 'access reviews')
    await page.click('[data-testid="open-reviews"] a')
    await page.click('button:has-text("Close the review")')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'access review, no outcome')
    await page.check('input[name="outcome"][value="justified"]')
    await page.click('button:has-text("Close the review")')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Access reviews')
    expect(await page.locator('[data-testid="open-reviews"]').textContent()).toContain('None.')
    await expectAccessible(page, 'access reviews, closed')
  })
})

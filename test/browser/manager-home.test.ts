/**
 * In Chromium: the service manager's short home page with its counts and front door measures, a
 * paged worklist, a measure's children; an administrator adding a user (errors first, then
 * success) and searching the users. axe checks every page state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
  // Enough open work for the service manager's list to page.
  const db = site.testApp.database.db
  const child = await db
    .selectFrom('person')
    .select('id')
    .where('kind', '=', 'child')
    .where('restricted', '=', false)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const now = Date.now()
  await db
    .insertInto('task')
    .values(
      Array.from({ length: 80 }, (_, i) => ({
        instance_key: `browser-manager-home:${i}`,
        clock_code: 'cp-visit-10wd',
        child_id: child.id,
        subject_type: 'person',
        subject_id: String(child.id),
        title: 'Statutory visit',
        started_at: new Date(now - 30 * 86_400_000),
        due_at: new Date(now - (i + 1) * 86_400_000),
        due_soon_at: new Date(now - (i + 5) * 86_400_000),
      })),
    )
    .execute()
})
afterAll(async () => site?.close())

describe('the service manager’s home page', () => {
  it('is short, counts in full, pages the lists and opens a measure’s children', async () => {
    const page = await newPage(site)
    await signIn(page, 'service.manager')
    await expect.poll(() => page.locator('h1').textContent()).toContain('Work across the service')
    const overdue = Number(await page.locator('[data-testid="count-overdue"]').textContent())
    expect(overdue).toBeGreaterThanOrEqual(80)
    expect(await page.locator('[data-testid="worklist"] tbody tr').count()).toBe(10)
    await expect.poll(() => page.locator('[data-testid="frontdoor-measures"]').count()).toBe(1)
    const height = await page.evaluate('document.documentElement.scrollHeight')
    expect(height).toBeLessThan(4000)
    await expectAccessible(page, 'service manager’s home page')

    // The sign-offs waiting for this manager, a link away (the page lists them, or says none wait).
    await page.click('[data-testid="sign-offs-waiting"] a')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Waiting for your sign-off')
    await expectAccessible(page, 'waiting for your sign-off')
    await page.goto('/')

    await page.click('a[href="/worklist?status=overdue"]')
    await expect
      .poll(() => page.locator('.moj-pagination__results').textContent())
      .toContain(`Showing 1 to 50 of ${overdue} total tasks`)
    await expectAccessible(page, 'overdue tasks, page 1')
    await page.locator('.govuk-pagination__next a').click()
    await expect.poll(() => page.url()).toContain('status=overdue')
    expect(page.url()).toContain('page=2')
    await expect.poll(() => page.locator('.moj-pagination__results').textContent()).toContain('Showing 51 to')
    await expectAccessible(page, 'overdue tasks, page 2')

    await page.goto('/')
    await page.click('a[href="/measures/fd-contacts-by-source"]')
    await expect.poll(() => page.locator('h1').textContent()).toContain('Contacts by source')
    await expectAccessible(page, 'contacts by source with their children')
    await page.goto('/measures/fd-nfa-rate?part=denominator')
    await expectAccessible(page, 'decisions behind the no further action rate')
  })
})

describe('adding and finding users', () => {
  it('shows the errors, then adds the user and finds them by search', async () => {
    const page = await newPage(site)
    await signIn(page, 'admin')
    await page.goto('/admin/users')
    await page.click('text=Add a user')
    await expectAccessible(page, 'add a user')
    await page.fill('#displayName', 'Rhiannon Pryce')
    await page.fill('#email', 'not an email')
    await page.click('button:has-text("Add user")')
    await expect.poll(() => page.title()).toMatch(/^Error: Add a user/)
    const summary = page.locator('.govuk-error-summary')
    expect(await summary.textContent()).toContain('Enter an email address in the correct format')
    expect(await summary.textContent()).toContain('Choose the person’s role')
    expect(await page.inputValue('#displayName')).toBe('Rhiannon Pryce')
    await expectAccessible(page, 'add a user with errors')

    await page.fill('#email', 'rhiannon.pryce@thurrock.example')
    await page.fill('#username', 'rhiannon.pryce')
    await page.check('input[name="role"][value="team_manager"]')
    await page.selectOption('#teamName', 'Safeguarding team')
    await page.fill('#jobTitle', 'Team manager, safeguarding')
    await page.click('button:has-text("Add user")')
    await expect.poll(() => page.url()).toContain('/admin/users?q=rhiannon.pryce')
    const banner = await page.locator('.govuk-notification-banner').textContent()
    expect(banner).toContain('Rhiannon Pryce’s account is added')
    expect(await page.locator('[data-testid="users"] tbody tr').count()).toBe(1)
    await expectAccessible(page, 'the new user, found')

    await page.fill('[data-testid="user-search"]', 'safeguarding')
    await page.click('form[role="search"] button')
    await expect.poll(() => page.url()).toContain('q=safeguarding')
    // The address changes as the new page starts to arrive: its table may not be there yet.
    await expect
      .poll(() => page.locator('[data-testid="users"] tbody tr td:first-child').allTextContents())
      .toEqual(expect.arrayContaining(['Ben Carter', 'Rhiannon Pryce']))
    await expectAccessible(page, 'users matching a team')
  })
})

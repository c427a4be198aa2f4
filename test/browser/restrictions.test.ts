/**
 * A team manager restricts a record and finds it on the restriction-review report (SEC-09), with
 * axe on the form, its error state and the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('restricting a record', () => {
  it('restrict → error → restricted → home page count → report', async () => {
    const db = site.testApp.database.db
    const child = await db
      .selectFrom('person as p')
      .innerJoin('child_access as a', 'a.child_id', 'p.id')
      .innerJoin('team as t', 't.id', 'a.team_id')
      .innerJoin('app_user as u', 'u.id', 't.manager_id')
      .select(['p.id', 'p.given_name', 'p.family_name'])
      .where('u.username', '=', 'team.manager')
      .where('a.basis', '=', 'allocated_team')
      .where('a.revoked_at', 'is', null)
      .where('p.restricted', '=', false)
      .where('p.kind', '=', 'child')
      .orderBy('p.id')
      .executeTakeFirstOrThrow()
    const page = await newPage(site)
    await signIn(page, 'team.manager')
    await page.goto(`/children/${child.id}`)
    await page.click('[data-testid="restrict-record"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Restrict this record')
    await expectAccessible(page, 'restrict this record')

    // No authoriser and no reason: refused, with the answers kept.
    await page.selectOption('#authorisedBy', '')
    await page.check('input[name="category"][value="high_profile"]')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Restrict this record/)
    const summary = await page.locator('.govuk-error-summary').textContent()
    expect(summary).toContain('Select the manager who authorised the restriction')
    expect(summary).toContain('Enter the reason for the restriction')
    expect(await page.isChecked('input[name="category"][value="high_profile"]')).toBe(true)
    await expectAccessible(page, 'restrict this record, with errors')

    const due = addCalendarDays(londonToday(), 7)
    const [y, m, d] = due.split('-').map(Number) as [number, number, number]
    await page.fill('#reason', 'Father is a local councillor; the family is known to staff in the team.')
    await page.selectOption('#authorisedBy', { label: 'Helen Price (team manager)' })
    await page.fill('#reviewDue-day', String(d))
    await page.fill('#reviewDue-month', String(m))
    await page.fill('#reviewDue-year', String(y))
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('[data-testid="restriction"]').textContent()).toContain('Review by')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Record restricted')
    await expectAccessible(page, 'the restricted record')

    await page.goto('/')
    await expect
      .poll(() => page.locator('[data-testid="restriction-review-summary"]').textContent())
      .toContain('due in the next 14 days')
    await page.click('[data-testid="restriction-review-summary"] a[href="/restrictions/reviews"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Restriction reviews')
    const row = page.locator(`[data-testid="review-row-${child.id}"]`)
    await expect.poll(() => row.textContent()).toContain(`${child.given_name} ${child.family_name}`)
    expect(await row.textContent()).toContain('Due soon')
    await expectAccessible(page, 'restriction reviews')
  }, 90_000)
})

describe('reviewing a restriction', () => {
  /** A demo record restricted by the service manager, who holds the grant to review it. */
  async function reviewForm(): Promise<string> {
    const row = await site.testApp.database.db
      .selectFrom('person_restriction as r')
      .innerJoin('child_access as a', 'a.child_id', 'r.person_id')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select('r.person_id')
      .where('u.username', '=', 'service.manager')
      .where('a.basis', '=', 'restriction_grant')
      .where('a.revoked_at', 'is', null)
      .orderBy('r.person_id')
      .executeTakeFirstOrThrow()
    return `/children/${row.person_id}/restriction/review`
  }

  it('with JavaScript, shows the next review date under “continue” and the reason under “lift”, each once chosen', async () => {
    const page = await newPage(site)
    const [nextDate, liftReason] = [page.locator('#reviewDue-day'), page.locator('#liftReason')]
    await signIn(page, 'service.manager')
    await page.goto(await reviewForm())
    await expect.poll(() => page.locator('h1').textContent()).toContain('Review the restriction')
    expect([await nextDate.isVisible(), await liftReason.isVisible()]).toEqual([false, false])
    await expectAccessible(page, 'review, nothing chosen')
    await page.check('input[name="outcome"][value="continue"]')
    await expect.poll(() => nextDate.isVisible()).toBe(true)
    expect(await liftReason.isVisible()).toBe(false)
    await expectAccessible(page, 'review, continue chosen')
    await page.check('input[name="outcome"][value="lift"]')
    await expect.poll(() => liftReason.isVisible()).toBe(true)
    expect(await nextDate.isVisible()).toBe(false)
    await expectAccessible(page, 'review, lift chosen')

    // Lifted with no reason: back with "lift" chosen and its reason shown with the error.
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter why the restriction is being lifted')
    expect(await page.isChecked('input[name="outcome"][value="lift"]')).toBe(true)
    expect([await nextDate.isVisible(), await liftReason.isVisible()]).toEqual([false, true])
    await expectAccessible(page, 'review, lifted with no reason')
    await page.context().close()
  })

  it('without JavaScript, shows both under their choices', async () => {
    const page = await newPage(site, { javaScriptEnabled: false })
    await signIn(page, 'service.manager')
    await page.goto(await reviewForm())
    await expect.poll(() => page.locator('h1').textContent()).toContain('Review the restriction')
    expect(await page.locator('#reviewDue-day').isVisible()).toBe(true)
    expect(await page.locator('#liftReason').isVisible()).toBe(true)
    await expectAccessible(page, 'review, without JavaScript')
    await page.context().close()
  })
})

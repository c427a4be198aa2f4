/**
 * A social worker records a home visit from the child's record, with axe on the form, its error
 * state, the list of notes and the note itself; then the team manager records oversight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('case notes', () => {
  it('record page → add a case note → error → saved → the note → oversight', async () => {
    const db = site.testApp.database.db
    const child = await db
      .selectFrom('person as p')
      .innerJoin('child_access as a', 'a.child_id', 'p.id')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['p.id', 'p.given_name', 'p.family_name'])
      .where('u.username', '=', 'social.worker')
      .where('a.basis', '=', 'allocated_worker')
      .where('a.revoked_at', 'is', null)
      .where('p.restricted', '=', false)
      .where('p.kind', '=', 'child')
      .orderBy('p.id')
      .executeTakeFirstOrThrow()
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${child.id}`)
    // The demo's own notes, on the record page's panel.
    expect(await page.locator('[data-testid="case-notes-panel"]').textContent()).toContain('All case notes')
    await expectAccessible(page, 'the child’s record with its case notes')
    await page.click('[data-testid="add-case-note"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a case note')
    await expectAccessible(page, 'add a case note')

    // A home visit with nothing said about the child being seen, and no note: refused, kept.
    await page.check('input[name="noteType"][value="home_visit"]')
    await page.fill('#whoSeen', 'Mother and her partner')
    await page.click('[data-testid="save-note"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: Add a case note/)
    const summary = await page.locator('.govuk-error-summary').textContent()
    expect(summary).toContain(`Select whether ${child.given_name} ${child.family_name} was seen`)
    expect(summary).toContain('Enter the case note')
    expect(await page.inputValue('#whoSeen')).toBe('Mother and her partner')
    await expectAccessible(page, 'add a case note, with errors')

    await page.check(`input[name="seen-${child.id}"][value="seen_alone"]`)
    await page.fill('#body', 'Saw the child alone in the kitchen; they said school is going better.')
    await page.click('[data-testid="save-note"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Case note recorded')
    expect(await page.locator('[data-testid="case-notes"]').textContent()).toContain('Seen alone')
    await expectAccessible(page, 'the case notes')

    await page.click('[data-testid="case-notes"] a')
    await expect.poll(() => page.locator('h1').textContent()).toContain('Home visit')
    expect(await page.locator('[data-testid="note-text-1"]').textContent()).toContain(
      'school is going better',
    )
    await expectAccessible(page, 'a case note')

    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto(`/children/${child.id}/oversight/new`)
    await expect.poll(() => manager.locator('h1').textContent()).toBe('Record management oversight')
    await expectAccessible(manager, 'record management oversight')
    await manager.check('input[name="kind"][value="management_oversight"]')
    await manager.fill('#summary', 'Visits are on time and the child is seen alone. Keep the plan.')
    await manager.click('[data-testid="save-oversight"]')
    await expect
      .poll(() => manager.locator('.govuk-notification-banner').textContent())
      .toContain('Oversight recorded')
    expect(await manager.locator('[data-testid="next-oversight"]').textContent()).toContain(
      'Next oversight due by',
    )
    await expectAccessible(manager, 'the oversight records')
  }, 120_000)
})

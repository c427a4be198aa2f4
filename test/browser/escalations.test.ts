/**
 * A health visitor escalates a professional difference from a child's record to the manager of
 * the team the case is allocated to, with axe on the form, its error state and every page after;
 * the manager disagrees, the health visitor disputes, and the escalation lands on the service
 * manager's worklist at level 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actingAs, firstAllocatedChild } from '../support/actors.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('escalations', () => {
  it('record page → raise → error → raised → manager disagrees → disputed → service manager’s worklist', async () => {
    const db = site.testApp.database.db
    const childId = await firstAllocatedChild(db)
    const child = await db
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name'])
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    // A health visitor who took part in the child's strategy discussion, so may see the record.
    const healthVisitor = (await actingAs(db, 'health.visitor')).actor.id
    await db
      .insertInto('child_access')
      .values({
        child_id: child.id,
        user_id: healthVisitor,
        basis: 'process_participant',
        granted_by: (await actingAs(db, 'social.worker')).actor.id,
      })
      .execute()

    const hv = await newPage(site)
    await signIn(hv, 'health.visitor')
    await hv.goto(`/children/${child.id}`)
    await hv.click('[data-testid="escalations-panel"] [data-testid="raise-escalation"]')
    await expect.poll(() => hv.locator('h1').textContent()).toBe('Raise an escalation')
    await expectAccessible(hv, 'raise an escalation')

    // Nothing chosen and no difference described: refused, what was typed kept.
    await hv.fill('#wanted', 'A strategy discussion about the bruising.')
    await hv.click('[data-testid="save-escalation"]')
    await expect.poll(() => hv.locator('.govuk-error-summary').count()).toBe(1)
    expect(await hv.title()).toMatch(/^Error: Raise an escalation/)
    const summary = await hv.locator('.govuk-error-summary').textContent()
    expect(summary).toContain('Enter what was decided or not done')
    expect(summary).toContain('Select who the escalation is to')
    expect(await hv.inputValue('#wanted')).toBe('A strategy discussion about the bruising.')
    await expectAccessible(hv, 'raise an escalation, with errors')

    await hv.fill(
      '#difference',
      'A second bruise this month was closed at the front door with no assessment.',
    )
    await hv.check('input[name="recipient"][value="team_manager"]')
    await hv.click('[data-testid="save-escalation"]')
    await expect
      .poll(() => hv.locator('.govuk-notification-banner').textContent())
      .toContain('Escalation raised with Helen Price')
    const url = new URL(hv.url()).pathname
    expect(url).toMatch(/^\/escalations\/\d+$/)
    expect(await hv.locator('[data-testid="status"]').textContent()).toContain('Awaiting response')
    await expectAccessible(hv, 'the escalation, awaiting a response')

    // The team manager finds it on their worklist and disagrees.
    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto('/worklist')
    await manager.click(`a[href="${url}"]`)
    await manager.click('[data-testid="respond"]')
    await expect.poll(() => manager.locator('h1').textContent()).toBe('Respond to the escalation')
    await expectAccessible(manager, 'respond to an escalation')
    await manager.check('input[name="response"][value="disagree"]')
    await manager.fill('#reasons', 'The GP saw the bruise and accepted the explanation; no further action.')
    await manager.click('[data-testid="save-response"]')
    await expect
      .poll(() => manager.locator('.govuk-notification-banner').textContent())
      .toContain('Response recorded')
    await expectAccessible(manager, 'the escalation, answered')

    // The health visitor sees the answer from her list and disputes it.
    await hv.goto('/escalations')
    expect(await hv.locator('h1').textContent()).toBe('Your escalations')
    await expectAccessible(hv, 'your escalations')
    await hv.click(`[data-testid="open-escalations"] a[href="${url}"]`)
    await hv.click('[data-testid="decide"]')
    await expect.poll(() => hv.locator('h1').textContent()).toBe('Accept or dispute the response')
    await expectAccessible(hv, 'accept or dispute the response')
    await hv.check('input[name="outcome"][value="escalate"]')
    await hv.fill('#reason', 'Two bruises in a month on a baby who is not yet crawling.')
    await hv.selectOption('#recipient', { label: 'Marcus Reid' })
    await expectAccessible(hv, 'dispute and escalate, the next level’s questions shown')
    await hv.click('[data-testid="save-outcome"]')
    await expect
      .poll(() => hv.locator('.govuk-notification-banner').textContent())
      .toContain('Escalated to level 2: Marcus Reid')
    expect(await hv.locator('[data-testid="level-2"]').textContent()).toContain('Why it was disputed')
    await expectAccessible(hv, 'the escalation at level 2')
    await hv.goto(`/children/${child.id}/escalations`)
    expect(await hv.locator('[data-testid="escalations"]').textContent()).toContain('Awaiting response')
    await expectAccessible(hv, 'the child’s escalations')

    // It is on the service manager's worklist, and in the managers' report.
    const service = await newPage(site)
    await signIn(service, 'service.manager')
    await service.goto('/')
    expect(await service.locator('[data-testid="escalations-summary"]').textContent()).toContain(
      '1 escalation is waiting for your response',
    )
    await service.goto('/worklist')
    expect(await service.locator(`a[href="${url}"]`).count()).toBeGreaterThan(0)
    await service.goto('/escalations')
    expect(await service.locator('h1').textContent()).toBe('Open escalations')
    expect(await service.locator('[data-testid="open-escalations"]').textContent()).toContain(
      `${child.given_name} ${child.family_name}`,
    )
    await expectAccessible(service, 'the open escalations report')
  }, 120_000)
})

/**
 * The multi-agency chronology in the browser (issue 15): a health visitor and a school, each given
 * access to a baby's record, record injuries (the health visitor's first try with errors); the
 * allocated social worker then sees the cumulative-harm warnings on the record and the chronology,
 * filters it by agency and prints it. axe on every page.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, addMonths, londonToday } from '../../src/platform/calendar/dates.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const today = londonToday()
const daysAgo = (n: number) => addCalendarDays(today, -n)

async function fillInjury(page: Page, on: string, bodyPart: string, source: string) {
  const [y, m, d] = on.split('-')
  await page.fill('#occurred-day', String(Number(d)))
  await page.fill('#occurred-month', String(Number(m)))
  await page.fill('#occurred-year', y ?? '')
  await page.fill('#source', source)
  await page.check('input[name="basis"][value="fact"]')
  await page.check('input[name="significance"][value="high"]')
  await page.check('input[name="entryType"][value="injury"]')
  await page.fill('#whatHappened', `Bruising: ${bodyPart}. Mother said he fell.`)
  await page.check('input[name="harmKind"][value="injury"]')
  await page.fill('#bodyPart', bodyPart)
  await page.check('input[name="childMobile"][value="yes"]')
}

describe('the multi-agency chronology', () => {
  it('health visitor and school record injuries → the social worker sees the warning, filters and prints', async () => {
    const db = site.testApp.database.db
    const user = (username: string) =>
      db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
    const [worker, manager, hv, school] = await Promise.all(
      ['social.worker', 'team.manager', 'health.visitor', 'school'].map(user),
    )
    // A baby of four months, allocated to the social worker; the partners given access for the core group.
    const { id } = await db
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: 'Alfie',
        family_name: 'Penhallow',
        date_of_birth: addMonths(today, -4),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('child_access')
      .values([
        { child_id: id, user_id: worker?.id ?? 0, basis: 'allocated_worker', granted_by: manager?.id ?? 0 },
        { child_id: id, user_id: hv?.id ?? 0, basis: 'process_participant', granted_by: manager?.id ?? 0 },
        {
          child_id: id,
          user_id: school?.id ?? 0,
          basis: 'process_participant',
          granted_by: manager?.id ?? 0,
        },
      ])
      .execute()

    const health = await newPage(site)
    await signIn(health, 'health.visitor')
    await health.goto(`/children/${id}`)
    expect(await health.locator('[data-testid="chronology-panel"]').textContent()).toContain(
      'No agency has added to the chronology yet',
    )
    await expectAccessible(health, 'the child’s record, for a health visitor')
    await health.click('[data-testid="add-chronology-entry"]')
    await expect.poll(() => health.locator('h1').textContent()).toBe('Add to the chronology')
    expect(await health.locator('[data-testid="own-agency"]').textContent()).toBe(
      'Thurrock Health Visiting Service',
    )
    await expectAccessible(health, 'add to the chronology')

    // An injury with no date, no source and nothing about where: refused, kept.
    await health.check('input[name="entryType"][value="injury"]')
    await health.fill('#whatHappened', 'A bruise on the left ear.')
    await health.click('[data-testid="save-entry"]')
    await expect.poll(() => health.locator('.govuk-error-summary').count()).toBe(1)
    expect(await health.title()).toMatch(/^Error: Add to the chronology/)
    const summary = await health.locator('.govuk-error-summary').textContent()
    expect(summary).toContain('Enter the date it happened')
    expect(summary).toContain('Enter where on the body the injury was')
    expect(await health.inputValue('#whatHappened')).toBe('A bruise on the left ear.')
    await expectAccessible(health, 'add to the chronology, with errors')

    await fillInjury(health, daysAgo(40), 'Left ear', 'Nia Barker, health visitor, home visit')
    await health.click('[data-testid="save-entry"]')
    await expect
      .poll(() => health.locator('.govuk-notification-banner').textContent())
      .toContain('Added to the chronology')
    await expectAccessible(health, 'the chronology, for a health visitor')
    await health.goto(`/children/${id}/chronology/new`)
    await fillInjury(health, daysAgo(20), 'Right cheek', 'Nia Barker, health visitor, clinic')
    await health.click('[data-testid="save-entry"]')
    await expect.poll(() => health.locator('[data-testid="chronology"] .moj-timeline__item').count()).toBe(2)

    const teacher = await newPage(site)
    await signIn(teacher, 'school')
    await teacher.goto(`/children/${id}/chronology/new`)
    expect(await teacher.locator('[data-testid="own-agency"]').textContent()).toBe(
      'Little Thurrock Primary School',
    )
    await fillInjury(teacher, daysAgo(3), 'Both upper arms', 'Daniel Hughes, DSL, at nursery drop-off')
    await teacher.click('[data-testid="save-entry"]')
    await expect
      .poll(() => teacher.locator('[data-testid="harm-warnings"]').textContent())
      .toContain('3 injuries within 12 weeks')

    const sw = await newPage(site)
    await signIn(sw, 'social.worker')
    await sw.goto(`/children/${id}`)
    const panel = await sw.locator('[data-testid="chronology-panel"]').textContent()
    expect(panel).toContain('3 injuries within 12 weeks')
    expect(panel).toContain('3 injuries to a baby under 6 months old')
    await expectAccessible(sw, 'the child’s record with the cumulative-harm warnings')
    await sw.click('[data-testid="open-chronology"]')
    await expect.poll(() => sw.locator('h1').textContent()).toBe('Multi-agency chronology')
    await expectAccessible(sw, 'the multi-agency chronology')

    await sw.check('input[name="agency"][value="Little Thurrock Primary School"]')
    await sw.click('[data-testid="apply-filter"]')
    await expect.poll(() => sw.locator('[data-testid="shown-count"]').textContent()).toContain('Showing 1 of')
    expect(sw.url()).toContain('agency=Little+Thurrock+Primary+School')
    await expectAccessible(sw, 'the chronology filtered by agency')

    await sw.click('[data-testid="print-link"]')
    await expect
      .poll(() => sw.locator('[data-testid="printed"]').textContent())
      .toContain('Only Little Thurrock Primary School')
    expect(await sw.locator('[data-testid="filter-form"]').count()).toBe(0)
    expect(await sw.locator('.govuk-service-navigation').count()).toBe(0)
    await expectAccessible(sw, 'the printable chronology')
  }, 120_000)

  it('the demo family of four: the health visitor opens the family’s chronology, with warnings for each child', async () => {
    const db = site.testApp.database.db
    const baby = await db
      .selectFrom('chronology_entry')
      .select('child_id')
      .where('child_mobile', '=', 'no')
      .executeTakeFirstOrThrow()
    const hv = await newPage(site)
    await signIn(hv, 'health.visitor')
    await hv.goto(`/children/${baby.child_id}/chronology`)
    await hv.click('[data-testid="family-link"]')
    await expect.poll(() => hv.locator('h1').textContent()).toBe('Family chronology')
    expect(await hv.locator('[data-testid="family-children"]').textContent()).toContain('4 children')
    expect(await hv.locator('[data-testid^="harm-warnings-"]').count()).toBe(4)
    await expectAccessible(hv, 'the family chronology')
    await hv.check('input[name="type"][value="injury"]')
    await hv.click('[data-testid="apply-filter"]')
    await expect.poll(() => hv.locator('[data-testid="shown-count"]').textContent()).toContain('Showing 4 of')
  }, 120_000)
})

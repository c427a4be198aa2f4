import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, signOut, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('finding a child and adding one who is not known', () => {
  it.each([true, false])(
    'search → no match → add → error → check answers → saved → record page (JavaScript on: %s)',
    async (javaScriptEnabled) => {
      const page = await newPage(site, { javaScriptEnabled })
      // With JavaScript off, axe checks a copy of the page as it stands (support.ts).
      const accessible = (state: string) => expectAccessible(page, state)
      await signIn(page, 'screener')
      await page.click('.govuk-service-navigation__link[href="/people/search"]')
      await expect.poll(() => page.locator('h1').textContent()).toBe('Search for a child')
      await accessible('search, empty')

      await page.click('[data-testid="search"]')
      await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
      await accessible('search, nothing entered')

      const given = javaScriptEnabled ? 'Ifeoma' : 'Tobias'
      await page.fill('#name', `${given} Brightwater`)
      await page.click('[data-testid="search"]')
      await expect
        .poll(() => page.locator('[data-testid="result-count"]').textContent())
        .toContain('0 children')
      await accessible('search, no match')

      await page.click('[data-testid="add-child"]')
      await expect.poll(() => page.locator('h1').textContent()).toBe('Add a child')
      expect(await page.inputValue('#givenName')).toBe(given)
      expect(await page.inputValue('#familyName')).toBe('Brightwater')
      await accessible('add a child')

      await page.check('#kind')
      await page.fill('#dateOfBirth-day', '14')
      await page.fill('#dateOfBirth-month', '7')
      await page.fill('#dateOfBirth-year', '2018')
      await page.check('input[name="sex"][value="M"]')
      await page.selectOption('#ethnicity', 'BCRB')
      await page.check('input[name="disabilities"][value="HEAR"]')
      await page.fill('#nhsNumber', '943 476 5918') // fails the check
      await page.selectOption('#upnUnknownReason', 'UN2')
      await page.fill('#addressLine1', '3 Riverside Walk')
      await page.fill('#postcode', 'RM17 6SL')
      await page.click('[data-testid="continue"]')
      await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('real NHS number')
      expect(await page.title()).toMatch(/^Error: /)
      expect(await page.inputValue('#addressLine1')).toBe('3 Riverside Walk')
      expect(await page.isChecked('input[name="disabilities"][value="HEAR"]')).toBe(true)
      await accessible('add a child, with an error')

      await page.click('.govuk-error-summary a[href="#nhsNumber"]')
      await page.fill('#nhsNumber', '')
      await page.click('[data-testid="continue"]')
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check your answers')
      await expect.poll(() => page.locator('[data-testid="answers"]').textContent()).toContain('Caribbean')
      await accessible('check answers')

      await page.click('[data-testid="save"]')
      await expect
        .poll(() => page.locator('[data-testid="child-name"]').textContent())
        .toBe(`${given} Brightwater`)
      await expect.poll(() => page.locator('[data-testid="identifiers"]').textContent()).toContain('Hearing')
      await expect.poll(() => page.locator('[data-testid="addresses"]').textContent()).toContain('RM17 6SL')
      await accessible('the new record')

      await page.goto(`/people/search?name=${given}+Brightwatter`)
      await expect
        .poll(() => page.locator('[data-testid="results"]').textContent())
        .toContain(`${given} Brightwater`)
      await accessible('search, a match')

      // Adding the same child again: the record just made is offered first.
      await page.goto(`/people/new?givenName=${given}&familyName=Brightwater`)
      await page.fill('#dateOfBirth-day', '14')
      await page.fill('#dateOfBirth-month', '7')
      await page.fill('#dateOfBirth-year', '2018')
      await page.check('input[name="sex"][value="M"]')
      await page.selectOption('#upnUnknownReason', 'UN2')
      await page.click('[data-testid="continue"]')
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check this child is not already known')
      await expect
        .poll(() => page.locator('[data-testid="likely-matches"] a').textContent())
        .toBe(`${given} Brightwater`)
      await accessible('check answers, with a likely match')
      await page.context().close()
    },
  )
})

describe('questions revealed under a choice', () => {
  /** The relationship form for a child the demo social worker is allocated. */
  async function relationshipForm(): Promise<string> {
    const child = await site.testApp.database.db
      .selectFrom('child_access as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .innerJoin('person as p', 'p.id', 'a.child_id')
      .select('a.child_id')
      .where('u.username', '=', 'social.worker')
      .where('a.basis', '=', 'allocated_worker')
      .where('a.revoked_at', 'is', null)
      .where('p.restricted', '=', false)
      .orderBy('a.child_id')
      .executeTakeFirstOrThrow()
    return `/children/${child.child_id}/relationships/new`
  }

  it('with JavaScript, shows a child’s date and a new adult’s details only under their choice', async () => {
    const page = await newPage(site)
    const [born, expected] = [page.locator('#dateOfBirth-day'), page.locator('#expectedDate-day')]
    await signIn(page, 'screener')
    await page.goto('/people/new')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a child')
    // "Yes" is the answer the form starts with, so its date shows and the other does not.
    expect(await page.isChecked('input[name="kind"][value="child"]')).toBe(true)
    expect([await born.isVisible(), await expected.isVisible()]).toEqual([true, false])
    await page.check('input[name="kind"][value="unborn"]')
    await expect.poll(() => expected.isVisible()).toBe(true)
    expect(await born.isVisible()).toBe(false)
    await expectAccessible(page, 'add a child, unborn')
    await page.check('input[name="kind"][value="child"]')
    await expect.poll(() => born.isVisible()).toBe(true)
    expect(await expected.isVisible()).toBe(false)
    await expectAccessible(page, 'add a child, born')

    // Born, with no date of birth: back with "Yes" chosen and the date shown with its error.
    await page.fill('#givenName', 'Orla')
    await page.fill('#familyName', 'Penhallow')
    await page.check('input[name="sex"][value="F"]')
    await page.click('[data-testid="continue"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the child’s date of birth')
    expect(await page.isChecked('input[name="kind"][value="child"]')).toBe(true)
    expect([await born.isVisible(), await expected.isVisible()]).toEqual([true, false])
    await expectAccessible(page, 'add a child, born with no date')
    await signOut(page)

    const adultName = page.locator('#adultGivenName')
    await signIn(page, 'social.worker')
    await page.goto(await relationshipForm())
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a family or household member')
    expect(await adultName.isVisible()).toBe(false)
    await expectAccessible(page, 'add a family member, no one chosen')
    await page.check('input[name="relatedPersonId"][value="new"]')
    await expect.poll(() => adultName.isVisible()).toBe(true)
    await expectAccessible(page, 'add a family member, a new adult chosen')
    await page.selectOption('#relationshipType', 'aunt_or_uncle')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the adult’s first name')
    expect(await page.isChecked('input[name="relatedPersonId"][value="new"]')).toBe(true)
    expect(await adultName.isVisible()).toBe(true)
    await expectAccessible(page, 'add a family member, a new adult with no name')
    await page.context().close()
  })

  it('without JavaScript, shows each under its choice', async () => {
    const page = await newPage(site, { javaScriptEnabled: false })
    await signIn(page, 'screener')
    await page.goto('/people/new')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a child')
    expect(await page.locator('#dateOfBirth-day').isVisible()).toBe(true)
    expect(await page.locator('#expectedDate-day').isVisible()).toBe(true)
    // Each date sits under its answer, so "Expected date of birth" reads as the unborn child's.
    expect(await page.locator('#conditional-kind-2 legend').textContent()).toContain('Expected date of birth')
    await expectAccessible(page, 'add a child, without JavaScript')
    await signOut(page)

    await signIn(page, 'social.worker')
    await page.goto(await relationshipForm())
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a family or household member')
    expect(await page.locator('#adultGivenName').isVisible()).toBe(true)
    await expectAccessible(page, 'add a family member, without JavaScript')
    await page.context().close()
  })
})

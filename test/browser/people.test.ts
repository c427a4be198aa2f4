import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

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
      // axe runs in the page, so it needs JavaScript: without it, the same journey is walked unchecked.
      const accessible = (state: string) =>
        javaScriptEnabled ? expectAccessible(page, state) : Promise.resolve()
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

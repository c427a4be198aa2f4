/**
 * In Chromium: an administrator adds a partner agency, merges two records of the same child and
 * reverses the merge; a social worker adds an address and an alert to a child allocated to them.
 * axe checks every page state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const db = () => site.testApp.database.db

describe('administration of agencies and duplicate records', () => {
  it('adds an agency, merges two duplicates and reverses the merge', async () => {
    // Two records of one child, as a screener might create them a week apart.
    const ids: number[] = []
    for (const [given, la] of [
      ['Juno', 'BROWSER-KEEP'],
      ['Juno', 'BROWSER-DUP'],
    ] as const) {
      const { id } = await db()
        .insertInto('person')
        .values({
          kind: 'child',
          given_name: given,
          family_name: la === 'BROWSER-KEEP' ? 'Abernethy' : 'Abernethie',
          date_of_birth: '2019-09-14',
          sex: 'F',
          la_child_id: la,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(id)
    }
    const [keep, duplicate] = ids as [number, number]

    const page = await newPage(site)
    await signIn(page, 'admin')
    await page.goto('/admin/agencies')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Partner agencies')
    await expectAccessible(page, 'agencies, none yet')
    await page.click('[data-testid="add-agency"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a partner agency')
    await expectAccessible(page, 'add an agency')
    await page.fill('#name', 'Grays Riverside Primary School')
    await page.fill('#email', 'office at school')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.inputValue('#name')).toBe('Grays Riverside Primary School')
    await expectAccessible(page, 'add an agency, with errors')
    await page.check('input[name="kind"][value="education"]')
    await page.selectOption('#referralSource', '2A')
    await page.fill('#email', 'office@riverside.example')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('[data-testid="agencies"]').textContent()).toContain('2A: Schools')
    await expectAccessible(page, 'agencies, one added')

    await page.click('.moj-sub-navigation__link[href="/admin/people/merge"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Merge duplicate records')
    await expectAccessible(page, 'merge, search')
    await page.fill('#name', 'Juno Abernethy')
    await page.click('[data-testid="search"]')
    await expect
      .poll(() => page.locator('[data-testid="merge-results"]').textContent())
      .toContain('BROWSER-DUP')
    await expectAccessible(page, 'merge, results')
    await page.fill('#keep', String(keep))
    await page.fill('#duplicate', String(duplicate))
    await page.click('[data-testid="compare"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check the records before merging')
    expect(await page.locator('[data-testid="kept"]').textContent()).toContain('BROWSER-KEEP')
    expect(await page.locator('[data-testid="duplicate"]').textContent()).toContain('BROWSER-DUP')
    await expectAccessible(page, 'merge, compare')
    await page.click('[data-testid="merge"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'merge, compare with an error')
    await page.fill('#reason', 'Same child: same date of birth and school, surname misspelt')
    await page.click('[data-testid="merge"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Merged records')
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('merged into')
    await expectAccessible(page, 'merges, one merged')
    const merged = await db()
      .selectFrom('person')
      .select('merged_into_id')
      .where('id', '=', duplicate)
      .executeTakeFirstOrThrow()
    expect(merged.merged_into_id).toBe(keep)

    await page.click('[data-testid^="reverse-"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reverse a merge')
    await expectAccessible(page, 'reverse a merge')
    await page.fill('#reason', 'Checked again: cousins with the same birthday')
    await page.click('[data-testid="confirm"]')
    await expect.poll(() => page.locator('[data-testid="merges"]').textContent()).toContain('Reversed')
    await expectAccessible(page, 'merges, reversed')
    const restored = await db()
      .selectFrom('person')
      .select(['merged_into_id', 'deleted_at'])
      .where('id', '=', duplicate)
      .executeTakeFirstOrThrow()
    expect(restored).toEqual({ merged_into_id: null, deleted_at: null })
  })
})

describe('a social worker changes a child’s record', () => {
  it('adds an address and an alert to an allocated child', async () => {
    const worker = await db()
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    const child = await db()
      .selectFrom('child_access as a')
      .innerJoin('person as p', 'p.id', 'a.child_id')
      .select(['p.id', 'p.given_name'])
      .where('a.user_id', '=', worker.id)
      .where('a.basis', '=', 'allocated_worker')
      .where('a.revoked_at', 'is', null)
      .where('p.restricted', '=', false)
      .orderBy('p.id')
      .executeTakeFirstOrThrow()

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${child.id}`)
    await expect
      .poll(() => page.locator('[data-testid="child-name"]').textContent())
      .toContain(child.given_name)
    await expectAccessible(page, 'child record')

    await page.click('[data-testid="add-address"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a new address')
    await expectAccessible(page, 'add an address')
    await page.fill('#postcode', 'not a postcode')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'add an address, with errors')
    await page.fill('#addressLine1', '7 Thameside Court')
    await page.fill('#addressTown', 'Tilbury')
    await page.fill('#postcode', 'RM18 7NR')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('[data-testid="addresses"]').textContent())
      .toContain('7 Thameside Court')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('New address saved')
    await expectAccessible(page, 'child record, address added')

    await page.click('[data-testid="add-alert"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add an alert or warning')
    await expectAccessible(page, 'add an alert')
    await page.click('[data-testid="save"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'add an alert, with errors')
    await page.check('input[name="kind"][value="communication_need"]')
    await page.fill('#summary', 'Mother is Deaf: book a BSL interpreter for visits')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('[data-testid="alerts"]').textContent())
      .toContain('book a BSL interpreter')
    await expectAccessible(page, 'child record, alert shown')

    // A move to a refuge, marked confidential: shown to the worker, withheld from the front door.
    await page.click('[data-testid="add-address"]')
    await page.fill('#addressLine1', '22 Sallow Close')
    await page.fill('#postcode', 'SS17 9QT')
    await page.check('[data-testid="confidential"]')
    await expectAccessible(page, 'add an address, confidential ticked')
    await page.click('[data-testid="save"]')
    await expect
      .poll(() => page.locator('[data-testid="addresses"]').textContent())
      .toContain('22 Sallow Close')
    await expectAccessible(page, 'child record, confidential address shown to the worker')

    const frontDoor = await newPage(site)
    await signIn(frontDoor, 'screener')
    await frontDoor.goto(`/children/${child.id}`)
    await expect
      .poll(() => frontDoor.locator('[data-testid="address-withheld"]').first().textContent())
      .toContain('Confidential address')
    expect(await frontDoor.content()).not.toContain('Sallow Close')
    await expectAccessible(frontDoor, 'child record, confidential address withheld')
  })
})

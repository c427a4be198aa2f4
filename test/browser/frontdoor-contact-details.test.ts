/**
 * The contact's details in Chromium, with axe on each state: the police officer's form with the
 * adults and safety questions, its errors, check answers, sent, and the same form sent again; the
 * screener's form; and finding a described child, adding their record and coming back to link it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import { recordContact } from '../../src/modules/frontdoor/service.js'
import { actingAs } from '../support/actors.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
const db = () => site.testApp.database.db

beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const countContacts = async () =>
  Number(
    (
      await db()
        .selectFrom('contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('the police officer’s contact names the adults and says whether the child is safe', () => {
  it('form → another adult → errors → check answers → sent → sent again shows the first', async () => {
    const page = await newPage(site)
    await signIn(page, 'police')
    await page.goto('/partner/contacts/new')
    await page.fill('#child1Name', 'Tilly Garside')
    await page.fill('#reason', 'Officers attended a domestic incident overnight; Tilly was present.')
    await page.check('input[name="consent"][value="given"]')
    await page.fill('#adult1Name', 'Gemma Garside')
    await page.fill('#adult1Relationship', 'Mother')
    await page.click('[data-testid="add-adult"]')
    await expect.poll(() => page.locator('#adult2Name').count()).toBe(1)
    expect(await page.inputValue('#adult1Name')).toBe('Gemma Garside')
    await expect
      .poll(() => page.evaluate<string>("document.activeElement ? document.activeElement.id : ''"))
      .toBe('adult2Name')
    await page.fill('#adult2Name', 'Rhys Tanner')
    await page.fill('#adult2Relationship', 'Mother’s partner')
    await page.check('#adult2Perpetrator')
    await page.check('input[name="childSafeNow"][value="no"]')
    // The follow-up is revealed under its answer.
    await expect.poll(() => page.isVisible('#childSafeNo')).toBe(true)
    await expectAccessible(page, 'the police contact form with two adults')

    await page.click('[data-testid="continue"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter what puts the child at risk now, and what has been done')
    expect(await page.title()).toMatch(/^Error: /)
    await expectAccessible(page, 'the police contact form, with errors')

    await page.fill('#childSafeNo', 'Rhys Tanner has not been arrested and has a key to the house.')
    await page.check('input[name="interpreter"][value="yes"]')
    await page.fill('#interpreterLanguage', 'Romanian')
    await page.fill('#childWords', '“Rhys shouts at Mummy and I hide in the cupboard.”')
    await page.click('[data-testid="continue"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Check your answers before sending the contact')
    await expect
      .poll(() => page.locator('[data-testid="answers-adults"]').textContent())
      .toContain('Rhys Tanner (Mother’s partner): alleged perpetrator')
    await expectAccessible(page, 'check answers, with the adults and safety')

    // What the Back button brings back: the same check-answers form, kept to send again.
    const sendForm = await page
      .locator('form', { has: page.locator('[data-testid="send"]') })
      .evaluate((f) => f.outerHTML)
    const before = await countContacts()
    await page.click('[data-testid="send"]')
    await expect.poll(() => page.locator('h1').textContent()).toContain('Contact sent')
    expect(await countContacts()).toBe(before + 1)
    const contactUrl = page.url().replace(/\/sent$/, '')

    // The page's own origin, so the form posts as the Back button's page would.
    await page.evaluate(`(() => {
      const holder = document.createElement('div')
      holder.innerHTML = ${JSON.stringify(sendForm)}
      document.body.append(holder)
      holder.querySelector('[data-testid="send"]').click()
    })()`)
    await expect.poll(() => page.locator('h1').textContent()).toBe('This contact was already sent')
    expect(await countContacts()).toBe(before + 1)
    await expectAccessible(page, 'the contact already sent')
    await page.click('[data-testid="sent-record"]')
    await expect.poll(() => page.url()).toBe(contactUrl)
    await expect.poll(() => page.locator('[data-testid="the-concern"]').textContent()).toContain('Romanian')
    await expectAccessible(page, 'the partner’s contact with the concern')
  })
})

describe('the screener’s contact form', () => {
  it('asks the same questions, with the family’s records to link, and shows its errors', async () => {
    const page = await newPage(site, { javaScriptEnabled: false })
    await signIn(page, 'screener')
    await page.goto('/contacts/new')
    await expect.poll(() => page.locator('#adult1Name').count()).toBe(1)
    await expectAccessible(page, 'the screener’s contact form, without JavaScript')
    await page.fill('#adult1Name', 'Only a name')
    await page.check('input[name="childSafeNow"][value="yes"]')
    await page.click('[data-testid="save-contact"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter adult 1’s relationship to the child')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter what makes the child safe now')
    await expectAccessible(page, 'the screener’s contact form, with errors')
  })
})

describe('finding the child a contact describes', () => {
  it('searches with what the contact says, adds the record filled from it, and comes back to link it', async () => {
    const { actor, ctx } = await actingAs(db(), 'police')
    const { contactId, children } = await recordContact(
      { db: db(), clock: site.testApp.clock },
      actor,
      {
        details: contactDetailsSchema.parse({
          channel: 'partner_form',
          referralSource: '6',
          referrerName: 'DC Sam Turner',
          reason: 'A child was found alone at a bus stop late at night.',
          consent: 'not_sought_risk',
          consentReason: 'The parents could not be found.',
        }),
        receivedAt: new Date(Date.now() - 3_600_000),
        childIds: [],
        described: [
          { name: 'Juno Farraday', birth: '14 3 2019', address: '12 Sandpiper Close, Tilbury RM18 8QT' },
        ],
      },
      ctx,
    )
    const triage = `/contacts/${contactId}/children/${children[0]?.contactChildId}`
    const page = await newPage(site)
    await signIn(page, 'screener')
    await page.goto(triage)
    expect(await page.inputValue('#childQuery')).toBe('Juno Farraday')
    expect(await page.inputValue('#dateOfBirth-year')).toBe('2019')
    expect(await page.inputValue('#postcode')).toBe('RM18 8QT')
    await expectAccessible(page, 'find the child, filled from the contact')
    await page.click('[data-testid="find-child"]')
    await expect.poll(() => page.locator('main').textContent()).toContain('0 records found')

    await page.click('[data-testid="add-child-record"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a child')
    expect(await page.inputValue('#givenName')).toBe('Juno')
    expect(await page.inputValue('#familyName')).toBe('Farraday')
    expect(await page.inputValue('#postcode')).toBe('RM18 8QT')
    await expectAccessible(page, 'the new record, filled from the contact')
    await page.check('input[name="kind"][value="child"]')
    await page.check('input[name="sex"][value="F"]')
    await page.selectOption('#upnUnknownReason', 'UN6')
    await page.fill('#addressTown', 'Tilbury')
    await page.click('[data-testid="continue"]')
    await page.click('[data-testid="save"]')

    await expect.poll(() => page.url()).toContain(`${triage}?childId=`)
    await expect.poll(() => page.locator('[data-testid="child-added"]').count()).toBe(1)
    await expectAccessible(page, 'back on the contact with the record added')
    await page.click('[data-testid="link-child"]')
    await expect.poll(() => page.locator('h1').textContent()).toContain('Juno Farraday')
    await expectAccessible(page, 'the child linked, in triage')
  })
})

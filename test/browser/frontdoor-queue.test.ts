/**
 * The MASH queue at volume in the browser: paging with the filters kept, taking a contact, the
 * police notifications page with children held back from a bulk decision, and Operation
 * Encompass's record. Axe on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import type { PoliceRisk } from '../../src/modules/frontdoor/police-notifications.js'
import { recordContact } from '../../src/modules/frontdoor/service.js'
import { actingAs } from '../support/actors.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
const db = () => site.testApp.database.db
const deps = () => ({ db: db(), clock: site.testApp.clock })

async function child(given: string, family: string, dob: string) {
  const { id } = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: given, family_name: family, date_of_birth: dob, sex: 'U' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

async function contact(
  source: string,
  children: { ids?: number[]; described?: string },
  receivedAt: Date,
  policeRisk: PoliceRisk | null = null,
) {
  const { actor, ctx } = await actingAs(db(), 'screener')
  const police = source === '6'
  return recordContact(
    deps(),
    actor,
    {
      details: contactDetailsSchema.parse({
        channel: police ? 'police_notification' : 'phone',
        referralSource: source,
        referrerName: police ? 'PC Dana Reeve' : 'A caller',
        reason: police ? 'Domestic abuse notification: children in the home.' : 'A caller is worried.',
        presentingNeeds: police ? ['3B'] : [],
        consent: 'not_sought_risk',
        consentReason: 'Police notification under the information-sharing agreement.',
      }),
      receivedAt,
      childIds: children.ids ?? [],
      described: children.described ? [{ name: children.described, birth: null, address: null }] : [],
      ...(police ? { domesticAbuse: true, policeRisk } : {}),
    },
    ctx,
  )
}

let encompass: { contactId: number; contactChildId: number }

beforeAll(async () => {
  site = await openSite()
  const start = Date.now() - 2 * 86_400_000
  for (let i = 0; i < 104; i++)
    await contact(
      '9',
      { described: `Anon Child ${String(i).padStart(3, '0')}` },
      new Date(start + i * 60_000),
    )
  await contact(
    '6',
    { ids: [await child('Bea', 'Highcombe', '2013-03-03')] },
    new Date(Date.now() - 7_200_000),
    {
      dashRisk: 'high',
      maracReferral: true,
      injuryMentioned: false,
    },
  )
  await contact(
    '6',
    { ids: [await child('Ada', 'Plainfield', '2014-01-15')] },
    new Date(Date.now() - 7_200_000),
    {
      dashRisk: 'standard',
      maracReferral: false,
      injuryMentioned: false,
    },
  )
  const pupil = await contact(
    '6',
    { ids: [await child('Jude', 'Keyworth', '2015-10-10')] },
    new Date(Date.now() - 3_600_000),
  )
  encompass = { contactId: pupil.contactId, contactChildId: pupil.children[0]!.contactChildId }
}, 180_000)
afterAll(async () => site?.close())

describe('the MASH queue at volume', () => {
  it('pages with its filters kept, takes a contact, and leads back to the same page', async () => {
    const page = await newPage(site)
    await signIn(page, 'screener')
    await page.goto('/mash?source=9&sort=received')
    await expect
      .poll(() => page.locator('.moj-pagination__results').first().textContent())
      .toContain('Showing 1 to 100')
    await expectAccessible(page, 'the MASH queue, first page')

    await page.locator('.govuk-pagination__next a').first().click()
    await expect.poll(() => page.url()).toContain('/mash?source=9&sort=received&page=2')
    await expect.poll(() => page.locator('h1').textContent()).toBe('MASH queue')
    expect(await page.title()).toContain('page 2 of 2')
    expect(await page.inputValue('#source')).toBe('9')
    await expectAccessible(page, 'the MASH queue, second page')

    const row = page.locator('[data-testid="mash-queue"] tbody tr').filter({ hasText: 'Anon Child 103' })
    await row.getByRole('button', { name: /Take/ }).click()
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('You have taken this contact')
    await expect.poll(() => page.url()).toContain('page=2')
    await expect.poll(() => row.textContent()).toMatch(/Taken by Priya Shah at \d{1,2}:\d{2}(am|pm)/)
    await expectAccessible(page, 'the MASH queue with a taken item')

    await row.getByRole('link', { name: 'Anon Child 103' }).click()
    await expect
      .poll(() => page.locator('[data-testid="claim-holder"]').textContent())
      .toContain('Taken by Priya Shah')
    await expectAccessible(page, 'triage of a taken contact')
    await page.click('[data-testid="back-to-queue"]')
    await expect.poll(() => page.url()).toContain('/mash?source=9&sort=received&page=2')
    await page.close()
  })
})

describe('police notifications', () => {
  it('holds back a high-risk child from the bulk decision, saying why', async () => {
    const page = await newPage(site)
    await signIn(page, 'mash.sw')
    await page.goto('/contacts/police-notifications')
    const high = page.locator('tr').filter({ hasText: 'Bea Highcombe' })
    await expect
      .poll(() => high.textContent())
      .toContain('Goes to individual triage: the police assessed the risk as high (DASH).')
    expect(await high.locator('input[type="checkbox"]').count()).toBe(0)
    expect(
      await page
        .locator('tr')
        .filter({ hasText: 'Ada Plainfield' })
        .locator('input[type="checkbox"]')
        .count(),
    ).toBe(1)
    await expectAccessible(page, 'police notifications with a child held back')
    await page.close()
  })

  it('records that the school was told (Operation Encompass)', async () => {
    const page = await newPage(site)
    await signIn(page, 'screener')
    await page.goto(`/contacts/${encompass.contactId}/children/${encompass.contactChildId}`)
    await expect
      .poll(() => page.locator('[data-testid="encompass"]').textContent())
      .toContain('Operation Encompass')
    await expectAccessible(page, 'triage with the Operation Encompass form')
    await page.click('[data-testid="record-school-notice"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the name of the school')
    expect(await page.title()).toMatch(/^Error: /)
    await expectAccessible(page, 'the Operation Encompass form with errors')
    await page.fill('#school', 'Riverside Primary School')
    await page.fill('#toldPerson', 'Mrs Okoro, designated safeguarding lead')
    const now = new Date()
    const [y, m, d] = now.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-')
    await page.fill('#told-day', String(Number(d)))
    await page.fill('#told-month', String(Number(m)))
    await page.fill('#told-year', String(y))
    await page.fill(
      '#told-time',
      now.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }),
    )
    await page.check('input[name="method"][value="phone"]')
    await page.click('[data-testid="record-school-notice"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Recorded that the school was told')
    await expect
      .poll(() => page.locator('[data-testid="encompass"]').textContent())
      .toContain('Riverside Primary School')
    await expectAccessible(page, 'triage with the school told')
    await page.close()
  })
})

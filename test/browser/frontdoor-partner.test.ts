import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import { recordContact } from '../../src/modules/frontdoor/service.js'
import { actingAs } from '../support/actors.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
const db = () => site.testApp.database.db
const deps = () => ({ db: db(), clock: site.testApp.clock })

// The demo police officer works for Essex Police: the demo seed links the account.
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('a police officer makes a contact about two siblings', () => {
  it.each([true, false])(
    'form → add a child → error → check answers → sent → agency contacts → the contact (JavaScript on: %s)',
    async (javaScriptEnabled) => {
      const page = await newPage(site, { javaScriptEnabled })
      // With JavaScript off, axe checks a copy of the page as it stands (support.ts).
      const accessible = (state: string) => expectAccessible(page, state)
      const family = javaScriptEnabled ? 'Wickersley' : 'Fairbourne'
      await signIn(page, 'police')
      await page.goto('/partner/contacts/new')
      await expect.poll(() => page.locator('h1').textContent()).toBe('Make a contact to the front door')
      await expect
        .poll(() => page.locator('[data-testid="partner-profile"]').textContent())
        .toContain('Essex Police')
      expect(await page.inputValue('#referralSource')).toBe('6')
      expect(await page.inputValue('#received-year')).toMatch(/^20\d\d$/)
      await accessible('the contact form')

      await page.fill('#child1Name', `Maisie ${family}`)
      await page.fill('#child1Birth', '3 5 2017')
      await page.click('[data-testid="add-child"]')
      await expect.poll(() => page.locator('#child2Name').count()).toBe(1)
      expect(await page.inputValue('#child1Name')).toBe(`Maisie ${family}`)
      // The focus is on the new child's first field, where the officer carries on typing.
      await expect
        .poll(() => page.evaluate<string>("document.activeElement ? document.activeElement.id : ''"))
        .toBe('child2Name')
      await accessible('the contact form, a second child')

      await page.fill('#child2Birth', 'about 4')
      await page.check('input[name="presentingNeeds"][value="3B"]')
      await page.check('input[name="consent"][value="not_sought_risk"]')
      await page.fill('#consentReason', 'Asking the mother would alert the alleged perpetrator.')
      await page.click('[data-testid="continue"]')
      await expect
        .poll(() => page.locator('.govuk-error-summary').textContent())
        .toContain('child 2’s full name')
      expect(await page.title()).toMatch(/^Error: /)
      await expect
        .poll(() => page.locator('.govuk-error-summary').textContent())
        .toContain('Enter what has happened and why you are worried')
      await expect
        .poll(() => page.locator('.govuk-error-summary').textContent())
        .toContain('Select whether the child is safe now')
      expect(await page.inputValue('#child2Birth')).toBe('about 4')
      expect(await page.isChecked('input[name="consent"][value="not_sought_risk"]')).toBe(true)
      await accessible('the contact form, with errors')

      await page.click('.govuk-error-summary a[href="#child2Name"]')
      await page.fill('#child2Name', `Alfie ${family}`)
      await page.check('input[name="childSafeNow"][value="not_known"]')
      await page.fill(
        '#reason',
        'Officers attended a domestic incident overnight. Both children were in the home.',
      )
      await page.click('[data-testid="continue"]')
      await expect
        .poll(() => page.locator('h1').textContent())
        .toBe('Check your answers before sending the contact')
      await expect.poll(() => page.locator('main').textContent()).toContain(`Alfie ${family}`)
      await accessible('check your answers')

      await page.click('[data-testid="send"]')
      await expect
        .poll(() => page.locator('[data-testid="sent-panel"]').textContent())
        .toContain('Contact sent')
      const reference = (await page.locator('[data-testid="reference"]').textContent()) ?? ''
      expect(reference).toMatch(/^C-\d{6}$/)
      await accessible('contact sent')

      await page.click('a[href="/partner/contacts"]')
      await expect.poll(() => page.locator('h1').textContent()).toBe('Your agency’s contacts')
      const table = page.locator('[data-testid="agency-contacts"]')
      await expect.poll(() => table.textContent()).toContain(reference)
      await expect.poll(() => table.textContent()).toContain(`Alfie ${family}`)
      await expect.poll(() => table.textContent()).toContain('With the front door')
      await accessible("your agency's contacts")

      await page.click(`a:text("${reference}")`)
      await expect.poll(() => page.locator('h1').textContent()).toBe(`Contact ${reference}`)
      await expect.poll(() => page.locator('[data-testid="contact-child"]').count()).toBe(2)
      await accessible('one contact')
      await page.context().close()
    },
  )
})

describe('the keyboard on the contact form', () => {
  it('Enter in a field continues (checks the answers) rather than adding a child', async () => {
    const page = await newPage(site)
    await signIn(page, 'police')
    await page.goto('/partner/contacts/new')
    await page.fill('#child1Name', 'Rosie Enterkey')
    await page.press('#child1Name', 'Enter')
    // Continue checks the answers: the other required answers are missing, so the errors show.
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('#child2Name').count()).toBe(0)
    expect(await page.inputValue('#child1Name')).toBe('Rosie Enterkey')
    await expectAccessible(page, 'the contact form after Enter')
    await page.context().close()
  })
})

describe('the MASH decides police notifications together', () => {
  it('list → error → recommended → the manager authorises them together → the feedback task on the worker’s list, with axe on each', async () => {
    const { actor: screener, ctx } = await actingAs(db(), 'screener')
    const { id: childId } = await db()
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: 'Orla',
        family_name: 'Brackenbury',
        date_of_birth: '2016-06-06',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordContact(
      deps(),
      screener,
      {
        details: contactDetailsSchema.parse({
          channel: 'police_notification',
          referralSource: '6',
          referrerName: 'PC Dana Reeve',
          reason: 'Domestic abuse notification: verbal argument, child asleep upstairs.',
          presentingNeeds: ['3B'],
          consent: 'not_sought_risk',
          consentReason: 'Police notification under the information-sharing agreement.',
        }),
        receivedAt: new Date(Date.now() - 3_600_000),
        childIds: [childId],
        described: [],
        domesticAbuse: true,
      },
      ctx,
    )
    const page = await newPage(site)
    await signIn(page, 'mash.sw')
    await page.goto('/contacts/police-notifications')
    await expect
      .poll(() => page.locator('[data-testid="police-notifications"]').textContent())
      .toContain('Orla Brackenbury')
    await expectAccessible(page, 'police notifications')

    await page.check('#contactChildIds')
    await page.check('input[name="decision"][value="no_further_action"]')
    await page.click('[data-testid="decide"]')
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('level of need')
    expect(await page.isChecked('#contactChildIds')).toBe(true)
    await expectAccessible(page, 'police notifications, with errors')

    await page.check('input[name="thresholdLevel"][value="1"]')
    await page.check('input[name="rag"][value="green"]')
    await page.fill('#decisionReason', 'Single verbal argument, no history, child not harmed.')
    await page.fill(
      '#rationale',
      'No history, no injury, standard risk: a letter to the mother with DA support services.',
    )
    await page.click('[data-testid="decide"]')
    await expect
      .poll(() => page.locator('[data-testid="decided-panel"]').textContent())
      .toContain('1 child waiting for a manager')
    await expectAccessible(page, 'recommendations sent for authorisation')
    await page.context().close()

    // The MASH manager ticks it on the queue and authorises it with their oversight note.
    const manager = await newPage(site)
    await signIn(manager, 'mash.manager')
    await manager.goto('/mash/authorisation')
    const row = manager.locator('tr').filter({ hasText: 'Orla Brackenbury' })
    await expect.poll(() => row.textContent()).toContain('No further action')
    await row.locator('input[type="checkbox"]').check()
    await manager.click('[data-testid="authorise-together"]')
    await expect
      .poll(() => manager.locator('.govuk-error-summary').textContent())
      .toContain('Enter the management oversight note')
    expect(await row.locator('input[type="checkbox"]').isChecked()).toBe(true)
    await expectAccessible(manager, 'decisions to authorise, with errors')
    await manager.fill(
      '#oversightNote',
      'One notification, no history or injury: no further action with a letter is proportionate.',
    )
    await manager.click('[data-testid="authorise-together"]')
    await expect
      .poll(() => manager.locator('[data-testid="authorised-banner"]').textContent())
      .toContain('1 decision authorised')
    await expectAccessible(manager, 'decisions to authorise, after authorising')
    await manager.context().close()

    // Telling the police the outcome is now on the MASH social worker's list.
    const worker = await newPage(site)
    await signIn(worker, 'mash.sw')
    await worker.goto('/worklist')
    await expect.poll(() => worker.locator('main').textContent()).toContain('Tell the referrer the outcome')
    await worker.context().close()
  })
})

/**
 * The front door's whole journey in Chromium, with axe on every page: a police officer submits a
 * contact about two siblings → a screener finds each child, gathers information and sets the level
 * and urgency → a MASH social worker decides each child → the team manager allocates the referral
 * → the social worker sees the assessment visit on their worklist → the child's record shows the
 * chronology.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { londonDate, longDate } from '../../src/platform/calendar/dates.js'
import { expectAccessible, newPage, openSite, signIn, signOut, type Site } from './support.js'

let site: Site
const db = () => site.testApp.database.db

beforeAll(async () => {
  site = await openSite()
  // Two siblings already on the records (from an earlier contact) whom the police will describe.
  for (const [given, dob] of [
    ['Marnie', '2015-04-11'],
    ['Jude', '2018-10-02'],
  ] as const) {
    const { id } = await db()
      .insertInto('person')
      .values({ kind: 'child', given_name: given, family_name: 'Ostwick', date_of_birth: dob, sex: 'F' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('person_address')
      .values({ person_id: id, line_1: '8 Quarry Lane', town: 'Grays', postcode: 'RM17 5QX', from_date: dob })
      .execute()
  }
  // The demo police officer works for a police force (the demo seed links one; make sure here).
  const police = await db()
    .selectFrom('app_user')
    .select(['id', 'agency_id'])
    .where('username', '=', 'police')
    .executeTakeFirstOrThrow()
  if (police.agency_id === null) {
    const agency =
      (await db().selectFrom('agency').select('id').where('kind', '=', 'police').executeTakeFirst()) ??
      (await db()
        .insertInto('agency')
        .values({ name: 'Essex Police', kind: 'police', referral_source: '6' })
        .returning('id')
        .executeTakeFirstOrThrow())
    await db().updateTable('app_user').set({ agency_id: agency.id }).where('id', '=', police.id).execute()
  }
})
afterAll(async () => site?.close())

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().textContent())?.trim() ?? ''
}

// One journey in steps, each its own test on the same page, so a slow machine gives each step its
// own time and a failure names the step it happened in. Each step needs the ones before it.
describe('a contact about two siblings, from the police to an allocated social worker', () => {
  let page: Page
  let chosen: string | null = null

  it('1. the police officer submits the contact through the partner form', async () => {
    page = await newPage(site)
    await signIn(page, 'police')
    await page.click('[data-testid="make-contact"]')
    await expect.poll(() => page.locator('[data-testid="partner-contact-form"]').count()).toBe(1)
    await expectAccessible(page, 'partner contact form')
    await page.fill('#child1Name', 'Marnie Ostwick')
    await page.fill('#child1Birth', '11 4 2015')
    await page.fill('#child1Address', '8 Quarry Lane, Grays')
    await page.click('[data-testid="add-child"]')
    await expect.poll(() => page.locator('#child2Name').count()).toBe(1)
    await page.fill('#child2Name', 'Jude Ostwick')
    await page.fill('#child2Birth', 'about 8')
    await page.fill(
      '#reason',
      'Officers attended a domestic incident at 8 Quarry Lane at 01:30. Both children were in the house; the mother had a facial injury.',
    )
    await page.check('input[name="presentingNeeds"][value="3B"]')
    await page.check('input[name="consent"][value="not_sought_risk"]')
    await page.fill('#consentReason', 'The suspect lives at the address.')
    await page.check('input[name="childSafeNow"][value="no"]')
    await page.fill('#childSafeNo', 'The suspect was still at the address when officers left.')
    await page.click('[data-testid="continue"]')
    await expect.poll(() => page.locator('[data-testid="send"]').count()).toBe(1)
    await expectAccessible(page, 'partner contact, check answers')
    await page.click('[data-testid="send"]')
    await expect.poll(() => page.locator('[data-testid="sent-panel"]').count()).toBe(1)
    await expectAccessible(page, 'partner contact sent')
    await signOut(page)
  })

  it('2. the screener finds each child’s record, gathers information and rates each child', async () => {
    await signIn(page, 'screener')
    await page.goto('/mash?status=awaiting_match')
    await expect
      .poll(() => page.locator('[data-testid="mash-queue"]').textContent())
      .toContain('Marnie Ostwick')
    await expectAccessible(page, 'MASH queue, children to be found')
    for (const [name, level, rag, recommendation] of [
      ['Marnie Ostwick', '4', 'red', 'strategy_discussion'],
      ['Jude Ostwick', '2', 'amber', 'early_help'],
    ] as const) {
      await page.goto('/mash?status=awaiting_match')
      await page.click(`[data-testid="mash-queue"] a:has-text("${name}")`)
      await expect.poll(() => heading(page)).toContain('Find the child')
      await expectAccessible(page, `find the child: ${name}`)
      await page.click('[data-testid="find-form"] button')
      await expect.poll(() => page.locator('[data-testid="found-children"]').textContent()).toContain(name)
      await expectAccessible(page, `search results: ${name}`)
      await page.click(`[data-testid="found-children"] li:has-text("${name}") button`)
      await expect.poll(() => heading(page)).toBe(name)
      await expect.poll(() => page.locator('[data-testid="decision-clocks"]').count()).toBe(1)
      await expectAccessible(page, `triage: ${name}`)

      if (level === '4') {
        await page.click('summary:has-text("Add information from an agency")')
        await page.check('input[name="agencyKind"][value="education"]')
        await page.fill('#informant', 'Designated safeguarding lead, Quarry Primary')
        await page.fill('#information', 'Marnie has been late most days this term and was upset on Friday.')
        await page.click('[data-testid="check-form"] button')
        await expect
          .poll(() => page.locator('.govuk-inset-text').first().textContent())
          .toContain('Quarry Primary')
      }
      await page.click('[data-testid="rating-form"] button') // nothing chosen yet
      await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
      await expectAccessible(page, `triage with an error: ${name}`)
      await page.check(`input[name="thresholdLevel"][value="${level}"]`)
      await page.check(`input[name="rag"][value="${rag}"]`)
      await page.selectOption('#recommendation', recommendation)
      await page.click('[data-testid="rating-form"] button')
      await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(0)
      await expect.poll(() => page.textContent('body')).toContain(`Level ${level}`)
    }
    await signOut(page)
  })

  it('3. the MASH social worker recommends a decision on each child, with their analysis', async () => {
    await signIn(page, 'mash.sw')
    await page.goto('/mash')
    await expectAccessible(page, 'MASH queue, rated')
    await page.click('[data-testid="mash-queue"] a:has-text("Marnie Ostwick")')
    await page.click('[data-testid="decide"]')
    await expect.poll(() => heading(page)).toContain('Recommend a decision for Marnie Ostwick')
    await expectAccessible(page, 'recommendation form')
    await page.click('[data-testid="record-decision"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter your analysis')
    await expectAccessible(page, 'recommendation form with errors')
    await page.check('input[name="decision"][value="strategy_discussion"]')
    await page.selectOption('#teamId', { label: 'Assessment team' })
    await page.fill(
      '#rationale',
      'Injury to the mother with both children present: strategy discussion today.',
    )
    await page.click('[data-testid="record-decision"]')
    await expect.poll(() => page.locator('[data-testid="awaiting-authorisation"]').count()).toBe(1)
    await expectAccessible(page, 'triage awaiting authorisation')

    await page.goto('/mash')
    await page.click('[data-testid="mash-queue"] a:has-text("Jude Ostwick")')
    await page.click('[data-testid="decide"]')
    await page.check('input[name="decision"][value="early_help"]')
    await page.fill(
      '#rationale',
      'Younger sibling: early help with the family support worker; review if police attend again.',
    )
    await page.click('[data-testid="record-decision"]')
    await expect.poll(() => page.locator('[data-testid="awaiting-authorisation"]').count()).toBe(1)
    await signOut(page)
  })

  it('4. the MASH manager authorises both, with the management oversight note', async () => {
    await signIn(page, 'mash.manager')
    for (const [name, note] of [
      ['Marnie Ostwick', 'Agreed: injury with the children present; police and health to join today.'],
      ['Jude Ostwick', 'Agreed: early help with the family support worker, reviewed with Marnie’s case.'],
    ] as const) {
      await page.goto('/mash/authorisation')
      await expectAccessible(page, `decisions to authorise: ${name}`)
      await page.click(`[data-testid="authorisation-queue"] a:has-text("${name}")`)
      await expectAccessible(page, `authorisation: ${name}`)
      await page.check('input[name="outcome"][value="authorise"]')
      await page.fill('#oversightNote', note)
      await page.click('[data-testid="save-authorisation"]')
      await expect.poll(() => page.locator('[data-testid="decision-summary"]').count()).toBe(1)
      await expect.poll(() => page.textContent('body')).toContain('Management oversight')
    }
    await expectAccessible(page, 'triage after the decision')
    await signOut(page)
  })

  it('5. the team manager allocates the referral', async () => {
    await signIn(page, 'team.manager')
    await expect.poll(() => page.locator('[data-testid="allocation-summary"]').count()).toBe(1)
    await page.click('[data-testid="allocation-summary"] a')
    await expectAccessible(page, 'referrals to allocate')
    await page.click('[data-testid="referrals"] a:has-text("Marnie Ostwick")')
    await expectAccessible(page, 'referral')
    await page.click('[data-testid="allocate"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'referral, allocation error')
    await page.check('input[name="workerId"] >> nth=0')
    chosen = await page.locator('input[name="workerId"]:checked + label').textContent()
    await page.click('[data-testid="allocate"]')
    await expect.poll(() => page.textContent('body')).toContain('Allocated')
    // The manager is told who has the case and what is now on their worklist, and the page shows
    // the concern the referral came with.
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').textContent())
      .toContain('referral allocated to')
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
      'their task: ‘Visit the child and start the child and family assessment’ due by',
    )
    const concern = (await page.locator('[data-testid="concern"]').textContent()) ?? ''
    for (const detail of [
      'Officers attended a domestic incident',
      'Level 4',
      'Red',
      'Agreed: injury with the children present',
    ])
      expect(concern).toContain(detail)
    await expectAccessible(page, 'referral allocated, with the confirmation')
    await signOut(page)
  })

  it('6. the allocated social worker sees it on their worklist and reads the chronology', async () => {
    const worker = await db()
      .selectFrom('referral as r')
      .innerJoin('app_user as u', 'u.id', 'r.worker_id')
      .innerJoin('person as p', 'p.id', 'r.child_id')
      .select(['u.username', 'u.display_name', 'p.id as childId'])
      .where('p.given_name', '=', 'Marnie')
      .where('p.family_name', '=', 'Ostwick')
      .executeTakeFirstOrThrow()
    expect(chosen).toContain(worker.display_name)
    const task = await db()
      .selectFrom('task')
      .select(['due_at', 'assigned_user_id'])
      .where('child_id', '=', worker.childId)
      .where('clock_code', '=', 'assessment-from-referral-45wd')
      .where('stopped_at', 'is', null)
      .executeTakeFirstOrThrow()
    await signIn(page, worker.username)
    // The next statutory step is on their worklist, with its clock, linked to the child's record.
    const row = page.locator('[data-testid="worklist"] tr', {
      hasText: 'Visit the child and start the child and family assessment',
    })
    await expect.poll(() => row.count()).toBe(1)
    const due = longDate(londonDate(task.due_at.getTime()))
    expect(await row.textContent()).toContain(due)
    expect(await row.locator('a:has-text("Marnie Ostwick")').getAttribute('href')).toBe(
      `/children/${worker.childId}`,
    )
    await expectAccessible(page, 'worker’s worklist with the assessment visit')
    await page.goto(`/children/${worker.childId}`)
    const chronology = page.locator('.moj-timeline')
    await expect.poll(() => chronology.textContent()).toContain('Contact received from police')
    const text = (await chronology.textContent()) ?? ''
    for (const step of [
      'Screened: level 4 need, red urgency',
      'Decision: strategy discussion',
      'Referral allocated to',
    ])
      expect(text).toContain(step)
    await expectAccessible(page, 'child’s record with the chronology')
    await signOut(page)
  })

  it('7. the police officer sees their agency’s contact and each child’s progress', async () => {
    await signIn(page, 'police')
    await page.goto('/partner/contacts')
    await expect
      .poll(() => page.locator('[data-testid="agency-contacts"]').textContent())
      .toContain('Jude Ostwick')
    await expectAccessible(page, 'agency’s contacts')
    await page.context().close()
  })
})

describe('questions revealed under a choice', () => {
  /** The decision page of a demo contact waiting for its decision (rated, its child found). */
  async function decisionPage(): Promise<string> {
    const row = await db()
      .selectFrom('contact_child as cc')
      .innerJoin('person as p', 'p.id', 'cc.child_id')
      .select(['cc.id', 'cc.contact_id'])
      .where('cc.status', '=', 'in_triage')
      .where('cc.rag', 'is not', null)
      .where('p.restricted', '=', false)
      .where('p.family_name', '!=', 'Ostwick')
      .orderBy('cc.id')
      .executeTakeFirstOrThrow()
    return `/contacts/${row.contact_id}/children/${row.id}/decision`
  }

  it('with JavaScript, hides the home authority and the emergency duty team’s action until their choice is made', async () => {
    const page = await newPage(site)
    const authority = page.locator('#transferAuthority')
    await signIn(page, 'mash.sw')
    await page.goto(await decisionPage())
    await expect.poll(() => heading(page)).toContain('Recommend a decision for')
    expect(await authority.isVisible()).toBe(false)
    await expectAccessible(page, 'decision, no transfer chosen')
    await page.check('input[name="decision"][value="transfer"]')
    await expect.poll(() => authority.isVisible()).toBe(true)
    await expectAccessible(page, 'decision, transfer chosen')
    await page.check('input[name="decision"][value="early_help"]')
    await expect.poll(() => authority.isVisible()).toBe(false)

    // A transfer without the authority comes back with the transfer chosen and its question shown.
    await page.check('input[name="decision"][value="transfer"]')
    await page.fill('#rationale', 'The family moved away last month.')
    await page.click('[data-testid="record-decision"]')
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain("Enter the child's home authority")
    expect(await page.isChecked('input[name="decision"][value="transfer"]')).toBe(true)
    expect(await authority.isVisible()).toBe(true)
    await expectAccessible(page, 'decision, transfer with no authority')
    await page.click('.govuk-error-summary a[href="#transferAuthority"]')
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.id'))
      .toBe('transferAuthority')
    // The answers shown again were kept as a draft: coming back to the page shows them, until
    // deleted (or sent).
    await page.goto(page.url())
    await expect.poll(() => page.locator('[data-testid="draft-restored"]').count()).toBe(1)
    expect(await page.isChecked('input[name="decision"][value="transfer"]')).toBe(true)
    expect(await page.inputValue('#rationale')).toBe('The family moved away last month.')
    await expectAccessible(page, 'decision, draft restored')
    await page.click('[data-testid="discard-draft"]')
    await expect.poll(() => page.locator('[data-testid="draft-restored"]').count()).toBe(0)
    expect(await page.isChecked('input[name="decision"][value="transfer"]')).toBe(false)
    await signOut(page)

    const action = page.locator('#outOfHoursAction')
    await signIn(page, 'screener')
    await page.goto('/contacts/new')
    await expect.poll(() => heading(page)).toBe('Record a contact')
    expect(await action.isVisible()).toBe(false)
    await page.check('#outOfHours')
    await expect.poll(() => action.isVisible()).toBe(true)
    await expectAccessible(page, 'new contact, out of hours ticked')
    await page.uncheck('#outOfHours')
    await expect.poll(() => action.isVisible()).toBe(false)
    await page.context().close()
  })

  it('without JavaScript, shows each under its choice', async () => {
    const page = await newPage(site, { javaScriptEnabled: false })
    await signIn(page, 'mash.sw')
    await page.goto(await decisionPage())
    await expect.poll(() => heading(page)).toContain('Recommend a decision for')
    expect(await page.isChecked('input[name="decision"][value="transfer"]')).toBe(false)
    expect(await page.locator('#transferAuthority').isVisible()).toBe(true)
    // It sits under the transfer decision, so its label reads as that decision's question.
    expect(
      await page.locator('#conditional-decision-7 label[for="transferAuthority"]').textContent(),
    ).toContain('The child’s home authority')
    expect(await page.locator('label[for="decision-7"]').textContent()).toContain('Transfer')
    await expectAccessible(page, 'decision, without JavaScript')
    await signOut(page)

    await signIn(page, 'screener')
    await page.goto('/contacts/new')
    await expect.poll(() => heading(page)).toBe('Record a contact')
    expect(await page.isChecked('#outOfHours')).toBe(false)
    expect(await page.locator('#outOfHoursAction').isVisible()).toBe(true)
    await expectAccessible(page, 'new contact, without JavaScript')
    await page.context().close()
  })
})

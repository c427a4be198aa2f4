/**
 * Issue 12's journey in Chromium, with axe on every page: a police notification about two
 * siblings, one of them allocated (that one goes to the allocated worker) and one not; the
 * screener links a school's duplicate contact to it; the MASH social worker recommends a strategy
 * discussion; the MASH manager returns it; it is recommended again; the manager authorises it; the
 * receiving team's manager records the strategy discussion as held.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import { rateContactChild, recordContact } from '../../src/modules/frontdoor/service.js'
import { systemClock } from '../../src/platform/calendar/clock.js'
import { actingAs } from '../support/actors.js'
import { openCaseWith } from '../support/frontdoor.js'
import { expectAccessible, newPage, openSite, signIn, signOut, type Site } from './support.js'

let site: Site
const db = () => site.testApp.database.db
const deps = () => ({ db: db(), clock: systemClock })

async function child(given: string, dob: string) {
  const { id } = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: given, family_name: 'Haddow', date_of_birth: dob, sex: 'M' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

async function contact(childIds: number[], source: '6' | '2A', hoursAgo: number, reason: string) {
  const { actor, ctx } = await actingAs(db(), 'screener')
  return recordContact(
    deps(),
    actor,
    {
      details: contactDetailsSchema.parse({
        channel: source === '6' ? 'police_notification' : 'phone',
        referralSource: source,
        referrerName: source === '6' ? 'PC Ali Khan' : 'Sam Ward',
        reason,
        consent: 'not_sought_risk',
        consentReason: 'Asking the father would put the children at risk.',
      }),
      receivedAt: new Date(Date.now() - hoursAgo * 3_600_000),
      childIds,
      described: [],
    },
    ctx,
  )
}

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? ''

beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => {
  await site?.close()
})

describe('a front-door decision with a second pair of eyes', () => {
  it('goes from two siblings’ police notification to a strategy discussion held, by way of a return', async () => {
    const ewan = await child('Ewan', '2016-06-01')
    const finn = await child('Finn', '2014-02-02')
    // Finn's case is open with the demo social worker: a contact about him goes to her.
    await openCaseWith(db(), finn)
    const police = await contact(
      [ewan, finn],
      '6',
      3,
      'Police attended a domestic incident overnight; Ewan has a mark on his cheek.',
    )
    const routed = police.children.find((c) => c.childId === finn)
    expect(routed?.route).toBe('routed_to_allocated_worker')
    const ewanOnPolice = police.children.find((c) => c.childId === ewan)?.contactChildId as number
    const school = await contact([ewan], '2A', 1, 'Ewan told his teacher his dad hit him last night.')
    const schoolCc = school.children[0]?.contactChildId as number
    const triage = (contactId: number, cc: number) => `/contacts/${contactId}/children/${cc}`
    const policeTriage = triage(police.contactId, ewanOnPolice)

    // The screener links the school's contact to the police one: one decision covers both.
    const page = await newPage(site)
    await signIn(page, 'screener')
    await page.goto(triage(school.contactId, schoolCc))
    await page.click('[data-testid="link-details"] summary')
    await page.check(`input[name="linkedToId"][value="${ewanOnPolice}"]`)
    await page.fill('#linkReason', 'The school is reporting the incident the police attended.')
    await page.click('[data-testid="link-form"] button')
    await expect.poll(() => text(page, '[data-testid="linked-to"]')).toContain('decided with it')
    await expectAccessible(page, 'the school’s contact linked to the police contact')
    await signOut(page)
    const { actor, ctx } = await actingAs(db(), 'screener')
    await rateContactChild(
      deps(),
      actor,
      ewanOnPolice,
      { thresholdLevel: '4', rag: 'red', recommendation: null },
      ctx,
    )
    const team = await db()
      .selectFrom('team')
      .select('id')
      .where('name', '=', 'Assessment team')
      .executeTakeFirstOrThrow()

    // The MASH social worker recommends a strategy discussion.
    await signIn(page, 'mash.sw')
    await page.goto(`${policeTriage}/decision`)
    await expectAccessible(page, 'the recommendation form')
    await page.check('input[name="decision"][value="strategy_discussion"]')
    await page.selectOption('#teamId', String(team.id))
    await page.click('[data-testid="record-decision"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'the recommendation form with errors')
    await page.fill(
      '#rationale',
      'A mark on the face and a disclosure of being hit: significant harm is likely.',
    )
    await page.click('[data-testid="record-decision"]')
    await expect.poll(() => page.locator('[data-testid="awaiting-authorisation"]').count()).toBe(1)
    await expectAccessible(page, 'triage awaiting authorisation')
    await signOut(page)

    // The MASH manager returns it from the queue.
    await signIn(page, 'mash.manager')
    await page.goto('/mash/authorisation')
    await expect.poll(() => text(page, '[data-testid="authorisation-queue"]')).toContain('Ewan Haddow')
    await expectAccessible(page, 'the authorisation queue')
    await page.click(`a[href="${policeTriage}/authorisation"]`)
    await expectAccessible(page, 'the authorisation page')
    await page.check('input[name="outcome"][value="return"]')
    await page.click('[data-testid="save-authorisation"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'the authorisation page with errors')
    await page.check('input[name="outcome"][value="return"]')
    await page.fill('#returnReason', 'Speak to the school first: what exactly did Ewan say?')
    await page.click('[data-testid="save-authorisation"]')
    await expect
      .poll(() => text(page, '[data-testid="returned-recommendation"]'))
      .toContain('Speak to the school first')
    await signOut(page)

    // Recommended again, after speaking to the school.
    await signIn(page, 'mash.sw')
    await page.goto(`${policeTriage}/decision`)
    await expectAccessible(page, 'the recommendation form after a return')
    await page.check('input[name="decision"][value="strategy_discussion"]')
    await page.selectOption('#teamId', String(team.id))
    await page.fill(
      '#rationale',
      'The teacher confirms Ewan said his dad hit him; the mark matches: strategy discussion.',
    )
    await page.click('[data-testid="record-decision"]')
    await expect.poll(() => page.locator('[data-testid="awaiting-authorisation"]').count()).toBe(1)
    await signOut(page)

    // The manager authorises: the referral and the strategy discussion open.
    await signIn(page, 'mash.manager')
    await page.goto(`${policeTriage}/authorisation`)
    await expect.poll(() => text(page, '[data-testid="earlier-recommendations"]')).toContain('returned')
    await page.check('input[name="outcome"][value="authorise"]')
    await page.fill(
      '#oversightNote',
      'The school confirms the disclosure; police and health to join a strategy discussion today.',
    )
    await page.click('[data-testid="save-authorisation"]')
    await expect.poll(() => page.locator('[data-testid="sd-link"]').count()).toBe(1)
    await expectAccessible(page, 'triage with the decision authorised')
    await page.goto(triage(school.contactId, schoolCc))
    await expect.poll(() => text(page, 'main')).toContain('Strategy discussion')
    await signOut(page)

    // The receiving team's manager records the strategy discussion as held.
    const sd = await db()
      .selectFrom('strategy_discussion')
      .select('id')
      .where('child_id', '=', ewan)
      .executeTakeFirstOrThrow()
    await signIn(page, 'team.manager')
    await page.goto(`/strategy-discussions/${sd.id}`)
    await expectAccessible(page, 'a strategy discussion to be held')
    await page.click('[data-testid="record-sd"]')
    await expectAccessible(page, 'the strategy discussion form')
    await page.click('[data-testid="save-sd"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'the strategy discussion form with errors')
    const now = new Date(Date.now() - 30 * 60_000)
    const [y, m, d] = now.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-')
    await page.fill('#held-day', String(Number(d)))
    await page.fill('#held-month', String(Number(m)))
    await page.fill('#held-year', y ?? '')
    await page.fill(
      '#held-time',
      now.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }),
    )
    await page.fill('#participant-0-name', 'Helen Price')
    await page.fill('#participant-1-name', 'DS Amir Khan')
    await page.fill('#participant-2-name', 'Dr Jo Lee')
    await page.check('input[name="outcome"][value="s47_joint"]')
    await page.fill('#actions', 'Joint visit by police and social worker today; Ewan stays with his mother.')
    await page.click('[data-testid="save-sd"]')
    // A section 47 outcome starts the enquiry, dated the day of the discussion, and opens it.
    await expect.poll(() => page.url()).toMatch(/\/s47-enquiries\/\d+$/)
    await page.goto(`/strategy-discussions/${sd.id}`)
    await expect.poll(() => text(page, '[data-testid="sd-status"]')).toContain('Held')
    await expectAccessible(page, 'the strategy discussion held')
    expect(await text(page, '[data-testid="sd-participants"]')).toContain('DS Amir Khan')
  }, 180_000)
})

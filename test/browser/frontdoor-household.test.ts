/**
 * The household and duplicates at triage in Chromium, with axe on every page: a screener adds a
 * child at the same address to the contact from triage; links a school's contact to the open
 * police contact about the same child; a MASH social worker recommends a decision on the police
 * contact and the MASH manager authorises it once, and the school's is decided with it.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import { rateContactChild, recordContact } from '../../src/modules/frontdoor/service.js'
import { systemClock } from '../../src/platform/calendar/clock.js'
import { actingAs } from '../support/actors.js'
import { expectAccessible, newPage, openSite, signIn, signOut, type Site } from './support.js'

let site: Site
const db = () => site.testApp.database.db
const deps = () => ({ db: db(), clock: systemClock })
let nell = 0
let otto = 0

async function child(given: string, dob: string) {
  const { id } = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: given, family_name: 'Varley', date_of_birth: dob, sex: 'F' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('person_address')
    .values({ person_id: id, line_1: '3 Orchard Row', town: 'Grays', postcode: 'RM16 9ZZ', from_date: dob })
    .execute()
  return id
}

/** A contact recorded by the screener an hour or two ago, as its page would. */
async function contact(childIds: number[], source: '6' | '2A', hoursAgo: number) {
  const { actor, ctx } = await actingAs(db(), 'screener')
  const { contactId, children } = await recordContact(
    deps(),
    actor,
    {
      details: contactDetailsSchema.parse({
        channel: 'phone',
        referralSource: source,
        referrerName: source === '6' ? 'PC Ali Khan' : 'Sam Ward',
        reason:
          source === '6'
            ? 'Police attended a domestic incident at 3 Orchard Row overnight.'
            : 'Nell told her teacher about shouting at home last night.',
        consent: 'given',
      }),
      receivedAt: new Date(Date.now() - hoursAgo * 3_600_000),
      childIds,
      described: [],
    },
    ctx,
  )
  return { contactId, cc: children[0]!.contactChildId }
}

beforeAll(async () => {
  site = await openSite()
  nell = await child('Nell', '2015-03-03')
  otto = await child('Otto', '2019-09-09')
})
afterAll(async () => site?.close())

const triage = (c: { contactId: number; cc: number }) => `/contacts/${c.contactId}/children/${c.cc}`

async function text(page: Page, selector: string) {
  return (await page.locator(selector).first().textContent()) ?? ''
}

describe('the household and duplicate contacts at triage', () => {
  it('adds a household child from triage, links a duplicate school contact and decides once', async () => {
    const police = await contact([nell], '6', 2)
    const school = await contact([nell], '2A', 1)
    const page = await newPage(site)
    await signIn(page, 'screener')

    // 1. Nell's police contact: Otto lives at the same address, and is not on the contact.
    await page.goto(triage(police))
    await expect.poll(() => text(page, '[data-testid="household-children"]')).toContain('Otto Varley')
    await expectAccessible(page, 'triage with a household child to add')
    await page.click('[data-testid="add-household-child"]')
    await expect.poll(() => page.locator('[data-testid="household-children"]').count()).toBe(0)
    const added = await db()
      .selectFrom('contact_child')
      .select('status')
      .where('contact_id', '=', police.contactId)
      .where('child_id', '=', otto)
      .executeTakeFirst()
    expect(added?.status).toBe('in_triage')
    expect(await text(page, '[data-testid="household"]')).toContain(
      'Otto Varley (on this contact, same address)',
    )

    // 2. The school's contact about Nell is a duplicate: link it to the police contact.
    await page.goto(triage(school))
    await expect.poll(() => page.locator('[data-testid="other-open-contacts"]').count()).toBe(1)
    await page.click('[data-testid="link-details"] summary')
    await expectAccessible(page, 'triage with the link form open')
    await page.click('[data-testid="link-form"] button')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'link form with errors')
    await page.check(`input[name="linkedToId"][value="${police.cc}"]`)
    await page.fill('#linkReason', 'The school is reporting the same incident the police attended.')
    await page.click('[data-testid="link-form"] button')
    await expect.poll(() => text(page, '[data-testid="linked-to"]')).toContain('decided with it')
    await expectAccessible(page, 'a linked duplicate contact')
    await signOut(page)

    // 3. The MASH social worker decides the police contact once; the school's is decided with it.
    const { actor, ctx } = await actingAs(db(), 'screener')
    await rateContactChild(
      deps(),
      actor,
      police.cc,
      { thresholdLevel: '3', rag: 'amber', recommendation: 'referral' },
      ctx,
    )
    await signIn(page, 'mash.sw')
    await page.goto(`${triage(police)}/decision`)
    await expect.poll(() => text(page, '[data-testid="linked-here"]')).toContain('Decided with this one')
    await expectAccessible(page, 'decision with a linked duplicate')
    await page.check('input[name="decision"][value="referral"]')
    const team = await db()
      .selectFrom('team')
      .select('id')
      .where('name', '=', 'Assessment team')
      .executeTakeFirstOrThrow()
    await page.selectOption('#teamId', String(team.id))
    await page.fill('#rationale', 'Two reports of one incident: referral for assessment.')
    await page.click('[data-testid="record-decision"]')
    await expect.poll(() => page.url()).toContain(triage(police))
    await signOut(page)
    // The MASH manager authorises it; the school's contact is decided with it.
    await signIn(page, 'mash.manager')
    await page.goto(`${triage(police)}/authorisation`)
    await page.check('input[name="outcome"][value="authorise"]')
    await page.fill('#oversightNote', 'Two reports of one incident, checks done: an assessment is needed.')
    await page.click('[data-testid="save-authorisation"]')
    await expect.poll(() => page.url()).toContain(triage(police))
    await page.goto(triage(school))
    await expect.poll(() => text(page, 'main')).toContain("Referral to children's social care")
    await expectAccessible(page, 'the duplicate, decided with the first')
    const decided = await db()
      .selectFrom('contact_child')
      .select('status')
      .where('id', '=', school.cc)
      .executeTakeFirstOrThrow()
    expect(decided.status).toBe('decided')
  }, 120_000)
})

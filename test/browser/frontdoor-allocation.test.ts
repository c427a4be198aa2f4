/**
 * Issue 12 in Chromium, with axe on each page state: the allocation page suggesting the worker
 * who holds a sibling, and its confirmation; a transfer in recorded at triage, and her brother's
 * on the same contact joining her notification; the emergency duty team's record and the MASH's
 * "Overnight" panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { londonToday } from '../../src/platform/calendar/dates.js'
import { expectAccessible, newPage, openSite, signIn, signOut, type Site } from './support.js'

let site: Site
const db = () => site.testApp.database.db
const ids = { referral: 0, triage: '', brother: '' }

async function userId(username: string) {
  return (
    await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id
}

beforeAll(async () => {
  site = await openSite()
  const team = (
    await db().selectFrom('team').select('id').where('name', '=', 'Assessment team').executeTakeFirstOrThrow()
  ).id
  const person = async (given: string) =>
    (
      await db()
        .insertInto('person')
        .values({
          kind: 'child',
          given_name: given,
          family_name: 'Fenwick',
          date_of_birth: '2018-02-02',
          sex: 'F',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const ava = await person('Ava')
  const leo = await person('Leo')
  await db()
    .insertInto('person_relationship')
    .values({ person_id: ava, related_person_id: leo, relationship_type: 'sibling', household_member: true })
    .execute()
  await db()
    .insertInto('child_access')
    .values([
      { child_id: ava, user_id: await userId('social.worker'), basis: 'allocated_worker' },
      { child_id: leo, team_id: team, basis: 'allocated_team' },
    ])
    .execute()
  ids.referral = (
    await db()
      .insertInto('referral')
      .values({
        child_id: leo,
        referral_date: londonToday(new Date()),
        referral_source: '6',
        re_referral: false,
        status: 'awaiting_allocation',
        team_id: team,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  // A child moving in, found on a contact from the previous authority.
  const isla = await person('Isla')
  const contact = await db()
    .insertInto('contact')
    .values({
      received_at: new Date(Date.now() - 3_600_000),
      channel: 'email',
      referral_source: '5C',
      reason: 'Isla and her mother have moved from Southend.',
      consent: 'given',
      recorded_by: await userId('screener'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const cc = await db()
    .insertInto('contact_child')
    .values({ contact_id: contact.id, child_id: isla, status: 'in_triage' })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids.triage = `/contacts/${contact.id}/children/${cc.id}`
  // Her brother, on the same contact, moving with her.
  const finn = await person('Finn')
  const brother = await db()
    .insertInto('contact_child')
    .values({ contact_id: contact.id, child_id: finn, status: 'in_triage' })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids.brother = `/contacts/${contact.id}/children/${brother.id}`
})
afterAll(async () => site?.close())

/** The transfer-in form's answers for a child on a plan in Southend, notified today. */
async function fillTransfer(page: Awaited<ReturnType<typeof newPage>>) {
  const [y, m, d] = londonToday(new Date()).split('-')
  await page.fill('#previousAuthority', 'Southend-on-Sea City Council')
  await page.check('input[name="previousStatus"][value="cp_plan"]')
  await page.fill('#notified-day', String(Number(d)))
  await page.fill('#notified-month', String(Number(m)))
  await page.fill('#notified-year', y ?? '')
  await page.check('input[name="documents"][value="cp_plan"]')
  // A child on a plan there is handed to child protection: its notification needs the plan.
  await page.selectOption('#la', '882')
  await page.fill('#planStart-day', '2')
  await page.fill('#planStart-month', '3')
  await page.fill('#planStart-year', '2026')
  await page.check('input[name="category"][value="EMO"]')
  await page.fill('#workerName', 'Jo Reeve')
  await page.fill('#workerContact', '01702 215000')
}

describe('allocation, transfers in and the emergency duty team in the browser', () => {
  it('suggests the sibling’s worker and confirms the allocation', async () => {
    const page = await newPage(site)
    await signIn(page, 'team.manager')
    await page.goto(`/referrals/${ids.referral}`)
    await expect
      .poll(() => page.locator('[data-testid="suggestion"]').textContent())
      .toContain('holds Ava’s case')
    await expectAccessible(page, 'allocation with a suggestion')
    await page.check('input[data-testid="suggested-worker"]')
    await page.click('[data-testid="allocate"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').textContent())
      .toContain('Leo Fenwick’s referral allocated to Amara Lewis; their task:')
    // Now the child has a worker: giving them another asks why (the SSDA903's SW_REASON), on the
    // page axe checks here (the integration test sends the answer).
    expect(await page.locator('[data-testid="sw-reason"]').count()).toBe(1)
    await expectAccessible(page, 'allocation confirmed')
    await signOut(page)
  })

  it('records a transfer in at triage', async () => {
    const page = await newPage(site)
    await signIn(page, 'screener')
    await page.goto(ids.triage)
    await page.click('[data-testid="transfer-in-link"] a')
    await expect.poll(() => page.locator('[data-testid="transfer-form"]').count()).toBe(1)
    await expectAccessible(page, 'transfer-in form')
    await page.click('[data-testid="record-transfer"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'transfer-in form with errors')
    await fillTransfer(page)
    await page.click('[data-testid="record-transfer"]')
    await expect
      .poll(() => page.locator('[data-testid="transfer-in"]').textContent())
      .toContain('On a child protection plan')
    expect(await page.locator('[data-testid="transfer-conference"]').textContent()).toContain(
      'Not yet arranged',
    )
    await expectAccessible(page, 'transfer in recorded')
    // Her brother, told of the same day by the same authority, joins her notification and conference.
    await page.goto(`${ids.brother}/transfer-in`)
    await fillTransfer(page)
    await page.click('[data-testid="record-transfer"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').textContent())
      .toContain('one transfer-in conference for them all')
    expect(await page.locator('[data-testid="transfer-conference"]').textContent()).toContain(
      'Isla Fenwick, Finn Fenwick',
    )
    await expectAccessible(page, 'brother’s transfer in joined to hers')
    await signOut(page)
  })

  it('lets the emergency duty team record its night, and the MASH pick it up', async () => {
    const page = await newPage(site)
    await signIn(page, 'edt')
    await page.goto('/out-of-hours/new')
    await expectAccessible(page, 'out-of-hours form')
    await page.click('[data-testid="save-out-of-hours"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(page, 'out-of-hours form with errors')
    const [y, m, d] = londonToday(new Date(Date.now() - 86_400_000)).split('-')
    await page.fill('#called-day', String(Number(d)))
    await page.fill('#called-month', String(Number(m)))
    await page.fill('#called-year', y ?? '')
    await page.fill('#calledTime', '23:15')
    await page.selectOption('#referralSource', '6')
    await page.fill('#callerName', 'PC Amy Lowe')
    await page.fill('#child1Name', 'Zara Quinn')
    await page.fill('#child1Birth', '9')
    await page.fill('#whatHappened', 'Found walking alone near the station at 11pm.')
    await page.fill('#actionTaken', 'Taken home by police; mother there and sober.')
    await page.check('input[name="policeInvolved"][value="yes"]')
    await page.check('input[name="healthInvolved"][value="no"]')
    await page.check('input[name="consent"][value="given"]')
    await page.fill('#handover', 'Check with the school why she was out.')
    await page.click('[data-testid="save-out-of-hours"]')
    await expect
      .poll(() => page.locator('[data-testid="out-of-hours-record"]').textContent())
      .toContain('Zara Quinn')
    await expectAccessible(page, 'out-of-hours record')
    await signOut(page)

    await signIn(page, 'screener')
    await page.goto('/mash')
    await expect.poll(() => page.locator('[data-testid="overnight"]').textContent()).toContain('Zara Quinn')
    await expectAccessible(page, 'MASH queue with the overnight panel')
    await page.click('[data-testid="overnight"] a:has-text("Zara Quinn")')
    await page.click('[data-testid="make-contact"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').textContent())
      .toContain('Contact made from the emergency duty team’s record')
    await expectAccessible(page, 'contact made from the out-of-hours record')
  })
})

/**
 * An unborn child's record whose mother was referred as a teenager: the notification banner asks
 * the worker to consider a pre-birth assessment and lists the history; the worker follows it,
 * starts a pre-birth assessment from the unborn child's referral, and sees the child seen marked
 * as not applicable before birth. Axe on each page state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('pre-birth', () => {
  it('unborn record with the prompt → start a pre-birth assessment', async () => {
    const db = site.testApp.database.db
    const worker = await db
      .selectFrom('app_user')
      .select(['id', 'team_id'])
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    const today = new Date().toISOString().slice(0, 10)
    const expected = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)
    const person = async (given: string, kind: 'adult' | 'unborn', dob: string | null) =>
      (
        await db
          .insertInto('person')
          .values({
            kind,
            given_name: given,
            family_name: 'Pellow',
            date_of_birth: dob,
            expected_birth_date: kind === 'unborn' ? expected : null,
            sex: kind === 'unborn' ? 'U' : 'F',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const baby = await person('Baby', 'unborn', null)
    const mother = await person('Jade', 'adult', '2006-03-14')
    await db
      .insertInto('person_relationship')
      .values({
        person_id: mother,
        related_person_id: baby,
        relationship_type: 'mother',
        household_member: true,
      })
      .execute()
    await db
      .insertInto('child_access')
      .values([
        { child_id: baby, user_id: worker.id, basis: 'allocated_worker', granted_by: worker.id },
        { child_id: baby, team_id: worker.team_id, basis: 'allocated_team', granted_by: worker.id },
      ])
      .execute()
    const referral = (date: string, childId: number, closed: boolean) =>
      db
        .insertInto('referral')
        .values({
          child_id: childId,
          referral_date: date,
          referral_source: closed ? '2A' : '5A',
          re_referral: false,
          status: closed ? 'closed' : 'allocated',
          team_id: worker.team_id,
          worker_id: closed ? null : worker.id,
          allocated_at: new Date(`${date}T09:00:00Z`),
          closed_at: closed ? new Date(`${date}T17:00:00Z`) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    await referral('2021-10-05', mother, true)
    const open = await referral(today, baby, false)

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${baby}`)
    const prompt = page.locator('[data-testid="prebirth-prompt"]')
    await expect.poll(() => prompt.count()).toBe(1)
    expect(await prompt.textContent()).toContain('Consider a pre-birth assessment')
    expect(await page.locator('[data-testid="prebirth-history"]').textContent()).toMatch(
      /Jade Pellow \(parent\):\s+Referral, 5 October 2021/,
    )
    await expectAccessible(page, 'an unborn child’s record with the pre-birth prompt')

    await page.click('[data-testid="prebirth-start"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Start a pre-birth assessment')
    await expectAccessible(page, 'start a pre-birth assessment')
    await page.check(`input[name="referralId"][value="${open.id}"]`)
    await page.click('[data-testid="start"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pre-birth assessment')
    expect(await page.locator('[data-testid="task-list"]').textContent()).toContain(
      'Not applicable before birth',
    )
    await expectAccessible(page, 'the pre-birth assessment’s task list')

    await page.click('text=The parents’ views and the baby’s needs')
    await page.click('[data-testid="save-section"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the parents’ views and what the baby will need',
    )
    await expectAccessible(page, 'the parents’ views, with errors')
    await page.fill(
      '#wishesAndFeelings',
      'Jade wants to keep the baby and has asked for help with a tenancy.',
    )
    await page.click('[data-testid="save-section"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pre-birth assessment')
    // Answered: the record no longer prompts.
    await page.goto(`/children/${baby}`)
    expect(await page.locator('[data-testid="prebirth-prompt"]').count()).toBe(0)
  })
})

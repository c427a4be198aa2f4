/**
 * A brother and sister from strategy discussion to their shared initial conference, with axe on
 * every new page: each discussion held with a section 47 outcome (what each agency shared) → the
 * enquiry → the child seen and the outcome (with an error) → one conference for both → the
 * police invited → the officer sends a report → the conference recorded with a decision and a
 * category for each child; on the way the conference is moved, cancelled (still needed) and
 * arranged again from the enquiry. Dates are yesterday's in London: the site runs on the system clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { londonDate } from '../../src/platform/calendar/dates.js'
import { expectAccessible, expectBanner, fillDate, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const day = londonDate(Date.now() - 86_400_000)

describe('section 47 and the initial conference for two siblings', () => {
  it('strategy discussions → S47 outcomes → one ICPC for both, a police officer contributing', async () => {
    const db = site.testApp.database.db
    const user = async (username: string) =>
      await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow()
    const worker = await user('social.worker')
    const manager = await user('safeguarding.manager')
    const child = async (given: string, dob: string) =>
      (
        await db
          .insertInto('person')
          .values({ kind: 'child', given_name: given, family_name: 'Ashworth', date_of_birth: dob })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const ruby = await child('Ruby', '2015-03-04')
    const finn = await child('Finn', '2018-10-21')
    const mother = (
      await db
        .insertInto('person')
        .values({ kind: 'adult', given_name: 'Kerry', family_name: 'Ashworth', date_of_birth: '1989-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await db
      .insertInto('person_relationship')
      .values(
        [ruby, finn].map((c) => ({
          person_id: mother,
          related_person_id: c,
          relationship_type: 'mother',
          household_member: true,
        })),
      )
      .execute()
    const discussions: number[] = []
    for (const c of [ruby, finn]) {
      await db
        .insertInto('child_access')
        .values([
          { child_id: c, user_id: worker.id, basis: 'allocated_worker', granted_by: worker.id },
          { child_id: c, team_id: worker.team_id, basis: 'allocated_team', granted_by: worker.id },
        ])
        .execute()
      discussions.push(
        (
          await db
            .insertInto('strategy_discussion')
            .values({
              child_id: c,
              referral_id: null,
              requested_by: manager.id,
              requested_at: new Date(`${day}T08:00:00Z`),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      )
    }

    const page = await newPage(site)
    await signIn(page, 'social.worker')
    // The police asked to take part in Ruby's discussion: the invitation page.
    await page.goto(`/strategy-discussions/${discussions[0]}/invitations/new`)
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Invite an agency to the strategy discussion')
    await expectAccessible(page, 'invite an agency to the strategy discussion')

    for (const [i, sd] of discussions.entries()) {
      await page.goto(`/strategy-discussions/${sd}/held`)
      await fillDate(page, 'held', day, '10:00')
      await page.fill('#participant-0-name', 'Amara Lewis')
      await page.fill('#participant-1-name', 'DC Sam Turner')
      await page.fill('#participant-1-shared', 'Two domestic abuse call-outs to the home this year.')
      await page.fill('#participant-2-name', 'Nia Barker')
      await page.fill('#participant-2-shared', 'Finn has missed two health reviews.')
      await page.check('input[name="outcome"][value="s47_joint"]')
      if (i === 0)
        await expectAccessible(page, 'record the strategy discussion, with what each agency shared')
      await page.click('[data-testid="save-sd"]')
      await expectBanner(page, 'The section 47 enquiry has started')
    }
    const [s47Ruby, s47Finn] = (
      await db
        .selectFrom('s47_enquiry')
        .select(['id', 'child_id'])
        .where('child_id', 'in', [ruby, finn])
        .orderBy('child_id')
        .execute()
    ).map((s) => s.id) as [number, number]
    await page.goto(`/s47-enquiries/${s47Ruby}`)
    expect(await page.locator('[data-testid="s47-summary"]').textContent()).toContain(
      'the day of the strategy discussion',
    )
    await expectAccessible(page, 'the section 47 enquiry')

    for (const s47 of [s47Ruby, s47Finn]) {
      await page.goto(`/s47-enquiries/${s47}/child-seen`)
      if (s47 === s47Ruby) await expectAccessible(page, 'the child seen')
      await fillDate(page, 'seen', day)
      await page.check('input[name="seenAlone"][value="yes"]')
      await page.click('[data-testid="save-seen"]')
      await expectBanner(page, 'The child seen is recorded')

      await page.goto(`/s47-enquiries/${s47}/outcome`)
      await page.check('input[name="outcome"][value="substantiated"]')
      await page.check('input[name="likelyHarm"][value="yes"]')
      if (s47 === s47Ruby) {
        await expectAccessible(page, 'the outcome of the section 47 enquiry')
        await page.click('[data-testid="save-outcome"]')
        await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
        expect(await page.title()).toMatch(/^Error: /)
        await expectAccessible(page, 'the outcome, with errors')
      }
      await page.check('input[name="conferenceNeeded"][value="yes"]')
      await page.click('[data-testid="save-outcome"]')
      await expectBanner(page, 'Outcome sent to a manager for authorisation')
    }

    // The team manager authorises both outcomes from their sign-offs page (beside the demo's waiting
    // assessment): today completes them.
    const manages = await newPage(site)
    await signIn(manages, 'team.manager')
    await manages.goto('/worklists/sign-offs')
    await expect.poll(() => manages.locator('[data-testid="sign-offs"] tbody tr').count()).toBe(3)
    await expectAccessible(manages, 'waiting for your sign-off')
    for (const s47 of [s47Ruby, s47Finn]) {
      await manages.goto('/worklists/sign-offs')
      await manages.click(`a[href="/s47-enquiries/${s47}"]`)
      await manages.click('[data-testid="authorise-outcome"]')
      if (s47 === s47Ruby) await expectAccessible(manages, 'authorise the section 47 outcome')
      await manages.check('input[name="outcome"][value="authorise"]')
      await manages.fill(
        '#oversightNote',
        'Read the enquiry and what each agency shared; a conference is the right next step.',
      )
      await manages.click('[data-testid="decide"]')
      await expectBanner(manages, 'Outcome authorised')
    }

    await page.goto(`/s47-enquiries/${s47Ruby}`)
    await page.click('[data-testid="arrange-conference"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Arrange the initial child protection conference')
    expect(await page.isChecked(`input[name="siblings"][value="${finn}"]`)).toBe(true)
    await expectAccessible(page, 'arrange the initial conference')
    await fillDate(page, 'scheduled', day, '14:00')
    await page.selectOption('#chair', String(manager.id))
    await page.click('[data-testid="save-arrange"]')
    await expectBanner(page, 'Initial child protection conference arranged for 2 children')
    await expectAccessible(page, 'the conference, arranged')

    // Moved, then cancelled with one still needed, and arranged again from the enquiry.
    await page.click('[data-testid="change-conference"] a[href$="/rearrange"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Re-arrange the initial child protection conference')
    expect(await page.locator('[data-testid="icpc-due"]').textContent()).toContain(
      '15 working days from the strategy discussion',
    )
    await expectAccessible(page, 're-arrange the initial conference')
    await fillDate(page, 'scheduled', day, '15:00')
    await page.click('[data-testid="save-rearrange"]')
    await expectBanner(page, 'Conference re-arranged for')
    await page.click('[data-testid="change-conference"] a[href$="/cancel"]')
    await page.click('[data-testid="save-cancel"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select whether an initial conference is still needed',
    )
    expect(await page.title()).toMatch(/^Error: /)
    await expectAccessible(page, 'cancel the initial conference, with errors')
    await page.fill('#reason', 'The chair is ill; to be re-booked.')
    await page.check('input[name="stillNeeded"][value="yes"]')
    await page.click('[data-testid="save-cancel"]')
    await expectBanner(page, 'Conference cancelled')
    await expectAccessible(page, 'the conference, cancelled')
    await page.goto(`/s47-enquiries/${s47Finn}`)
    await expect.poll(() => page.locator('[data-testid="cancelled-conference-link"]').count()).toBe(1)
    await expectAccessible(page, 'the section 47 enquiry, its conference cancelled')
    await page.click('[data-testid="arrange-conference"]')
    expect(await page.isChecked(`input[name="siblings"][value="${ruby}"]`)).toBe(true)
    await fillDate(page, 'scheduled', day, '14:00')
    await page.selectOption('#chair', String(manager.id))
    await page.click('[data-testid="save-arrange"]')
    await expectBanner(page, 'Initial child protection conference arranged for 2 children')
    const conferenceUrl = new URL(page.url()).pathname

    await page.click('[data-testid="invite-agency"]')
    await expectAccessible(page, 'invite an agency to the conference')
    const police = await user('police')
    await page.selectOption('#agency', 'police')
    await page.fill('#personName', 'DC Sam Turner')
    await page.selectOption('#userId', String(police.id))
    await page.check('input[name="reportRequested"][value="yes"]')
    await page.click('[data-testid="save-invite"]')
    await expectBanner(page, 'DC Sam Turner (Police) invited')

    const officer = await newPage(site)
    await signIn(officer, 'police')
    await officer.goto(conferenceUrl)
    await expect.poll(() => officer.locator('h1').textContent()).toBe('Initial child protection conference')
    await expectAccessible(officer, 'the conference, as the invited police officer')
    await officer.click('[data-testid="conference-invitations"] a')
    await expectAccessible(officer, 'the police report for the conference')
    await officer.fill(
      '#contribution',
      'Two call-outs this year; the father was arrested in November and is on bail.',
    )
    await officer.click('[data-testid="save-contribution"]')
    await expectBanner(officer, 'Police’s report recorded')

    await page.goto(conferenceUrl)
    await page.click('[data-testid="record-conference"]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Record the initial child protection conference')
    await expectAccessible(page, 'record the conference')
    await fillDate(page, 'held', day, '14:00')
    await page.check(`input[name="decision-${ruby}"][value="plan"]`)
    await page.check(`input[name="decision-${finn}"][value="plan"]`)
    await page.selectOption(`#category-${ruby}`, 'NEG')
    await page.click('[data-testid="save-conference"]')
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select the category of abuse for Finn Ashworth',
    )
    await expectAccessible(page, 'record the conference, with errors')
    await page.selectOption(`#category-${finn}`, 'EMO')
    await page.check('input[type="radio"][value="attended"][name^="attendance-"]')
    await page.check('input[name="childParticipation"][value="views_through_advocate"]')
    await page.check('input[name="familyParticipation"][value="attended"]')
    await page.click('[data-testid="save-conference"]')
    await expectBanner(page, 'decisions for 2 children')
    const table = await page.locator('[data-testid="conference-children"]').textContent()
    expect(table).toContain('Neglect (NEG)')
    expect(table).toContain('Emotional abuse (EMO)')
    await expectAccessible(page, 'the conference, held')
  }, 300_000)
})

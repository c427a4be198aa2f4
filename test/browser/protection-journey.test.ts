/**
 * Child protection from start to end in Chromium, with axe on every page: a brother and sister
 * (Ruby and Finn) referred to the Assessment team with a strategy discussion asked for. The social
 * worker starts each one's child and family assessment from the referral, completes it and sends
 * it; the team manager authorises both. The strategy discussions are held with the police and
 * health taking part, starting the section 47 enquiries; the children are seen and the outcomes
 * recorded and authorised by the team manager. One initial conference for both, a police officer and a health visitor invited: each
 * signs in as a partner, sees the conference and records their agency's report. The conference
 * decides on plans for both; a core group and a statutory visit are recorded; a review conference
 * is arranged from Ruby's plan for both (first with a date before the plans started), and held:
 * Ruby's plan continues, Finn's ends. Dates are yesterday's in London (the site runs on the
 * system clock), so every record is in the past.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestStrategyDiscussion } from '../../src/modules/protection/service.js'
import { londonDate, londonInstant, londonToday } from '../../src/platform/calendar/dates.js'
import { actingAs } from '../support/actors.js'
import { openCaseWith } from '../support/frontdoor.js'
import {
  authoriseAssessment,
  expectAccessible,
  expectBanner,
  expectErrorSummary,
  expectHeading,
  fillDate,
  inviteToConference,
  newPage,
  openSite,
  sendAssessment,
  signIn,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

const db = () => site.testApp.database.db
const yesterday = londonDate(Date.now() - 86_400_000)
const twoDaysAgo = londonDate(Date.now() - 2 * 86_400_000)

async function user(username: string) {
  return db().selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow()
}

async function person(given: string, kind: 'child' | 'adult', dob: string) {
  const { id } = await db()
    .insertInto('person')
    .values({ kind, given_name: given, family_name: 'Ashworth', date_of_birth: dob })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A referral to the worker's team, allocated to her, with a strategy discussion asked for (as the front door's decision does). */
async function referredForStrategyDiscussion(childId: number) {
  const worker = await user('social.worker')
  const { id: referralId } = await db()
    .insertInto('referral')
    .values({
      child_id: childId,
      referral_date: yesterday,
      referral_source: '6',
      re_referral: false,
      status: 'allocated',
      team_id: worker.team_id,
      worker_id: worker.id,
      allocated_at: londonInstant(yesterday, '09:30'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const { actor, ctx } = await actingAs(db(), 'team.manager')
  const sdId = await db()
    .transaction()
    .execute((trx) =>
      requestStrategyDiscussion(trx, actor, ctx, {
        childId,
        referralId,
        reason: 'Decided at the front door',
        at: londonInstant(yesterday, '09:00'),
      }),
    )
  return { referralId, sdId }
}

async function text(page: Page, selector: string) {
  return (await page.locator(selector).first().textContent()) ?? ''
}

describe('child protection, referral to review', () => {
  it('referral → assessment → strategy discussion → S47 → ICPC with partners → plans → core group → visit → review → one plan ends', async () => {
    const ruby = await person('Ruby', 'child', '2015-03-04')
    const finn = await person('Finn', 'child', '2018-10-21')
    const mother = await person('Kerry', 'adult', '1989-01-01')
    await db()
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
    for (const c of [ruby, finn]) await openCaseWith(db(), c)
    const referred = {
      ruby: await referredForStrategyDiscussion(ruby),
      finn: await referredForStrategyDiscussion(finn),
    }
    const police = await user('police')
    const healthVisitor = (await user('health.visitor')).id
    const chair = await user('safeguarding.manager')

    // The social worker assesses each child from the referral and sends it for sign-off.
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    const assessments = [
      await sendAssessment(page, {
        childId: ruby,
        referralId: referred.ruby.referralId,
        seenOn: londonToday(),
        outcome: 'strategy_discussion',
        check: true,
      }),
      await sendAssessment(page, {
        childId: finn,
        referralId: referred.finn.referralId,
        seenOn: londonToday(),
        outcome: 'strategy_discussion',
      }),
    ]
    // The team manager authorises both.
    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    for (const [i, url] of assessments.entries()) await authoriseAssessment(manager, url, i === 0)

    // The strategy discussions, with the police and health taking part: each starts an enquiry.
    for (const [i, sd] of [referred.ruby.sdId, referred.finn.sdId].entries()) {
      await page.goto(`/strategy-discussions/${sd}`)
      if (i === 0) await expectAccessible(page, 'a strategy discussion to be held')
      await page.click('[data-testid="record-sd"]')
      await fillDate(page, 'held', yesterday, '10:00')
      await page.fill('#participant-0-name', 'Amara Lewis')
      await page.fill('#participant-1-name', 'DC Sam Turner')
      await page.fill('#participant-1-shared', 'Two domestic abuse call-outs to the home this year.')
      await page.fill('#participant-2-name', 'Nia Barker')
      await page.fill('#participant-2-shared', 'Finn has missed two health reviews.')
      await page.check('input[name="outcome"][value="s47_joint"]')
      if (i === 0) await expectAccessible(page, 'record the strategy discussion')
      await page.click('[data-testid="save-sd"]')
      await expectBanner(page, 'The section 47 enquiry has started')
    }
    const [s47Ruby, s47Finn] = (
      await db()
        .selectFrom('s47_enquiry')
        .select('id')
        .where('child_id', 'in', [ruby, finn])
        .orderBy('child_id')
        .execute()
    ).map((s) => s.id) as [number, number]

    // The children seen and the enquiries' outcomes: a conference is needed for both.
    for (const s47 of [s47Ruby, s47Finn]) {
      await page.goto(`/s47-enquiries/${s47}`)
      if (s47 === s47Ruby) await expectAccessible(page, 'the section 47 enquiry')
      await page.goto(`/s47-enquiries/${s47}/child-seen`)
      await fillDate(page, 'seen', yesterday)
      await page.check('input[name="seenAlone"][value="yes"]')
      await page.click('[data-testid="save-seen"]')
      await expectBanner(page, 'The child seen is recorded')
      await page.goto(`/s47-enquiries/${s47}/outcome`)
      if (s47 === s47Ruby) await expectAccessible(page, 'the outcome of the section 47 enquiry')
      await page.check('input[name="outcome"][value="substantiated"]')
      await page.check('input[name="likelyHarm"][value="yes"]')
      await page.check('input[name="conferenceNeeded"][value="yes"]')
      await page.click('[data-testid="save-outcome"]')
      await expectBanner(page, 'Outcome sent to a manager for authorisation')
    }

    // The team manager authorises both outcomes from the sign-offs waiting for them.
    await manager.goto('/worklists/sign-offs')
    await expect
      .poll(() => manager.locator('[data-testid="sign-offs"] tbody tr').count())
      .toBeGreaterThanOrEqual(2)
    for (const s47 of [s47Ruby, s47Finn]) {
      await manager.goto('/worklists/sign-offs')
      await manager.click(`a[href="/s47-enquiries/${s47}"]`)
      await manager.click('[data-testid="authorise-outcome"]')
      await manager.check('input[name="outcome"][value="authorise"]')
      await manager.fill(
        '#oversightNote',
        'Both children seen; the harm is substantiated and a conference is needed.',
      )
      await manager.click('[data-testid="decide"]')
      await expectBanner(manager, 'Outcome authorised')
    }

    // One initial conference for both, with the police and a health visitor invited.
    await page.goto(`/s47-enquiries/${s47Ruby}`)
    await page.click('[data-testid="arrange-conference"]')
    await expectHeading(page, 'Arrange the initial child protection conference')
    expect(await page.isChecked(`input[name="siblings"][value="${finn}"]`)).toBe(true)
    await expectAccessible(page, 'arrange the initial conference')
    await fillDate(page, 'scheduled', yesterday, '14:00')
    await page.selectOption('#chair', String(chair.id))
    await page.click('[data-testid="save-arrange"]')
    await expectBanner(page, 'Initial child protection conference arranged for 2 children')
    const icpcUrl = new URL(page.url()).pathname
    await inviteToConference(page, {
      agency: 'police',
      agencyLabel: 'Police',
      name: 'DC Sam Turner',
      userId: police.id,
    })
    await inviteToConference(page, {
      agency: 'health',
      agencyLabel: 'Health',
      name: 'Nia Barker',
      userId: healthVisitor,
    })
    await expectAccessible(page, 'the initial conference with two agencies invited')

    // Each partner signs in, sees the conference and records their agency's report.
    for (const [username, report, agency] of [
      ['police', 'The father was arrested in November and is on bail with conditions.', 'Police'],
      ['health.visitor', 'Finn has missed two health reviews; Ruby is up to date.', 'Health'],
    ] as const) {
      const partner = await newPage(site)
      await signIn(partner, username)
      await partner.goto(icpcUrl)
      await expectHeading(partner, 'Initial child protection conference')
      await expectAccessible(partner, `the conference, as the invited ${agency.toLowerCase()} practitioner`)
      await partner.click('[data-testid="conference-invitations"] a')
      if (username === 'police') await expectAccessible(partner, 'the agency’s report for the conference')
      await partner.fill('#contribution', report)
      await partner.click('[data-testid="save-contribution"]')
      await expectBanner(partner, `${agency}’s report recorded`)
      await partner.context().close()
    }

    // The conference held: a plan for each child.
    await page.goto(icpcUrl)
    await page.click('[data-testid="record-conference"]')
    await expectHeading(page, 'Record the initial child protection conference')
    await fillDate(page, 'held', yesterday, '14:00')
    await page.check(`input[name="decision-${ruby}"][value="plan"]`)
    await page.check(`input[name="decision-${finn}"][value="plan"]`)
    await page.selectOption(`#category-${ruby}`, 'NEG')
    await page.selectOption(`#category-${finn}`, 'NEG')
    for (const radio of await page
      .locator('input[type="radio"][value="attended"][name^="attendance-"]')
      .all())
      await radio.check()
    await page.check('input[name="childParticipation"][value="views_through_advocate"]')
    await page.check('input[name="familyParticipation"][value="attended"]')
    await expectAccessible(page, 'record the initial conference')
    await page.click('[data-testid="save-conference"]')
    await expectBanner(page, 'decisions for 2 children')
    await expectAccessible(page, 'the initial conference, held')

    const plans = await db()
      .selectFrom('cp_plan')
      .select(['id', 'child_id', 'start_date'])
      .where('child_id', 'in', [ruby, finn])
      .orderBy('child_id')
      .execute()
    expect(plans.map((p) => p.start_date)).toEqual([yesterday, yesterday])
    const [rubyPlan, finnPlan] = plans.map((p) => p.id) as [number, number]

    // Ruby's plan from her record: a core group and a statutory visit.
    await page.goto(`/children/${ruby}`)
    await expectAccessible(page, 'Ruby’s record with her plan')
    await page.click('[data-testid="cp-plan-link"]')
    await expectHeading(page, 'Child protection plan')
    expect(await text(page, '[data-testid="review-next"]')).toContain('The next review is due by')
    await expectAccessible(page, 'the plan, just started')
    await page.click('[data-testid="add-core-group"]')
    await expectHeading(page, 'Record a core group meeting')
    await expectAccessible(page, 'record a core group')
    await page.check('input[name="attended"][value="social_care"]')
    await page.check('input[name="attended"][value="health"]')
    await page.check('input[name="attended"][value="police"]')
    await page.click('[data-testid="save"]')
    await expectBanner(page, 'Core group meeting recorded')
    await page.click('[data-testid="add-visit"]')
    await expectHeading(page, 'Record a child protection visit')
    await expectAccessible(page, 'record a visit')
    await fillDate(page, 'visited', yesterday, '16:00')
    await page.fill('#whoPresent', 'Ruby, Finn and their mother')
    await page.check('input[name="seen"][value="yes"]')
    await page.check('input[name="seenAlone"][value="yes"]')
    await page.check('input[name="announced"][value="no"]')
    await page.click('[data-testid="save"]')
    await expectBanner(page, 'Visit recorded')
    await expectAccessible(page, 'the plan with a core group and a visit')

    // The review conference, arranged from Ruby's plan for both: first on a date before the plans.
    await page.click('[data-testid="arrange-review"]')
    await expectHeading(page, 'Arrange a review child protection conference')
    expect(await text(page, '[data-testid="review-due"]')).toContain('The first review is due by')
    expect(await page.isChecked(`input[name="siblings"][value="${finn}"]`)).toBe(true)
    await expectAccessible(page, 'arrange a review conference')
    await fillDate(page, 'scheduled', twoDaysAgo, '17:00')
    await page.selectOption('#chair', String(chair.id))
    await page.click('[data-testid="save-review-arrange"]')
    await expectErrorSummary(
      page,
      'The review cannot be before Ruby Ashworth’s child protection plan started',
    )
    expect(await page.isChecked(`input[name="siblings"][value="${finn}"]`)).toBe(true)
    await expectAccessible(page, 'arrange a review conference, with errors')
    await fillDate(page, 'scheduled', yesterday, '17:00')
    await page.click('[data-testid="save-review-arrange"]')
    await expectBanner(page, 'Review child protection conference arranged for 2 children')
    await expectHeading(page, 'Review child protection conference')
    await expectAccessible(page, 'the review conference, arranged')
    const reviewUrl = new URL(page.url()).pathname

    // The review held: Ruby's plan continues (her latest category), Finn's ends.
    await page.click('[data-testid="record-conference"]')
    await expectHeading(page, 'Record the review child protection conference')
    expect(await page.inputValue(`#category-${ruby}`)).toBe('NEG')
    await fillDate(page, 'held', yesterday, '17:00')
    await page.check(`input[name="decision-${ruby}"][value="continue"]`)
    await page.check(`input[name="decision-${finn}"][value="end"]`)
    await page.check('input[name="childParticipation"][value="views_through_worker"]')
    await page.check('input[name="familyParticipation"][value="attended"]')
    await expectAccessible(page, 'record the review conference')
    await page.click('[data-testid="save-conference"]')
    await expectErrorSummary(page, 'Select why Finn Ashworth’s plan ends')
    await expectAccessible(page, 'record the review conference, with errors')
    await page.selectOption(`#endReason-${finn}`, 'no_longer_at_risk')
    await page.click('[data-testid="save-conference"]')
    await expectBanner(page, 'decisions for 2 children')
    expect(new URL(page.url()).pathname).toBe(reviewUrl)
    expect(await text(page, '[data-testid="conference-children"]')).toContain(
      'No longer at continuing risk of significant harm',
    )
    await expectAccessible(page, 'the review conference, held')

    // Finn's plan has ended on the review's date, with its reason, on his record and the plan.
    await page.goto(`/cp-plans/${finnPlan}`)
    expect(await text(page, '[data-testid="plan-status"]')).toContain('Ended')
    expect(await text(page, '[data-testid="reviews"]')).toContain(
      'Plan ended: No longer at continuing risk of significant harm',
    )
    await expectAccessible(page, 'Finn’s plan, ended at the review')
    await page.goto(`/children/${finn}`)
    const finnPanel = await text(page, '[data-testid="cp-plans-panel"]')
    expect(finnPanel).toMatch(/ended \d{1,2} \w+ \d{4}: No longer at continuing risk of significant harm/)
    expect(finnPanel).not.toContain('(open)')
    await expectAccessible(page, 'Finn’s record with the plan ended')
    // Ruby's plan goes on, its next review due in 6 months (no longer the first review's clock).
    await page.goto(`/cp-plans/${rubyPlan}`)
    expect(await text(page, '[data-testid="plan-status"]')).toContain('Open')
    expect(await text(page, '[data-testid="reviews"]')).toContain('Plan continues: Neglect')
    const due = await text(page, '[data-testid="plan-due"]')
    expect(due).toContain('Child protection review conference')
    expect(due).not.toContain('First child protection review conference')
    await page.goto(`/children/${ruby}`)
    expect(await text(page, '[data-testid="cp-plans-panel"]')).toMatch(
      /\(open\), next review due by \d{1,2} \w+ \d{4}/,
    )
  }, 600_000)
})

/**
 * Issue 15's "done when", one family walked in Chromium: early help begins from the front door's decision and the early help team's manager
 * allocates the school as lead professional; the school assesses, brings the health visitor into
 * the team around the family and records a meeting; the school and the health visitor add what
 * they know to the chronology (injuries and missed appointments, enough for the cumulative-harm
 * warnings) and the school escalates a professional difference, which the manager agrees with;
 * the school steps up; the front door makes it a referral with the MASH manager's authorisation
 * and early help closes its episode; the referral is allocated, the assessment authorised with a
 * child in need plan, and the plan started with an outcome and an action, delivered; the plan ends
 * and the social worker closes the case stepping down to early help, a manager authorising each;
 * the early help manager takes the step-down up with the plan's outcome carried across, the school
 * leads again and closes the episode with the manager's sign-off; a service manager reads the
 * child's chronology: every agency's contributions, each module's events and the warnings.
 *
 * axe runs here only on the page states this journey alone reaches (the team around the family
 * growing, a partner on the record, the episode referred on, an action delivered, an objective
 * scored, the record and chronology at the end). Every other page it passes through is checked,
 * in the same state or one like it, by its own module's browser test (early help, escalations,
 * the front door, assessment, CIN plans, case closure), so CI does not pay for it twice.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, addMonths, londonToday } from '../../src/platform/calendar/dates.js'
import { actingAs } from '../support/actors.js'
import {
  authoriseAssessment,
  expectAccessible,
  expectBanner,
  expectHeading,
  fillDate,
  newPage,
  openSite,
  sendAssessment,
  signIn,
  type Site,
} from './support.js'

let site: Site
const db = () => site.testApp.database.db
const today = londonToday()
const daysAgo = (n: number) => addCalendarDays(today, -n)
const CHILD = 'Lily Ashcombe'
const SCHOOL = 'Little Thurrock Primary School'
const HEALTH = 'Thurrock Health Visiting Service'

/** What the steps hand on: the child, the pages of each person signed in, and the records made. */
const s = {
  childId: 0,
  pages: {} as Record<string, Page>,
  firstEpisode: '',
  secondEpisode: '',
  referralId: 0,
  assessment: '',
  cinPlan: '',
}

beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

/** The page of a person, signed in the first time it is asked for. */
async function as(username: string): Promise<Page> {
  const known = s.pages[username]
  if (known) return known
  const page = await newPage(site)
  await signIn(page, username)
  s.pages[username] = page
  return page
}

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? ''

/** An entry added to the child's chronology from its form, as the agency's practitioner. */
async function addToChronology(
  page: Page,
  e: {
    on: string
    source: string
    type: 'injury' | 'was_not_brought'
    what: string
    bodyPart?: string
  },
) {
  await page.goto(`/children/${s.childId}/chronology/new`)
  await fillDate(page, 'occurred', e.on)
  await page.fill('#source', e.source)
  await page.check('input[name="basis"][value="fact"]')
  await page.check('input[name="significance"][value="high"]')
  await page.check(`input[name="entryType"][value="${e.type}"]`)
  await page.fill('#whatHappened', e.what)
  if (e.bodyPart) {
    await page.check('input[name="harmKind"][value="injury"]')
    await page.fill('#bodyPart', e.bodyPart)
    await page.check('input[name="childMobile"][value="yes"]')
  }
  await page.click('[data-testid="save-entry"]')
  await expectBanner(page, 'Added to the chronology')
}

/** The shared closure checklist for an early help episode, sent as its lead professional. */
async function proposeEpisodeClosure(
  page: Page,
  episode: string,
  o: { reason: string; schoolView: string; healthView: string; childSaid: string },
) {
  await page.goto(episode)
  await page.click('[data-testid="close-episode"]')
  await expectHeading(page, 'Close this early help episode')
  await page.fill('#agency1', SCHOOL)
  await page.check('input[name="agencyAsked1"][value="yes"]')
  await page.fill('#agencyView1', o.schoolView)
  await page.fill('#agency2', HEALTH)
  await page.check('input[name="agencyAsked2"][value="yes"]')
  await page.fill('#agencyView2', o.healthView)
  await page.check('input[name="outstandingConcerns"][value="none"]')
  await page.check('input[name="childVoice"][value="recorded"]')
  await page.fill('#childSaid', o.childSaid)
  await page.check(`input[name="closureReason"][value="${o.reason}"]`)
  await page.check('input[name="consentWithdrawn"][value="no"]')
  await page.check('input[name="risksUnchanged"][value="no"]')
  await page.click('[data-testid="propose-closure"]')
  await expectBanner(page, 'sent to the early help team’s manager for authorisation')
}

/** The early help team's manager authorises the closure waiting on their sign-offs. */
async function authoriseEpisodeClosure(page: Page, note: string) {
  await page.goto('/worklists/sign-offs')
  await page.click('[data-testid="sign-offs"] a:has-text("Closure of an early help episode")')
  await page.click('[data-testid="authorise-closure"]')
  await expectHeading(page, 'Authorise the closure of the early help episode')
  await page.check('input[name="outcome"][value="authorise"]')
  await page.fill('#oversightNote', note)
  await page.click('[data-testid="decide"]')
  await expectBanner(page, `The early help episode of ${CHILD} has ended`)
}

/**
 * One step of the journey: once a step fails, those after it are skipped (each needs the one
 * before), so the report names the step that broke.
 */
let broken = false
function step(name: string, walk: () => Promise<void>, timeout: number) {
  it(
    name,
    async (ctx) => {
      if (broken) ctx.skip()
      try {
        await walk()
      } catch (err) {
        broken = true
        throw err
      }
    },
    timeout,
  )
}

describe('a family through early help, step-up, a child in need plan, step-down and closure', () => {
  step(
    '1. early help begins: the school leads, assesses, and meets with the health visitor',
    async () => {
      // The front door decided early help on a contact from the school (as earlyhelp.test.ts sets it).
      const child = await db()
        .insertInto('person')
        .values({
          kind: 'child',
          given_name: 'Lily',
          family_name: 'Ashcombe',
          date_of_birth: addMonths(today, -50),
          sex: 'F',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      s.childId = child.id
      const contact = await db()
        .insertInto('contact')
        .values({
          received_at: new Date(Date.now() - 86_400_000),
          channel: 'phone',
          referral_source: '2A',
          reason: 'Lily is often late to nursery class and hungry; her mother asked the school for help.',
          consent: 'given',
          recorded_by: (await actingAs(db(), 'screener')).actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db()
        .insertInto('contact_child')
        .values({
          contact_id: contact.id,
          child_id: child.id,
          status: 'decided',
          decision: 'early_help',
          decided_by: (await actingAs(db(), 'mash.manager')).actor.id,
          decided_at: new Date(Date.now() - 3_600_000),
        })
        .execute()

      // The early help team's manager takes it up with the mother's consent and allocates the school.
      const manager = await as('early.help')
      await manager.goto('/early-help')
      await manager.click(`[data-testid="awaiting"] a:has-text("${CHILD}")`)
      await expectHeading(manager, 'Start early help')
      await manager.check('input[name="consent"][value="yes"]')
      await fillDate(manager, 'consentOn', today)
      await manager.fill('#consentFrom', 'Mother')
      await manager.click('[data-testid="start-episode"]')
      await expectHeading(manager, 'Early help episode')
      s.firstEpisode = new URL(manager.url()).pathname
      await manager.click('[data-testid="allocate"]')
      await manager.click('label:has-text("Daniel Hughes")')
      await manager.click('[data-testid="save-allocation"]')
      await expect
        .poll(() => text(manager, '[data-testid="episode-summary"]'))
        .toContain('Daniel Hughes, Education')

      // The school leads: the assessment, the health visitor in the team, a meeting.
      const school = await as('school')
      await school.goto(s.firstEpisode)
      await school.click('[data-testid="edit-assessment"]')
      await school.fill('#needs', 'Mornings are chaotic; Lily misses breakfast and arrives late.')
      await school.fill('#strengths', 'Mother is warm and wants help; grandmother lives nearby.')
      await school.fill('#childVoice', 'Lily says she likes nursery but her tummy hurts in the mornings.')
      await school.fill('#familyView', 'Mother wants help with routines and with Lily’s health appointments.')
      await school.check('input[name="complete"][value="yes"]')
      await fillDate(school, 'completedOn', today)
      await school.click('[data-testid="save-assessment"]')
      await expect.poll(() => text(school, '[data-testid="assessment"]')).toContain('Lily says')

      await school.click('[data-testid="add-member"]')
      await expectHeading(school, 'Add to the team around the family')
      await expectAccessible(school, 'add to the team around the family')
      await school.fill('#name', 'Nia Barker')
      await school.fill('#role', 'Health visitor')
      await school.fill('#agency', HEALTH)
      await school.click('[data-testid="member-form"] label:has-text("Nia Barker")')
      await school.click('[data-testid="save-member"]')
      await expect.poll(() => text(school, '[data-testid="members"]')).toContain('Nia Barker')

      await school.click('[data-testid="add-meeting"]')
      await fillDate(school, 'heldOn', today)
      for (const radio of await school.locator('input[name^="attendance-"][value="attended"]').all())
        await radio.check()
      await school.fill(
        '#decisions',
        'Breakfast club from Monday; the health visitor to rebook the missed checks.',
      )
      await school.click('[data-testid="save-meeting"]')
      await expect.poll(() => text(school, '[data-testid="meeting"]')).toContain('Breakfast club')
      expect(await text(school, '[data-testid="meeting"]')).toContain('Nia Barker: Attended')
    },
    120_000,
  )

  step(
    '2. the school and the health visitor add to the chronology; the school escalates a difference',
    async () => {
      // The health visitor, in the team around the family, may now open Lily's record.
      const health = await as('health.visitor')
      await health.goto(`/children/${s.childId}`)
      await expectAccessible(health, 'the child’s record, for the health visitor in the team')
      await health.click('[data-testid="add-chronology-entry"]')
      await expectHeading(health, 'Add to the chronology')
      expect(await text(health, '[data-testid="own-agency"]')).toBe(HEALTH)
      for (const [on, what] of [
        [daysAgo(70), 'Not brought to her 3½-year development review at the clinic.'],
        [daysAgo(35), 'Not brought to the rebooked development review.'],
      ] as const)
        await addToChronology(health, {
          on,
          type: 'was_not_brought',
          what,
          source: 'Nia Barker, health visitor, clinic list',
        })
      await addToChronology(health, {
        on: daysAgo(21),
        type: 'injury',
        what: 'Bruise to the left cheek seen at a home visit. Mother said Lily fell off the sofa.',
        bodyPart: 'Left cheek',
        source: 'Nia Barker, health visitor, home visit',
      })
      await expect
        .poll(() => text(health, '[data-testid="harm-warnings"]'))
        .toContain('Not brought to 2 appointments within 6 months')

      const school = await as('school')
      for (const [on, where, what] of [
        [
          daysAgo(49),
          'Right forearm',
          'Bruising to the right forearm seen at drop-off. Lily said she bumped it.',
        ],
        [
          daysAgo(6),
          'Back of the left hand',
          'A small burn on the back of her hand; Lily would not say how.',
        ],
      ] as const)
        await addToChronology(school, {
          on,
          type: 'injury',
          what,
          bodyPart: where,
          source: 'Daniel Hughes, designated safeguarding lead',
        })
      await expect
        .poll(() => text(school, '[data-testid="harm-warnings"]'))
        .toContain('3 injuries within 12 weeks')

      // The team agreed to wait; the school disagrees and escalates to the early help team's manager.
      await school.goto(`/children/${s.childId}`)
      await school.click('[data-testid="escalations-panel"] [data-testid="raise-escalation"]')
      await expectHeading(school, 'Raise an escalation')
      await school.fill(
        '#difference',
        'The team around the family agreed to wait six weeks before considering social care, despite three injuries and two missed health reviews.',
      )
      await school.fill('#wanted', 'Step Lily up to children’s social care now.')
      await school.check('input[name="recipient"][value="team_manager"]')
      await school.click('[data-testid="save-escalation"]')
      await expectBanner(school, 'Escalation raised with Sophie Grant')
      const escalation = new URL(school.url()).pathname

      const manager = await as('early.help')
      await manager.goto('/worklist')
      await manager.click(`a[href="${escalation}"]`)
      await manager.click('[data-testid="respond"]')
      await expectHeading(manager, 'Respond to the escalation')
      await manager.check('input[name="response"][value="agree"]')
      await manager.fill(
        '#reasons',
        'Agreed: read with the health visitor’s entries the injuries are a pattern. Step up today.',
      )
      await manager.click('[data-testid="save-response"]')
      await expectBanner(manager, 'Response recorded')

      await school.goto(escalation)
      await school.click('[data-testid="decide"]')
      await expectHeading(school, 'Accept or dispute the response')
      await school.check('input[name="outcome"][value="resolved"]')
      await school.click('[data-testid="save-outcome"]')
      await expect.poll(() => text(school, '[data-testid="status"]')).toContain('Resolved')
    },
    120_000,
  )

  step(
    '3. the school steps up; the front door makes it a referral; early help closes its episode',
    async () => {
      const school = await as('school')
      await school.goto(s.firstEpisode)
      await school.click('[data-testid="step-up-link"]')
      expect(await text(school, '[data-testid="carried"]')).toContain('Nia Barker')
      await school.fill(
        '#reason',
        'A burn to Lily’s hand she will not explain, after two bruises and missed health reviews.',
      )
      await school.check('input[name="consent"][value="given"]')
      await school.click('[data-testid="send-step-up"]')
      await expect
        .poll(() => text(school, '[data-testid="step-up-decision"]'))
        .toContain('Waiting for its decision')

      // The screener rates it; the MASH social worker recommends a referral; the manager authorises.
      const screener = await as('screener')
      await screener.goto('/mash')
      await screener.click(`[data-testid="mash-queue"] a:has-text("${CHILD}")`)
      await expectHeading(screener, CHILD)
      expect(await text(screener, 'main')).toContain('Stepped up from early help. The episode so far:')
      await screener.check('input[name="thresholdLevel"][value="3"]')
      await screener.check('input[name="rag"][value="amber"]')
      await screener.selectOption('#recommendation', 'referral')
      await screener.click('[data-testid="rating-form"] button')
      await expect.poll(() => text(screener, 'body')).toContain('Level 3')
      const triage = new URL(screener.url()).pathname

      const mashSw = await as('mash.sw')
      await mashSw.goto(triage)
      await mashSw.click('[data-testid="decide"]')
      await expect.poll(() => text(mashSw, 'h1')).toContain(`Recommend a decision for ${CHILD}`)
      await mashSw.check('input[name="decision"][value="referral"]')
      await mashSw.selectOption('#teamId', { label: 'Assessment team' })
      await mashSw.fill(
        '#rationale',
        'A pattern of injuries across agencies, now unexplained: an assessment is needed.',
      )
      await mashSw.click('[data-testid="record-decision"]')
      await expect.poll(() => mashSw.locator('[data-testid="awaiting-authorisation"]').count()).toBe(1)

      const mashManager = await as('mash.manager')
      await mashManager.goto('/mash/authorisation')
      await mashManager.click(`[data-testid="authorisation-queue"] a:has-text("${CHILD}")`)
      await mashManager.check('input[name="outcome"][value="authorise"]')
      await mashManager.fill(
        '#oversightNote',
        'Agreed: the early help episode and the chronology show a pattern.',
      )
      await mashManager.click('[data-testid="save-authorisation"]')
      await expect.poll(() => mashManager.locator('[data-testid="decision-summary"]').count()).toBe(1)

      // The episode shows the decision; social care leads now, so the school closes the episode.
      await school.goto(s.firstEpisode)
      expect(await text(school, '[data-testid="step-up-decision"]')).toContain(
        "Decided: Referral to children's social care",
      )
      expect(await text(school, '[data-testid="step-up-referred"]')).toContain(
        'Stepped up to children’s social care',
      )
      await expectAccessible(school, 'the episode, referred to social care')
      await proposeEpisodeClosure(school, s.firstEpisode, {
        reason: 'EH3',
        schoolView: 'Children’s social care are assessing; the school will work with them.',
        healthView: 'The health visitor will join the social worker’s visits.',
        childSaid: 'Lily said she wants the breakfast club to carry on.',
      })
      await authoriseEpisodeClosure(
        await as('early.help'),
        'Stepped up and referred: social care leads. Early help ends here.',
      )
    },
    180_000,
  )

  step(
    '4. the referral is allocated; the assessment is authorised with a child in need plan, started with an outcome and an action',
    async () => {
      // The team manager allocates the referral to the social worker.
      const manager = await as('team.manager')
      await manager.goto('/referrals')
      await manager.click(`[data-testid="referrals"] a:has-text("${CHILD}")`)
      s.referralId = Number(new URL(manager.url()).pathname.split('/').at(-1))
      await manager.click('input[name="workerId"] + label:has-text("Amara Lewis")')
      await manager.click('[data-testid="allocate"]')
      await expectBanner(manager, `${CHILD}’s referral allocated to Amara Lewis`)

      // The social worker assesses; the outcome a child in need plan, which the manager authorises.
      const worker = await as('social.worker')
      await worker.goto('/worklist')
      expect(
        await worker
          .locator('main tr', { hasText: 'Visit the child and start the child and family assessment' })
          .filter({ hasText: CHILD })
          .count(),
      ).toBe(1)
      s.assessment = await sendAssessment(worker, {
        childId: s.childId,
        referralId: s.referralId,
        seenOn: today,
        outcome: 'cin_plan',
      })
      await authoriseAssessment(manager, s.assessment)

      // The record offers the plan, and warns of the harm the agencies saw between them.
      await worker.goto(`/children/${s.childId}`)
      const panel = await text(worker, '[data-testid="chronology-panel"]')
      expect(panel).toContain('3 injuries within 12 weeks')
      expect(panel).toContain('Not brought to 2 appointments within 6 months')
      await worker.click('[data-testid="start-cin-plan"]')
      await expectHeading(worker, 'Start a child in need plan')
      await fillDate(worker, 'start', today)
      await worker.check('input[name="frequency"][value="4w"]')
      await worker.click('[data-testid="save"]')
      await expectHeading(worker, 'Child in need plan')
      s.cinPlan = new URL(worker.url()).pathname
      await worker.click('[data-testid="add-action"]')
      await expectHeading(worker, 'Add an action to the plan')
      await worker.fill('#newOutcome', 'Lily is safe from injury and brought to her health appointments')
      await worker.fill('#action', 'Mother takes Lily to her development review with the health visitor')
      await worker.check('input[name="ownerKind"][value="agency"]')
      await worker.fill('#ownerName', HEALTH)
      await fillDate(worker, 'due', addCalendarDays(today, 14))
      await worker.click('[data-testid="save"]')
      await expectBanner(worker, 'Action added')
    },
    180_000,
  )

  step(
    '5. the plan ends; the case closes stepping down; early help takes it up with the outcome',
    async () => {
      const worker = await as('social.worker')
      const manager = await as('team.manager')
      // The action delivered, the plan ends with the census's reason, authorised.
      await worker.goto(s.cinPlan)
      await worker.click('[data-testid^="record-action-"]')
      await expectHeading(worker, 'Record whether the action was delivered')
      await expectAccessible(worker, 'record whether the action was delivered')
      await worker.check('input[name="status"][value="delivered"]')
      await worker.click('[data-testid="save"]')
      await expectBanner(worker, 'Action recorded as delivered')
      await worker.click('[data-testid="end-plan"]')
      await expectHeading(worker, 'End the child in need plan')
      await worker.check('input[name="reason"][value="RC7"]')
      await worker.click('[data-testid="save"]')
      await expectBanner(worker, 'sent to a manager for authorisation')
      await manager.goto(s.cinPlan)
      await manager.click('[data-testid="authorise-end"]')
      await expectHeading(manager, 'Authorise the end of the child in need plan')
      await manager.check('input[name="outcome"][value="authorise"]')
      await manager.fill(
        '#oversightNote',
        'No new marks in the plan’s weeks; Lily seen at her review. The plan can end.',
      )
      await manager.click('[data-testid="decide"]')
      await expectBanner(manager, 'Child in need plan ended')

      // The social worker closes the case, stepping the family down to early help.
      await worker.goto(`/children/${s.childId}`)
      await worker.click('[data-testid="close-case"]')
      await worker.fill('#agency1', SCHOOL)
      await worker.check('input[name="agencyAsked1"][value="yes"]')
      await worker.fill('#agencyView1', 'No new injuries this term; the school will lead early help again.')
      await worker.fill('#agency2', HEALTH)
      await worker.check('input[name="agencyAsked2"][value="yes"]')
      await worker.fill('#agencyView2', 'Lily was brought to her development review; all well.')
      await worker.check('input[name="outstandingConcerns"][value="none"]')
      await worker.check('input[name="childVoice"][value="recorded"]')
      await worker.fill('#childSaid', 'Lily said mummy takes her to breakfast club every day now.')
      await worker.check('input[name="closureReason"][value="RC7"]')
      await worker.check('input[name="consentWithdrawn"][value="no"]')
      await worker.check('input[name="risksUnchanged"][value="no"]')
      await worker.check('input[name="stepDown"][value="yes"]')
      await worker.fill('#stepDownNote', 'Keep an eye on the health appointments: they slipped before.')
      await worker.click('[data-testid="propose-closure"]')
      await expectBanner(worker, 'sent to a manager for authorisation')

      await manager.goto('/worklists/sign-offs')
      await manager.click('[data-testid="sign-offs"] a:has-text("Case closure")')
      await manager.click('[data-testid="authorise-closure"]')
      await manager.check('input[name="outcome"][value="authorise"]')
      await manager.fill(
        '#oversightNote',
        'The plan worked and the agencies agree; the family steps down to early help.',
      )
      await manager.click('[data-testid="decide"]')
      await expectBanner(manager, `The case of ${CHILD} is closed`)

      // The early help team's manager takes it up: the plan's outcome is the family plan's objective.
      const eh = await as('early.help')
      await eh.goto('/early-help')
      await eh.click(`[data-testid="step-downs"] a:has-text("${CHILD}")`)
      expect(await text(eh, '[data-testid="carried-outcomes"]')).toContain(
        'Lily is safe from injury and brought to her health appointments (1 of 1 actions delivered)',
      )
      await eh.check('input[name="consent"][value="yes"]')
      await fillDate(eh, 'consentOn', today)
      await eh.fill('#consentFrom', 'Mother')
      await eh.click('[data-testid="start-episode"]')
      await expect
        .poll(() => text(eh, '[data-testid="stepped-down"]'))
        .toContain('Stepped down from children’s social care')
      s.secondEpisode = new URL(eh.url()).pathname
      const objectives = await text(eh, '[data-testid="objectives"]')
      expect(objectives).toContain('Lily is safe from injury and brought to her health appointments')
      expect(objectives).toContain('Carried from the child in need plan (1 of 1 actions delivered)')
    },
    180_000,
  )

  step(
    '6. the school leads again, scores the objective and closes the episode with the manager’s sign-off',
    async () => {
      const eh = await as('early.help')
      await eh.goto(s.secondEpisode)
      await eh.click('[data-testid="allocate"]')
      await eh.click('label:has-text("Daniel Hughes")')
      await eh.click('[data-testid="save-allocation"]')
      await expect
        .poll(() => text(eh, '[data-testid="episode-summary"]'))
        .toContain('Daniel Hughes, Education')

      const school = await as('school')
      await school.goto(s.secondEpisode)
      await school.click('[data-testid="objectives"] a:has-text("Score")')
      await expectAccessible(school, 'score an objective')
      await fillDate(school, 'scoredOn', today)
      await school.fill('#score', '9')
      await school.click('[data-testid="save-score"]')
      await expectBanner(school, 'Score recorded')
      await proposeEpisodeClosure(school, s.secondEpisode, {
        reason: 'EH1',
        schoolView: 'Lily is on time, fed and settled; nothing outstanding.',
        healthView: 'Lily’s health checks are up to date.',
        childSaid: 'Lily said she likes her new morning routine.',
      })
      await authoriseEpisodeClosure(eh, 'The family plan’s objective is met; early help can end.')
    },
    120_000,
  )

  step(
    '7. the chronology shows every agency’s contributions, each module’s events and the warnings',
    async () => {
      const sm = await as('service.manager')
      await sm.goto(`/children/${s.childId}`)
      expect(await text(sm, '[data-testid="case-closed"]')).toContain('RC7')
      expect(await text(sm, '[data-testid="earlyhelp-panel"]')).toContain('Objectives achieved')
      await expectAccessible(sm, 'the child’s record at the end of the journey')
      await sm.click('[data-testid="open-chronology"]')
      await expectHeading(sm, 'Multi-agency chronology')
      const warnings = await text(sm, '[data-testid="harm-warnings"]')
      expect(warnings).toContain('3 injuries within 12 weeks')
      expect(warnings).toContain('Not brought to 2 appointments within 6 months')
      // Every line's heading, "agency: what", newest first.
      const titles = (
        await sm.locator('[data-testid="chronology"] .moj-timeline__title').allTextContents()
      ).map((t) => t.replace(/\s+/g, ' ').trim())
      const count = (start: string) => titles.filter((t) => t.startsWith(start)).length
      // Each agency's own contributions.
      expect(count(`${SCHOOL}: Injury`)).toBe(2)
      expect(count(`${HEALTH}: Injury`)).toBe(1)
      expect(count(`${HEALTH}: Was not brought to an appointment`)).toBe(2)
      // And what each module recorded, with the agency whose work it was.
      const early = 'Early help: '
      const social = 'Children’s social care: '
      for (const line of [
        `${early}Early help episode started (front door decision)`,
        `${early}Nia Barker (Health visitor, ${HEALTH}) joined the team around the family`,
        `${early}Team around the family meeting recorded: 2 of 2 members attended`,
        `${social}Escalation of a professional difference raised by Education`,
        `${social}Escalation resolved at level 1`,
        `${early}Stepped up: early help asked the front door for children’s social care`,
        `${social}Contact received from local authority services: early help, made by Daniel Hughes`,
        `${social}Decision authorised: referral to children's social care`,
        `${early}Early help episode ended on`,
        `${social}Referral allocated to Amara Lewis`,
        `${social}Child and family assessment authorised: child in need plan`,
        `${social}Child in need plan started after the assessment`,
        `${social}Child in need plan action delivered`,
        `${social}Child in need plan ended: RC7`,
        `${social}Case closed: RC7`,
        `${early}Stepped down from children’s social care: the child in need plan’s outcome`,
        `${early}Family plan reviewed (Carried from the child in need plan (1 of 1 actions delivered)): 9 out of 10`,
      ])
        expect(count(line), line).toBeGreaterThan(0)
      const ended = titles.filter((t) => t.startsWith(`${early}Early help episode ended on`)).join('\n')
      expect(ended).toContain('EH3: Stepped up to children’s social care')
      expect(ended).toContain('EH1: Objectives achieved')
      // The filter offers each agency that has a line.
      const agencies = await text(sm, '[data-testid="filter-form"]')
      for (const agency of [SCHOOL, HEALTH, 'Early help', 'Children’s social care'])
        expect(agencies).toContain(agency)
      await expectAccessible(sm, 'the whole chronology')

      // The last step: the stepped-down episode has ended, with its closure.
      await sm.goto(s.secondEpisode)
      expect(await text(sm, '[data-testid="episode-ended"]')).toContain('EH1: Objectives achieved')
    },
    120_000,
  )
})

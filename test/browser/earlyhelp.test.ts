/**
 * Early help in the browser, with axe on every page: the Early help team's manager takes up the
 * front door's decision of early help with the family's consent and allocates the school's
 * designated safeguarding lead as lead professional; the school completes the early help
 * assessment, records a team around the family meeting they could not attend (the alert shows),
 * adds the school nurse to the team and records that she has left, plans parent outreach and records a session delivered; then steps up to social care, and the
 * front door's screener reads the contact from early help with the episode so far.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { londonToday } from '../../src/platform/calendar/dates.js'
import { actingAs } from '../support/actors.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

async function fillDate(page: Page, name: string, iso: string) {
  await page.fill(`#${name}-day`, String(Number(iso.slice(8))))
  await page.fill(`#${name}-month`, String(Number(iso.slice(5, 7))))
  await page.fill(`#${name}-year`, iso.slice(0, 4))
}

describe('early help', () => {
  it('manager allocates the school → assessment → TAF meeting with attendance → alert → intervention sessions', async () => {
    const db = site.testApp.database.db
    const today = londonToday()
    const child = await db
      .insertInto('person')
      .values({ kind: 'child', given_name: 'Rosie', family_name: 'Pendleford', date_of_birth: '2018-06-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const contact = await db
      .insertInto('contact')
      .values({
        received_at: new Date(Date.now() - 86_400_000),
        channel: 'phone',
        referral_source: '2A',
        reason: 'Rosie is often late and tired; her mother asked the school for help.',
        consent: 'given',
        recorded_by: (await actingAs(db, 'screener')).actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('contact_child')
      .values({
        contact_id: contact.id,
        child_id: child.id,
        status: 'decided',
        decision: 'early_help',
        decided_by: (await actingAs(db, 'mash.manager')).actor.id,
        decided_at: new Date(Date.now() - 3_600_000),
      })
      .execute()

    // The Early help team's manager takes it up.
    const manager = await newPage(site)
    await signIn(manager, 'early.help')
    await manager.goto('/early-help')
    await expectAccessible(manager, 'the early help list')
    await manager.click('[data-testid="awaiting"] a:has-text("Rosie Pendleford")')
    await expect.poll(() => manager.locator('h1').textContent()).toBe('Start early help')
    await manager.click('[data-testid="start-episode"]')
    await expect.poll(() => manager.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(manager, 'start early help, with errors')
    await manager.check('input[name="consent"][value="yes"]')
    await fillDate(manager, 'consentOn', today)
    await manager.fill('#consentFrom', 'Mother')
    await manager.click('[data-testid="start-episode"]')
    await expect.poll(() => manager.locator('h1').textContent()).toBe('Early help episode')
    await expectAccessible(manager, 'the episode, awaiting allocation')
    const episodeUrl = new URL(manager.url()).pathname
    await manager.click('[data-testid="allocate"]')
    await expectAccessible(manager, 'allocate the lead professional')
    await manager.click('label:has-text("Daniel Hughes")')
    await manager.click('[data-testid="save-allocation"]')
    await expect
      .poll(() => manager.locator('[data-testid="episode-summary"]').textContent())
      .toContain('Daniel Hughes, Education')

    // The school leads: the assessment.
    const school = await newPage(site)
    await signIn(school, 'school')
    await school.goto(episodeUrl)
    await expectAccessible(school, 'the episode, as the lead professional')
    await school.click('[data-testid="edit-assessment"]')
    await expectAccessible(school, 'the early help assessment')
    await school.fill('#needs', 'Mornings are chaotic; Rosie misses breakfast.')
    await school.fill('#strengths', 'Mother is warm and wants help; grandmother nearby.')
    await school.fill('#childVoice', 'Rosie says she likes school but is hungry in the mornings.')
    await school.fill('#familyView', 'Mother wants help with routines.')
    await school.check('input[name="complete"][value="yes"]')
    await fillDate(school, 'completedOn', today)
    await school.click('[data-testid="save-assessment"]')
    await expect
      .poll(() => school.locator('[data-testid="assessment"]').textContent())
      .toContain('Rosie says')

    // A meeting the lead professional could not attend: the alert shows.
    await school.click('[data-testid="add-meeting"]')
    await expectAccessible(school, 'record a meeting')
    await fillDate(school, 'heldOn', today)
    await school.check('input[name^="attendance-"][value="did_not_attend"]')
    await school.fill('#decisions', 'Breakfast club from Monday; parent outreach to start.')
    await school.click('[data-testid="save-meeting"]')
    await expect.poll(() => school.locator('[data-testid="alert-lead_did_not_attend"]').count()).toBe(1)
    await expectAccessible(school, 'the episode, with an alert')

    // A member joins the team and later leaves it, with the reason.
    await school.click('[data-testid="add-member"]')
    await school.fill('#name', 'Sam Okafor')
    await school.fill('#role', 'School nurse')
    await school.fill('#agency', 'School nursing service')
    await school.click('[data-testid="save-member"]')
    await school.click('[data-testid="members"] a:has-text("Record that they have left")')
    await school.click('[data-testid="save-member-leaves"]')
    await expect.poll(() => school.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(school, 'a member leaves the team, with errors')
    await school.fill('#reason', 'The school nursing service has closed its involvement.')
    await school.click('[data-testid="save-member-leaves"]')
    await expect
      .poll(() => school.locator('[data-testid="former-members"]').textContent())
      .toContain('Sam Okafor (School nurse, School nursing service) left on')

    // Parent outreach: 6 sessions over 12 weeks, one delivered.
    await school.click('[data-testid="add-intervention"]')
    await expectAccessible(school, 'plan an intervention')
    await school.fill('#kind', 'Parent outreach')
    await school.fill('#provider', 'Early help family support')
    await school.fill('#sessionsPlanned', '6')
    await school.fill('#overWeeks', '12')
    await fillDate(school, 'startsOn', today)
    await school.click('[data-testid="save-intervention"]')
    await school.click('[data-testid="intervention"] a:has-text("Record a session")')
    await expectAccessible(school, 'record a session')
    await fillDate(school, 'sessionOn', today)
    await school.check('input[name="outcome"][value="delivered"]')
    await school.click('[data-testid="save-session"]')
    await expect.poll(() => school.locator('[data-testid="delivered"]').textContent()).toBe('1')
    await expectAccessible(school, 'the episode, a session delivered')

    // Worse news: the school steps up to social care, carrying the episode so far.
    await school.click('[data-testid="step-up-link"]')
    expect(await school.locator('[data-testid="carried"]').textContent()).toContain(
      'Parent outreach, 1 of 6 sessions delivered',
    )
    await school.click('[data-testid="send-step-up"]')
    await expect.poll(() => school.locator('.govuk-error-summary').count()).toBe(1)
    await expectAccessible(school, 'step up to social care, with errors')
    await school.fill('#reason', 'Rosie arrived with a burn on her hand and would not say how it happened.')
    await school.check('input[name="consent"][value="given"]')
    await school.click('[data-testid="send-step-up"]')
    await expect
      .poll(() => school.locator('[data-testid="step-up-decision"]').textContent())
      .toContain('Waiting for its decision')
    await expectAccessible(school, 'the episode, stepped up')
    const contactPath = await school
      .locator('[data-testid="step-up"] a:has-text("Contact")')
      .getAttribute('href')

    // The front door has it: a contact from early help, the plan with it.
    const screener = await newPage(site)
    await signIn(screener, 'screener')
    await screener.goto(contactPath ?? '/')
    await expect.poll(() => screener.locator('main').textContent()).toContain('Step-up from early help')
    expect(await screener.locator('main').textContent()).toContain(
      'Parent outreach, 1 of 6 sessions delivered',
    )
    await expectAccessible(screener, 'the step-up contact at the front door')
  }, 120_000)
})

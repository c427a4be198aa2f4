/**
 * Closing an early help episode in the browser, with axe on each page state: the school, as lead
 * professional, opens "Close this early help episode", sends the checklist empty (the error
 * summary), then completes it; the early help team's manager finds it on their sign-offs and
 * authorises it; the service manager sees the episode ended, with its closure, and the child's
 * record saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAllocation, writeEpisode } from '../../src/modules/earlyhelp/service.js'
import { lockEpisode } from '../../src/modules/earlyhelp/store.js'
import { londonToday } from '../../src/platform/calendar/dates.js'
import {
  expectAccessible,
  expectBanner,
  expectErrorSummary,
  newPage,
  openSite,
  signIn,
  type Site,
} from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describe('closing an early help episode', () => {
  it('the school proposes with the checklist → the early help manager authorises → the episode shows ended', async () => {
    const db = site.testApp.database.db
    const user = (username: string) =>
      db
        .selectFrom('app_user')
        .select(['id', 'team_id'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    const [manager, school] = [await user('early.help'), await user('school')]
    const child = await db
      .insertInto('person')
      .values({ kind: 'child', given_name: 'Evie', family_name: 'Marchant', date_of_birth: '2017-10-02' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const started = new Date(Date.now() - 40 * 86_400_000)
    const audit = { userId: null, username: 'earlyhelp-closure-journey', requestId: null }
    const episodeId = await db.transaction().execute(async (trx) => {
      const id = await writeEpisode(
        trx,
        { id: manager.id },
        { childId: child.id, origin: 'direct', contactChildId: null },
        {
          teamId: manager.team_id as number,
          consentOn: londonToday(started),
          consentFrom: 'Father',
          consentNote: null,
        },
        started,
        audit,
        null,
      )
      await writeAllocation(trx, (await lockEpisode(trx, id))!, school.id, manager.id, started)
      return id
    })

    // The school leads: it proposes the closure.
    const lead = await newPage(site)
    await signIn(lead, 'school')
    await lead.goto(`/early-help/${episodeId}`)
    await expectAccessible(lead, 'the episode, offering to close it')
    await lead.click('[data-testid="close-episode"]')
    await expect.poll(() => lead.locator('h1').textContent()).toBe('Close this early help episode')
    await expectAccessible(lead, 'the early help closure checklist')
    await lead.click('[data-testid="propose-closure"]')
    await expectErrorSummary(lead, 'Select the reason for closing the case')
    await expectAccessible(lead, 'the early help closure checklist, with errors')
    await lead.fill('#agency1', 'Little Thurrock Primary School')
    await lead.check('input[name="agencyAsked1"][value="yes"]')
    await lead.fill('#agencyView1', 'Evie is on time every day now; the school agrees early help can end.')
    await lead.check('input[name="outstandingConcerns"][value="none"]')
    await lead.check('input[name="childVoice"][value="recorded"]')
    await lead.fill('#childSaid', 'Evie said breakfast club is the best bit of her day.')
    await lead.check('input[name="closureReason"][value="EH1"]')
    await lead.check('input[name="consentWithdrawn"][value="no"]')
    await lead.check('input[name="risksUnchanged"][value="no"]')
    await lead.click('[data-testid="propose-closure"]')
    await expectBanner(lead, 'sent to the early help team’s manager for authorisation')
    expect(await lead.locator('[data-testid="closure-status"]').textContent()).toContain(
      'Waiting for authorisation',
    )
    await expectAccessible(lead, 'the early help closure, waiting for authorisation')

    // The early help team's manager authorises it from their sign-offs.
    const m = await newPage(site)
    await signIn(m, 'early.help')
    await m.goto('/worklists/sign-offs')
    await m.click('[data-testid="sign-offs"] a:has-text("Closure of an early help episode")')
    await m.click('[data-testid="authorise-closure"]')
    await expect
      .poll(() => m.locator('h1').textContent())
      .toBe('Authorise the closure of the early help episode')
    await expectAccessible(m, 'authorise the closure of the early help episode')
    await m.check('input[name="outcome"][value="authorise"]')
    await m.fill(
      '#oversightNote',
      'The school and Evie agree the mornings are settled; nothing is outstanding. Early help can end.',
    )
    await m.click('[data-testid="decide"]')
    await expectBanner(m, 'The early help episode of Evie Marchant has ended')
    await expectAccessible(m, 'the early help list after the episode ended')

    // A service manager sees it ended, with its closure, and the child's record says so.
    const sm = await newPage(site)
    await signIn(sm, 'service.manager')
    await sm.goto(`/early-help/${episodeId}`)
    expect(await sm.locator('[data-testid="episode-ended"]').textContent()).toContain(
      'EH1: Objectives achieved',
    )
    expect(await sm.locator('[data-testid="add-meeting"]').count()).toBe(0)
    await expectAccessible(sm, 'the episode, ended, with its closure')
    await sm.goto(`/children/${child.id}`)
    expect(await sm.locator('[data-testid="earlyhelp-panel-ended"]').textContent()).toContain('Ended on')
    await expectAccessible(sm, 'the child’s record with the episode ended')
  }, 120_000)
})

/**
 * The child's time in care end to end, as issue 17 tells it, in Chromium: the social worker starts
 * care under section 20 (no previous permanence order), visits within the week, records the initial health assessment; the team
 * manager allocates the IRO, who holds the first review with the child's participation; the child
 * moves with a reason, and the next week's visit follows; the legal status becomes an interim care
 * order; the IRO holds the second review; the documents are recorded; then the performance officer
 * builds the SSDA903 from Haven's records and the child has no error in it. Axe on the care record
 * at its end and on the return's report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSyntheticPostcodesIfEmpty } from '../../src/modules/returns/ssda903/postcode-store.js'
import { makeUpn } from '../../src/modules/synth/identifiers.js'
import { addCalendarDays, londonDate } from '../../src/platform/calendar/dates.js'
import {
  allocatedChild,
  expectAccessible,
  expectBanner,
  fillDate,
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

const today = londonDate(Date.now())
const day = (n: number) => addCalendarDays(today, n)

/** The collection year holding today: 1 April to 31 March. */
function collectionYear(): string {
  const [y, m] = today.split('-').map(Number) as [number, number]
  const first = m >= 4 ? y : y - 1
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`
}

describe('a child’s time in care', () => {
  it('section 20 → visits → IHA → reviews → a move → an interim care order → documents → the SSDA903 has no error for the child', async () => {
    const { childId } = await allocatedChild(site, 'social.worker', {
      given_name: 'Rosa',
      family_name: 'Quinlan',
      date_of_birth: '2013-06-14',
    })
    // What the people module holds of her that the return reports (her record's own forms).
    await site.testApp.database.db
      .updateTable('person')
      .set({ sex: 'F', ethnicity: 'WBRI', upn: makeUpn('883', 2017, 424242) })
      .where('id', '=', childId)
      .execute()
    // The postcode reference the return's distances come from (the server loads it on first run).
    await loadSyntheticPostcodesIfEmpty(site.testApp.database.db)
    const care = `/children/${childId}/care`

    // The social worker: care starts under section 20, with foster carers in borough.
    const worker = await newPage(site)
    await signIn(worker, 'social.worker')
    await worker.goto(`${care}/start`)
    await fillDate(worker, 'start', day(-70))
    await worker.check('input[name="admission"][value="emergency"]')
    await worker.selectOption('#legalStatus', 'V2')
    await worker.check('input[name="categoryOfNeed"][value="N1"]')
    await worker.fill('#homePostcode', 'RM17 6AB')
    await worker.selectOption('#place', 'U6')
    await worker.selectOption('#provider', 'PR1')
    await worker.fill('#carer', 'Jo and Sam Green')
    await worker.fill('#postcode', 'RM16 2TX')
    await worker.click('[data-testid="save"]')
    await expectBanner(worker, 'Period of care started')

    // Asked of each period: she had no previous permanence order.
    await worker.click('[data-testid="record-previous-permanence"]')
    await worker.check('input[name="prevPerm"][value="Z1"]')
    await worker.click('[data-testid="save"]')
    await expectBanner(worker, 'Previous permanence recorded')

    const visit = async (on: string) => {
      await worker.goto(care)
      await worker.click('[data-testid="record-visit"]')
      await fillDate(worker, 'visited', on)
      await worker.check('input[name="location"][value="placement"]')
      await worker.check('input[name="seen"][value="yes"]')
      await worker.check('input[name="seenAlone"][value="yes"]')
      await worker.fill('#note', 'Rosa showed me her room.')
      await worker.click('[data-testid="save"]')
      await expectBanner(worker, 'Statutory visit recorded')
    }
    // The first visit within the week.
    await visit(day(-66))

    // The initial health assessment: asked for, then done.
    await worker.click('[data-testid="record-health-assessment"]')
    await fillDate(worker, 'requested', day(-68))
    await fillDate(worker, 'completed', day(-56))
    await worker.fill('#completedBy', 'LAC nurse')
    await worker.click('[data-testid="save"]')
    await expectBanner(worker, 'Initial health assessment recorded as completed')

    // The team manager allocates the IRO.
    const manager = await newPage(site)
    await signIn(manager, 'team.manager')
    await manager.goto(care)
    await manager.click('[data-testid="allocate-iro"]')
    await manager.getByLabel('Ruth Okonjo').check()
    await manager.click('[data-testid="save"]')
    await expectBanner(manager, 'Independent reviewing officer allocated')

    // The IRO holds the first review: Rosa attended and spoke for herself (PN1).
    const iro = await newPage(site)
    await signIn(iro, 'iro')
    const review = async (on: string) => {
      await iro.goto(care)
      await iro.click('[data-testid="record-review"]')
      await fillDate(iro, 'held', on)
      await iro.check('#participation-2')
      await iro.check('#reportShared')
      await fillDate(iro, 'report', on)
      await iro.click('[data-testid="save"]')
      await expectBanner(iro, 'Review recorded')
    }
    await review(day(-50))

    // A move, with its reason, and the visit in the new placement within its week.
    await worker.goto(care)
    await worker.click('[data-testid="change-placement"]')
    await fillDate(worker, 'change', day(-40))
    await worker.check('input[name="sameCarer"][value="no"]')
    await worker.selectOption('#place', 'U4')
    await worker.selectOption('#provider', 'PR1')
    await worker.fill('#carer', 'Ann Lee')
    await worker.fill('#postcode', 'RM16 4QT')
    await worker.selectOption('#reasonPlaceChange', 'CARPL')
    await worker.click('[data-testid="save"]')
    await expectBanner(worker, 'Placement changed')
    await visit(day(-37))

    // The court makes an interim care order.
    await worker.goto(care)
    await worker.click('[data-testid="change-legal-status"]')
    await fillDate(worker, 'change', day(-30))
    await worker.selectOption('#legalStatus', 'C1')
    await worker.click('[data-testid="save"]')
    await expectBanner(worker, 'Legal status changed')

    // The second review, within three months of the first.
    await review(day(-10))
    expect(await iro.locator('[data-testid="review"]').count()).toBe(2)

    // Her birth certificate is on file.
    await worker.goto(care)
    await worker.click('[data-testid="change-birth_certificate"]')
    await worker.check('input[name="status"][value="held"]')
    await worker.fill('#keptAt', 'on her file at the office')
    await worker.click('[data-testid="save"]')
    await expectBanner(worker, 'Birth certificate recorded')

    // The care record shows each of them.
    await worker.goto(care)
    const episodes = worker.locator('[data-testid="episode"]')
    await expect.poll(() => episodes.count()).toBe(3)
    await expectAccessible(worker, 'the care record at the end of the journey')

    // The performance officer builds the year's SSDA903 from Haven's records: no error for Rosa.
    const officer = await newPage(site)
    await signIn(officer, 'performance')
    await officer.goto('/returns/ssda903')
    await officer.getByRole('radio', { name: collectionYear() }).check()
    await officer.click('[data-testid="build"]')
    await expect.poll(() => officer.url()).toMatch(/\/returns\/uploads\/\d+$/)
    // The page's script shows the report once the check is done.
    await officer.getByTestId('totals').waitFor({ timeout: 60_000 })
    await expectAccessible(officer, 'the SSDA903 built from records')
    await officer.goto(`${officer.url()}?view=findings&child=${childId}&type=error`)
    expect(await officer.locator('[data-testid="findings"]').textContent()).toContain(
      'No findings match these filters',
    )
  }, 240_000)
})

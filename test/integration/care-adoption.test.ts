/**
 * Adoption and special guardianship on the care page, through its forms, on a fixed clock (Friday
 * 20 March 2026, noon). Mia (born 1 May 2023) comes into care on 7 April 2025 with foster carers;
 * the decision that she should be placed for adoption is recorded (out-of-order dates, a decision
 * after the placement order and adopters' codes that disagree are refused with nothing saved); the
 * placement order is her legal status E1 from 1 September, she is matched on 6 October and placed
 * for adoption (A6) on 3 November; care cannot end other than by adoption while the decision
 * stands, and ends with the adoption order (E11) on 2 March 2026. The section shows each
 * milestone and the scorecard's intervals; the published view has them; each write has its case
 * event and audit row. Leo's care ends with a special guardianship order. Someone with no link
 * to the child is refused, and a partner who may read the record may not record it; both are
 * audited and nothing is saved. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { careStartForm, dayFields as day } from '../support/care.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let mia = 0

const saved = async () =>
  db().selectFrom('care_adoption').selectAll().where('child_id', '=', mia).executeTakeFirst()
const audits = async (action: string) =>
  (
    await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('child_id', '=', mia)
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((r) => r.outcome)

const decision = (on: string) => ({ ...day('decision', on), decisionMaker: 'Ruth Okafor, head of service' })
const match = (on: string, over: Record<string, string> = {}) => ({
  matched: 'yes',
  ...day('match', on),
  adopters: '2',
  sexes: 'MF',
  legalStatus: 'L11',
  fosterCarers: 'no',
  ...over,
})

beforeAll(async () => {
  t = await openTestApp({ clock })
  mia = await f.child({ given: 'Mia', family: 'Stone', dob: '2023-05-01' })
}, 60_000)
afterAll(async () => t.close())

describe('the decision to place for adoption', () => {
  it('is recorded only while the child is looked after', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.get(`/children/${mia}/care/adoption`)).statusCode).toBe(409)
    const post = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2025-08-01'),
      matched: 'no',
      reversed: 'no',
    })
    expect(post.statusCode).toBe(409)
    expect(await saved()).toBeUndefined()
  })

  it('is asked on the care page once care starts', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${mia}/care/start`, careStartForm('2025-04-07'))).statusCode).toBe(303)
    const page = pageText((await b.get(`/children/${mia}/care`)).body)
    expect(page).toContain('Adoption and permanence')
    expect(page).toContain('Record the decision to place for adoption')
    expect(page).toContain('No adoption or special guardianship recorded for this period of care')
  })

  it('refuses missing answers and out-of-order dates with the error summary, nothing saved', async () => {
    const b = await f.signedIn('social.worker')
    const empty = await b.post(`/children/${mia}/care/adoption`, {})
    expect(empty.statusCode).toBe(400)
    const text = pageText(empty.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Enter the date of the decision')
    expect(text).toContain('Enter the agency decision maker')
    const early = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2025-04-06'),
      matched: 'no',
      reversed: 'no',
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain(
      'The date of the decision must be on or after 7 April 2025, when the child started to be looked after',
    )
    expect(early.body).toContain('value="Ruth Okafor, head of service"')
    const future = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2026-03-21'),
      matched: 'no',
      reversed: 'no',
    })
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('The date of the decision must be today or in the past')
    expect(await saved()).toBeUndefined()
    expect(await audits('care.adoption_record')).toEqual([])
  })

  it('comes on or before the placement order (legal status E1)', async () => {
    const b = await f.signedIn('social.worker')
    const order = await b.post(`/children/${mia}/care/legal-status`, {
      ...day('change', '2025-09-01'),
      legalStatus: 'E1',
    })
    expect(order.statusCode).toBe(303)
    const late = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2025-09-02'),
      matched: 'no',
      reversed: 'no',
    })
    expect(late.statusCode).toBe(409)
    expect(pageText(late.body)).toContain(
      'The date of the decision must be on or before 1 September 2025, when the placement order was made',
    )
    expect(await saved()).toBeUndefined()
    const ok = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2025-08-01'),
      matched: 'no',
      reversed: 'no',
    })
    expect(ok.statusCode).toBe(303)
    expect(await saved()).toMatchObject({ decided_on: '2025-08-01', matched_on: null, reversed_on: null })
    expect(await audits('care.adoption_record')).toEqual(['allowed'])
    const events = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('child_id', '=', mia)
      .where('type', '=', 'care.adoption_recorded')
      .execute()
    expect(events.map((e) => e.summary)).toEqual([
      'Adoption recorded: Decision that the child should be placed for adoption, 1 August 2025',
    ])
  })
})

describe('the match and the placement for adoption', () => {
  it('refuses adopters’ codes that disagree, leaving the record as it was', async () => {
    const b = await f.signedIn('social.worker')
    const bad = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2025-08-01'),
      ...match('2025-10-06', { adopters: '1' }),
      reversed: 'no',
    })
    expect(bad.statusCode).toBe(409)
    expect(pageText(bad.body)).toContain('One adopter is a single male or female adopter')
    expect(await saved()).toMatchObject({ matched_on: null, adopters: null })
    const early = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2025-08-01'),
      ...match('2025-07-31'),
      reversed: 'no',
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('The date of the match must be on or after 1 August 2025')
    expect(await audits('care.adoption_record')).toEqual(['allowed'])
  })

  it('records the match, then the move to the adopters is a change of placement (A6)', async () => {
    const b = await f.signedIn('social.worker')
    expect(
      (
        await b.post(`/children/${mia}/care/adoption`, {
          ...decision('2025-08-01'),
          ...match('2025-10-06'),
          reversed: 'no',
        })
      ).statusCode,
    ).toBe(303)
    expect(await saved()).toMatchObject({
      matched_on: '2025-10-06',
      adopters: 2,
      adopter_sexes: 'MF',
      adopter_legal_status: 'L11',
      by_foster_carers: false,
    })
    const placed = await b.post(`/children/${mia}/care/placement`, {
      ...day('change', '2025-11-03'),
      place: 'A6',
      provider: 'PR1',
      carer: 'The Hill family',
      urn: '',
      postcode: 'CM1 1AA',
      sameCarer: 'no',
      legalStatus: 'E1',
      reasonPlaceChange: 'CARPL',
    })
    expect(placed.statusCode).toBe(303)
    // The match cannot now move after the placement.
    const after = await b.post(`/children/${mia}/care/adoption`, {
      ...decision('2025-08-01'),
      ...match('2025-11-04'),
      reversed: 'no',
    })
    expect(after.statusCode).toBe(409)
    expect(pageText(after.body)).toContain(
      'The date of the match must be on or before 3 November 2025, when the child was placed for adoption',
    )
  })

  it('shows each milestone and the scorecard’s intervals on the care page', async () => {
    const b = await f.signedIn('social.worker')
    const page = pageText((await b.get(`/children/${mia}/care`)).body)
    expect(page).toContain('Correct the adoption record')
    expect(page).toContain('1 August 2025, by Ruth Okafor, head of service')
    expect(page).toContain('1 September 2025 (legal status E1)')
    expect(page).toContain(
      '6 October 2025: MF: A male and female couple; L11: A married couple of different sexes',
    )
    expect(page).toContain('3 November 2025 (A6: Placed for adoption with a placement order')
    // 7 April to 3 November 2025; 1 September to 6 October 2025.
    expect(page).toMatch(/Entering care to moving in with the adoptive family\s*210 days/)
    expect(page).toMatch(/Placement order to match\s*35 days/)
  })
})

describe('the end of care', () => {
  it('is refused other than by adoption while the decision stands', async () => {
    const b = await f.signedIn('social.worker')
    const home = await b.post(`/children/${mia}/care/end`, { ...day('end', '2026-03-02'), reason: 'E4A' })
    expect(home.statusCode).toBe(409)
    expect(pageText(home.body)).toContain('Record that the child should no longer be placed for adoption')
    const open = await db()
      .selectFrom('care_period')
      .select('end_date')
      .where('child_id', '=', mia)
      .executeTakeFirstOrThrow()
    expect(open.end_date).toBeNull()
  })

  it('ends with the adoption order, which the section and the published view show', async () => {
    const b = await f.signedIn('social.worker')
    const adopted = await b.post(`/children/${mia}/care/end`, { ...day('end', '2026-03-02'), reason: 'E11' })
    expect(adopted.statusCode).toBe(303)
    const page = pageText((await b.get(`/children/${mia}/care`)).body)
    expect(page).toContain('2 March 2026 (E11: Adopted: application unopposed)')
    expect(page).not.toContain('Correct the adoption record')
    const view = await db()
      .selectFrom('care_adoption_v')
      .select([
        'date_placed',
        'placement_order_on',
        'date_match',
        'placed_on',
        'adopted_on',
        'adoption_rec',
        'sgo_on',
      ])
      .where('child_id', '=', mia)
      .execute()
    expect(view).toEqual([
      {
        date_placed: '2025-08-01',
        placement_order_on: '2025-09-01',
        date_match: '2025-10-06',
        placed_on: '2025-11-03',
        adopted_on: '2026-03-02',
        adoption_rec: 'E11',
        sgo_on: null,
      },
    ])
  })

  it('may end otherwise once the decision is reversed: a special guardianship order, and who', async () => {
    const leo = await f.child({ given: 'Leo', family: 'Marsh', dob: '2016-02-11' })
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${leo}/care/start`, careStartForm('2025-06-02'))).statusCode).toBe(303)
    // A decision to place for adoption, reversed: then care may end otherwise.
    expect(
      (
        await b.post(`/children/${leo}/care/adoption`, {
          ...decision('2025-07-01'),
          matched: 'no',
          reversed: 'yes',
          ...day('reversal', '2025-12-01'),
          reversalReason: 'RD3',
        })
      ).statusCode,
    ).toBe(303)
    expect(
      (await b.post(`/children/${leo}/care/end`, { ...day('end', '2026-01-12'), reason: 'E45' })).statusCode,
    ).toBe(303)
    const page = pageText((await b.get(`/children/${leo}/care`)).body)
    expect(page).toContain(
      'Special guardianship order 12 January 2026 (E45): Former foster carers who are relatives or friends',
    )
    expect(page).toContain('Decision reversed 1 December 2025: RD3: Prospective adopters could not be found')
    const view = await db()
      .selectFrom('care_adoption_v')
      .select(['date_placed', 'sgo_on', 'sgo_rec'])
      .where('child_id', '=', leo)
      .execute()
    expect(view).toEqual([{ date_placed: '2025-07-01', sgo_on: '2026-01-12', sgo_rec: 'E45' }])
  })
})

describe('who may record it', () => {
  it('refuses someone with no link to the child, and audits it, changing nothing', async () => {
    const ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2024-01-20' })
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${ava}/care/start`, careStartForm('2026-01-05'))).statusCode).toBe(303)
    const police = await f.signedIn('police')
    for (const res of [
      await police.get(`/children/${ava}/care/adoption`),
      await police.post(`/children/${ava}/care/adoption`, {
        ...decision('2026-02-02'),
        matched: 'no',
        reversed: 'no',
      }),
    ]) {
      expect([403, 404]).toContain(res.statusCode)
      const audit = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute()
      expect(audit).toEqual([{ outcome: 'denied' }])
    }
    expect(
      await db().selectFrom('care_adoption').select('period_id').where('child_id', '=', ava).execute(),
    ).toEqual([])
  })

  it('lets a partner who may read the record see the section, not record it', async () => {
    const ava = await db()
      .selectFrom('person')
      .select('id')
      .where('given_name', '=', 'Ava')
      .where('family_name', '=', 'Brook')
      .executeTakeFirstOrThrow()
    await f.grant(ava.id, 'health.visitor', 'process_participant', { reason: 'Health assessment' })
    const nurse = await f.signedIn('health.visitor')
    const page = await nurse.get(`/children/${ava.id}/care`)
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain('Adoption and permanence')
    expect(text).not.toContain('Record the decision to place for adoption')
    const post = await nurse.post(`/children/${ava.id}/care/adoption`, {
      ...decision('2026-02-02'),
      matched: 'no',
      reversed: 'no',
    })
    expect([403, 404]).toContain(post.statusCode)
    const audit = await db()
      .selectFrom('audit_event')
      .select(['outcome', 'action'])
      .where('request_id', '=', String(post.headers['x-request-id']))
      .execute()
    expect(audit.map((a) => a.outcome)).toEqual(['denied'])
    expect(
      await db().selectFrom('care_adoption').select('period_id').where('child_id', '=', ava.id).execute(),
    ).toEqual([])
  })
})

/**
 * Placements' commissioning, cost, approval, where and stability, through the pages, on a fixed
 * clock (Friday 20 March 2026, noon), with the synthetic postcode reference loaded. Ava (born 1 May
 * 2012) comes into care on 2 March with in-house foster carers at the standard allowance, in
 * borough; on 10 March she moves to a private children's home in Norwich, a spot purchase, which
 * awaits the Placement Panel and the head of service. Bad answers (a cost that is not a number or
 * negative, dated before the placement; an approval before the placement or in the future) are
 * refused with nothing saved; the cost's change keeps its history; each write has its case event
 * and audit row; someone with no link is refused and audited. Bo (looked after since 2023, in the
 * same placement since 1 March 2024) is stable in the long term; Cy has had 3 placements this
 * year. `/care/placements`: figures for everyone, names only for those the reader may see.
 * Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSyntheticPostcodesIfEmpty } from '../../src/modules/returns/ssda903/postcode-store.js'
import { placementDistanceMiles } from '../../src/modules/care/model.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { careStartForm, dayFields as day } from '../support/care.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
const kids = { ava: 0, bo: 0, cy: 0 }

const move = (date: string, over: Record<string, string> = {}) => ({
  ...day('change', date),
  sameCarer: 'no',
  legalStatus: 'V2',
  reasonPlaceChange: 'CARPL',
  place: 'U6',
  provider: 'PR1',
  carer: 'Pat and Lee Hill',
  urn: '',
  postcode: 'RM16 2TX',
  ...over,
})
const toOakHouse = move('2026-03-10', {
  place: 'K2',
  provider: 'PR4',
  carer: 'Oak House',
  urn: 'SC123456',
  postcode: 'NR3 1AB',
  route: 'spot',
  weeklyCost: '4,750',
})

const costs = async () =>
  db()
    .selectFrom('care_placement_cost')
    .select(['from_date', 'route', 'weekly_pence'])
    .where('child_id', '=', kids.ava)
    .orderBy('id')
    .execute()
const approvals = async () =>
  db()
    .selectFrom('care_placement_approval')
    .select(['kind', 'approved_on', 'approver'])
    .where('child_id', '=', kids.ava)
    .orderBy('id')
    .execute()
const audits = async (action: string) =>
  (
    await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('child_id', '=', kids.ava)
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((r) => r.outcome)
const approvalTasks = async () =>
  db()
    .selectFrom('task')
    .select(['assigned_user_id', 'stopped_at', 'due_at'])
    .where('child_id', '=', kids.ava)
    .where('clock_code', '=', 'placement-approval')
    .orderBy('id')
    .execute()
const section = (html: string) =>
  pageText(/id="placement"[\s\S]*?(?=<h2 class="govuk-heading-m" id="visits"|<h2)/.exec(html)?.[0] ?? html)
const figure = (text: string, label: RegExp) => Number(label.exec(text)?.[1] ?? NaN)

beforeAll(async () => {
  t = await openTestApp({ clock })
  await loadSyntheticPostcodesIfEmpty(db())
  kids.ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2012-05-01' })
  kids.bo = await f.child({ given: 'Bo', family: 'Lane', dob: '2015-01-01' })
  kids.cy = await f.child({ given: 'Cy', family: 'Moss', dob: '2011-02-01' })
}, 60_000)
afterAll(async () => t.close())

describe('cost recorded with the placement', () => {
  it('refuses a cost that is not a number with the start of care, nothing saved', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.post(
      `/children/${kids.ava}/care/start`,
      careStartForm('2026-03-02', { route: 'spot', weeklyCost: 'lots' }),
    )
    expect(res.statusCode).toBe(400)
    const text = pageText(res.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('The weekly cost must be an amount in pounds and pence, like 875.50')
    expect(res.body).toContain('value="lots"')
    const periods = await db()
      .selectFrom('care_period')
      .select('id')
      .where('child_id', '=', kids.ava)
      .execute()
    expect(periods).toEqual([])
  })

  it('starts care in-house at the standard allowance, in borough, its distance by the DfE formula', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.post(
      `/children/${kids.ava}/care/start`,
      careStartForm('2026-03-02', { route: 'in_house', weeklyCost: '' }),
    )
    expect(res.statusCode).toBe(303)
    expect(await costs()).toEqual([{ from_date: '2026-03-02', route: 'in_house', weekly_pence: null }])
    const view = await db()
      .selectFrom('care_placement_v')
      .selectAll()
      .where('child_id', '=', kids.ava)
      .executeTakeFirstOrThrow()
    // RM17 6 and RM16 2 in the synthetic reference: the view's SQL and the model agree.
    const miles = placementDistanceMiles(
      { easting: 562300, northing: 178000 },
      { easting: 561400, northing: 179700 },
    )
    expect(view).toMatchObject({ route: 'in_house', placement_la: 'E06000034', distance_miles: miles })
    const page = section((await b.get(`/children/${kids.ava}/care`)).body)
    expect(page).toContain('In-house: the standard allowance, from 2 March 2026')
    expect(page).toContain(`In borough, ${miles} miles from home (within 20 miles)`)
    expect(page).toContain('None needed: an in-house or family placement')
    expect(page).toMatch(/Placements in the last 12 months\s+1/)
    expect(page).toContain('Not measured yet: looked after for less than 2 and a half years')
  })

  it('moves her to a children’s home bought spot, out of borough, awaiting both approvals', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${kids.ava}/care/placement`, toOakHouse)).statusCode).toBe(303)
    expect((await costs()).at(-1)).toEqual({ from_date: '2026-03-10', route: 'spot', weekly_pence: 475000 })
    const page = section((await b.get(`/children/${kids.ava}/care`)).body)
    expect(page).toContain('Spot purchase: £4,750.00 a week, from 10 March 2026')
    expect(page).toContain('Awaiting approval Needs the approval of: Placement Panel, Head of service')
    expect(page).toMatch(/Out of borough, [\d.]+ miles from home \(more than 20 miles\)/)
    expect(page).toMatch(/Placements in the last 12 months\s+2/)
    // The approval is a task on her team manager's list, due 5 working days after the move.
    const tasks = await approvalTasks()
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ assigned_user_id: await f.userId('team.manager'), stopped_at: null })
    expect(tasks[0]?.due_at.toISOString().slice(0, 10)).toBe('2026-03-17')
    expect(pageText((await b.get(`/children/${kids.ava}/care`)).body)).toContain('Approve the placement: by')
    // On her team manager's home page, naming no child.
    const home = (await (await f.signedIn('team.manager')).get('/')).body
    const panel = /data-testid="placements-awaiting-summary"[\s\S]*?<\/div>/.exec(home)?.[0] ?? ''
    expect(pageText(panel)).toContain(
      '1 child’s placement awaits the Placement Panel’s or the head of service’s approval',
    )
    expect(panel).toContain('href="/care/placements"')
    expect(panel).not.toContain('Ava')
  })
})

describe('the cost form', () => {
  const path = () => `/children/${kids.ava}/care/placement-cost`

  it('refuses a negative cost, or one dated before the placement began, nothing saved', async () => {
    const b = await f.signedIn('social.worker')
    const before = await costs()
    const negative = await b.post(path(), {
      ...day('from', '2026-03-15'),
      route: 'framework',
      weeklyCost: '-4500',
    })
    expect(negative.statusCode).toBe(400)
    expect(pageText(negative.body)).toContain('The weekly cost must be £0 or more')
    const early = await b.post(path(), {
      ...day('from', '2026-03-09'),
      route: 'framework',
      weeklyCost: '4500',
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain(
      'The date must be on or after 10 March 2026, when the placement began',
    )
    const future = await b.post(path(), {
      ...day('from', '2026-03-21'),
      route: 'framework',
      weeklyCost: '4500',
    })
    expect(future.statusCode).toBe(400)
    expect(await costs()).toEqual(before)
    expect(await audits('care.placement_cost_record')).toEqual([])
  })

  it('records a change of cost from a date, keeping the one before, with its case event and audit row', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.post(path(), {
      ...day('from', '2026-03-15'),
      route: 'framework',
      weeklyCost: '4500.00',
    })
    expect(res.statusCode).toBe(303)
    expect(await costs()).toHaveLength(3)
    const page = section((await b.get(`/children/${kids.ava}/care`)).body)
    expect(page).toContain('Framework or contract: £4,500.00 a week, from 15 March 2026')
    expect(page).toMatch(
      /15 March 2026\s+Framework or contract: £4,500.00 a week[\s\S]*10 March 2026\s+Spot purchase/,
    )
    expect(await audits('care.placement_cost_record')).toEqual(['allowed'])
    const events = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('child_id', '=', kids.ava)
      .where('type', '=', 'placement.cost_recorded')
      .execute()
    expect(events.map((e) => e.summary)).toEqual([
      'Placement commissioned framework or contract, £4,500.00 a week, from 15 March 2026',
    ])
  })
})

describe('approval', () => {
  const path = () => `/children/${kids.ava}/care/placement-approval`

  it('refuses an approval dated before the placement or in the future, nothing saved', async () => {
    const b = await f.signedIn('social.worker')
    const early = await b.post(path(), {
      kind: 'placement_panel',
      ...day('approved', '2026-03-09'),
      approver: 'Ann Lee',
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain(
      'The date of approval must be on or after 10 March 2026, when the placement began',
    )
    const future = await b.post(path(), {
      kind: 'placement_panel',
      ...day('approved', '2026-03-21'),
      approver: 'Ann Lee',
    })
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('The date of approval must be today or in the past')
    expect(await approvals()).toEqual([])
    expect(await audits('care.placement_approve')).toEqual([])
  })

  it('records the panel’s and the head of service’s approval once each; then it awaits nothing', async () => {
    const b = await f.signedIn('social.worker')
    const panel = { kind: 'placement_panel', ...day('approved', '2026-03-12'), approver: 'Ann Lee' }
    expect((await b.post(path(), panel)).statusCode).toBe(303)
    let page = section((await b.get(`/children/${kids.ava}/care`)).body)
    expect(page).toContain('Needs the approval of: Head of service')
    expect(page).toContain('Placement Panel, 12 March 2026, chaired by Ann Lee')
    const again = await b.post(path(), { ...panel, _submission: '' })
    expect(again.statusCode).toBe(409)
    expect(pageText(again.body)).toContain('The placement panel’s approval is already recorded')
    const head = { kind: 'head_of_service', ...day('approved', '2026-03-13'), approver: 'Andrew Carter' }
    expect((await b.post(path(), head)).statusCode).toBe(303)
    page = section((await b.get(`/children/${kids.ava}/care`)).body)
    expect(page).not.toContain('Awaiting approval')
    expect(page).toContain('Head of service, Andrew Carter, 13 March 2026')
    expect(await approvals()).toHaveLength(2)
    expect(await audits('care.placement_approve')).toEqual(['allowed', 'allowed'])
    expect((await (await f.signedIn('team.manager')).get('/')).body).not.toContain(
      'placements-awaiting-summary',
    )
    // The last approval stops the task.
    expect((await approvalTasks()).map((t) => t.stopped_at !== null)).toEqual([true])
    const chronology = pageText((await b.get(`/children/${kids.ava}/chronology`)).body)
    expect(chronology).toContain(
      'Residential placement approved by the head of service, Andrew Carter, on 13 March 2026',
    )
  })

  it('refuses someone with no link to the child, auditing the refusal, nothing saved', async () => {
    const police = await f.signedIn('police')
    for (const [form, answers] of [
      ['placement-cost', { ...day('from', '2026-03-18'), route: 'spot', weeklyCost: '1' }],
      ['placement-approval', { kind: 'placement_panel', ...day('approved', '2026-03-18'), approver: 'X' }],
    ] as const) {
      const res = await police.post(`/children/${kids.ava}/care/${form}`, answers)
      expect([403, 404], form).toContain(res.statusCode)
      const audit = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute()
      expect(
        audit.map((a) => a.outcome),
        form,
      ).toContain('denied')
    }
    expect(await costs()).toHaveLength(3)
    expect(await approvals()).toHaveLength(2)
  })
})

describe('a placement for adoption', () => {
  it('withholds how far the prospective adopters live from home from a partner who may not see them', async () => {
    const mia = await f.child({ given: 'Mia', family: 'Stone', dob: '2024-02-01' })
    const b = await f.signedIn('social.worker')
    const start = careStartForm('2026-03-16', {
      legalStatus: 'E1',
      place: 'A5',
      carer: 'The Hill family',
      postcode: 'CM12 1AA',
    })
    expect((await b.post(`/children/${mia}/care/start`, start)).statusCode).toBe(303)
    expect(section((await b.get(`/children/${mia}/care`)).body)).toMatch(
      /Where\s+Out of borough, [\d.]+ miles from home/,
    )
    await f.grant(mia, 'health.visitor', 'process_participant', { reason: 'Health assessment' })
    const nurse = await f.signedIn('health.visitor')
    const page = section((await nurse.get(`/children/${mia}/care`)).body)
    expect(page).toContain('Where Withheld: the prospective adopters')
    expect(page).not.toContain('miles')
  })
})

describe('stability and the managers’ list', () => {
  it('shows Bo stable in the long term and Cy with 3 placements this year', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${kids.bo}/care/start`, careStartForm('2023-06-01'))).statusCode).toBe(
      303,
    )
    expect((await b.post(`/children/${kids.bo}/care/placement`, move('2024-03-01'))).statusCode).toBe(303)
    expect((await b.post(`/children/${kids.cy}/care/start`, careStartForm('2025-01-01'))).statusCode).toBe(
      303,
    )
    expect((await b.post(`/children/${kids.cy}/care/placement`, move('2025-06-01'))).statusCode).toBe(303)
    expect(
      (await b.post(`/children/${kids.cy}/care/placement`, move('2025-09-01', { carer: 'Kit Rowe' })))
        .statusCode,
    ).toBe(303)
    const bo = section((await b.get(`/children/${kids.bo}/care`)).body)
    expect(bo).toContain('Stable: in the same placement (with the same carers) for 2 years or more')
    const cy = section((await b.get(`/children/${kids.cy}/care`)).body)
    expect(cy).toMatch(/Placements in the last 12 months\s+3 3 or more/)
  })

  it('is refused to a social worker', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.get('/care/placements')).statusCode).toBe(403)
  })

  it('lists current placements with cost, route, distance, borough and approval, audited as a list', async () => {
    const b = await f.signedIn('service.manager')
    const res = await b.get('/care/placements')
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(figure(text, /3 or more placements in the last 12 months\s+(\d+) of/)).toBeGreaterThanOrEqual(1)
    expect(figure(text, /placed for adoption\)\s+(\d+) of/)).toBeGreaterThanOrEqual(1)
    expect(text).toMatch(/Out of borough and more than 20 miles from home\s+[1-9]/)
    const row =
      /<tr class="govuk-table__row" data-testid="placement-row">[\s\S]*?Ava Brook[\s\S]*?<\/tr>/.exec(
        res.body,
      )
    expect(pageText(row?.[0] ?? '')).toMatch(
      /Ava Brook K2: Children’s home subject to the Children’s Homes Regulations PR4: Private provision; since 10 March 2026 Framework or contract: £4,500.00 a week [\d.]+ miles Out of borough Approved or none needed 2/,
    )
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .where('action', '=', 'care.placements_list')
      .executeTakeFirstOrThrow()
    expect(audit.detail).toMatchObject({ childIds: expect.arrayContaining([kids.ava, kids.bo, kids.cy]) })
  })

  it('shows the performance officer the figures and no names', async () => {
    const perf = await f.signedIn('performance')
    const page = await perf.get('/care/placements')
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toMatch(/Out of borough\s+[1-9]/)
    expect(text).not.toContain('Ava Brook')
    expect(text).toContain('No child you may see by name is on this list.')
  })
})

/**
 * The multi-agency chronology's second slice (issue 15), through the pages on a fixed clock: a long
 * chronology paged 100 lines at a time with the filter applied in SQL, and printed whole; the "no
 * multi-agency meeting" warning while a service works with a child; and the family's chronology,
 * which shows each brother and sister the reader may view, audited as a view of each, and leaves
 * out without a word those the reader may not. Friday 18 December 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn } = f
let long = 0
let eldest = 0
let middle = 0
let baby = 0

const contribution = (day: string, month: string, extra: Record<string, string> = {}) => ({
  'occurred-day': day,
  'occurred-month': month,
  'occurred-year': '2026',
  source: 'Nia Barker, health visitor, at a home visit',
  basis: 'fact',
  significance: 'high',
  entryType: 'injury',
  whatHappened: 'A bruise on the upper arm.',
  bodyPart: 'Upper arm',
  childMobile: 'no',
  ...extra,
})

async function add(username: string, childId: number, answers: Record<string, string>) {
  const res = await (await signedIn(username)).post(`/children/${childId}/chronology/new`, answers)
  expect(res.statusCode, pageText(res.body)).toBe(303)
}

/** `count` contacts recorded on the child, one a day back from 17 December 2026. */
async function events(childId: number, count: number, type = 'contact.received') {
  const worker = await f.userId('social.worker')
  await db()
    .insertInto('case_event')
    .values(
      Array.from({ length: count }, (_, i) => ({
        child_id: childId,
        subject_type: 'contact',
        subject_id: String(i + 1),
        type,
        occurred_at: new Date(Date.UTC(2026, 11, 17 - i, 9)),
        summary: `Contact number ${count - i}`,
        recorded_by: worker,
      })),
    )
    .execute()
}

const lines = (body: string) => body.split('class="moj-timeline__item"').length - 1

beforeAll(async () => {
  t = await openTestApp({ clock })
  long = await f.child({ given: 'Kai', family: 'Ashdown', dob: '2015-03-01' })
  await f.grant(long, 'health.visitor', 'process_participant', { reason: 'Core group' })
  await events(long, 250)
  await add('health.visitor', long, contribution('16', '12', { childMobile: 'yes' }))
  const family = await f.family('Redruth', [
    { given: 'Maisie', dob: '2014-06-01' },
    { given: 'Tyler', dob: '2019-02-01' },
    { given: 'Rosie', dob: '2026-09-01' },
  ])
  ;[eldest, middle, baby] = family.children
  // The health visitor works with the baby and Tyler, not with Maisie.
  await f.grant(baby, 'health.visitor', 'process_participant', { reason: 'Core group' })
  await f.grant(middle, 'health.visitor', 'process_participant', { reason: 'Core group' })
  await events(eldest, 3)
  await events(middle, 2)
  await add('health.visitor', baby, contribution('1', '12'))
}, 60_000)
afterAll(async () => t.close())

describe('paging', () => {
  it('shows 100 lines a page, newest first, with page links that work without JavaScript', async () => {
    const b = await signedIn('social.worker')
    const first = await b.get(`/children/${long}/chronology`)
    expect(lines(first.body)).toBe(100)
    const text = pageText(first.body)
    expect(text).toContain('251 entries, newest first: lines 1 to 100 on this page.')
    expect(text.indexOf('Contact number 250')).toBeLessThan(text.indexOf('Contact number 249'))
    expect(text).toContain('Injury')
    expect(first.body).toContain('class="govuk-pagination')
    expect(first.body).toContain('href="?page=2"')
    const last = await b.get(`/children/${long}/chronology?page=3`)
    expect(lines(last.body)).toBe(51)
    expect(pageText(last.body)).toContain('Contact number 1')
    expect(pageText(last.body)).not.toContain('Contact number 52 ')
  })

  it('filters in the query, so the count and the pages agree with the filter', async () => {
    const b = await signedIn('social.worker')
    const injuries = await b.get(`/children/${long}/chronology?type=injury`)
    expect(lines(injuries.body)).toBe(1)
    expect(pageText(injuries.body)).toContain('Showing 1 of 251')
    expect(injuries.body).not.toContain('govuk-pagination')
    const csc = await b.get(`/children/${long}/chronology?agency=Children%E2%80%99s+social+care&page=2`)
    expect(lines(csc.body)).toBe(100)
    expect(pageText(csc.body)).toContain('Showing 250 of 251')
    expect(csc.body).toContain('href="?agency=Children%E2%80%99s+social+care&amp;page=3"')
  })

  it('prints every line the filter keeps, all pages', async () => {
    const b = await signedIn('social.worker')
    const printed = await b.get(`/children/${long}/chronology?print=1`)
    expect(lines(printed.body)).toBe(251)
    expect(printed.body).not.toContain('govuk-pagination')
  })
})

describe('no multi-agency meeting', () => {
  it('warns while a service has worked with the child for over six weeks with no meeting, until one is held', async () => {
    await db()
      .updateTable('child_access')
      .set({ granted_at: new Date('2026-09-01T09:00:00Z') })
      .where('child_id', '=', long)
      .where('basis', 'in', ['allocated_worker', 'allocated_team'])
      .execute()
    const b = await signedIn('social.worker')
    const warning =
      'Drift: No multi-agency meeting recorded in Haven since the work with this child began on 1 September 2026.'
    expect(pageText((await b.get(`/children/${long}/chronology`)).body)).toContain(warning)
    expect(pageText((await b.get(`/children/${long}`)).body)).toContain(warning)
    // A core group seven weeks ago is too long ago; one five weeks ago stops the warning.
    await events(long, 1, 'core_group.held')
    await db()
      .updateTable('case_event')
      .set({ occurred_at: new Date('2026-10-30T10:00:00Z') })
      .where('child_id', '=', long)
      .where('type', '=', 'core_group.held')
      .execute()
    expect(pageText((await b.get(`/children/${long}/chronology`)).body)).toContain(
      'Drift: No multi-agency meeting in the last 6 weeks: the last was on 30 October 2026.',
    )
    await db()
      .updateTable('case_event')
      .set({ occurred_at: new Date('2026-11-13T10:00:00Z') })
      .where('child_id', '=', long)
      .where('type', '=', 'core_group.held')
      .execute()
    expect(pageText((await b.get(`/children/${long}/chronology`)).body)).not.toContain('Drift')
  })
})

describe('the family chronology', () => {
  it('shows every child of the family to their worker, each line naming its child, with warnings per child', async () => {
    const b = await signedIn('social.worker')
    const own = await b.get(`/children/${middle}/chronology`)
    expect(own.body).toContain(`href="/children/${middle}/chronology/family"`)
    const res = await b.get(`/children/${middle}/chronology/family`)
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(text).toContain('3 children you may view: Maisie Redruth')
    expect(lines(res.body)).toBe(6)
    expect(text).toContain('Rosie Redruth · Thurrock Health Visiting Service: Injury')
    expect(res.body).toContain(`data-testid="harm-warnings-${baby}"`)
    expect(text).toContain('Cumulative harm: An injury to a baby under 6 months old')
    const audited = await db()
      .selectFrom('audit_event')
      .select(['child_id', 'action'])
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .orderBy('id')
      .execute()
    expect(audited).toEqual([
      { child_id: middle, action: 'chronology.view' },
      { child_id: eldest, action: 'chronology.view' },
      { child_id: baby, action: 'chronology.view' },
    ])
  })

  it('filters by child, and pages and prints the family’s lines', async () => {
    const b = await signedIn('social.worker')
    const one = await b.get(`/children/${middle}/chronology/family?child=${eldest}`)
    expect(lines(one.body)).toBe(3)
    expect(pageText(one.body)).toContain('Showing 3 of 6')
    const printed = await b.get(`/children/${middle}/chronology/family?child=${eldest}&print=1`)
    expect(lines(printed.body)).toBe(3)
    expect(pageText(printed.body)).toContain('Only Maisie Redruth;')
  })

  it('leaves out, without naming them, the children the reader may not view', async () => {
    const hv = await signedIn('health.visitor')
    const res = await hv.get(`/children/${baby}/chronology/family`)
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('Maisie')
    expect(pageText(res.body)).toContain('2 children you may view')
    expect(lines(res.body)).toBe(3)
    const audited = await db()
      .selectFrom('audit_event')
      .select(['child_id', 'action', 'outcome'])
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .orderBy('id')
      .execute()
    expect(audited).toEqual([
      { child_id: baby, action: 'chronology.view', outcome: 'allowed' },
      { child_id: middle, action: 'chronology.view', outcome: 'allowed' },
    ])
    // Asking for Maisie's lines by her id shows nothing of her.
    const asked = await hv.get(`/children/${baby}/chronology/family?child=${eldest}`)
    expect(asked.body).not.toContain('Maisie')
    expect(lines(asked.body)).toBe(3)
  })
})

describe('the demo authority', () => {
  it('has a family of four whose chronology warns for more than one child', async () => {
    const row = await db()
      .selectFrom('chronology_entry as e')
      .innerJoin('child_access as a', 'a.child_id', 'e.child_id')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['e.child_id', 'u.username'])
      .where('e.child_mobile', '=', 'no')
      .where('e.child_id', '<>', baby)
      .where('a.basis', '=', 'allocated_worker')
      .executeTakeFirstOrThrow()
    const res = await (await signedIn(row.username)).get(`/children/${row.child_id}/chronology/family`)
    const text = pageText(res.body)
    expect(text).toContain('4 children you may view')
    expect(res.body.match(/data-testid="harm-warnings-\d+"/g)?.length).toBeGreaterThanOrEqual(3)
    expect(text).toContain('An injury to a baby under 6 months old')
    expect(text).toContain('3 injuries within 12 weeks')
    expect(text).toContain('Not brought to 2 appointments within 6 months')
    expect(text).toContain('Drift: No multi-agency meeting')
    expect(text).toContain('Little Thurrock Primary School: Education')
  })
})

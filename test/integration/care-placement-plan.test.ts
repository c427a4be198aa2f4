/**
 * The placement plan and delegated authority, and carers as users, through their pages on a fixed
 * clock (Wednesday 15 April 2026, noon). Ava (born 1 May 2016) comes into care with Jo and Sam
 * Green on Monday 2 March. Her social worker records the plan (bad answers refused with nothing
 * saved), then a second version (the first kept); the foster carer's account (the demo's Joy
 * Okafor) sees nothing of Ava until the worker gives it access. Then Joy sees Ava on her home
 * page and opens the plan, restricted record or not, and is refused every other route that names
 * Ava (built from the application's route table, so a new route cannot be forgotten), each
 * refusal audited. Ava moves: Joy's access ends at once. Care ends: a carer given access to the
 * new placement loses it too. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import {
  DELEGATED_DECISIONS,
  delegateName,
  PLACEMENT_PLAN_CLOCK,
} from '../../src/modules/care/placement-plan-model.js'
import { caseworkFactory } from '../support/casework.js'
import { careStartForm, dayFields as day } from '../support/care.js'
import { csrfFrom, pageText, type Browser, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-04-15T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0
let joy = 0
let lee = 0

const PLAN_PATH = () => `/children/${ava}/care/placement-plan`

const plan = (over: Record<string, string> = {}): Record<string, string> => ({
  ...day('agreed', '2026-03-05'),
  routines: 'Bed at 8 with a story.',
  health: 'Asthma: blue inhaler as needed, kept in her school bag.',
  education: 'Year 4 at Little Thurrock Primary; the carer drives.',
  contact: 'Mother: Saturdays 2 to 4pm at the family centre, supervised by a contact worker.',
  behaviour: 'Anxious at night; reassure and leave the landing light on.',
  missing: 'Call the police on 999, then the emergency duty team.',
  ...Object.fromEntries(DELEGATED_DECISIONS.map((d) => [delegateName(d.code), 'carer'])),
  ...over,
})

const plansSaved = () =>
  db()
    .selectFrom('care_placement_plan')
    .select(['id', 'version', 'agreed_on'])
    .where('child_id', '=', ava)
    .orderBy('version')
    .execute()
/** The placement plan's clock (placement-plan-5wd): each placement's due time and how it closed. */
async function planTasks() {
  const rows = await db()
    .selectFrom('task')
    .select(['due_at', 'closed_by'])
    .where('child_id', '=', ava)
    .where('clock_code', '=', PLACEMENT_PLAN_CLOCK)
    .orderBy('started_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.due_at.toISOString(), r.closed_by])
}
const auditOf = (action: string, userId?: number) =>
  db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'basis', 'user_id', 'detail'])
    .where('child_id', '=', ava)
    .where('action', '=', action)
    .$if(userId !== undefined, (q) => q.where('user_id', '=', userId as number))
    .orderBy('id')
    .execute()
const carerGrants = (userId: number) =>
  db()
    .selectFrom('child_access')
    .select(['basis', 'revoked_at', 'revoked_reason'])
    .where('child_id', '=', ava)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await openTestApp({ clock })
  joy = await f.userId('foster.carer')
  lee = await f.userId('residential')
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2016-05-01' })
  const b = await f.signedIn('social.worker')
  const started = await b.post(`/children/${ava}/care/start`, careStartForm('2026-03-02'))
  expect(started.statusCode, pageText(started.body).slice(0, 300)).toBe(303)
}, 60_000)
afterAll(async () => t.close())

describe('recording the placement plan and delegated authority', () => {
  it('owes a plan 5 working days after the placement began, on the worker’s list and the care record', async () => {
    // Placed on Monday 2 March 2026: 3, 4, 5, 6 and 9 March; overdue on 15 April.
    expect(await planTasks()).toEqual([['2026-03-09T23:59:59.999Z', null]])
    const sw = await f.signedIn('social.worker')
    const worklist = pageText((await sw.get('/worklist')).body)
    expect(worklist).toContain('Agree the placement plan')
    expect(worklist).toContain('Ava Brook')
    const care = pageText((await sw.get(`/children/${ava}/care`)).body)
    expect(care).toContain('Agree the placement plan: by 9 March 2026')
  })

  it('refuses bad answers with a GOV.UK error summary, saving nothing', async () => {
    const sw = await f.signedIn('social.worker')
    const form = await sw.get(`${PLAN_PATH()}/edit`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Record the placement plan')
    const empty = await sw.post(`${PLAN_PATH()}/edit`, {
      ...plan({ routines: '', [delegateName('haircuts')]: '' }),
      'agreed-day': '',
      'agreed-month': '',
      'agreed-year': '',
    })
    expect(empty.statusCode).toBe(400)
    const text = pageText(empty.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Enter the date the plan was agreed')
    expect(text).toContain('Enter the daily routines')
    expect(text).toContain('Select who decides: haircuts')
    const future = await sw.post(`${PLAN_PATH()}/edit`, plan(day('agreed', '2026-04-16')))
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('The date agreed must be today or in the past')
    const early = await sw.post(`${PLAN_PATH()}/edit`, plan(day('agreed', '2026-03-01')))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('must be on or after 2 March 2026, when the placement began')
    expect(await plansSaved()).toEqual([])
  })

  it('records version 1, its delegated authority, the chronology line and the audit row', async () => {
    const sw = await f.signedIn('social.worker')
    const res = await sw.post(
      `${PLAN_PATH()}/edit`,
      plan({
        [delegateName('holidays_abroad')]: 'social_worker',
        [`${delegateName('haircuts')}-note`]: 'No dye',
      }),
    )
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    const saved = await plansSaved()
    expect(saved.map((p) => [p.version, p.agreed_on])).toEqual([[1, '2026-03-05']])
    // Agreed on 5 March, by the 9th: the clock is stopped, met, and off the list.
    expect(await planTasks()).toEqual([['2026-03-09T23:59:59.999Z', 'stop']])
    expect(pageText((await sw.get('/worklist')).body)).not.toContain('Agree the placement plan')
    const delegated = await db()
      .selectFrom('care_delegated_authority')
      .select(['decision', 'decided_by', 'note'])
      .where('plan_id', '=', saved[0]?.id as number)
      .execute()
    expect(delegated).toHaveLength(8)
    expect(delegated).toContainEqual({ decision: 'holidays_abroad', decided_by: 'social_worker', note: null })
    expect(delegated).toContainEqual({ decision: 'haircuts', decided_by: 'carer', note: 'No dye' })
    expect(
      await db()
        .selectFrom('case_event')
        .select('summary')
        .where('child_id', '=', ava)
        .where('type', '=', 'placement_plan.recorded')
        .execute(),
    ).toEqual([{ summary: 'Placement plan and delegated authority agreed on 5 March 2026' }])
    const rows = await auditOf('care.placement_plan_record')
    expect(rows.map((r) => [r.outcome, r.basis])).toEqual([['allowed', 'allocated_worker']])
  })

  it('keeps the first version when the plan changes, and says what was delegated differently', async () => {
    const sw = await f.signedIn('social.worker')
    const before = await sw.post(`${PLAN_PATH()}/edit`, plan(day('agreed', '2026-03-04')))
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain('on or after 5 March 2026, when the last version was agreed')
    const res = await sw.post(
      `${PLAN_PATH()}/edit`,
      plan({
        ...day('agreed', '2026-04-01'),
        [delegateName('overnight_stays')]: 'parent',
        [delegateName('holidays_abroad')]: 'social_worker',
      }),
    )
    expect(res.statusCode).toBe(303)
    expect((await plansSaved()).map((p) => p.version)).toEqual([1, 2])
    // A second version owes nothing more.
    expect(await planTasks()).toEqual([['2026-03-09T23:59:59.999Z', 'stop']])
    const page = pageText((await sw.get(PLAN_PATH())).body)
    expect(page).toContain('Version 2, agreed 1 April 2026')
    expect(page).toContain('Version 1, agreed 5 March 2026')
    expect(page).toMatch(/Overnight stays with friends\s+The parent/)
    const lines = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('child_id', '=', ava)
      .where('type', '=', 'placement_plan.recorded')
      .orderBy('id')
      .execute()
    expect(lines[1]?.summary).toBe(
      'Placement plan version 2 agreed on 1 April 2026; delegated authority changed (Overnight stays with friends: now the parent)',
    )
    const care = pageText((await sw.get(`/children/${ava}/care`)).body)
    expect(care).toContain('Version 2, agreed 1 April 2026')
  })
})

/** A carer's browser, and a CSRF token from a page every signed-in user may open. */
async function carer(username: string): Promise<{ b: Browser; csrf: string }> {
  const b = await f.signedIn(username)
  return { b, csrf: csrfFrom((await b.get('/accessibility')).body) }
}

describe('carers', () => {
  it('shows a carer nothing of a child until the social worker gives them access', async () => {
    const { b } = await carer('foster.carer')
    const res = await b.get(PLAN_PATH())
    // A carer cannot search, so a child they have no link to looks like no child at all.
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('Brook')
    expect(pageText((await b.get('/')).body)).not.toContain('Ava Brook')
    // The refusal names what was asked of the child.
    expect((await auditOf('child.placement_plan.view', joy)).map((r) => r.outcome)).toEqual(['denied'])
  })

  it('lets the social worker give a carer’s account access, and only a carer’s', async () => {
    const sw = await f.signedIn('social.worker')
    const form = pageText((await sw.get(`${PLAN_PATH()}/carers`)).body)
    expect(form).toContain('Joy Okafor')
    expect(form).toContain('Foster carer, the Okafor household')
    expect(form).toContain('Lee Hartley')
    const none = await sw.post(`${PLAN_PATH()}/carers`, {})
    expect(none.statusCode).toBe(400)
    expect(pageText(none.body)).toContain('Select a carer’s account')
    const notCarer = await sw.post(`${PLAN_PATH()}/carers`, { userId: String(await f.userId('police')) })
    expect(notCarer.statusCode).toBe(409)
    expect(
      await db().selectFrom('care_placement_carer').select('id').where('child_id', '=', ava).execute(),
    ).toEqual([])
    const ok = await sw.post(`${PLAN_PATH()}/carers`, { userId: String(joy) })
    expect(ok.statusCode).toBe(303)
    expect(await carerGrants(joy)).toEqual([
      { basis: 'placement_carer', revoked_at: null, revoked_reason: null },
    ])
    const again = await sw.post(`${PLAN_PATH()}/carers`, { userId: String(joy) })
    expect(again.statusCode).toBe(409)
    expect(pageText(again.body)).toContain('This carer can already see the plan')
    expect((await auditOf('care.placement_carer_link')).map((r) => [r.outcome, r.basis])).toEqual([
      ['allowed', 'allocated_worker'],
    ])
    expect(pageText((await sw.get(PLAN_PATH())).body)).toContain('Carers who can see this plan: Joy Okafor')
  })

  it('lists the child on the carer’s home page and opens the plan, audited on the carer’s basis', async () => {
    const { b } = await carer('foster.carer')
    const home = await b.get('/')
    expect(home.statusCode).toBe(200)
    const homeText = pageText(home.body)
    expect(homeText).toContain('Children placed with you')
    expect(homeText).toContain('Ava Brook: placement plan and delegated authority')
    // The demo's Ellie Marsh is placed with Joy too; Lee's child is not hers.
    expect(homeText).toContain('Ellie Marsh')
    expect(homeText).not.toContain('Jordan Vale')
    expect(home.body).toContain(`href="${PLAN_PATH()}"`)
    const page = await b.get(PLAN_PATH())
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain('Asthma: blue inhaler as needed')
    expect(text).toContain('supervised by a contact worker')
    expect(text).toMatch(/Holidays abroad\s+The social worker/)
    // Nothing that leads into the record: no change links, no care record, no other carers.
    expect(page.body).not.toContain(`href="/children/${ava}"`)
    expect(page.body).not.toContain(`href="/children/${ava}/care"`)
    expect(page.body).not.toContain('/placement-plan/edit')
    expect(text).not.toContain('Carers who can see this plan')
    const rows = await auditOf('care.placement_plan_view', joy)
    expect(rows.at(-1)).toMatchObject({ outcome: 'allowed', basis: 'placement_carer' })
    const listed = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('user_id', '=', joy)
      .where('action', '=', 'care.placement_plan_list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect((listed.detail as { childIds: number[] }).childIds.map(Number)).toContain(ava)
  })

  it('refuses the carer every other route that names the child, each refusal audited', async () => {
    const { b, csrf } = await carer('foster.carer')
    const routes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/children/:id') && r.url !== '/children/:id/care/placement-plan',
    )
    expect(routes.length).toBeGreaterThan(50)
    for (const route of routes) {
      const url = route.url.replace(':id', String(ava)).replace(/:[A-Za-z]+/g, '1')
      const before = await db()
        .selectFrom('audit_event')
        .select('id')
        .where('user_id', '=', joy)
        .where('outcome', '=', 'denied')
        .execute()
      const res =
        route.method === 'GET'
          ? await b.get(url)
          : route.takesFiles
            ? await b.postFiles(url, [], { csrf })
            : await b.postWithToken(url, {}, csrf)
      const what = `${route.method} ${route.url}`
      expect([403, 404], what).toContain(res.statusCode)
      expect(res.body, what).not.toContain('Brook')
      const after = await db()
        .selectFrom('audit_event')
        .select('id')
        .where('user_id', '=', joy)
        .where('outcome', '=', 'denied')
        .execute()
      expect(after.length - before.length, `${what}: the refusal is audited`).toBe(1)
    }
    // Nor search, nor a worklist, nor the service's lists.
    for (const path of ['/search?q=Brook', '/worklist', '/care/documents', '/care/placements']) {
      const res = await b.get(path)
      expect([302, 403, 404], path).toContain(res.statusCode)
      expect(pageText(res.body), path).not.toContain('Ava Brook')
    }
  }, 120_000)

  it('still shows the plan to the carer named on a restricted record, and nothing more', async () => {
    await db()
      .updateTable('person')
      .set({ restricted: true, restriction_category: 'high_profile' })
      .where('id', '=', ava)
      .execute()
    try {
      const { b } = await carer('foster.carer')
      expect((await b.get(PLAN_PATH())).statusCode).toBe(200)
      // Refused by role: a carer never opens a child's record, restricted or not.
      expect((await b.get(`/children/${ava}`)).statusCode).toBe(403)
      // The other carer, with no grant, gets nothing.
      const other = await carer('residential')
      expect((await other.b.get(PLAN_PATH())).statusCode).toBe(404)
    } finally {
      await db()
        .updateTable('person')
        .set({ restricted: false, restriction_category: null })
        .where('id', '=', ava)
        .execute()
    }
  })

  it('lets the social worker end one carer’s access by hand, with the reason, the others kept', async () => {
    const sw = await f.signedIn('social.worker')
    expect((await sw.post(`${PLAN_PATH()}/carers`, { userId: String(lee) })).statusCode).toBe(303)
    const form = pageText((await sw.get(`${PLAN_PATH()}/carers/end`)).body)
    expect(form).toContain('Whose access ends?')
    expect(form).toContain('Lee Hartley')
    const none = await sw.post(`${PLAN_PATH()}/carers/end`, {})
    expect(none.statusCode).toBe(400)
    expect(pageText(none.body)).toContain('Select the carer whose access ends')
    expect(pageText(none.body)).toContain('Enter why the carer’s access ends')
    expect(await carerGrants(lee)).toEqual([
      { basis: 'placement_carer', revoked_at: null, revoked_reason: null },
    ])
    const link = await db()
      .selectFrom('care_placement_carer')
      .select('id')
      .where('user_id', '=', lee)
      .where('child_id', '=', ava)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow()
    const ok = await sw.post(`${PLAN_PATH()}/carers/end`, {
      linkId: String(link.id),
      reason: 'Linked to the wrong carer’s account',
    })
    expect(ok.statusCode, pageText(ok.body).slice(0, 600)).toBe(303)
    const grants = await carerGrants(lee)
    expect(grants[0]?.revoked_reason).toBe('Linked to the wrong carer’s account')
    expect(grants[0]?.revoked_at).not.toBeNull()
    // The same link cannot be ended twice; Joy keeps her access.
    const again = await sw.post(`${PLAN_PATH()}/carers/end`, { linkId: String(link.id), reason: 'Again' })
    expect(again.statusCode).toBe(409)
    expect((await (await carer('residential')).b.get(PLAN_PATH())).statusCode).toBe(404)
    expect((await (await carer('foster.carer')).b.get(PLAN_PATH())).statusCode).toBe(200)
    expect((await auditOf('care.placement_carer_unlink')).map((r) => [r.outcome, r.basis])).toEqual([
      ['allowed', 'allocated_worker'],
    ])
    const line = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('child_id', '=', ava)
      .where('type', '=', 'placement_plan.carer_unlinked')
      .executeTakeFirstOrThrow()
    expect(line.summary).toBe(
      'A carer’s access to the placement plan ended: Linked to the wrong carer’s account',
    )
  })

  it('ends the carer’s access the moment the child moves', async () => {
    const sw = await f.signedIn('social.worker')
    const moved = await sw.post(`/children/${ava}/care/placement`, {
      ...day('change', '2026-04-10'),
      sameCarer: 'no',
      place: 'K2',
      provider: 'PR1',
      carer: 'Oakfield House',
      urn: 'SC482915',
      postcode: 'RM16 4PL',
      reasonPlaceChange: 'CARPL',
      legalStatus: 'V2',
    })
    expect(moved.statusCode, pageText(moved.body).slice(0, 400)).toBe(303)
    const grants = await carerGrants(joy)
    expect(grants).toHaveLength(1)
    expect(grants[0]?.revoked_at).not.toBeNull()
    expect(grants[0]?.revoked_reason).toBe('The placement ended')
    expect((await auditOf('care.placement_carer_end')).map((r) => r.outcome)).toEqual(['allowed'])
    const { b } = await carer('foster.carer')
    expect((await b.get(PLAN_PATH())).statusCode).toBe(404)
    expect(pageText((await b.get('/')).body)).not.toContain('Ava Brook')
    // The new placement starts without a plan; the old versions stay in the database.
    const page = pageText((await sw.get(PLAN_PATH())).body)
    expect(page).toContain('No placement plan has been recorded for this placement yet')
    expect((await plansSaved()).map((p) => p.version)).toEqual([1, 2])
    // The new placement (Friday 10 April) owes its own plan: 13 to 17 April.
    expect(await planTasks()).toEqual([
      ['2026-03-09T23:59:59.999Z', 'stop'],
      ['2026-04-17T22:59:59.999Z', null],
    ])
  })

  it('ends the access of the new placement’s carer when care ends', async () => {
    const sw = await f.signedIn('social.worker')
    expect((await sw.post(`${PLAN_PATH()}/carers`, { userId: String(lee) })).statusCode).toBe(303)
    const { b } = await carer('residential')
    expect((await b.get(PLAN_PATH())).statusCode).toBe(200)
    const ended = await sw.post(`/children/${ava}/care/end`, { ...day('end', '2026-04-14'), reason: 'E4A' })
    expect(ended.statusCode, pageText(ended.body).slice(0, 400)).toBe(303)
    expect((await carerGrants(lee)).at(-1)?.revoked_reason).toBe('The period of care ended')
    // No plan is owed once care has ended.
    expect((await planTasks()).at(-1)).toEqual(['2026-04-17T22:59:59.999Z', 'cancel'])
    expect((await b.get(PLAN_PATH())).statusCode).toBe(404)
    // Jordan, the demo's child in Oakfield House, is still Lee's.
    expect(pageText((await b.get('/')).body)).toContain('Jordan Vale')
  })
})

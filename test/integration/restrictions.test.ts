/**
 * Restrictions and their 90-day reviews (SEC-09): restricting a record through its page, refused
 * without a category, a reason, a manager as authoriser or a review date within 90 days (with an
 * error summary and nothing saved); reviewing (continue or lift); the managers' report, moved in
 * time; and migration 0012's backfill and checks. On PGlite and, with DATABASE_URL, PostgreSQL.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import {
  restrictionReviewReport,
  restrictionReviewSummary,
} from '../../src/modules/people/restriction-service.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { migrate, readMigrations } from '../../src/platform/db/migrate.js'
import { loadActor } from '../../src/platform/permissions/store.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'
import { openTestDatabase } from '../support/test-database.js'

let t: TestApp
const db = () => t.database.db
let tm: Browser
let teamId: number

const audit: AuditContext = { userId: null, username: 'test', requestId: 'test', ip: null, sessionId: null }

async function userId(username: string): Promise<number> {
  return (
    await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id
}

/** A child allocated to the Assessment team (which team.manager manages) and to social.worker. */
async function allocatedChild(given: string, family: string): Promise<number> {
  const { id } = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: given, family_name: family, date_of_birth: '2017-04-12' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const worker = await userId('social.worker')
  await db()
    .insertInto('child_access')
    .values([
      { child_id: id, user_id: worker, basis: 'allocated_worker', granted_by: worker },
      { child_id: id, team_id: teamId, basis: 'allocated_team', granted_by: worker },
    ])
    .execute()
  return id
}

const boxes = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return { [`${name}-day`]: String(d), [`${name}-month`]: String(m), [`${name}-year`]: String(y) }
}

async function saved(childId: number) {
  const person = await db()
    .selectFrom('person')
    .select(['restricted', 'restriction_category'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  const restrictions = await db()
    .selectFrom('person_restriction')
    .selectAll()
    .where('person_id', '=', childId)
    .execute()
  const audits = await db()
    .selectFrom('audit_event')
    .select(['action', 'detail', 'basis'])
    .where('child_id', '=', childId)
    .where('action', 'in', ['child.restrict', 'child.restriction_review'])
    .orderBy('id')
    .execute()
  const events = await db()
    .selectFrom('case_event')
    .select(['type', 'summary'])
    .where('child_id', '=', childId)
    .where('subject_type', '=', 'restriction')
    .orderBy('id')
    .execute()
  const grants = await db()
    .selectFrom('child_access')
    .select(['user_id', 'expires_at', 'reason'])
    .where('child_id', '=', childId)
    .where('basis', '=', 'restriction_grant')
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute()
  return { person, restrictions, audits, events, grants }
}

beforeAll(async () => {
  t = await openTestApp()
  teamId = (
    await db().selectFrom('team').select('id').where('name', '=', 'Assessment team').executeTakeFirstOrThrow()
  ).id
  tm = new Browser(t.app)
  await tm.signIn('team.manager')
}, 60_000)
afterAll(async () => t.close())

describe('restricting a record', () => {
  let childId: number
  let good: Record<string, string>
  beforeAll(async () => {
    childId = await allocatedChild('Ottilie', 'Brackenbury')
    good = {
      category: 'high_profile',
      reason: 'Mother is a local councillor; the family is known to staff.',
      authorisedBy: String(await userId('team.manager')),
      ...boxes('reviewDue', addCalendarDays(londonToday(), 90)),
    }
  })

  it('is offered on the record to the manager of the allocated team, not to the social worker', async () => {
    const page = await tm.get(`/children/${childId}`)
    expect(page.body).toContain('data-testid="restrict-record"')
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    expect((await sw.get(`/children/${childId}`)).body).not.toContain('data-testid="restrict-record"')
    expect((await sw.get(`/children/${childId}/restriction/new`)).statusCode).toBe(403)
  })

  it('starts with the review 90 days out and the manager as authoriser', async () => {
    const form = await tm.get(`/children/${childId}/restriction/new`)
    expect(form.statusCode).toBe(200)
    const due = addCalendarDays(londonToday(), 90).split('-').map(Number)
    expect(form.body).toContain(`name="reviewDue-day" type="text" value="${due[2]}"`)
    expect(form.body).toMatch(new RegExp(`<option value="${good.authorisedBy}" selected`))
  })

  it.each<[string, Record<string, string>, string, string]>([
    [
      'without an authoriser',
      { authorisedBy: '' },
      '#authorisedBy',
      'Select the manager who authorised the restriction',
    ],
    ['without a reason', { reason: '' }, '#reason', 'Enter the reason for the restriction'],
    [
      'with a review date beyond 90 days',
      boxes('reviewDue', addCalendarDays(londonToday(), 91)),
      '#reviewDue-day',
      'The review date must be no more than 90 days from today',
    ],
    ['without a category', { category: '' }, '#category', 'Select why the record is restricted'],
  ])(
    'is refused %s, with an error summary, every answer kept and nothing saved',
    async (_c, change, href, message) => {
      const before = await db()
        .selectFrom('audit_event')
        .select(sql<number>`max(id)`.as('last'))
        .executeTakeFirstOrThrow()
      const res = await tm.post(`/children/${childId}/restriction/new`, { ...good, ...change })
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('govuk-error-summary')
      expect(res.body).toContain(`href="${href}"`)
      expect(pageText(res.body)).toContain(message)
      expect(res.body).toMatch(/<title>\s*Error: Restrict this record/)
      if (change.reason === undefined) expect(res.body).toContain(good.reason)
      const { person, restrictions, audits, events, grants } = await saved(childId)
      expect(person).toEqual({ restricted: false, restriction_category: null })
      expect(restrictions).toEqual([])
      expect(audits).toEqual([])
      expect(events).toEqual([])
      expect(grants).toEqual([])
      const after = await db()
        .selectFrom('audit_event')
        .select('action')
        .where('id', '>', Number(before.last))
        .where('child_id', '=', childId)
        .execute()
      expect(after.map((a) => a.action)).not.toContain('child.restrict')
    },
  )

  it('refuses a social worker named as authoriser', async () => {
    const res = await tm.post(`/children/${childId}/restriction/new`, {
      ...good,
      authorisedBy: String(await userId('social.worker')),
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('href="#authorisedBy"')
    expect((await saved(childId)).restrictions).toEqual([])
  })

  it('restricts the record: the restriction, grants to manage it, a case event and an audit row, together', async () => {
    const res = await tm.post(`/children/${childId}/restriction/new`, good)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/children/${childId}`)
    const page = await tm.get(`/children/${childId}`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain(`Record restricted. Review it by`)
    expect(page.body).toContain('data-testid="review-restriction"')
    const { person, restrictions, audits, events, grants } = await saved(childId)
    expect(person).toEqual({ restricted: true, restriction_category: 'high_profile' })
    expect(restrictions).toHaveLength(1)
    expect(restrictions[0]).toMatchObject({
      category: 'high_profile',
      reason: good.reason,
      authorised_by: Number(good.authorisedBy),
      recorded_by: Number(good.authorisedBy),
      review_due: addCalendarDays(londonToday(), 90),
      recorded_before_reviews: false,
      lifted_at: null,
    })
    expect(audits).toEqual([expect.objectContaining({ action: 'child.restrict', basis: 'team_manager' })])
    expect(events).toEqual([expect.objectContaining({ type: 'restriction.added' })])
    // The manager authorised and recorded it: one grant, lasting 90 days past the review.
    expect(grants).toHaveLength(1)
    expect(grants[0]?.user_id).toBe(Number(good.authorisedBy))
    expect(londonToday(grants[0]?.expires_at as Date)).toBe(addCalendarDays(londonToday(), 181))
  })

  it('shuts out the allocated team and the service manager, but not the allocated worker', async () => {
    const sm = new Browser(t.app)
    await sm.signIn('service.manager')
    const refused = await sm.get(`/children/${childId}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain('Brackenbury')
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    expect((await sw.get(`/children/${childId}`)).statusCode).toBe(200)
    // Restricting it again is not offered: it is reviewed instead.
    expect((await tm.get(`/children/${childId}`)).body).not.toContain('data-testid="restrict-record"')
  })
})

describe('the overdue-review report', () => {
  it('leaves off a restriction authorised today, and lists it 91 days later', async () => {
    const childId = await allocatedChild('Perpetua', 'Ashdown')
    const tmId = await userId('team.manager')
    const b = tm
    const res = await b.post(`/children/${childId}/restriction/new`, {
      category: 'high_risk',
      reason: 'Threats to staff from an adult in the household.',
      authorisedBy: String(tmId),
      ...boxes('reviewDue', addCalendarDays(londonToday(), 90)),
    })
    expect(res.statusCode).toBe(303)
    const actor = await loadActor(db(), tmId)
    if (!actor) throw new Error('no team manager')
    const now = new Date()
    const today = await restrictionReviewReport(db(), actor, audit, fixedClock(now))
    expect(today.map((r) => r.childId)).not.toContain(childId)
    const in76 = await restrictionReviewReport(
      db(),
      actor,
      audit,
      fixedClock(new Date(now.getTime() + 76 * 86_400_000)),
    )
    expect(in76.find((r) => r.childId === childId)?.status).toBe('due_soon')
    const later = new Date(now.getTime() + 91 * 86_400_000)
    const overdue = await restrictionReviewReport(db(), actor, audit, fixedClock(later))
    expect(overdue.find((r) => r.childId === childId)).toMatchObject({
      status: 'overdue',
      canOpen: true,
      givenName: 'Perpetua',
      categoryText: 'High risk',
    })
    const summary = await restrictionReviewSummary(db(), actor, later)
    expect(summary?.overdue).toBeGreaterThanOrEqual(1)
    // Sorted by review date, soonest first.
    const dates = overdue.map((r) => r.reviewDue)
    expect(dates).toEqual([...dates].sort())
  })

  it('shows a record the reader cannot open as "Restricted record" and its number, nothing more', async () => {
    const childId = await allocatedChild('Wilhelmina', 'Thorncastle')
    await tm.post(`/children/${childId}/restriction/new`, {
      category: 'staff_conflict',
      reason: 'Grandchild of a member of the assessment team.',
      authorisedBy: String(await userId('team.manager')),
      ...boxes('reviewDue', addCalendarDays(londonToday(), 5)),
    })
    const mine = await tm.get('/restrictions/reviews')
    expect(mine.statusCode).toBe(200)
    expect(mine.body).toContain(`data-testid="review-row-${childId}"`)
    expect(mine.body).toContain('Wilhelmina Thorncastle')
    expect(mine.body).toContain(`/children/${childId}/restriction/review`)

    // The service manager answers for every restriction but holds no grant to this one.
    const sm = new Browser(t.app)
    await sm.signIn('service.manager')
    const theirs = await sm.get('/restrictions/reviews')
    expect(theirs.statusCode).toBe(200)
    const row = new RegExp(`data-testid="review-row-${childId}"[\\s\\S]*?</tr>`).exec(theirs.body)?.[0] ?? ''
    expect(pageText(row)).toContain(`Restricted record ${childId}`)
    expect(row).not.toContain('Staff conflict')
    expect(theirs.body).not.toContain('Thorncastle')
    expect(theirs.body).not.toContain('Wilhelmina')
    expect(row).not.toContain(`/children/${childId}`)
    // What was shown by name, and what only by number, is audited.
    const listed = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('username', '=', 'service.manager')
      .where('action', '=', 'child.list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect((listed.detail as { unnamed: number[] }).unnamed).toContain(childId)

    // The count on the home page.
    const home = await tm.get('/')
    expect(home.body).toContain('data-testid="restriction-review-summary"')
    expect(home.body).toContain('href="/restrictions/reviews"')
  })

  it('is for managers only', async () => {
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    expect((await sw.get('/restrictions/reviews')).statusCode).toBe(403)
    expect((await sw.get('/')).body).not.toContain('restriction-review-summary')
  })
})

describe('reviewing a restriction', () => {
  let childId: number
  beforeAll(async () => {
    childId = await allocatedChild('Rosalind', 'Featherstone')
    await tm.post(`/children/${childId}/restriction/new`, {
      category: 'adoption',
      reason: 'Placed for adoption; birth family must not learn the placement.',
      authorisedBy: String(await userId('team.manager')),
      ...boxes('reviewDue', addCalendarDays(londonToday(), 30)),
    })
  })

  it('refuses an answer that is missing, a date beyond 90 days, or lifting without a reason', async () => {
    const url = `/children/${childId}/restriction/review`
    const none = await tm.post(url, {})
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('href="#outcome"')
    const far = await tm.post(url, {
      outcome: 'continue',
      ...boxes('reviewDue', addCalendarDays(londonToday(), 91)),
    })
    expect(far.statusCode).toBe(400)
    expect(far.body).toContain('href="#reviewDue-day"')
    const lift = await tm.post(url, { outcome: 'lift', liftReason: '' })
    expect(lift.statusCode).toBe(400)
    expect(lift.body).toContain('href="#liftReason"')
    const { restrictions } = await saved(childId)
    expect(restrictions[0]?.review_due).toBe(addCalendarDays(londonToday(), 30))
  })

  it('continues it to a new date, then lifts it with a reason', async () => {
    const url = `/children/${childId}/restriction/review`
    const next = addCalendarDays(londonToday(), 60)
    const res = await tm.post(url, {
      outcome: 'continue',
      notes: 'Placement not yet secure.',
      ...boxes('reviewDue', next),
    })
    expect(res.statusCode).toBe(303)
    let s = await saved(childId)
    expect(s.restrictions[0]).toMatchObject({
      review_due: next,
      last_reviewed_by: await userId('team.manager'),
    })
    expect(s.events.map((e) => e.type)).toEqual(['restriction.added', 'restriction.continued'])

    const lifted = await tm.post(url, {
      outcome: 'lift',
      liftReason: 'Adoption order made; record sealed separately.',
    })
    expect(lifted.statusCode).toBe(303)
    expect(pageText((await tm.get(`/children/${childId}`)).body)).toContain('Restriction lifted')
    s = await saved(childId)
    expect(s.person).toEqual({ restricted: false, restriction_category: null })
    expect(s.restrictions[0]?.lifted_reason).toBe('Adoption order made; record sealed separately.')
    expect(s.audits.map((a) => a.action)).toEqual([
      'child.restrict',
      'child.restriction_review',
      'child.restriction_review',
    ])
    const reviews = await db()
      .selectFrom('person_restriction_review')
      .select(['outcome', 'next_review_due'])
      .where('restriction_id', '=', s.restrictions[0]?.id as number)
      .orderBy('id')
      .execute()
    expect(reviews).toEqual([
      { outcome: 'continued', next_review_due: next },
      { outcome: 'lifted', next_review_due: null },
    ])
    // Nothing left to review: the page is not found.
    expect((await tm.get(url)).statusCode).toBe(404)
  })
})

describe('a restriction recorded before reviews', () => {
  it('needs a reason to continue, and its first reviewer becomes its authoriser', async () => {
    const childId = await allocatedChild('Leopold', 'Quayle')
    const manager = await userId('team.manager')
    await db()
      .insertInto('person_restriction')
      .values({
        person_id: childId,
        category: 'high_risk',
        recorded_before_reviews: true,
        review_due: londonToday(),
      })
      .execute()
    await db()
      .insertInto('child_access')
      .values({
        child_id: childId,
        user_id: manager,
        basis: 'restriction_grant',
        granted_by: manager,
        expires_at: new Date(Date.now() + 30 * 86_400_000),
        reason: 'To review a restriction recorded before reviews',
      })
      .execute()
    const url = `/children/${childId}/restriction/review`
    const page = await tm.get(url)
    expect(pageText(page.body)).toContain('Not recorded: restricted before reviews were recorded')
    const next = boxes('reviewDue', addCalendarDays(londonToday(), 45))
    const bare = await tm.post(url, { outcome: 'continue', ...next })
    expect(bare.statusCode).toBe(400)
    expect(bare.body).toContain('href="#notes"')
    const ok = await tm.post(url, { outcome: 'continue', notes: 'Known risk to staff visiting.', ...next })
    expect(ok.statusCode).toBe(303)
    const [row] = (await saved(childId)).restrictions
    expect(row).toMatchObject({
      authorised_by: manager,
      reason: 'Known risk to staff visiting.',
      recorded_before_reviews: true,
      review_due: addCalendarDays(londonToday(), 45),
    })
  })
})

describe('migration 0012', () => {
  it('backfills restricted records as recorded before reviews, due today, and keeps the permission columns in step', async () => {
    const d = await openTestDatabase({ migrate: false })
    try {
      const all = readMigrations()
      await migrate(
        d.db,
        all.filter((m) => m.name < '0012'),
      )
      const { id } = await d.db
        .insertInto('person')
        .values({
          kind: 'child',
          given_name: 'Old',
          family_name: 'Record',
          restricted: true,
          restriction_category: 'adoption',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await migrate(d.db, all)
      const [row] = await d.db.selectFrom('person_restriction').selectAll().execute()
      expect(row).toMatchObject({
        person_id: id,
        category: 'adoption',
        recorded_before_reviews: true,
        authorised_by: null,
        reason: null,
        review_due: londonToday(),
      })
      // A restriction's category and authorisation never change, and rows are never deleted.
      await expect(sql`update person_restriction set category = 'high_risk'`.execute(d.db)).rejects.toThrow()
      await expect(sql`delete from person_restriction`.execute(d.db)).rejects.toThrow()
      const { id: manager } = await d.db
        .insertInto('app_user')
        .values({ username: 'some.manager', display_name: 'Some Manager', role: 'team_manager' })
        .returning('id')
        .executeTakeFirstOrThrow()
      await sql`update person_restriction set lifted_at = now(), lifted_by = ${manager}, lifted_reason = 'No longer needed'`.execute(
        d.db,
      )
      const person = () =>
        d.db
          .selectFrom('person')
          .select(['restricted', 'restriction_category'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      expect(await person()).toEqual({ restricted: false, restriction_category: null })
      // No authoriser, or a review beyond 90 days, is refused by the database too.
      await expect(
        sql`insert into person_restriction (person_id, category, reason, review_due)
            values (${id}, 'high_risk', 'A reason', current_date + 5)`.execute(d.db),
      ).rejects.toThrow(/person_restriction_authorised/)
      await expect(
        sql`insert into person_restriction (person_id, category, reason, authorised_by, authorised_at, review_due)
            values (${id}, 'high_risk', 'A reason', ${manager}, now(), current_date + 95)`.execute(d.db),
      ).rejects.toThrow(/person_restriction_review_within_90_days/)
      await sql`insert into person_restriction (person_id, category, reason, authorised_by, authorised_at, review_due)
                values (${id}, 'high_risk', 'A reason', ${manager}, now(), current_date + 30)`.execute(d.db)
      expect(await person()).toEqual({ restricted: true, restriction_category: 'high_risk' })
      // One restriction in force at a time.
      await expect(
        sql`insert into person_restriction (person_id, category, reason, authorised_by, authorised_at, review_due)
            values (${id}, 'adoption', 'Another', ${manager}, now(), current_date + 30)`.execute(d.db),
      ).rejects.toThrow()
    } finally {
      await d.close()
    }
  }, 60_000)
})

/**
 * Break-glass (SEC-11, SEC-12) and staff members' own records (SEC-08), through the pages: the
 * refusal offers emergency access, the use is time-boxed, tells the people responsible and waits
 * on the data protection officer's review queue; a member of staff never opens their own or a
 * relative's record, and trying raises a review.
 */
import { systemClock } from '../../src/platform/calendar/clock.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useEmergencyAccess } from '../../src/platform/permissions/emergency-access.js'
import { linkStaffRecord } from '../../src/modules/people/staff-link-service.js'
import { loadChildRecord, loadStaffMember } from '../../src/platform/permissions/store.js'
import { Browser, csrfFrom, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
const db = () => t.database.db
let childId = 0
const ctx = { userId: null, username: 'test', requestId: 'test' }

async function userId(username: string) {
  return (
    await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id
}

async function addChild(given: string, family: string) {
  return (
    await db()
      .insertInto('person')
      .values({ kind: 'child', given_name: given, family_name: family, date_of_birth: '2014-05-02' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

async function signedIn(username: string) {
  const b = new Browser(t.app)
  await b.signIn(username)
  return b
}

beforeAll(async () => {
  t = await openTestApp()
  childId = await addChild('Jessamy', 'Otterburn')
  const worker = await userId('social.worker')
  const team = await db()
    .selectFrom('team')
    .select('id')
    .where('name', '=', 'Assessment team')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('child_access')
    .values([
      { child_id: childId, user_id: worker, basis: 'allocated_worker', granted_by: worker },
      { child_id: childId, team_id: team.id, basis: 'allocated_team', granted_by: worker },
    ])
    .execute()
})
afterAll(async () => t.close())

describe('emergency access', () => {
  it('is offered on a refusal, refuses a thin reason with nothing saved, then opens the record for four hours', async () => {
    const b = await signedIn('social.worker2')
    const refused = await b.get(`/children/${childId}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.body).toContain(`href="/children/${childId}/emergency-access"`)
    expect(refused.body).not.toContain('Otterburn')

    const form = await b.get(`/children/${childId}/emergency-access`)
    expect(form.statusCode).toBe(200)
    expect(form.body).not.toContain('Otterburn')
    const thin = await b.post(`/children/${childId}/emergency-access`, {
      reasonCode: 'immediate_risk',
      reason: 'urgent',
    })
    expect(thin.statusCode).toBe(400)
    expect(thin.body).toContain('govuk-error-summary')
    expect(thin.body).toContain('at least 20 characters')
    expect(await db().selectFrom('access_review').select('id').execute()).toHaveLength(0)

    const before = Date.now()
    const used = await b.post(`/children/${childId}/emergency-access`, {
      reasonCode: 'out_of_hours',
      reason: 'Police at the house at 2am; the allocated worker is not answering.',
    })
    expect(used.statusCode).toBe(303)
    expect(used.headers.location).toBe(`/children/${childId}`)
    const page = await b.get(`/children/${childId}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Otterburn')
    expect(page.body).toContain('data-testid="emergency-access"')
    expect(page.body).toContain('You have emergency access to this record until')

    const grant = await db()
      .selectFrom('child_access')
      .selectAll()
      .where('child_id', '=', childId)
      .where('basis', '=', 'break_glass')
      .executeTakeFirstOrThrow()
    const hours = ((grant.expires_at as Date).getTime() - before) / 3_600_000
    expect(hours).toBeGreaterThan(3.99)
    expect(hours).toBeLessThan(4.01)
    const viewed = await db()
      .selectFrom('audit_event')
      .select(['basis'])
      .where('child_id', '=', childId)
      .where('action', '=', 'child.view')
      .where('username', '=', 'social.worker2')
      .execute()
    expect(viewed.map((v) => v.basis)).toContain('break_glass')
  })

  it('tells the allocated worker and the team manager, who can mark it read', async () => {
    const told = await db()
      .selectFrom('staff_notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind'])
      .where('n.child_id', '=', childId)
      .orderBy('u.username')
      .execute()
    expect(told).toEqual([
      { username: 'social.worker', kind: 'break_glass_used' },
      { username: 'team.manager', kind: 'break_glass_used' },
    ])
    const manager = await signedIn('team.manager')
    const home = await manager.get('/')
    expect(home.body).toContain('data-testid="notifications"')
    expect(home.body).toContain('Ben Carter used emergency access to record')
    const id = Number(/action="\/notifications\/(\d+)\/read"/.exec(home.body)?.[1])
    // Someone else's notification is not theirs to dismiss.
    const other = await signedIn('social.worker2')
    const notTheirs = await other.postWithToken(
      `/notifications/${id}/read`,
      {},
      csrfFrom((await other.get('/')).body),
    )
    expect(notTheirs.statusCode).toBe(403)
    const read = await manager.postWithToken(`/notifications/${id}/read`, {}, csrfFrom(home.body))
    expect(read.statusCode).toBe(303)
    expect((await manager.get('/')).body).not.toContain('Ben Carter used emergency access to record')
  })

  it('waits on the review queue until the data protection officer closes it with an outcome', async () => {
    const auditor = await signedIn('auditor')
    const list = await auditor.get('/audit/access-reviews')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('data-testid="open-reviews"')
    expect(list.body).toContain('Ben Carter (social.worker2)')
    expect(list.body).not.toContain('Otterburn')
    const id = Number(/href="\/audit\/access-reviews\/(\d+)"/.exec(list.body)?.[1])
    const none = await auditor.post(`/audit/access-reviews/${id}`, {})
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('Select the outcome of the review')
    const bare = await auditor.post(`/audit/access-reviews/${id}`, { outcome: 'breach' })
    expect(bare.statusCode).toBe(400)
    expect(bare.body).toContain('Say what happens next')
    expect(
      (
        await db()
          .selectFrom('access_review')
          .select('closed_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).closed_at,
    ).toBeNull()
    const closed = await auditor.post(`/audit/access-reviews/${id}`, { outcome: 'justified' })
    expect(closed.statusCode).toBe(303)
    const after = await auditor.get(`/audit/access-reviews/${id}`)
    expect(after.body).toContain('Closed as <strong>Justified</strong>')
  })

  it('is not offered to a partner, and refused to roles without it', async () => {
    const police = await signedIn('police')
    const refused = await police.get(`/children/${childId}`)
    expect(refused.statusCode).toBe(404)
    expect(refused.body).not.toContain('emergency-access')
    expect((await police.get(`/children/${childId}/emergency-access`)).statusCode).toBe(404)
    const performance = await signedIn('performance')
    expect((await performance.get(`/children/${childId}/emergency-access`)).statusCode).toBe(403)
  })

  it('is due for review five working days later, skipping Christmas and Boxing Day', async () => {
    const other = await addChild('Pell', 'Trethewey')
    const member = await loadStaffMember(db(), await userId('mash.sw'))
    const record = await loadChildRecord(db(), other)
    if (!member || !record) throw new Error('fixtures missing')
    const now = new Date('2026-12-18T10:00:00Z') // a Friday
    const { until } = await useEmergencyAccess(
      db(),
      member,
      record,
      { reasonCode: 'immediate_risk', reason: 'Ambulance crew called about injuries to the child.' },
      ctx,
      now,
    )
    expect(until.toISOString()).toBe('2026-12-18T14:00:00.000Z')
    const review = await db()
      .selectFrom('access_review')
      .select(['due_on'])
      .where('child_id', '=', other)
      .executeTakeFirstOrThrow()
    expect(review.due_on).toBe('2026-12-29')
  })
})

describe("staff members' own and relatives' records (SEC-08)", () => {
  it('restricts the record and relatives on linking, refuses the member of staff, and raises a review', async () => {
    const own = await addChild('Amara', 'Lewis-Staff')
    const sister = await addChild('Nia', 'Lewis-Staff')
    await db()
      .insertInto('person_relationship')
      .values({ person_id: sister, related_person_id: own, relationship_type: 'sibling' })
      .execute()
    const worker = await userId('social.worker')
    // Allocated to her, as a colleague might mistakenly do: the link still wins.
    await db()
      .insertInto('child_access')
      .values([
        { child_id: own, user_id: worker, basis: 'allocated_worker', granted_by: worker },
        { child_id: sister, user_id: worker, basis: 'allocated_worker', granted_by: worker },
      ])
      .execute()
    await expect(
      linkStaffRecord(
        db(),
        { username: 'social.worker', personId: own, authorisedBy: 'social.worker2' },
        ctx,
        systemClock,
      ),
    ).rejects.toThrow(/authorised-by/)
    const { restricted } = await linkStaffRecord(
      db(),
      { username: 'social.worker', personId: own, authorisedBy: 'service.manager' },
      ctx,
      systemClock,
    )
    expect(restricted).toEqual([own, sister])
    const rows = await db()
      .selectFrom('person')
      .select(['id', 'restriction_category'])
      .where('id', 'in', [own, sister])
      .execute()
    expect(rows.every((r) => r.restriction_category === 'staff_conflict')).toBe(true)
    // Each is a restriction like any other: authorised, with a reason and a review date.
    const history = await db()
      .selectFrom('person_restriction')
      .select(['person_id', 'category', 'authorised_by'])
      .where('person_id', 'in', [own, sister])
      .orderBy('person_id')
      .execute()
    const authoriser = await userId('service.manager')
    expect(history).toEqual([
      { person_id: own, category: 'staff_conflict', authorised_by: authoriser },
      { person_id: sister, category: 'staff_conflict', authorised_by: authoriser },
    ])

    const b = await signedIn('social.worker')
    for (const [id, words] of [
      [own, 'This is your own record'],
      [sister, 'This is the record of a member of your family'],
    ] as const) {
      const res = await b.get(`/children/${id}`)
      expect(res.statusCode).toBe(403)
      expect(res.body).toContain(words)
      expect(res.body).not.toContain('emergency-access')
      expect((await b.get(`/children/${id}/emergency-access`)).statusCode).toBe(403)
    }
    const search = await b.get('/people/search?name=Lewis-Staff')
    expect(search.body).not.toContain(`href="/children/${own}"`)
    const reviews = await db()
      .selectFrom('access_review')
      .select(['kind', 'child_id', 'reason_code'])
      .where('user_id', '=', worker)
      .orderBy('id')
      .execute()
    // Each attempt, on the record and on its emergency-access form, is one review.
    expect(reviews).toEqual([
      { kind: 'own_record_attempt', child_id: own, reason_code: 'own_record' },
      { kind: 'own_record_attempt', child_id: own, reason_code: 'own_record' },
      { kind: 'own_record_attempt', child_id: sister, reason_code: 'relative_record' },
      { kind: 'own_record_attempt', child_id: sister, reason_code: 'relative_record' },
    ])
    const auditorTold = await db()
      .selectFrom('staff_notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'own_record_attempt')
      .execute()
    expect(auditorTold.map((r) => r.username)).toContain('auditor')

    // Restricted as a staff conflict, the record is reached only by a grant naming someone: a
    // manager needs a restricted-record grant to reallocate it to a colleague.
    const manager = await signedIn('team.manager')
    expect((await manager.get(`/children/${own}`)).statusCode).toBe(403)
  })
})

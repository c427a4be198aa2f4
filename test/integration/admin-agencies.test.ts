/**
 * Administration of partner agencies, teams and staff: add and disable an agency (with its usual
 * DfE referral source), add a team and set its manager, give a member of staff a team, agency and
 * job title; each audited, each refused to roles without the action. On PGlite and, with
 * DATABASE_URL, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
let admin: Browser
beforeAll(async () => {
  t = await openTestApp()
  admin = new Browser(t.app)
  await admin.signIn('admin')
})
afterAll(async () => t.close())

const db = () => t.database.db

async function audits(action: string) {
  return db()
    .selectFrom('audit_event')
    .select(['record_id', 'detail', 'username'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()
}

describe('partner agencies', () => {
  it('adds an agency with its usual referral source, after showing the errors', async () => {
    const before = await db().selectFrom('agency').select('id').execute()
    const bad = await admin.post('/admin/agencies/new', {
      name: '',
      kind: 'police',
      referralSource: '99',
      email: 'not-an-email',
    })
    expect(bad.statusCode).toBe(400)
    for (const field of ['name', 'referralSource', 'email']) expect(bad.body).toContain(`href="#${field}"`)
    expect(bad.body).toContain('value="not-an-email"')
    expect(await db().selectFrom('agency').select('id').execute()).toHaveLength(before.length)

    const res = await admin.post('/admin/agencies/new', {
      name: 'Essex Police MASH team',
      kind: 'police',
      referralSource: '6',
      phone: '01375 652 802',
      email: 'mash@police.example',
    })
    expect(res.statusCode).toBe(303)
    const agency = await db()
      .selectFrom('agency')
      .selectAll()
      .where('name', '=', 'Essex Police MASH team')
      .executeTakeFirstOrThrow()
    expect([agency.name, agency.kind, agency.referral_source, agency.email]).toEqual([
      'Essex Police MASH team',
      'police',
      '6',
      'mash@police.example',
    ])
    const list = await admin.get('/admin/agencies')
    expect(list.body).toContain('Essex Police MASH team')
    expect(list.body).toContain('6: Police')
    expect((await audits('agency.create')).map((a) => a.record_id)).toEqual([String(agency.id)])

    const twice = await admin.post('/admin/agencies/new', { name: 'Essex Police MASH team', kind: 'police' })
    expect(twice.statusCode).toBe(409)
    expect(twice.body).toContain('already an agency with this name')
  })

  it('disables an agency with a reason', async () => {
    const agency = await db()
      .selectFrom('agency')
      .select('id')
      .where('name', '=', 'Essex Police MASH team')
      .executeTakeFirstOrThrow()
    const none = await admin.post(`/admin/agencies/${agency.id}/disable`, { reason: '' })
    expect(none.statusCode).toBe(400)
    const res = await admin.post(`/admin/agencies/${agency.id}/disable`, {
      reason: 'Merged into the county team',
    })
    expect(res.statusCode).toBe(303)
    const row = await db()
      .selectFrom('agency')
      .selectAll()
      .where('id', '=', agency.id)
      .executeTakeFirstOrThrow()
    expect(row.disabled_reason).toBe('Merged into the county team')
    expect(row.disabled_at).not.toBeNull()
    expect(await audits('agency.disable')).toHaveLength(1)
  })

  it('is refused to roles without agencies.manage', async () => {
    const sw = new Browser(t.app)
    await sw.signIn('service.manager')
    expect((await sw.get('/admin/agencies')).statusCode).toBe(403)
    expect((await sw.get('/admin/teams')).statusCode).toBe(403)
  })

  it('answers not found for a form about a record that does not exist, on either method', async () => {
    for (const path of [
      '/admin/agencies/999999/disable',
      '/admin/agencies/not-a-number/disable',
      '/admin/teams/999999/manager',
      '/admin/users/nobody-by-this-name/edit',
      '/admin/people/merges/999999/reverse',
    ]) {
      expect((await admin.get(path)).statusCode, `GET ${path}`).toBe(404)
      expect(
        (await admin.post(path, { reason: 'Checking a missing record' })).statusCode,
        `POST ${path}`,
      ).toBe(404)
    }
  })
})

describe('teams and staff', () => {
  it('adds a team, sets its manager, and lists manager and member counts', async () => {
    const bad = await admin.post('/admin/teams/new', { name: 'Leaving care', kind: 'nonsense' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#kind"')
    const res = await admin.post('/admin/teams/new', { name: 'Leaving care team', kind: 'leaving_care' })
    expect(res.statusCode).toBe(303)
    const team = await db()
      .selectFrom('team')
      .selectAll()
      .where('name', '=', 'Leaving care team')
      .executeTakeFirstOrThrow()
    const manager = await db()
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'service.manager')
      .executeTakeFirstOrThrow()
    const notManager = await db()
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    // Two managers at once is a malformed answer, shown as an error rather than a failure.
    const malformed = await admin.postMany(`/admin/teams/${team.id}/manager`, [
      ['managerId', '1'],
      ['managerId', '2'],
    ])
    expect(malformed.statusCode).toBe(400)
    expect(malformed.body).toContain('govuk-error-summary')
    const refused = await admin.post(`/admin/teams/${team.id}/manager`, { managerId: String(notManager.id) })
    expect(refused.statusCode).toBe(409)
    const set = await admin.post(`/admin/teams/${team.id}/manager`, { managerId: String(manager.id) })
    expect(set.statusCode).toBe(303)
    const after = await db()
      .selectFrom('team')
      .select('manager_id')
      .where('id', '=', team.id)
      .executeTakeFirstOrThrow()
    expect(after.manager_id).toBe(manager.id)
    const list = await admin.get('/admin/teams')
    expect(list.body).toMatch(
      /Leaving care team<\/td>\s*<td[^>]*>Leaving care<\/td>\s*<td[^>]*>Marcus Reid<\/td>\s*<td[^>]*>0<\/td>/,
    )
    expect(list.body).toMatch(
      /Assessment team<\/td>\s*<td[^>]*>Assessment<\/td>\s*<td[^>]*>Helen Price<\/td>\s*<td[^>]*>2<\/td>/,
    )
    expect(await audits('team.create')).toHaveLength(1)
    expect((await audits('team.set_manager'))[0]?.detail).toEqual({ from: null, to: manager.id })
  })

  it('gives a member of staff a team and job title, and a partner practitioner an agency', async () => {
    const team = await db()
      .selectFrom('team')
      .select('id')
      .where('name', '=', 'Leaving care team')
      .executeTakeFirstOrThrow()
    const { id: agencyId } = await db()
      .insertInto('agency')
      .values({ name: 'Thurrock Hospital', kind: 'health', referral_source: '3E' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const sw = await admin.post('/admin/users/social.worker/edit', {
      teamId: String(team.id),
      agencyId: '',
      jobTitle: 'Senior social worker',
    })
    expect(sw.statusCode).toBe(303)
    const wrong = await admin.post('/admin/users/social.worker/edit', {
      teamId: String(team.id),
      agencyId: String(agencyId),
      jobTitle: 'Senior social worker',
    })
    expect(wrong.statusCode).toBe(409)
    expect(wrong.body).toContain('Only partner agency practitioners')
    const police = await admin.post('/admin/users/police/edit', {
      teamId: '',
      agencyId: String(agencyId),
      jobTitle: 'Detective constable',
    })
    expect(police.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('app_user')
      .select(['username', 'team_id', 'agency_id', 'job_title'])
      .where('username', 'in', ['social.worker', 'police'])
      .orderBy('username')
      .execute()
    expect(rows).toEqual([
      { username: 'police', team_id: null, agency_id: agencyId, job_title: 'Detective constable' },
      { username: 'social.worker', team_id: team.id, agency_id: null, job_title: 'Senior social worker' },
    ])
    const list = await admin.get('/admin/users')
    expect(list.body).toContain('Senior social worker')
    expect(list.body).toContain('Thurrock Hospital')
    expect(await audits('user.update')).toHaveLength(2)
  })

  it('records a social worker’s registration number (SSDA903 SW_ID): checked, one account a number', async () => {
    const edit = (username: string, swRegistration: string) =>
      admin.post(`/admin/users/${username}/edit`, { teamId: '', agencyId: '', jobTitle: '', swRegistration })
    const form = await admin.get('/admin/users/social.worker2/edit')
    expect(form.body).toContain('Social Work England registration number (optional)')
    const bad = await edit('social.worker2', '12345')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter the registration number as SW followed by numbers, like SW123456')
    expect(bad.body).toContain('value="12345"')
    expect((await edit('social.worker2', ' sw 9 912 345 ')).statusCode).toBe(303)
    const taken = await edit('mash.sw', 'SW9912345')
    expect(taken.statusCode).toBe(409)
    expect(taken.body).toContain('Another account has this registration number')
    const rows = await db()
      .selectFrom('app_user')
      .select(['username', 'sw_registration'])
      .where('username', 'in', ['social.worker2', 'mash.sw'])
      .orderBy('username')
      .execute()
    expect(rows).toEqual([
      { username: 'mash.sw', sw_registration: 'SW9000101' },
      { username: 'social.worker2', sw_registration: 'SW9912345' },
    ])
    const list = await admin.get('/admin/users?q=SW9912345')
    expect(list.body).toContain('data-testid="sw-registration">SW9912345')
  })
})

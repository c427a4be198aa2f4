/**
 * Adding a user in the browser (the same service as `haven users add`) and the users page's search
 * and paging: errors shown with nothing saved, the account added and audited, its first password
 * shown once and working at sign-in; refused to other roles. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
let admin: Browser
beforeAll(async () => {
  t = await openTestApp()
  admin = new Browser(t.app)
  await admin.signIn('admin')
})
afterAll(async () => t.close())

const db = () => t.database.db
const rows = (html: string) => (html.match(/<tr class="govuk-table__row">/g) ?? []).length - 1

describe('adding a user in the browser', () => {
  it('shows each error, keeps the answers and saves nothing', async () => {
    const before = await db().selectFrom('app_user').select('id').execute()
    const bad = await admin.post('/admin/users/new', {
      displayName: '',
      email: 'not-an-email',
      username: 'x',
      role: '',
      jobTitle: 'Senior practitioner',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('<title>Error: Add a user')
    for (const field of ['displayName', 'email', 'username', 'role'])
      expect(bad.body).toContain(`href="#${field}"`)
    expect(bad.body).toContain('value="Senior practitioner"')
    expect(await db().selectFrom('app_user').select('id').execute()).toHaveLength(before.length)

    const partner = await admin.post('/admin/users/new', {
      displayName: 'Kim Ward',
      username: 'kim.ward',
      role: 'partner_practitioner',
    })
    expect(partner.statusCode).toBe(400)
    expect(partner.body).toContain('Choose the agency of a partner agency practitioner')
  })

  it('adds the account with its team and job, audits it, and its first password signs in', async () => {
    const res = await admin.post('/admin/users/new', {
      displayName: 'Nadia Brook',
      email: 'nadia.brook@thurrock.example',
      username: 'Nadia.Brook',
      role: 'social_worker',
      teamName: 'Assessment team',
      jobTitle: 'Senior social worker',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/admin/users?q=nadia.brook')
    const page = await admin.get('/admin/users?q=nadia.brook')
    const text = pageText(page.body)
    const password = /first password is (\S+) —/.exec(text)?.[1]
    expect(password).toBeTruthy()
    expect(text).toContain('Senior social worker')
    expect(text).toContain('Assessment team')
    const user = await db()
      .selectFrom('app_user as u')
      .innerJoin('team', 'team.id', 'u.team_id')
      .select(['u.id', 'u.role', 'u.email', 'u.job_title', 'team.name'])
      .where('u.username', '=', 'nadia.brook')
      .executeTakeFirstOrThrow()
    expect(user).toMatchObject({
      role: 'social_worker',
      email: 'nadia.brook@thurrock.example',
      job_title: 'Senior social worker',
      name: 'Assessment team',
    })
    const audit = await db()
      .selectFrom('audit_event')
      .select(['record_id', 'username'])
      .where('action', '=', 'user.add')
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({ record_id: String(user.id), username: 'admin' })
    // The message is shown once.
    expect(pageText((await admin.get('/admin/users?q=nadia.brook')).body)).not.toContain(password)

    const nadia = new Browser(t.app)
    const signedIn = await nadia.signIn('nadia.brook', password)
    expect(signedIn.statusCode).toBe(303)
    expect((await nadia.get('/')).body).toContain('Your work')
  })

  it('refuses a username already taken, on the username', async () => {
    const res = await admin.post('/admin/users/new', {
      displayName: 'Another Amara',
      username: 'social.worker',
      role: 'social_worker',
    })
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('href="#username"')
    expect(res.body).toContain('already taken')
  })

  it('is not open to other roles', async () => {
    const manager = new Browser(t.app)
    await manager.signIn('service.manager')
    expect((await manager.get('/admin/users/new')).statusCode).toBe(403)
    expect((await manager.get('/admin/users')).statusCode).toBe(403)
  })
})

describe('the users page', () => {
  beforeAll(async () => {
    // 120 more accounts, so the list pages.
    const team = await db()
      .selectFrom('team')
      .select('id')
      .where('name', '=', 'Safeguarding team')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('app_user')
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          username: `paging.${String(i).padStart(3, '0')}`,
          display_name: `Zed Paging ${String(i).padStart(3, '0')}`,
          role: i % 2 ? 'social_worker' : 'performance_officer',
          team_id: i % 3 ? team.id : null,
          email: `paging${i}@council.example`,
          password_hash: 'x',
        })),
      )
      .execute()
  })

  it('pages the accounts by name, fifty at a time', async () => {
    const total = Number(
      (
        await db()
          .selectFrom('app_user')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const first = await admin.get('/admin/users')
    expect(rows(first.body)).toBe(50)
    expect(pageText(first.body)).toContain(`Showing 1 to 50 of ${total} total users`)
    const last = await admin.get(`/admin/users?page=${Math.ceil(total / 50)}`)
    expect(rows(last.body)).toBe(total % 50 || 50)
    expect(pageText(last.body)).toContain('Zed Paging 119')
  })

  it('searches by name, email, role (in words) and team, keeping the search in the page links', async () => {
    const byName = await admin.get('/admin/users?q=zed+paging+00')
    expect(rows(byName.body)).toBe(10)
    const byEmail = await admin.get('/admin/users?q=paging7%40council')
    expect(pageText(byEmail.body)).toContain('Zed Paging 007')
    expect(rows(byEmail.body)).toBe(1)
    const byRole = await admin.get('/admin/users?q=performance+officer')
    expect(pageText(byRole.body)).toContain('Showing 1 to 50 of 61 total users')
    expect(byRole.body).toContain('href="?q=performance+officer&amp;page=2"')
    const byTeam = await admin.get('/admin/users?q=safeguarding')
    expect(pageText(byTeam.body)).toContain('Ben Carter')
    const none = await admin.get('/admin/users?q=%25')
    expect(none.body).toContain('data-testid="users-none"')
  })
})

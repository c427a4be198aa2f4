import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../src/modules/demo/seed.js'
import { sessionIdHash } from '../../src/platform/auth/sessions.js'
import { disableUser } from '../../src/platform/auth/users.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'
import { firstAllocatedChild } from '../support/actors.js'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

/** An account with the demo password, made straight in the database. */
async function addAccount(username: string, role: string) {
  const { password_hash } = await t.database.db
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow()
  await t.database.db
    .insertInto('app_user')
    .values({ username, display_name: username, role, password_hash })
    .execute()
}

const auditRows = (action: string) =>
  t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute()

describe('signing in and out', () => {
  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const res = await new Browser(t.app).get('/')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/sign-in?returnTo=%2F')
  })

  it('shows a GOV.UK error summary for a wrong password and records the refusal', async () => {
    const b = new Browser(t.app)
    const res = await b.signIn('social.worker', 'not the password')
    expect(res.statusCode).toBe(401)
    expect(res.body).toContain('govuk-error-summary')
    expect(res.body).toContain('<title>Error: Sign in')
    expect(res.body).toContain('href="#username"')
    expect(res.body).toContain('value="social.worker"') // the answer is kept
    const denied = await auditRows('user.sign_in')
    expect(
      denied.some(
        (r) => r.outcome === 'denied' && (r.detail as { username?: string }).username === 'social.worker',
      ),
    ).toBe(true)
  })

  it('refuses a form without its CSRF token', async () => {
    const b = new Browser(t.app)
    await b.get('/sign-in')
    const res = await b.postWithToken(
      '/sign-in',
      { username: 'admin', password: 'haven-demo-2026' },
      undefined,
    )
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('This form has expired')
  })

  it('slows guessing: after 5 failures the right password is refused too', async () => {
    await addAccount('guessed', 'social_worker')
    const b = new Browser(t.app)
    for (let i = 0; i < 5; i++) expect((await b.signIn('guessed', `wrong ${i}`)).statusCode).toBe(401)
    const res = await b.signIn('guessed')
    expect(res.statusCode).toBe(429)
    expect(res.body).toContain('Too many attempts')
  })

  it('starts a new session at sign-in, and ends it at sign-out', async () => {
    const b = new Browser(t.app)
    const res = await b.signIn('social.worker')
    expect(res.statusCode).toBe(303)
    const session = /haven_session=([^;]+)/.exec(b.cookie)?.[1]
    expect(session).toBeTruthy()
    const home = await b.get('/')
    expect(home.statusCode).toBe(200)
    expect(home.headers['cache-control']).toBe('no-store')
    expect(home.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(home.body).toContain('Amara Lewis')
    // Who is signed in is text, not styled as a link that goes nowhere.
    expect(home.body).toMatch(/<span data-testid="signed-in-as">[^<]+\(Social worker\)<\/span>/)

    // A session token planted before sign-in (session fixation) is never adopted. The server
    // never issued this value: it is refused on its own, sign-in sets a fresh one in its place,
    // and the planted value is still refused afterwards, so whoever chose it holds nothing.
    const chosen = 'chosen-by-an-attacker-0123456789abcdef'
    const withChosen = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: `haven_session=${chosen}` } })
    expect((await withChosen('/')).statusCode).toBe(302)
    const planted = new Browser(t.app)
    planted.cookie = `haven_session=${chosen}`
    const signedIn = await planted.signIn('social.worker')
    expect(signedIn.statusCode).toBe(303)
    const issued = signedIn.cookies.find((c) => c.name === 'haven_session')?.value
    expect(issued).toBeTruthy()
    expect(issued).not.toBe(chosen)
    expect((await planted.get('/')).statusCode).toBe(200)
    expect((await withChosen('/')).statusCode).toBe(302)
    const adopted = await t.database.db
      .selectFrom('user_session')
      .select('id_hash')
      .where('id_hash', '=', sessionIdHash(chosen))
      .execute()
    expect(adopted).toEqual([])

    const signOut = await b.post('/sign-out', {}, '/')
    expect(signOut.statusCode).toBe(303)
    const after = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: `haven_session=${session}` },
    })
    expect(after.statusCode).toBe(302)
  })

  it('ends a session after 30 minutes idle and after 10 hours in all', async () => {
    const idle = new Browser(t.app)
    await idle.signIn('team.manager')
    expect((await idle.get('/')).statusCode).toBe(200)
    await sql`update user_session set last_seen_at = now() - interval '31 minutes' where ended_at is null and user_id = (select id from app_user where username = 'team.manager')`.execute(
      t.database.db,
    )
    expect((await idle.get('/')).statusCode).toBe(302)

    const long = new Browser(t.app)
    await long.signIn('team.manager')
    await sql`update user_session set created_at = now() - interval '10 hours 1 minute' where ended_at is null and user_id = (select id from app_user where username = 'team.manager')`.execute(
      t.database.db,
    )
    expect((await long.get('/')).statusCode).toBe(302)
  })

  it('stops a disabled account at its very next request', async () => {
    const b = new Browser(t.app)
    await b.signIn('social.worker2')
    expect((await b.get('/')).statusCode).toBe(200)
    await disableUser(t.database.db, 'social.worker2', 'left the authority', {
      userId: null,
      username: 'test',
      requestId: null,
    })
    expect((await b.get('/')).statusCode).toBe(302)
    expect((await b.signIn('social.worker2')).statusCode).toBe(401)
  })
})

describe('a page for every role', () => {
  const expected: Record<string, RegExp> = {
    front_door_screener: /Your work/,
    mash_social_worker: /Your work/,
    social_worker: /Your work/,
    team_manager: /Your team’s work/,
    service_manager: /Work across the service/,
    partner_practitioner: /Children shared with you/,
    performance_officer: /Statutory timescales/,
    administrator: /<h1 class="govuk-heading-l">Users/,
    auditor: /<h1 class="govuk-heading-l">Audit trail/,
    emergency_duty_worker: /Record out-of-hours work/,
    independent_reviewing_officer: /Your work/,
    carer: /Children placed with you/,
  }
  it.each(
    DEMO_ACCOUNTS.filter((a) => a.username !== 'social.worker2').map((a) => [a.username, a.role] as const),
  )('%s (%s) signs in and lands on a page for their role', async (username, role) => {
    const b = new Browser(t.app)
    expect((await b.signIn(username)).statusCode).toBe(303)
    let res = await b.get('/')
    if (res.statusCode === 302) res = await b.get(String(res.headers.location))
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(expected[role] as RegExp)
  })
})

describe('the demo authority’s teams', () => {
  it('each have a manager among the demo sign-ins where the demo’s social workers work', async () => {
    const teams = [
      ...new Set(
        DEMO_ACCOUNTS.filter((a) => a.role === 'social_worker' || a.role === 'mash_social_worker').map(
          (a) => a.team ?? '',
        ),
      ),
    ]
    const managers = await t.database.db
      .selectFrom('team as tm')
      .leftJoin('app_user as m', 'm.id', 'tm.manager_id')
      .select(['tm.name', 'm.username', 'm.role', 'm.team_id', 'tm.id'])
      .where('tm.name', 'in', teams)
      .orderBy('tm.name')
      .orderBy('tm.id')
      .execute()
    expect(managers.map(({ name, username, role }) => ({ name, username, role }))).toEqual([
      { name: 'Assessment team', username: 'team.manager', role: 'team_manager' },
      { name: 'Front door (MASH)', username: 'mash.manager', role: 'team_manager' },
      { name: 'Safeguarding team', username: 'safeguarding.manager', role: 'team_manager' },
    ])
    // Each manages the team they belong to.
    for (const m of managers) expect(m.team_id, m.name).toBe(m.id)
  })
})

describe('a child’s record', () => {
  const allocatedChild = (username: string) => firstAllocatedChild(t.database.db, username)

  it('opens for the allocated worker, with the chronology, and the read is audited with its basis', async () => {
    const childId = await allocatedChild('social.worker')
    const b = new Browser(t.app)
    await b.signIn('social.worker')
    const res = await b.get(`/children/${childId}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('data-testid="chronology"')
    expect(res.body).toContain('Contact received')
    const views = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'child.view')
      .where('child_id', '=', childId)
      .execute()
    expect(views.at(-1)).toMatchObject({
      outcome: 'allowed',
      basis: 'allocated_worker',
      username: 'social.worker',
    })
    expect(views.at(-1)?.request_id).toBeTruthy()
  })

  it('is refused (403) to a worker with no relationship to the child, and the refusal is audited', async () => {
    const childId = await allocatedChild('social.worker')
    const b = new Browser(t.app)
    await b.signIn('performance')
    const asPerformance = await b.get(`/children/${childId}`)
    expect(asPerformance.statusCode).toBe(403) // the role does not view records at all

    await addAccount('outsider', 'social_worker')
    const o = new Browser(t.app)
    await o.signIn('outsider')
    const res = await o.get(`/children/${childId}`)
    expect(res.statusCode).toBe(403)
    const denials = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('username', '=', 'outsider')
      .where('action', '=', 'child.view')
      .execute()
    expect(denials).toHaveLength(1)
    expect(denials[0]).toMatchObject({ outcome: 'denied', child_id: childId })
  })

  it('answers 404 for a child that does not exist', async () => {
    const b = new Browser(t.app)
    await b.signIn('social.worker')
    expect((await b.get('/children/99999999')).statusCode).toBe(404)
    expect((await b.get('/children/abc')).statusCode).toBe(404)
  })
})

describe('the auditor’s page', () => {
  it('answers who has looked at a child’s record, and refuses other roles', async () => {
    const child = await t.database.db
      .selectFrom('audit_event')
      .select('child_id')
      .where('action', '=', 'child.view')
      .where('outcome', '=', 'allowed')
      .executeTakeFirstOrThrow()
    const a = new Browser(t.app)
    await a.signIn('auditor')
    const res = await a.get(`/audit?childId=${child.child_id}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('data-testid="viewers"')
    expect(res.body).toContain('social.worker')
    expect(res.body).toMatch(/<title>\d+ events? found – Audit trail – Haven/)
    expect((await a.get('/audit')).body).toMatch(/<title>Audit trail – Haven/)
    const bad = await a.get('/audit?from=2026-02-30')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('govuk-error-summary')

    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    expect((await sw.get('/audit')).statusCode).toBe(403)
  })
})

describe('the auditor’s search by the child ID a record shows', () => {
  it('takes the LA child ID as the record shows it, or its number, and shows codes in words', async () => {
    // A child the screener has just looked at, under the front door's standing access.
    const child = await t.database.db
      .selectFrom('person')
      .select(['id', 'la_child_id'])
      .where('kind', '=', 'child')
      .where('la_child_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const shown = String(child.la_child_id)
    const screener = new Browser(t.app)
    await screener.signIn('screener')
    expect((await screener.get(`/children/${child.id}`)).statusCode).toBe(200)

    const a = new Browser(t.app)
    await a.signIn('auditor')
    for (const given of [shown, ` ${shown.toLowerCase()} `, String(child.id)]) {
      const res = await a.get(`/audit?childId=${encodeURIComponent(given)}`)
      expect(res.statusCode, given).toBe(200)
      expect(res.body).toContain(`Who has looked at child ${shown}’s record`)
      const results = res.body.slice(res.body.indexOf('data-testid="audit-results"'))
      expect(results).toContain('View a child’s record')
      expect(results).toContain('Front door (standing access)')
      expect(results).toContain(`>${shown}<`)
      expect(results).toContain('Allowed')
      for (const code of ['child.view', 'front_door', '>allowed<']) expect(results).not.toContain(code)
      expect(res.body.slice(res.body.indexOf('data-testid="viewers"'))).toContain(
        'Front door (standing access)',
      )
    }
  })

  it('says when no record shows the child ID given', async () => {
    const a = new Browser(t.app)
    await a.signIn('auditor')
    const res = await a.get('/audit?childId=C9999999')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('govuk-error-summary')
    expect(res.body).toContain('href="#childId"')
    expect(res.body).toContain('No child’s record shows that child ID')
    expect(res.body).toContain('value="C9999999"')
  })
})

describe('the demo authority', () => {
  it('gives its children identifiers and addresses that search can find', async () => {
    const b = new Browser(t.app)
    await b.signIn('mash.sw')
    const byPostcode = await b.get('/people/search?search=1&postcode=RM17')
    expect(byPostcode.statusCode).toBe(200)
    expect(byPostcode.body).toMatch(/\/children\/\d+/)
    const nhs = await t.database.db
      .selectFrom('person')
      .select('nhs_number')
      .where('la_child_id', '=', 'DEMO1000')
      .executeTakeFirstOrThrow()
    const byNhs = await b.get(`/people/search?search=1&identifier=${nhs.nhs_number}`)
    expect(byNhs.statusCode).toBe(200)
    expect(byNhs.body).toMatch(/\/children\/\d+/)
  })
})

describe('adding a child', () => {
  it('is open to roles that add children and refused to others', async () => {
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    expect((await sw.get('/people/new')).statusCode).toBe(200)
    const perf = new Browser(t.app)
    await perf.signIn('performance')
    expect((await perf.get('/people/new')).statusCode).toBe(403)
  })
})

describe('the platform pages', () => {
  it('reports health and version, and has not-found and accessibility pages', async () => {
    const health = await t.app.inject('/health')
    expect(health.json()).toMatchObject({ status: 'UP', components: { database: { status: 'UP' } } })
    expect((await t.app.inject('/info')).json()).toHaveProperty('version')
    const missing = await t.app.inject('/no-such-page')
    expect(missing.statusCode).toBe(404)
    expect(missing.body).toContain('Page not found')
    const statement = (await t.app.inject('/accessibility')).body
    expect(statement).toContain('Accessibility statement for Haven')
    // What the content security policy means for people who restyle pages.
    expect(statement).toContain('Style sheets, bookmarklets and extensions')
  })

  it('refuses an oversized form with a clear page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${'a'.repeat(300_000)}`,
    })
    expect(res.statusCode).toBe(413)
    expect(res.body).toContain('too large')
  })
})

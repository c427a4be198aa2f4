/**
 * Drafts: what someone types into a form and has not sent is kept for them alone, sealed, audited,
 * shown again when they come back, and gone once sent — including answers that arrive after
 * their session timed out, which are kept for them to carry on after signing in again.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/bootstrap.js'
import { loadConfig } from '../../src/platform/config.js'
import { DEMO_PASSWORD } from '../../src/modules/demo/seed.js'
import { Browser, csrfFrom, openTestApp, pageText, type TestApp } from '../support/web.js'
import { firstAllocatedChild } from '../support/actors.js'

let t: TestApp
let childId: number
let page: string
beforeAll(async () => {
  t = await openTestApp()
  childId = await firstAllocatedChild(t.database.db)
  page = `/children/${childId}/alerts/new`
})
afterAll(async () => t.close())

const db = () => t.database.db
const userId = async (username: string) =>
  (await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id
const draftsOf = async (username: string) =>
  db()
    .selectFrom('form_draft')
    .selectAll()
    .where('user_id', '=', await userId(username))
    .execute()
const auditOf = async (requestId: string) =>
  db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id', 'record_type', 'detail'])
    .where('request_id', '=', requestId)
    .where('action', 'like', 'draft.%')
    .execute()

async function signedIn(username = 'social.worker') {
  const browser = new Browser(t.app)
  await browser.signIn(username)
  return browser
}

/** The answers as the page's script sends them while the person types. */
async function typeInto(browser: Browser, fields: Record<string, string>) {
  const form = await browser.get(page)
  return browser.postWithToken(page, { ...fields, _draft: 'save' }, csrfFrom(form.body))
}

/** Ends the browser's session as if its holder had been away longer than the idle limit. */
async function awayFor(minutes: number) {
  await sql`update user_session set last_seen_at = now() - make_interval(mins => ${minutes})
            where ended_at is null`.execute(db())
}

describe('a form’s draft', () => {
  it('is kept as the person types, sealed, audited against the child, and shown when they come back', async () => {
    const sw = await signedIn()
    const saved = await typeInto(sw, { kind: 'medical', summary: 'Needs an inhaler at school, half-written' })
    expect(saved.statusCode).toBe(204)
    expect(await auditOf(saved.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        action: 'draft.save',
        outcome: 'allowed',
        child_id: childId,
        record_type: 'form_draft',
      }),
    ])
    const [row] = await draftsOf('social.worker')
    expect(row?.page).toBe(page)
    expect(row?.sealed).not.toContain('inhaler')

    // A new tab, or the next day: the form shows the draft and says so.
    const back = await sw.get(page)
    expect(back.statusCode).toBe(200)
    expect(back.body).toContain('Needs an inhaler at school, half-written')
    expect(pageText(back.body)).toMatch(/What you entered on .* has been kept/)
    expect(await auditOf(back.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ action: 'draft.restore', outcome: 'allowed', child_id: childId }),
    ])
  })

  it('is its author’s alone', async () => {
    const manager = await signedIn('team.manager')
    const theirs = await manager.get(page)
    expect(theirs.statusCode).toBe(200)
    expect(theirs.body).not.toContain('half-written')
    expect(pageText(theirs.body)).not.toContain('has been kept')
  })

  it('goes once the form is sent, and comes back when it is shown again with an error', async () => {
    const sw = await signedIn()
    await typeInto(sw, { kind: 'medical', summary: 'To be sent' })
    const wrong = await sw.post(page, { kind: '', summary: 'Kept through an error' })
    expect(wrong.statusCode).toBe(400)
    expect((await draftsOf('social.worker')).map((d) => d.page)).toEqual([page])
    expect((await sw.get(page)).body).toContain('Kept through an error')

    const sent = await sw.post(page, { kind: 'medical', summary: 'Kept through an error' })
    expect(sent.statusCode).toBe(303)
    expect(await draftsOf('social.worker')).toEqual([])
    expect(await auditOf(sent.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ action: 'draft.delete', detail: { page, why: 'sent' } }),
    ])
    expect(pageText((await sw.get(page)).body)).not.toContain('has been kept')
  })

  it('can be deleted by its author, to start again', async () => {
    const sw = await signedIn()
    await typeInto(sw, { kind: 'medical', summary: 'Not wanted' })
    const form = await sw.get(page)
    const discarded = await sw.postWithToken(page, { _draft: 'discard' }, csrfFrom(form.body))
    expect(discarded.statusCode).toBe(303)
    expect(discarded.headers.location).toBe(page)
    expect(await draftsOf('social.worker')).toEqual([])
    const again = await sw.get(page)
    expect(again.body).not.toContain('Not wanted')
    expect(pageText(again.body)).toContain('Your draft has been deleted')
  })

  it('is not kept for a page its author may not open', async () => {
    const partner = await signedIn('police')
    const form = await (await signedIn()).get(page)
    const refused = await partner.postWithToken(page, { summary: 'x', _draft: 'save' }, csrfFrom(form.body))
    expect(refused.statusCode).toBe(403)
    expect(await draftsOf('police')).toEqual([])
  })

  it('lasts as long as configured, then is no longer shown', async () => {
    const sw = await signedIn()
    await typeInto(sw, { kind: 'medical', summary: 'Old news' })
    await sql`update form_draft set saved_at = now() - interval '15 days', expires_at = now() - interval '1 day'`.execute(
      db(),
    )
    expect((await sw.get(page)).body).not.toContain('Old news')
    await sw.postWithToken(page, { _draft: 'discard' }, csrfFrom((await sw.get(page)).body))
  })
})

describe('answers sent after the session timed out', () => {
  it('are kept, and the person is taken back to them, answers and all, once signed in again', async () => {
    const sw = await signedIn()
    const form = await sw.get(page)
    expect(pageText(form.body)).toContain('Haven signs you out after 30 minutes without activity')
    await awayFor(31)
    const late = await sw.postWithToken(
      page,
      { kind: 'medical', summary: 'Written during a long phone call' },
      csrfFrom(form.body),
    )
    expect(late.statusCode).toBe(401)
    expect(pageText(late.body)).toContain('Your session has ended')
    expect(pageText(late.body)).toContain('has been kept')
    const link = /href="(\/sign-in\?returnTo=[^"]+)"/.exec(late.body)?.[1]
    expect(link).toBe(`/sign-in?returnTo=${encodeURIComponent(page)}`)
    expect((await draftsOf('social.worker')).map((d) => d.page)).toEqual([page])

    // Signing in from that link goes back to the form, with the answers restored.
    const signIn = await sw.get(link!.replace(/&amp;/g, '&'))
    const res = await sw.postWithToken(
      '/sign-in',
      { username: 'social.worker', password: DEMO_PASSWORD, returnTo: page },
      csrfFrom(signIn.body),
    )
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(page)
    const restored = await sw.get(page)
    expect(restored.body).toContain('Written during a long phone call')
    expect(pageText(restored.body)).toMatch(/has been kept/)
    await sw.postWithToken(page, { _draft: 'discard' }, csrfFrom(restored.body))
  })

  it('are not kept without the form’s own token from that session', async () => {
    const sw = await signedIn()
    await sw.get(page)
    await awayFor(31)
    const forged = await sw.postWithToken(page, { kind: 'medical', summary: 'Forged' }, 'not-the-token')
    expect(forged.statusCode).toBe(401)
    expect(pageText(forged.body)).not.toContain('has been kept')
    expect(await draftsOf('social.worker')).toEqual([])
  })
})

describe('the session’s time', () => {
  it('is told without counting as activity, and kept going by "Stay signed in"', async () => {
    const sw = await signedIn()
    await awayFor(20)
    const status = await sw.get('/session/status')
    expect(status.json()).toMatchObject({ signedIn: true })
    const left = status.json().idleSecondsLeft as number
    expect(left).toBeGreaterThan(9 * 60)
    expect(left).toBeLessThanOrEqual(10 * 60)
    // Asking again did not reset the idle time.
    expect((await sw.get('/session/status')).json().idleSecondsLeft).toBeLessThanOrEqual(left)

    const home = await sw.get('/')
    const kept = await sw.postWithToken('/session/keep-alive', {}, csrfFrom(home.body))
    expect(kept.statusCode).toBe(200)
    expect(kept.json().idleSecondsLeft).toBeGreaterThan(29 * 60)
  })

  it('is nothing for someone not signed in', async () => {
    const res = await new Browser(t.app).get('/session/status')
    expect(res.json()).toEqual({ signedIn: false, idleSecondsLeft: 0, absoluteSecondsLeft: 0 })
  })
})

describe('drafts past their time', () => {
  it('are deleted when Haven starts, with one audit event saying how many', async () => {
    const sw = await signedIn()
    await typeInto(sw, { kind: 'medical', summary: 'Forgotten' })
    await sql`update form_draft set saved_at = now() - interval '15 days', expires_at = now() - interval '1 day'`.execute(
      db(),
    )
    const another = await buildApp(
      loadConfig({ NODE_ENV: 'test', AUDIT_HMAC_KEY: 'test-key', DRAFT_KEY: 'test-draft-key' }),
      t.database,
    )
    try {
      await another.ready()
      expect(await draftsOf('social.worker')).toEqual([])
      const purged = await db()
        .selectFrom('audit_event')
        .select(['detail'])
        .where('action', '=', 'draft.expire')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      expect(purged.detail).toMatchObject({ count: 1, keepDays: 14 })
    } finally {
      await another.close()
    }
  })
})

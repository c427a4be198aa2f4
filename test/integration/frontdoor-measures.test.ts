/**
 * The front door's measures over a small fixed data set with hand-computed figures, on the
 * service manager's home page and on each measure's page; the children behind a figure are
 * filtered to those the reader may see (a social worker sees only theirs) and audited as read,
 * and the list's total equals the figure's count. The clock is set years after the demo's own
 * contacts, so only the set below falls in the period (1 April 2030 to 15 March 2031).
 * PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { firstAllocatedChild } from '../support/actors.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
let manager: Browser
let worker: Browser
const ids: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 }
const names: Record<string, string> = {}
const HOUR = 3_600_000

beforeAll(async () => {
  t = await openTestApp({ clock: fixedClock('2031-03-15T12:00:00Z') })
  const db = t.database.db
  // A is the social worker's allocated child; B, C and D are children they may not see.
  ids.A = await firstAllocatedChild(db)
  const others = await db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name'])
    .where('kind', '=', 'child')
    .where('restricted', '=', false)
    .where('deleted_at', 'is', null)
    .where('id', 'not in', (eb) =>
      eb
        .selectFrom('child_access as a')
        .innerJoin('app_user as u', 'u.id', 'a.user_id')
        .select('a.child_id')
        .where('u.username', 'in', ['social.worker']),
    )
    .orderBy('id')
    .limit(3)
    .execute()
  ;[ids.B, ids.C, ids.D] = others.map((o) => o.id) as [number, number, number]
  for (const p of await db.selectFrom('person').select(['id', 'given_name', 'family_name']).execute())
    names[p.id] = `${p.given_name} ${p.family_name}`
  const screener = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'screener')
    .executeTakeFirstOrThrow()
  const teamManager = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'team.manager')
    .executeTakeFirstOrThrow()

  const contact = async (at: string, source: string) =>
    (
      await db
        .insertInto('contact')
        .values({
          received_at: new Date(at),
          channel: 'phone',
          referral_source: source as '6',
          reason: 'Concern reported',
          consent: 'given',
          recorded_by: screener.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const child = async (
    contactId: number,
    childId: number,
    decided?: {
      decision: string
      hours: number
      from: string
      clock?: 'met' | 'missed'
      rag?: 'met' | 'missed'
      /** Hours from the recommendation to its authorisation, or decided alone. */
      authorised?: number | 'alone'
    },
  ) => {
    const decidedAt = decided ? new Date(Date.parse(decided.from) + decided.hours * HOUR) : null
    const cc = await db
      .insertInto('contact_child')
      .values({
        contact_id: contactId,
        child_id: childId,
        status: decided ? 'decided' : 'in_triage',
        decision: (decided?.decision ?? null) as 'referral' | null,
        decided_by: decided ? screener.id : null,
        decided_at: decidedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const task = (code: string, met: 'met' | 'missed') => ({
      instance_key: `${code}:measures-test:${cc.id}`,
      clock_code: code,
      child_id: childId,
      subject_type: 'contact',
      subject_id: String(cc.id),
      title: 'Decision on contact',
      started_at: new Date(decided!.from),
      due_at: new Date(decidedAt!.getTime() + (met === 'met' ? HOUR : -HOUR)),
      due_soon_at: new Date(decided!.from),
      stopped_at: decidedAt,
      closed_by: 'stop' as const,
    })
    if (decided?.authorised !== undefined) {
      const alone = decided.authorised === 'alone'
      await db
        .insertInto('contact_recommendation')
        .values({
          contact_child_id: cc.id,
          decision: decided.decision as 'referral',
          rationale: 'What was weighed',
          recommended_by: screener.id,
          recommended_at: new Date(
            decidedAt!.getTime() - (alone ? 0 : (decided.authorised as number) * HOUR),
          ),
          outcome: 'authorised',
          reviewed_by: alone ? screener.id : teamManager.id,
          reviewed_at: decidedAt,
          oversight_note: 'Agreed',
          decided_alone: alone,
        })
        .execute()
    }
    if (decided?.clock) await db.insertInto('task').values(task('mash-decision', decided.clock)).execute()
    if (decided?.rag) await db.insertInto('task').values(task('mash-decision-rag', decided.rag)).execute()
    return cc.id
  }
  // Before the period: only the look-back for repeat contacts sees it.
  await child(await contact('2030-02-10T10:00:00Z', '6'), ids.A)
  const c2at = '2030-05-05T10:00:00Z'
  const c2 = await contact(c2at, '6')
  await child(c2, ids.A, {
    decision: 'no_further_action',
    hours: 2,
    from: c2at,
    clock: 'met',
    rag: 'met',
    authorised: 1,
  })
  const c2b = await child(c2, ids.B, {
    decision: 'referral',
    hours: 30,
    from: c2at,
    clock: 'missed',
    rag: 'missed',
  })
  await db
    .insertInto('referral')
    .values({
      child_id: ids.B,
      contact_child_id: c2b,
      referral_date: '2030-05-06',
      referral_source: '6',
      re_referral: false,
      status: 'awaiting_allocation',
    })
    .execute()
  const c3at = '2030-11-20T09:00:00Z'
  await child(await contact(c3at, '3A'), ids.C, {
    decision: 'early_help',
    hours: 4,
    from: c3at,
    clock: 'met',
    rag: 'met',
    authorised: 3,
  })
  const c4at = '2031-01-10T09:00:00Z'
  await child(await contact(c4at, '6'), ids.B, {
    decision: 'no_further_action',
    hours: 50,
    from: c4at,
    clock: 'missed',
  })
  await child(await contact('2031-03-14T09:00:00Z', '6'), ids.D)

  manager = new Browser(t.app)
  await manager.signIn('service.manager')
  worker = new Browser(t.app)
  await worker.signIn('social.worker')
})
afterAll(async () => t.close())

const figure = (html: string, code: string) =>
  pageText(new RegExp(`data-testid="measure-${code}">([\\s\\S]*?)</dd>`).exec(html)?.[1] ?? '')

describe('the front door’s measures on the service manager’s home page', () => {
  it('shows each figure as computed by hand', async () => {
    const home = (await manager.get('/')).body
    expect(pageText(home)).toContain('From 1 April 2030 to today')
    expect(figure(home, 'fd-contacts-by-source')).toBe('5 children on contacts')
    expect(figure(home, 'fd-conversion-to-referral')).toBe('25% 1 of 4')
    expect(figure(home, 'fd-repeat-contacts')).toBe('40% 2 of 5')
    expect(figure(home, 'fd-nfa-rate')).toBe('50% 2 of 4')
    expect(figure(home, 'fd-time-to-decision')).toBe('17 hours over 4 decisions')
    // Authorised 1 and 3 hours after the recommendation; the one decided alone is not counted.
    expect(figure(home, 'fd-time-to-authorisation')).toBe('2 hours over 2 decisions')
    expect(figure(home, 'fd-decided-within-1wd')).toBe('50% 2 of 4. Target 95% Below target')
    expect(figure(home, 'fd-rag-met')).toBe('67% 2 of 3. Target 90% Below target')
    expect(home).toContain('href="/measures/fd-nfa-rate"')
  })

  it('is not on a social worker’s home page', async () => {
    expect((await worker.get('/')).body).not.toContain('Front door measures')
  })
})

describe('the children behind a figure', () => {
  it('lists them for the service manager, as many as the figure counts, and audits the read', async () => {
    const page = await manager.get('/measures/fd-nfa-rate')
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain('2 total children')
    expect(text).toContain(names[ids.A])
    expect(text).toContain(names[ids.B])
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'child.list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.detail).toMatchObject({ measure: 'fd-nfa-rate', part: 'numerator' })
    expect([...(audit.detail as { childIds: number[] }).childIds].sort()).toEqual([ids.A, ids.B].sort())

    const outOf = pageText((await manager.get('/measures/fd-nfa-rate?part=denominator')).body)
    expect(outOf).toContain('4 total children')
  })

  it('breaks contacts down by source and month, each cell linking to its children', async () => {
    const page = await manager.get('/measures/fd-contacts-by-source')
    expect(page.body).toContain('href="?category=6&amp;month=2030-05"')
    const cell = pageText(
      (await manager.get('/measures/fd-contacts-by-source?category=6&month=2030-05')).body,
    )
    expect(cell).toContain('2 total children')
    expect(cell).toContain('Only from Police in 2030-05')
    expect(pageText((await manager.get('/measures/fd-contacts-by-source?category=3A')).body)).toContain(
      names[ids.C],
    )
  })

  it('shows a social worker only the children they may see, and says how many more the figure counts', async () => {
    const page = await worker.get('/measures/fd-nfa-rate')
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain(names[ids.A])
    expect(text).not.toContain(names[ids.B])
    expect(text).toContain('The figure counts 1 more you may not see')
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['detail', 'username'])
      .where('action', '=', 'child.list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.username).toBe('social.worker')
    expect((audit.detail as { childIds: number[] }).childIds).toEqual([ids.A])
    const none = pageText((await worker.get('/measures/fd-contacts-by-source?category=3A')).body)
    expect(none).toContain('There are no children you may see on this list')
    expect(none).not.toContain(names[ids.C])
  })

  it('refuses roles without a worklist, and answers an unknown measure with not found', async () => {
    const police = new Browser(t.app)
    await police.signIn('police')
    expect((await police.get('/measures/fd-nfa-rate')).statusCode).toBe(403)
    expect((await manager.get('/measures/no-such-measure')).statusCode).toBe(404)
  })
})

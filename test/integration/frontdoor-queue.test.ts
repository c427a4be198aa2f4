/**
 * The MASH queue at volume: its pages (counts in SQL, filters and sort kept in every link), one
 * definition of overdue for the tile and the filter, and taking a child's contact so that two
 * people do not triage it: on a real database (PGlite, and PostgreSQL in CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import { recordContact } from '../../src/modules/frontdoor/service.js'
import { actingAs } from '../support/actors.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
const db = () => t.database.db
const deps = () => ({ db: t.database.db, clock: t.clock })

beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

async function signedIn(username: string): Promise<Browser> {
  const b = new Browser(t.app)
  expect((await b.signIn(username)).statusCode).toBe(303)
  return b
}

const userId = async (username: string) =>
  (await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id

/** Records one contact from `source` about a child described in words (waiting to be found). */
async function describedContact(source: string, name: string, receivedAt: Date) {
  const { actor, ctx } = await actingAs(db(), 'screener')
  const result = await recordContact(
    deps(),
    actor,
    {
      details: contactDetailsSchema.parse({
        channel: 'phone',
        referralSource: source,
        referrerName: 'A caller',
        reason: 'A caller is worried about the child.',
        consent: 'given',
      }),
      receivedAt,
      childIds: [],
      described: [{ name, birth: null, address: null }],
    },
    ctx,
  )
  return { contactId: result.contactId, contactChildId: result.children[0]!.contactChildId }
}

const number = (html: string, testId: string) =>
  Number(new RegExp(`data-testid="${testId}">(\\d+)<`).exec(html)?.[1] ?? Number.NaN)
const shownTotal = (html: string) =>
  Number(/(\d+) (?:child|children)(?:, page \d+ of \d+)?<\/caption>/.exec(html)?.[1] ?? 0)

describe('the MASH queue in pages', () => {
  const made: { contactId: number; contactChildId: number }[] = []
  let baseline = 0

  beforeAll(async () => {
    // Anonymous contacts, so the filter by source shows only these (and any the demo has).
    baseline = Number(
      (
        await db()
          .selectFrom('contact_child as cc')
          .innerJoin('contact as c', 'c.id', 'cc.contact_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('c.referral_source', '=', '9')
          .where('cc.status', 'in', ['awaiting_match', 'in_triage'])
          .executeTakeFirstOrThrow()
      ).n,
    )
    const start = Date.now() - 3 * 86_400_000
    for (let i = 0; i < 105; i++)
      made.push(
        await describedContact('9', `Anon Child ${String(i).padStart(3, '0')}`, new Date(start + i * 60_000)),
      )
  })

  it('counts every match in SQL and shows 100 a page, with the page in the URL', async () => {
    const b = await signedIn('screener')
    const first = await b.get('/mash?source=9&sort=received')
    expect(first.statusCode).toBe(200)
    const total = baseline + 105
    expect(shownTotal(first.body)).toBe(total)
    expect(first.body).toContain('class="moj-pagination"')
    expect(first.body).toContain(`Showing 1 to 100 of ${total} total children`)
    const rows = (first.body.match(/data-testid="taken-\d+"/g) ?? []).length
    expect(rows).toBe(100)
    // Every page link keeps the filters and the sort.
    expect(first.body).toContain('href="/mash?source=9&amp;sort=received&amp;page=2"')

    const second = await b.get('/mash?source=9&sort=received&page=2')
    expect(second.statusCode).toBe(200)
    expect(second.body).toContain(`<title>MASH queue (page 2 of 2)`)
    expect(second.body).toContain(`Showing 101 to ${total} of ${total} total children`)
    // Oldest first: the last made is on page 2, the first on page 1.
    expect(second.body).toContain('Anon Child 104')
    expect(first.body).not.toContain('Anon Child 104')
    // Changing the sort or a filter starts again at page 1, keeping the rest.
    expect(second.body).toContain('href="/mash?source=9"') // sort by time left
    // A page past the end shows the last page rather than nothing.
    const beyond = await b.get('/mash?source=9&sort=received&page=99')
    expect(beyond.body).toContain(`Showing 101 to ${total}`)
    // Nonsense in the URL is ignored, not an error.
    expect((await b.get('/mash?page=banana&rag=purple')).statusCode).toBe(200)
  })

  it('leads back from triage to the queue as it was left, filters, sort and page', async () => {
    const b = await signedIn('screener')
    await b.get('/mash?source=9&sort=received&page=2')
    const last = made[made.length - 1]!
    const triage = await b.get(`/contacts/${last.contactId}/children/${last.contactChildId}`)
    expect(triage.statusCode).toBe(200)
    expect(triage.body).toContain(
      'href="/mash?source=9&amp;sort=received&amp;page=2" data-testid="back-to-queue"',
    )
  })
})

describe('overdue: one definition for the tile and the filter', () => {
  it('counts a child whose RAG clock has run out though the statutory one has not, in both', async () => {
    const b = await signedIn('mash.sw')
    const before = await b.get('/mash')
    const tile = number(before.body, 'overdue-count')
    const listed = shownTotal((await b.get('/mash?overdue=yes')).body)
    expect(tile).toBe(listed)

    // A child in triage whose RAG clock ran out an hour ago while the one working day still runs.
    const { actor, ctx } = await actingAs(db(), 'screener')
    const child = await db()
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: 'Rory',
        family_name: 'Ashdown',
        date_of_birth: '2019-03-03',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const result = await recordContact(
      deps(),
      actor,
      {
        details: contactDetailsSchema.parse({
          channel: 'phone',
          referralSource: '2A',
          referrerName: 'Ms Hale, designated safeguarding lead',
          reason: 'The school is worried about bruising.',
          consent: 'given',
        }),
        receivedAt: new Date(Date.now() - 60_000),
        childIds: [child.id],
        described: [],
      },
      ctx,
    )
    const cc = result.children[0]!.contactChildId
    const statutory = await db()
      .selectFrom('task')
      .select(['id', 'due_at'])
      .where('subject_id', '=', String(cc))
      .where('clock_code', '=', 'mash-decision')
      .executeTakeFirstOrThrow()
    expect(statutory.due_at.getTime()).toBeGreaterThan(Date.now())
    await db()
      .insertInto('task')
      .values({
        instance_key: `test-rag-${cc}`,
        clock_code: 'mash-decision-rag',
        child_id: child.id,
        subject_type: 'contact',
        subject_id: String(cc),
        title: 'Decision on contact (RAG rating)',
        started_at: new Date(Date.now() - 7_200_000),
        due_at: new Date(Date.now() - 3_600_000),
        due_soon_at: new Date(Date.now() - 5_400_000),
      })
      .execute()

    const after = await b.get('/mash')
    const filtered = await b.get('/mash?overdue=yes')
    expect(number(after.body, 'overdue-count')).toBe(tile + 1)
    expect(shownTotal(filtered.body)).toBe(listed + 1)
    expect(filtered.body).toContain('Rory Ashdown')
  })
})

describe('taking a child’s contact', () => {
  let item: { contactId: number; contactChildId: number }
  const takeUrl = () => `/contacts/${item.contactId}/children/${item.contactChildId}/take`
  const releaseUrl = () => `/contacts/${item.contactId}/children/${item.contactChildId}/release`
  const triageUrl = () => `/contacts/${item.contactId}/children/${item.contactChildId}`
  const holder = async () =>
    db()
      .selectFrom('contact_child')
      .select(['taken_by', 'taken_at'])
      .where('id', '=', item.contactChildId)
      .executeTakeFirstOrThrow()
  const audits = async (action: string) =>
    db()
      .selectFrom('audit_event')
      .select(['user_id', 'detail'])
      .where('action', '=', action)
      .where('record_id', '=', String(item.contactChildId))
      .orderBy('id')
      .execute()

  beforeAll(async () => {
    item = await describedContact('1D', 'Sky Pemberton', new Date(Date.now() - 3_600_000))
  })

  it('lets a screener take it, with a CSRF token, shown on the queue as who and when', async () => {
    const b = await signedIn('screener')
    // Without the token nothing is taken.
    expect((await b.postWithToken(takeUrl(), { returnTo: '/mash?source=1D' }, undefined)).statusCode).toBe(
      403,
    )
    expect((await holder()).taken_by).toBeNull()

    const res = await b.post(takeUrl(), { returnTo: '/mash?source=1D' }, '/mash?source=1D')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/mash?source=1D')
    expect((await holder()).taken_by).toBe(await userId('screener'))
    expect(await audits('contact.take')).toHaveLength(1)
    const queue = await b.get('/mash?source=1D')
    expect(pageText(queue.body)).toMatch(/Taken by Priya Shah at \d{1,2}:\d{2}(am|pm)/)
    expect(queue.body).toContain('You have taken this contact')
    const triage = await b.get(triageUrl())
    expect(pageText(triage.body)).toMatch(/Taken by Priya Shah at \d{1,2}:\d{2}(am|pm)\. Release it/)
  })

  it('asks before another worker takes it over, and records whom from', async () => {
    const b = await signedIn('mash.sw')
    const asked = await b.post(takeUrl(), { returnTo: '/mash' }, '/mash')
    expect(asked.statusCode).toBe(303)
    expect(asked.headers.location).toBe(`${takeUrl()}?returnTo=%2Fmash`)
    expect((await holder()).taken_by).toBe(await userId('screener'))
    const confirm = await b.get(String(asked.headers.location))
    expect(confirm.statusCode).toBe(200)
    expect(pageText(confirm.body)).toContain('Take this contact from Priya Shah?')
    expect(pageText(confirm.body)).toMatch(/Taken by Priya Shah at/)

    const taken = await b.post(
      takeUrl(),
      { returnTo: '/mash', confirm: 'yes' },
      String(asked.headers.location),
    )
    expect(taken.statusCode).toBe(303)
    expect((await holder()).taken_by).toBe(await userId('mash.sw'))
    const rows = await audits('contact.take')
    expect(rows).toHaveLength(2)
    expect(rows[1]!.detail).toMatchObject({ takenFrom: await userId('screener') })
  })

  it('lets only the holder release it', async () => {
    const screener = await signedIn('screener')
    const refused = await screener.post(releaseUrl(), { returnTo: '/mash' }, '/mash')
    expect(refused.statusCode).toBe(403)
    expect((await holder()).taken_by).toBe(await userId('mash.sw'))

    const mash = await signedIn('mash.sw')
    const released = await mash.post(releaseUrl(), { returnTo: '/mash' }, '/mash')
    expect(released.statusCode).toBe(303)
    expect(await holder()).toEqual({ taken_by: null, taken_at: null })
    expect(await audits('contact.release')).toHaveLength(1)
  })

  it('refuses a partner, and sends no one anywhere but the queue or a triage page', async () => {
    const partner = await signedIn('police')
    const page = await partner.get('/partner/contacts/new')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
    expect((await partner.postWithToken(takeUrl(), { returnTo: '/mash' }, csrf)).statusCode).toBe(403)
    expect((await holder()).taken_by).toBeNull()

    const b = await signedIn('screener')
    const res = await b.post(takeUrl(), { returnTo: 'https://example.org/' }, '/mash')
    expect(res.headers.location).toBe(triageUrl())
  })
})

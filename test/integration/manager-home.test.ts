/**
 * The service manager's home page and the paged worklist: the counts come from SQL over every open
 * task (not the first rows fetched), each count equals its list's total, the home page shows only
 * the most urgent few, and the full list pages with its filter in the URL. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

const NOW = '2026-12-04T12:00:00Z'
const DAY = 86_400_000
let t: TestApp
let manager: Browser
let before: { overdue: number; due_soon: number; due: number }

/** Open tasks already in the demo, by status at NOW, counted here independently of the app. */
async function demoCounts() {
  const now = Date.parse(NOW)
  const rows = await t.database.db
    .selectFrom('task')
    .select(['due_at', 'due_soon_at'])
    .where('stopped_at', 'is', null)
    .execute()
  const c = { overdue: 0, due_soon: 0, due: 0 }
  for (const r of rows)
    if (r.due_at.getTime() < now) c.overdue++
    else if (r.due_soon_at.getTime() <= now) c.due_soon++
    else c.due++
  return c
}

beforeAll(async () => {
  t = await openTestApp({ clock: fixedClock(NOW) })
  const db = t.database.db
  before = await demoCounts()
  const child = await db
    .selectFrom('person')
    .select('id')
    .where('kind', '=', 'child')
    .where('restricted', '=', false)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  // 230 overdue, 140 due soon and 35 due: more than any one fetch of 200 rows would count.
  const now = Date.parse(NOW)
  const spec = [
    ...Array.from({ length: 230 }, (_, i) => ({ due: now - (i + 1) * DAY, soon: now - (i + 3) * DAY })),
    ...Array.from({ length: 140 }, (_, i) => ({ due: now + (i + 1) * 3_600_000, soon: now - DAY })),
    ...Array.from({ length: 35 }, (_, i) => ({ due: now + (i + 10) * DAY, soon: now + (i + 5) * DAY })),
  ]
  await db
    .insertInto('task')
    .values(
      spec.map((s, i) => ({
        instance_key: `manager-home-test:${i}`,
        clock_code: 'cp-visit-10wd',
        child_id: child.id,
        subject_type: 'person',
        subject_id: String(child.id),
        title: `Test visit ${i}`,
        started_at: new Date(s.due - 20 * DAY),
        due_at: new Date(s.due),
        due_soon_at: new Date(s.soon),
      })),
    )
    .execute()
  manager = new Browser(t.app)
  await manager.signIn('service.manager')
})
afterAll(async () => t.close())

const figure = (html: string, key: string) =>
  Number(new RegExp(`data-testid="count-${key}">(\\d+)<`).exec(html)?.[1])
const rows = (html: string) => (html.match(/<tr class="govuk-table__row">/g) ?? []).length - 1
const total = (html: string) => Number(/of (\d+) total tasks/.exec(html)?.[1])

describe('the service manager’s home page', () => {
  it('counts every open task in SQL and shows only the most urgent few', async () => {
    const res = await manager.get('/')
    expect(res.statusCode).toBe(200)
    expect(figure(res.body, 'overdue')).toBe(before.overdue + 230)
    expect(figure(res.body, 'due_soon')).toBe(before.due_soon + 140)
    expect(figure(res.body, 'due')).toBe(before.due + 35)
    expect(rows(res.body)).toBe(10)
    const all = before.overdue + before.due_soon + before.due + 405
    expect(pageText(res.body)).toContain(`See all ${all} open tasks`)
    expect(res.body).toContain('href="/worklist?status=overdue"')
  })

  it('pages each list, and each count equals its list’s total', async () => {
    const home = await manager.get('/')
    for (const status of ['overdue', 'due_soon', 'due']) {
      const list = await manager.get(`/worklist?status=${status}`)
      expect(list.statusCode).toBe(200)
      expect(total(list.body)).toBe(figure(home.body, status))
      expect(rows(list.body)).toBe(Math.min(50, figure(home.body, status)))
    }
    const page2 = await manager.get('/worklist?status=overdue&sort=due&direction=ascending&page=2')
    expect(page2.body).toContain('Showing 51 to 100 of')
    // The filter stays in the links to other pages.
    expect(page2.body).toContain('href="?status=overdue&amp;sort=due&amp;direction=ascending&amp;page=3"')
  })

  it('audits the children a page of the list names', async () => {
    await manager.get('/worklist?status=due&page=1')
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('action', '=', 'worklist.view')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect((audit.detail as { childIds: number[] }).childIds.length).toBeGreaterThan(0)
  })

  it('sends roles without a worklist home', async () => {
    const admin = new Browser(t.app)
    await admin.signIn('admin')
    expect((await admin.get('/worklist')).statusCode).toBe(302)
  })
})

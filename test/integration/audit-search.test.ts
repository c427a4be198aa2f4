import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEventText, searchAudit, whoViewedChild } from '../../src/platform/audit/audit.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { onPostgres, openTestDatabase } from '../support/test-database.js'

// British Summer Time began at 01:00 UTC on Sunday 29 March 2026, so a London day is 24 hours
// from 00:00 UTC before then and from 23:00 UTC the day before after it.
const events = [
  // id 1: 28 March, 23:30 in London (GMT)
  {
    at: '2026-03-28T23:30:00Z',
    user: 1,
    name: 'sw.ahmed',
    action: 'child.view',
    child: 10,
    basis: 'allocated_worker',
  },
  // id 2: 29 March, 23:30 in London (BST)
  {
    at: '2026-03-29T22:30:00Z',
    user: 1,
    name: 'sw.ahmed',
    action: 'contact.create',
    child: 10,
    basis: 'allocated_worker',
  },
  // id 3: 30 March, 00:30 in London
  {
    at: '2026-03-29T23:30:00Z',
    user: 2,
    name: 'tm.okafor',
    action: 'child.view',
    child: 10,
    basis: 'allocated_team',
  },
  // id 4: refused: not a view
  {
    at: '2026-03-30T09:00:00Z',
    user: 3,
    name: 'police.reed',
    action: 'child.view',
    child: 10,
    outcome: 'denied',
  },
  // id 5: another child
  {
    at: '2026-03-30T10:00:00Z',
    user: 3,
    name: 'police.reed',
    action: 'child.view',
    child: 11,
    basis: 'agency_lead',
  },
  // id 6: break-glass on child 10, the latest view of it
  {
    at: '2026-04-02T08:15:00Z',
    user: 3,
    name: 'police.reed',
    action: 'child.view',
    child: 10,
    basis: 'break_glass',
  },
  // id 7: a sign-in, about no child; same instant as id 6, so order falls to the id
  { at: '2026-04-02T08:15:00Z', user: 1, name: 'sw.ahmed', action: 'user.sign_in', child: null },
  // id 8: the same worker again on child 10, under a second basis
  {
    at: '2026-04-01T12:00:00Z',
    user: 1,
    name: 'sw.ahmed',
    action: 'child.view',
    child: 10,
    basis: 'break_glass',
  },
  // id 9: an action whose name holds an underscore, to test that the prefix escapes it
  { at: '2026-04-01T12:00:00Z', user: 2, name: 'tm.okafor', action: 'user_admin.view', child: null },
]

describe(`searching the audit trail on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase()
    for (const e of events) {
      await database.db
        .insertInto('audit_event')
        .values({
          occurred_at: e.at,
          user_id: e.user,
          username: e.name,
          action: e.action,
          child_id: e.child,
          basis: e.basis ?? null,
          outcome: (e.outcome ?? 'allowed') as 'allowed' | 'denied',
          request_id: `req-${e.at}`,
        })
        .execute()
    }
  })
  afterAll(async () => database.close())

  const ids = async (search: Parameters<typeof searchAudit>[1]) => {
    const found = await searchAudit(database.db, search)
    return { ids: found.rows.map((r) => r.id), total: found.total }
  }

  it('lists everything newest first, the id breaking ties', async () => {
    expect(await ids({})).toEqual({ ids: [7, 6, 9, 8, 5, 4, 3, 2, 1], total: 9 })
  })

  it.each([
    ['user id', { userId: 3 }, [6, 5, 4]],
    ['username, as typed', { username: ' Police.Reed ' }, [6, 5, 4]],
    ['child', { childId: 11 }, [5]],
    ['action', { action: 'child.view' }, [6, 8, 5, 4, 3, 1]],
    ['action prefix', { action: 'user.*' }, [7]],
    ['action prefix with an underscore', { action: 'user_*' }, [9]],
    ['outcome', { outcome: 'denied' }, [4]],
    ['a London day in GMT', { from: '2026-03-28', to: '2026-03-28' }, [1]],
    ['a London day in BST', { from: '2026-03-29', to: '2026-03-29' }, [2]],
    ['from a day on', { from: '2026-04-01' }, [7, 6, 9, 8]],
    ['up to a day', { to: '2026-03-29' }, [2, 1]],
    ['several filters at once', { userId: 1, childId: 10, from: '2026-03-29' }, [8, 2]],
    ['nothing matching', { userId: 99 }, []],
  ])('filters by %s', async (_, search, expected) => {
    expect(await ids(search)).toEqual({ ids: expected, total: expected.length })
  })

  it('pages without overlap or gaps, keeping the full total', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => ids({ page, pageSize: 4 })))
    expect(pages.map((p) => p.ids)).toEqual([[7, 6, 9, 8], [5, 4, 3, 2], [1], []])
    expect(pages.every((p) => p.total === 9)).toBe(true)
  })

  it('refuses a date that is not one', async () => {
    await expect(searchAudit(database.db, { from: '2026-02-30' })).rejects.toThrow(/from must be a real date/)
  })

  it('answers who has looked at a child, most recent first, with the basis of each', async () => {
    const viewers = await whoViewedChild(database.db, 10)
    expect(viewers).toEqual([
      {
        userId: 3,
        username: 'police.reed',
        firstAt: new Date('2026-04-02T08:15:00Z'),
        lastAt: new Date('2026-04-02T08:15:00Z'),
        views: 1,
        bases: ['break_glass'],
      },
      {
        userId: 1,
        username: 'sw.ahmed',
        firstAt: new Date('2026-03-28T23:30:00Z'),
        lastAt: new Date('2026-04-01T12:00:00Z'),
        views: 3,
        bases: ['allocated_worker', 'break_glass'],
      },
      {
        userId: 2,
        username: 'tm.okafor',
        firstAt: new Date('2026-03-29T23:30:00Z'),
        lastAt: new Date('2026-03-29T23:30:00Z'),
        views: 1,
        bases: ['allocated_team'],
      },
    ])
  })

  it('limits who has looked to a range of London days, and finds nobody for an unseen child', async () => {
    const viewers = await whoViewedChild(database.db, 10, { from: '2026-03-30', to: '2026-03-31' })
    expect(viewers.map((v) => [v.username, v.views])).toEqual([['tm.okafor', 1]])
    expect(await whoViewedChild(database.db, 12)).toEqual([])
  })

  it('gives the chain the same text for an event on either driver and either PostgreSQL version', async () => {
    class Undo extends Error {}
    let text: string | null = null
    await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into audit_event (id, occurred_at, user_id, username, action, child_id, record_type,
            record_id, basis, request_id, outcome, detail, ip, session_id) overriding system value
          values (424242, '2026-03-29T00:59:59.123456Z', 7, 'sw.o''neil', 'child.view', 10, 'child', '10',
            'allocated_worker', 'req-x', 'allowed', ${JSON.stringify({ note: 'Zoë "Jo", here', n: 1.5, z: null })}, '192.0.2.1', null)`.execute(
          trx,
        )
        text = await auditEventText(trx, 424242)
        throw new Undo()
      })
      .catch((err: unknown) => {
        if (!(err instanceof Undo)) throw err
      })
    // Record syntax: fields by commas, quoted where needed with quotes and backslashes doubled.
    expect(text).toBe(
      String.raw`(424242,2026-03-29T00:59:59.123456Z,7,sw.o'neil,child.view,10,child,10,allocated_worker,req-x,allowed,"{""n"": 1.5, ""z"": null, ""note"": ""Zoë \\""Jo\\"", here""}",192.0.2.1,)`,
    )
    expect(await auditEventText(database.db, 424242)).toBeNull()
  })
})

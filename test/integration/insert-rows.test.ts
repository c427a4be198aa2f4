import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { insertRows, insertRowsReturningIds } from '../../src/platform/db/insert-rows.js'
import { onPostgres, openTestDatabase } from '../support/test-database.js'

const AUDIT = {
  username: 'text',
  action: 'text',
  outcome: 'text',
  child_id: 'bigint',
  record_id: 'text',
  detail: 'jsonb',
} as const

describe(`rows written a column an array (insertRows) on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase()
  })
  afterAll(async () => database.close())

  it('reads every text back as written, however an array literal would read it unquoted', async () => {
    const texts = [
      '',
      'NULL',
      'null',
      'a,b',
      '{x}',
      'say "no"',
      'back\\slash \\"both\\"',
      '  padded  ',
      'line\nbreak',
      'Zoë ✓',
    ]
    const { db } = database
    const ids = await insertRowsReturningIds(
      db,
      'audit_event',
      AUDIT,
      texts.map((t, i) => ({
        username: t,
        action: 'probe.text',
        outcome: 'allowed',
        child_id: i === 0 ? null : i,
        record_id: null,
        detail: JSON.stringify({ text: t, n: i }),
      })),
    )
    expect(ids).toHaveLength(texts.length)
    const rows = await db
      .selectFrom('audit_event')
      .select(['id', 'username', 'child_id', 'record_id', 'detail'])
      .where('action', '=', 'probe.text')
      .orderBy('id')
      .execute()
    // The ids are the rows' own, in the order given.
    expect(rows.map((r) => Number(r.id))).toEqual(ids)
    expect(rows.map((r) => r.username)).toEqual(texts)
    expect(rows.map((r) => r.detail)).toEqual(texts.map((text, n) => ({ text, n })))
    expect(rows.map((r) => (r.child_id === null ? null : Number(r.child_id)))).toEqual(
      texts.map((_, i) => (i === 0 ? null : i)),
    )
    expect(rows.every((r) => r.record_id === null)).toBe(true)
  })

  it('writes dates, booleans and instants as their columns take them', async () => {
    const { db } = database
    const at = new Date('2026-06-30T23:30:00.123Z')
    await insertRows(
      db,
      'bank_holiday_override',
      {
        holiday_date: 'date',
        title: 'text',
        is_holiday: 'boolean',
        reason: 'text',
        created_at: 'timestamptz',
      },
      [
        { holiday_date: '2031-01-02', title: 'Probe one', is_holiday: true, reason: 'probe', created_at: at },
        {
          holiday_date: '2031-01-03',
          title: 'Probe two',
          is_holiday: false,
          reason: 'probe',
          created_at: at,
        },
      ],
    )
    const rows = await sql<{ holiday_date: string; is_holiday: boolean; created_at: Date }>`
      select holiday_date, is_holiday, created_at from bank_holiday_override
       where title like 'Probe %' order by holiday_date`.execute(db)
    expect(rows.rows).toEqual([
      { holiday_date: '2031-01-02', is_holiday: true, created_at: at },
      { holiday_date: '2031-01-03', is_holiday: false, created_at: at },
    ])
  })

  it('writes nothing for no rows, and refuses a row with a value for a column it was not told of', async () => {
    const { db } = database
    await insertRows(db, 'audit_event', AUDIT, [])
    const row = {
      username: 'x',
      action: 'probe.extra',
      outcome: 'allowed' as const,
      child_id: null,
      record_id: null,
      detail: '{}',
    }
    await expect(
      insertRows(db, 'audit_event', AUDIT, [{ ...row, basis: 'allocated_worker' } as typeof row]),
    ).rejects.toThrow(/no type given for basis/)
    const left = await db.selectFrom('audit_event').select('id').where('action', '=', 'probe.extra').execute()
    expect(left).toEqual([])
  })
})

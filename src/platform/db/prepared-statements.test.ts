import type pg from 'pg'
import { describe, expect, it } from 'vitest'
import { preparingPool, statementName } from './prepared-statements.js'

/** A pool of one connection that records what was sent and how the connection was released. */
function fakePool(fail?: (sent: unknown) => Error | null) {
  const sent: unknown[] = []
  const released: (boolean | undefined)[] = []
  const client = {
    query: (a: unknown, b?: unknown) => {
      sent.push(b === undefined ? a : { text: a, values: b })
      const err = fail?.(a)
      return err ? Promise.reject(err) : Promise.resolve({ rows: [], rowCount: 0, command: 'SELECT' })
    },
    release: (destroy?: boolean) => released.push(destroy),
  }
  const pool = { connect: async () => client, end: async () => {} } as unknown as pg.Pool
  return { pool, sent, released }
}

describe('named prepared statements', () => {
  it('names a data statement the second time the connection sends it, by a digest of its text', async () => {
    const { pool, sent } = fakePool()
    const conn = await preparingPool(pool).connect()
    const text = 'select * from person where id = $1'
    await conn.query(text, [1])
    await conn.query(text, [2])
    await conn.query(text, [3])
    expect(sent).toEqual([
      { text, values: [1] },
      { name: statementName(text), text, values: [2] },
      { name: statementName(text), text, values: [3] },
    ])
    expect(statementName(text)).toMatch(/^h_[0-9a-f]{24}$/)
    expect(statementName(text)).not.toBe(statementName(`${text} `))
  })

  it('never names transaction control, settings or DDL', async () => {
    const { pool, sent } = fakePool()
    const conn = await preparingPool(pool).connect()
    for (const text of ['begin', 'begin', 'commit', 'commit', 'set local x = 1', 'set local x = 1'])
      await conn.query(text, [])
    expect(sent.every((s) => !(s as { name?: string }).name)).toBe(true)
  })

  it('names at most the limit of statements on one connection, and sends the rest unnamed', async () => {
    const { pool, sent } = fakePool()
    const conn = await preparingPool(pool, { perConnection: 2 }).connect()
    const texts = ['select 1', 'select 2', 'select 3']
    for (const t of [...texts, ...texts, ...texts]) await conn.query(t, [])
    const named = new Set(sent.map((s) => (s as { name?: string }).name).filter(Boolean))
    expect(named).toEqual(new Set([statementName('select 1'), statementName('select 2')]))
  })

  it('discards a connection whose prepared statement the server refused as stale, and no other', async () => {
    const stale = Object.assign(new Error('cached plan must not change result type'), { code: '0A000' })
    let refuse = false
    const { pool, released } = fakePool((a) => (refuse && (a as { name?: string }).name ? stale : null))
    const pooled = preparingPool(pool)
    const first = await pooled.connect()
    await first.query('select * from v', [])
    await first.query('select * from v', [])
    first.release()
    refuse = true
    const second = await pooled.connect()
    await expect(second.query('select * from v', [])).rejects.toThrow('cached plan')
    second.release()
    expect(released).toEqual([undefined, true])
  })
})

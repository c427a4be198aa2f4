import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/platform/db/database.js'
import { DataDirInUseError, lockDataDir } from '../../src/platform/db/data-dir-lock.js'
import { migrate, readMigrations } from '../../src/platform/db/migrate.js'
import { OuterHandleInTransactionError } from '../../src/platform/db/transaction-scope.js'
import { onPostgres, openTestDatabase } from '../support/test-database.js'

describe(`database layer on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase()
    await sql`create table probe (id int primary key, note text not null)`.execute(database.db)
  })
  afterAll(async () => database.close())

  it('isolates 20 concurrent transactions, half of them failing', async () => {
    const { db } = database
    const work = Array.from({ length: 20 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await sql`insert into probe (id, note) values (${i}, 'first')`.execute(trx)
        await new Promise((r) => setTimeout(r, Math.random() * 10))
        await sql`insert into probe (id, note) values (${i + 100}, 'second')`.execute(trx)
        if (i % 2 === 1) throw new Error(`transaction ${i} fails on purpose`)
      }),
    )
    const outcomes = await Promise.allSettled(work)
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(10)
    const rows = await sql<{ id: number }>`select id from probe order by id`.execute(db)
    const ids = rows.rows.map((r) => r.id)
    const expected = Array.from({ length: 20 }, (_, i) => i)
      .filter((i) => i % 2 === 0)
      .flatMap((i) => [i, i + 100])
      .sort((a, b) => a - b)
    expect(ids).toEqual(expected)
  })

  it('refuses the outer handle inside a transaction', async () => {
    const { db } = database
    await expect(
      db.transaction().execute(async () => {
        await sql`select 1`.execute(db)
      }),
    ).rejects.toBeInstanceOf(OuterHandleInTransactionError)
    // and the database is still usable afterwards
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]?.one).toBe(1)
  })

  it('reads every column type back the same way', async () => {
    const { db } = database
    await sql`create table every_type (
      k int primary key, i int, b bigint, n numeric(10,2), t text, bo boolean, d date,
      ts timestamp, tz timestamptz, j jsonb, ta text[], da date[], c bigint)`.execute(db)
    await sql`insert into every_type values (1, 42, 9007199254740991, 12.5, 'Zoë', true, '2026-03-31',
      '2026-03-31 23:30:00', '2026-06-30 23:30:00+00', '{"a":[1,"x"]}', '{a,b}', '{2026-01-01,2026-12-31}', 7)`.execute(
      db,
    )
    const row = (
      await sql<
        Record<string, unknown>
      >`select *, (select count(*) from every_type) as counted from every_type`.execute(db)
    ).rows[0]
    expect(row).toEqual({
      k: 1,
      i: 42,
      b: 9007199254740991,
      n: 12.5,
      t: 'Zoë',
      bo: true,
      d: '2026-03-31',
      ts: new Date('2026-03-31T23:30:00Z'),
      tz: new Date('2026-06-30T23:30:00Z'),
      j: { a: [1, 'x'] },
      ta: ['a', 'b'],
      da: ['2026-01-01', '2026-12-31'],
      c: 7,
      counted: 1,
    })
    const tz = await sql<{ tz: string }>`select current_setting('TimeZone') as tz`.execute(db)
    expect(tz.rows[0]?.tz).toBe('UTC')
  })

  it('round-trips a Date parameter as the same instant', async () => {
    const when = new Date('2026-10-25T00:30:00.123Z') // the night the clocks go back
    const r = await sql<{ v: Date }>`select ${when}::timestamptz as v`.execute(database.db)
    expect(r.rows[0]?.v.toISOString()).toBe(when.toISOString())
  })
  // PostgreSQL only: PGlite runs in the process, with no planning round trip to save.
  it.skipIf(!onPostgres)(
    'prepares a statement a connection repeats, and drops a connection whose plan went stale',
    async () => {
      const { db } = database
      await sql`create view probe_v as select 1 as a`.execute(db)
      const prepared = await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3; i++) await sql`select id from probe where id = ${i}`.execute(trx)
        const r = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx)
        return r.rows.map((row) => row.statement)
      })
      expect(prepared.some((s) => s.includes('select id from probe where id = $1'))).toBe(true)

      // A view changed under a prepared `select *` (a migration while the server runs): the server
      // refuses that statement once; the connection is not reused, so later readings work. (The
      // pool hands out its most recently released connection, the one holding the statement.)
      const read = () =>
        db.transaction().execute(async (trx) => (await sql`select * from probe_v`.execute(trx)).rows)
      await read()
      await read()
      await sql`create or replace view probe_v as select 1 as a, 2 as b`.execute(db)
      await expect(read()).rejects.toThrow(/cached plan must not change result type/)
      for (let i = 0; i < 3; i++) expect(await read()).toEqual([{ a: 1, b: 2 }])
    },
  )
})

describe('migrations', () => {
  it('apply forward onto a database that already holds data, and refuse an edited migration', async () => {
    const fresh = await openTestDatabase({ migrate: false })
    try {
      const all = readMigrations()
      const first = all.slice(0, 1)
      expect(await migrate(fresh.db, first)).toEqual([first[0]?.name])
      await fresh.db.insertInto('team').values({ name: 'Front door', kind: 'front_door' }).execute()
      expect(await migrate(fresh.db, all)).toEqual(all.slice(1).map((m) => m.name))
      const team = await fresh.db.selectFrom('team').select('name').executeTakeFirstOrThrow()
      expect(team.name).toBe('Front door')
      expect(await migrate(fresh.db, all)).toEqual([])
      const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m))
      await expect(migrate(fresh.db, edited)).rejects.toThrow(/forward-only/)
    } finally {
      await fresh.close()
    }
  })
})

describe('the data directory lock', () => {
  it('tells a second opener plainly that the directory is in use', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-lock-'))
    const release = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError)
    release()
    const again = lockDataDir(dir)
    again()
  })

  it('takes over a stale lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-lock-'))
    const file = path.join(dir, 'haven.lock')
    fs.writeFileSync(file, '999999999')
    const release = lockDataDir(dir)
    // The lock is now this process's: the file names it, and a second opener is refused.
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid))
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError)
    release()
    expect(fs.existsSync(file)).toBe(false)
  })

  it.skipIf(onPostgres)('locks an embedded database opened on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-db-'))
    const first = await openDatabase({ dataDir: dir })
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError)
    await first.close()
    const second = await openDatabase({ dataDir: dir })
    await second.close()
  })
})

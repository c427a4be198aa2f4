import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  recordAudit,
  recordAuditAlone,
  sealAudit,
  verifyAudit,
  type AuditContext,
  type AuditVerification,
} from '../../src/platform/audit/audit.js'
import type { Db, OpenDatabase } from '../../src/platform/db/database.js'
import { OuterHandleInTransactionError } from '../../src/platform/db/transaction-scope.js'
import { onPostgres, openTestDatabase } from '../support/test-database.js'

const KEY = 'a test key for the audit chain, long enough to look real'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function worker(i: number): AuditContext {
  return {
    userId: 100 + i,
    username: `worker${i}`,
    requestId: `req-${i}`,
    ip: '192.0.2.10',
    sessionId: `session-${i}`,
  }
}

async function seals(db: Db) {
  return db.selectFrom('audit_seal').select(['seq', 'event_id']).orderBy('seq').execute()
}

/** Runs SQL as a superuser could, with the append-only triggers switched off for the moment. */
async function tamper(db: Db, statements: string): Promise<void> {
  await sql
    .raw(
      `alter table audit_event disable trigger audit_event_append_only;
       alter table audit_seal disable trigger audit_seal_append_only;
       ${statements};
       alter table audit_event enable trigger audit_event_append_only;
       alter table audit_seal enable trigger audit_seal_append_only;`,
    )
    .execute(db)
}

function summary(v: AuditVerification) {
  return v.problems.map((p) => ({ seq: p.seq, eventId: p.eventId }))
}

describe(`the audit trail on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase()
  })
  afterAll(async () => database.close())

  it('keeps what 50 parallel requests committed, and seals each event once in one chain while two sealers run', async () => {
    const { db } = database
    // Open the pool's connections first, so the sealers are not left queueing behind the requests.
    await Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(0.05)`.execute(db)))
    let writing = true
    const sealer = async () => {
      let sealed = 0
      while (writing) {
        sealed += (await sealAudit(db, KEY, { batch: 7 })).sealed
        await sleep(3)
      }
      return sealed
    }
    const sealers = [sealer(), sealer()]

    // i % 5: 0-2 commit two events; 3 rolls back (its events vanish); 4 rolls back and then
    // records a denial on its own, which must survive.
    const requests = Array.from({ length: 50 }, async (_, i) => {
      const child = { childId: 1000 + (i % 7), recordType: 'child', recordId: 1000 + (i % 7) }
      // Staggered, as requests arrive, so the sealers get connections while requests are open.
      await sleep(i * 3)
      try {
        await db.transaction().execute(async (trx) => {
          await recordAudit(trx, worker(i), {
            action: 'child.view',
            outcome: 'allowed',
            basis: 'allocated_worker',
            ...child,
            detail: { i },
          })
          await sleep(Math.random() * 15)
          await recordAudit(trx, worker(i), {
            action: 'contact.create',
            outcome: 'allowed',
            ...child,
            detail: { i },
          })
          if (i % 5 >= 3) throw new Error(`request ${i} fails on purpose`)
        })
      } catch (err) {
        if (i % 5 === 4) {
          await recordAuditAlone(db, worker(i), {
            action: 'contact.create',
            outcome: 'denied',
            ...child,
            detail: { i, reason: String(err) },
          })
        }
      }
    })
    await Promise.all(requests)
    writing = false
    const sealedWhileWriting = (await Promise.all(sealers)).reduce((a, b) => a + b, 0)
    const sealedAfter = (await sealAudit(db, KEY)).sealed

    const events = await db
      .selectFrom('audit_event')
      .select(['id', 'outcome', 'detail'])
      .orderBy('id')
      .execute()
    const byRequest = (outcome: string) =>
      events
        .filter((e) => e.outcome === outcome)
        .map((e) => Number(e.detail.i))
        .sort((a, b) => a - b)
    const committed = Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 5 < 3)
    expect(byRequest('allowed')).toEqual(committed.flatMap((i) => [i, i]))
    expect(byRequest('denied')).toEqual(Array.from({ length: 10 }, (_, k) => k * 5 + 4))
    expect(events).toHaveLength(70)

    expect(sealedWhileWriting + sealedAfter).toBe(70)
    const chain = await seals(db)
    expect(chain.map((s) => s.seq)).toEqual(Array.from({ length: 70 }, (_, k) => k + 1))
    expect(chain.map((s) => s.event_id)).toEqual(events.map((e) => e.id))

    const verified = await verifyAudit(db, KEY)
    expect(verified).toMatchObject({ ok: true, checked: 70, unsealed: 0, problems: [] })
    expect(verified.head?.seq).toBe(70)
    // The failing case beside it: the wrong key proves nothing.
    const wrongKey = await verifyAudit(db, 'some other key')
    expect(wrongKey.ok).toBe(false)
    expect(wrongKey.problems).toHaveLength(70)
  })

  it('never seals past an event whose transaction is still open', async () => {
    const { db } = database
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let inserted!: () => void
    const slowHasWritten = new Promise<void>((resolve) => (inserted = resolve))
    const slow = db.transaction().execute(async (trx) => {
      await recordAudit(trx, worker(1), { action: 'child.view', outcome: 'allowed', detail: { slow: true } })
      inserted()
      await gate
    })
    await slowHasWritten
    const fast = recordAuditAlone(db, worker(2), {
      action: 'child.view',
      outcome: 'allowed',
      detail: { fast: true },
    })
    let sealedAt = 0
    const sealing = sealAudit(db, KEY).then((r) => {
      sealedAt = Date.now()
      return r
    })
    await sleep(150)
    const releasedAt = Date.now()
    release()
    await Promise.all([slow, fast])
    await sealing
    await sealAudit(db, KEY)
    expect(sealedAt).toBeGreaterThanOrEqual(releasedAt)

    const chain = await seals(db)
    const ids = chain.map((s) => s.event_id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const verified = await verifyAudit(db, KEY)
    expect(verified).toMatchObject({ ok: true, unsealed: 0 })
  })

  it.skipIf(!onPostgres)(
    'gives up sealing, sealing nothing, when a transaction stays open too long',
    async () => {
      const { db } = database
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const before = (await seals(db)).length
      const open = db.transaction().execute(async (trx) => {
        await recordAudit(trx, worker(3), { action: 'child.view', outcome: 'allowed' })
        await gate
      })
      await sleep(50)
      await recordAuditAlone(db, worker(4), { action: 'child.view', outcome: 'allowed' })
      await expect(sealAudit(db, KEY, { waitMs: 100 })).rejects.toThrow(/open transaction/)
      expect((await seals(db)).length).toBe(before)
      release()
      await open
      expect((await sealAudit(db, KEY)).sealed).toBe(2)
    },
  )

  it('writes on its own when handed the database rather than a transaction', async () => {
    const { db } = database
    await recordAudit(db, worker(7), { action: 'user.sign_in', outcome: 'allowed', detail: { handle: 'db' } })
    const row = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('request_id', '=', 'req-7')
      .where('action', '=', 'user.sign_in')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      username: 'worker7',
      ip: '192.0.2.10',
      session_id: 'session-7',
      detail: { handle: 'db' },
    })
  })

  it('gives the writing transaction its id before it draws an event id, in the one insert', async () => {
    const { db } = database
    // A bare nextval would leave the transaction without an id, and the sealer blind to it.
    const assigned = await db.transaction().execute(async (trx) => {
      await sql`select audit_event_next_id()`.execute(trx)
      const r = await sql<{
        xid: string | null
      }>`select pg_current_xact_id_if_assigned()::text as xid`.execute(trx)
      return r.rows[0]?.xid ?? null
    })
    expect(assigned).not.toBeNull()
    // An id drawn and not used leaves a gap, which the chain allows (rolled-back events do too).
    await recordAuditAlone(db, worker(9), { action: 'child.view', outcome: 'allowed' })
    const ids = await db.selectFrom('audit_event').select('id').orderBy('id').execute()
    expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length)
  })

  it('refuses to write a denial "alone" from inside the transaction it should outlive', async () => {
    const { db } = database
    await expect(
      db.transaction().execute(async () => {
        await recordAuditAlone(db, worker(8), { action: 'child.view', outcome: 'denied' })
      }),
    ).rejects.toBeInstanceOf(OuterHandleInTransactionError)
    const written = await db
      .selectFrom('audit_event')
      .select('id')
      .where('request_id', '=', 'req-8')
      .execute()
    expect(written).toEqual([])
  })

  it('counts events not yet sealed without calling them a problem', async () => {
    const { db } = database
    await sealAudit(db, KEY)
    await recordAuditAlone(db, worker(5), { action: 'child.view', outcome: 'allowed' })
    const before = await verifyAudit(db, KEY)
    expect(before).toMatchObject({ ok: true, unsealed: 1 })
    await sealAudit(db, KEY)
    expect(await verifyAudit(db, KEY)).toMatchObject({ ok: true, unsealed: 0 })
  })

  it('rejects UPDATE, DELETE and TRUNCATE on both audit tables', async () => {
    const { db } = database
    // Each attempt names a row that exists, so a trigger that failed to fire could not pass unseen
    // as "nothing matched": an event is recorded and sealed first, and rows are found by min/max
    // (ids need not start at 1 once a rolled-back insert has used one).
    await recordAuditAlone(db, worker(6), { action: 'child.view', outcome: 'allowed' })
    await sealAudit(db, KEY)
    const attempts = [
      `update audit_event set action = 'child.edit' where id = (select min(id) from audit_event)`,
      `delete from audit_event where id = (select max(id) from audit_event)`,
      `truncate audit_event cascade`,
      `update audit_seal set hash = prev_hash where seq = (select min(seq) from audit_seal)`,
      `delete from audit_seal where seq = (select max(seq) from audit_seal)`,
      `truncate audit_seal`,
    ]
    const count = async () =>
      (
        await sql<{
          n: number
        }>`select (select count(*) from audit_event) + (select count(*) from audit_seal) as n`.execute(db)
      ).rows[0]?.n
    const before = await count()
    for (const attempt of attempts) {
      await expect(sql.raw(attempt).execute(db), attempt).rejects.toThrow(/cannot be changed or deleted/)
    }
    expect(await count()).toBe(before)
    // The failing case beside it: inserting is what the trail is for.
    await recordAuditAlone(db, worker(6), { action: 'child.view', outcome: 'allowed' })
    expect(await count()).toBe((before ?? 0) + 1)
  })
})

describe(`verifying a tampered audit trail on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  // Six sealed events, ids and seqs 1 to 6. Each case tampers inside a transaction that is then
  // rolled back (PostgreSQL's DDL is transactional too), so every case starts from the same trail.
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase()
    for (let i = 1; i <= 6; i++) {
      await recordAuditAlone(database.db, worker(i), {
        action: 'child.view',
        outcome: 'allowed',
        childId: 2000 + i,
        basis: 'allocated_worker',
        detail: { i },
      })
    }
    expect(await sealAudit(database.db, KEY)).toEqual({ sealed: 6 })
  })
  afterAll(async () => database.close())

  class Undo extends Error {}

  /** Tampers, runs `check` on the tampered trail, then puts everything back. */
  async function whileTampered<T>(statements: string, check: (db: Db) => Promise<T>): Promise<T> {
    let result: { value: T } | undefined
    await database.db
      .transaction()
      .execute(async (trx) => {
        await tamper(trx, statements)
        result = { value: await check(trx) }
        throw new Undo()
      })
      .catch((err: unknown) => {
        if (!(err instanceof Undo)) throw err
      })
    const after = await verifyAudit(database.db, KEY)
    expect(after).toMatchObject({ ok: true, checked: 6, unsealed: 0 })
    if (!result) throw new Error('the check did not run')
    return result.value
  }

  const afterTampering = (statements: string) => whileTampered(statements, (db) => verifyAudit(db, KEY))

  it('reports an altered event at its seal', async () => {
    const v = await afterTampering(`update audit_event set basis = 'break_glass' where id = 3`)
    expect(v.ok).toBe(false)
    expect(summary(v)).toEqual([{ seq: 3, eventId: 3 }])
    expect(v.problems[0]?.problem).toMatch(/altered/)
  })

  it('reports an altered timestamp, however small the change', async () => {
    const v = await afterTampering(
      `update audit_event set occurred_at = occurred_at + interval '1 microsecond' where id = 5`,
    )
    expect(summary(v)).toEqual([{ seq: 5, eventId: 5 }])
  })

  it('reports a removed event whose seal remains', async () => {
    // Dropping the event under its seal needs the foreign key switched off too.
    const v = await afterTampering(
      `set session_replication_role = replica; delete from audit_event where id = 4; set session_replication_role = origin`,
    )
    expect(summary(v)).toEqual([{ seq: 4, eventId: 4 }])
    expect(v.problems[0]?.problem).toMatch(/removed/)
  })

  it('reports a removed event and its seal as a gap in the chain', async () => {
    const v = await afterTampering(
      `delete from audit_seal where seq = 4; delete from audit_event where id = 4`,
    )
    expect(summary(v)).toEqual([{ seq: 4, eventId: null }])
    expect(v.problems[0]?.problem).toMatch(/seal 4 is missing/)
  })

  it('reports two events whose contents were swapped, at both seals', async () => {
    const columns =
      'occurred_at, user_id, username, action, child_id, record_type, record_id, basis, request_id, outcome, detail, ip, session_id'
    const v = await afterTampering(
      `update audit_event a set (${columns}) =
         (select ${columns} from audit_event b where b.id = case a.id when 2 then 5 else 2 end)
       where a.id in (2, 5)`,
    )
    expect(summary(v)).toEqual([
      { seq: 2, eventId: 2 },
      { seq: 5, eventId: 5 },
    ])
  })

  it('reports seals that were re-sequenced', async () => {
    const v = await afterTampering(
      `update audit_seal set seq = 100 where seq = 2;
       update audit_seal set seq = 2 where seq = 3;
       update audit_seal set seq = 3 where seq = 100`,
    )
    expect(v.ok).toBe(false)
    const at = (seq: number) => v.problems.filter((p) => p.seq === seq).map((p) => p.problem)
    expect(at(2).join(' ')).toMatch(/re-ordered or replaced/)
    expect(at(3).join(' ')).toMatch(/event 2 is sealed after event 3/)
    expect(at(1)).toEqual([])
  })

  it('reports a removed seal, and the event left without one', async () => {
    const v = await afterTampering(`delete from audit_seal where seq = 3`)
    expect(summary(v)).toEqual([
      { seq: 3, eventId: null },
      { seq: null, eventId: 3 },
    ])
    expect(v.problems[1]?.problem).toMatch(/no seal although later events are sealed/)
  })

  it('reports an event slipped in with an old id', async () => {
    const v = await afterTampering(
      `delete from audit_seal where seq = 6; delete from audit_event where id = 6;
       insert into audit_event (id, action, outcome) overriding system value values (6, 'child.view', 'allowed');
       insert into audit_event (id, action, outcome) overriding system value values (0, 'child.view', 'allowed')`,
    )
    // Event 6 with its seal removed from the end of the chain cannot be told from an event not
    // yet sealed; event 0 sits below sealed events and can.
    expect(summary(v)).toEqual([{ seq: null, eventId: 0 }])
    expect(v.unsealed).toBe(2)
  })

  it('needs a checkpoint to notice the end of the chain cut off', async () => {
    const head = (await verifyAudit(database.db, KEY)).head
    expect(head).toMatchObject({ seq: 6, eventId: 6 })
    if (!head) return
    const [plain, held] = await whileTampered(
      `delete from audit_seal where seq >= 5; delete from audit_event where id >= 5`,
      async (db) => [await verifyAudit(db, KEY), await verifyAudit(db, KEY, { checkpoint: head })] as const,
    )
    expect(plain).toMatchObject({ ok: true, checked: 4 })
    expect(summary(held)).toEqual([{ seq: 6, eventId: null }])
    expect(held.problems[0]?.problem).toMatch(/cut off/)
    // The failing case beside it: an intact chain meets its checkpoint.
    expect(await verifyAudit(database.db, KEY, { checkpoint: head })).toMatchObject({ ok: true })
  })
})

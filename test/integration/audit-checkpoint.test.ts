/**
 * Checkpoints of the audit chain outside the database (issue 10, item 7): someone with the
 * owner's rights deletes the newest events and their seals, and a plain verify, with no
 * checkpoint passed by hand, must still say so.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  recordAuditAlone,
  sealAudit,
  verifyAudit,
  verifyAuditTrail,
  type AuditContext,
} from '../../src/platform/audit/audit.js'
import { readLastCheckpoint } from '../../src/platform/audit/checkpoint.js'
import { openDatabase, type Db, type OpenDatabase } from '../../src/platform/db/database.js'
import { onPostgres, openTestDatabase } from '../support/test-database.js'

const KEY = 'a test key for the audit chain, long enough to look real'
const who = (i: number): AuditContext => ({ userId: i, username: `worker${i}`, requestId: `req-${i}` })

const record = (db: Db, i: number) =>
  recordAuditAlone(db, who(i), { action: 'child.view', outcome: 'allowed', childId: 3000 + i, detail: { i } })

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)

class Undo extends Error {}

/** As the owner could: switch the triggers off, change things, run `check`, then put it all back. */
async function whileTampered<T>(db: Db, statements: string, check: (trx: Db) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined
  await db
    .transaction()
    .execute(async (trx) => {
      await sql
        .raw(
          `alter table audit_event disable trigger user; alter table audit_seal disable trigger user;
           ${statements};
           alter table audit_event enable trigger user; alter table audit_seal enable trigger user;`,
        )
        .execute(trx)
      result = { value: await check(trx) }
      throw new Undo()
    })
    .catch((err: unknown) => {
      if (!(err instanceof Undo)) throw err
    })
  if (!result) throw new Error('the check did not run')
  return result.value
}

describe(`audit checkpoints outside the database on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: OpenDatabase
  let dir: string
  let file: string
  beforeAll(async () => {
    database = await openTestDatabase()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-checkpoint-'))
    file = path.join(dir, 'audit', 'checkpoints.log')
    for (let i = 1; i <= 6; i++) await record(database.db, i)
  })
  afterAll(async () => {
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('appends the chain’s new end each time the sealer writes seals, and only then', async () => {
    const { db } = database
    expect(await sealAudit(db, KEY, { checkpointFile: file })).toEqual({ sealed: 6 })
    const head = (await verifyAudit(db, KEY)).head
    expect(lines(file)).toEqual([
      { seq: 6, eventId: head?.eventId, hash: head?.hash, at: expect.any(String) },
    ])
    expect(Date.parse(String(lines(file)[0]?.at))).toBeGreaterThan(Date.now() - 60_000)

    await record(db, 7)
    await record(db, 8)
    expect(await sealAudit(db, KEY, { checkpointFile: file, batch: 1 })).toEqual({ sealed: 2 })
    expect(lines(file).map((l) => l.seq)).toEqual([6, 7, 8])
    // Nothing new to seal: nothing appended.
    await sealAudit(db, KEY, { checkpointFile: file })
    expect(lines(file)).toHaveLength(3)
  })

  it('reports the end of the chain cut off in a plain verify, naming what the checkpoint expected', async () => {
    const { db } = database
    const intact = await verifyAuditTrail(db, KEY, { checkpointFile: file })
    expect(intact).toMatchObject({ ok: true, checked: 8 })
    const expected = lines(file)[2]
    const cut = await whileTampered(
      db,
      `delete from audit_seal where seq >= 7; delete from audit_event where id >= 7`,
      (trx) => verifyAuditTrail(trx, KEY, { checkpointFile: file }),
    )
    expect(cut.ok).toBe(false)
    expect(cut.checked).toBe(6)
    expect(cut.problems).toHaveLength(1)
    const problem = cut.problems[0]?.problem ?? ''
    expect(cut.problems[0]?.seq).toBe(8)
    expect(problem).toMatch(/cut off/)
    expect(problem).toContain('seal 8')
    expect(problem).toContain(`event ${String(expected?.eventId)}`)
    expect(problem).toContain(String(expected?.hash))
    expect(problem).toContain(file)
    expect(problem).toContain('seal 6')
  })

  it('reports a chain whose seal at the checkpoint has a different hash (re-sealed after tampering)', async () => {
    const { db } = database
    const forged = path.join(dir, 'forged.log')
    fs.copyFileSync(file, forged)
    fs.appendFileSync(
      forged,
      `${JSON.stringify({ seq: 8, eventId: 8, hash: 'ab'.repeat(32), at: new Date().toISOString() })}\n`,
    )
    const v = await verifyAuditTrail(db, KEY, { checkpointFile: forged })
    expect(v.ok).toBe(false)
    expect(v.problems.map((p) => p.seq)).toEqual([8])
    expect(v.problems[0]?.problem).toMatch(/differs from the checkpoint/)
  })

  it('accepts a chain longer than its last checkpoint: the process may die between commit and append', async () => {
    const { db } = database
    await record(db, 9)
    expect(await sealAudit(db, KEY)).toEqual({ sealed: 1 }) // no checkpoint written
    expect(readLastCheckpoint(file)).toMatchObject({ state: 'found', checkpoint: { seq: 8 } })
    const v = await verifyAuditTrail(db, KEY, { checkpointFile: file })
    expect(v).toMatchObject({ ok: true, checked: 9, problems: [] })
    expect(v.checkpointFile).toMatchObject({ path: file, checkpoint: { seq: 8 }, problem: null })
  })

  it('takes the highest seal among the last lines, passing over a line torn by a crash', async () => {
    const { db } = database
    const torn = path.join(dir, 'torn.log')
    fs.copyFileSync(file, torn)
    fs.appendFileSync(torn, '{"seq":9,"eventId":9,"ha')
    expect(readLastCheckpoint(torn)).toMatchObject({ state: 'found', checkpoint: { seq: 8 } })
    // The next append starts a new line rather than finishing the torn one.
    await record(db, 10)
    await sealAudit(db, KEY, { checkpointFile: torn })
    expect(readLastCheckpoint(torn)).toMatchObject({ state: 'found', checkpoint: { seq: 10 } })
    expect((await verifyAuditTrail(db, KEY, { checkpointFile: torn })).ok).toBe(true)
  })

  it('says plainly when the checkpoint file is missing, unreadable or holds no checkpoint, without failing to run', async () => {
    const { db } = database
    const missing = await verifyAuditTrail(db, KEY, { checkpointFile: path.join(dir, 'nowhere.log') })
    expect(missing.ok).toBe(false)
    expect(missing.problems.map((p) => p.problem)).toEqual([
      expect.stringMatching(/nowhere\.log does not exist, yet the chain has 10 seals/),
    ])

    const unreadable = await verifyAuditTrail(db, KEY, { checkpointFile: dir }) // a folder
    expect(unreadable.ok).toBe(false)
    expect(unreadable.problems[0]?.problem).toMatch(/cannot be read \(EISDIR/)

    const garbage = path.join(dir, 'garbage.log')
    fs.writeFileSync(garbage, 'not a checkpoint\n')
    const empty = await verifyAuditTrail(db, KEY, { checkpointFile: garbage })
    expect(empty.ok).toBe(false)
    expect(empty.problems[0]?.problem).toMatch(/holds no checkpoint/)

    // None configured: the chain is checked as before, and the result says the end was not.
    const none = await verifyAuditTrail(db, KEY, {})
    expect(none).toMatchObject({ ok: true, checkpointFile: null })
  })

  it('is not troubled by a missing file before anything has been sealed', async () => {
    const fresh = await openTestDatabase()
    try {
      const v = await verifyAuditTrail(fresh.db, KEY, { checkpointFile: path.join(dir, 'not-yet.log') })
      expect(v).toMatchObject({ ok: true, checked: 0 })
    } finally {
      await fresh.close()
    }
  })
})

// Skipped in the PostgreSQL run only because it would repeat the PGlite run exactly: the command
// opens the database its configuration names, here a data directory, whatever DATABASE_URL says.
// verifyAuditTrail, which it calls, is tested on both above.
describe.skipIf(onPostgres)('`haven audit verify` with no options, on an embedded database on disk', () => {
  const saved = { ...process.env }
  let dir: string
  let output: string[]
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-verify-'))
    process.env = { ...saved, HAVEN_DATA_DIR: dir, NODE_ENV: 'test', HAVEN_SEED_DEMO: 'false' }
    delete process.env.DATABASE_URL
    delete process.env.DATABASE_MIGRATION_URL
    delete process.env.AUDIT_CHECKPOINT_FILE
    delete process.env.AUDIT_HMAC_KEY
  })
  afterAll(() => {
    process.env = saved
    fs.rmSync(dir, { recursive: true, force: true })
  })

  async function haven(...args: string[]): Promise<number> {
    const { command } = await import('../../src/cli/commands/audit.js')
    output = []
    const log = console.log
    console.log = (...line: unknown[]) => void output.push(line.join(' '))
    try {
      return await command.run(args)
    } finally {
      console.log = log
    }
  }

  async function withData(fn: (db: Db) => Promise<void>): Promise<void> {
    const opened = await openDatabase({ dataDir: dir })
    try {
      await fn(opened.db)
    } finally {
      await opened.close()
    }
  }

  it('seals with a checkpoint beside the database, then reports the end cut off by the owner', async () => {
    await withData(async (db) => {
      for (let i = 1; i <= 4; i++) await record(db, i)
    })
    expect(await haven('seal')).toBe(0)
    expect(output).toEqual(['Sealed 4 audit events.'])
    const file = path.join(dir, 'audit-checkpoints.log')
    const written = lines(file)
    expect(written.map((l) => l.seq)).toEqual([4])

    expect(await haven('verify')).toBe(0)
    expect(output[0]).toMatch(/^Audit trail intact: 4 sealed events checked/)
    expect(output[1]).toBe(
      `Checked against ${file}: its latest checkpoint is seal 4, written ${String(written[0]?.at)}.`,
    )

    await withData(async (db) => {
      await sql
        .raw(
          `alter table audit_event disable trigger user; alter table audit_seal disable trigger user;
           delete from audit_seal where seq >= 3; delete from audit_event where id >= 3;
           alter table audit_event enable trigger user; alter table audit_seal enable trigger user;`,
        )
        .execute(db)
    })
    expect(await haven('verify')).toBe(1)
    expect(output[0]).toBe('Audit trail NOT intact: 1 problem(s) in 2 sealed events (0 not yet sealed):')
    expect(output[1]).toBe(
      `  seal 4: seal 4 from the checkpoint in ${file} is missing: it recorded event ${String(written[0]?.eventId)}, ` +
        `hash ${String(written[0]?.hash)} at ${String(written[0]?.at)}, but the chain now ends at seal 2. ` +
        'The end of the chain has been cut off',
    )
  })
})

/**
 * The audit trail cannot be rewritten with the application's own credentials (issue 10, item 7;
 * SEC-15). PostgreSQL only: PGlite has a single role, a superuser, so there is no second role
 * whose privileges could be tested; the embedded database is for demos and development.
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
import { openDatabase, type OpenDatabase } from '../../src/platform/db/database.js'
import { canRewriteAuditTrail, grantApplicationPrivileges } from '../../src/platform/db/roles.js'
import { seedDemo } from '../../src/modules/demo/seed.js'
import { onPostgres, openTestDatabase, type TestDatabase } from '../support/test-database.js'

const KEY = 'a test key for the audit chain, long enough to look real'
const who: AuditContext = { userId: 1, username: 'worker1', requestId: 'req-1' }

describe.skipIf(!onPostgres)(
  'two database roles (PostgreSQL only: PGlite runs everything as its one superuser)',
  () => {
    let database: TestDatabase
    let owner: OpenDatabase
    beforeAll(async () => {
      database = await openTestDatabase({ roles: 'separate' })
      if (!database.owner) throw new Error('no owner role')
      owner = await openDatabase({ url: database.owner.url, migrate: false })
    })
    afterAll(async () => {
      await owner?.close()
      await database?.close()
    })

    it('connects the application as a role that owns nothing and could not rewrite the audit trail', async () => {
      expect(database.roles).toBe('separate')
      expect(database.canRewriteAudit).toBe(false)
      expect(await canRewriteAuditTrail(database.db)).toBe(false)
      // The failing case beside it: the owner could.
      expect(await canRewriteAuditTrail(owner.db)).toBe(true)
      const owned = await sql<{ n: number }>`
        select count(*) as n from pg_class c join pg_roles r on r.oid = c.relowner
        where r.rolname = current_user`.execute(database.db)
      expect(owned.rows[0]?.n).toBe(0)
    })

    it('does the application’s ordinary work: loads the demo, records audit events, seals and verifies', async () => {
      const { db } = database
      await seedDemo(db)
      await db
        .updateTable('team')
        .set({ name: 'Front door (MASH)' })
        .where('kind', '=', 'front_door')
        .execute()
      await recordAuditAlone(db, who, { action: 'child.view', outcome: 'allowed', childId: 1 })
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('audit_event')
          .values({ action: 'child.view', outcome: 'allowed', detail: '{}' })
          .execute()
      })
      const { sealed } = await sealAudit(db, KEY)
      expect(sealed).toBeGreaterThanOrEqual(2)
      expect(await verifyAudit(db, KEY)).toMatchObject({ ok: true, unsealed: 0 })
    })

    const refused = [
      'alter table audit_event disable trigger user',
      'alter table audit_seal disable trigger user',
      'alter table audit_event disable trigger audit_event_append_only',
      'update audit_event set action = $$child.edit$$',
      'delete from audit_event',
      'truncate audit_event cascade',
      'update audit_seal set hash = prev_hash',
      'delete from audit_seal',
      'truncate audit_seal',
      'drop table audit_seal',
      'alter table audit_event owner to current_user',
      `select setval('audit_event_id_seq', 1)`,
      'create or replace function audit_reject_change() returns trigger language plpgsql as $$ begin return new; end $$',
      'delete from schema_migration',
      'create table audit_shadow (id int)',
    ]
    it.each(refused)('refuses, as the application: %s', async (statement) => {
      const before = await counts()
      await expect(sql.raw(statement).execute(database.db)).rejects.toThrow(
        /permission denied|must be owner|must be able to SET ROLE/,
      )
      expect(await counts()).toEqual(before)
    })

    async function counts() {
      const r = await sql<{ events: number; seals: number }>`
        select (select count(*) from audit_event) as events, (select count(*) from audit_seal) as seals`.execute(
        owner.db,
      )
      return r.rows[0]
    }

    it('grants a table added by a later migration: append-only ones for reading and inserting only', async () => {
      await sql`create table later_note (id bigint generated always as identity primary key, note text)`.execute(
        owner.db,
      )
      await sql`create table audit_later (id bigint generated always as identity primary key, note text)`.execute(
        owner.db,
      )
      await sql`create trigger audit_later_append_only before update or delete on audit_later
        for each row execute function audit_reject_change()`.execute(owner.db)
      await expect(sql`insert into later_note (note) values ('x')`.execute(database.db)).rejects.toThrow(
        /permission denied/,
      )
      if (!database.app) throw new Error('no app role')
      const granted = await grantApplicationPrivileges(owner.db, database.app.role)
      expect(granted.changed.sort()).toEqual([
        'audit_later',
        'audit_later_id_seq',
        'later_note',
        'later_note_id_seq',
      ])
      // Run again, nothing changes.
      expect((await grantApplicationPrivileges(owner.db, database.app.role)).changed).toEqual([])

      const { db } = database
      await sql`insert into later_note (note) values ('x')`.execute(db)
      await sql`update later_note set note = 'y'`.execute(db)
      await sql`delete from later_note`.execute(db)
      await sql`insert into audit_later (note) values ('x')`.execute(db)
      await expect(sql`delete from audit_later`.execute(db)).rejects.toThrow(/permission denied/)
      await expect(sql`truncate later_note`.execute(db)).rejects.toThrow(/permission denied/)
    })

    it('takes back a privilege given by hand at the next migrate', async () => {
      if (!database.app) throw new Error('no app role')
      await sql.raw(`grant update, delete, truncate on audit_seal to ${database.app.role}`).execute(owner.db)
      const granted = await grantApplicationPrivileges(owner.db, database.app.role)
      expect(granted.changed).toEqual(['audit_seal'])
      await expect(sql`delete from audit_seal`.execute(database.db)).rejects.toThrow(/permission denied/)
    })

    it('opens again with both URLs: nothing left to migrate or grant', async () => {
      if (!database.app || !database.owner) throw new Error('no roles')
      const again = await openDatabase({ url: database.app.url, migrationUrl: database.owner.url })
      try {
        expect(again).toMatchObject({ migrated: [], roles: 'separate', canRewriteAudit: false })
      } finally {
        await again.close()
      }
    })

    // Last: it really cuts the trail.
    it('tells the application’s plain verify when the owner cuts off the end of the chain', async () => {
      const { db } = database
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-roles-'))
      const checkpointFile = path.join(dir, 'audit-checkpoints.log')
      try {
        await recordAuditAlone(db, who, { action: 'child.view', outcome: 'allowed', childId: 2 })
        await recordAuditAlone(db, who, { action: 'child.view', outcome: 'allowed', childId: 3 })
        await sealAudit(db, KEY, { checkpointFile })
        const head = (await verifyAuditTrail(db, KEY, { checkpointFile })).head
        expect(head?.seq).toBeGreaterThan(2)
        await sql
          .raw(
            `alter table audit_event disable trigger user; alter table audit_seal disable trigger user;
             delete from audit_seal where seq >= ${Number(head?.seq) - 1};
             delete from audit_event where id >= ${Number(head?.eventId) - 1};
             alter table audit_event enable trigger user; alter table audit_seal enable trigger user;`,
          )
          .execute(owner.db)
        expect(await verifyAudit(db, KEY)).toMatchObject({ ok: true }) // the chain alone cannot tell
        const v = await verifyAuditTrail(db, KEY, { checkpointFile })
        expect(v.ok).toBe(false)
        expect(v.problems).toEqual([
          {
            seq: head?.seq,
            eventId: null,
            problem: expect.stringMatching(
              new RegExp(
                `seal ${head?.seq} from the checkpoint in .* is missing: it recorded event ${head?.eventId}, hash ${head?.hash} .* cut off`,
              ),
            ),
          },
        ])
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })
  },
)

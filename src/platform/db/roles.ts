/**
 * Two database roles on a server (docs/adr/0004-audit-two-database-roles.md): migrations run as
 * the owner of the schema, the application as a role that owns nothing. After every migrate the
 * owner brings the application's privileges to exactly what it needs, read from the schema as it
 * now stands, so a table added by any later migration is covered without anyone remembering to
 * grant it:
 *
 * - an append-only table (one guarded by the `audit_reject_change()` trigger: audit_event,
 *   audit_seal and whatever the audit adds later): SELECT and INSERT only;
 * - the sequences feeding those tables: USAGE and SELECT (draw the next id, read the last one),
 *   never UPDATE, so the application cannot move them back;
 * - `schema_migration`: SELECT only;
 * - every other table: SELECT, INSERT, UPDATE, DELETE; other sequences also UPDATE (the synthetic
 *   loader reserves id ranges with setval); views: SELECT.
 *
 * Never TRUNCATE, REFERENCES, TRIGGER or ownership, so the application's role cannot ALTER,
 * DISABLE TRIGGER, TRUNCATE or DROP anything.
 */
import { sql } from 'kysely'
import type { Db } from './database.js'
import { MIGRATION_LOCK } from './migrate.js'

export type RelationKind = 'table' | 'view' | 'sequence'

/** The privileges the application's role should hold on one relation, in PostgreSQL's words. */
export function applicationPrivileges(relation: {
  name: string
  kind: RelationKind
  appendOnly: boolean
}): string[] {
  if (relation.kind === 'view') return ['SELECT']
  if (relation.kind === 'sequence') {
    return relation.appendOnly ? ['SELECT', 'USAGE'] : ['SELECT', 'UPDATE', 'USAGE']
  }
  if (relation.appendOnly || relation.name === 'schema_migration') {
    return relation.appendOnly ? ['INSERT', 'SELECT'] : ['SELECT']
  }
  return ['DELETE', 'INSERT', 'SELECT', 'UPDATE']
}

const KINDS: Record<string, RelationKind> = { r: 'table', p: 'table', v: 'view', m: 'view', S: 'sequence' }

/** A role name as SQL: quoted, so any name PostgreSQL accepts works and nothing else is run. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export interface GrantResult {
  /** Relations whose privileges were changed now (empty when they were already right). */
  changed: string[]
  /** True when both URLs connect as one role: nothing was granted and the application owns the tables. */
  sameRole: boolean
}

/**
 * Run as the owner, after migrating: gives `appRole` exactly the privileges above on every
 * relation the owner has in the current schema, and takes away any others it was given.
 */
export async function grantApplicationPrivileges(db: Db, appRole: string): Promise<GrantResult> {
  return db.transaction().execute(async (trx) => {
    // The migrations' lock: two processes starting together must not GRANT on one table at once.
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx)
    const role = (
      await sql<{ oid: number; is_me: boolean }>`
        select r.oid::int as oid, r.rolname = current_user as is_me from pg_roles r where r.rolname = ${appRole}`.execute(
        trx,
      )
    ).rows[0]
    if (!role) {
      throw new Error(
        `The application's database role "${appRole}" does not exist: create it (LOGIN, owning nothing) or set DATABASE_APP_ROLE`,
      )
    }
    // Both URLs connect as one role (say, through a pooler and directly): one role, as without
    // DATABASE_MIGRATION_URL. Revoking would take the owner's own privileges away.
    if (role.is_me) return { changed: [], sameRole: true }
    const relations = await sql<{ name: string; relkind: string; append_only: boolean; held: string }>`
      select c.relname as name, c.relkind,
        exists (
          select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
          where t.tgrelid = coalesce(d.refobjid, c.oid) and p.proname = 'audit_reject_change'
        ) as append_only,
        coalesce((select string_agg(a.privilege_type, ',' order by a.privilege_type)
          from aclexplode(c.relacl) a where a.grantee = ${role.oid}::oid), '') as held
      from pg_class c
      -- a sequence belongs to the table whose column it feeds
      left join pg_depend d on c.relkind = 'S' and d.classid = 'pg_class'::regclass
        and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
      where c.relnamespace = current_schema()::regnamespace
        and c.relkind in ('r', 'p', 'v', 'm', 'S')
        and pg_has_role(current_user, c.relowner, 'USAGE')
      order by c.relname`.execute(trx)
    const changed: string[] = []
    for (const r of relations.rows) {
      const kind = KINDS[r.relkind]
      if (!kind) continue
      const wanted = applicationPrivileges({ name: r.name, kind, appendOnly: r.append_only })
      if (wanted.join(',') === r.held) continue
      const object = `${kind === 'sequence' ? 'sequence' : 'table'} ${quoteIdent(r.name)}`
      await sql.raw(`revoke all on ${object} from ${quoteIdent(appRole)}`).execute(trx)
      await sql.raw(`grant ${wanted.join(', ')} on ${object} to ${quoteIdent(appRole)}`).execute(trx)
      changed.push(r.name)
    }
    return { changed, sameRole: false }
  })
}

/**
 * Whether the role this handle connects as could rewrite the audit trail: a superuser, the owner
 * of audit_event or a member of the owner's role. Null when there is no audit_event yet.
 */
export async function canRewriteAuditTrail(db: Db): Promise<boolean | null> {
  const r = await sql<{ can: boolean | null }>`
    select (select r.rolsuper from pg_roles r where r.rolname = current_user)
      or pg_has_role(current_user, c.relowner, 'MEMBER') as can
    from (select to_regclass('audit_event') as oid) a
    left join pg_class c on c.oid = a.oid`.execute(db)
  const row = r.rows[0]
  return row?.can ?? null
}

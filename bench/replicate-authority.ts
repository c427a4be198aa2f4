/**
 * An England-sized synthetic authority built quickly, for the benchmarks only: a base authority
 * loaded by `loadAuthority` (children in need only) is copied inside the database `times - 1`
 * more times with INSERT … SELECT, so the database ends with `times` copies of every child and
 * of all their records. Loading 700,000 children in need takes hours; copying 10,000 seventy
 * times takes minutes.
 *
 * Each copy is the base with every id moved on by a stride per table (the base's largest id),
 * and every column that points at a copied table (found from the foreign keys) moved on by that
 * table's stride. What names other rows without a foreign key moves with them too: case events'
 * and tasks' `subject_id` (by `subject_type`), tasks' `instance_key` (the clock's code and its
 * starting case event), and a case event's `referralId` attribute. Unique identifiers stay
 * unique: the LA child id's and the UPN's serial numbers are moved on (the UPN with its check
 * letter worked out again, so it is as valid as the base's), and the copies have no NHS number
 * (the 999 test range has too few numbers for an England-sized authority; the CIN census has
 * none). Names, dates and everything else are the base's, so each copy's census is the base's
 * with other identifiers: the same children, episodes and findings.
 *
 * Fast because: each copy reads the base from a snapshot taken once (so copy k does not scan the
 * copies before it), the indexes no constraint needs are dropped and built again at the end, and
 * row-by-row foreign key checks are off where the role may turn them off (`checkKeys` checks the
 * keys set-based afterwards; the test does).
 *
 * It refuses a database holding rows it does not know how to copy (a table that is neither the
 * authority's nor set-up), so a loader that starts writing a new table is noticed here.
 */
import { sql } from 'kysely'
import type { Db } from '../src/platform/db/database.js'

/** The tables the synthetic loader writes for children and their families: copied. */
export const COPIED_TABLES = [
  'person',
  'person_address',
  'person_relationship',
  'contact',
  'contact_child',
  'contact_agency_check',
  'contact_recommendation',
  'referral',
  'strategy_discussion',
  'strategy_discussion_participant',
  'assessment',
  's47_enquiry',
  'child_protection_conference',
  'conference_child',
  'cp_plan',
  'cp_plan_review',
  'cp_plan_outcome',
  'cp_plan_action',
  'cp_core_group',
  'cp_core_group_attendance',
  'cp_core_group_action_review',
  'cp_visit',
  'cin_plan',
  'cin_plan_review',
  'cin_visit',
  'sign_off',
  'care_period',
  'care_placement',
  'care_episode',
  'care_previous_permanence',
  'care_missing_episode',
  'care_dolo',
  'care_placement_cost',
  'care_placement_approval',
  'care_placement_plan',
  'care_delegated_authority',
  'care_uasc',
  'care_leaver_contact',
  'care_outcome',
  'care_adoption',
  'care_proceedings',
  'care_proceedings_hearing',
  'care_proceedings_extension',
  'care_independent_visitor',
  'care_independent_visitor_visit',
  'child_access',
  'frontdoor_allocation_reason',
  'care_iro_allocation',
  'lac_review',
  'care_visit',
  'care_health_assessment',
  'care_health_check',
  'care_school',
  'care_missing_education',
  'care_pep',
  'care_attendance',
  'care_document',
  'case_event',
  'task',
] as const
type Copied = (typeof COPIED_TABLES)[number]

/** Tables of set-up, shared by every copy (staff, teams, agencies, settings, the audit trail). */
const SHARED_TABLES = new Set([
  'agency',
  'app_user',
  'audit_event',
  'audit_seal',
  'child_population',
  'clock_definition',
  'kpi_comparator',
  'kpi_measure',
  'postcode',
  'schema_migration',
  'team',
  'working_hours',
])

/** The table whose id a case event's or task's `subject_id` names (its leading number), by type. */
const SUBJECT_TABLE: Record<string, Copied> = {
  assessment: 'assessment',
  cin_plan: 'cin_plan',
  contact: 'contact_child',
  cp_plan: 'cp_plan',
  care_proceedings: 'care_proceedings',
  lac_review: 'lac_review',
  // `<person id>-<n>`
  missing_episode: 'person',
  period_of_care: 'care_period',
  referral: 'referral',
  s47: 's47_enquiry',
  strategy_discussion: 'strategy_discussion',
}

/**
 * A sign-off's subject (`sign_off` events and tasks) is `<type>:<id>` of another subject, as
 * `signOffSubjectId` writes it; the `sign_off` table names its subject by type and id.
 */
const SIGN_OFF_SUBJECT = 'sign_off'

/** Case event attributes that name a row: `referralId` and `signOffId` are copied's; the others name staff. */
const ATTRIBUTE_IDS: Record<string, Copied | null> = {
  referralId: 'referral',
  signOffId: 'sign_off',
  episodeId: 'care_episode',
  placementId: 'care_placement',
  assessmentId: 'assessment',
  cpPlanId: 'cp_plan',
  reviewId: 'cin_plan_review',
  visitId: 'cin_visit',
  teamId: null,
  workerId: null,
}

/**
 * The care module's events (on a period of care or a review) name its own records by some of the
 * same keys (`reviewId` a looked-after review, `visitId` a statutory visit, `assessmentId` a health
 * assessment): theirs are moved on by these tables' strides instead.
 */
const CARE_SUBJECTS = ['period_of_care', 'lac_review']
const CARE_ATTRIBUTE_IDS: Record<string, Copied | null> = {
  episodeId: 'care_episode',
  placementId: 'care_placement',
  allocationId: 'care_iro_allocation',
  reviewId: 'lac_review',
  visitId: 'care_visit',
  assessmentId: 'care_health_assessment',
  checkId: 'care_health_check',
  schoolId: 'care_school',
  missingId: 'care_missing_education',
  pepId: 'care_pep',
  attendanceId: 'care_attendance',
  documentId: 'care_document',
  planId: 'care_placement_plan',
  iroUserId: null,
}

const LA_CHILD_DIGITS = 8
/** The base's rows are copied from tables of this prefix, dropped afterwards. */
const SNAPSHOT = 'replicate_base_'
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

export interface ReplicateOptions {
  /** How many copies of the base the database holds afterwards (the base is the first). */
  times: number
  onProgress?: (message: string) => void
  /**
   * Check every foreign key between the copied tables afterwards, set-based (the copies are
   * written with the row-by-row checks off where the role may turn them off: they take half the
   * time). Tests check; the benchmark trusts the copy.
   */
  checkKeys?: boolean
}

export interface Replicated {
  times: number
  /** Rows written, by table. */
  rows: Record<string, number>
  milliseconds: number
}

interface Table {
  name: Copied
  columns: { name: string; identity: boolean }[]
  /** Column → the copied table it points at. */
  references: Map<string, Copied>
  hasId: boolean
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`

async function one<T>(db: Db, text: string): Promise<T> {
  const { rows } = await sql.raw<T>(text).execute(db)
  return rows[0] as T
}

/** What is in the database, checked: every table with rows is copied or shared. */
async function describe(db: Db): Promise<Map<Copied, Table>> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p')`.execute(db)
  const copied = new Set<string>(COPIED_TABLES)
  for (const { name } of tables) {
    if (copied.has(name) || SHARED_TABLES.has(name) || name.startsWith(SNAPSHOT)) continue
    const any = await one<{ n: number }>(
      db,
      `select count(*)::int as n from (select 1 from ${q(name)} limit 1) x`,
    )
    if (any.n > 0)
      throw new Error(`replicateAuthority: ${name} has rows, and it does not know how to copy them`)
  }
  const { rows: columns } = await sql<{ table: string; name: string; identity: string }>`
    select c.relname as table, a.attname as name, a.attidentity as identity
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by c.relname, a.attnum`.execute(db)
  const { rows: keys } = await sql<{ table: string; column: string; references: string; to: string }>`
    select c.relname as table, a.attname as column, r.relname as references, ra.attname as to
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class r on r.oid = k.confrelid
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
      join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = k.confkey[1]
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = current_schema() and array_length(k.conkey, 1) = 1`.execute(db)
  const out = new Map<Copied, Table>()
  for (const name of COPIED_TABLES) {
    const cols = columns.filter((c) => c.table === name)
    if (cols.length === 0) throw new Error(`replicateAuthority: there is no table ${name}`)
    const references = new Map<string, Copied>()
    for (const k of keys.filter((k) => k.table === name)) {
      if (!copied.has(k.references)) continue
      if (k.to !== 'id')
        throw new Error(`replicateAuthority: ${name}.${k.column} points at ${k.references}.${k.to}`)
      references.set(k.column, k.references as Copied)
    }
    out.set(name, {
      name,
      columns: cols.map((c) => ({ name: c.name, identity: c.identity !== '' })),
      references,
      hasId: cols.some((c) => c.name === 'id'),
    })
  }
  return out
}

/** The tables in an order where each comes after those it points at. */
function ordered(tables: Map<Copied, Table>): Table[] {
  const done = new Set<Copied>()
  const out: Table[] = []
  const visit = (t: Table, path: Copied[]) => {
    if (done.has(t.name)) return
    if (path.includes(t.name)) return // a table pointing at itself (referral's previous referral)
    for (const ref of t.references.values())
      if (ref !== t.name) visit(tables.get(ref) as Table, [...path, t.name])
    done.add(t.name)
    out.push(t)
  }
  for (const t of tables.values()) visit(t, [])
  return out
}

/** Checks the identifiers and subjects it rewrites are all in the shapes it knows. */
async function checkShapes(db: Db): Promise<void> {
  const bad = async (what: string, query: string) => {
    const { n } = await one<{ n: number }>(db, query)
    if (n > 0) throw new Error(`replicateAuthority: ${n} ${what} not in the shape it knows`)
  }
  await bad(
    'LA child ids',
    `select count(*)::int as n from person where la_child_id !~ '\\d{${LA_CHILD_DIGITS}}$'`,
  )
  await bad('UPNs', `select count(*)::int as n from person where upn !~ '^[A-Z][0-9]{12}$'`)
  await bad('task instance keys', `select count(*)::int as n from task where instance_key !~ '/[0-9]+$'`)
  const types = Object.keys(SUBJECT_TABLE)
    .map((t) => `'${t}'`)
    .join(', ')
  for (const table of ['case_event', 'task'])
    await bad(
      `${table} subjects`,
      `select count(*)::int as n from ${table}
        where case when subject_type = '${SIGN_OFF_SUBJECT}'
                then split_part(subject_id, ':', 1) not in (${types}) or subject_id !~ '^[a-z_0-9]+:[0-9]+$'
                else subject_type not in (${types}) or subject_id !~ '^[0-9]+(-[0-9]+)?$' end`,
    )
  await bad(
    'sign-off subjects',
    `select count(*)::int as n from sign_off where subject_type not in (${types}) or subject_id !~ '^[0-9]+$'`,
  )
  const { rows } = await sql<{ key: string }>`
    select distinct k as key from case_event, jsonb_object_keys(attributes) k
     where jsonb_typeof(attributes) = 'object' and k ~ 'Id$'`.execute(db)
  for (const { key } of rows)
    if (!(key in ATTRIBUTE_IDS) && !(key in CARE_ATTRIBUTE_IDS))
      throw new Error(`replicateAuthority: case event attribute ${key} names a row`)
}

/** The UPN's check letter of a 12-character body (all digits), in SQL. */
const upnCheck = (body: string) =>
  `substr('${UPN_LETTERS}', 1 + ((select sum(substr(${body}, i, 1)::int * (i + 1)) from generate_series(1, 12) i)::int % 23), 1)`

/**
 * Copies the base authority in `db` until the database holds `times` of it. The base must be
 * all the database's children (load it into an empty database); nothing else may write meanwhile.
 */
export async function replicateAuthority(db: Db, options: ReplicateOptions): Promise<Replicated> {
  const t0 = performance.now()
  const times = Math.floor(options.times)
  if (!(times >= 1)) throw new Error('replicateAuthority: times must be 1 or more')
  const tables = await describe(db)
  const rows: Record<string, number> = {}
  if (times === 1) return { times, rows, milliseconds: performance.now() - t0 }
  await checkShapes(db)

  // Each table's stride: its largest id. Copy k's ids are the base's plus k strides.
  const stride = new Map<Copied, number>()
  for (const t of tables.values())
    if (t.hasId)
      stride.set(
        t.name,
        (await one<{ n: number }>(db, `select coalesce(max(id), 0)::bigint as n from ${q(t.name)}`)).n,
      )
  const strideOf = (t: Copied) => Number(stride.get(t) ?? 0)
  const base = await one<{ la: string | null; upn: string | null }>(
    db,
    `select max(right(la_child_id, ${LA_CHILD_DIGITS})::bigint)::text as la,
            max((substr(upn, 5, 4)::int - 1000) * 1000 + substr(upn, 11, 3)::int)::text as upn
       from person`,
  )
  const laStride = Number(base.la ?? 0) + 1
  const upnStride = Number(base.upn ?? 0) + 1
  if (laStride * times >= 10 ** LA_CHILD_DIGITS)
    throw new Error('replicateAuthority: too many copies for LA child ids')
  if (upnStride * times >= 9_000_000) throw new Error('replicateAuthority: too many copies for UPNs')

  const strides = (type: string, k: number) =>
    `case ${type} ${Object.entries(SUBJECT_TABLE)
      .map(([name, table]) => `when '${name}' then ${k * strideOf(table)}`)
      .join(' ')} end`
  const subject = (column: string, k: number) => {
    const numbered = `(substring(${column} from '^[0-9]+')::bigint + ${strides('subject_type', k)})::text
            || coalesce(substring(${column} from '^[0-9]+(-.*)$'), '')`
    const ofType = `split_part(${column}, ':', 1)`
    const signedOff = `${ofType} || ':' || (split_part(${column}, ':', 2)::bigint + ${strides(ofType, k)})::text`
    return `case when subject_type = '${SIGN_OFF_SUBJECT}' then ${signedOff} else ${numbered} end`
  }
  const expression = (t: Table, column: string, k: number): string => {
    const c = q(column)
    if (column === 'id' && t.hasId) return `${c} + ${k * strideOf(t.name)}`
    const ref = t.references.get(column)
    if (ref !== undefined) return `${c} + ${k * strideOf(ref)}`
    if (t.name === 'person') {
      if (column === 'la_child_id')
        return `left(${c}, length(${c}) - ${LA_CHILD_DIGITS})
                || lpad((right(${c}, ${LA_CHILD_DIGITS})::bigint + ${k * laStride})::text, ${LA_CHILD_DIGITS}, '0')`
      if (column === 'upn') {
        const serial = `((substr(${c}, 5, 4)::int - 1000) * 1000 + substr(${c}, 11, 3)::int + ${k * upnStride})`
        const body = `(substr(${c}, 2, 3) || lpad((1000 + ${serial} / 1000)::text, 4, '0') || substr(${c}, 9, 2) || lpad((${serial} % 1000)::text, 3, '0'))`
        return `case when ${c} is null then null else ${upnCheck(body)} || ${body} end`
      }
      if (column === 'nhs_number') return 'null'
    }
    if ((t.name === 'case_event' || t.name === 'task' || t.name === 'sign_off') && column === 'subject_id')
      return subject(c, k)
    if (t.name === 'task' && column === 'instance_key')
      return `substring(${c} from '^(.*/)[0-9]+$') || (substring(${c} from '([0-9]+)$')::bigint + ${k * strideOf('case_event')})::text`
    if (t.name === 'case_event' && column === 'attributes') {
      // Each id the attributes hold, moved on; one object laid over them (a key they lack is a
      // null, stripped), so the expression grows with the keys, not twice over for each.
      const moved = (ids: Record<string, Copied | null>) =>
        `jsonb_strip_nulls(jsonb_build_object(${Object.entries(ids)
          .flatMap(([key, table]) =>
            table === null
              ? []
              : [`'${key}', to_jsonb((${c} ->> '${key}')::bigint + ${k * strideOf(table)})`],
          )
          .join(', ')}))`
      const care = CARE_SUBJECTS.map((t) => `'${t}'`).join(', ')
      return `case when jsonb_typeof(${c}) <> 'object' then ${c}
                   when subject_type in (${care}) then ${c} || ${moved(CARE_ATTRIBUTE_IDS)}
                   else ${c} || ${moved(ATTRIBUTE_IDS)} end`
    }
    return c
  }
  // Each copy reads the base from a snapshot of it, so copy k reads the base's rows only, not
  // the k - 1 copies before it too (which a growing table's scan would: quadratic in copies).
  const baseTable = (t: Table) => q(`${SNAPSHOT}${t.name}`)
  const order = ordered(tables)
  // The indexes no constraint needs are dropped while copying and built again afterwards (one
  // sort each instead of a tree growing row by row); the unique ones among them check the copies
  // when they are built again. Row-by-row foreign key checks are off (session_replication_role,
  // a superuser's) where allowed; `checkKeys` checks the keys afterwards instead.
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select ic.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema()
       and c.relname in (${sql.join([...COPIED_TABLES])})
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by ic.relname`.execute(db)
  const superuser =
    (await one<{ on: string }>(db, `select current_setting('is_superuser') as on`)).on === 'on'
  for (const t of order) {
    await sql.raw(`drop table if exists ${baseTable(t)}`).execute(db)
    await sql.raw(`create unlogged table ${baseTable(t)} as select * from ${q(t.name)}`).execute(db)
  }
  for (const index of indexes) await sql.raw(`drop index ${q(index.name)}`).execute(db)
  try {
    await copies(db, order, times, expression, baseTable, rows, superuser, (k) =>
      options.onProgress?.(
        `copy ${k + 1} of ${times} written (${Math.round((performance.now() - t0) / 1000)} s)`,
      ),
    )
  } finally {
    for (const t of order) await sql.raw(`drop table if exists ${baseTable(t)}`).execute(db)
    for (const index of indexes) await sql.raw(index.definition).execute(db)
  }
  options.onProgress?.(`indexes built again (${Math.round((performance.now() - t0) / 1000)} s)`)
  // The sequences carry on after the copies, so rows added later do not collide with them.
  for (const t of order)
    if (t.columns.some((c) => c.name === 'id' && c.identity))
      await sql
        .raw(`select setval(pg_get_serial_sequence('${t.name}', 'id'), (select max(id) from ${q(t.name)}))`)
        .execute(db)
  if (options.checkKeys) await checkForeignKeys(db, order)
  return { times, rows, milliseconds: performance.now() - t0 }
}

/** Every foreign key between copied tables holds, checked a table at a time. */
async function checkForeignKeys(db: Db, tables: Table[]): Promise<void> {
  for (const t of tables)
    for (const [column, ref] of t.references) {
      const { n } = await one<{ n: number }>(
        db,
        `select count(*)::int as n from ${q(t.name)} x
          where x.${q(column)} is not null and not exists (select 1 from ${q(ref)} r where r.id = x.${q(column)})`,
      )
      if (n > 0) throw new Error(`replicateAuthority: ${n} rows of ${t.name}.${column} point at no ${ref}`)
    }
}

async function copies(
  db: Db,
  order: Table[],
  times: number,
  expression: (t: Table, column: string, k: number) => string,
  baseTable: (t: Table) => string,
  rows: Record<string, number>,
  superuser: boolean,
  progress: (k: number) => void,
): Promise<void> {
  for (let k = 1; k < times; k++) {
    await db.transaction().execute(async (trx) => {
      if (superuser) await sql`set local session_replication_role = replica`.execute(trx)
      for (const t of order) {
        const identity = t.columns.some((c) => c.identity)
        const names = t.columns.map((c) => q(c.name)).join(', ')
        const values = t.columns.map((c) => expression(t, c.name, k)).join(', ')
        const result = await sql
          .raw(
            `insert into ${q(t.name)} (${names})${identity ? ' overriding system value' : ''}
             select ${values} from ${baseTable(t)}`,
          )
          .execute(trx)
        rows[t.name] = (rows[t.name] ?? 0) + Number(result.numAffectedRows ?? 0)
      }
    })
    progress(k)
  }
}

/**
 * The audit trail: who did what to which child's record, when, on what basis and with what
 * outcome. Events are written unsealed, in the caller's transaction, so they commit or roll back
 * with the work they describe. One sealer at a time links them, in id order, into an HMAC chain
 * (chain.ts); `verifyAudit` walks the chain and reports any event altered, removed or re-ordered.
 *
 * Why the sealer waits: ids are drawn when a row is inserted, but a transaction may commit after
 * a later one. If the sealer sealed event 7 while event 6 was still uncommitted, it would have to
 * seal 6 out of order later, and a seal deleted by a tamperer would look the same as that. So a
 * writer takes its transaction id before drawing an event id, and the sealer waits for every
 * transaction that was open when it read the sequence. Then "every committed event up to the
 * last sealed one has a seal" always holds, and an unsealed event below that line means a seal
 * was removed. The column's default (audit_event_next_id, migration 0007) keeps that order, so
 * one insert is enough.
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import { insertRows, type ColumnTypes } from '../db/insert-rows.js'
import type { AuditEventTable, Database } from '../db/schema.js'
import { NotAllowedError } from '../http/errors.js'
import { CHAIN_START, sealEvents, walkChain, type ChainPosition, type SealedEvent } from './chain.js'
import { appendCheckpoint, readLastCheckpoint, type AuditCheckpoint } from './checkpoint.js'

export { resolveAuditKey } from './key.js'

export interface AuditContext {
  userId: number | null
  username: string | null
  requestId: string | null
  ip?: string | null
  /** The session's stored id (`user_session.id_hash`), never the cookie value. */
  sessionId?: string | null
}

export type AuditOutcome = 'allowed' | 'denied' | 'failed'

export interface AuditEntry {
  /** What was done, as `area.verb`: e.g. 'child.view', 'contact.create', 'user.sign_in'. */
  action: string
  outcome: AuditOutcome
  childId?: number | null
  recordType?: string | null
  recordId?: string | number | null
  /** The relationship or grant that allowed it, e.g. 'allocated_worker'. */
  basis?: string | null
  detail?: Record<string, unknown>
}

export type AuditRow = Selectable<AuditEventTable>

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/
const OUTCOMES: readonly string[] = ['allowed', 'denied', 'failed']

/** The row to insert, or an error naming what is wrong: a bad audit write fails the request. */
export function auditValues(ctx: AuditContext, entry: AuditEntry) {
  if (!ACTION.test(entry.action)) {
    throw new Error(`Audit action "${entry.action}" must look like "area.verb", e.g. "child.view"`)
  }
  if (!OUTCOMES.includes(entry.outcome)) throw new Error(`Audit outcome "${entry.outcome}" is not known`)
  return {
    user_id: ctx.userId,
    username: ctx.username,
    request_id: ctx.requestId,
    ip: ctx.ip ?? null,
    session_id: ctx.sessionId ?? null,
    action: entry.action,
    outcome: entry.outcome,
    child_id: entry.childId ?? null,
    record_type: entry.recordType ?? null,
    record_id: entry.recordId === undefined || entry.recordId === null ? null : String(entry.recordId),
    basis: entry.basis ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  }
}

/** Writes in the caller's transaction: the audit row commits or rolls back with the change. */
export async function recordAudit(
  trx: Kysely<Database>,
  ctx: AuditContext,
  entry: AuditEntry,
): Promise<void> {
  await trx.insertInto('audit_event').values(auditValues(ctx, entry)).execute()
}

/** As `recordAudit` for several events, in one statement in the caller's transaction. */
export async function recordAudits(
  trx: Kysely<Database>,
  ctx: AuditContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  await insertRows(
    trx,
    'audit_event',
    AUDIT_EVENT,
    entries.map((e) => auditValues(ctx, e)),
  )
}

const AUDIT_EVENT = {
  user_id: 'bigint',
  username: 'text',
  request_id: 'text',
  ip: 'text',
  session_id: 'text',
  action: 'text',
  outcome: 'text',
  child_id: 'bigint',
  record_type: 'text',
  record_id: 'text',
  basis: 'text',
  detail: 'jsonb',
} as const satisfies ColumnTypes<'audit_event'>

/**
 * Writes on its own, so a rollback of the request's work cannot lose it (denials, failures, and
 * pages that only read). Call it outside the request's transaction: inside one, the outer handle
 * is refused. One statement commits by itself.
 */
export async function recordAuditAlone(db: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await recordAuditsAlone(db, ctx, [entry])
}

type RefusalEntry = Omit<AuditEntry, 'outcome' | 'detail'>

/**
 * Runs a write whose refusal must outlive its rollback: a `NotAllowedError` (the service's
 * refusal) is audited on its own as denied, with its reason, and rethrown. `entry` may be worked
 * out from the refusal (the child a write on several children was refused on).
 */
export async function auditingRefusal<T>(
  db: Db,
  ctx: AuditContext,
  entry: RefusalEntry | ((refusal: NotAllowedError) => RefusalEntry),
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof NotAllowedError) {
      const row = typeof entry === 'function' ? entry(err) : entry
      await recordAuditAlone(db, ctx, { ...row, outcome: 'denied', detail: { reason: err.reason } })
    }
    throw err
  }
}

/** As `recordAuditAlone` for several events of one request (one read of a family), in one statement. */
export async function recordAuditsAlone(
  db: Db,
  ctx: AuditContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  await recordAudits(db, ctx, entries)
}

/**
 * The text of an event that the chain hashes: a fixed list of columns (so adding a column later
 * does not change the text of rows already sealed) with the time written out in UTC (so session
 * settings cannot change it). PostgreSQL produces it, so both drivers hash the same bytes.
 */
const ROW_TEXT = sql<string>`row(e.id, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  e.user_id, e.username, e.action, e.child_id, e.record_type, e.record_id, e.basis, e.request_id,
  e.outcome, e.detail, e.ip, e.session_id)::text`

/** The text the chain hashes for an event, as PostgreSQL writes it; null when there is no such event. */
export async function auditEventText(db: Kysely<Database>, eventId: number): Promise<string | null> {
  const found = await sql<{ row_text: string }>`
    select ${ROW_TEXT} as row_text from audit_event e where e.id = ${eventId}`.execute(db)
  return found.rows[0]?.row_text ?? null
}

/** Any number unique to Haven: one sealer at a time, across processes. */
const SEALER_LOCK = 727_002

export interface SealOptions {
  /** Events sealed per transaction. */
  batch?: number
  /** How long to wait for transactions that may still add earlier events. */
  waitMs?: number
  /**
   * Where to append the chain's new end after each seal transaction commits (checkpoint.ts), so
   * `verifyAuditTrail` can tell when the end of the chain has been cut off.
   */
  checkpointFile?: string | undefined
}

export async function sealAudit(db: Db, key: string, options: SealOptions = {}): Promise<{ sealed: number }> {
  const batch = options.batch ?? 1000
  const waitMs = options.waitMs ?? 10_000
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError('batch must be a whole number above 0')
  let sealed = 0
  for (;;) {
    const { count, head } = await db.transaction().execute((trx) => sealBatch(trx, key, batch, waitMs))
    // After the commit, never before: a checkpoint must not name a seal that could still roll
    // back. Dying here leaves the chain longer than its last checkpoint, which verify accepts.
    if (head && options.checkpointFile) appendCheckpoint(options.checkpointFile, head)
    sealed += count
    if (count < batch) return { sealed }
  }
}

async function sealBatch(
  trx: Kysely<Database>,
  key: string,
  batch: number,
  waitMs: number,
): Promise<{ count: number; head: ChainPosition | null }> {
  const none = { count: 0, head: null }
  await sql`select pg_advisory_xact_lock(${SEALER_LOCK})`.execute(trx)
  // Every event id drawn so far, committed or not.
  const drawn = await sql<{ last: number | null }>`
    select pg_sequence_last_value(pg_get_serial_sequence('audit_event', 'id')::regclass) as last`.execute(trx)
  const upTo = drawn.rows[0]?.last ?? null
  if (upTo === null) return none
  // A later statement: any transaction that drew one of those ids already had its transaction id.
  await waitForOpenTransactions(trx, waitMs)
  const head = await trx
    .selectFrom('audit_seal')
    .select(['seq', 'event_id', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const from: ChainPosition = head ? { seq: head.seq, eventId: head.event_id, hash: head.hash } : CHAIN_START
  const events = await sql<{ id: number; row_text: string }>`
    select e.id, ${ROW_TEXT} as row_text from audit_event e
    where e.id > ${from.eventId} and e.id <= ${upTo}
    order by e.id limit ${batch}`.execute(trx)
  if (events.rows.length === 0) return none
  const seals = sealEvents(
    key,
    from,
    events.rows.map((e) => ({ id: e.id, rowText: e.row_text })),
  )
  // Four lists rather than four parameters a seal: a thousand-row VALUES list is slow to bind.
  const list = (pick: (s: (typeof seals)[number]) => string | number) => seals.map(pick).join(',')
  await sql`insert into audit_seal (seq, event_id, prev_hash, hash)
    select * from unnest(string_to_array(${list((s) => s.seq)}, ',')::bigint[],
      string_to_array(${list((s) => s.eventId)}, ',')::bigint[],
      string_to_array(${list((s) => s.prevHash)}, ','), string_to_array(${list((s) => s.hash)}, ','))`.execute(
    trx,
  )
  const last = seals[seals.length - 1]
  return {
    count: seals.length,
    head: last ? { seq: last.seq, eventId: last.eventId, hash: last.hash } : null,
  }
}

/**
 * Waits for every transaction that had a transaction id when this statement began. A snapshot
 * lists the open ones below its xmax; those from xmax up are open or newly finished, so they are
 * taken up to this transaction's own id, drawn after the snapshot.
 */
async function waitForOpenTransactions(trx: Kysely<Database>, waitMs: number): Promise<void> {
  const snapshot = await sql<{ xids: string }>`
    with now as materialized (select pg_current_snapshot() as snap, pg_current_xact_id() as me)
    select coalesce(string_agg(x::text, ','), '') as xids from (
      select pg_snapshot_xip(snap) as x from now
      union
      select g::text::xid8 from now,
        generate_series(pg_snapshot_xmax(snap)::text::numeric, me::text::numeric - 1) as g
    ) as earlier`.execute(trx)
  const xids = snapshot.rows[0]?.xids ?? ''
  if (xids === '') return
  const deadline = Date.now() + waitMs
  for (;;) {
    const open = await sql<{ open: number }>`
      select count(*) as open from unnest(string_to_array(${xids}, ',')::xid8[]) as x
      where pg_xact_status(x) = 'in progress'`.execute(trx)
    const count = open.rows[0]?.open ?? 0
    if (count === 0) return
    if (Date.now() >= deadline) {
      throw new Error(
        `Audit sealing waited ${Math.round(waitMs / 1000)} s for ${count} open transaction(s) that may still ` +
          'add audit events; nothing was sealed. Try again when they have finished.',
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface AuditVerification {
  ok: boolean
  checked: number
  unsealed: number
  problems: { seq: number | null; eventId: number | null; problem: string }[]
  /** The last seal: record it somewhere write-once, and a later `verifyAudit` can be held to it. */
  head?: { seq: number; eventId: number; hash: string } | null
  /**
   * The checkpoint file `verifyAuditTrail` held the chain to, and the checkpoint it found there
   * (null when it found none: `problem` says why). Null when no file is configured.
   */
  checkpointFile?: { path: string; checkpoint: AuditCheckpoint | null; problem: string | null } | null
}

/** A head recorded earlier, and where it was recorded (for the report). */
export interface HeldCheckpoint {
  seq: number
  hash: string
  eventId?: number
  /** When it was recorded. */
  at?: string
  /** Where it came from, as a phrase: "in /var/log/haven/audit-checkpoints.log", "given with --checkpoint". */
  source?: string
}

export interface VerifyOptions {
  /** A head recorded earlier: the chain must still contain it, unchanged. */
  checkpoint?: HeldCheckpoint
  /** More of them (say, one given by hand and one from the checkpoint file). */
  checkpoints?: HeldCheckpoint[]
  /** Seals read per query. */
  pageSize?: number
}

const MAX_LISTED_UNSEALED = 100

export async function verifyAudit(
  db: Db,
  key: string,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000
  const problems: AuditVerification['problems'] = []
  const held = [...(options.checkpoint ? [options.checkpoint] : []), ...(options.checkpoints ?? [])]
  const seen = new Set<HeldCheckpoint>()
  let at = CHAIN_START
  let checked = 0
  for (;;) {
    const page = await sql<{
      seq: number
      event_id: number
      prev_hash: string
      hash: string
      row_text: string | null
    }>`
      select s.seq, s.event_id, s.prev_hash, s.hash, case when e.id is null then null else ${ROW_TEXT} end as row_text
      from audit_seal s left join audit_event e on e.id = s.event_id
      where s.seq > ${at.seq}
      order by s.seq limit ${pageSize}`.execute(db)
    const seals: SealedEvent[] = page.rows.map((r) => ({
      seq: r.seq,
      eventId: r.event_id,
      prevHash: r.prev_hash,
      hash: r.hash,
      rowText: r.row_text,
    }))
    const walked = walkChain(key, at, seals)
    problems.push(...walked.problems)
    for (const checkpoint of held) {
      const match = seals.find((s) => s.seq === checkpoint.seq)
      if (!match) continue
      seen.add(checkpoint)
      const sameEvent = checkpoint.eventId === undefined || checkpoint.eventId === match.eventId
      if (match.hash !== checkpoint.hash || !sameEvent) {
        problems.push({
          seq: checkpoint.seq,
          eventId: match.eventId,
          problem:
            `seal ${checkpoint.seq} differs from the checkpoint${from(checkpoint)}: it recorded ${recorded(checkpoint)}, ` +
            `the chain has event ${match.eventId}, hash ${match.hash}. The chain has been rewritten from there on`,
        })
      }
    }
    checked += seals.length
    at = walked.at
    if (seals.length < pageSize) break
  }
  for (const checkpoint of held) {
    if (seen.has(checkpoint)) continue
    problems.push({
      seq: checkpoint.seq,
      eventId: null,
      problem:
        at.seq < checkpoint.seq
          ? `seal ${checkpoint.seq} from the checkpoint${from(checkpoint)} is missing: it recorded ${recorded(checkpoint)}, ` +
            `but the chain now ends at seal ${at.seq}. The end of the chain has been cut off`
          : `seal ${checkpoint.seq} from the checkpoint${from(checkpoint)} is missing: it recorded ${recorded(checkpoint)}`,
    })
  }

  // Every committed event up to the last sealed one was sealed (see the note at the top), so an
  // unsealed one there lost its seal, or was inserted afterwards with an old id.
  const counts = await sql<{ unsealed: number }>`
    select count(*) as unsealed from audit_event e
    where not exists (select 1 from audit_seal s where s.event_id = e.id)`.execute(db)
  const unsealed = counts.rows[0]?.unsealed ?? 0
  if (unsealed > 0 && at.eventId > 0) {
    const orphans = await sql<{ id: number; total: number }>`
      select e.id, count(*) over () as total from audit_event e
      where e.id < ${at.eventId} and not exists (select 1 from audit_seal s where s.event_id = e.id)
      order by e.id limit ${MAX_LISTED_UNSEALED}`.execute(db)
    for (const o of orphans.rows) {
      problems.push({
        seq: null,
        eventId: o.id,
        problem: `event ${o.id} has no seal although later events are sealed: its seal has been removed`,
      })
    }
    const total = orphans.rows[0]?.total ?? 0
    if (total > MAX_LISTED_UNSEALED) {
      problems.push({
        seq: null,
        eventId: null,
        problem: `and ${total - MAX_LISTED_UNSEALED} more events without seals among sealed ones`,
      })
    }
  }
  return {
    ok: problems.length === 0,
    checked,
    unsealed,
    problems,
    head: at.seq > 0 ? { seq: at.seq, eventId: at.eventId, hash: at.hash } : null,
  }
}

function from(checkpoint: HeldCheckpoint): string {
  return checkpoint.source ? ` ${checkpoint.source}` : ''
}

function recorded(checkpoint: HeldCheckpoint): string {
  const event = checkpoint.eventId === undefined ? '' : `event ${checkpoint.eventId}, `
  const when = checkpoint.at === undefined ? '' : ` at ${checkpoint.at}`
  return `${event}hash ${checkpoint.hash}${when}`
}

/**
 * `haven audit verify`: the chain, held to the latest checkpoint in the checkpoint file (and to
 * one given by hand). A chain longer than the checkpoint is fine (the sealer appends after it
 * commits); a shorter one, or another hash at the checkpoint's seal, is reported. A missing or
 * unreadable file is reported too, as a problem rather than an error, once anything is sealed.
 */
export async function verifyAuditTrail(
  db: Db,
  key: string,
  options: { checkpointFile?: string | undefined; checkpoint?: HeldCheckpoint } = {},
): Promise<AuditVerification> {
  const file = options.checkpointFile
  const read = file ? readLastCheckpoint(file) : null
  const checkpoints: HeldCheckpoint[] = options.checkpoint ? [options.checkpoint] : []
  if (file && read?.state === 'found') {
    checkpoints.push({ ...read.checkpoint, source: `in ${file}` })
  }
  const verification = await verifyAudit(db, key, { checkpoints })
  if (!file || !read) return { ...verification, checkpointFile: null }

  const sealedSeals = verification.head?.seq ?? 0
  let problem: string | null = null
  if (read.state === 'unreadable') {
    problem = `the checkpoint file ${file} cannot be read (${read.reason}), so the end of the chain was not checked`
  } else if (read.state === 'missing' && sealedSeals > 0) {
    problem =
      `the checkpoint file ${file} does not exist, yet the chain has ${sealedSeals} seals, so the end of the chain ` +
      'was not checked. The sealer writes it after each seal: it has been removed, or this is not where the sealer runs'
  } else if (read.state === 'empty' && sealedSeals > 0) {
    problem = `the checkpoint file ${file} holds no checkpoint Haven can read, so the end of the chain was not checked`
  }
  const problems = problem
    ? [...verification.problems, { seq: null, eventId: null, problem }]
    : verification.problems
  return {
    ...verification,
    ok: problems.length === 0,
    problems,
    checkpointFile: { path: file, checkpoint: read.state === 'found' ? read.checkpoint : null, problem },
  }
}

export interface AuditSearch {
  userId?: number
  username?: string
  childId?: number
  /** First day, YYYY-MM-DD, in Europe/London. */
  from?: string
  /** Last day (included), YYYY-MM-DD, in Europe/London. */
  to?: string
  /** An exact action, or a prefix ending in `*` (e.g. `child.*`). */
  action?: string
  outcome?: string
  page?: number
  pageSize?: number
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar day as given in a search, or an error saying what is wrong with it. */
export function parseDay(text: string, name: string): string {
  const m = DAY.exec(text)
  const [, y, mo, d] = m ?? []
  const date = m ? new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))) : null
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new RangeError(`${name} must be a real date written YYYY-MM-DD, got "${text}"`)
  }
  return text
}

/** `%` and `_` match literally in a prefix search. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export const MAX_PAGE_SIZE = 500

function filtered(db: Db, search: Omit<AuditSearch, 'page' | 'pageSize'>) {
  const from = search.from === undefined ? undefined : parseDay(search.from, 'from')
  const to = search.to === undefined ? undefined : parseDay(search.to, 'to')
  return db.selectFrom('audit_event').where((eb) => {
    const c = []
    if (search.userId !== undefined) c.push(eb('user_id', '=', search.userId))
    if (search.username !== undefined) c.push(eb('username', '=', search.username.trim().toLowerCase()))
    if (search.childId !== undefined) c.push(eb('child_id', '=', search.childId))
    if (search.outcome !== undefined) c.push(eb('outcome', '=', search.outcome as AuditOutcome))
    if (search.action !== undefined) {
      const action = search.action.trim()
      c.push(
        action.endsWith('*')
          ? eb('action', 'like', likePrefix(action.slice(0, -1)))
          : eb('action', '=', action),
      )
    }
    // Days are London days: midnight there is 23:00 or 00:00 UTC depending on the season.
    if (from !== undefined) {
      c.push(eb('occurred_at', '>=', sql<Date>`(${from}::date)::timestamp at time zone 'Europe/London'`))
    }
    if (to !== undefined) {
      c.push(eb('occurred_at', '<', sql<Date>`(${to}::date + 1)::timestamp at time zone 'Europe/London'`))
    }
    return eb.and(c)
  })
}

/** Newest first, in a fixed order (time, then id) so pages never overlap or skip. */
export async function searchAudit(db: Db, search: AuditSearch): Promise<{ rows: AuditRow[]; total: number }> {
  const page = Math.max(1, Math.trunc(search.page ?? 1))
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(search.pageSize ?? 50)))
  const base = filtered(db, search)
  const rows = await base
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst()
  return { rows, total: counted?.total ?? 0 }
}

export interface ChildViewer {
  userId: number | null
  username: string | null
  firstAt: Date
  lastAt: Date
  views: number
  bases: string[]
}

/**
 * "Who has looked at this child's record": everyone whose access to the child's data was allowed
 * (reads and changes alike: changing a record means seeing it), most recent first. Refused
 * attempts are not views; the search finds them.
 */
export async function whoViewedChild(
  db: Db,
  childId: number,
  range: { from?: string; to?: string } = {},
): Promise<ChildViewer[]> {
  const rows = await filtered(db, { childId, outcome: 'allowed', ...range })
    .select([
      'user_id',
      'username',
      sql<Date>`min(occurred_at)`.as('first_at'),
      sql<Date>`max(occurred_at)`.as('last_at'),
      sql<number>`count(*)`.as('views'),
      sql<
        string[]
      >`coalesce(array_agg(distinct basis order by basis) filter (where basis is not null), '{}')`.as(
        'bases',
      ),
    ])
    .groupBy(['user_id', 'username'])
    .orderBy(sql`max(occurred_at)`, 'desc')
    .orderBy('user_id')
    .orderBy('username')
    .execute()
  return rows.map((r) => ({
    userId: r.user_id,
    username: r.username,
    firstAt: r.first_at,
    lastAt: r.last_at,
    views: r.views,
    bases: r.bases,
  }))
}

/**
 * The record number of the child whose record shows `shown` as its LA child ID ("C0080449"),
 * as typed in any case; null when no record shows it.
 */
export async function childNumberOf(db: Db, shown: string): Promise<number | null> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('la_child_id', 'in', [...new Set([shown.trim(), shown.trim().toUpperCase()])])
    .orderBy('id')
    .executeTakeFirst()
  return row?.id ?? null
}

/** The LA child ID each record shows, for the children an audit page names; a record with none is left out. */
export async function shownChildIds(db: Db, childIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(childIds)]
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('person')
    .select(['id', 'la_child_id'])
    .where('id', 'in', ids)
    .where('la_child_id', 'is not', null)
    .execute()
  return new Map(rows.flatMap((r) => (r.la_child_id === null ? [] : [[r.id, r.la_child_id] as const])))
}

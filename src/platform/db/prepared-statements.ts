/**
 * Named prepared statements on a PostgreSQL server, so a statement sent again on the same
 * connection is not planned again. Kysely sends every query unnamed, and PostgreSQL plans an
 * unnamed statement at every execution: the published views (a child's visit measures, the
 * worklists) are views over views, and planning them cost more than running them: about 30 ms of
 * the child's record's 40 ms in the database, in PostgreSQL's statement log on the casework
 * benchmark's authority (bench/casework.ts).
 *
 * A statement is named by a digest of its text, per connection, once it has been sent twice there
 * (a statement sent once is not worth a name). Each connection names at most `perConnection`
 * statements: past that, new texts go unnamed, and the pool closes a connection after `maxUses`
 * check-outs (database.ts), so a long-lived process does not keep yesterday's statements forever.
 * PostgreSQL itself decides, after five executions, whether a generic plan is as good as planning
 * with the values, and keeps planning with the values when it is not.
 *
 * A view changed under a prepared `select *` (a migration while the process runs) fails once with
 * "cached plan must not change result type"; the connection is then discarded, not reused.
 */
import { createHash } from 'node:crypto'
import type { PostgresPool, PostgresPoolClient } from 'kysely'
import type pg from 'pg'

export interface PreparedStatementOptions {
  /** The most statements one connection names (default 200). */
  perConnection?: number
}

/** Statements worth naming: data statements, not DDL, transaction control or settings. */
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i

interface ConnectionCache {
  /** Texts sent once on this connection, not yet named. */
  seen: Set<string>
  /** Texts named on this connection, with their names. */
  named: Map<string, string>
  /** Set when the server refused a named statement: the connection is discarded on release. */
  broken: boolean
}

export function statementName(text: string): string {
  return `h_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`
}

/** Whether an error is PostgreSQL's refusal of a prepared statement whose result type changed. */
function isStalePlan(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '')
}

/** A pool for Kysely's PostgresDialect whose connections name the statements they repeat. */
export function preparingPool(pool: pg.Pool, options: PreparedStatementOptions = {}): PostgresPool {
  const limit = options.perConnection ?? 200
  const caches = new WeakMap<pg.PoolClient, ConnectionCache>()
  return {
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      let cache = caches.get(client)
      if (!cache) {
        cache = { seen: new Set(), named: new Map(), broken: false }
        caches.set(client, cache)
      }
      const own = cache
      const query = (textOrCursor: unknown, values?: ReadonlyArray<unknown>) => {
        if (typeof textOrCursor !== 'string' || !DATA_STATEMENT.test(textOrCursor))
          return (client.query as (a: unknown, b?: unknown) => unknown)(textOrCursor, values && [...values])
        const text = textOrCursor
        let name = own.named.get(text)
        if (!name && own.seen.has(text) && own.named.size < limit) {
          name = statementName(text)
          own.named.set(text, name)
          own.seen.delete(text)
        } else if (!name && own.seen.size < limit * 4) own.seen.add(text)
        const sent = name
          ? client.query({ name, text, values: values ? [...values] : [] })
          : client.query(text, values ? [...values] : [])
        return sent.catch((err: unknown) => {
          if (name && isStalePlan(err)) own.broken = true
          throw err
        })
      }
      return {
        query: query as PostgresPoolClient['query'],
        release: () => client.release(own.broken ? true : undefined),
      }
    },
  }
}

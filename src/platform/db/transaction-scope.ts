/**
 * Knows, per async call chain, whether code is running inside a Haven transaction. Using the outer
 * database handle there would deadlock on PGlite (the transaction holds its only connection) and
 * silently escape the transaction on PostgreSQL, so both drivers refuse it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const scope = new AsyncLocalStorage<{ depth: number }>()

export function runInTransactionScope<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run({ depth: (scope.getStore()?.depth ?? 0) + 1 }, fn)
}

export class OuterHandleInTransactionError extends Error {
  constructor() {
    super(
      'The outer database handle was used inside a transaction. Use the transaction (trx) you were given, ' +
        'or move this work outside the transaction.',
    )
    this.name = 'OuterHandleInTransactionError'
  }
}

export function assertNotInTransaction(): void {
  if (scope.getStore()) throw new OuterHandleInTransactionError()
}

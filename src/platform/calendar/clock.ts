/**
 * The time, as services see it. Services take a Clock in their dependencies instead of calling
 * `new Date()`, so tests fix the time and assert literal due times; the server passes the system
 * clock. Database defaults (`now()`) are for audit columns only, never for a statutory time.
 */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock for tests and scripts: stands still at `at` until set or advanced. */
export interface FixedClock extends Clock {
  set(at: Date | string): void
  advance(milliseconds: number): void
}

export function fixedClock(at: Date | string): FixedClock {
  let current = new Date(at)
  if (Number.isNaN(current.getTime())) throw new Error(`fixedClock: not a time: ${String(at)}`)
  return {
    now: () => new Date(current),
    set(next) {
      const parsed = new Date(next)
      if (Number.isNaN(parsed.getTime())) throw new Error(`fixedClock: not a time: ${String(next)}`)
      current = parsed
    },
    advance(milliseconds) {
      current = new Date(current.getTime() + milliseconds)
    },
  }
}

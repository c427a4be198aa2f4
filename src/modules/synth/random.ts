/**
 * A small seeded random number generator for the synthetic authority: the same seed gives
 * the same numbers on any machine and any Node version, because everything is 32-bit integer
 * arithmetic (Math.imul, >>>) and nothing reads the clock or Math.random.
 *
 * Streams are named: `streamFor(seed, 'child', 42)` is child 42's own generator, so one child's
 * record does not depend on how many numbers the children before it used. That is what lets the
 * generator stream 700,000 children and still give child 42 the same life every time.
 */
import type { IsoDate } from '../../platform/calendar/working-days.js'
import { dayText, toDayNumber } from './dates.js'

/** A 32-bit hash of text (FNV-1a, then mixed), for turning seeds and stream names into state. */
export function hashText(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return mix32(h)
}

/** The splitmix32 finaliser: spreads the bits of a 32-bit number. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

export interface Weighted<T> {
  readonly items: readonly T[]
  /** Cumulative weights, the last one the total. */
  readonly cumulative: readonly number[]
}

/** Prepare a weighted list once (at module level), so each pick is a short search. */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  const items: T[] = []
  const cumulative: number[] = []
  let total = 0
  for (const [item, weight] of pairs) {
    if (!(weight > 0)) continue
    total += weight
    items.push(item)
    cumulative.push(total)
  }
  if (items.length === 0) throw new RangeError('A weighted list needs at least one positive weight')
  return { items, cumulative }
}

/** xoshiro128** over four 32-bit words: fast, small, and good enough for synthetic data. */
export class Random {
  #a: number
  #b: number
  #c: number
  #d: number

  constructor(seed: number) {
    // Fill the state with splitmix32 so that nearby seeds give unrelated streams.
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0
      return mix32(s)
    }
    this.#a = next()
    this.#b = next()
    this.#c = next()
    this.#d = next()
    if ((this.#a | this.#b | this.#c | this.#d) === 0) this.#a = 1
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9) >>> 0
    const t = this.#b << 9
    this.#c ^= this.#a
    this.#d ^= this.#b
    this.#b ^= this.#c
    this.#a ^= this.#d
    this.#c ^= t
    this.#d = rotl(this.#d, 11)
    return result
  }

  /** A number in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max is below min`)
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** One item of a weighted list. */
  weighted<T>(list: Weighted<T>): T {
    const total = list.cumulative[list.cumulative.length - 1] as number
    const x = this.next() * total
    // Lists are short (tens of items): a linear scan beats a binary search here.
    for (let i = 0; i < list.cumulative.length; i++) {
      if (x < (list.cumulative[i] as number)) return list.items[i] as T
    }
    return list.items[list.items.length - 1] as T
  }

  /** `count` different items of a weighted list (fewer if the list is shorter). */
  distinct<T>(list: Weighted<T>, count: number): T[] {
    const chosen: T[] = []
    for (let tries = 0; chosen.length < count && tries < count * 20; tries++) {
      const item = this.weighted(list)
      if (!chosen.includes(item)) chosen.push(item)
    }
    return chosen
  }

  /** A roughly normal number (sum of four uniforms), clamped to [min, max]. */
  normal(mean: number, sd: number, min = -Infinity, max = Infinity): number {
    // Irwin-Hall with n = 4 has variance 1/3; scale to sd. Deterministic and cheap.
    const z = (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3)
    return Math.min(max, Math.max(min, mean + z * sd))
  }

  /** A positive, right-skewed number with the given median (durations: most short, some long). */
  skewed(median: number, spread = 0.6): number {
    return median * Math.exp(this.normal(0, spread))
  }

  /** A day from `start` to `end`, both included. */
  dateBetween(start: IsoDate, end: IsoDate): IsoDate {
    return dayText(this.int(toDayNumber(start), toDayNumber(end)))
  }

  /** Digits as text, e.g. `digits(4)` → '0731'. */
  digits(count: number): string {
    let s = ''
    for (let i = 0; i < count; i++) s += String(this.int(0, 9))
    return s
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/** The generator for one named stream of a seed: `streamFor('demo', 'child', 12)`. */
export function streamFor(seed: string | number, ...path: (string | number)[]): Random {
  let h = hashText(String(seed))
  for (const part of path) h = hashText(`/${String(part)}`, h)
  return new Random(h)
}

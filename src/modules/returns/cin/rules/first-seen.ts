/**
 * The first child seen with each key (an LA child ID, a UPN), for the rules that report every
 * child sharing a key with another. Such a rule holds an entry for every child of the return,
 * so an entry is a number in a map and two in typed arrays rather than an object: on an
 * England-sized census that is a hundred megabytes less held to the end.
 */
import type { CinChild } from '../model.js'

/** Where the first child with a key was, to report it alongside the second. */
export interface FirstChild {
  childId: string | null
  row: number
  line?: number
}

export class FirstSeen<Key> {
  /** Key → slot; the slot's bitwise complement once the first child has been reported. */
  readonly #slots = new Map<Key, number>()
  #rows = new Float64Array(1024)
  /** -1 when the child has no line. */
  #lines = new Float64Array(1024)
  readonly #ids: (string | null)[] = []
  #size = 0

  /**
   * Remember `child` under `key` if the key is new (undefined). Otherwise the key is shared:
   * the first child's place the first time (report both), null after (report this one).
   */
  see(key: Key, child: CinChild): FirstChild | null | undefined {
    const slot = this.#slots.get(key)
    if (slot === undefined) {
      this.#remember(key, child)
      return undefined
    }
    if (slot < 0) return null
    this.#slots.set(key, ~slot)
    const first: FirstChild = { childId: this.#ids[slot] ?? null, row: this.#rows[slot] as number }
    const line = this.#lines[slot] as number
    if (line >= 0) first.line = line
    return first
  }

  #remember(key: Key, child: CinChild): void {
    const slot = this.#size++
    if (slot === this.#rows.length) {
      const rows = new Float64Array(slot * 2)
      rows.set(this.#rows)
      this.#rows = rows
      const lines = new Float64Array(slot * 2)
      lines.set(this.#lines)
      this.#lines = lines
    }
    this.#rows[slot] = child.row
    this.#lines[slot] = child.line ?? -1
    this.#ids.push(child.LAchildID)
    this.#slots.set(key, slot)
  }
}

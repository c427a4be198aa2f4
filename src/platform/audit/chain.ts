/**
 * The audit hash chain, as pure functions. Each seal links one audit event into the chain:
 * hash = HMAC-SHA256(key, previous hash + '\n' + the event's canonical text). Walking the seals
 * in order and recomputing each hash shows any event that was altered, removed or re-ordered.
 * Without the key nobody can forge a seal, not even someone who can write to the database.
 */
import { createHmac } from 'node:crypto'

/** The "previous hash" of the first seal. */
export const GENESIS_HASH = '0'.repeat(64)

export function chainHash(key: string, prevHash: string, rowText: string): string {
  return createHmac('sha256', key).update(`${prevHash}\n${rowText}`, 'utf8').digest('hex')
}

/** One seal as read for verification, beside the text of the event it seals. */
export interface SealedEvent {
  seq: number
  eventId: number
  prevHash: string
  hash: string
  /** The event's canonical text now, or null when the event row is gone. */
  rowText: string | null
}

export interface ChainProblem {
  seq: number | null
  eventId: number | null
  problem: string
}

/** The last seal walked: where the next one must link on. */
export interface ChainPosition {
  seq: number
  eventId: number
  hash: string
}

export const CHAIN_START: ChainPosition = { seq: 0, eventId: 0, hash: GENESIS_HASH }

/**
 * Checks seals given in seq order, continuing from `from` (so a long chain can be walked a page
 * at a time). The sealer seals events in id order, so event ids must rise with seq. Each problem
 * is reported once: after a gap the next seal's link is not reported as well, and the walk
 * carries on from each seal's stored hash so one bad event does not taint every later one.
 */
export function walkChain(
  key: string,
  from: ChainPosition,
  seals: readonly SealedEvent[],
): { problems: ChainProblem[]; at: ChainPosition } {
  const problems: ChainProblem[] = []
  let at = from
  for (const seal of seals) {
    const report = (problem: string, seq = seal.seq) => problems.push({ seq, eventId: seal.eventId, problem })
    if (seal.seq !== at.seq + 1) {
      const missing = seal.seq - at.seq - 1
      problems.push({
        seq: at.seq + 1,
        eventId: null,
        problem:
          missing === 1
            ? `seal ${at.seq + 1} is missing: the chain jumps from seal ${at.seq} to seal ${seal.seq}`
            : `seals ${at.seq + 1} to ${seal.seq - 1} are missing: the chain jumps from seal ${at.seq} to seal ${seal.seq}`,
      })
    } else if (seal.prevHash !== at.hash) {
      report(`seal ${seal.seq} does not follow seal ${at.seq}: the seals have been re-ordered or replaced`)
    }
    if (seal.eventId <= at.eventId) {
      report(`event ${seal.eventId} is sealed after event ${at.eventId}: the events have been re-ordered`)
    }
    if (seal.rowText === null) {
      report(`event ${seal.eventId} has been removed: its seal remains`)
    } else if (chainHash(key, seal.prevHash, seal.rowText) !== seal.hash) {
      report(`event ${seal.eventId} does not match its seal: it has been altered (or the key is wrong)`)
    }
    at = { seq: seal.seq, eventId: seal.eventId, hash: seal.hash }
  }
  return { problems, at }
}

/** Links events (id and canonical text, in id order) onto the chain after `from`. */
export function sealEvents(
  key: string,
  from: ChainPosition,
  events: readonly { id: number; rowText: string }[],
): { seq: number; eventId: number; prevHash: string; hash: string }[] {
  let at = from
  return events.map((e) => {
    const hash = chainHash(key, at.hash, e.rowText)
    const seal = { seq: at.seq + 1, eventId: e.id, prevHash: at.hash, hash }
    at = { seq: seal.seq, eventId: e.id, hash }
    return seal
  })
}

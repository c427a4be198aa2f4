/**
 * Checkpoints of the audit chain kept outside the database. Someone who can rewrite the database
 * (its owner, a superuser, a restored backup) can cut off the newest events with their seals, and
 * what is left still verifies: the chain alone cannot tell its end was removed. So after each
 * seal transaction commits, the sealer appends the chain's new end to a file the database cannot
 * touch, one JSON line each: `{"seq":…,"eventId":…,"hash":"…","at":"…"}`. `haven audit verify`
 * holds the chain to the last of them.
 *
 * The append follows the commit, so a process that dies between the two leaves the chain longer
 * than its last checkpoint, which is fine; a chain shorter than it, or a different hash at its
 * seal, is tampering. For a server, put the file on write-once or append-only storage, or have a
 * log shipper send it to syslog or the SIEM as it grows (docs/adr/0004-audit-two-database-roles.md).
 */
import fs from 'node:fs'
import path from 'node:path'

export interface AuditCheckpoint {
  seq: number
  eventId: number
  hash: string
  /** When it was written, in UTC. */
  at: string
}

export function checkpointLine(checkpoint: AuditCheckpoint): string {
  const { seq, eventId, hash, at } = checkpoint
  return `${JSON.stringify({ seq, eventId, hash, at })}\n`
}

/** Appends one checkpoint, creating the file (and its folder) when there is none. */
export function appendCheckpoint(
  file: string,
  head: { seq: number; eventId: number; hash: string },
  now: Date = new Date(),
): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // 'a+': every write goes to the end, whoever else is appending; reading is allowed too.
  const fd = fs.openSync(file, 'a+', 0o640)
  try {
    // A line torn by a crash must not swallow the next one: start afresh after it.
    const size = fs.fstatSync(fd).size
    const last = Buffer.alloc(1)
    const torn = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a
    fs.writeSync(fd, `${torn ? '\n' : ''}${checkpointLine({ ...head, at: now.toISOString() })}`)
  } finally {
    fs.closeSync(fd)
  }
}

export type CheckpointRead =
  | { state: 'found'; checkpoint: AuditCheckpoint }
  | { state: 'missing' }
  | { state: 'empty' }
  | { state: 'unreadable'; reason: string }

/** How much of the end of the file is read: checkpoints are appended, so the latest are there. */
const TAIL_BYTES = 64 * 1024

/**
 * The latest checkpoint in the file: the highest seal among the last lines, the later line of
 * two for the same seal (two sealers may append out of order; lines that do not parse, such as
 * one torn by a crash, are passed over). Earlier checkpoints need no check of their own: the
 * chain's links already tie every earlier seal to this one, for anyone without the key.
 * Never throws for a missing or unreadable file: it says which.
 */
export function readLastCheckpoint(file: string): CheckpointRead {
  let text: string
  try {
    const fd = fs.openSync(file, 'r')
    try {
      const size = fs.fstatSync(fd).size
      const start = Math.max(0, size - TAIL_BYTES)
      const buffer = Buffer.alloc(size - start)
      fs.readSync(fd, buffer, 0, buffer.length, start)
      text = buffer.toString('utf8')
      // Reading from the middle of the file: the first line may be cut, so drop it.
      if (start > 0) text = text.slice(text.indexOf('\n') + 1)
    } finally {
      fs.closeSync(fd)
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'ENOENT') return { state: 'missing' }
    return { state: 'unreadable', reason: e.code ? `${e.code}: ${e.message}` : String(err) }
  }
  let best: AuditCheckpoint | null = null
  for (const line of text.split('\n')) {
    const checkpoint = parseCheckpointLine(line)
    if (checkpoint && (!best || checkpoint.seq >= best.seq)) best = checkpoint
  }
  return best ? { state: 'found', checkpoint: best } : { state: 'empty' }
}

export function parseCheckpointLine(line: string): AuditCheckpoint | null {
  if (!line.trim()) return null
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { seq, eventId, hash, at } = value as Record<string, unknown>
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return null
  if (typeof eventId !== 'number' || !Number.isInteger(eventId)) return null
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null
  if (typeof at !== 'string') return null
  return { seq, eventId, hash, at }
}

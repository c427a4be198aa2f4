/**
 * Where documents' files are kept, and the checks a file passes before it is: its type by name and
 * by contents (types.ts), its SHA-256, and the virus scan when one is configured. A file that
 * passes is moved from the upload's incoming folder to an opaque name (a random id, never the
 * sender's name) under the configured folder; one that fails is removed at once, so nothing
 * refused is left on disk. The module that owns the document records the name, the digest and the
 * scan in its own table and audits both outcomes.
 *
 * Receiving the upload itself is the platform's one mechanism (http/uploads.ts, ADR 14): this file
 * adds the virus-scan step between receiving and keeping that the ADR leaves to attachments.
 */
import { execFile } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Config } from '../config.js'
import {
  checkContent,
  FILE_TYPES,
  HEAD_BYTES,
  refuseByName,
  TAIL_BYTES,
  typeByName,
  type DocumentFileType,
} from './types.js'

export type DocumentSettings = Config['documents']

/** A file kept: what its row records. */
export interface KeptFile {
  ok: true
  /** Its opaque name under the documents folder (`ab/<uuid>`). */
  storedName: string
  sha256: string
  bytes: number
  type: DocumentFileType
  mediaType: string
  /** Whether the configured scanner passed it; false when no scanner is configured. */
  scanned: boolean
}

/** A file refused: removed already. */
export interface RefusedFile {
  ok: false
  reason: 'type' | 'infected' | 'scan_failed'
  /** For the page, in GOV.UK's words. */
  message: string
  /** For the audit row and the log (the scanner's own words, never shown). */
  detail?: string
}

/** The largest file taken, in bytes, and its limit in words for messages. */
export function sizeLimit(settings: DocumentSettings) {
  return { maxFileBytes: settings.maxMegabytes * 1024 * 1024, sizeText: `${settings.maxMegabytes} MB` }
}

/** A fresh folder for one post's files before they are checked (removed whatever happens). */
export function incomingFolder(settings: DocumentSettings, requestId: string): string {
  return join(settings.dir, 'incoming', requestId.replace(/[^A-Za-z0-9-]/g, '') || 'request')
}

/** Why a file of this name is not taken, for `receiveUpload`: before a byte of it is written. */
export const refuseDocumentName = refuseByName

const STORED = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Where a kept file is, from its stored name (refused unless it is one Haven made). */
export function storedPath(settings: DocumentSettings, storedName: string): string {
  if (!STORED.test(storedName)) throw new Error(`Not a stored document name: ${storedName}`)
  return join(settings.dir, 'store', storedName)
}

/**
 * A kept file's bytes, streamed, once it is known to be there with the size recorded: a file gone
 * from the folder (or changed) fails here, before a download's headers are sent, not halfway.
 */
export async function openStoredFile(settings: DocumentSettings, storedName: string, bytes: number) {
  const path = storedPath(settings, storedName)
  const found = await stat(path)
  if (found.size !== bytes)
    throw new Error(`The stored document ${storedName} is ${found.size} bytes, not the ${bytes} recorded`)
  return createReadStream(path)
}

/** Removes a kept file (its row was not written after all). */
export async function removeStoredFile(settings: DocumentSettings, storedName: string): Promise<void> {
  await rm(storedPath(settings, storedName), { force: true })
}

async function sample(path: string, size: number, whole: boolean): Promise<{ head: Buffer; tail: Buffer }> {
  if (whole || size <= TAIL_BYTES) {
    const all = await readFile(path)
    return { head: all, tail: all }
  }
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(HEAD_BYTES)
    const tail = Buffer.alloc(TAIL_BYTES)
    const h = await handle.read(head, 0, HEAD_BYTES, 0)
    const t = await handle.read(tail, 0, TAIL_BYTES, size - TAIL_BYTES)
    return { head: head.subarray(0, h.bytesRead), tail: tail.subarray(0, t.bytesRead) }
  } finally {
    await handle.close()
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export type ScanResult = { outcome: 'clean' } | { outcome: 'infected' | 'failed'; detail: string }

/** How long a scan may take before it counts as failed. */
const SCAN_TIMEOUT_MS = 120_000

/**
 * Runs the configured scanner on a file: its words, then the file's path, with no shell. Exit 0 is
 * clean and 1 infected (clamdscan's and clamscan's convention); anything else, a scanner that
 * cannot be started or one that takes too long, is a failed scan.
 */
export function scanFile(command: readonly string[], path: string): Promise<ScanResult> {
  const [program, ...args] = command
  if (!program) return Promise.resolve({ outcome: 'failed', detail: 'no scanner command' })
  return new Promise((resolve) => {
    execFile(
      program,
      [...args, path],
      { timeout: SCAN_TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ outcome: 'clean' })
        const said = `${String(stdout)} ${String(stderr)}`.trim().slice(0, 500)
        const code = (err as { code?: unknown }).code
        if (code === 1) return resolve({ outcome: 'infected', detail: said || 'exit 1' })
        resolve({
          outcome: 'failed',
          detail: `${typeof code === 'number' ? `exit ${code}` : String(code ?? err.message)}${said ? `: ${said}` : ''}`,
        })
      },
    )
  })
}

/**
 * Checks a received file and keeps it, or removes it and says why. The checks, in order: its
 * name's type, its contents against that type, the virus scan (when configured). A file kept is
 * moved under an opaque name with its SHA-256 worked out; the caller records it, and removes it
 * again (`removeStoredFile`) if its record cannot be written.
 */
export async function checkAndKeep(
  settings: DocumentSettings,
  file: { path: string; name: string },
  scanner: (command: readonly string[], path: string) => Promise<ScanResult> = scanFile,
): Promise<KeptFile | RefusedFile> {
  const refuse = async (r: Omit<RefusedFile, 'ok'>): Promise<RefusedFile> => {
    await rm(file.path, { force: true })
    return { ok: false, ...r }
  }
  try {
    const type = typeByName(file.name)
    if (type === null) return await refuse({ reason: 'type', message: refuseByName(file.name) as string })
    const { size } = await stat(file.path)
    const { head, tail } = await sample(file.path, size, type === 'txt')
    const wrong = checkContent(type, head, tail, file.name)
    if (wrong) return await refuse({ reason: 'type', message: wrong })
    let scanned = false
    if (settings.scanCommand) {
      const scan = await scanner(settings.scanCommand, file.path)
      if (scan.outcome === 'infected')
        return await refuse({
          reason: 'infected',
          message: `${file.name} contains a virus. It has been deleted and not kept`,
          detail: scan.detail,
        })
      if (scan.outcome === 'failed')
        return await refuse({
          reason: 'scan_failed',
          message: `${file.name} could not be checked for viruses, so it has not been kept. Try again later, or ask your IT service desk`,
          detail: scan.detail,
        })
      scanned = true
    }
    const sha256 = await sha256Of(file.path)
    const id = randomUUID()
    const storedName = `${id.slice(0, 2)}/${id}`
    const to = storedPath(settings, storedName)
    await mkdir(dirname(to), { recursive: true, mode: 0o700 })
    await rename(file.path, to)
    return { ok: true, storedName, sha256, bytes: size, type, mediaType: FILE_TYPES[type].mediaType, scanned }
  } catch (err) {
    await rm(file.path, { force: true })
    throw err
  }
}

/**
 * Checks uploaded returns in the background, one at a time, so a large return never holds up a
 * page and two never compete for memory.
 *
 * Each check streams its findings to a file in the upload's folder (memory does not grow with
 * them), then writes them, the summary and the outcome in one transaction. A process stopped
 * mid-check (even killed) leaves the upload "checking" with nothing written; the next start puts
 * it back to waiting and checks it again. The same loop deletes uploads whose retention period has
 * ended, at start and every hour.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Logger } from '../../../platform/logging.js'
import type { UploadedReturnFile } from '../../../platform/db/schema.js'
import type { Finding, FindingSink, ValidationSummary } from '../engine.js'
import {
  claimNextUpload,
  finishUpload,
  findingRow,
  insertFindings,
  stillClaimed,
  recordProgress,
  requeueInterrupted,
  type NewFinding,
  type Outcome,
} from './store.js'
import { deleteExpiredUploads, uploadFolder, type ReturnsDeps } from './service.js'

/** Read problems kept in the summary; the rest are counted. */
const READ_PROBLEMS_KEPT = 500
/** How often progress is written while a check runs. */
const PROGRESS_EVERY_MS = 1_000
const INSERT_BATCH = 500
const RETENTION_EVERY_MS = 60 * 60 * 1000

class CheckStopped extends Error {}

/** Findings appended to a file as they are found, one JSON line each. */
class FindingSpill implements FindingSink {
  readonly path: string
  #fd: number | null
  #buffer = ''
  count = 0
  constructor(path: string) {
    this.path = path
    this.#fd = openSync(path, 'w', 0o600)
  }
  add(f: Finding): void {
    this.#buffer += JSON.stringify(f) + '\n'
    this.count++
    if (this.#buffer.length > 1 << 20) this.flush()
  }
  flush(): void {
    if (this.#fd === null) throw new Error('The findings file is closed')
    if (this.#buffer) writeSync(this.#fd, this.#buffer)
    this.#buffer = ''
  }
  /** Writes what is buffered and closes the file; again does nothing. */
  close(): void {
    if (this.#fd === null) return
    this.flush()
    closeSync(this.#fd)
    this.#fd = null
  }
}

async function* spilled(path: string): AsyncGenerator<Finding> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
  for await (const line of lines) if (line) yield JSON.parse(line) as Finding
}

/** The words a person knows a file by, in place of where Haven keeps it. */
function named(text: string, folder: string, files: readonly UploadedReturnFile[]): string {
  let out = text
  for (const f of files) out = out.split(join(folder, f.stored)).join(f.name).split(f.stored).join(f.name)
  return out.split(folder).join('the upload')
}

function storedSummary(summary: ValidationSummary, folder: string, files: readonly UploadedReturnFile[]) {
  const problems = summary.readProblems.map((p) => ({ ...p, file: named(p.file, folder, files) }))
  return {
    ...summary,
    readProblems: problems.slice(0, READ_PROBLEMS_KEPT),
    readProblemsNotShown: Math.max(0, problems.length - READ_PROBLEMS_KEPT),
  }
}

async function validate(
  deps: ReturnsDeps,
  upload: { return_kind: string; collection_year: string },
  folder: string,
  files: readonly UploadedReturnFile[],
  sink: FindingSink,
  onProgress: (children: number) => void,
): Promise<ValidationSummary> {
  const paths = (year: 'current' | 'previous') =>
    files.filter((f) => f.year === year).map((f) => join(folder, f.stored))
  if (upload.return_kind === 'cin') {
    const { streamCinFile } = await import('../cin/validate.js')
    return streamCinFile(paths('current')[0] ?? '', upload.collection_year, sink, { onProgress })
  }
  const { streamSsda903Files } = await import('../ssda903/validate.js')
  const { postcodeLookup, providerLookup } = await import('../ssda903/postcode-store.js')
  const previous = paths('previous')
  return streamSsda903Files(
    { files: paths('current'), ...(previous.length ? { previous } : {}) },
    upload.collection_year,
    sink,
    {
      laCode: deps.config.returns.authorityOnsCode,
      postcodes: postcodeLookup(deps.db),
      providers: providerLookup(deps.db),
      onProgress,
    },
  )
}

/** Whether an error says the return itself cannot be read (rather than Haven failing). */
async function unreadable(err: unknown): Promise<boolean> {
  const { CinReadError } = await import('../cin/xml-read.js')
  const { Ssda903InputError } = await import('../ssda903/validate.js')
  return err instanceof CinReadError || err instanceof Ssda903InputError
}

export class UploadChecker {
  readonly #deps: ReturnsDeps
  readonly #log: Pick<Logger, 'error' | 'info'>
  #running: Promise<void> | null = null
  #again = false
  #stopped = false
  #timer: NodeJS.Timeout | undefined

  constructor(deps: ReturnsDeps, log: Pick<Logger, 'error' | 'info'>) {
    this.#deps = deps
    this.#log = log
  }

  /** Puts back checks a stopped process left, deletes what has expired, and starts checking. */
  async start(): Promise<void> {
    await requeueInterrupted(this.#deps.db)
    await this.#deleteExpired()
    this.#timer = setInterval(() => void this.#deleteExpired(), RETENTION_EVERY_MS)
    this.#timer.unref()
    this.wake()
  }

  /** Something was uploaded: check everything waiting. */
  wake(): void {
    if (this.#stopped) return
    if (this.#running) {
      this.#again = true
      return
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null
      if (this.#again) {
        this.#again = false
        this.wake()
      }
    })
  }

  /** Resolves once nothing is waiting (for tests and the command line). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running
  }

  /** Stops after the check in hand gives up at its next progress point; it is re-checked next start. */
  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#running?.catch(() => undefined)
  }

  async #deleteExpired(): Promise<void> {
    try {
      const n = await deleteExpiredUploads(this.#deps)
      if (n) this.#log.info(`deleted ${n} uploaded returns at the end of their retention period`)
    } catch (err) {
      this.#log.error({ err }, 'deleting expired uploaded returns failed')
    }
  }

  async #drain(): Promise<void> {
    while (!this.#stopped) {
      const claim = randomUUID()
      const upload = await claimNextUpload(this.#deps.db, this.#deps.clock.now(), claim)
      if (!upload) return
      try {
        await this.#check(upload, claim)
      } catch (err) {
        if (err instanceof CheckStopped) return
        this.#log.error({ err, upload: upload.id }, 'checking an uploaded return failed')
        await finishUpload(this.#deps.db, upload.id, claim, {
          status: 'failed',
          at: this.#deps.clock.now(),
          children: 0,
          summary: null,
          problem:
            'Haven could not finish checking this return. Try uploading it again; if it fails again, tell the system administrator.',
        }).catch(() => undefined)
      }
    }
  }

  async #check(
    upload: { id: number; return_kind: string; collection_year: string; files: UploadedReturnFile[] },
    claim: string,
  ) {
    const deps = this.#deps
    const folder = uploadFolder(deps.config, upload.id)
    const spill = new FindingSpill(join(folder, 'findings.jsonl'))
    let last = 0
    const onProgress = (children: number) => {
      if (this.#stopped) throw new CheckStopped()
      const now = Date.now()
      if (now - last < PROGRESS_EVERY_MS) return
      last = now
      void recordProgress(deps.db, upload.id, children).catch(() => undefined)
    }
    try {
      let outcome: Outcome
      try {
        const summary = await validate(deps, upload, folder, upload.files, spill, onProgress)
        spill.close()
        outcome = {
          status: 'checked',
          at: deps.clock.now(),
          children: summary.children,
          summary: storedSummary(summary, folder, upload.files),
          problem: null,
        }
      } catch (err) {
        if (!(await unreadable(err))) throw err
        spill.close()
        outcome = {
          status: 'unreadable',
          at: deps.clock.now(),
          children: 0,
          summary: null,
          problem: named((err as Error).message, folder, upload.files),
        }
      }
      await deps.db.transaction().execute(async (trx) => {
        // Deleted while it was being checked, or taken over by another server: nothing is written.
        if (!(await stillClaimed(trx, upload.id, claim))) return
        if (outcome.status === 'checked') {
          let batch: NewFinding[] = []
          let seq = 0
          for await (const f of spilled(spill.path)) {
            batch.push(findingRow(upload.id, ++seq, f))
            if (batch.length === INSERT_BATCH) {
              await insertFindings(trx, batch)
              batch = []
            }
          }
          await insertFindings(trx, batch)
        }
        await finishUpload(trx, upload.id, claim, outcome)
      })
    } finally {
      spill.close()
      rmSync(spill.path, { force: true })
    }
  }
}

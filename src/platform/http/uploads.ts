/**
 * Files sent from a form (`multipart/form-data`): one way for every page that takes them.
 *
 * A route takes files by declaring `upload` in its config (how large a file and how many); only
 * such a route accepts a multipart body (the edge refuses it elsewhere). The form's first field
 * must be the CSRF token: the platform's CSRF check reads it before any file (`uploadToken`), so
 * a forged post never writes a byte, and leaves the rest of the body to the handler.
 * `receiveUpload` then streams each file to disk under its size limit (a file is never held in
 * memory) and gives back the form's other answers, the files kept and what was wrong with the
 * others, in GOV.UK's words. Whatever is still in that folder when the answer goes back is removed
 * before it is sent (a handler keeps files by moving them out), so a refused or failed post leaves
 * nothing on disk, and nothing is being deleted after the user has their answer.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import multipart, { type Multipart } from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { LONG_ANSWER_MAX, type KeptAnswers } from './form.js'

export const MULTIPART = 'multipart/form-data'

export interface UploadLimits {
  /** The largest file taken, in bytes. */
  maxFileBytes: number
  /** The most files one post may carry. */
  maxFiles: number
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes files from its form (a multipart body), within these limits. */
    upload?: UploadLimits
  }
  interface FastifyRequest {
    /** The parts after the CSRF token, once the platform has checked it (upload routes). */
    uploadParts?: AsyncIterator<Multipart>
    /** The folder `receiveUpload` wrote this post's files to, removed before the answer is sent. */
    uploadFolder?: string
  }
}

/** Registers the multipart parser: small limits on everything but files, which routes set. */
export async function uploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fieldNameSize: 100, fieldSize: LONG_ANSWER_MAX * 4, fields: 50, headerPairs: 100, parts: 250 },
  })
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.uploadFolder) await rm(request.uploadFolder, { recursive: true, force: true })
    return payload
  })
}

/** Drops a part the handler will not keep, so the body goes on streaming. */
function skip(part: Multipart): void {
  if (part.type === 'file') part.file.resume()
}

/**
 * The CSRF token an upload carries as its first part, or undefined when its first part is anything
 * else. Whatever follows is kept for `receiveUpload`.
 */
export async function uploadToken(request: FastifyRequest): Promise<string | undefined> {
  const limits = request.routeOptions.config.upload
  if (!limits || !request.isMultipart()) return undefined
  // One more file than allowed, so that too many is noticed rather than cut short silently.
  const parts = request.parts({ limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles + 1 } })
  const iterator = parts[Symbol.asyncIterator]()
  request.uploadParts = iterator
  const first = await iterator.next()
  if (first.done) return undefined
  const part = first.value
  if (part.type === 'field' && part.fieldname === '_csrf' && typeof part.value === 'string') return part.value
  skip(part)
  return undefined
}

/** A file kept on disk. */
export interface ReceivedFile {
  /** The form field it came in. */
  field: string
  /** Its name on the sender's computer, as shown to people (never used as a path). */
  name: string
  /** Where it was written. */
  path: string
  /** Its name there (`file-001.csv`). */
  stored: string
  bytes: number
}

export interface ReceivedUpload {
  answers: KeptAnswers
  files: ReceivedFile[]
  /** A message per field whose file was refused (too large, not a type taken, too many). */
  refused: Record<string, string>
}

export interface ReceiveOptions {
  /** The folder the files are written to; made if missing. */
  dir: string
  /** Why a file of this name is not taken (GOV.UK's wording), or null to take it. */
  refuseName(name: string): string | null
  /** Words for the size limit in messages ("200 MB"). */
  sizeText: string
}

/**
 * The name a file is written under: its place in the post and its extension (readers go by it),
 * so nothing else of the sender's name reaches a path.
 */
export function storedName(index: number, sentName: string): string {
  const extension = /\.[A-Za-z0-9]{1,5}$/.exec(sentName)?.[0].toLowerCase() ?? ''
  return `file-${String(index).padStart(3, '0')}${extension}`
}

/**
 * Reads the rest of an upload route's body: its answers, and its files written to `dir` (removed
 * with whatever the handler left in it before the answer is sent). A file
 * too large, of a type not taken, or beyond the route's number is not kept, and said so on its
 * field. An empty file input (nothing chosen) sends nothing.
 */
export async function receiveUpload(
  request: FastifyRequest,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  const limits = request.routeOptions.config.upload
  const parts = request.uploadParts
  if (!limits || !parts) throw new Error('receiveUpload: the route does not take files')
  const answers: KeptAnswers = {}
  const files: ReceivedFile[] = []
  const refused: Record<string, string> = {}
  request.uploadFolder = options.dir
  await mkdir(options.dir, { recursive: true })
  const keep = (name: string, value: string) => {
    const had = answers[name]
    answers[name] = had === undefined ? value : [...[had].flat(), value]
  }
  try {
    for (;;) {
      const next = await parts.next()
      if (next.done) break
      const part = next.value
      if (part.type === 'field') {
        if (typeof part.value === 'string' && part.fieldname !== '_csrf') keep(part.fieldname, part.value)
        continue
      }
      if (!part.filename) {
        skip(part)
        continue
      }
      const why =
        files.length >= limits.maxFiles
          ? `Select no more than ${limits.maxFiles} files`
          : options.refuseName(part.filename)
      if (why) {
        refused[part.fieldname] ??= why
        skip(part)
        continue
      }
      const path = join(options.dir, storedName(files.length + 1, part.filename))
      await pipeline(part.file, createWriteStream(path, { mode: 0o600 }))
      if (part.file.truncated) {
        await rm(path, { force: true })
        refused[part.fieldname] ??= `${part.filename} must be smaller than ${options.sizeText}`
        continue
      }
      const bytes = part.file.bytesRead
      if (bytes === 0) {
        await rm(path, { force: true })
        refused[part.fieldname] ??= `${part.filename} is empty`
        continue
      }
      files.push({ field: part.fieldname, name: part.filename, path, stored: basename(path), bytes })
    }
  } catch (err) {
    if (!(err instanceof Error) || !/limit/i.test(err.message)) throw err
    // Busboy's own limits (a file beyond the number allowed): the post is refused whole.
    refused.files ??= `Select no more than ${limits.maxFiles} files`
  }
  return { answers, files, refused }
}

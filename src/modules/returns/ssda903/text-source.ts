/**
 * A file's text, decoded as it streams in. LA systems and Excel write UTF-8 with or without a
 * byte-order mark, and now and then UTF-16 ("Unicode text"): the mark says which. A file that
 * is not text at all (a spreadsheet saved as .xlsx and renamed, a zip) is refused at once with
 * a message rather than read as garbage.
 */
import { createReadStream } from 'node:fs'
import { TextDecoder } from 'node:util'

export class NotTextError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotTextError'
  }
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be'

export function sniffEncoding(start: Uint8Array): Encoding {
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf-16le'
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be'
  return 'utf-8'
}

/** Decode chunks of bytes to text; throws NotTextError on bytes that are not text. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined
  let encoding: Encoding = 'utf-8'
  let offset = 0
  for await (const chunk of chunks) {
    if (!decoder) {
      encoding = sniffEncoding(chunk)
      decoder = new TextDecoder(encoding, { fatal: true })
      if (encoding === 'utf-8' && looksBinary(chunk))
        throw new NotTextError('this is not a text file (it looks like a spreadsheet or other binary file)')
    }
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      throw new NotTextError(
        `the file is not ${encoding.toUpperCase()} text (near byte ${offset}): save it as "CSV UTF-8" or UTF-8 XML`,
      )
    }
    offset += chunk.byteLength
    yield text
  }
  if (decoder) {
    let rest: string
    try {
      rest = decoder.decode()
    } catch {
      throw new NotTextError(
        `the file ends part-way through a character: it is not ${encoding.toUpperCase()} text`,
      )
    }
    yield rest
  }
}

// Zip-based formats (.xlsx) start with PK; UTF-8 text has no NUL bytes.
function looksBinary(start: Uint8Array): boolean {
  if (start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04) return true
  const n = Math.min(start.byteLength, 4096)
  for (let i = 0; i < n; i++) if (start[i] === 0) return true
  return false
}

export function decodeFile(path: string): AsyncGenerator<string> {
  return decodeChunks(createReadStream(path, { highWaterMark: 256 * 1024 }))
}

/** Text already in memory, as the same kind of stream (for tests and small inputs). */
export async function* textChunks(text: string): AsyncGenerator<string> {
  yield text
}

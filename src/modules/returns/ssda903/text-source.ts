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

/** What decoding noticed: bytes that were not valid in the file's encoding. */
export interface DecodeNotes {
  /** Characters read as U+FFFD because their bytes were not valid UTF-8 (or UTF-16). */
  replaced: number
}

/**
 * Decode chunks of bytes to text. Throws NotTextError for a binary file. Bytes that are not
 * valid text (a Windows-1252 "£" in a UTF-8 file) are read as U+FFFD and counted in `notes`,
 * so one stray byte does not cost the whole file; the reader reports the count.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  notes: DecodeNotes = { replaced: 0 },
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined
  for await (const chunk of chunks) {
    if (!decoder) {
      const encoding = sniffEncoding(chunk)
      decoder = new TextDecoder(encoding)
      if (encoding === 'utf-8' && looksBinary(chunk))
        throw new NotTextError('this is not a text file (it looks like a spreadsheet or other binary file)')
    }
    const text = decoder.decode(chunk, { stream: true })
    notes.replaced += countReplacements(text)
    yield text
  }
  if (decoder) {
    const rest = decoder.decode()
    notes.replaced += countReplacements(rest)
    yield rest
  }
}

function countReplacements(text: string): number {
  let n = 0
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++
  return n
}

/** The warning a reader gives when decoding replaced characters. */
export function replacementMessage(notes: DecodeNotes): string {
  return (
    `${notes.replaced} ${notes.replaced === 1 ? 'character was' : 'characters were'} not UTF-8 text and ` +
    'read as \uFFFD (save the file as "CSV UTF-8" or UTF-8 XML to keep them)'
  )
}

// Zip-based formats (.xlsx) start with PK; UTF-8 text has no NUL bytes.
function looksBinary(start: Uint8Array): boolean {
  if (start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04) return true
  const n = Math.min(start.byteLength, 4096)
  for (let i = 0; i < n; i++) if (start[i] === 0) return true
  return false
}

export function decodeFile(path: string, notes?: DecodeNotes): AsyncGenerator<string> {
  return decodeChunks(createReadStream(path, { highWaterMark: 256 * 1024 }), notes)
}

/** Text already in memory, as the same kind of stream (for tests and small inputs). */
export async function* textChunks(text: string): AsyncGenerator<string> {
  yield text
}

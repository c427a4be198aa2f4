/**
 * The kinds of file Haven keeps as documents, and how a file is known to be one: by its name's
 * extension AND by its contents (the first bytes, and for the Office and OpenDocument formats the
 * names inside the zip), so a program renamed `letter.pdf` is refused. Pure: the bytes are read by
 * storage.ts.
 *
 * Only formats a council's letters, reports, minutes, plans and photographs come in, which a
 * reader opens without running anything: no macro-enabled Office files, no HTML or SVG (which run
 * script in a browser), no archives (which hide what is inside from the scanner and the reader),
 * no executables.
 */

export type DocumentFileType = 'pdf' | 'docx' | 'xlsx' | 'odt' | 'jpeg' | 'png' | 'txt'

export interface FileTypeInfo {
  /** How pages name it. */
  label: string
  /** The endings a file of this type is named with, lower case, with the dot. */
  extensions: readonly string[]
  /** The Content-Type it is sent back with. */
  mediaType: string
}

export const FILE_TYPES: Readonly<Record<DocumentFileType, FileTypeInfo>> = {
  pdf: { label: 'PDF', extensions: ['.pdf'], mediaType: 'application/pdf' },
  docx: {
    label: 'Word document (DOCX)',
    extensions: ['.docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    label: 'Excel spreadsheet (XLSX)',
    extensions: ['.xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  odt: {
    label: 'OpenDocument text (ODT)',
    extensions: ['.odt'],
    mediaType: 'application/vnd.oasis.opendocument.text',
  },
  jpeg: { label: 'JPEG image', extensions: ['.jpg', '.jpeg'], mediaType: 'image/jpeg' },
  png: { label: 'PNG image', extensions: ['.png'], mediaType: 'image/png' },
  txt: { label: 'plain text', extensions: ['.txt'], mediaType: 'text/plain; charset=utf-8' },
}

/** The types taken, as a sentence ends: "a PDF, DOCX, XLSX, ODT, JPG, PNG or TXT file". */
export const TYPES_IN_WORDS = 'a PDF, DOCX, XLSX, ODT, JPG, PNG or TXT file'

/** The file input's `accept`: a hint to the browser only; Haven checks for itself. */
export const ACCEPT = Object.values(FILE_TYPES)
  .flatMap((t) => t.extensions)
  .join(',')

/** The type a file's name says it is, or null for a name Haven does not take. */
export function typeByName(name: string): DocumentFileType | null {
  const ending = /\.[A-Za-z0-9]{1,5}$/.exec(name.trim())?.[0].toLowerCase()
  if (!ending) return null
  for (const [type, info] of Object.entries(FILE_TYPES) as [DocumentFileType, FileTypeInfo][])
    if (info.extensions.includes(ending)) return type
  return null
}

/** Why a file of this name is not taken (GOV.UK's wording), or null to take it. */
export function refuseByName(name: string): string | null {
  return typeByName(name) === null ? `${name} must be ${TYPES_IN_WORDS}` : null
}

/** How much of a file's start and end `checkContent` reads. */
export const HEAD_BYTES = 4096
export const TAIL_BYTES = 256 * 1024

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', from, to)

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const ZIP = [0x50, 0x4b, 0x03, 0x04]

/** The names of a zip's entries appear in its central directory, at its end: read as text. */
const zipHas = (tail: Uint8Array, entry: string) => ascii(tail, 0, tail.length).includes(entry)

/**
 * Whether a file's contents are the type its name says. `head` is its first bytes, `tail` its last
 * (the whole file when small); a text file is judged on all of it (`isPlainText`). Returns why not,
 * in words for the page, or null when the contents match.
 */
export function checkContent(
  type: DocumentFileType,
  head: Uint8Array,
  tail: Uint8Array,
  name = 'The selected file',
): string | null {
  const wrong = `The contents of ${name} are not ${article(type)}${FILE_TYPES[type].label}: save it again as one, or select another file`
  switch (type) {
    case 'pdf':
      return ascii(head, 0, 5) === '%PDF-' ? null : wrong
    case 'png':
      return startsWith(head, PNG) ? null : wrong
    case 'jpeg':
      return startsWith(head, JPEG) ? null : wrong
    case 'docx':
    case 'xlsx': {
      if (!startsWith(head, ZIP)) return wrong
      const main = type === 'docx' ? 'word/document.xml' : 'xl/workbook.xml'
      if (!zipHas(tail, main)) return wrong
      if (zipHas(tail, 'vbaProject.bin'))
        return `${name} contains macros. Save it without them (as a .${type} file) and select it again`
      return null
    }
    case 'odt':
      // OpenDocument stores its type first, uncompressed: a zip whose first entry is `mimetype`.
      return startsWith(head, ZIP) &&
        ascii(head, 30, 38) === 'mimetype' &&
        ascii(head, 38, 38 + 39) === 'application/vnd.oasis.opendocument.text'
        ? null
        : wrong
    case 'txt':
      return isPlainText(head) ? null : wrong
  }
}

function article(type: DocumentFileType): string {
  return type === 'txt' ? '' : /^[AEIOU]/.test(FILE_TYPES[type].label) ? 'an ' : 'a '
}

/**
 * Plain text: UTF-8 (ASCII included), with no control characters but tab, line feed, form feed
 * and carriage return. A program or a binary file fails at its first NUL byte.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** A size in words for pages: "820 bytes", "14 KB", "2.3 MB". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

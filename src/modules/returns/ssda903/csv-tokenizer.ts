/**
 * Splits CSV text into rows of cells as it streams in (RFC 4180, leniently), knowing the line
 * each row starts on.
 *
 * Haven's own rather than csv-parse: on SSDA903 files it is several times faster, and it hands
 * over each row the moment it is complete, so the rows before a broken one are never lost.
 *
 * Lenient where real files are untidy: rows may end in CRLF, LF or CR; a quote inside an unquoted
 * cell is an ordinary character; text after a closing quote is kept as part of the cell. Refused:
 * a quote opened and never closed, and a row longer than the limit (a file that is not CSV).
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** The line the row in question starts on. */
    readonly line: number,
  ) {
    super(message)
    this.name = 'CsvSyntaxError'
  }
}

/** Take one row; return false to stop reading. */
export type TakeRow = (cells: string[], line: number) => boolean

const COMMA = 44
const QUOTE = 34
const LF = 10
const CR = 13

const INCOMPLETE = -1

export class CsvTokenizer {
  #rest = ''
  #line = 1
  #stopped = false

  constructor(readonly maxRowChars: number) {}

  /** Feed more text; rows completed by it are passed to `take`. False once `take` has said stop. */
  push(text: string, take: TakeRow): boolean {
    if (this.#stopped) return false
    if (this.#rest === '') {
      this.#rest = text
      return this.#drain(false, take)
    }
    // Join to the row left over only the text up to the first line break, then read the rest
    // as it came: the engine searches a string joined from two (a cons string in V8) several
    // times slower than one it was given whole, and a row is searched again and again.
    const lf = text.indexOf('\n')
    if (lf === -1) {
      this.#rest += text
      return this.#drain(false, take)
    }
    this.#rest += text.slice(0, lf + 1)
    if (!this.#drain(false, take)) return false
    const after = text.slice(lf + 1)
    this.#rest = this.#rest === '' ? after : this.#rest + after
    return this.#drain(false, take)
  }

  /** The text has ended: the last row need not end with a line break. */
  end(take: TakeRow): boolean {
    if (this.#stopped) return false
    return this.#drain(true, take)
  }

  #drain(final: boolean, take: TakeRow): boolean {
    const buf = this.#rest
    let pos = 0
    // Most rows have no quote and end in LF or CRLF: such a row is cut at its line break and
    // split at its commas by the engine, which is several times faster than a character at a
    // time. `lf`, `cr` and `quote` are the first LF, CR and quote at or after `pos` (-1 when
    // there is none), each looked for again only once `pos` has passed it.
    let lf = buf.indexOf('\n')
    let cr = buf.indexOf('\r')
    let quote = buf.indexOf('"')
    while (pos < buf.length) {
      if (lf !== -1 && lf < pos) lf = buf.indexOf('\n', pos)
      if (cr !== -1 && cr < pos) cr = buf.indexOf('\r', pos)
      if (quote !== -1 && quote < pos) quote = buf.indexOf('"', pos)
      let cells: string[] | undefined
      let next = INCOMPLETE
      let quick = false
      if (lf !== -1 && (quote === -1 || quote > lf)) {
        const end = lf > pos && buf.charCodeAt(lf - 1) === CR ? lf - 1 : lf
        // A CR before the end is a line break of its own (or a CR alone): read it the long way.
        if (cr === -1 || cr >= end) {
          cells = buf.slice(pos, end).split(',')
          next = lf + 1
          quick = true
        }
      }
      if (cells === undefined) {
        cells = []
        next = readRow(buf, pos, final, cells)
      }
      if (next === INCOMPLETE) {
        if (final)
          throw new CsvSyntaxError(
            `a quote opened in the row on line ${this.#line} is never closed`,
            this.#line,
          )
        if (buf.length - pos > this.maxRowChars)
          throw new CsvSyntaxError(
            `the row on line ${this.#line} is longer than ${this.maxRowChars.toLocaleString('en-GB')} characters`,
            this.#line,
          )
        this.#rest = buf.slice(pos)
        return true
      }
      pos = next
      const line = this.#line
      this.#line += quick ? 1 : 1 + lineBreaksIn(cells)
      if (!take(cells, line)) {
        this.#stopped = true
        this.#rest = ''
        return false
      }
    }
    this.#rest = ''
    return true
  }
}

/**
 * Read the row starting at `pos` into `cells`; the position after its line break, or INCOMPLETE
 * when the text ends before the row does (and more may come). Exported for a test that checks
 * the tokenizer's quicker way with quote-free rows against it.
 */
export function readRow(buf: string, start: number, final: boolean, cells: string[]): number {
  let pos = start
  const n = buf.length
  for (;;) {
    if (pos < n && buf.charCodeAt(pos) === QUOTE) {
      let value = ''
      let i = pos + 1
      for (;;) {
        const q = buf.indexOf('"', i)
        if (q === -1) return INCOMPLETE
        if (q + 1 >= n && !final) return INCOMPLETE // the next character may be a second quote
        if (buf.charCodeAt(q + 1) === QUOTE) {
          value += buf.slice(i, q + 1)
          i = q + 2
          continue
        }
        value += buf.slice(i, q)
        i = q + 1
        break
      }
      let j = i
      while (j < n) {
        const c = buf.charCodeAt(j)
        if (c === COMMA || c === LF || c === CR) break
        j++
      }
      cells.push(j > i ? value + buf.slice(i, j) : value)
      pos = j
    } else {
      let j = pos
      while (j < n) {
        const c = buf.charCodeAt(j)
        if (c === COMMA || c === LF || c === CR) break
        j++
      }
      cells.push(buf.slice(pos, j))
      pos = j
    }
    if (pos >= n) return final ? pos : INCOMPLETE
    const c = buf.charCodeAt(pos)
    if (c === COMMA) {
      pos++
      continue
    }
    if (c === CR) {
      if (pos + 1 >= n && !final) return INCOMPLETE // a CRLF split between two chunks
      return buf.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1
    }
    return pos + 1
  }
}

const LINE_BREAK = /\r\n|\r|\n/g

export function lineBreaksIn(cells: readonly string[]): number {
  let count = 0
  for (const cell of cells) {
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue
    count += cell.match(LINE_BREAK)?.length ?? 0
  }
  return count
}

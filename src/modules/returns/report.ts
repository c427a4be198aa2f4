/**
 * Validation results as files: JSON (everything, for machines), CSV (one row per finding,
 * for a spreadsheet) and HTML (one self-contained page for people, grouped by rule and by
 * child). Each is produced as a sequence of text pieces so a large result can be written
 * without building one enormous string. The same result gives the same bytes.
 *
 * Two ways in, one set of bytes out:
 * - `reportChunks(result, …)` for a result with its findings in memory (tests, small returns);
 * - `reportWriter(format)`, a `FindingSink` to hand to the run (`streamRules`), for a return of
 *   any size: JSON and CSV findings are written to a temporary file as they come (the summary
 *   that heads the report is only known at the end) and copied back after it; HTML keeps only
 *   what the page shows (the first findings of each rule, the first children).
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Finding, FindingSink, ValidationResult, ValidationSummary } from './engine.js'

export type ReportFormat = 'json' | 'csv' | 'html'
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'html']

export interface ReportSource {
  /** The file or files validated, as given. */
  input: string
}

// ---------------------------------------------------------------------------------------------
// JSON

/** Everything before the first finding. */
function* jsonHead(result: ValidationSummary, source: ReportSource): Generator<string> {
  const summary = {
    return: result.returnName,
    year: result.year,
    input: source.input,
    children: result.children,
    errors: result.errors,
    queries: result.queries,
    couldNotEvaluate: result.couldNotEvaluate,
    readProblems: result.readProblems.length,
    rulesRun: result.rules.length,
    ...(result.notRun ? { rulesNotRun: result.notRun.length } : {}),
  }
  yield `{\n"summary": ${JSON.stringify(summary)},\n`
  yield `"rules": ${JSON.stringify(result.rules)},\n`
  if (result.notRun) yield `"notRun": ${JSON.stringify(result.notRun)},\n`
  yield `"counts": [`
  let first = true
  for (const c of result.counts) {
    yield `${first ? '' : ','}\n${JSON.stringify(c)}`
    first = false
  }
  yield `\n],\n"readProblems": [`
  first = true
  for (const p of result.readProblems) {
    yield `${first ? '' : ','}\n${JSON.stringify(p)}`
    first = false
  }
  yield `\n],\n"findings": [`
}

/**
 * A rule's code, type and message as JSON, rendered once for all its findings rather than once
 * each: a report of an England-sized census has a million and a half findings from a hundred rules.
 */
class RuleJson {
  readonly #byCode = new Map<string, { type: string; message: string; json: string }>()

  of(f: Finding): string {
    const known = this.#byCode.get(f.code)
    if (known !== undefined && known.type === f.type && known.message === f.message) return known.json
    const json = `"code":${JSON.stringify(f.code)},"type":${JSON.stringify(f.type)},"message":${JSON.stringify(f.message)}`
    this.#byCode.set(f.code, { type: f.type, message: f.message, json })
    return json
  }
}

/** A finding as JSON, its keys always in this order (what JSON.stringify gives for a finding the engine builds). */
function jsonFinding(f: Finding, first: boolean, rules: RuleJson): string {
  let json = `${first ? '' : ','}\n{"childId":${JSON.stringify(f.childId)},"table":${JSON.stringify(f.table)},"row":${JSON.stringify(f.row)},"fields":${JSON.stringify(f.fields)},${rules.of(f)}`
  if (f.line !== undefined) json += `,"line":${JSON.stringify(f.line)}`
  if (f.detail !== undefined) json += `,"detail":${JSON.stringify(f.detail)}`
  if (f.couldNotEvaluate) json += ',"couldNotEvaluate":true'
  return json + '}'
}

const JSON_TAIL = `\n]\n}\n`

export function* jsonReport(result: ValidationResult, source: ReportSource): Generator<string> {
  yield* jsonHead(result, source)
  const rules = new RuleJson()
  let first = true
  for (const f of result.findings) {
    yield jsonFinding(f, first, rules)
    first = false
  }
  yield JSON_TAIL
}

// ---------------------------------------------------------------------------------------------
// CSV

const CSV_HEADER = ['child', 'table', 'row', 'line', 'fields', 'rule', 'type', 'message', 'detail']

/**
 * One CSV cell. Quoted when it holds a comma, quote or line break; a cell a spreadsheet would
 * take for a formula (=, +, -, @ first) is prefixed with an apostrophe so it stays text.
 */
export function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return ''
  let s = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvRow(cells: readonly (string | number | undefined | null)[]): string {
  return cells.map(csvCell).join(',') + '\r\n'
}

export function* csvHead(result: ValidationSummary): Generator<string> {
  yield csvRow(CSV_HEADER)
  for (const p of result.readProblems) {
    yield csvRow(['', p.element, '', p.line, '', '', 'unreadable', p.message, p.file])
  }
}

export function csvFinding(f: Finding): string {
  return csvRow([
    f.childId,
    f.table,
    f.row < 0 ? '' : f.row,
    f.line,
    f.fields.join(' '),
    f.code,
    findingType(f),
    f.message,
    f.detail,
  ])
}

export function* csvReport(result: ValidationResult): Generator<string> {
  yield* csvHead(result)
  let batch = ''
  for (const f of result.findings) {
    batch += csvFinding(f)
    if (batch.length > 1 << 16) {
      yield batch
      batch = ''
    }
  }
  if (batch) yield batch
}

function findingType(f: Finding): string {
  return f.couldNotEvaluate ? 'could not evaluate' : f.type
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escape text for HTML content and attribute values alike. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return ''
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string)
}

/** Children listed one by one in the HTML; beyond this the page points to the CSV. */
export const HTML_CHILD_LIMIT = 2_000
/** Findings listed under each rule in the HTML. */
export const HTML_ROWS_PER_RULE = 500

function where(f: Finding): string {
  const row = f.row >= 0 ? ` row ${f.row}` : ''
  const line = f.line !== undefined ? `, line ${f.line}` : ''
  return `${escapeHtml(f.table)}${row}${line}: ${escapeHtml(f.fields.join(', '))}`
}

const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;margin:2rem;color:#0b0c0c;line-height:1.4}
h1{font-size:2rem;margin:0 0 1rem}h2{font-size:1.5rem;margin:2rem 0 .5rem}h3{font-size:1.1rem;margin:1.5rem 0 .25rem}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:.4rem .6rem;vertical-align:top}
th{background:#f3f2f1}td.n{text-align:right;font-variant-numeric:tabular-nums}
.tag{display:inline-block;padding:0 .4rem;font-weight:bold;font-size:.85rem}
.error{background:#f4cdc6;color:#2a0b06}.query{background:#fff7bf;color:#594d00}.failed{background:#0b0c0c;color:#fff}
.summary{display:flex;gap:2rem;flex-wrap:wrap}.summary div{border-left:5px solid #1d70b8;padding-left:.75rem}
.summary strong{display:block;font-size:1.8rem}.note{border-left:5px solid #b1b4b6;padding-left:1rem}
`

function tag(f: { type: string; couldNotEvaluate?: true | number }): string {
  if (f.couldNotEvaluate === true) return '<span class="tag failed">could not evaluate</span>'
  return f.type === 'error' ? '<span class="tag error">error</span>' : '<span class="tag query">query</span>'
}

/**
 * What the HTML page shows of the findings, gathered as they stream past: each rule's first
 * findings and how many it has, and the findings of the first children to have any. The rest
 * is left to the CSV and JSON reports, so memory does not grow with the findings (only a set
 * of the children with findings, to count them).
 */
export class HtmlDigest implements FindingSink {
  readonly #byRule = new Map<string, { total: number; shown: Finding[] }>()
  readonly #children = new Set<string>()
  readonly #byChild = new Map<string, Finding[]>()

  add(f: Finding): void {
    let rule = this.#byRule.get(f.code)
    if (!rule) this.#byRule.set(f.code, (rule = { total: 0, shown: [] }))
    rule.total += 1
    if (rule.shown.length < HTML_ROWS_PER_RULE) rule.shown.push(f)

    // By child, in order of each child's first finding: whole-return findings come at the end
    // and join the list of a child met before.
    const key = f.childId ?? ''
    const list = this.#byChild.get(key)
    if (list) list.push(f)
    else if (!this.#children.has(key)) {
      this.#children.add(key)
      if (this.#byChild.size < HTML_CHILD_LIMIT) this.#byChild.set(key, [f])
    }
  }

  *page(result: ValidationSummary, source: ReportSource): Generator<string> {
    yield* htmlPage(result, source, this.#byRule, this.#children.size, this.#byChild)
  }
}

export function* htmlReport(result: ValidationResult, source: ReportSource): Generator<string> {
  const digest = new HtmlDigest()
  for (const f of result.findings) digest.add(f)
  yield* digest.page(result, source)
}

function* htmlPage(
  result: ValidationSummary,
  source: ReportSource,
  byRule: ReadonlyMap<string, { total: number; shown: readonly Finding[] }>,
  childrenWithFindings: number,
  byChild: ReadonlyMap<string, readonly Finding[]>,
): Generator<string> {
  const title = `${result.returnName} ${result.year}: validation report`
  yield `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n`
  yield `<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>${STYLE}</style>\n</head>\n<body>\n`
  yield `<h1>${escapeHtml(title)}</h1>\n<p>File: <code>${escapeHtml(source.input)}</code></p>\n`
  const outcome =
    result.couldNotEvaluate > 0
      ? 'Some rules could not be evaluated: this report is not complete.'
      : result.errors > 0
        ? 'The return has errors: the DfE will not accept it until they are fixed.'
        : result.queries > 0
          ? 'No errors. The queries need fixing or explaining to the DfE.'
          : 'No errors and no queries.'
  yield `<p><strong>${escapeHtml(outcome)}</strong></p>\n<div class="summary">`
  for (const [label, value] of [
    ['children', result.children],
    ['errors', result.errors],
    ['queries', result.queries],
    ['rules run', result.rules.length],
  ] as const) {
    yield `<div><strong>${value.toLocaleString('en-GB')}</strong>${label}</div>`
  }
  yield `</div>\n`

  if (result.notRun && result.notRun.length > 0) {
    yield `<h2 id="not-run">Rules not run (${result.notRun.length.toLocaleString('en-GB')})</h2>\n`
    yield `<table><thead><tr><th>Rule</th><th>Why</th></tr></thead><tbody>\n`
    for (const r of result.notRun) {
      yield `<tr><td>${escapeHtml(r.code)}</td><td>${escapeHtml(r.reason)}</td></tr>\n`
    }
    yield `</tbody></table>\n`
  }

  if (result.readProblems.length > 0) {
    yield `<h2 id="unread">Not read from the file (${result.readProblems.length.toLocaleString('en-GB')})</h2>\n`
    // A return of several files (SSDA903) says which file; a single file needs no column for it.
    const files = new Set(result.readProblems.map((p) => p.file)).size > 1
    const fileHead = files ? '<th>File</th>' : ''
    yield `<table><thead><tr>${fileHead}<th>Line</th><th>Element</th><th>Problem</th></tr></thead><tbody>\n`
    for (const p of result.readProblems) {
      const file = files ? `<td><code>${escapeHtml(p.file)}</code></td>` : ''
      yield `<tr>${file}<td class="n">${p.line}</td><td><code>${escapeHtml(p.element)}</code></td><td>${escapeHtml(p.message)}</td></tr>\n`
    }
    yield `</tbody></table>\n`
  }

  yield `<h2 id="by-rule">By rule</h2>\n`
  const failing = result.counts.filter((c) => c.findings > 0 || c.couldNotEvaluate > 0)
  if (failing.length === 0) yield `<p>No rule found anything.</p>\n`
  else {
    yield `<table><thead><tr><th>Rule</th><th>Type</th><th>Message</th><th>Findings</th><th>Children</th></tr></thead><tbody>\n`
    for (const c of failing) {
      const failed =
        c.couldNotEvaluate > 0
          ? ` <span class="tag failed">could not evaluate for ${c.couldNotEvaluate}</span>`
          : ''
      yield `<tr><td><a href="#rule-${escapeHtml(c.code)}">${escapeHtml(c.code)}</a></td><td>${tag(c)}</td><td>${escapeHtml(c.message)}${failed}</td><td class="n">${c.findings}</td><td class="n">${c.children}</td></tr>\n`
    }
    yield `</tbody></table>\n`
  }

  for (const c of failing) {
    const rule = byRule.get(c.code)
    const total = rule?.total ?? 0
    yield `<h3 id="rule-${escapeHtml(c.code)}">${escapeHtml(c.code)} ${tag(c)} ${escapeHtml(c.message)}</h3>\n`
    if (total > HTML_ROWS_PER_RULE) {
      yield `<p class="note">The first ${HTML_ROWS_PER_RULE.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} findings; the CSV and JSON reports list them all.</p>\n`
    }
    yield `<table><thead><tr><th>Child</th><th>Where</th><th>Detail</th></tr></thead><tbody>\n`
    for (const f of rule?.shown ?? []) {
      yield `<tr><td>${escapeHtml(f.childId ?? '(return)')}</td><td>${where(f)}</td><td>${escapeHtml(f.couldNotEvaluate ? f.message : f.detail)}</td></tr>\n`
    }
    yield `</tbody></table>\n`
  }

  yield `<h2 id="by-child">By child (${childrenWithFindings.toLocaleString('en-GB')} with findings)</h2>\n`
  if (childrenWithFindings > HTML_CHILD_LIMIT) {
    yield `<p class="note">The first ${HTML_CHILD_LIMIT.toLocaleString('en-GB')} children are listed here; the CSV and JSON reports list every finding.</p>\n`
  }
  for (const [child, findings] of byChild) {
    yield `<h3>${child === '' ? 'The return as a whole, or a child without an LA child ID' : `Child ${escapeHtml(child)}`}</h3>\n`
    yield `<table><thead><tr><th>Rule</th><th>Type</th><th>Message</th><th>Where</th></tr></thead><tbody>\n`
    for (const f of findings) {
      const detail = f.detail !== undefined ? `<br><small>${escapeHtml(f.detail)}</small>` : ''
      yield `<tr><td><a href="#rule-${escapeHtml(f.code)}">${escapeHtml(f.code)}</a></td><td>${tag(f)}</td><td>${escapeHtml(f.message)}${detail}</td><td>${where(f)}</td></tr>\n`
    }
    yield `</tbody></table>\n`
  }
  yield `</body>\n</html>\n`
}

export function reportChunks(
  result: ValidationResult,
  format: ReportFormat,
  source: ReportSource,
): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonReport(result, source)
    case 'csv':
      return csvReport(result)
    case 'html':
      return htmlReport(result, source)
  }
}

export function reportString(result: ValidationResult, format: ReportFormat, source: ReportSource): string {
  let out = ''
  for (const piece of reportChunks(result, format, source)) out += piece
  return out
}

// ---------------------------------------------------------------------------------------------
// Streaming: a report written while the run goes on

/**
 * A report fed finding by finding during the run (hand it to `streamRules` as the sink), then
 * written out with the run's summary. Call `discard` when done, written or not, to remove its
 * temporary file.
 */
export interface ReportWriter extends FindingSink {
  /** The report's bytes, in order; read once. */
  pieces(summary: ValidationSummary, source: ReportSource): AsyncIterable<string | Buffer>
  discard(): void
}

const SPILL_BUFFER = 1 << 20

/**
 * Text appended to a temporary file in large writes, then read back as it was written. Each
 * piece is encoded straight into one reused buffer of `SPILL_BUFFER` bytes, written out when
 * full: joining the pieces into a string first, only for the write to copy and encode it again,
 * cost more than the findings' JSON itself on an England-sized census.
 */
class SpillFile {
  readonly #dir: string
  readonly #path: string
  #fd: number | undefined
  readonly #buffer = Buffer.allocUnsafe(SPILL_BUFFER)
  #used = 0

  constructor(parent: string) {
    this.#dir = mkdtempSync(join(parent, 'haven-findings-'))
    this.#path = join(this.#dir, 'findings')
    this.#fd = openSync(this.#path, 'w', 0o600)
  }

  append(text: string): void {
    // A UTF-16 code unit is at most three bytes of UTF-8, so the piece fits when this holds.
    if (this.#used + text.length * 3 > SPILL_BUFFER) {
      this.#flush()
      if (text.length * 3 > SPILL_BUFFER) {
        writeSync(this.#open(), text)
        return
      }
    }
    this.#used += this.#buffer.write(text, this.#used)
  }

  #open(): number {
    if (this.#fd === undefined) throw new Error('The findings file is closed')
    return this.#fd
  }

  #flush(): void {
    const fd = this.#open()
    for (let at = 0; at < this.#used;) at += writeSync(fd, this.#buffer, at, this.#used - at)
    this.#used = 0
  }

  async *read(): AsyncGenerator<Buffer> {
    this.#flush()
    closeSync(this.#fd as number)
    this.#fd = undefined
    for await (const chunk of createReadStream(this.#path, { highWaterMark: 1 << 20 })) yield chunk as Buffer
  }

  remove(): void {
    if (this.#fd !== undefined) closeSync(this.#fd)
    this.#fd = undefined
    this.#used = 0
    rmSync(this.#dir, { recursive: true, force: true })
  }
}

class JsonWriter implements ReportWriter {
  readonly #spill: SpillFile
  readonly #rules = new RuleJson()
  #first = true
  constructor(dir: string) {
    this.#spill = new SpillFile(dir)
  }
  add(f: Finding): void {
    this.#spill.append(jsonFinding(f, this.#first, this.#rules))
    this.#first = false
  }
  async *pieces(summary: ValidationSummary, source: ReportSource): AsyncGenerator<string | Buffer> {
    yield* jsonHead(summary, source)
    yield* this.#spill.read()
    yield JSON_TAIL
  }
  discard(): void {
    this.#spill.remove()
  }
}

class CsvWriter implements ReportWriter {
  readonly #spill: SpillFile
  constructor(dir: string) {
    this.#spill = new SpillFile(dir)
  }
  add(f: Finding): void {
    this.#spill.append(csvFinding(f))
  }
  async *pieces(summary: ValidationSummary): AsyncGenerator<string | Buffer> {
    yield* csvHead(summary)
    yield* this.#spill.read()
  }
  discard(): void {
    this.#spill.remove()
  }
}

class HtmlWriter implements ReportWriter {
  readonly #digest = new HtmlDigest()
  add(f: Finding): void {
    this.#digest.add(f)
  }
  async *pieces(summary: ValidationSummary, source: ReportSource): AsyncGenerator<string> {
    yield* this.#digest.page(summary, source)
  }
  discard(): void {}
}

/**
 * A report in `format` that can be fed any number of findings in bounded memory: the same
 * bytes as `reportChunks` gives for the same run. JSON and CSV spill to a file under `dir`
 * (the system's temporary directory unless given).
 */
export function reportWriter(format: ReportFormat, options: { dir?: string } = {}): ReportWriter {
  const dir = options.dir ?? tmpdir()
  switch (format) {
    case 'json':
      return new JsonWriter(dir)
    case 'csv':
      return new CsvWriter(dir)
    case 'html':
      return new HtmlWriter()
  }
}

/**
 * Writes the synthetic authority's returns to a directory, streaming: one child is generated,
 * written to every file, and forgotten before the next, so England-sized returns fit in memory.
 *
 *   DIR/cin-census.xml
 *   DIR/ssda903/*.csv             this year's SSDA903 tables (CSV_FILE_NAMES)
 *   DIR/ssda903/previous/*.csv    last year's
 *   DIR/ssda903-xml/ssda903.xml   this year's as EXPSSDA903 XML (and ssda903.previous.xml)
 *
 * The XML is kept in its own directory because the SSDA903 reader reads every CSV and XML file
 * of a directory as one year's return.
 */
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { CollectionYear } from '../returns/collection-year.js'
import { CIN_XML_CLOSING, cinChildXml, cinXmlOpening } from '../returns/cin/xml-write.js'
import { CSV_FILE_NAMES, csvHeaderLine, csvRowLine } from '../returns/ssda903/csv.js'
import { SSDA903_TABLES, rowsOf, type Ssda903Table, type Ssda903Tables } from '../returns/ssda903/model.js'
import { XML_ROOT, xmlChunks, type WriteProblem } from '../returns/ssda903/xml.js'
import { buildWorkforce, generateChildren, type AuthorityOptions } from './population.js'
import { RowNumbers, buildCinChild, cinHeaderFor } from '../returns/cin/census.js'
import { buildSsda903Rows } from '../returns/ssda903/year-text.js'
import { childReturnText, type DefectKind } from './returns.js'

export interface SynthReturnsOptions {
  seed: string
  children: number
  year: CollectionYear
  laCode?: string
  /** Fraction of children given a defect (0 by default: a clean return). */
  defects?: number
  out: string
  /** Called every `progressEvery` children with the count so far. */
  onProgress?: (children: number) => void
  progressEvery?: number
}

export interface SynthReturnsSummary {
  files: string[]
  /** Children generated (in need, and care leavers who appear in SSDA903 only). */
  generated: number
  cinChildren: number
  ssda903Children: number
  ssda903PreviousChildren: number
  defects: Partial<Record<DefectKind, number>>
  childrenWithDefects: number
  /** What the SSDA903 XML form could not carry (only ever a defect's doing). */
  xmlProblems: WriteProblem[]
}

/** Tables written for a year: DoLo only from 2026/27, when the DfE first asks for it. */
export function tablesFor(year: CollectionYear): Ssda903Table[] {
  return SSDA903_TABLES.filter((t) => t !== 'DoLo' || year.start >= '2026-04-01')
}

/** A file written in 256 KB pieces: one child's rows are too small to be worth a write each. */
class Output {
  readonly stream: WriteStream
  #buffer = ''
  constructor(readonly path: string) {
    this.stream = createWriteStream(path)
  }
  async write(text: string): Promise<void> {
    this.#buffer += text
    if (this.#buffer.length >= 262_144) await this.#flush()
  }
  async #flush(): Promise<void> {
    const text = this.#buffer
    this.#buffer = ''
    if (text !== '' && !this.stream.write(text)) await once(this.stream, 'drain')
  }
  async close(): Promise<void> {
    await this.#flush()
    this.stream.end()
    await once(this.stream, 'finish')
  }
}

const XML_CLOSING = `</${XML_ROOT}>\n`
const XML_OPENING = (() => {
  const empty = [...xmlChunks({})].join('')
  return empty.slice(0, empty.length - XML_CLOSING.length)
})()

/** One child's SSDA903 XML, as the writer writes it inside the root element. */
function childSsda903Xml(tables: Ssda903Tables, problems: WriteProblem[]): string {
  const whole = [...xmlChunks(tables, problems)].join('')
  return whole.slice(XML_OPENING.length, whole.length - XML_CLOSING.length)
}

export async function writeSyntheticReturns(options: SynthReturnsOptions): Promise<SynthReturnsSummary> {
  const laCode = options.laCode ?? '883'
  const { out, year } = options
  const csvDir = join(out, 'ssda903')
  const xmlDir = join(out, 'ssda903-xml')
  await mkdir(join(csvDir, 'previous'), { recursive: true })
  await mkdir(xmlDir, { recursive: true })

  const cin = new Output(join(out, 'cin-census.xml'))
  const tables = tablesFor(year)
  const csv = {
    current: new Map(tables.map((t) => [t, new Output(join(csvDir, CSV_FILE_NAMES[t]))])),
    previous: new Map(tables.map((t) => [t, new Output(join(csvDir, 'previous', CSV_FILE_NAMES[t]))])),
  }
  const xml = {
    current: new Output(join(xmlDir, 'ssda903.xml')),
    previous: new Output(join(xmlDir, 'ssda903.previous.xml')),
  }
  const all = [cin, ...csv.current.values(), ...csv.previous.values(), xml.current, xml.previous]

  await cin.write(cinXmlOpening(cinHeaderFor(year, laCode)))
  for (const [t, o] of [...csv.current, ...csv.previous]) await o.write(csvHeaderLine(t))
  await xml.current.write(XML_OPENING)
  await xml.previous.write(XML_OPENING)

  const summary: SynthReturnsSummary = {
    files: all.map((o) => o.path),
    generated: 0,
    cinChildren: 0,
    ssda903Children: 0,
    ssda903PreviousChildren: 0,
    defects: {},
    childrenWithDefects: 0,
    xmlProblems: [],
  }
  const authority: AuthorityOptions = {
    seed: options.seed,
    children: options.children,
    year,
    laCode,
    contactOnly: false,
  }
  const rows = new RowNumbers()
  const every = options.progressEvery ?? 10_000
  for (const child of generateChildren(authority, buildWorkforce(authority))) {
    const text = childReturnText(child, { year, laCode, seed: options.seed, defects: options.defects ?? 0 })
    summary.generated++
    if (text.cin.length > 0) summary.cinChildren++
    for (const c of text.cin) await cin.write(cinChildXml(buildCinChild(c, rows)))
    for (const year of ['current', 'previous'] as const) {
      const built: Ssda903Tables = {}
      buildSsda903Rows(text.ssda903[year], rows, built, year === 'previous' ? 'previous/' : '')
      if (!built.Header) continue
      if (year === 'current') summary.ssda903Children++
      else summary.ssda903PreviousChildren++
      for (const [t, o] of csv[year]) {
        let lines = ''
        for (const row of rowsOf(built, t) ?? []) lines += csvRowLine(row)
        await o.write(lines)
      }
      await xml[year].write(childSsda903Xml(built, summary.xmlProblems))
    }
    for (const d of text.defects) summary.defects[d] = (summary.defects[d] ?? 0) + 1
    if (text.defects.length > 0) summary.childrenWithDefects++
    if (options.onProgress && summary.generated % every === 0) options.onProgress(summary.generated)
  }

  await cin.write(CIN_XML_CLOSING)
  await xml.current.write(XML_CLOSING)
  await xml.previous.write(XML_CLOSING)
  for (const o of all) await o.close()
  return summary
}

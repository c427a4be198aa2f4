/**
 * Reads a CIN census XML file one child at a time, with the streaming parser saxes, so an
 * England-sized file (a gigabyte) never sits in memory: only the child being read does.
 *
 * Real files are tolerated: a byte-order mark, Windows line endings, indentation, namespace
 * prefixes, elements in any order within their parent. What the reader cannot take in (an
 * unknown element, text where elements belong, a field given twice) is reported as a
 * `ReadProblem` with file, line and element, and the child is still returned: no child is
 * ever dropped. Input that is not a CIN census at all (not XML, another root element, XML
 * that breaks off) stops the read with a `CinReadError` naming the file and line.
 */
import { createReadStream } from 'node:fs'
import { SaxesParser } from 'saxes'
import type { ReadProblem } from '../engine.js'
import {
  ASSESSMENT_FIELDS,
  CIN_DETAILS_FIELDS,
  CIN_PLAN_FIELDS,
  CP_PLAN_FIELDS,
  HEADER_COLLECTION_FIELDS,
  HEADER_SOURCE_FIELDS,
  IDENTIFIER_FIELDS,
  PRE_PROCEEDINGS_FIELDS,
  SECTION47_FIELDS,
  makeAssessment,
  makeChild,
  makeCinDetails,
  makeCinPlan,
  makeCpPlan,
  makeDisability,
  makeFactor,
  makeHeader,
  makePreProceedings,
  makeReview,
  makeSection47,
  type AssessmentFactor,
  type CinChild,
  type CinDetails,
  type CinDetailsParts,
  type CinHeader,
  type CpReview,
  type Disability,
  type SourceText,
} from './model.js'

/** The input is not a readable CIN census: the whole read stops. */
export class CinReadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`)
    this.name = 'CinReadError'
  }
}

/** An element as read, before it is turned into the model. */
interface Node {
  name: string
  line: number
  text: string
  kids: Node[]
}

const FIELD_SETS = {
  collection: new Set<string>(HEADER_COLLECTION_FIELDS),
  source: new Set<string>(HEADER_SOURCE_FIELDS),
  identifiers: new Set<string>(IDENTIFIER_FIELDS),
  cinDetails: new Set<string>(CIN_DETAILS_FIELDS),
  assessment: new Set<string>(ASSESSMENT_FIELDS),
  cinPlan: new Set<string>(CIN_PLAN_FIELDS),
  section47: new Set<string>(SECTION47_FIELDS),
  cpPlan: new Set<string>(CP_PLAN_FIELDS),
  preProceedings: new Set<string>(PRE_PROCEEDINGS_FIELDS),
}

const NOT_BLANK = /\S/

/** Row counters for the flattened tables, across the whole file. */
interface Rows {
  child: number
  disability: number
  episode: number
  assessment: number
  plan: number
  s47: number
  cpp: number
  review: number
  pp: number
}

export interface CinReadOptions {
  /** Characters per chunk read from the file. */
  chunkSize?: number
}

export class CinXmlReader {
  readonly problems: ReadProblem[] = []
  #header: CinHeader | undefined
  #queue: CinChild[] = []
  #done = false
  #started = false
  #parser = new SaxesParser({ position: true })
  #source: AsyncIterator<string>
  #stack: Node[] = []
  /** Depth of the open elements outside the node being built: Message = 1, Children = 2. */
  #path: string[] = []
  #rows: Rows = {
    child: 0,
    disability: 0,
    episode: 0,
    assessment: 0,
    plan: 0,
    s47: 0,
    cpp: 0,
    review: 0,
    pp: 0,
  }
  #sawChildren = false

  constructor(
    readonly file: string,
    source: AsyncIterable<string>,
  ) {
    this.#source = source[Symbol.asyncIterator]()
    const p = this.#parser
    p.on('opentag', (tag) => this.#open(localName(tag.name)))
    p.on('closetag', () => this.#close())
    p.on('text', (t) => this.#text(t))
    p.on('cdata', (t) => this.#text(t))
    p.on('error', (err) => {
      throw new CinReadError(
        this.file,
        p.line,
        p.column,
        `not well-formed XML (${cleanSaxesMessage(err.message)})`,
      )
    })
  }

  /** The header, reading as far as needed to find it (a file without one gets an empty header). */
  async header(): Promise<CinHeader> {
    while (this.#header === undefined && !this.#sawChildren && !this.#done) await this.#pull()
    if (this.#header === undefined) {
      this.#problem(
        this.#parser.line,
        'Message',
        'no Header before the Children: the header is read as blank',
      )
      this.#header = makeHeader({})
    }
    return this.#header
  }

  /** The children, in file order. */
  async *children(): AsyncGenerator<CinChild> {
    for (;;) {
      while (this.#queue.length > 0) {
        // Hand the queue over whole so a long queue is not shifted element by element.
        const batch = this.#queue
        this.#queue = []
        yield* batch
      }
      if (this.#done) return
      await this.#pull()
    }
  }

  /** Children read so far. */
  get childrenRead(): number {
    return this.#rows.child
  }

  async #pull(): Promise<void> {
    const next = await this.#source.next()
    if (next.done) {
      this.#finish()
      return
    }
    this.#started ||= next.value.length > 0
    this.#parser.write(next.value)
  }

  #finish(): void {
    this.#done = true
    if (!this.#started)
      throw new CinReadError(this.file, 1, 1, 'the file is empty: expected a CIN census XML file')
    this.#parser.close()
    if (this.#path.length > 0 || this.#stack.length > 0) {
      const open = [...this.#path, ...this.#stack.map((n) => n.name)].join('/')
      throw new CinReadError(
        this.file,
        this.#parser.line,
        this.#parser.column,
        `the file ends inside ${open}: it has been cut short`,
      )
    }
    if (!this.#sawChildren) this.#problem(this.#parser.line, 'Message', 'the file has no Children element')
  }

  #problem(line: number, element: string, message: string): void {
    this.problems.push({ file: this.file, line, element, message })
  }

  #open(name: string): void {
    const line = this.#parser.line
    if (this.#stack.length > 0) {
      const node: Node = { name, line, text: '', kids: [] }
      ;(this.#stack[this.#stack.length - 1] as Node).kids.push(node)
      this.#stack.push(node)
      return
    }
    const depth = this.#path.length
    if (depth === 0) {
      if (name !== 'Message') {
        throw new CinReadError(
          this.file,
          line,
          this.#parser.column,
          `the root element is ${name}, but a CIN census file starts with Message`,
        )
      }
      this.#path.push(name)
      return
    }
    const parent = this.#path[depth - 1]
    if (parent === 'Message' && name === 'Children') {
      this.#sawChildren = true
      this.#path.push(name)
      return
    }
    if ((parent === 'Message' && name === 'Header') || (parent === 'Children' && name === 'Child')) {
      this.#stack.push({ name, line, text: '', kids: [] })
      return
    }
    // Anything else outside a Header or Child is reported, and skipped with its contents.
    this.#problem(line, `${this.#path.join('/')}/${name}`, `unexpected element ${name}: not read`)
    this.#stack.push({ name: `\0skip`, line, text: '', kids: [] })
  }

  #text(t: string): void {
    const top = this.#stack[this.#stack.length - 1]
    if (top) top.text += t
    else if (NOT_BLANK.test(t) && this.#path.length > 0) {
      this.#problem(this.#parser.line, this.#path.join('/'), `unexpected text "${clip(t)}": not read`)
    }
  }

  #close(): void {
    const node = this.#stack.pop()
    if (!node) {
      this.#path.pop()
      return
    }
    if (this.#stack.length > 0) return
    if (node.name === 'Header') {
      if (this.#header !== undefined)
        this.#problem(node.line, 'Header', 'a second Header: only the first is used')
      else this.#header = this.#readHeader(node)
    } else if (node.name === 'Child') {
      this.#queue.push(this.#readChild(node))
    }
  }

  // -------------------------------------------------------------------------------------------
  // From elements to the model

  /** Collect a block's field texts, reporting anything that is not one of its fields. */
  #fields<F extends string>(
    node: Node,
    fields: ReadonlySet<string>,
    into: SourceText<F>,
    onOther?: (kid: Node) => boolean,
  ): SourceText<F> {
    this.#strayText(node)
    const text = into as Record<string, string>
    for (const kid of node.kids) {
      if (fields.has(kid.name)) {
        if (kid.kids.length > 0)
          this.#problem(kid.line, kid.name, `${kid.name} should hold a value, not elements`)
        if (text[kid.name] !== undefined) {
          this.#problem(kid.line, kid.name, `${kid.name} given twice in ${node.name}: the first is used`)
        } else text[kid.name] = kid.text
      } else if (!onOther || !onOther(kid)) {
        this.#problem(
          kid.line,
          `${node.name}/${kid.name}`,
          `unexpected element ${kid.name} in ${node.name}: not read`,
        )
      }
    }
    return into
  }

  #strayText(node: Node): void {
    if (node.kids.length > 0 && NOT_BLANK.test(node.text)) {
      this.#problem(node.line, node.name, `unexpected text "${clip(node.text)}" in ${node.name}: not read`)
    }
  }

  #readHeader(node: Node): CinHeader {
    const text: SourceText<string> = {}
    this.#strayText(node)
    for (const kid of node.kids) {
      if (kid.name === 'CollectionDetails') this.#fields(kid, FIELD_SETS.collection, text)
      else if (kid.name === 'Source') this.#fields(kid, FIELD_SETS.source, text)
      else this.#problem(kid.line, `Header/${kid.name}`, `unexpected element ${kid.name} in Header: not read`)
    }
    return makeHeader(text, node.line)
  }

  #readChild(node: Node): CinChild {
    const rows = this.#rows
    const row = rows.child++
    const text: SourceText<string> = {}
    const disabilities: Disability[] = []
    let disabilitiesBlock = false
    const episodes: CinDetails[] = []
    let sawIdentifiers = false
    this.#strayText(node)
    for (const kid of node.kids) {
      switch (kid.name) {
        case 'ChildIdentifiers':
          sawIdentifiers = true
          this.#fields(kid, FIELD_SETS.identifiers, text)
          break
        case 'ChildCharacteristics':
          this.#strayText(kid)
          for (const c of kid.kids) {
            if (c.name === 'Ethnicity') {
              if (text.Ethnicity !== undefined)
                this.#problem(c.line, c.name, 'Ethnicity given twice: the first is used')
              else text.Ethnicity = c.text
            } else if (c.name === 'Disabilities') {
              disabilitiesBlock = true
              this.#strayText(c)
              for (const d of c.kids) {
                if (d.name === 'Disability')
                  disabilities.push(makeDisability(d.text, rows.disability++, d.line))
                else
                  this.#problem(
                    d.line,
                    `Disabilities/${d.name}`,
                    `unexpected element ${d.name} in Disabilities: not read`,
                  )
              }
            } else {
              this.#problem(
                c.line,
                `ChildCharacteristics/${c.name}`,
                `unexpected element ${c.name}: not read`,
              )
            }
          }
          break
        case 'CINdetails':
          episodes.push(this.#readEpisode(kid))
          break
        default:
          this.#problem(kid.line, `Child/${kid.name}`, `unexpected element ${kid.name} in Child: not read`)
      }
    }
    if (!sawIdentifiers) this.#problem(node.line, 'Child', 'a Child without ChildIdentifiers')
    return makeChild(text, disabilities, disabilitiesBlock, episodes, row, node.line)
  }

  #readEpisode(node: Node): CinDetails {
    const rows = this.#rows
    const row = rows.episode++
    const parts: CinDetailsParts = {
      assessments: [],
      cinPlans: [],
      section47s: [],
      childProtectionPlans: [],
      preProceedings: [],
    }
    const text = this.#fields(node, FIELD_SETS.cinDetails, {}, (kid) => {
      switch (kid.name) {
        case 'Assessments':
          parts.assessments.push(this.#readAssessment(kid))
          return true
        case 'CINPlanDates':
          parts.cinPlans.push(makeCinPlan(this.#fields(kid, FIELD_SETS.cinPlan, {}), rows.plan++, kid.line))
          return true
        case 'Section47':
          parts.section47s.push(
            makeSection47(this.#fields(kid, FIELD_SETS.section47, {}), rows.s47++, kid.line),
          )
          return true
        case 'ChildProtectionPlans':
          parts.childProtectionPlans.push(this.#readCpPlan(kid))
          return true
        case 'PreProceedingsandFGDM':
          parts.preProceedings.push(
            makePreProceedings(this.#fields(kid, FIELD_SETS.preProceedings, {}), rows.pp++, kid.line),
          )
          return true
        default:
          return false
      }
    })
    return makeCinDetails(text, parts, row, node.line)
  }

  #readAssessment(node: Node) {
    const row = this.#rows.assessment++
    const factors: AssessmentFactor[] = []
    let block = false
    const text = this.#fields(node, FIELD_SETS.assessment, {}, (kid) => {
      if (kid.name !== 'FactorsIdentifiedAtAssessment') return false
      block = true
      this.#strayText(kid)
      for (const f of kid.kids) {
        if (f.name === 'AssessmentFactors') factors.push(makeFactor(f.text, f.line))
        else
          this.#problem(
            f.line,
            `FactorsIdentifiedAtAssessment/${f.name}`,
            `unexpected element ${f.name}: not read`,
          )
      }
      return true
    })
    return makeAssessment(text, factors, block, row, node.line)
  }

  #readCpPlan(node: Node) {
    const rows = this.#rows
    const row = rows.cpp++
    const reviews: CpReview[] = []
    const text = this.#fields(node, FIELD_SETS.cpPlan, {}, (kid) => {
      if (kid.name !== 'Reviews') return false
      this.#strayText(kid)
      let dates = 0
      for (const r of kid.kids) {
        if (r.name === 'CPPreviewDate') {
          dates++
          reviews.push(makeReview(r.text, rows.review++, r.line))
        } else this.#problem(r.line, `Reviews/${r.name}`, `unexpected element ${r.name} in Reviews: not read`)
      }
      // A Reviews element with no date is a review with a missing date (8842Q), not nothing.
      if (dates === 0) reviews.push(makeReview(undefined, rows.review++, kid.line))
      return true
    })
    return makeCpPlan(text, reviews, row, node.line)
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

function clip(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ')
  return t.length > 40 ? `${t.slice(0, 37)}...` : t
}

/** saxes prefixes its messages with a position we already give. */
function cleanSaxesMessage(message: string): string {
  return message.replace(/^[^:]*:\d+:\d+: /, '')
}

/** Read a CIN census file from disk, in chunks. */
export function readCinFile(path: string, options: CinReadOptions = {}): CinXmlReader {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: options.chunkSize ?? 1 << 20 })
  return new CinXmlReader(path, stream as AsyncIterable<string>)
}

/** Read CIN census XML held in a string (tests, small files), optionally in small chunks. */
export function readCinString(xml: string, file = '(text)', chunkSize = 1 << 16): CinXmlReader {
  async function* chunks() {
    for (let i = 0; i < xml.length; i += chunkSize) yield xml.slice(i, i + chunkSize)
  }
  return new CinXmlReader(file, chunks())
}

/** Read a whole (small) CIN census: header, children and problems. */
export async function readCinAll(reader: CinXmlReader): Promise<{
  header: CinHeader
  children: CinChild[]
  problems: ReadProblem[]
}> {
  const header = await reader.header()
  const children: CinChild[] = []
  for await (const c of reader.children()) children.push(c)
  return { header, children, problems: reader.problems }
}

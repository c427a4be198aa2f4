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
import { isAscii } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
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

const FIELD_SETS = {
  collection: new Set<string>(HEADER_COLLECTION_FIELDS),
  source: new Set<string>(HEADER_SOURCE_FIELDS),
  identifiers: new Set<string>(IDENTIFIER_FIELDS),
  characteristics: new Set<string>(['Ethnicity']),
  cinDetails: new Set<string>(CIN_DETAILS_FIELDS),
  assessment: new Set<string>(ASSESSMENT_FIELDS),
  cinPlan: new Set<string>(CIN_PLAN_FIELDS),
  section47: new Set<string>(SECTION47_FIELDS),
  cpPlan: new Set<string>(CP_PLAN_FIELDS),
  preProceedings: new Set<string>(PRE_PROCEEDINGS_FIELDS),
}

const NOT_BLANK = /\S/

// What each open element is. Plain numbers: the switch on them is the reader's hot path.
const ROOT = 0
const MESSAGE = 1
const HEADER = 2
const COLLECTION = 3
const SOURCE = 4
const CHILDREN = 5
const CHILD = 6
const IDENTIFIERS = 7
const CHARACTERISTICS = 8
const DISABILITIES = 9
const EPISODE = 10
const ASSESSMENT = 11
const FACTORS = 12
const PLAN = 13
const S47 = 14
const CPP = 15
const REVIEWS = 16
const PP = 17
/** A field (or a list item: Disability, AssessmentFactors, CPPreviewDate): collects text. */
const FIELD = 18
/** Something unexpected, skipped with everything inside it. */
const SKIP = 19

/** The blocks that may open inside each block. */
const BLOCKS: Record<number, Record<string, number>> = {
  [ROOT]: { Message: MESSAGE },
  [MESSAGE]: { Header: HEADER, Children: CHILDREN },
  [HEADER]: { CollectionDetails: COLLECTION, Source: SOURCE },
  [CHILDREN]: { Child: CHILD },
  [CHILD]: { ChildIdentifiers: IDENTIFIERS, ChildCharacteristics: CHARACTERISTICS, CINdetails: EPISODE },
  [CHARACTERISTICS]: { Disabilities: DISABILITIES },
  [EPISODE]: {
    Assessments: ASSESSMENT,
    CINPlanDates: PLAN,
    Section47: S47,
    ChildProtectionPlans: CPP,
    PreProceedingsandFGDM: PP,
  },
  [ASSESSMENT]: { FactorsIdentifiedAtAssessment: FACTORS },
  [CPP]: { Reviews: REVIEWS },
}

/** The fields (or list items) each block holds. */
const FIELDS: Record<number, ReadonlySet<string>> = {
  [COLLECTION]: FIELD_SETS.collection,
  [SOURCE]: FIELD_SETS.source,
  [IDENTIFIERS]: FIELD_SETS.identifiers,
  [CHARACTERISTICS]: FIELD_SETS.characteristics,
  [DISABILITIES]: new Set(['Disability']),
  [EPISODE]: FIELD_SETS.cinDetails,
  [ASSESSMENT]: FIELD_SETS.assessment,
  [FACTORS]: new Set(['AssessmentFactors']),
  [PLAN]: FIELD_SETS.cinPlan,
  [S47]: FIELD_SETS.section47,
  [CPP]: FIELD_SETS.cpPlan,
  [REVIEWS]: new Set(['CPPreviewDate']),
  [PP]: FIELD_SETS.preProceedings,
}

interface Frame {
  kind: number
  name: string
  line: number
  /** The block's field texts. */
  text: Record<string, string>
  /** A field's text so far. */
  value: string
  /** A field that turned out to hold elements. */
  nested: boolean
  /** Non-blank text met directly inside a block. */
  stray: string
}

const NO_TEXT: Record<string, string> = Object.freeze({}) as Record<string, string>

const CHILD_OPEN = '<Child>'
const CHILD_CLOSE = '</Child>'
/** Characters of one child the fast path will wait for before leaving it to saxes. */
const MAX_PENDING_CHILD = 16 << 20
const SLASH = 0x2f
const BANG = 0x21
const QUESTION = 0x3f
const CR_LF = /\r\n?/g
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/
// Characters XML 1.0 does not allow, and the CDATA end marker: a child holding any goes to saxes.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters being looked for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|]]>|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
/** The element names of a child, the tokenizer's names for them. */
const KNOWN_NAMES: readonly string[] = [
  'Child',
  'ChildIdentifiers',
  'ChildCharacteristics',
  'Disabilities',
  'Disability',
  'Ethnicity',
  'CINdetails',
  'Assessments',
  'FactorsIdentifiedAtAssessment',
  'AssessmentFactors',
  'CINPlanDates',
  'Section47',
  'ChildProtectionPlans',
  'Reviews',
  'CPPreviewDate',
  'PreProceedingsandFGDM',
  ...IDENTIFIER_FIELDS,
  ...CIN_DETAILS_FIELDS,
  ...ASSESSMENT_FIELDS,
  ...CIN_PLAN_FIELDS,
  ...SECTION47_FIELDS,
  ...CP_PLAN_FIELDS,
  ...PRE_PROCEEDINGS_FIELDS,
]

/** A name's length and its first and last characters (their low bytes): few names share one. */
function nameKey(text: string, from: number, to: number): number {
  return ((to - from) << 16) | ((text.charCodeAt(from) & 0xff) << 8) | (text.charCodeAt(to - 1) & 0xff)
}

const NAMES_BY_KEY = new Map<number, string[]>()
for (const name of new Set(KNOWN_NAMES)) {
  const key = nameKey(name, 0, name.length)
  const same = NAMES_BY_KEY.get(key)
  if (same) same.push(name)
  else NAMES_BY_KEY.set(key, [name])
}

/** Whether `word` is spelt at `at` in `text`: what startsWith says, as a loop the compiler inlines (a name is a few characters). */
function spelt(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false
  return true
}

/**
 * The known element name spelt at [from, to) of `text`, as the one string held for it, or
 * undefined. Matching in place spares cutting a new string out of the file for each of a
 * census's tens of millions of tags, and hands on a name whose hash V8 already knows, so the
 * lookups by name that follow are cheap.
 */
function knownName(text: string, from: number, to: number): string | undefined {
  if (to <= from) return undefined
  const same = NAMES_BY_KEY.get(nameKey(text, from, to))
  if (same === undefined) return undefined
  for (const name of same) if (name.length === to - from && spelt(text, from, name)) return name
  return undefined
}
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ENTITY = /&([^;&]*);?/g

/** Replace XML's predefined entities and character references; null for anything else. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

function decodeEntities(text: string): string | null {
  let bad = false
  const out = text.replace(ENTITY, (whole, body: string) => {
    if (!whole.endsWith(';')) bad = true
    else if (body.startsWith('#x')) {
      const code = /^#x[0-9A-Fa-f]+$/.test(body) ? parseInt(body.slice(2), 16) : NaN
      if (!isXmlChar(code)) bad = true
      else return String.fromCodePoint(code)
    } else if (body.startsWith('#')) {
      const code = /^#[0-9]+$/.test(body) ? parseInt(body.slice(1), 10) : NaN
      if (!isXmlChar(code)) bad = true
      else return String.fromCodePoint(code)
    } else {
      const value = ENTITIES[body]
      if (value === undefined) bad = true
      else return value
    }
    return whole
  })
  return bad ? null : out
}

/**
 * The text as a string of its own. A value cut from a chunk of the file (as V8 cuts strings of
 * 13 characters or more) keeps the whole chunk alive while anything holds it: a rule keeping
 * every UPN to find duplicates would otherwise keep the whole file in memory.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

/**
 * False when `text` has none of what FORBIDDEN looks for: no control character, no `]`, no
 * surrogate and neither of U+FFFE and U+FFFF. Spares the regular expression for nearly every
 * value of a census, which holds none of them.
 */
function mayBeForbidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c === 0x5d || c >= 0xd800) return true
  }
  return false
}

/** The line breaks in [from, to) if it is all whitespace, else -1: one pass for both questions. */
function lineBreaksIfBlank(text: string, from: number, to: number): number {
  let breaks = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a) breaks++
    else if (c !== 0x20 && c !== 0x0d && c !== 0x09) return -1
  }
  return breaks
}

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

function emptyParts(): CinDetailsParts {
  return { assessments: [], cinPlans: [], section47s: [], childProtectionPlans: [], preProceedings: [] }
}

export interface CinReadOptions {
  /** Characters per chunk read from the file. */
  chunkSize?: number
}

/**
 * The reader builds the model straight from the parser's events (no element tree), keeping
 * only the child being read. Lines are counted from the line breaks in the text between
 * elements, which is where a CIN file has them; this spares the parser's own position
 * tracking, a third of its time. (A line break inside a tag is not counted.)
 */
export class CinXmlReader {
  readonly problems: ReadProblem[] = []
  #header: CinHeader | undefined
  #headerText: SourceText<string> = {}
  #queue: CinChild[] = []
  #done = false
  #started = false
  #parser = new SaxesParser({ position: false })
  #source: AsyncIterator<string>
  #stack: Frame[] = []
  /** The frame of each depth, `#stack` being the first so many of them. */
  #frames: Frame[] = []
  #line = 1
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

  // The records being built: a CIN file nests at most one of each at a time.
  #childText: SourceText<string> = {}
  #disabilities: Disability[] = []
  #disabilitiesBlock = false
  #sawIdentifiers = false
  #episodes: CinDetails[] = []
  #parts: CinDetailsParts = emptyParts()
  #factors: AssessmentFactor[] = []
  #factorsBlock = false
  #reviews: CpReview[] = []
  #reviewDates = 0

  constructor(
    readonly file: string,
    source: AsyncIterable<string>,
  ) {
    this.#source = source[Symbol.asyncIterator]()
    this.#listen(this.#parser)
  }

  #listen(p: SaxesParser): void {
    p.on('opentag', (tag) => this.#open(localName(tag.name)))
    p.on('closetag', () => this.#close())
    p.on('text', (t) => this.#text(t))
    p.on('cdata', (t) => this.#text(t))
    p.on('comment', (t) => this.#countLines(t))
    p.on('processinginstruction', (pi) => this.#countLines(pi.body))
    // A DTD could declare entities (and, in other parsers, make them fetch files or grow without
    // bound). The DfE's schema has none: refuse it outright, with a message saying so, rather
    // than read on and fail later on "undefined entity".
    p.on('doctype', () => {
      throw new CinReadError(
        this.file,
        this.#line,
        0,
        'the file declares a DTD (<!DOCTYPE …>): DTDs and entities are not accepted in a CIN census file',
      )
    })
    p.on('error', (err) => {
      throw new CinReadError(
        this.file,
        this.#line,
        0,
        `not well-formed XML (${cleanSaxesMessage(err.message)})`,
      )
    })
  }

  /** The header, reading as far as needed to find it. A file without one is refused (CinReadError). */
  async header(): Promise<CinHeader> {
    while (this.#header === undefined && !this.#sawChildren && !this.#done) await this.#pull()
    if (this.#header === undefined)
      throw new CinReadError(
        this.file,
        this.#line,
        0,
        'the Message has no Header before its Children: this is not a complete CIN census file',
      )
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

  /** The children in file order, in the batches the file's chunks yield. */
  async *childBatches(): AsyncGenerator<readonly CinChild[]> {
    for (;;) {
      if (this.#queue.length > 0) {
        const batch = this.#queue
        this.#queue = []
        yield batch
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
    this.#feed(next.value)
  }

  #finish(): void {
    this.#done = true
    if (!this.#started)
      throw new CinReadError(this.file, 1, 1, 'the file is empty: expected a CIN census XML file')
    if (this.#pending !== '') {
      this.#parser.write(this.#pending)
      this.#pending = ''
    }
    if (this.#stack.length > 0) {
      const open = this.#stack.map((f) => f.name).join('/')
      throw new CinReadError(this.file, this.#line, 0, `the file ends inside ${open}: it has been cut short`)
    }
    this.#parser.close()
    if (!this.#sawChildren)
      throw new CinReadError(
        this.file,
        this.#line,
        0,
        'the Message has no Children element: this is not a complete CIN census file',
      )
  }

  // -------------------------------------------------------------------------------------------
  // The fast path. Inside Children, each literal `<Child>…</Child>` is cut out of the text and
  // read by a small tokenizer that knows only what a CIN child needs (elements without
  // attributes, text, the five entities and character references); saxes reads everything
  // else, and re-reads any child the tokenizer meets something unusual in (a comment, CDATA,
  // an attribute, a character XML forbids), so what is accepted and what is refused is always
  // saxes's judgement. Both drive the same handlers, so they build the same model.

  #pending = ''
  #fragment: SaxesParser | undefined

  #feed(chunk: string): void {
    if (this.#pending === '') return this.#scan(chunk)
    // Join to what was left over only as much of the chunk as finishes it (up to the first child
    // closing in it), then scan the rest of the chunk as it is. Searching a string joined from
    // two (V8's cons string) is several times slower than searching the chunk: scanning every
    // chunk joined to its predecessor's tail cost two seconds on an England-sized census.
    const close = chunk.indexOf(CHILD_CLOSE)
    if (close < 0) return this.#scan(this.#pending + chunk)
    const split = close + CHILD_CLOSE.length
    this.#scan(this.#pending + chunk.slice(0, split))
    const rest = chunk.slice(split)
    this.#scan(this.#pending === '' ? rest : this.#pending + rest)
  }

  /** Read the children in `text` (what was left over joined to what came since) and keep what is left. */
  #scan(text: string): void {
    let pos = 0
    for (;;) {
      const start = text.indexOf(CHILD_OPEN, pos)
      if (start < 0) break
      // What comes before the child goes to saxes, up to its last tag; the whitespace after that
      // is counted here, so that no line break is still inside saxes when the child is read.
      if (!this.#toSaxes(text, pos, start)) {
        // Not inside Children (or the text between was not whitespace after a tag): let saxes read it.
        this.#parser.write(text.slice(pos, start + CHILD_OPEN.length))
        pos = start + CHILD_OPEN.length
        continue
      }
      const end = text.indexOf(CHILD_CLOSE, start)
      if (end < 0) {
        if (text.length - start > MAX_PENDING_CHILD) {
          // A child this size is not a child: let saxes make sense of it.
          this.#parser.write(text.slice(start))
          pos = text.length
        } else pos = start
        this.#pending = text.slice(pos)
        return
      }
      this.#readChildText(text.slice(start, end + CHILD_CLOSE.length))
      pos = end + CHILD_CLOSE.length
    }
    // No more children in this chunk: hand saxes everything up to the last tag, keep the rest
    // (a child's opening may be split across chunks).
    const lastTag = text.lastIndexOf('>')
    if (lastTag >= pos && text.length - lastTag <= MAX_PENDING_CHILD) {
      this.#parser.write(text.slice(pos, lastTag + 1))
      pos = lastTag + 1
    } else if (text.length - pos > MAX_PENDING_CHILD) {
      this.#parser.write(text.slice(pos))
      pos = text.length
    }
    this.#pending = text.slice(pos)
  }

  /**
   * Give saxes the text in [from, to) before a child, and say whether the child may be cut out:
   * only when saxes is then inside Children and nothing but whitespace follows its last tag.
   */
  #toSaxes(text: string, from: number, to: number): boolean {
    const lastTag = text.lastIndexOf('>', to - 1)
    if (lastTag >= from) {
      this.#parser.write(text.slice(from, lastTag + 1))
      from = lastTag + 1
    }
    const top = this.#stack[this.#stack.length - 1]
    const breaks = top && top.kind === CHILDREN ? lineBreaksIfBlank(text, from, to) : -1
    if (breaks < 0) {
      if (from < to) this.#parser.write(text.slice(from, to))
      return false
    }
    this.#line += breaks
    return true
  }

  /** Read one `<Child>…</Child>`, with the tokenizer, or with saxes if the tokenizer gives up. */
  #readChildText(xml: string): void {
    const depth = this.#stack.length
    const line = this.#line
    const rows = { ...this.#rows }
    const problems = this.problems.length
    const queued = this.#queue.length
    if (this.#tokenize(xml)) return
    // Undo whatever the tokenizer did with this child, and let saxes read it.
    this.#stack.length = depth
    this.#line = line
    this.#rows = rows
    this.problems.length = problems
    this.#queue.length = queued
    const fragment = (this.#fragment ??= this.#fragmentParser())
    fragment.write(xml)
  }

  #fragmentParser(): SaxesParser {
    const p = new SaxesParser({ position: false, fragment: true })
    this.#listen(p)
    return p
  }

  /** The tokenizer: true when it read the whole child, false to hand it to saxes. */
  #tokenize(xml: string): boolean {
    const names: string[] = []
    const n = xml.length
    let p = 0
    while (p < n) {
      const lt = xml.indexOf('<', p)
      if (lt < 0) return false
      // Indentation between elements: only its line breaks matter.
      const breaks =
        lt > p && this.#stack[this.#stack.length - 1]?.kind !== FIELD ? lineBreaksIfBlank(xml, p, lt) : -1
      if (breaks >= 0) this.#line += breaks
      else if (lt > p) {
        let t = xml.slice(p, lt)
        // Line ends are normalised before references are expanded: `&#13;` stays a carriage return.
        if (t.indexOf('\r') >= 0) t = t.replace(CR_LF, '\n')
        if (mayBeForbidden(t) && FORBIDDEN.test(t)) return false
        if (t.indexOf('&') >= 0) {
          const decoded = decodeEntities(t)
          if (decoded === null) return false
          t = decoded
        }
        this.#text(t)
      }
      const gt = xml.indexOf('>', lt)
      if (gt < 0) return false
      const c = xml.charCodeAt(lt + 1)
      if (c === SLASH) {
        // Compare in place: no need to cut the name out to know it matches.
        const open = names.pop()
        if (open === undefined || gt !== lt + 2 + open.length || !spelt(xml, lt + 2, open)) return false
        this.#close()
      } else if (c === BANG || c === QUESTION) {
        return false
      } else {
        const selfClosing = xml.charCodeAt(gt - 1) === SLASH
        const to = selfClosing ? gt - 1 : gt
        let name = knownName(xml, lt + 1, to)
        if (name === undefined) {
          name = xml.slice(lt + 1, to)
          if (!NAME.test(name)) return false
        }
        this.#open(name)
        if (selfClosing) this.#close()
        else names.push(name)
      }
      p = gt + 1
    }
    return names.length === 0
  }

  #problem(line: number, element: string, message: string): void {
    this.problems.push({ file: this.file, line, element, message })
  }

  #countLines(t: string): void {
    let i = t.indexOf('\n')
    while (i >= 0) {
      this.#line++
      i = t.indexOf('\n', i + 1)
    }
  }

  #open(name: string): void {
    const line = this.#line
    const stack = this.#stack
    const parent = stack[stack.length - 1]
    const parentKind = parent ? parent.kind : ROOT
    let kind: number
    if (parentKind === FIELD || parentKind === SKIP) {
      if (parent && parentKind === FIELD && !parent.nested) {
        parent.nested = true
        this.#problem(line, parent.name, `${parent.name} should hold a value, not elements: ${name} not read`)
      }
      kind = SKIP
    } else if (FIELDS[parentKind]?.has(name)) {
      kind = FIELD
    } else {
      const block = BLOCKS[parentKind]?.[name]
      if (block === undefined) {
        if (parentKind === ROOT) {
          throw new CinReadError(
            this.file,
            line,
            0,
            `the root element is ${name}, but a CIN census file starts with Message`,
          )
        }
        const parentName = parent?.name ?? ''
        this.#problem(line, `${parentName}/${name}`, `unexpected element ${name} in ${parentName}: not read`)
        kind = SKIP
      } else {
        kind = block
        this.#begin(kind, line)
      }
    }
    const text = kind === FIELD || kind === SKIP ? NO_TEXT : {}
    // A frame is done with once its element closes, so each depth has one, used again: a census
    // opens some fifty elements a child, tens of millions in all.
    const frame = this.#frames[stack.length]
    if (frame === undefined) {
      const made = { kind, name, line, text, value: '', nested: false, stray: '' }
      this.#frames.push(made)
      stack.push(made)
      return
    }
    frame.kind = kind
    frame.name = name
    frame.line = line
    frame.text = text
    frame.value = ''
    frame.nested = false
    frame.stray = ''
    stack.push(frame)
  }

  /** Start the record a block builds. */
  #begin(kind: number, line: number): void {
    switch (kind) {
      case CHILDREN:
        this.#sawChildren = true
        break
      case CHILD:
        this.#childText = {}
        this.#disabilities = []
        this.#disabilitiesBlock = false
        this.#sawIdentifiers = false
        this.#episodes = []
        break
      case IDENTIFIERS:
        this.#sawIdentifiers = true
        break
      case DISABILITIES:
        this.#disabilitiesBlock = true
        break
      case EPISODE:
        this.#parts = emptyParts()
        break
      case ASSESSMENT:
        this.#factors = []
        this.#factorsBlock = false
        break
      case FACTORS:
        this.#factorsBlock = true
        break
      case CPP:
        this.#reviews = []
        break
      case REVIEWS:
        this.#reviewDates = 0
        break
      case HEADER:
        if (this.#header !== undefined)
          this.#problem(line, 'Header', 'a second Header: only the first is used')
        else if (this.#sawChildren)
          // However much of the file a chunk holds, the rules need the header before any child.
          throw new CinReadError(
            this.file,
            line,
            0,
            'the Message has no Header before its Children: this is not a complete CIN census file',
          )
        break
    }
  }

  #text(t: string): void {
    this.#countLines(t)
    const top = this.#stack[this.#stack.length - 1]
    if (!top) return
    if (top.kind === FIELD) top.value += t
    else if (top.kind !== SKIP && NOT_BLANK.test(t)) top.stray += t
  }

  #close(): void {
    const stack = this.#stack
    const frame = stack.pop()
    if (!frame) return
    if (frame.stray !== '') {
      this.#problem(
        frame.line,
        frame.name,
        `unexpected text "${clip(frame.stray)}" in ${frame.name}: not read`,
      )
    }
    const rows = this.#rows
    switch (frame.kind) {
      case FIELD: {
        const parent = stack[stack.length - 1]
        if (parent && !frame.nested) this.#field(parent, frame)
        return
      }
      case COLLECTION:
      case SOURCE:
        if (this.#header === undefined) Object.assign(this.#headerText, frame.text)
        return
      case HEADER:
        if (this.#header === undefined) this.#header = makeHeader(this.#headerText, frame.line)
        return
      case REVIEWS:
        // A Reviews element with no date is a review with a missing date (8842Q), not nothing.
        if (this.#reviewDates === 0) this.#reviews.push(makeReview(undefined, rows.review++, frame.line))
        return
      case ASSESSMENT:
        this.#parts.assessments.push(
          makeAssessment(frame.text, this.#factors, this.#factorsBlock, rows.assessment++, frame.line),
        )
        return
      case PLAN:
        this.#parts.cinPlans.push(makeCinPlan(frame.text, rows.plan++, frame.line))
        return
      case S47:
        this.#parts.section47s.push(makeSection47(frame.text, rows.s47++, frame.line))
        return
      case CPP:
        this.#parts.childProtectionPlans.push(makeCpPlan(frame.text, this.#reviews, rows.cpp++, frame.line))
        return
      case PP:
        this.#parts.preProceedings.push(makePreProceedings(frame.text, rows.pp++, frame.line))
        return
      case EPISODE:
        this.#episodes.push(makeCinDetails(frame.text, this.#parts, rows.episode++, frame.line))
        return
      case CHILD:
        if (!this.#sawIdentifiers) this.#problem(frame.line, 'Child', 'a Child without ChildIdentifiers')
        this.#queue.push(
          makeChild(
            this.#childText,
            this.#disabilities,
            this.#disabilitiesBlock,
            this.#episodes,
            rows.child++,
            frame.line,
          ),
        )
        return
      default:
        // Containers (Message, Children, ChildIdentifiers, …) and skipped elements build nothing.
        return
    }
  }

  /** A field or list item has closed: file its text with its block. */
  #field(parent: Frame, field: Frame): void {
    const value = detach(field.value)
    switch (parent.kind) {
      case DISABILITIES:
        this.#disabilities.push(makeDisability(value, this.#rows.disability++, field.line))
        return
      case FACTORS:
        this.#factors.push(makeFactor(value, field.line))
        return
      case REVIEWS:
        this.#reviewDates++
        this.#reviews.push(makeReview(value, this.#rows.review++, field.line))
        return
    }
    // Identifiers and characteristics both fill the child's text.
    const text =
      parent.kind === IDENTIFIERS || parent.kind === CHARACTERISTICS ? this.#childText : parent.text
    if (text[field.name] !== undefined) {
      this.#problem(field.line, field.name, `${field.name} given twice in ${parent.name}: the first is used`)
    } else text[field.name] = value
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
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 })
  return new CinXmlReader(path, decodeUtf8(stream as AsyncIterable<Buffer>))
}

/**
 * Bytes to text as UTF-8, the way a stream with `encoding: 'utf8'` decodes them (a character
 * split between chunks is joined, bytes that are not UTF-8 read as U+FFFD), but a chunk of
 * ASCII alone, as nearly every chunk of a census is, is copied byte for byte instead of being
 * decoded: a tenth of the time, and on an England-sized census some three seconds of CPU.
 * The copy is taken only when the decoder holds no part of a character from the chunk before.
 */
export async function* decodeUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  // `lastNeed`: the bytes the decoder still wants to finish a character cut off at a chunk's end.
  const pending = decoder as unknown as { lastNeed: number }
  for await (const chunk of chunks) {
    if (pending.lastNeed === 0 && isAscii(chunk)) yield chunk.toString('latin1')
    else yield decoder.write(chunk)
  }
  const rest = decoder.end()
  if (rest !== '') yield rest
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

/**
 * The SSDA903 return in the DfE's XML form, `EXPSSDA903` (Sources in ../README.md), read and
 * written as a stream, mapped to the same tables as the CSV form.
 *
 *   EXPSSDA903
 *     CHILD*
 *       HEADER   CHILDID UPN SEX DOB ETHNIC UASC DUC MOTHER MC_DOB,
 *                the care leaver's IN_TOUCH ACTIV ACCOM, the adoption's DATE_INT DATE_MATCH
 *                FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR, and repeated AREVIEW, AMISSING,
 *                OC2, PERMANENCE and AD_PLACED groups
 *       EPISODE* DECOM RNE LS CIN PL PL_POST HOME_POST URN PLACE_PROVIDER DEC REC REASON_PLACE_CHANGE
 *       SWEPISODE* SW_ID SW_DECOM SW_DEC SW_REASON        (Haven's naming: see below)
 *       DOLO*      DOLO_START DOLO_END                    (Haven's naming: see below)
 *
 * How the XML maps to the tables, as the DfE validators read it:
 * - every CHILD gives one Header row; `PL` is the Episodes table's PLACE;
 * - a child's DOB (and SEX, for UASC) is the HEADER's, copied into each of its rows;
 * - UASC gets a row when UASC is 1 or DUC holds a value (the validators look at UASC alone, and
 *   so lose a DUC given with an empty flag; Haven keeps it). UASC 0 or empty makes no row. The
 *   flag itself is kept on the Header row as `uascFlag`, which the CSV form has no column for;
 * - OC3 and AD1 get a row when any of their fields holds a value (the validators look only at
 *   IN_TOUCH and DATE_INT; Haven keeps the other fields when those two are blank).
 * The sources read give no XML names for social worker episodes and DoLOs, and the DfE
 * validators' XML reader reads neither; Haven writes and reads them as SWEPISODE and DOLO
 * under CHILD. Those two tables count as supplied only when the file has such elements.
 *
 * Element names are compared in upper case; elements not in the form are reported and skipped.
 * The writer writes one element per line, two spaces of indent, LF line endings, blanks as
 * empty elements, real dates as DD/MM/YYYY: the same tables give the same bytes.
 */
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { SaxesParser } from 'saxes'
import {
  SSDA903_TABLES,
  canonicalText,
  makeRow,
  rowsOf,
  type AnySsda903Row,
  type ColumnOf,
  type Ssda903Row,
  type Ssda903Table,
  type Ssda903Tables,
} from './model.js'
import { ProblemLog, type ReadProblem } from './problems.js'
import { NotTextError, decodeFile, replacementMessage, textChunks, type DecodeNotes } from './text-source.js'

export const XML_ROOT = 'EXPSSDA903'

/** The most text Haven reads between two tags before deciding the file is not a return. */
export const MAX_CHARS_BETWEEN_TAGS = 4_000_000

// Fields of the HEADER element that are leaves, and which table columns they fill.
const HEADER_LEAVES = new Set([
  'CHILDID',
  'UPN',
  'SEX',
  'DOB',
  'ETHNIC',
  'UASC',
  'DUC',
  'MOTHER',
  'MC_DOB',
  'IN_TOUCH',
  'ACTIV',
  'ACCOM',
  'DATE_INT',
  'DATE_MATCH',
  'FOSTER_CARE',
  'NB_ADOPTR',
  'SEX_ADOPTR',
  'LS_ADOPTR',
])
const OC3_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const
const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const

interface GroupSpec {
  table: Ssda903Table
  /** Element names of the group's fields, in the order the writer writes them, with their columns. */
  fields: readonly (readonly [element: string, column: string])[]
}

const field = (name: string): readonly [string, string] => [name, name]

// Groups repeated inside HEADER.
const HEADER_GROUPS: Record<string, GroupSpec> = {
  AREVIEW: { table: 'Reviews', fields: ['REVIEW', 'REVIEW_CODE'].map(field) },
  AMISSING: { table: 'Missing', fields: ['MISSING', 'MIS_START', 'MIS_END'].map(field) },
  PERMANENCE: { table: 'PrevPerm', fields: ['PREV_PERM', 'LA_PERM', 'DATE_PERM'].map(field) },
  OC2: {
    table: 'OC2',
    fields: [
      'SDQ_SCORE',
      'SDQ_REASON',
      'CONVICTED',
      'HEALTH_CHECK',
      'IMMUNISATIONS',
      'TEETH_CHECK',
      'HEALTH_ASSESSMENT',
      'SUBSTANCE_MISUSE',
      'INTERVENTION_RECEIVED',
      'INTERVENTION_OFFERED',
    ].map(field),
  },
  AD_PLACED: {
    table: 'PlacedAdoption',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'].map(field),
  },
}

// Groups repeated directly inside CHILD.
const CHILD_GROUPS: Record<string, GroupSpec> = {
  EPISODE: {
    table: 'Episodes',
    fields: [
      field('DECOM'),
      field('RNE'),
      field('LS'),
      field('CIN'),
      ['PL', 'PLACE'],
      field('PL_POST'),
      field('HOME_POST'),
      field('URN'),
      field('PLACE_PROVIDER'),
      field('DEC'),
      field('REC'),
      field('REASON_PLACE_CHANGE'),
    ],
  },
  SWEPISODE: { table: 'SWEpisodes', fields: ['SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'].map(field) },
  DOLO: { table: 'DoLo', fields: ['DOLO_START', 'DOLO_END'].map(field) },
}

/** Element name → column, per group; PLACE is accepted for PL too. */
const GROUP_COLUMNS = new Map<GroupSpec, Map<string, string>>()
for (const spec of [...Object.values(HEADER_GROUPS), ...Object.values(CHILD_GROUPS)]) {
  const m = new Map(spec.fields.map(([e, c]) => [e, c]))
  if (spec.table === 'Episodes') m.set('PLACE', 'PLACE')
  GROUP_COLUMNS.set(spec, m)
}

/** Tables every EXPSSDA903 file supplies (possibly with no rows). */
const ALWAYS_SUPPLIED: readonly Ssda903Table[] = SSDA903_TABLES.filter(
  (t) => t !== 'SWEpisodes' && t !== 'DoLo',
)

// ---------------------------------------------------------------------------------------------
// Reading

export interface XmlRead {
  file: string
  /** The tables read; empty when the file is not SSDA903 XML. */
  tables: Ssda903Tables
  problems: ReadProblem[]
}

export function readXmlFile(path: string, options: { file?: string } = {}): Promise<XmlRead> {
  const decoding: DecodeNotes = { replaced: 0 }
  return readXml(decodeFile(path, decoding), options.file ?? path, decoding)
}

export function readXmlText(text: string, file: string): Promise<XmlRead> {
  return readXml(textChunks(text), file)
}

interface Group {
  spec: GroupSpec
  fields: Map<string, string>
  line: number
  element: string
}

interface ChildBeingRead {
  ordinal: number
  line: number
  header: Map<string, string>
  groups: Group[]
  counts: Map<string, number>
}

type Role = 'root' | 'child' | 'header' | 'group' | 'header-field' | 'group-field' | 'skipped'

interface Frame {
  name: string
  role: Role
  line: number
  text: string
}

class StopReading extends Error {}

const nonBlank = (s: string | undefined): boolean => s !== undefined && s.trim() !== ''

/** Read an EXPSSDA903 file from a stream of its text. */
export async function readXml(
  text: AsyncIterable<string>,
  file: string,
  /** Filled in by the decoder of `text`, if any: reported once the file has been read. */
  decoding?: DecodeNotes,
): Promise<XmlRead> {
  const log = new ProblemLog(file)
  const tables: Ssda903Tables = {}
  const parser = new SaxesParser({ position: true })
  const stack: Frame[] = []
  let child: ChildBeingRead | undefined
  let group: Group | undefined
  let children = 0
  let sawRoot = false
  let isReturn = false
  let sinceLastTag = 0
  let lastTagLine = 1

  const where = (): string =>
    stack
      .slice(1)
      .map((f) => f.name)
      .join(' › ')

  const startGroup = (c: ChildBeingRead, spec: GroupSpec, frame: Frame): Group => {
    const n = (c.counts.get(frame.name) ?? 0) + 1
    c.counts.set(frame.name, n)
    frame.name = `${frame.name} ${n}`
    const g: Group = { spec, fields: new Map(), line: frame.line, element: where() }
    c.groups.push(g)
    return g
  }

  /** What an element is, from its name and its parent; reports and skips what is not in the form. */
  const roleOf = (frame: Frame, parent: Frame | undefined, tagName: string): Role => {
    const name = frame.name
    if (!parent) {
      sawRoot = true
      if (name === XML_ROOT) {
        isReturn = true
        return 'root'
      }
      log.error(`not SSDA903 XML: the root element is ${tagName}, not ${XML_ROOT}; the file was not read`, {
        line: frame.line,
      })
      throw new StopReading()
    }
    switch (parent.role) {
      case 'skipped':
        return 'skipped'
      case 'root':
        if (name !== 'CHILD')
          return skipElement(log, frame, stack, `${tagName} is not part of the SSDA903 XML form`)
        children++
        frame.name = `CHILD ${children}`
        child = { ordinal: children, line: frame.line, header: new Map(), groups: [], counts: new Map() }
        return 'child'
      case 'child': {
        if (name === 'HEADER') return 'header'
        const spec = CHILD_GROUPS[name]
        if (!spec || !child)
          return skipElement(log, frame, stack, `${tagName} is not part of a CHILD in the SSDA903 XML form`)
        group = startGroup(child, spec, frame)
        return 'group'
      }
      case 'header': {
        const spec = HEADER_GROUPS[name]
        if (spec && child) {
          group = startGroup(child, spec, frame)
          return 'group'
        }
        if (HEADER_LEAVES.has(name) || name === 'CHILD') return 'header-field'
        return skipElement(log, frame, stack, `${tagName} is not part of a HEADER in the SSDA903 XML form`)
      }
      case 'group':
        if (group && GROUP_COLUMNS.get(group.spec)?.has(name)) return 'group-field'
        return skipElement(
          log,
          frame,
          stack,
          `${tagName} is not part of ${parent.name.replace(/ \d+$/, '')} in the SSDA903 XML form`,
        )
      case 'header-field':
      case 'group-field':
        return skipElement(
          log,
          frame,
          stack,
          `${tagName} is not expected inside ${parent.name}, which holds a value`,
        )
    }
  }

  parser.on('opentag', (tag) => {
    sinceLastTag = 0
    lastTagLine = parser.line
    const parent = stack[stack.length - 1]
    const frame: Frame = { name: tag.name.toUpperCase(), role: 'skipped', line: parser.line, text: '' }
    stack.push(frame)
    frame.role = roleOf(frame, parent, tag.name)
  })

  const onText = (t: string): void => {
    const top = stack[stack.length - 1]
    if (top && (top.role === 'header-field' || top.role === 'group-field')) top.text += t
  }
  parser.on('text', onText)
  parser.on('cdata', onText)

  parser.on('closetag', () => {
    sinceLastTag = 0
    lastTagLine = parser.line
    const frame = stack.pop()
    if (!frame) return
    if (frame.role === 'child' && child) {
      emitChild(child, tables, file, log)
      child = undefined
    } else if (frame.role === 'group') {
      group = undefined
    } else if (frame.role === 'group-field' && group) {
      const column = GROUP_COLUMNS.get(group.spec)?.get(frame.name)
      if (column) setOnce(group.fields, column, frame, log, stack)
    } else if (frame.role === 'header-field' && child) {
      setOnce(child.header, frame.name === 'CHILD' ? 'CHILDID' : frame.name, frame, log, stack)
    }
  })

  try {
    for await (const chunk of text) {
      parser.write(chunk)
      // A file that goes on for megabytes without an element is not an SSDA903 return, and
      // reading on would hold all of it in memory.
      sinceLastTag += chunk.length
      if (sinceLastTag > MAX_CHARS_BETWEEN_TAGS) {
        log.error(
          `no XML element in the ${MAX_CHARS_BETWEEN_TAGS.toLocaleString('en-GB')} characters after line ${lastTagLine}: ` +
            'this is not an SSDA903 return; the rest of the file was not read',
          { line: lastTagLine },
        )
        throw new StopReading()
      }
    }
    parser.close()
    if (!sawRoot) log.error('the file is empty: it has no XML in it')
  } catch (err) {
    if (err instanceof StopReading) {
      /* reported where it was thrown */
    } else if (err instanceof NotTextError) log.error(`${err.message}; the file was not read`)
    else {
      // saxes prefixes its messages with the position, which the problem gives as its line.
      const message = (err as Error).message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '').replace(/\.$/, '')
      const done = children - (child ? 1 : 0)
      log.error(
        `the file could not be read beyond line ${parser.line} (${message}); ` +
          `the ${done} ${done === 1 ? 'child' : 'children'} before it were read`,
        { line: parser.line },
      )
    }
  }
  if (isReturn) {
    for (const t of ALWAYS_SUPPLIED) if (!tables[t]) (tables as Record<string, unknown[]>)[t] = []
  }
  if (decoding?.replaced) log.warning(replacementMessage(decoding))
  return { file, tables, problems: log.finish() }
}

/** Where an element is, for a problem: `CHILD 12 › EPISODE 3 › DECOM` (the root left out). */
function pathOf(stack: readonly Frame[], last?: Frame): string {
  const names = stack.slice(1).map((f) => f.name)
  if (last) names.push(last.name)
  return names.join(' › ')
}

// Module-level, not closures: the reader calls these for every element, and a closure made per
// call costs more than the parsing when run under tsx.
function skipElement(log: ProblemLog, frame: Frame, stack: readonly Frame[], why: string): Role {
  log.warning(`${why}; it was skipped`, { line: frame.line, element: pathOf(stack) })
  return 'skipped'
}

function setOnce(
  fields: Map<string, string>,
  key: string,
  frame: Frame,
  log: ProblemLog,
  stack: readonly Frame[],
): void {
  if (fields.has(key))
    log.warning(`${frame.name} is given twice; the later one was read`, {
      line: frame.line,
      element: pathOf(stack, frame),
      column: key,
    })
  fields.set(key, frame.text)
}

function text(h: Map<string, string>, key: string): string {
  return h.get(key) ?? ''
}

function pushRow<T extends Ssda903Table>(
  tables: Ssda903Tables,
  table: T,
  cells: Partial<Record<ColumnOf<T>, string>>,
  file: string,
  line: number,
  element: string,
): Ssda903Row<T> {
  const existing = tables[table] as Ssda903Row<T>[] | undefined
  const row = makeRow(table, cells, { file, row: existing?.length ?? 0, line, element })
  if (existing) existing.push(row)
  else (tables as Record<string, unknown>)[table] = [row]
  return row
}

function emitChild(child: ChildBeingRead, tables: Ssda903Tables, file: string, log: ProblemLog): void {
  const h = child.header
  const childId = text(h, 'CHILDID')
  const dob = text(h, 'DOB')
  const element = `CHILD ${child.ordinal}`
  if (!nonBlank(childId))
    log.error('this CHILD has no CHILDID: its rows were read with a blank CHILD', {
      line: child.line,
      element,
    })

  const header = pushRow(
    tables,
    'Header',
    {
      CHILD: childId,
      SEX: text(h, 'SEX'),
      DOB: dob,
      ETHNIC: text(h, 'ETHNIC'),
      UPN: text(h, 'UPN'),
      MOTHER: text(h, 'MOTHER'),
      MC_DOB: text(h, 'MC_DOB'),
    },
    file,
    child.line,
    element,
  )
  const flag = text(h, 'UASC')
  // The flag is kept on the Header row (rules 205C, 303 compare it with DUC) even when empty,
  // so a child whose HEADER has UASC can be told from a child read from CSV.
  header.uascFlag = flag
  const flagged = flag.trim() === '1'
  if (nonBlank(flag) && !flagged && flag.trim() !== '0')
    log.warning(`UASC ${flag.trim()} is not 0 or 1: the child was not read as UASC`, {
      line: child.line,
      element,
    })
  if (flagged || nonBlank(h.get('DUC')))
    pushRow(
      tables,
      'UASC',
      { CHILD: childId, SEX: text(h, 'SEX'), DOB: dob, DUC: text(h, 'DUC') },
      file,
      child.line,
      element,
    )
  if (anyNonBlank(h, OC3_FIELDS))
    pushRow(tables, 'OC3', { CHILD: childId, DOB: dob, ...pick(h, OC3_FIELDS) }, file, child.line, element)
  if (anyNonBlank(h, AD1_FIELDS))
    pushRow(tables, 'AD1', { CHILD: childId, DOB: dob, ...pick(h, AD1_FIELDS) }, file, child.line, element)
  for (const g of child.groups) {
    const cells: Record<string, string> = { CHILD: childId }
    if (g.spec.table !== 'Episodes') cells.DOB = dob
    for (const [column, value] of g.fields) cells[column] = value
    pushRow(tables, g.spec.table, cells, file, g.line, g.element)
  }
}

function anyNonBlank(h: Map<string, string>, keys: readonly string[]): boolean {
  for (const k of keys) if (nonBlank(h.get(k))) return true
  return false
}

function pick(m: Map<string, string>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of keys) out[k] = m.get(k) ?? ''
  return out
}

// ---------------------------------------------------------------------------------------------
// Writing

/** What the XML form could not carry of the tables it was given. */
export interface WriteProblem {
  table: Ssda903Table
  child: string
  message: string
}

// XML 1.0 cannot hold most control characters, even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
// eslint-disable-next-line no-control-regex
const HAS_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/

function escapeXml(text: string): string {
  // A CR would come back as LF (XML normalises line ends), so it is written as a reference.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')
}

function leaf(indent: string, name: string, text: string): string {
  return text === '' ? `${indent}<${name} />\n` : `${indent}<${name}>${escapeXml(text)}</${name}>\n`
}

type ChildRows = { [T in Ssda903Table]?: Ssda903Row<T>[] }

/**
 * The file's text in chunks, for streaming. Each Header row becomes a CHILD, in order; a
 * child's other rows go with its first Header row. What the form cannot carry (a second UASC,
 * OC3 or AD1 row for a child, a row whose DOB differs from the Header's, rows of a child with no
 * Header row) is written as best it can be and reported in `problems`.
 */
export function* xmlChunks(tables: Ssda903Tables, problems: WriteProblem[] = []): Generator<string> {
  const byChild = new Map<string, ChildRows>()
  for (const table of SSDA903_TABLES) {
    if (table === 'Header') continue
    for (const row of rowsOf(tables, table) ?? []) {
      const id = row.CHILD ?? ''
      let rows = byChild.get(id)
      if (!rows) byChild.set(id, (rows = {}))
      ;(
        (rows[table] as AnySsda903Row[] | undefined) ?? ((rows as Record<string, unknown[]>)[table] = [])
      ).push(row as AnySsda903Row)
    }
  }

  let chunk = `<?xml version="1.0" encoding="UTF-8"?>\n<${XML_ROOT}>\n`
  const flush = function* (): Generator<string> {
    if (chunk.length >= 65_536) {
      yield chunk
      chunk = ''
    }
  }
  for (const header of rowsOf(tables, 'Header') ?? []) {
    const id = header.CHILD ?? ''
    const rows = id === '' ? {} : (byChild.get(id) ?? {})
    if (id !== '') byChild.delete(id)
    chunk += childXml(header, rows, problems)
    yield* flush()
  }
  for (const [id, rows] of byChild) {
    problems.push({
      table: 'Header',
      child: id,
      message:
        id === ''
          ? 'rows with a blank CHILD were written under one CHILD with an empty header'
          : 'this child has no Header row: the XML form needs one, so an empty header was written',
    })
    // The child's DOB from its other rows, so they do not all differ from an empty one.
    const empty = makeRow(
      'Header',
      { CHILD: firstText(rows, 'CHILD'), DOB: firstText(rows, 'DOB') },
      { file: '', row: 0 },
    )
    chunk += childXml(empty, rows, problems)
    yield* flush()
  }
  chunk += `</${XML_ROOT}>\n`
  yield chunk
}

function firstText(rows: ChildRows, column: 'CHILD' | 'DOB'): string {
  for (const t of SSDA903_TABLES) {
    for (const row of (rows[t] as AnySsda903Row[] | undefined) ?? []) {
      const text = (row.text as Partial<Record<string, string>>)[column]?.trim()
      if (text) return text
    }
  }
  return ''
}

function childXml(header: Ssda903Row<'Header'>, rows: ChildRows, problems: WriteProblem[]): string {
  const id = header.CHILD ?? ''
  const text = <T extends Ssda903Table>(row: Ssda903Row<T>, column: ColumnOf<T>): string => {
    const t = canonicalText(row, column)
    if (!HAS_NOT_XML.test(t)) return t
    problems.push({
      table: row.table,
      child: id,
      message: `${column} holds characters XML cannot carry; they were left out`,
    })
    return t.replace(NOT_XML, '')
  }
  const dob = text(header, 'DOB')
  const sameAsHeader = <T extends Ssda903Table>(
    row: Ssda903Row<T>,
    column: 'DOB' | 'SEX',
    headerText: string,
  ) => {
    const value = text(row, column as ColumnOf<T>)
    if (value !== headerText)
      problems.push({
        table: row.table,
        child: id,
        message: `${column} ${value || '(blank)'} differs from the Header's ${headerText || '(blank)'}: the XML form holds one per child, so the Header's was written`,
      })
  }
  const onlyOne = (table: 'UASC' | 'OC3' | 'AD1'): Ssda903Row<typeof table> | undefined => {
    const list = rows[table] as Ssda903Row<typeof table>[] | undefined
    if (list && list.length > 1)
      problems.push({
        table,
        child: id,
        message: `${list.length} ${table} rows: the XML form holds one per child, so only the first was written`,
      })
    return list?.[0]
  }

  const i3 = '      '
  let out = '  <CHILD>\n    <HEADER>\n'
  out += leaf(i3, 'CHILDID', text(header, 'CHILD'))
  out += leaf(i3, 'UPN', text(header, 'UPN'))
  out += leaf(i3, 'SEX', text(header, 'SEX'))
  out += leaf(i3, 'DOB', dob)
  out += leaf(i3, 'ETHNIC', text(header, 'ETHNIC'))
  const uasc = onlyOne('UASC')
  // The flag as read from XML when there is one; from CSV, a UASC row says 1 and none says 0
  // (an empty flag would be rule 105's "not completed").
  const flag = header.uascFlag?.trim() ?? (uasc ? '1' : '0')
  if (uasc) {
    sameAsHeader(uasc, 'SEX', text(header, 'SEX'))
    sameAsHeader(uasc, 'DOB', dob)
    out += leaf(i3, 'UASC', flag) + leaf(i3, 'DUC', text(uasc, 'DUC'))
  } else out += leaf(i3, 'UASC', flag)
  const oc3 = onlyOne('OC3')
  if (oc3) {
    sameAsHeader(oc3, 'DOB', dob)
    for (const f of OC3_FIELDS) out += leaf(i3, f, text(oc3, f))
  }
  const ad1 = onlyOne('AD1')
  if (ad1) {
    sameAsHeader(ad1, 'DOB', dob)
    for (const f of AD1_FIELDS) out += leaf(i3, f, text(ad1, f))
  }
  const groups = (
    specs: Record<string, GroupSpec>,
    indent: string,
    only: (name: string) => boolean,
  ): string => {
    let s = ''
    for (const [name, spec] of Object.entries(specs)) {
      if (!only(name)) continue
      // Any table's row: the columns named in the spec are this table's.
      for (const row of (rows[spec.table] as Ssda903Row<'Reviews'>[] | undefined) ?? []) {
        if (spec.table !== 'Episodes') sameAsHeader(row, 'DOB', dob)
        s += `${indent}<${name}>\n`
        for (const [element, column] of spec.fields)
          s += leaf(`${indent}  `, element, text(row, column as ColumnOf<'Reviews'>))
        s += `${indent}</${name}>\n`
      }
    }
    return s
  }
  out += groups(HEADER_GROUPS, i3, (n) => n === 'AREVIEW' || n === 'AMISSING')
  out += leaf(i3, 'MOTHER', text(header, 'MOTHER'))
  out += leaf(i3, 'MC_DOB', text(header, 'MC_DOB'))
  out += groups(HEADER_GROUPS, i3, (n) => n !== 'AREVIEW' && n !== 'AMISSING')
  out += '    </HEADER>\n'
  out += groups(CHILD_GROUPS, '    ', () => true)
  out += '  </CHILD>\n'
  return out
}

export function toXmlText(tables: Ssda903Tables): { text: string; problems: WriteProblem[] } {
  const problems: WriteProblem[] = []
  const text = [...xmlChunks(tables, problems)].join('')
  return { text, problems }
}

export async function writeXmlFile(
  path: string,
  tables: Ssda903Tables,
): Promise<{ problems: WriteProblem[] }> {
  const problems: WriteProblem[] = []
  await pipeline(Readable.from(xmlChunks(tables, problems)), createWriteStream(path))
  return { problems }
}

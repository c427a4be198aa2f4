/**
 * Validate an SSDA903 return: read its files (this year's and, when given, last year's), group
 * them by child, derive the placement facts from the postcode reference, and run the year's
 * rules over each child.
 *
 * A rule runs only when every table it names in `affects` was supplied (`Episodes_last`: last
 * year's Episodes; `ProviderInfo`: a provider list). The rules left out are listed in the
 * result's `notRun` with the reason, so a report never passes a table off as checked when it was
 * not there. That is decided here, once, rather than in each rule.
 *
 * What the reader could not read becomes the result's `readProblems` (warnings are marked so and
 * do not fail the run), as do rows with a blank CHILD: they belong to no child, so no rule saw them.
 */
import { englandAndWales, type WorkingCalendar } from '../../../platform/calendar/working-days.js'
import { parseCollectionYear } from '../collection-year.js'
import {
  CollectingSink,
  ruleContext,
  streamRules,
  type FindingSink,
  type ReadProblem,
  type RunOptions,
  type ValidationResult,
  type ValidationSummary,
} from '../engine.js'
import { indexByChild, type Ssda903Child, type Ssda903Index } from './index.js'
import { SSDA903_TABLES, type AnySsda903Row, type Ssda903Table } from './model.js'
import {
  NO_POSTCODES,
  collectPostcodes,
  collectUrns,
  placementResolver,
  type PostcodeLookup,
  type ProviderLookup,
} from './placement.js'
import type { ReadProblem as Ssda903ReadProblem } from './problems.js'
import { readSsda903, type ReadSsda903Options, type Ssda903Read } from './read.js'
import type { AnySsda903Rule, Ssda903ReturnInfo, Ssda903RuleSet, Ssda903RuleTable } from './rule.js'
import { ssda903RuleSets } from './rule-sets.js'

export interface Ssda903ValidateOptions {
  calendar?: WorkingCalendar
  /** Run these rules instead of the year's registered set. */
  rules?: Ssda903RuleSet
  /** The reporting authority's ONS code (E06000034), for PL_LOCATION; unknown when absent. */
  laCode?: string | null
  /** Where postcodes are looked up; without one every postcode is unknown. */
  postcodes?: PostcodeLookup
  /** Where URNs are looked up: without one (or with no list loaded) the provider rules do not run. */
  providers?: ProviderLookup
  onProgress?(children: number): void
}

/** Nothing of this year's return could be read: there is nothing to validate. */
export class Ssda903InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Ssda903InputError'
  }
}

/** A rule the runner left out, and why. */
export interface RuleNotRun {
  code: string
  reason: string
}

export type Ssda903ValidationSummary = ValidationSummary & { notRun: RuleNotRun[] }
export type Ssda903ValidationResult = ValidationResult & { notRun: RuleNotRun[] }

/** Rows with a blank CHILD listed one by one before they are only counted. */
const UNIDENTIFIED_LISTED = 100

const LAST = '_last'

/** Why a rule cannot run on what was supplied, or null when it can. */
export function missingTables(
  rule: AnySsda903Rule,
  supplied: Ssda903ReturnInfo['supplied'],
  providerInfo: boolean,
  postcodeInfo = true,
  laKnown = true,
): string | null {
  const missing = new Set<string>()
  for (const { table, fields } of rule.affects as readonly {
    table: Ssda903RuleTable
    fields: readonly string[]
  }[]) {
    // In or out of area needs to know whose area: the reporting authority's ONS code (`--la`).
    if (!laKnown && fields.includes('PL_LOCATION')) missing.add("the authority's ONS code (--la)")
    if (table === 'ProviderInfo') {
      if (!providerInfo) missing.add('the Ofsted provider list')
    } else if (table === 'PostcodeInfo') {
      if (!postcodeInfo) missing.add('a postcode reference')
    } else if (table.endsWith(LAST)) {
      const name = table.slice(0, -LAST.length) as Ssda903Table
      if (!supplied.previous.has(name)) missing.add(`last year's ${name}`)
    } else if (!supplied.current.has(table as Ssda903Table)) missing.add(table)
  }
  return missing.size === 0 ? null : `not supplied: ${[...missing].join(', ')}`
}

function fromReader(p: Ssda903ReadProblem): ReadProblem {
  const out: ReadProblem = {
    file: p.file,
    line: p.line ?? 0,
    element: p.element ?? p.column ?? '',
    message: p.severity === 'warning' ? `Warning: ${p.message}` : p.message,
  }
  if (p.severity === 'warning') out.warning = true
  return out
}

function unidentifiedProblems(index: Ssda903Index): ReadProblem[] {
  const out: ReadProblem[] = []
  for (const year of ['current', 'previous'] as const) {
    const rows = index.unidentified[year]
    const last = year === 'previous' ? " (last year's return)" : ''
    rows.slice(0, UNIDENTIFIED_LISTED).forEach((row: AnySsda903Row) =>
      out.push({
        file: row.file,
        line: row.line ?? 0,
        element: row.element ?? `${row.table} CHILD`,
        message: `a row with a blank CHILD${last}: it belongs to no child, so no rule checked it`,
      }),
    )
    if (rows.length > UNIDENTIFIED_LISTED) {
      const tables = new Set(rows.map((r) => r.table))
      out.push({
        file: [...new Set(rows.map((r) => r.file))].join(', '),
        line: 0,
        element: [...tables].join(', '),
        message: `${rows.length - UNIDENTIFIED_LISTED} more rows with a blank CHILD${last} are not listed`,
      })
    }
  }
  return out
}

/**
 * Each table's bit in `tablesWithRows` and `tablesRead`: this year's tables in the low twelve
 * bits, last year's in the twelve above.
 */
const TABLE_BIT = new Map<string, number>()
SSDA903_TABLES.forEach((table, i) => {
  TABLE_BIT.set(table, 1 << i)
  TABLE_BIT.set(`${table}${LAST}`, 1 << (i + SSDA903_TABLES.length))
})

/** The tables a child has rows in, this year and last, as a bit mask. */
export function tablesWithRows(child: Ssda903Child): number {
  let mask = 0
  SSDA903_TABLES.forEach((table, i) => {
    if (child.current[table].length > 0) mask |= 1 << i
    if (child.previous[table].length > 0) mask |= 1 << (i + SSDA903_TABLES.length)
  })
  return mask
}

/**
 * The tables a rule may read, as a bit mask: each table it names in `affects`, in both years
 * (a rule naming this year's DoLo may compare last year's, as 706 does), the provider list and
 * the postcode reference aside (they are not a child's rows). A rule reports on its child's rows
 * in those tables, so on a child with none it has nothing to report: a test checks every rule
 * on messy input.
 */
export function tablesRead(rule: AnySsda903Rule): number {
  let mask = 0
  for (const { table } of rule.affects) {
    const name = table.endsWith(LAST) ? table.slice(0, -LAST.length) : table
    mask |= (TABLE_BIT.get(name) ?? 0) | (TABLE_BIT.get(`${name}${LAST}`) ?? 0)
  }
  return mask
}

async function* oneBatch<T>(items: readonly T[]): AsyncGenerator<readonly T[]> {
  yield items
}

/** Validate a return already read, every finding in memory (tests, small returns, the upload page's tally). */
export async function validateSsda903(
  read: Ssda903Read,
  yearLabel: string,
  options: Ssda903ValidateOptions = {},
): Promise<Ssda903ValidationResult> {
  const sink = new CollectingSink()
  const summary = await streamSsda903(read, yearLabel, sink, options)
  return { ...summary, findings: sink.findings }
}

/**
 * Validate a return already read, handing each finding to `sink` as it is found (the CLI's
 * report writer), so memory holds the return, not its findings. The year's label must be one the
 * registry knows.
 */
export async function streamSsda903(
  read: Ssda903Read,
  yearLabel: string,
  sink: FindingSink,
  options: Ssda903ValidateOptions = {},
): Promise<Ssda903ValidationSummary> {
  const year = parseCollectionYear(yearLabel)
  const all = options.rules ?? ssda903RuleSets.forYear(year.label)
  const index = indexByChild(read.model)
  if (index.supplied.current.size === 0) {
    const why = read.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`)
    throw new Ssda903InputError(
      `no SSDA903 table could be read for this year${why.length > 0 ? ` (${why.slice(0, 5).join('; ')})` : ''}`,
    )
  }
  const providers = options.providers ? await options.providers(collectUrns(index)) : null
  const providerInfo = providers !== null

  const notRun: RuleNotRun[] = []
  const runnable: string[] = []
  for (const rule of all.rules) {
    const reason = missingTables(
      rule,
      index.supplied,
      providerInfo,
      options.postcodes !== undefined,
      (options.laCode ?? null) !== null,
    )
    if (reason === null) runnable.push(rule.code)
    else notRun.push({ code: rule.code, reason })
  }
  const rules = notRun.length === 0 ? all : all.only(runnable)

  const keys = collectPostcodes(read.model)
  const points = keys.size === 0 ? new Map() : await (options.postcodes ?? NO_POSTCODES)(keys)
  const laCode = options.laCode ?? null
  // Distance is not derived for children who are or were UASC (rules 406, 392a).
  const uasc = new Set([...index.children.values()].filter((c) => c.uasc || c.previousUasc).map((c) => c.id))
  const info: Ssda903ReturnInfo = {
    supplied: index.supplied,
    hasPrevious: read.model.previous !== undefined,
    laCode,
    placement: placementResolver(points, laCode, (e) => e.CHILD !== null && uasc.has(e.CHILD)),
    provider: (urn) => (urn === null ? null : (providers?.get(urn) ?? null)),
  }

  const run: RunOptions<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo> = {
    returnName: 'SSDA903',
    rules,
    context: ruleContext(year, options.calendar ?? englandAndWales, info),
    children: [],
    // All in one batch: the children are in memory already, and this spares an await per child.
    batches: oneBatch([...index.children.values()]),
    childId: (c) => c.id,
    // About a third of the calls an England-sized return would make are rules about tables
    // (adoption, care leavers, UASC…) the child has no rows in.
    relevance: { rule: tablesRead, child: tablesWithRows },
  }
  if (options.onProgress) run.onProgress = options.onProgress
  const result = await streamRules(run, sink)
  result.readProblems = [...read.problems.map(fromReader), ...unidentifiedProblems(index)]
  return { ...result, notRun }
}

/** Read the files and validate them; an unknown year is refused before anything is read. */
export async function validateSsda903Files(
  input: ReadSsda903Options,
  yearLabel: string,
  options: Ssda903ValidateOptions = {},
): Promise<Ssda903ValidationResult> {
  const sink = new CollectingSink()
  const summary = await streamSsda903Files(input, yearLabel, sink, options)
  return { ...summary, findings: sink.findings }
}

/** Read the files and stream their findings to `sink`; an unknown year is refused before anything is read. */
export async function streamSsda903Files(
  input: ReadSsda903Options,
  yearLabel: string,
  sink: FindingSink,
  options: Ssda903ValidateOptions = {},
): Promise<Ssda903ValidationSummary> {
  const year = parseCollectionYear(yearLabel)
  const rules = options.rules ?? ssda903RuleSets.forYear(year.label)
  const read = await readSsda903(input)
  return streamSsda903(read, year.label, sink, { ...options, rules })
}

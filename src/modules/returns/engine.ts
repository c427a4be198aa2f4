/**
 * The DfE returns rule engine, shared by the CIN census and SSDA903.
 *
 * A rule is a small pure named function over one child's data (the per-child index the
 * return type builds: for the CIN census, the child element with everything nested in it).
 * The runner takes children one at a time from a stream, so a return of any size is held
 * one child at a time. Findings go to a sink as they are found (`streamRules`); `runRules`
 * collects them in memory for small returns and tests.
 *
 * A few rules look across the whole return (duplicate identifiers, percentages, the header):
 * those are `ReturnRule`s, which see every child once and report when the stream ends.
 *
 * No rule can stop a run: a rule that throws is reported as a "rule could not evaluate"
 * finding for that child, with the reason, and the run goes on.
 */
import type { IsoDate, WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { CollectionYear } from './collection-year.js'

export type RuleType = 'error' | 'query'

/** The table and fields a rule reads, for the rule catalogue and the report. */
export interface Affects<Table extends string = string> {
  table: Table
  fields: readonly string[]
}

/** What a rule sees besides the child. */
export interface RuleContext<Header = unknown> {
  year: CollectionYear
  /** The census reference date of the year (31 March), from `--year`, not from the file. */
  referenceDate: IsoDate
  /** First and last day of the collection period (1 April, 31 March). */
  collectionStart: IsoDate
  collectionEnd: IsoDate
  /** England and Wales working days; the DfE counts "within n working days" inclusively. */
  calendar: WorkingCalendar
  /** The file's header, as read (rules about the header compare it with the year). */
  header: Header
}

/** One place a rule found a problem, within the child it was given. */
export interface RuleHit<Table extends string = string> {
  table: Table
  /** Row in the return's flattened table (0-based, in file order), as the DfE validators number them. */
  row: number
  /** Line in the source file, when known. */
  line?: number
  fields: readonly string[]
  /** Why, in a few words, when the message alone would leave the reader hunting (e.g. the two dates). */
  detail?: string
}

interface RuleBase<Table extends string> {
  /** The DfE code, e.g. `8610` or `8545Q`. */
  code: string
  type: RuleType
  /** The DfE's message, word for word. */
  message: string
  affects: readonly Affects<Table>[]
}

/** A rule over one child. `check` must be pure: same child and context, same hits. */
export interface ChildRule<Child, Table extends string = string, Header = unknown> extends RuleBase<Table> {
  scope?: 'child'
  check(child: Child, ctx: RuleContext<Header>): readonly RuleHit<Table>[]
}

/** A hit from a whole-return rule names its child (or none, for a header or return-wide finding). */
export interface ReturnHit<Table extends string = string> extends RuleHit<Table> {
  childId: string | null
}

/** The state one run of a whole-return rule keeps while the children stream past. */
export interface ReturnCheck<Child, Table extends string = string> {
  see(child: Child): void
  finish(): readonly ReturnHit<Table>[]
}

/** A rule over the whole return (duplicates across children, percentages, the header). */
export interface ReturnRule<Child, Table extends string = string, Header = unknown> extends RuleBase<Table> {
  scope: 'return'
  begin(ctx: RuleContext<Header>): ReturnCheck<Child, Table>
}

export type Rule<Child, Table extends string = string, Header = unknown> =
  ChildRule<Child, Table, Header> | ReturnRule<Child, Table, Header>

/** Return this from `check` when there is nothing to report: it saves an allocation per child. */
export const NO_HITS: readonly never[] = Object.freeze([])

/** A row of a return's data: anything with a row number and, when read from a file, a line. */
export interface Located {
  row: number
  line?: number | undefined
}

/** Build a hit for a row object: `hit('CINdetails', episode, ['CINreferralDate'])`. */
export function hit<Table extends string>(
  table: Table,
  at: Located,
  fields: readonly string[],
  detail?: string,
): RuleHit<Table> {
  const h: RuleHit<Table> = { table, row: at.row, fields }
  if (at.line !== undefined) h.line = at.line
  if (detail !== undefined) h.detail = detail
  return h
}

// ---------------------------------------------------------------------------------------------
// Rule sets per collection year

/**
 * The rules in force for one collection year. Each year is built from the year before:
 * `previous.next('2026/27', { add: [...], remove: ['8530Q'] })`. A rule in `add` whose code is
 * already present replaces it (the DfE amends rules in place and keeps the code).
 */
export class RuleSet<Child, Table extends string = string, Header = unknown> {
  readonly rules: readonly Rule<Child, Table, Header>[]

  private constructor(
    readonly year: string,
    rules: readonly Rule<Child, Table, Header>[],
  ) {
    const seen = new Set<string>()
    for (const r of rules) {
      if (seen.has(r.code)) throw new Error(`Rule ${r.code} is registered twice for ${year}`)
      seen.add(r.code)
    }
    this.rules = rules
  }

  static base<C, T extends string, H>(year: string, rules: readonly Rule<C, T, H>[]): RuleSet<C, T, H> {
    return new RuleSet(year, rules)
  }

  next(
    year: string,
    changes: { add?: readonly Rule<Child, Table, Header>[]; remove?: readonly string[] },
  ): RuleSet<Child, Table, Header> {
    const removed = new Set(changes.remove ?? [])
    for (const code of removed) {
      if (!this.rules.some((r) => r.code === code))
        throw new Error(`Cannot remove rule ${code} in ${year}: ${this.year} has no such rule`)
    }
    const added = new Map((changes.add ?? []).map((r) => [r.code, r]))
    const kept = this.rules
      .filter((r) => !removed.has(r.code))
      .map((r) => {
        const replacement = added.get(r.code)
        if (replacement) added.delete(r.code)
        return replacement ?? r
      })
    return new RuleSet(year, [...kept, ...added.values()])
  }

  codes(): string[] {
    return this.rules.map((r) => r.code)
  }

  /** Only the named rules (for `--rules` and for testing one rule through the runner). */
  only(codes: readonly string[]): RuleSet<Child, Table, Header> {
    const wanted = new Set(codes)
    return new RuleSet(
      this.year,
      this.rules.filter((r) => wanted.has(r.code)),
    )
  }
}

export class UnknownCollectionYearError extends Error {
  constructor(
    readonly year: string,
    readonly known: readonly string[],
    returnName: string,
  ) {
    super(`There are no ${returnName} rules for ${year}: Haven has ${known.join(', ') || 'none'}`)
    this.name = 'UnknownCollectionYearError'
  }
}

/** The rule sets of one return, by collection year label. */
export class RuleRegistry<Child, Table extends string = string, Header = unknown> {
  readonly #byYear = new Map<string, RuleSet<Child, Table, Header>>()

  constructor(
    readonly returnName: string,
    sets: readonly RuleSet<Child, Table, Header>[],
  ) {
    for (const s of sets) this.#byYear.set(s.year, s)
  }

  years(): string[] {
    return [...this.#byYear.keys()]
  }

  forYear(year: string): RuleSet<Child, Table, Header> {
    const set = this.#byYear.get(year)
    if (!set) throw new UnknownCollectionYearError(year, this.years(), this.returnName)
    return set
  }
}

// ---------------------------------------------------------------------------------------------
// Running

export interface Finding {
  /** The child's LA identifier; null for header and return-wide findings, or a child with none. */
  childId: string | null
  table: string
  row: number
  line?: number
  fields: readonly string[]
  code: string
  type: RuleType
  message: string
  detail?: string
  /** Set when the rule threw: the finding says the rule could not evaluate, and why. */
  couldNotEvaluate?: true
}

export interface RuleCount {
  code: string
  type: RuleType
  message: string
  /** Findings (places) reported by the rule. */
  findings: number
  /** Distinct children with at least one finding. */
  children: number
  /** Children for which the rule threw. */
  couldNotEvaluate: number
}

/** Something in the input the reader could not take in, reported instead of dropped. */
export interface ReadProblem {
  file: string
  line: number
  column?: number
  element: string
  message: string
  /** Tolerated without losing data (an ignored file): reported, but does not fail the run. */
  warning?: true
}

/** What a run tells besides the findings themselves: everything but the findings, all small. */
export interface ValidationSummary {
  returnName: string
  year: string
  /** The rule codes run, in registry order. */
  rules: readonly string[]
  children: number
  counts: RuleCount[]
  readProblems: ReadProblem[]
  errors: number
  queries: number
  /** Findings of rules that threw: the result cannot be trusted as complete while any remain. */
  couldNotEvaluate: number
  /** Rules of the year's set left out, and why (SSDA903: a table they need was not supplied). */
  notRun?: readonly { code: string; reason: string }[]
}

/** A run with every finding in memory: for tests and small returns (the CLI streams instead). */
export interface ValidationResult extends ValidationSummary {
  findings: Finding[]
}

/**
 * Where a run sends its findings, one at a time in the order found: child by child in file
 * order, each child's in rule order, then whole-return findings at the end. A sink keeps what
 * it needs (a report writer spills them to a file), so memory does not grow with the findings.
 * `add` is called in the hot loop and must not keep the run waiting.
 */
export interface FindingSink {
  add(finding: Finding): void
}

/** A sink that keeps every finding, for `runRules` and tests. */
export class CollectingSink implements FindingSink {
  readonly findings: Finding[] = []
  add(finding: Finding): void {
    this.findings.push(finding)
  }
}

/** Send each finding to every sink given (a report and, say, the upload page's tally). */
export function teeSink(...sinks: readonly FindingSink[]): FindingSink {
  return {
    add(finding) {
      for (const s of sinks) s.add(finding)
    },
  }
}

export interface RunOptions<Child, Table extends string, Header> {
  returnName: string
  rules: RuleSet<Child, Table, Header>
  context: RuleContext<Header>
  children: AsyncIterable<Child> | Iterable<Child>
  /**
   * The children in batches instead (a reader's natural unit): spares an await per child,
   * which on an England-sized return is a second or two. Used in place of `children` when given.
   */
  batches?: AsyncIterable<readonly Child[]>
  /** The identifier a finding names its child by (LAchildID, CHILD). */
  childId(child: Child): string | null
  /** Problems the reader met; read after the children are exhausted (the reader fills it as it goes). */
  readProblems?: readonly ReadProblem[]
  /**
   * What each child has and what each per-child rule looks at, as bit masks (SSDA903: the tables
   * the child has rows in, and the tables the rule names): a rule whose mask shares no bit with a
   * child's has nothing of that child's to look at, so it is not called. A rule whose mask is 0
   * is called for every child. Without it, every rule is called for every child.
   */
  relevance?: {
    rule(rule: ChildRule<Child, Table, Header>): number
    child(child: Child): number
  }
  /** Called every `progressEvery` children (default 10,000) and at the end. */
  onProgress?(childrenSoFar: number): void
  progressEvery?: number
}

async function* oneByOne<Child>(
  children: AsyncIterable<Child> | Iterable<Child>,
): AsyncGenerator<readonly Child[]> {
  for await (const child of children) yield [child]
}

function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}

/** Run the rules and keep every finding: `streamRules` with a collecting sink. */
export async function runRules<Child, Table extends string, Header>(
  options: RunOptions<Child, Table, Header>,
): Promise<ValidationResult> {
  const sink = new CollectingSink()
  const summary = await streamRules(options, sink)
  return { ...summary, findings: sink.findings }
}

/**
 * Run the rules, handing each finding to `sink` as it is found and keeping only the counts:
 * memory is bounded by the children in flight and the whole-return rules' state, however many
 * findings there are.
 */
export async function streamRules<Child, Table extends string, Header>(
  options: RunOptions<Child, Table, Header>,
  sink: FindingSink,
): Promise<ValidationSummary> {
  const { rules, context, childId } = options
  const childRules: ChildRule<Child, Table, Header>[] = []
  const returnRules: ReturnRule<Child, Table, Header>[] = []
  for (const r of rules.rules) {
    if (r.scope === 'return') returnRules.push(r)
    else childRules.push(r)
  }

  // Counters in parallel arrays indexed like `rules.rules`, so the hot loop does no lookups.
  const all = rules.rules
  const indexOf = new Map(all.map((r, i) => [r.code, i]))
  const findingCount = new Array<number>(all.length).fill(0)
  const childCount = new Array<number>(all.length).fill(0)
  const failCount = new Array<number>(all.length).fill(0)
  const childRuleIndex = childRules.map((r) => indexOf.get(r.code) as number)
  const relevance = options.relevance
  const ruleMask = childRules.map((r) => relevance?.rule(r) ?? 0)

  const record = (ruleIndex: number, rule: RuleBase<Table>, id: string | null, h: RuleHit<Table>): void => {
    const f: Finding = {
      childId: id,
      table: h.table,
      row: h.row,
      fields: h.fields,
      code: rule.code,
      type: rule.type,
      message: rule.message,
    }
    if (h.line !== undefined) f.line = h.line
    if (h.detail !== undefined) f.detail = h.detail
    sink.add(f)
    findingCount[ruleIndex] = (findingCount[ruleIndex] as number) + 1
  }

  const couldNot = (ruleIndex: number, rule: RuleBase<Table>, id: string | null, err: unknown): void => {
    const first = rule.affects[0]
    sink.add({
      childId: id,
      table: first?.table ?? '',
      row: -1,
      fields: first?.fields ?? [],
      code: rule.code,
      type: rule.type,
      message: `Rule could not evaluate: ${reasonOf(err)}`,
      couldNotEvaluate: true,
    })
    failCount[ruleIndex] = (failCount[ruleIndex] as number) + 1
  }

  const returnChecks: {
    index: number
    rule: ReturnRule<Child, Table, Header>
    check?: ReturnCheck<Child, Table>
  }[] = returnRules.map((rule) => {
    const index = indexOf.get(rule.code) as number
    try {
      return { index, rule, check: rule.begin(context) }
    } catch (err) {
      couldNot(index, rule, null, err)
      return { index, rule }
    }
  })

  const every = options.progressEvery ?? 10_000
  let children = 0
  const batches = options.batches ?? oneByOne(options.children)
  for await (const batch of batches)
    for (const child of batch) {
      children += 1
      const id = childId(child)
      const has = relevance ? relevance.child(child) : 0
      for (let i = 0; i < childRules.length; i++) {
        const mask = ruleMask[i] as number
        if (mask !== 0 && (mask & has) === 0) continue
        const rule = childRules[i] as ChildRule<Child, Table, Header>
        const ruleIndex = childRuleIndex[i] as number
        let hits: readonly RuleHit<Table>[]
        try {
          hits = rule.check(child, context)
        } catch (err) {
          couldNot(ruleIndex, rule, id, err)
          continue
        }
        if (hits.length === 0) continue
        childCount[ruleIndex] = (childCount[ruleIndex] as number) + 1
        for (const h of hits) record(ruleIndex, rule, id, h)
      }
      for (const rc of returnChecks) {
        if (!rc.check) continue
        try {
          rc.check.see(child)
        } catch (err) {
          couldNot(rc.index, rc.rule, id, err)
          delete rc.check // one failure is enough to make its result meaningless
        }
      }
      if (options.onProgress && children % every === 0) options.onProgress(children)
    }

  for (const rc of returnChecks) {
    if (!rc.check) continue
    let hits: readonly ReturnHit<Table>[]
    try {
      hits = rc.check.finish()
    } catch (err) {
      couldNot(rc.index, rc.rule, null, err)
      continue
    }
    const seen = new Set<string | null>()
    for (const h of hits) {
      seen.add(h.childId)
      record(rc.index, rc.rule, h.childId, h)
    }
    childCount[rc.index] = seen.size
  }
  options.onProgress?.(children)

  const counts: RuleCount[] = all.map((r, i) => ({
    code: r.code,
    type: r.type,
    message: r.message,
    findings: findingCount[i] as number,
    children: childCount[i] as number,
    couldNotEvaluate: failCount[i] as number,
  }))
  let errors = 0
  let queries = 0
  let couldNotEvaluate = 0
  for (const c of counts) {
    couldNotEvaluate += c.couldNotEvaluate
    if (c.type === 'error') errors += c.findings
    else queries += c.findings
  }
  return {
    returnName: options.returnName,
    year: rules.year,
    rules: rules.codes(),
    children,
    counts,
    readProblems: [...(options.readProblems ?? [])],
    errors,
    queries,
    couldNotEvaluate,
  }
}

/** Build the rule context for a year. */
export function ruleContext<Header>(
  year: CollectionYear,
  calendar: WorkingCalendar,
  header: Header,
): RuleContext<Header> {
  return {
    year,
    referenceDate: year.referenceDate,
    collectionStart: year.start,
    collectionEnd: year.end,
    calendar,
    header,
  }
}

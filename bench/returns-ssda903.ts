/**
 * Benchmark: validate synthetic SSDA903 returns of 3,000 children looked after and England-sized
 * (about 110,000 looked after during the year, with their episodes, reviews, missing spells and
 * the care-leaver cohort), the way `haven returns validate --ssda903 <dir> --previous <dir>
 * --out report.json` does it: the CSV files read, every 2025/26 rule run with last year's tables,
 * findings streamed to a JSON report written to a file. Wall time, CPU time and peak memory are
 * printed beside a plain parse of the same files in the same process.
 *
 *   npm run bench -- returns-ssda903         both sizes, results to bench/results/returns-ssda903.{json,md}
 *   npx tsx bench/returns-ssda903.ts 30000   another number of children looked after, printed only
 *   npx tsx bench/returns-ssda903.ts from <dir> [n]   a set made before (`generate <n> <dir>`), printed only
 *
 * The sets come from the synthetic authority (src/modules/synth), as `haven synth returns`
 * writes them, with 1% of children given a defect so the report has findings in it. The
 * authority's size is its children in need; about one in 5.9 of them is looked after during the
 * year, so the size asked for is scaled by that, and the number of children looked after in the
 * set (children with an episode this year) is counted and recorded. Postcodes are looked up in
 * the shipped synthetic postcode table, held in memory, as against a database holding that table;
 * there is no Ofsted provider list, so the six provider rules do not run.
 *
 * Baseline ("plain parse"): every file of both years read as UTF-8 text and split into lines
 * and cells, counting the Header rows, in the validating process just before it validates.
 * Each size runs in its own process, so peak RSS is that run's alone; it gets V8's young
 * generation at 64 MB a half (`--max-semi-space-size=64`), as `npm run haven` does. Load average
 * is recorded: the machine is shared, and wall time means little when it is busy (CPU seconds
 * are recorded beside it).
 */
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCollectionYear } from '../src/modules/returns/collection-year.js'
import { reportWriter } from '../src/modules/returns/report.js'
import { streamSsda903Files } from '../src/modules/returns/ssda903/validate.js'
import { SYNTHETIC_LA_CODE, syntheticPostcodeLookup } from '../src/modules/synth/ssda903-check.js'
import { writeSyntheticReturns } from '../src/modules/synth/write.js'

/** Children looked after during the year. */
const SIZES = [3_000, 110_000]
const TARGETS: Record<number, string> = {
  3_000: '< 1 s',
  110_000: '< 10 s, < 1 GB, < 3× the plain parse',
}
/** Children in need in the synthetic authority for each child looked after during the year. */
const IN_NEED_PER_LOOKED_AFTER = 5.9
/** Children given a defect by the synthetic authority. */
const DEFECTS = 0.01
const YEAR = '2025/26'
/** As in package.json's `haven` script. */
const NODE_FLAGS = ['--max-semi-space-size=64']

/** The synthetic authority's returns for `lookedAfter` children looked after; the SSDA903 CSV directory. */
async function generate(dir: string, lookedAfter: number): Promise<string> {
  await writeSyntheticReturns({
    seed: 'bench',
    children: Math.round(lookedAfter * IN_NEED_PER_LOOKED_AFTER),
    year: parseCollectionYear(YEAR),
    defects: DEFECTS,
    out: dir,
  })
  // Only the CSV form is validated: the census and the XML form go, to spare the disk.
  rmSync(join(dir, 'cin-census.xml'))
  rmSync(join(dir, 'ssda903-xml'), { recursive: true })
  return join(dir, 'ssda903')
}

const csvFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f))

/**
 * The plain parse every run is measured against: each file read as UTF-8 and split into lines
 * and cells (no quotes, types or rows), counting the children in `headerFile`.
 */
export async function plainParse(
  files: readonly string[],
  headerFile: string,
): Promise<{ seconds: number; children: number; cells: number }> {
  const t0 = performance.now()
  let children = 0
  let cells = 0
  for (const file of files) {
    const header = file === headerFile
    let carry = ''
    let lines = 0
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = carry + (chunk as string)
      const split = text.split('\n')
      carry = split.pop() as string
      for (const line of split) {
        if (line === '' || line === '\r') continue
        cells += line.split(',').length
        lines++
      }
    }
    if (carry !== '') {
      cells += carry.split(',').length
      lines++
    }
    if (header) children += lines - 1
  }
  return { seconds: (performance.now() - t0) / 1000, children, cells }
}

interface Measure {
  /** Children looked after asked of the synthetic authority. */
  requested: number
  /** Children in the Header (looked after during the year, and care leavers). */
  children: number
  /** Children with an episode this year. */
  lookedAfter: number
  /** Children in last year's Header. */
  previousChildren: number
  filesMB: number
  generateSeconds: number
  seconds: number
  cpuSeconds: number
  baselineSeconds: number
  /** Validation time over the plain parse's. */
  ratio: number
  peakRssMB: number
  errors: number
  queries: number
  findings: number
  reportMB: number
  rules: number
  notRun: number
}

type Validated = Omit<Measure, 'requested' | 'generateSeconds' | 'lookedAfter' | 'previousChildren'>

/** Validate one set in this process with a JSON report written to a file; print one line of JSON. */
async function measure(dir: string): Promise<void> {
  const files = [...csvFiles(dir), ...csvFiles(join(dir, 'previous'))]
  const baseline = await plainParse(files, join(dir, 'header.csv'))
  const reportPath = join(dir, '..', 'report.json')
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const writer = reportWriter('json')
  try {
    const summary = await streamSsda903Files(
      { files: [dir], previous: join(dir, 'previous') },
      YEAR,
      writer,
      {
        laCode: SYNTHETIC_LA_CODE,
        postcodes: syntheticPostcodeLookup,
      },
    )
    const out = createWriteStream(reportPath)
    for await (const piece of writer.pieces(summary, { input: dir })) {
      if (!out.write(piece)) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    // The validator counts children by CHILD in every table, the plain parse Header rows: a
    // defect (a child's Header row left out, or given twice) parts them by a few.
    if (Math.abs(baseline.children - summary.children) > summary.children * 0.01) {
      throw new Error(
        `the plain parse counted ${baseline.children} Header rows, the validator ${summary.children} children`,
      )
    }
    const m: Validated = {
      children: summary.children,
      filesMB: Math.round(files.reduce((n, f) => n + statSync(f).size, 0) / 1e5) / 10,
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      baselineSeconds: Math.round(baseline.seconds * 1000) / 1000,
      ratio: Math.round((seconds / baseline.seconds) * 10) / 10,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      errors: summary.errors,
      queries: summary.queries,
      findings: summary.errors + summary.queries + summary.couldNotEvaluate,
      reportMB: Math.round(statSync(reportPath).size / 1e5) / 10,
      rules: summary.rules.length,
      notRun: summary.notRun.length,
    }
    console.log(JSON.stringify(m))
  } finally {
    writer.discard()
    rmSync(reportPath, { force: true })
  }
}

/** Children with an episode in this year's episodes.csv. */
async function countLookedAfter(dir: string): Promise<number> {
  const ids = new Set<string>()
  let carry = ''
  let first = true
  for await (const chunk of createReadStream(join(dir, 'episodes.csv'), { encoding: 'utf8' })) {
    const lines = (carry + (chunk as string)).split('\n')
    carry = lines.pop() as string
    for (const line of lines) {
      if (first) first = false
      else if (line.trim() !== '') ids.add(line.slice(0, line.indexOf(',')))
    }
  }
  if (carry.trim() !== '') ids.add(carry.slice(0, carry.indexOf(',')))
  return ids.size
}

function inChild(flags: readonly string[], ...args: string[]): string {
  const self = fileURLToPath(import.meta.url)
  return execFileSync(process.execPath, [...flags, ...process.execArgv, self, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  })
}

const load = () => loadavg().map((l) => Math.round(l * 10) / 10)

async function main(): Promise<void> {
  const [mode, arg, size] = process.argv.slice(2)
  if (mode === 'generate') return void (await generate(size as string, Number(arg)))
  if (mode === 'validate') return measure(arg as string)
  const given = mode === 'from' ? (arg as string) : undefined
  const sizes = given ? [Number(size ?? 0)] : mode ? [Number(mode)] : SIZES
  const root = mkdtempSync(join(tmpdir(), 'haven-bench-ssda903-'))
  const loadBefore = load()
  const results: Measure[] = []
  try {
    for (const n of sizes) {
      console.error(`SSDA903 return, ${n.toLocaleString('en-GB')} children looked after…`)
      const g0 = performance.now()
      if (!given) inChild([], 'generate', String(n), join(root, `synth-${n}`))
      const generateSeconds = Math.round((performance.now() - g0) / 10) / 100
      const dir = given ?? join(root, `synth-${n}`, 'ssda903')
      const out = inChild(NODE_FLAGS, 'validate', dir)
      const m: Measure = {
        requested: n,
        generateSeconds,
        lookedAfter: await countLookedAfter(dir),
        previousChildren: (
          await plainParse([join(dir, 'previous', 'header.csv')], join(dir, 'previous', 'header.csv'))
        ).children,
        ...(JSON.parse(out.trim().split('\n').pop() as string) as Validated),
      }
      if (!given) rmSync(join(root, `synth-${n}`), { recursive: true, force: true })
      results.push(m)
      console.log(
        `${m.lookedAfter.toLocaleString('en-GB')} looked after (${m.children.toLocaleString('en-GB')} children, ${m.previousChildren.toLocaleString('en-GB')} last year)  ${m.filesMB} MB  ${m.seconds} s (${m.cpuSeconds} s CPU; ${m.ratio}× the plain parse of ${m.baselineSeconds} s)  peak RSS ${m.peakRssMB} MB  ${m.errors} errors, ${m.queries} queries, ${m.rules} rules (${m.notRun} not run)`,
      )
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  const loadAfter = load()
  console.log(`load average (1, 5, 15 min) before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}`)
  if (mode) return
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
  const date = new Date().toISOString()
  const resultsDir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  // More runnable work than cores: wall times are inflated, so the figures are marked as not final.
  const busy = Math.max(loadBefore[0] ?? 0, loadAfter[0] ?? 0) > cpus().length
  const setup = {
    year: YEAR,
    defects: DEFECTS,
    inNeedPerLookedAfter: IN_NEED_PER_LOOKED_AFTER,
    nodeFlags: NODE_FLAGS,
  }
  writeFileSync(
    join(resultsDir, 'returns-ssda903.json'),
    JSON.stringify({ date, machine, loadBefore, loadAfter, busy, setup, results }, null, 2) + '\n',
  )
  const rows = results.map(
    (m) =>
      `| ${m.lookedAfter.toLocaleString('en-GB')} | ${m.children.toLocaleString('en-GB')} | ${m.previousChildren.toLocaleString('en-GB')} | ${m.filesMB} | ${m.seconds} | ${m.cpuSeconds} | ${m.baselineSeconds} | ${m.ratio}× | ${m.peakRssMB} | ${m.rules} | ${m.errors} | ${m.queries} | ${TARGETS[m.requested] ?? ''} |`,
  )
  const md = [
    '# SSDA903 validation benchmark',
    '',
    `${date}, ${machine}. Run with \`npm run bench -- returns-ssda903\`.`,
    `Load average (1, 5, 15 min) before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}.`,
    ...(busy
      ? [
          '',
          '**Measured on a busy machine (load above the number of cores): not final.** Wall times are',
          'inflated by other work; CPU seconds and peak RSS are the better guide until a quiet run.',
        ]
      : []),
    '',
    `The synthetic authority's ${YEAR} SSDA903 return as CSV, this year's and last year's, with ${DEFECTS * 100}% of`,
    'children given a defect. Wall time covers reading both years, every rule whose tables were',
    'supplied, and writing a JSON report to a file, the way `haven returns validate --ssda903` does',
    '(findings streamed to the report); postcodes from the synthetic postcode table, no Ofsted',
    'provider list. The files are generated beforehand in another process and not timed; peak RSS',
    'is that of the validating process alone (node, tsx and the rules included).',
    '',
    'Baseline: a plain parse of the same files (read as text, split into lines and cells), in the',
    'same process just before.',
    '',
    '| Looked after | Children | Last year | Files (MB) | Seconds | CPU s | Plain parse (s) | Ratio | Peak RSS (MB) | Rules | Errors | Queries | Target |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n')
  writeFileSync(join(resultsDir, 'returns-ssda903.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

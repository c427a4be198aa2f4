/**
 * Benchmark: an England-sized CIN census with findings in their millions, validated the way
 * `haven returns validate --cin … --out report.json` does it (findings streamed to the report,
 * spilled to a temporary file), to watch that memory stays bounded by the children in flight
 * rather than growing with the findings.
 *
 *   npm run bench -- returns-cin-findings        700,000 children, results to bench/results/returns-cin-findings.{json,md}
 *   npx tsx bench/returns-cin-findings.ts 30000  another size, printed only
 *   npx tsx bench/returns-cin-findings.ts validate <file.xml> [json|csv|html]   one file, one line of JSON
 *   npx tsx bench/returns-cin-findings.ts from <file.xml>   a census made before (`generate <n> <dir>`), results written
 *
 * The census: the synthetic authority's (src/modules/synth) with 1% of children given a defect,
 * then a share of the values inside children made wrong (blanked, or prefixed with an X), one
 * value in `VALUE_RATE`, chosen by a seeded generator. The synthetic defects alone give a few
 * findings per hundred children; the values made wrong bring it to about two per child, some
 * 1.5 million at England size, as in the measurement of issue 13. Each step runs in its own
 * process, so peak RSS is the validating process's alone; the baseline, reading the file's bytes
 * and counting its children, runs in that process just before, and validation is printed as a
 * ratio of it. Load average is recorded: the machine is shared, and wall time means little
 * when it is busy (CPU seconds are recorded beside it).
 *
 * The validating process gets V8's young generation at 64 MB a half (`--max-semi-space-size=64`),
 * as `npm run haven` does: children in flight then die young instead of being promoted and
 * piling up in the old generation, which took peak memory from 1.0 GB to 0.67 GB and a fifth
 * off the CPU time on this census.
 */
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { streamCinFile } from '../src/modules/returns/cin/validate.js'
import { parseCollectionYear } from '../src/modules/returns/collection-year.js'
import { REPORT_FORMATS, reportWriter, type ReportFormat } from '../src/modules/returns/report.js'
import { writeSyntheticReturns } from '../src/modules/synth/write.js'
import { readBaseline } from './returns-cin.js'

const SIZE = 700_000
/** Children given a defect by the synthetic authority. */
const DEFECTS = 0.01
/** Values inside children made wrong. */
const VALUE_RATE = 0.12
const TARGET = '< 20 s and < 1 GB'
/** As in package.json's `haven` script. */
const NODE_FLAGS = ['--max-semi-space-size=64']

/** mulberry32: a small seeded generator, so the same file comes out every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Copy a census line by line, making one leaf value in `rate` wrong inside `<Children>` (the
 * header is left alone). The synthetic writer puts one element on a line.
 */
export async function spoilValues(from: string, to: string, rate: number, seed = 13): Promise<number> {
  const random = seeded(seed)
  const leaf = /^(\s*<(\w+)>)([^<]*)(<\/\2>)$/
  const out = createWriteStream(to)
  let inChildren = false
  let spoilt = 0
  let batch = ''
  for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
    let text = line
    if (!inChildren) inChildren = line.trim() === '<Children>'
    else if (random() < rate) {
      const m = leaf.exec(line)
      if (m) {
        text = `${m[1]}${random() < 0.5 ? '' : `X${m[3]}`}${m[4]}`
        spoilt += 1
      }
    }
    batch += text + '\n'
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain')
      batch = ''
    }
  }
  out.end(batch)
  await once(out, 'finish')
  return spoilt
}

async function generate(dir: string, n: number): Promise<string> {
  await writeSyntheticReturns({
    seed: 'bench',
    children: n,
    year: parseCollectionYear('2025/26'),
    defects: DEFECTS,
    out: dir,
  })
  const clean = join(dir, 'cin-census.xml')
  const spoilt = join(dir, 'cin-census-findings.xml')
  await spoilValues(clean, spoilt, VALUE_RATE)
  rmSync(clean)
  return spoilt
}

interface Measure {
  children: number
  fileMB: number
  format: ReportFormat
  seconds: number
  cpuSeconds: number
  baselineSeconds: number
  ratio: number
  peakRssMB: number
  findings: number
  reportMB: number
  rules: number
}

/** Validate one file in this process with a report written to a file, and print one line of JSON. */
async function measure(file: string, format: ReportFormat): Promise<void> {
  const baseline = await readBaseline(file)
  const reportPath = `${file}.report.${format}`
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const writer = reportWriter(format)
  try {
    const summary = await streamCinFile(file, '2025/26', writer)
    const out = createWriteStream(reportPath)
    for await (const piece of writer.pieces(summary, { input: file })) {
      if (!out.write(piece)) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    if (baseline.children !== summary.children) {
      throw new Error(`the baseline counted ${baseline.children} children, the validator ${summary.children}`)
    }
    const m: Measure = {
      children: summary.children,
      fileMB: Math.round(statSync(file).size / 1e5) / 10,
      format,
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      baselineSeconds: Math.round(baseline.seconds * 100) / 100,
      ratio: Math.round((seconds / baseline.seconds) * 10) / 10,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      findings: summary.errors + summary.queries + summary.couldNotEvaluate,
      reportMB: Math.round(statSync(reportPath).size / 1e5) / 10,
      rules: summary.rules.length,
    }
    console.log(JSON.stringify(m))
  } finally {
    writer.discard()
    rmSync(reportPath, { force: true })
  }
}

function inChild(...args: string[]): string {
  const self = fileURLToPath(import.meta.url)
  return execFileSync(process.execPath, [...NODE_FLAGS, ...process.execArgv, self, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  })
}

const load = () => loadavg().map((l) => Math.round(l * 10) / 10)

async function main(): Promise<void> {
  const [mode, arg, fmt] = process.argv.slice(2)
  if (mode === 'generate') return void (await generate(fmt as string, Number(arg)))
  if (mode === 'validate') {
    const format = (fmt ?? 'json') as ReportFormat
    if (!REPORT_FORMATS.includes(format)) throw new Error(`unknown format ${format}`)
    return measure(arg as string, format)
  }
  const given = mode === 'from' ? (arg as string) : undefined
  const n = mode && !given ? Number(mode) : SIZE
  const dir = mkdtempSync(join(tmpdir(), 'haven-bench-cin-findings-'))
  const loadBefore = load()
  const results: Measure[] = []
  let generateSeconds = 0
  try {
    console.error(`CIN census with many findings, ${n.toLocaleString('en-GB')} children…`)
    const g0 = performance.now()
    if (!given) inChild('generate', String(n), dir)
    generateSeconds = Math.round((performance.now() - g0) / 10) / 100
    const file = given ?? join(dir, 'cin-census-findings.xml')
    for (const format of ['json', 'csv', 'html'] as const) {
      const out = inChild('validate', file, format)
      const m = JSON.parse(out.trim().split('\n').pop() as string) as Measure
      results.push(m)
      console.log(
        `${m.children.toLocaleString('en-GB')} children  ${m.fileMB} MB  ${m.format} report ${m.reportMB} MB  ${m.seconds} s (${m.cpuSeconds} s CPU; ${m.ratio}× the baseline read of ${m.baselineSeconds} s)  peak RSS ${m.peakRssMB} MB  ${m.findings.toLocaleString('en-GB')} findings`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const loadAfter = load()
  console.log(`load average (1, 5, 15 min) before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}`)
  if (mode && !given) return
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
  const date = new Date().toISOString()
  const resultsDir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  const setup = { size: n, defects: DEFECTS, valueRate: VALUE_RATE, generateSeconds }
  // More runnable work than cores: wall times are inflated, so the figures are marked as not final.
  const busy = Math.max(loadBefore[0] ?? 0, loadAfter[0] ?? 0) > cpus().length
  writeFileSync(
    join(resultsDir, 'returns-cin-findings.json'),
    JSON.stringify({ date, machine, loadBefore, loadAfter, busy, setup, results }, null, 2) + '\n',
  )
  const rows = results.map(
    (m) =>
      `| ${m.children.toLocaleString('en-GB')} | ${m.fileMB} | ${m.findings.toLocaleString('en-GB')} | ${m.format} | ${m.reportMB} | ${m.seconds} | ${m.cpuSeconds} | ${m.baselineSeconds} | ${m.ratio}× | ${m.peakRssMB} | ${TARGET} |`,
  )
  const md = [
    '# CIN census validation benchmark: millions of findings',
    '',
    `${date}, ${machine}. Run with \`npm run bench -- returns-cin-findings\`.`,
    `Load average (1, 5, 15 min) before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}.`,
    ...(busy
      ? [
          '',
          '**Measured on a busy machine (load above the number of cores): not final.** Wall times are',
          'inflated by other work; CPU seconds and peak RSS are the better guide until a quiet run.',
        ]
      : []),
    '',
    `The synthetic authority's census with ${DEFECTS * 100}% of children given a defect, then ${VALUE_RATE * 100}% of the`,
    'values inside children made wrong (blank, or prefixed with X), for about two findings a child.',
    'Wall time covers reading, every 2025/26 rule and writing the report to a file, the way',
    '`haven returns validate --cin` does: findings are streamed to the report (JSON and CSV spill',
    'to a temporary file), never all held. Peak RSS is the validating process alone.',
    '',
    'Baseline: reading the same file and counting its children, in the same process just before.',
    '',
    '| Children | File (MB) | Findings | Report | Report (MB) | Seconds | CPU s | Baseline (s) | Ratio | Peak RSS (MB) | Target |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n')
  writeFileSync(join(resultsDir, 'returns-cin-findings.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

/**
 * Benchmark: validate synthetic CIN census files of 3,000, 30,000 and 700,000 children
 * (England-sized) with every registered CIN rule, and report wall time, children per second
 * and peak memory. Each size runs in its own child process so the peak RSS is that run's.
 *
 *   npx tsx bench/returns-cin.ts            all sizes, results to bench/results/returns-cin.{json,md}
 *   npx tsx bench/returns-cin.ts 30000      one size, printed only
 *
 * Files come from the synthetic authority (src/modules/synth). Each run also times a baseline
 * on the same file, reading its bytes and counting children, and prints validation as a ratio
 * of it, so figures from different machines can be compared.
 */
import { execFileSync } from 'node:child_process'
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCollectionYear } from '../src/modules/returns/collection-year.js'
import { validateCinFile } from '../src/modules/returns/cin/validate.js'
import { writeSyntheticReturns } from '../src/modules/synth/write.js'

const SIZES = [3_000, 30_000, 700_000]
const TARGETS: Record<number, string> = { 3_000: '< 1 s', 700_000: '< 30 s and < 2 GB' }

/** The synthetic authority's CIN census for 2025/26, with 3% of children given a defect. */
export async function writeSyntheticCin(dir: string, n: number, seed = 'bench'): Promise<string> {
  await writeSyntheticReturns({
    seed,
    children: n,
    year: parseCollectionYear('2025/26'),
    defects: 0.03,
    out: dir,
  })
  return join(dir, 'cin-census.xml')
}

/**
 * The baseline every run is measured against, on the same file in the same process: reading
 * its bytes and counting the children, the floor no validator can beat.
 */
export async function readBaseline(file: string): Promise<{ seconds: number; children: number }> {
  const t0 = performance.now()
  let children = 0
  let carry = ''
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = chunk as string
    // Only the ends are joined, for a tag cut between chunks: searching a string joined from two
    // is several times slower than searching the chunk, and made this baseline 5 s, not 1.
    if (carry !== '' && (carry + text.slice(0, 6)).includes('<Child>')) children += 1
    let at = text.indexOf('<Child>')
    while (at >= 0) {
      children += 1
      at = text.indexOf('<Child>', at + 7)
    }
    carry = text.slice(-6)
  }
  return { seconds: (performance.now() - t0) / 1000, children }
}

interface Measure {
  /** The size asked of the synthetic authority; `children` is how many the file holds. */
  requested: number
  children: number
  fileMB: number
  generateSeconds: number
  seconds: number
  baselineSeconds: number
  /** Validation time over the baseline's: how many times longer than reading the file. */
  ratio: number
  childrenPerSecond: number
  peakRssMB: number
  errors: number
  queries: number
  rules: number
}

/** Validate one file in this process and print one line of JSON (peak RSS is this process's alone). */
async function measure(file: string): Promise<void> {
  const baseline = await readBaseline(file)
  const t0 = performance.now()
  const result = await validateCinFile(file, '2025/26')
  const seconds = (performance.now() - t0) / 1000
  if (baseline.children !== result.children) {
    throw new Error(`the baseline counted ${baseline.children} children, the validator ${result.children}`)
  }
  const m: Omit<Measure, 'generateSeconds' | 'requested'> = {
    children: result.children,
    fileMB: Math.round(statSync(file).size / 1e5) / 10,
    seconds: Math.round(seconds * 100) / 100,
    baselineSeconds: Math.round(baseline.seconds * 100) / 100,
    ratio: Math.round((seconds / baseline.seconds) * 10) / 10,
    childrenPerSecond: Math.round(result.children / seconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    errors: result.errors,
    queries: result.queries,
    rules: result.rules.length,
  }
  console.log(JSON.stringify(m))
}

/** Run this file in a fresh process, so generation and each size do not share a heap. */
function inChild(...args: string[]): string {
  const self = fileURLToPath(import.meta.url)
  return execFileSync(process.execPath, [...process.execArgv, self, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  })
}

async function main(): Promise<void> {
  const [mode, arg, file] = process.argv.slice(2)
  if (mode === 'generate') return void (await writeSyntheticCin(file as string, Number(arg)))
  if (mode === 'validate') return measure(arg as string)
  const sizes = mode ? [Number(mode)] : SIZES
  const dir = mkdtempSync(join(tmpdir(), 'haven-bench-cin-'))
  const results: Measure[] = []
  try {
    for (const n of sizes) {
      console.error(`CIN census, ${n.toLocaleString('en-GB')} children…`)
      const outDir = join(dir, `synth-${n}`)
      const path = join(outDir, 'cin-census.xml')
      const g0 = performance.now()
      inChild('generate', String(n), outDir)
      const generateSeconds = Math.round((performance.now() - g0) / 10) / 100
      const out = inChild('validate', path)
      const m = {
        requested: n,
        generateSeconds,
        ...(JSON.parse(out.trim().split('\n').pop() as string) as Omit<
          Measure,
          'generateSeconds' | 'requested'
        >),
      }
      rmSync(outDir, { recursive: true, force: true })
      results.push(m)
      console.log(
        `${String(n).padStart(8)} children  ${m.fileMB} MB  ${m.seconds} s (${m.ratio}× the baseline read of ${m.baselineSeconds} s)  ${m.childrenPerSecond.toLocaleString('en-GB')} children/s  peak RSS ${m.peakRssMB} MB  (${m.errors} errors, ${m.queries} queries, ${m.rules} rules)`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  if (mode) return
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
  const date = new Date().toISOString()
  const resultsDir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  writeFileSync(
    join(resultsDir, 'returns-cin.json'),
    JSON.stringify({ date, machine, results }, null, 2) + '\n',
  )
  const rows = results.map(
    (m) =>
      `| ${m.children.toLocaleString('en-GB')} | ${m.fileMB} | ${m.seconds} | ${m.baselineSeconds} | ${m.ratio}× | ${m.childrenPerSecond.toLocaleString('en-GB')} | ${m.peakRssMB} | ${m.rules} | ${m.errors} | ${m.queries} | ${TARGETS[m.requested] ?? ''} |`,
  )
  const md = [
    '# CIN census validation benchmark',
    '',
    `${date}, ${machine}. Run with \`npx tsx bench/returns-cin.ts\`.`,
    '',
    'Wall time covers reading and parsing the XML (streamed, one child at a time) and running every',
    'registered 2025/26 CIN rule. The file is generated beforehand in another process and not timed;',
    'peak RSS is that of the validating process alone (node, tsx and the rules included).',
    '',
    'Baseline: reading the same file and counting its children, in the same process just before.',
    '',
    '| Children | File (MB) | Seconds | Baseline (s) | Ratio | Children/s | Peak RSS (MB) | Rules | Errors | Queries | Target |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n')
  writeFileSync(join(resultsDir, 'returns-cin.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

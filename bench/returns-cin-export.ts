/**
 * Benchmark (issue 14): the CIN census exported from Haven's records, as `haven returns export
 * --cin` does it (build from the published views a batch of children at a time, write the XML,
 * then validate the file against the year's rules and write the findings), on PostgreSQL.
 *
 *   npm run bench -- returns-cin-export            the demo authority, then England-sized (100,000 and
 *                                                  300,000 children in need), results to bench/results/
 *   npx tsx bench/returns-cin-export.ts demo       the demo authority only, printed only
 *   npx tsx bench/returns-cin-export.ts england 30000 [100000 …]   these sizes, printed only
 *   npx tsx bench/returns-cin-export.ts england 700000 --save     the full England-sized run, saved
 *   npx tsx bench/returns-cin-export.ts demo england 700000 --save   the demo and England-sized, saved
 *   npx tsx bench/returns-cin-export.ts england 10000 --database URL   export from a database loaded before
 *   npx tsx bench/returns-cin-export.ts england 30000 --base 0     load all 30,000 (no copies): slow
 *
 * Needs a PostgreSQL server: a scratch database is created beside DATABASE_URL (or
 * BENCH_DATABASE_URL) for each authority and dropped afterwards.
 *
 * - The demo authority, as `npm start` builds it: the hand-made demo and 42,000 synthetic
 *   children (seed "thurrock", history to now). Target: the export in under 5 s.
 * - England-sized: the synthetic authority's children in need only (`loadAuthority` with
 *   `inNeedOnly`: their families, contacts, referrals, assessments, enquiries, conferences, plans,
 *   reviews, visits, care, case events and tasks; no children whose contacts went no further),
 *   history to 1 April 2026 so the year is 2025/26. England has about 700,000 children in need
 *   during the year. Target: exported in under 60 s and under 1 GB peak RSS. Loading runs at
 *   tens of children in need a second, so above 10,000 (`--base N`) the authority is 10,000
 *   loaded and then copied inside PostgreSQL until it is the size asked (replicate-authority.ts:
 *   every copy the base's children with other ids and identifiers; 700,000 is 70 copies).
 *
 * Each step runs in a process of its own (so peak RSS, VmHWM, is that step's): the load (timed,
 * with its peak RSS), then the export, with the time and peak RSS after building and writing the
 * XML, and again after validating it and writing the findings (the CLI's two steps). The demo's
 * export is also run through the CLI's own entry point (`exportReturn`), start to finish, in a
 * process of its own. Baseline, to compare machines: reading the written file and counting its
 * children (as returns-cin.ts does).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openHavenDatabase } from '../src/bootstrap.js'
import { loadConfig } from '../src/platform/config.js'
import { englandAndWales } from '../src/platform/calendar/working-days.js'
import { parseCollectionYear } from '../src/modules/returns/collection-year.js'
import { exportCinCensus } from '../src/modules/returns/cin-export/service.js'
import { streamCinFile } from '../src/modules/returns/cin/validate.js'
import { reportWriter } from '../src/modules/returns/report.js'
import { loadAuthority } from '../src/modules/synth/load.js'
import { replicateAuthority } from './replicate-authority.js'
import { readBaseline } from './returns-cin.js'
import { BASE_ENV, createScratch, peakRssMB, stepInChild, type Scratch } from './scratch-database.js'

const YEAR = '2025/26'
const ENGLAND_SIZES = [100_000, 300_000]
const ENGLAND_FULL = 700_000
const ENGLAND_AS_OF = '2026-04-01T12:00:00Z'
/** England-sized authorities are this many children in need loaded, then copied (`--base N`). */
const ENGLAND_BASE = 10_000
const DEMO_TARGET_SECONDS = 5
const ENGLAND_TARGET = { seconds: 60, rssMB: 1024 }
const LA_NUMBER = '883'

const log = (line: string) => console.error(line)
const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places

// ---------------------------------------------------------------------------------------------
// The steps, each run in a process of its own (`npx tsx bench/returns-cin-export.ts step …`).

export interface Loaded {
  seconds: number
  peakRssMB: number
  children: number
  childrenInNeed: number | null
  /** England-sized: the children in need loaded, and how many copies of them the database holds. */
  base?: { childrenInNeed: number; times: number; loadSeconds: number; replicateSeconds: number }
  caseEvents: number
  tasks: number
  referrals: number | null
  databaseMB: number
}

export async function stepLoad(
  kind: 'demo' | 'england',
  inNeed: number,
  load = true,
  baseSize = ENGLAND_BASE,
): Promise<Loaded> {
  const env = process.env as Record<string, string>
  const t0 = performance.now()
  let last = 0
  const progress = (message: string) => {
    if (performance.now() - last > 30_000) {
      last = performance.now()
      log(`  ${message}`)
    }
  }
  // The demo: exactly what the server's first start builds (seedDemoOnFirstRun, 42,000 children).
  const config =
    kind === 'demo'
      ? loadConfig({ ...env, HAVEN_SEED_DEMO: 'true', HAVEN_DEMO_CHILDREN: '42000' })
      : loadConfig(env)
  const database = await openHavenDatabase(config, {
    seedDemo: load && kind === 'demo',
    onProgress: progress,
  })
  try {
    const { db } = database
    let base: Loaded['base']
    let childrenInNeed = inNeed
    if (load && kind === 'england') {
      // Above the base size: the base loaded, then copied until the database holds about `inNeed`.
      const times = baseSize > 0 && inNeed > baseSize ? Math.round(inNeed / baseSize) : 1
      const loaded = times > 1 ? baseSize : inNeed
      await loadAuthority(db, {
        seed: 'england',
        children: loaded,
        inNeedOnly: true,
        asOf: new Date(ENGLAND_AS_OF),
        onProgress: progress,
      })
      const loadSeconds = (performance.now() - t0) / 1000
      if (times > 1) {
        log(
          `  ${loaded.toLocaleString('en-GB')} children in need loaded in ${round(loadSeconds)} s; copying…`,
        )
        const copied = await replicateAuthority(db, { times, onProgress: progress })
        base = {
          childrenInNeed: loaded,
          times,
          loadSeconds: round(loadSeconds),
          replicateSeconds: round(copied.milliseconds / 1000),
        }
        childrenInNeed = loaded * times
      }
    }
    const seconds = load ? (performance.now() - t0) / 1000 : Number.NaN
    if (load) await sql`vacuum analyze`.execute(db)
    const n = async (q: string) => Number((await sql.raw<{ n: string }>(q).execute(db)).rows[0]?.n ?? 0)
    return {
      seconds: round(seconds),
      peakRssMB: peakRssMB(),
      children: await n(`select count(*) as n from person where kind = 'child'`),
      childrenInNeed: kind === 'england' ? childrenInNeed : null,
      ...(base ? { base } : {}),
      caseEvents: await n(`select count(*) as n from case_event`),
      tasks: await n(`select count(*) as n from task`),
      referrals: await n(`select count(*) as n from referral`),
      databaseMB: Math.round((await n(`select pg_database_size(current_database()) as n`)) / 1e6),
    }
  } finally {
    await database.close()
  }
}

interface Exported {
  children: number
  fileMB: number
  /** Building and writing the XML. */
  exportSeconds: number
  exportPeakRssMB: number
  /** Validating the written file and writing the findings, as the CLI does next. */
  validateSeconds: number
  /** Peak RSS of the whole command, export and validation. */
  peakRssMB: number
  seconds: number
  errors: number
  queries: number
  baselineSeconds: number | null
}

/** The CLI's two steps, in this process: export to a file, then validate it into a findings CSV. */
async function stepExport(dir: string): Promise<Exported> {
  const year = parseCollectionYear(YEAR)
  const xml = join(dir, 'cin-census.xml')
  const findings = join(dir, 'cin-census-findings.csv')
  const database = await openHavenDatabase(loadConfig(process.env as Record<string, string>), {
    seedDemo: false,
  })
  const t0 = performance.now()
  let children: number
  try {
    const write = await exportCinCensus(
      database.db,
      'command_line',
      { userId: null, username: 'cli:bench', requestId: null },
      { year, laNumber: LA_NUMBER, calendar: englandAndWales },
    )
    const out = createWriteStream(xml)
    children = (await write(out)).children
    out.end()
    await once(out, 'close')
  } finally {
    await database.close()
  }
  const exportSeconds = (performance.now() - t0) / 1000
  const exportPeakRssMB = peakRssMB()
  const t1 = performance.now()
  const { writeReport } = await import('../src/cli/commands/returns.js')
  const writer = reportWriter('csv')
  let result
  try {
    result = await streamCinFile(xml, year.label, writer)
    await writeReport(writer.pieces(result, { input: xml }), findings)
  } finally {
    writer.discard()
  }
  const validateSeconds = (performance.now() - t1) / 1000
  const total = (performance.now() - t0) / 1000
  const peak = peakRssMB()
  const baseline = await readBaseline(xml)
  if (baseline.children !== children)
    throw new Error(`the export wrote ${children} children, the file holds ${baseline.children}`)
  return {
    children,
    fileMB: round(statSync(xml).size / 1e6),
    exportSeconds: round(exportSeconds, 2),
    exportPeakRssMB,
    validateSeconds: round(validateSeconds, 2),
    peakRssMB: peak,
    seconds: round(total, 2),
    errors: result.errors,
    queries: result.queries,
    baselineSeconds: round(baseline.seconds, 2),
  }
}

/** The CLI's own entry point, start to finish (opening the database included), in this process. */
async function stepCli(dir: string): Promise<{ seconds: number; peakRssMB: number; exitCode: number }> {
  const { exportReturn } = await import('../src/cli/commands/returns-export.js')
  const t0 = performance.now()
  const exitCode = await exportReturn(['--cin', '--year', YEAR, '--out', dir])
  return { seconds: round((performance.now() - t0) / 1000, 2), peakRssMB: peakRssMB(), exitCode }
}

function inChild<T>(env: Record<string, string>, ...args: string[]): T {
  return stepInChild<T>(fileURLToPath(import.meta.url), { ...env, AUTHORITY_LA_NUMBER: LA_NUMBER }, args)
}

// ---------------------------------------------------------------------------------------------
// The runs.

interface Run {
  authority: 'demo' | 'england'
  /** Children in need asked for (England), or the demo's 42,000 child records. */
  size: number
  load: Loaded
  export: Exported
  cli?: { seconds: number; peakRssMB: number; exitCode: number }
  loadAverage: number[] | null
}

async function runOne(
  authority: 'demo' | 'england',
  size: number,
  scratches: Scratch[],
  reuse?: string,
  base = ENGLAND_BASE,
): Promise<Run> {
  const scratch: Scratch = reuse
    ? { env: { ...BASE_ENV, DATABASE_URL: reuse }, drop: async () => {} }
    : await createScratch('postgres', `cin_${authority}_${size}`)
  scratches.push(scratch)
  const dir = mkdtempSync(join(tmpdir(), 'haven-bench-cin-export-'))
  try {
    log(`${authority} (${size.toLocaleString('en-GB')}): loading…`)
    const load = inChild<Loaded>(scratch.env, reuse ? 'count' : 'load', authority, String(size), String(base))
    log(
      `  loaded in ${load.seconds} s: ${load.children.toLocaleString('en-GB')} children, ${load.caseEvents.toLocaleString('en-GB')} case events, ${load.tasks.toLocaleString('en-GB')} tasks, ${load.databaseMB} MB; peak RSS ${load.peakRssMB} MB`,
    )
    const loadAverage = loadavg().map((x) => round(x, 2))
    const exported = inChild<Exported>(scratch.env, 'export', dir)
    log(
      `  exported ${exported.children.toLocaleString('en-GB')} children (${exported.fileMB} MB) in ${exported.exportSeconds} s (peak RSS ${exported.exportPeakRssMB} MB); validated in ${exported.validateSeconds} s; ${exported.seconds} s in all, peak RSS ${exported.peakRssMB} MB (${exported.errors} errors, ${exported.queries} queries)`,
    )
    const run: Run = { authority, size, load, export: exported, loadAverage }
    if (authority === 'demo') {
      run.cli = inChild(scratch.env, 'cli', join(dir, 'cli'))
      log(
        `  haven returns export --cin, start to finish: ${run.cli.seconds} s, peak RSS ${run.cli.peakRssMB} MB`,
      )
    }
    return run
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await scratch.drop()
    scratches.splice(scratches.indexOf(scratch), 1)
  }
}

const loadedIn = (load: Loaded) =>
  Number.isFinite(load.seconds) && load.seconds !== null
    ? `built in ${load.seconds} s`
    : 'built by an earlier run'

const verdict = (ok: boolean) => (ok ? '**met**' : '**not met**')

export function report(runs: Run[], meta: { date: string; machine: string; command: string }): string {
  const lines = [
    '# CIN census export benchmark',
    '',
    `${meta.date}, ${meta.machine}. Run with \`${meta.command}\`.`,
    '',
    'The census exported from Haven’s records on PostgreSQL as `haven returns export --cin --year 2025/26`',
    'does it: children in need read in keyset batches of 2,000 from the published views, one query per',
    'view per batch, each batch’s XML written before the next is read; then the written file validated',
    'against the year’s rules, streaming, and the findings written. Each load and each export runs in',
    'a process of its own; peak RSS is that process’s VmHWM (node and tsx included).',
    '',
    'Baseline: reading the written file and counting its children. Ratios: the export’s time over the',
    'target’s, and over the baseline’s.',
    '',
  ]
  const demo = runs.find((r) => r.authority === 'demo')
  if (demo) {
    const e = demo.export
    lines.push(
      '## The demo authority',
      '',
      `As \`npm start\` builds it: the hand-made demo and 42,000 synthetic children (seed "thurrock", history to`,
      `the day it ran), ${loadedIn(demo.load)}: ${demo.load.children.toLocaleString('en-GB')} children, ${demo.load.referrals === null ? '' : `${demo.load.referrals.toLocaleString('en-GB')} referrals, `}${demo.load.caseEvents.toLocaleString('en-GB')} case events.`,
      '',
      `- Export (build + write): ${e.exportSeconds} s for ${e.children.toLocaleString('en-GB')} children (${e.fileMB} MB); with validation and findings ${e.seconds} s (${round(e.seconds / DEMO_TARGET_SECONDS, 2)}× the ${DEMO_TARGET_SECONDS} s target: ${verdict(e.seconds < DEMO_TARGET_SECONDS)}); peak RSS ${e.peakRssMB} MB; ${e.errors} errors, ${e.queries} queries; baseline read ${e.baselineSeconds ?? '(not recorded)'} s.`,
      ...(demo.cli
        ? [
            `- Through the CLI's entry point, start to finish (opening the database, audit, export, validation, findings): ${demo.cli.seconds} s (${round(demo.cli.seconds / DEMO_TARGET_SECONDS, 2)}× the target: ${verdict(demo.cli.seconds < DEMO_TARGET_SECONDS)}), peak RSS ${demo.cli.peakRssMB} MB, exit code ${demo.cli.exitCode}.`,
          ]
        : []),
      '',
    )
  }
  const england = runs.filter((r) => r.authority === 'england')
  if (england.length) {
    lines.push(
      '## England-sized',
      '',
      'The synthetic authority’s children in need and their families only (`inNeedOnly`), history to',
      `1 April 2026. Target at about 700,000 children in need: exported in under ${ENGLAND_TARGET.seconds} s and under 1 GB peak RSS.`,
      '',
      ...england.flatMap((r) =>
        r.load.base
          ? [
              `- ${r.size.toLocaleString('en-GB')}: ${r.load.base.childrenInNeed.toLocaleString('en-GB')} children in need loaded (${r.load.base.loadSeconds} s), then copied to ${r.load.base.times} times that inside PostgreSQL (${r.load.base.replicateSeconds} s; bench/replicate-authority.ts).`,
            ]
          : [],
      ),
      '',
      '| Children in need asked | Child records | Case events | Tasks | Database (MB) | Load (s) | Load peak RSS (MB) | Children exported | File (MB) | Export (s) | Export peak RSS (MB) | Validate (s) | Total (s) | Total peak RSS (MB) | Export / 60 s | Export / baseline | Errors | Load average |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...england.map((r) => {
        const e = r.export
        return `| ${r.size.toLocaleString('en-GB')} | ${r.load.children.toLocaleString('en-GB')} | ${r.load.caseEvents.toLocaleString('en-GB')} | ${r.load.tasks.toLocaleString('en-GB')} | ${r.load.databaseMB} | ${r.load.seconds ?? 'earlier'} | ${r.load.peakRssMB} | ${e.children.toLocaleString('en-GB')} | ${e.fileMB} | ${e.exportSeconds} | ${e.exportPeakRssMB} | ${e.validateSeconds} | ${e.seconds} | ${e.peakRssMB} | ${round(e.exportSeconds / ENGLAND_TARGET.seconds, 2)}× | ${e.baselineSeconds ? `${round(e.exportSeconds / e.baselineSeconds)}×` : '–'} | ${e.errors} | ${r.loadAverage?.join(', ') ?? ''} |`
      }),
      '',
    )
    const largest = england[england.length - 1] as Run
    const perChild = largest.export.exportSeconds / largest.export.children
    const projected = round(perChild * ENGLAND_FULL * (largest.export.children / largest.size))
    if (largest.size < ENGLAND_FULL)
      lines.push(
        `Not measured at 700,000 here. Linear from the largest run (${largest.size.toLocaleString('en-GB')}), the export would take about ${projected} s at 700,000: an extrapolation, not a measurement. Run \`npx tsx bench/returns-cin-export.ts england 700000 --save\` to measure it.`,
        '',
      )
    else
      lines.push(
        `At 700,000: export ${verdict(largest.export.exportSeconds < ENGLAND_TARGET.seconds && largest.export.exportPeakRssMB < ENGLAND_TARGET.rssMB)} (${largest.export.exportSeconds} s, ${largest.export.exportPeakRssMB} MB).`,
        '',
      )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args[0] === 'step') {
    const [, step, a, b, c] = args
    const result =
      step === 'load' || step === 'count'
        ? await stepLoad(
            a as 'demo' | 'england',
            Number(b),
            step === 'load',
            c === undefined ? undefined : Number(c),
          )
        : step === 'export'
          ? await stepExport(a as string)
          : await stepCli(a as string)
    return void console.log(JSON.stringify(result))
  }
  const save = args.includes('--save')
  // --database URL: export from a database loaded before instead of loading one (one authority).
  const at = args.indexOf('--database')
  const reuse = at >= 0 ? args[at + 1] : undefined
  // --base N: England-sized authorities are N children in need loaded, then copied (0: all loaded).
  const baseAt = args.indexOf('--base')
  const base = baseAt >= 0 ? Number(args[baseAt + 1]) : ENGLAND_BASE
  if (!Number.isInteger(base) || base < 0) {
    console.error('--base takes a number of children in need (0 to load them all)')
    process.exit(2)
  }
  const rest = args.filter(
    (a, i) =>
      a !== '--save' &&
      !((at >= 0 && (i === at || i === at + 1)) || (baseAt >= 0 && (i === baseAt || i === baseAt + 1))),
  )
  const plan: { authority: 'demo' | 'england'; size: number }[] = []
  if (rest.length === 0 || rest[0] === 'demo') plan.push({ authority: 'demo', size: 42_000 })
  if (rest.length === 0) for (const size of ENGLAND_SIZES) plan.push({ authority: 'england', size })
  const england = rest.indexOf('england')
  if (england >= 0) {
    const sizes = rest.slice(england + 1).map(Number)
    for (const size of sizes.length ? sizes : ENGLAND_SIZES) plan.push({ authority: 'england', size })
  }
  if (plan.length === 0) {
    console.error('Usage: npx tsx bench/returns-cin-export.ts [demo | england [children in need …]] [--save]')
    process.exit(2)
  }
  const scratches: Scratch[] = []
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.allSettled(scratches.map((s) => s.drop())).then(() => process.exit(130))
    })
  const runs: Run[] = []
  for (const p of plan) runs.push(await runOne(p.authority, p.size, scratches, reuse, base))
  const meta = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    command: rest.length
      ? `npx tsx bench/returns-cin-export.ts ${args.join(' ')}`
      : 'npm run bench -- returns-cin-export',
  }
  const md = report(runs, meta)
  console.log(md)
  if (rest.length && !save) return
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  writeFileSync(join(dir, 'returns-cin-export.json'), JSON.stringify({ ...meta, runs }, null, 2) + '\n')
  writeFileSync(join(dir, 'returns-cin-export.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

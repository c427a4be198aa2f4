/**
 * Benchmark (issue 17): the SSDA903 exported from Haven's records, as `haven returns export
 * --ssda903` does it (children read in keyset batches from care's published views, each batch's
 * rows appended to the CSV files before the next is read, this year's tables and last year's;
 * then the files validated against the year's rules and the findings written), on PostgreSQL.
 *
 *   npm run bench -- returns-ssda903-export      the demo authority, then England-sized: results to bench/results/
 *   npx tsx bench/returns-ssda903-export.ts demo              the demo only, printed only
 *   npx tsx bench/returns-ssda903-export.ts england 20000     children in need asked, printed only
 *   npx tsx bench/returns-ssda903-export.ts england 650000 --keep     keep the database, print its URL
 *   npx tsx bench/returns-ssda903-export.ts england 650000 --database URL --save   export from it again
 *
 * Needs a PostgreSQL server: a scratch database is created beside DATABASE_URL (or
 * BENCH_DATABASE_URL) for each authority and dropped afterwards (unless `--keep`).
 *
 * - The demo authority, as `npm start` builds it (the hand-made demo and 42,000 synthetic
 *   children, seed "thurrock", history to now).
 * - England-sized: about 110,000 children looked after during the year. The synthetic authority
 *   is sized by its children in need; about one in six of them is looked after in the year, so
 *   England-sized is 650,000 children in need: 10,000 loaded with their care records (history to
 *   1 April 2026, so the year is 2025/26), then copied inside PostgreSQL 65 times
 *   (replicate-authority.ts), as the CIN census export benchmark does. Target: exported in under
 *   60 s and under 1 GB peak RSS.
 *
 * Each step runs in a process of its own, so peak RSS (VmHWM) is that step's: the load, then the
 * export with its time and peak RSS after writing the files, and again after validating them and
 * writing the findings. Baseline: a plain parse of the written files (read as text, split into
 * lines and cells), as the validation benchmark measures against.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openHavenDatabase } from '../src/bootstrap.js'
import { loadConfig } from '../src/platform/config.js'
import { parseCollectionYear, previousYear } from '../src/modules/returns/collection-year.js'
import { heldIn } from '../src/modules/returns/ssda903-export/model.js'
import { exportSsda903 } from '../src/modules/returns/ssda903-export/service.js'
import { Ssda903CsvWriter } from '../src/modules/returns/ssda903/read.js'
import { streamSsda903Files } from '../src/modules/returns/ssda903/validate.js'
import { postcodeLookup, providerLookup } from '../src/modules/returns/ssda903/postcode-store.js'
import { reportWriter } from '../src/modules/returns/report.js'
import { stepLoad, type Loaded } from './returns-cin-export.js'
import { plainParse } from './returns-ssda903.js'
import { BASE_ENV, createScratch, peakRssMB, stepInChild, type Scratch } from './scratch-database.js'

const YEAR = '2025/26'
/** Children in need for about 110,000 children looked after during the year. */
const ENGLAND_IN_NEED = 650_000
const ENGLAND_TARGET = { seconds: 60, rssMB: 1024, lookedAfter: 110_000 }
const LA_CODE = 'E06000034'

const log = (line: string) => console.error(line)
const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places
const n = (x: number) => x.toLocaleString('en-GB')

interface Exported {
  /** Children in this year's Header. */
  children: number
  /** Children with an episode of care in the year. */
  lookedAfter: number
  rows: number
  filesMB: number
  /** Building and writing the CSV files. */
  exportSeconds: number
  exportPeakRssMB: number
  /** Validating them and writing the findings, as the CLI does next. */
  validateSeconds: number
  peakRssMB: number
  seconds: number
  errors: number
  queries: number
  baselineSeconds: number
}

/** The CLI's two steps, in this process: export to CSV files, then validate them into findings. */
async function stepExport(dir: string): Promise<Exported> {
  const year = parseCollectionYear(YEAR)
  const tables = join(dir, 'ssda903')
  const database = await openHavenDatabase(loadConfig(process.env as Record<string, string>), {
    seedDemo: false,
  })
  const t0 = performance.now()
  let children: number
  let exportSeconds: number
  let files: string[]
  const writer = reportWriter('csv')
  try {
    const build = await exportSsda903(
      database.db,
      'command_line',
      { userId: null, username: 'cli:bench', requestId: null },
      { year, previous: previousYear(year) },
    )
    const csv = await Ssda903CsvWriter.open(tables, {
      current: heldIn(year),
      previous: heldIn(previousYear(year)),
    })
    children = (await build(csv)).children
    files = await csv.close()
    exportSeconds = (performance.now() - t0) / 1000
  } catch (err) {
    await database.close()
    throw err
  }
  const exportPeakRssMB = peakRssMB()
  const t1 = performance.now()
  const previous = join(tables, 'previous')
  const { writeReport } = await import('../src/cli/commands/returns.js')
  let result
  try {
    result = await streamSsda903Files(
      { files: files.filter((f) => !f.startsWith(previous)), previous: [previous] },
      YEAR,
      writer,
      { laCode: LA_CODE, postcodes: postcodeLookup(database.db), providers: providerLookup(database.db) },
    )
    await writeReport(writer.pieces(result, { input: tables }), join(dir, 'findings.csv'))
  } finally {
    writer.discard()
    await database.close()
  }
  const validateSeconds = (performance.now() - t1) / 1000
  const seconds = (performance.now() - t0) / 1000
  const peak = peakRssMB()
  const current = files.filter((f) => !f.startsWith(previous))
  const baseline = await plainParse(current, join(tables, 'header.csv'))
  if (baseline.children !== children)
    throw new Error(`the export counted ${children} children, header.csv holds ${baseline.children}`)
  const episodes = await plainParse([join(tables, 'episodes.csv')], join(tables, 'episodes.csv'))
  const lookedAfter = await distinctChildren(join(tables, 'episodes.csv'))
  return {
    children,
    lookedAfter,
    rows: episodes.children,
    filesMB: round(files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6),
    exportSeconds: round(exportSeconds, 2),
    exportPeakRssMB,
    validateSeconds: round(validateSeconds, 2),
    peakRssMB: peak,
    seconds: round(seconds, 2),
    errors: result.errors,
    queries: result.queries,
    baselineSeconds: round(baseline.seconds, 3),
  }
}

interface Imported {
  /** The tables the import reads (`IMPORTED`). */
  tables: string[]
  children: number
  imported: number
  notImported: number
  seconds: number
  peakRssMB: number
  /** Rows that differ between the first export and the export after the import, by table. */
  differences: Record<string, number>
}

/**
 * The import of the same return, as an authority moving to Haven would run it: care's records
 * emptied (the scratch database's only: `truncate … cascade` of every care table), this year's
 * files imported, then the year exported again and compared with the first export, table by
 * table, for the tables the import reads.
 */
async function stepImport(dir: string): Promise<Imported> {
  const { sql } = await import('kysely')
  const { importSsda903 } = await import('../src/modules/returns/ssda903-import/service.js')
  const { IMPORTED } = await import('../src/modules/returns/ssda903-import/model.js')
  const { CSV_FILE_NAMES } = await import('../src/modules/returns/ssda903/csv.js')
  const tables = join(dir, 'ssda903')
  const database = await openHavenDatabase(loadConfig(process.env as Record<string, string>), {
    seedDemo: false,
  })
  const year = parseCollectionYear(YEAR)
  try {
    const { db } = database
    const care = await sql<{ name: string }>`
      select tablename as name from pg_tables
       where schemaname = current_schema() and (tablename like 'care\_%' or tablename = 'lac_review')
    `.execute(db)
    await sql.raw(`truncate ${care.rows.map((r) => r.name).join(', ')} cascade`).execute(db)
    const by = await db.selectFrom('app_user').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()
    // The tables the year's return has (DoLo from 2026/27) of those the import reads.
    const read = IMPORTED.filter((t) => heldIn(year).includes(t))
    const files = read.map((t) => join(tables, CSV_FILE_NAMES[t]))
    const t0 = performance.now()
    const result = await importSsda903(
      db,
      { userId: by.id, username: 'cli:bench', requestId: null },
      { files, year: YEAR, by: by.id, now: () => new Date() },
    )
    const seconds = (performance.now() - t0) / 1000
    const peak = peakRssMB()
    const again = join(dir, 'again')
    const build = await exportSsda903(
      db,
      'command_line',
      { userId: null, username: 'cli:bench', requestId: null },
      { year, previous: previousYear(year) },
    )
    const csv = await Ssda903CsvWriter.open(again, { current: heldIn(year) })
    await build(csv)
    await csv.close()
    const differences: Record<string, number> = {}
    for (const t of read) {
      const lines = async (file: string) => {
        const { readFile } = await import('node:fs/promises')
        const counts = new Map<string, number>()
        for (const line of (await readFile(file, 'utf8')).split('\n').slice(1))
          if (line) counts.set(line, (counts.get(line) ?? 0) + 1)
        return counts
      }
      const before = await lines(join(tables, CSV_FILE_NAMES[t]))
      const after = await lines(join(again, CSV_FILE_NAMES[t]))
      let differ = 0
      for (const [line, k] of before) differ += Math.abs(k - (after.get(line) ?? 0))
      for (const [line, k] of after) if (!before.has(line)) differ += k
      differences[t] = differ
    }
    return {
      tables: read,
      children: result.children,
      imported: result.imported,
      notImported: result.notImported.length,
      seconds: round(seconds, 1),
      peakRssMB: peak,
      differences,
    }
  } finally {
    await database.close()
  }
}

/** Children with a row in a CSV whose first column is CHILD. */
async function distinctChildren(file: string): Promise<number> {
  const { createReadStream } = await import('node:fs')
  const { createInterface } = await import('node:readline')
  const seen = new Set<string>()
  let first = true
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (first) {
      first = false
      continue
    }
    if (line) seen.add(line.slice(0, line.indexOf(',')))
  }
  return seen.size
}

function inChild<T>(env: Record<string, string>, ...args: string[]): T {
  return stepInChild<T>(fileURLToPath(import.meta.url), { ...env, AUTHORITY_ONS_CODE: LA_CODE }, args)
}

interface Run {
  authority: 'demo' | 'england'
  size: number
  load: Loaded
  export: Exported
  import?: Imported
  loadAverage: number[]
}

async function runOne(
  authority: 'demo' | 'england',
  size: number,
  scratches: Scratch[],
  options: { reuse: string | undefined; keep: boolean; import: boolean },
): Promise<Run> {
  const scratch: Scratch = options.reuse
    ? { env: { ...BASE_ENV, DATABASE_URL: options.reuse }, drop: async () => {} }
    : await createScratch('postgres', `ssda903_${authority}_${size}`)
  scratches.push(scratch)
  const dir = mkdtempSync(join(tmpdir(), 'haven-bench-903-export-'))
  try {
    log(`${authority} (${n(size)}): ${options.reuse ? 'counting' : 'loading'}…`)
    const load = inChild<Loaded>(scratch.env, options.reuse ? 'count' : 'load', authority, String(size))
    log(
      `  ${Number.isFinite(load.seconds) ? `loaded in ${load.seconds} s` : 'loaded before'}: ${n(load.children)} children, ${load.databaseMB} MB`,
    )
    const loadAverage = loadavg().map((x) => round(x, 2))
    const exported = inChild<Exported>(scratch.env, 'export', dir)
    log(
      `  exported ${n(exported.children)} children (${n(exported.lookedAfter)} looked after, ${exported.filesMB} MB) in ${exported.exportSeconds} s, peak RSS ${exported.exportPeakRssMB} MB; validated in ${exported.validateSeconds} s; ${exported.errors} errors`,
    )
    const run: Run = { authority, size, load, export: exported, loadAverage }
    if (options.import) {
      run.import = inChild<Imported>(scratch.env, 'import', dir)
      const differ = Object.entries(run.import.differences).filter(([, k]) => k > 0)
      log(
        `  imported ${n(run.import.imported)} of ${n(run.import.children)} children in ${run.import.seconds} s, peak RSS ${run.import.peakRssMB} MB; exported again: ${differ.length ? differ.map(([t, k]) => `${t} ${n(k)} rows differ`).join(', ') : 'the same'}`,
      )
    }
    if (options.keep) log(`  kept: ${scratch.env.DATABASE_URL}`)
    return run
  } finally {
    rmSync(dir, { recursive: true, force: true })
    if (!options.keep) await scratch.drop()
    scratches.splice(scratches.indexOf(scratch), 1)
  }
}

const verdict = (ok: boolean) => (ok ? '**met**' : '**not met**')

function report(runs: Run[], meta: { date: string; machine: string; command: string }): string {
  const lines = [
    '# SSDA903 export benchmark',
    '',
    `${meta.date}, ${meta.machine}. Run with \`${meta.command}\`.`,
    '',
    'The SSDA903 exported from Haven’s records on PostgreSQL as `haven returns export --ssda903 --year',
    '2025/26` does it: children read in keyset batches of 2,000 from care’s published views, one query',
    'per view per batch, each batch’s rows appended to the CSV files (this year’s and last year’s)',
    'before the next is read, so the return is never held whole; then the files validated against',
    'the year’s rules and the findings written. Each load and each export runs in a process of its',
    'own; peak RSS is that process’s VmHWM (node and tsx included).',
    '',
    'Baseline: a plain parse of this year’s written files (read as text, split into lines and cells).',
    '',
    '| Authority | Children in need asked | Database (MB) | Load (s) | Children | Looked after | Episodes | Files (MB) | Export (s) | Export peak RSS (MB) | Validate (s) | Total (s) | Total peak RSS (MB) | Export / 60 s | Export / baseline | Errors | Load average |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map((r) => {
      const e = r.export
      const base = r.load.base
        ? ` (${n(r.load.base.childrenInNeed)} loaded in ${r.load.base.loadSeconds} s, copied ${r.load.base.times} times in ${r.load.base.replicateSeconds} s)`
        : ''
      return `| ${r.authority} | ${n(r.size)}${base} | ${r.load.databaseMB} | ${Number.isFinite(r.load.seconds) ? r.load.seconds : 'earlier'} | ${n(e.children)} | ${n(e.lookedAfter)} | ${n(e.rows)} | ${e.filesMB} | ${e.exportSeconds} | ${e.exportPeakRssMB} | ${e.validateSeconds} | ${e.seconds} | ${e.peakRssMB} | ${round(e.exportSeconds / ENGLAND_TARGET.seconds, 2)}× | ${round(e.exportSeconds / e.baselineSeconds)}× | ${e.errors} | ${r.loadAverage.join(', ')} |`
    }),
    '',
  ]
  const reused = runs.filter((r) => !Number.isFinite(r.load.seconds))
  if (reused.length)
    lines.push(
      'Load “earlier”: the database was built by an earlier run and kept (`--keep`, then `--database`). If',
      'that run imported the return (`--import`), its care records are the imported ones, and the errors',
      'are those of the export after an import of this year’s return alone: a care leaver with only an OC3',
      'row has no period of care in Haven, so last year’s tables lack their episodes (rules 1001, 1002).',
      '',
    )
  const imports = runs.filter((r) => r.import)
  if (imports.length)
    lines.push(
      '## The import of the same return',
      '',
      'Care’s records emptied (`truncate` of every care table, in the scratch database), this year’s files',
      'imported as `haven returns import --ssda903` does it (read once and spilled by child into shares',
      'of about 8 MB, read back a share at a time; batches of 500 children, one transaction a batch, two',
      'batches in flight), then the year exported again and compared with the first export, table by',
      'table. The source’s allocated-worker grants are kept, so its SWEpisodes are refused as overlaps',
      '(reported, not written): the grants the import makes are not timed here.',
      '',
      '| Authority | Children | Imported | Not imported | Import (s) | Import peak RSS (MB) | Rows that differ after export again |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...imports.map((r) => {
        const i = r.import as Imported
        const differ = Object.entries(i.differences).filter(([, k]) => k > 0)
        return `| ${r.authority} | ${n(i.children)} | ${n(i.imported)} | ${n(i.notImported)} | ${i.seconds} | ${i.peakRssMB} | ${differ.length ? differ.map(([t, k]) => `${t}: ${n(k)}`).join(', ') : `none (${i.tables.join(', ')})`} |`
      }),
      '',
    )
  const england = runs.filter((r) => r.authority === 'england').at(-1)
  if (england) {
    const e = england.export
    const sized = e.lookedAfter >= ENGLAND_TARGET.lookedAfter * 0.9
    const i = england.import
    lines.push(
      sized
        ? `England-sized (${n(e.lookedAfter)} children looked after in the year): export ${verdict(e.exportSeconds < ENGLAND_TARGET.seconds && e.exportPeakRssMB < ENGLAND_TARGET.rssMB)} (${e.exportSeconds} s against ${ENGLAND_TARGET.seconds} s, ${e.exportPeakRssMB} MB against 1 GB)${i ? `; import against the same targets ${verdict(i.seconds < ENGLAND_TARGET.seconds && i.peakRssMB < ENGLAND_TARGET.rssMB)} (${i.seconds} s, ${i.peakRssMB} MB)` : ''}.`
        : `Not England-sized: ${n(e.lookedAfter)} children looked after, against about ${n(ENGLAND_TARGET.lookedAfter)}. Run \`npx tsx bench/returns-ssda903-export.ts england ${n(ENGLAND_IN_NEED).replace(/,/g, '')} --save\`.`,
      '',
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args[0] === 'step') {
    const [, step, a, b] = args
    const result =
      step === 'export'
        ? await stepExport(a as string)
        : step === 'import'
          ? await stepImport(a as string)
          : await stepLoad(a as 'demo' | 'england', Number(b), step === 'load')
    return void console.log(JSON.stringify(result))
  }
  const save = args.includes('--save')
  const keep = args.includes('--keep')
  // --import: then empty care's records, import the return, export again and compare (the
  // database is changed, so not with --database unless it may be).
  const withImport = args.includes('--import') || args.length === 0
  const at = args.indexOf('--database')
  const reuse = at >= 0 ? args[at + 1] : undefined
  const rest = args.filter((a, i) => !a.startsWith('--') && !(at >= 0 && i === at + 1))
  const plan: { authority: 'demo' | 'england'; size: number }[] = []
  if (rest.length === 0 || rest[0] === 'demo') plan.push({ authority: 'demo', size: 42_000 })
  const england = rest.indexOf('england')
  if (rest.length === 0) plan.push({ authority: 'england', size: ENGLAND_IN_NEED })
  else if (england >= 0) {
    const sizes = rest.slice(england + 1).map(Number)
    for (const size of sizes.length ? sizes : [ENGLAND_IN_NEED]) plan.push({ authority: 'england', size })
  }
  if (plan.length === 0 || plan.some((p) => !Number.isInteger(p.size) || p.size <= 0)) {
    console.error(
      'Usage: npx tsx bench/returns-ssda903-export.ts [demo | england [children in need …]] [--keep] [--database URL] [--save]',
    )
    process.exit(2)
  }
  const scratches: Scratch[] = []
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.allSettled(scratches.map((s) => s.drop())).then(() => process.exit(130))
    })
  const runs: Run[] = []
  for (const p of plan)
    runs.push(await runOne(p.authority, p.size, scratches, { reuse, keep, import: withImport }))
  const meta = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    command: rest.length
      ? `npx tsx bench/returns-ssda903-export.ts ${args.filter((a, i) => !(at >= 0 && i === at + 1)).join(' ')}`
      : 'npm run bench -- returns-ssda903-export',
  }
  const md = report(runs, meta)
  console.log(md)
  if (rest.length && !save) return
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  writeFileSync(join(dir, 'returns-ssda903-export.json'), JSON.stringify({ ...meta, runs }, null, 2) + '\n')
  writeFileSync(join(dir, 'returns-ssda903-export.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

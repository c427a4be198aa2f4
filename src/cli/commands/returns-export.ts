/**
 * `haven returns export`: returns built from Haven's records.
 *
 *   haven returns export --annex-a [--from 2025-04-01] [--to 2026-03-31] --out annex-a.xlsx
 *   haven returns export --cin --year 2025/26 --out DIR
 *   haven returns export --ssda903 --year 2025/26 --out DIR
 *
 * Annex A: the period is the 12 months to `--to` (by default today) unless `--from` is given.
 * Lists Haven does not hold yet are sheets saying which module will provide them, and the
 * command says so. Exit code 0 when the workbook is written.
 *
 * CIN census: `DIR/cin-census-2025-26.xml`, then the year's rules run on that file and their
 * findings written beside it (`cin-census-2025-26-findings.csv`). Exit code 0 when the census
 * has no errors, 1 when it has (the file is still written: the findings say which records to fix).
 *
 * SSDA903: one CSV per table Haven holds in `DIR/ssda903-2025-26/` (last year's, as Haven's records
 * now give it, in its `previous/`), then the year's rules run on them and their findings written
 * beside (`ssda903-2025-26-findings.csv`). The tables no module holds yet are named, and the
 * rules about them are not run. Exit codes as the census.
 *
 * All: 2 when an option is wrong. Every export is audited under the operating-system account
 * that ran it (children's data). Files are written under a temporary name and moved into place,
 * so a failed export leaves no partial file.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { join } from 'node:path'
import { once } from 'node:events'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { CliError } from '../cli-error.js'
import type { AuditContext } from '../../platform/audit/audit.js'
import { londonDate } from '../../platform/calendar/dates.js'
import { systemClock } from '../../platform/calendar/clock.js'
import { choosePeriod, PeriodError, periodWords, type Period } from '../../modules/returns/annex-a/model.js'

export function exportUsage(): string {
  return [
    'Usage: haven returns export --annex-a [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>] --out <file.xlsx>',
    '       haven returns export --cin --year <YYYY/YY> --out <directory>',
    '       haven returns export --ssda903 --year <YYYY/YY> --out <directory>',
    '',
    'Ofsted’s Annex A lists 1 to 7 as a workbook, one sheet per list, from Haven’s records:',
    '  --from 2025-04-01     the first day of the period (default: 12 months before --to, plus a day)',
    '  --to 2026-03-31       the last day of the period (default: today)',
    '  --out annex-a.xlsx    where to write the workbook',
    '',
    'The CIN census or the SSDA903 from Haven’s records, validated against the year’s rules:',
    '  --year 2025/26        the collection year (1 April 2025 to 31 March 2026)',
    '  --out exports         the directory for the return and its findings (made if missing)',
    '',
    'Exit code: 0 written (and, for a return, no errors), 1 return with errors, 2 options wrong.',
  ].join('\n')
}

/** Exports made from the command line are audited under the operating-system account that made them. */
function cliAudit(): AuditContext {
  return { userId: null, username: `cli:${os.userInfo().username}`, requestId: null }
}

export async function exportReturn(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      options: {
        'annex-a': { type: 'boolean' },
        cin: { type: 'boolean' },
        ssda903: { type: 'boolean' },
        year: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${exportUsage()}`)
  }
  if (values.help) {
    console.log(exportUsage())
    return 0
  }
  const chosen = (['annex-a', 'cin', 'ssda903'] as const).filter((k) => values[k] === true)
  if (chosen.length !== 1)
    throw new CliError(`say which return to export: --annex-a, --cin or --ssda903\n\n${exportUsage()}`)
  if (typeof values.out !== 'string' || values.out === '')
    throw new CliError(
      values['annex-a'] === true
        ? '--out is required: the workbook to write, for example --out annex-a.xlsx'
        : '--out is required: the directory to write the return to, for example --out exports',
    )
  if (values.cin === true) return exportCin(values, values.out)
  if (values.ssda903 === true) return exportSsda903Return(values, values.out)
  return exportAnnexAWorkbook(values, values.out)
}

/** Writes `out` under a temporary name and moves it into place; nothing is left if `fill` fails. */
async function writeInPlace<T>(out: string, fill: (stream: Writable) => Promise<T>): Promise<T> {
  const temp = `${out}.${process.pid}.part`
  const stream = createWriteStream(temp)
  try {
    const finished = once(stream, 'finish')
    const result = await fill(stream)
    if (!stream.writableEnded) stream.end()
    await finished
    renameSync(temp, out)
    return result
  } catch (err) {
    stream.destroy()
    rmSync(temp, { force: true })
    throw err
  }
}

async function exportAnnexAWorkbook(values: Record<string, string | boolean | undefined>, out: string) {
  if (values.year !== undefined)
    throw new CliError('--year is for the DfE returns: Annex A covers the period from --from to --to')
  let period: Period
  try {
    period = choosePeriod(
      typeof values.from === 'string' ? values.from : undefined,
      typeof values.to === 'string' ? values.to : undefined,
      londonDate(systemClock.now().getTime()),
    )
  } catch (err) {
    if (err instanceof PeriodError) throw new CliError(err.message)
    throw err
  }

  const { withDatabase } = await import('../with-database.js')
  const { exportAnnexA } = await import('../../modules/returns/annex-a/service.js')
  let started = 0
  const written = await withDatabase(async (database) => {
    started = performance.now()
    const write = await exportAnnexA(database.db, 'command_line', cliAudit(), period)
    // The workbook writer ends the stream itself.
    return writeInPlace(out, (stream) => write(stream))
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.error(`Ofsted Annex A, ${periodWords(period)} (${seconds} s); workbook in ${out}`)
  for (const l of written)
    console.error(
      `  List ${l.number} ${l.title}: ${l.rows.toLocaleString('en-GB')} ${l.rows === 1 ? 'row' : 'rows'}`,
    )
  return 0
}

async function exportCin(values: Record<string, string | boolean | undefined>, dir: string) {
  const year = await yearOf(values, 'the CIN census')
  const { cinRuleSets } = await import('../../modules/returns/cin/rule-sets.js')
  const { UnknownCollectionYearError } = await import('../../modules/returns/engine.js')
  try {
    cinRuleSets.forYear(year.label) // a year with no rules is refused before anything is written
  } catch (err) {
    if (err instanceof UnknownCollectionYearError) throw new CliError(err.message)
    throw err
  }
  outDirectory(dir)
  const name = `cin-census-${year.label.replace('/', '-')}`
  const xml = join(dir, `${name}.xml`)
  const findings = join(dir, `${name}-findings.csv`)

  const { withDatabase } = await import('../with-database.js')
  const { loadConfig } = await import('../../platform/config.js')
  const { exportCinCensus } = await import('../../modules/returns/cin-export/service.js')
  const { englandAndWales } = await import('../../platform/calendar/working-days.js')
  const started = performance.now()
  const laNumber = loadConfig().returns.authorityLaNumber
  if (laNumber === null)
    throw new CliError(
      'set AUTHORITY_LA_NUMBER to the DfE’s three-digit number for the authority (such as 883)',
    )
  const exported = await withDatabase(async (database) => {
    const write = await exportCinCensus(database.db, 'command_line', cliAudit(), {
      year,
      laNumber,
      calendar: englandAndWales,
    })
    return writeInPlace(xml, (stream) => write(stream))
  })

  const { streamCinFile } = await import('../../modules/returns/cin/validate.js')
  const { reportWriter } = await import('../../modules/returns/report.js')
  const { exitCodeFor, writeReport } = await import('./returns.js')
  const writer = reportWriter('csv')
  try {
    const result = await streamCinFile(xml, year.label, writer)
    await writeReport(writer.pieces(result, { input: xml }), findings)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const n = (count: number, one: string, many: string) =>
      `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
    console.error(
      `CIN census ${year.label} from Haven’s records: ${n(exported.children, 'child', 'children')}, ` +
        `${n(result.errors, 'error', 'errors')}, ${n(result.queries, 'query', 'queries')} (${seconds} s)`,
    )
    console.error(`  census in ${xml}`)
    console.error(`  findings in ${findings}`)
    return exitCodeFor(result)
  } finally {
    writer.discard()
  }
}

/** The collection year of `--year`, for a return covering one (`--from` and `--to` are Annex A's). */
async function yearOf(values: Record<string, string | boolean | undefined>, what: string) {
  if (typeof values.year !== 'string') throw new CliError('--year is required, for example --year 2025/26')
  if (values.from !== undefined || values.to !== undefined)
    throw new CliError(`--from and --to are for Annex A: ${what} covers its collection year (--year)`)
  const { CollectionYearError, parseCollectionYear } =
    await import('../../modules/returns/collection-year.js')
  try {
    return parseCollectionYear(values.year)
  } catch (err) {
    if (err instanceof CollectionYearError) throw new CliError(err.message)
    throw err
  }
}

/** `--out` as a directory for a return and its findings, made if missing. */
function outDirectory(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new CliError(`--out must be a directory for the return and its findings: ${dir} is a file`)
  mkdirSync(dir, { recursive: true })
}

async function exportSsda903Return(values: Record<string, string | boolean | undefined>, dir: string) {
  const year = await yearOf(values, 'the SSDA903')
  const { ssda903RuleSets } = await import('../../modules/returns/ssda903/rule-sets.js')
  const { UnknownCollectionYearError } = await import('../../modules/returns/engine.js')
  try {
    ssda903RuleSets.forYear(year.label) // a year with no rules is refused before anything is written
  } catch (err) {
    if (err instanceof UnknownCollectionYearError) throw new CliError(err.message)
    throw err
  }
  outDirectory(dir)
  const name = `ssda903-${year.label.replace('/', '-')}`
  const tables = join(dir, name)
  const findings = join(dir, `${name}-findings.csv`)

  const { withDatabase } = await import('../with-database.js')
  const { loadConfig } = await import('../../platform/config.js')
  const { exportSsda903 } = await import('../../modules/returns/ssda903-export/service.js')
  const { heldIn, NOT_HELD } = await import('../../modules/returns/ssda903-export/model.js')
  const { previousYear } = await import('../../modules/returns/collection-year.js')
  const { Ssda903CsvWriter } = await import('../../modules/returns/ssda903/read.js')
  const { streamSsda903Files } = await import('../../modules/returns/ssda903/validate.js')
  const { postcodeLookup, providerLookup } = await import('../../modules/returns/ssda903/postcode-store.js')
  const { reportWriter } = await import('../../modules/returns/report.js')
  const { exitCodeFor, writeReport } = await import('./returns.js')
  const started = performance.now()
  const laCode = loadConfig().returns.authorityOnsCode
  const writer = reportWriter('csv')
  try {
    const { exported, result } = await withDatabase(async (database) => {
      const build = await exportSsda903(database.db, 'command_line', cliAudit(), {
        year,
        previous: previousYear(year),
      })
      // Written afresh: a table left from an earlier export must not be read with this one's.
      rmSync(tables, { recursive: true, force: true })
      // A batch of children at a time, straight to the files: the return is never held whole.
      const csv = await Ssda903CsvWriter.open(tables, {
        current: heldIn(year),
        previous: heldIn(previousYear(year)),
      })
      let exported
      try {
        exported = await build(csv)
      } catch (err) {
        await csv.abort()
        throw err
      }
      const files = await csv.close()
      const previous = join(tables, 'previous')
      const result = await streamSsda903Files(
        { files: files.filter((f) => !f.startsWith(previous)), previous: [previous] },
        year.label,
        writer,
        { laCode, postcodes: postcodeLookup(database.db), providers: providerLookup(database.db) },
      )
      return { exported, result }
    })
    await writeReport(writer.pieces(result, { input: tables }), findings)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const n = (count: number, one: string, many: string) =>
      `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
    console.error(
      `SSDA903 ${year.label} from Haven’s records: ${n(exported.children, 'child', 'children')}, ` +
        `${n(result.errors, 'error', 'errors')}, ${n(result.queries, 'query', 'queries')} (${seconds} s)`,
    )
    const today = londonDate(systemClock.now().getTime())
    if (today <= year.end)
      console.error(
        `  ${year.label} has not ended: the return is as Haven’s records stand on ${today}, so a rule about ` +
          'the 31 March may report what has not happened yet (a birthday to come, an episode still to end)',
      )
    console.error(`  tables in ${tables}`)
    console.error(`  findings in ${findings}`)
    const notHeld = Object.entries(NOT_HELD).map(([table, module]) => `${table} (${module})`)
    if (result.notRun.length > 0)
      console.error(
        `  ${n(result.notRun.length, 'rule', 'rules')} not run` +
          (notHeld.length > 0 ? `: ${notHeld.join(', ')} not held in Haven yet` : ''),
      )
    return exitCodeFor(result)
  } finally {
    writer.discard()
  }
}

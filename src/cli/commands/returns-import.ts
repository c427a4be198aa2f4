/**
 * `haven returns import --ssda903`: an existing SSDA903 return into Haven's care records.
 *
 *   haven returns import --ssda903 <dir or files…> --year 2025/26 --as <username>
 *                        [--previous <dir or file>…] [--report <file.csv>]
 *
 * Children are matched by LA child ID to records already in Haven (people are migrated first): each
 * child with episodes, or a care leaver with OC3 alone; with `--previous`, last year's return too, whose
 * episodes, reviews and missing episodes are taken in as the children's history (and a child who
 * left care last year is imported from it).
 * Prints what was imported, what was already there and what could not be, with the reason; with
 * `--report`, every child not imported goes to a CSV, and every child whose social worker episodes
 * were not (the reason naming SWEpisodes). Running it again changes nothing.
 *
 * Exit code: 0 every child imported or already held, 1 some child or some child's social worker
 * episodes not imported, 2 options wrong or the return unreadable (then nothing is imported).
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { CliError } from '../cli-error.js'
import { systemClock } from '../../platform/calendar/clock.js'

export function importUsage(): string {
  return [
    'Usage: haven returns import --ssda903 <dir or files…> --year <YYYY/YY> --as <username>',
    '                             [--previous <dir or file>…] [--report <file.csv>]',
    '',
    'Loads an SSDA903 return (CSV or XML) into the care records of children already in Haven,',
    'matched by LA child ID: episodes, reviews, missing episodes, previous permanence, UASC,',
    'OC2 (outcomes), OC3 (care leavers, with or without episodes), PlacedAdoption, AD1 and DoLo;',
    'SWEpisodes as the children’s allocated workers (found by Social Work England registration).',
    'A child whose rows Haven cannot hold as the export would give them back is not imported, with',
    'the row and the reason. An open period’s next review and visit become due on the worklists.',
    '  --year 2025/26        the return’s collection year',
    '  --as <username>       the Haven account responsible for the migration, named on the records',
    '  --previous <dir>      last year’s return: its episodes, reviews and missing episodes taken in',
    '                        as history (care that ended last year, an episode begun before the year)',
    '  --report <file.csv>   every child not imported, with the reason',
    '',
    'Exit code: 0 all imported (or already held), 1 some not imported, 2 options wrong or return unreadable.',
  ].join('\n')
}

export async function importReturn(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(args)
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${importUsage()}`)
  }
  const { values, positionals } = parsed
  if (values.help === true) {
    console.log(importUsage())
    return 0
  }
  const files = [...(values.ssda903 ?? []), ...positionals]
  if (files.length === 0)
    throw new CliError(`say which return to import: --ssda903 <dir or files…>\n\n${importUsage()}`)
  const previous = values.previous ?? []
  for (const f of [...files, ...previous])
    if (!existsSync(f)) throw new CliError(`SSDA903 file or directory not found: ${f}`)
  if (typeof values.as !== 'string' || values.as === '')
    throw new CliError(
      '--as is required: the Haven account responsible for the migration, for example --as jsmith',
    )
  if (typeof values.year !== 'string') throw new CliError('--year is required, for example --year 2025/26')
  const { CollectionYearError, parseCollectionYear } =
    await import('../../modules/returns/collection-year.js')
  let year
  try {
    year = parseCollectionYear(values.year)
  } catch (err) {
    if (err instanceof CollectionYearError) throw new CliError(err.message)
    throw err
  }

  const { withDatabase } = await import('../with-database.js')
  const { staffAccountId } = await import('../../platform/admin/store.js')
  const { importSsda903, Ssda903ImportInputError } =
    await import('../../modules/returns/ssda903-import/service.js')
  const started = performance.now()
  const result = await withDatabase(async (database) => {
    const by = await staffAccountId(database.db, values.as as string)
    if (by === null) throw new CliError(`no Haven account is called ${values.as as string}`)
    try {
      return await importSsda903(
        database.db,
        { userId: by, username: `cli:${os.userInfo().username}`, requestId: null },
        {
          files,
          ...(previous.length > 0 ? { previous } : {}),
          year: year.label,
          by,
          now: () => systemClock.now(),
          onProgress: (n) => process.stderr.write(`\r  ${n.toLocaleString('en-GB')} children`),
        },
      )
    } catch (err) {
      if (err instanceof Ssda903ImportInputError) {
        for (const p of err.problems.slice(0, 20))
          console.error(`  ${p.file}${p.line === undefined ? '' : ` line ${p.line}`}: ${p.message}`)
        throw new CliError(`cannot import the SSDA903: ${err.message}`)
      }
      throw err
    }
  })
  process.stderr.write('\n')
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const n = (count: number, one: string, many: string) =>
    `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
  console.error(
    `SSDA903 ${year.label} imported into Haven’s care records (${seconds} s): ${n(result.children, 'child', 'children')}, ` +
      `${result.imported.toLocaleString('en-GB')} imported, ${result.unchanged.toLocaleString('en-GB')} already held, ` +
      `${result.notImported.length.toLocaleString('en-GB')} not imported`,
  )
  for (const c of result.notImported.slice(0, 10)) console.error(`  ${c.child}: ${c.reason}`)
  if (result.notImported.length > 10) console.error(`  … and ${result.notImported.length - 10} more`)
  const rows = result.rowsNotImported
  if (rows.length > 0)
    console.error(
      `  ${n(rows.length, 'child’s', 'children’s')} social worker episodes not imported (care imported):`,
    )
  for (const c of rows.slice(0, 10)) console.error(`  ${c.child}: ${c.reason}`)
  if (rows.length > 10) console.error(`  … and ${rows.length - 10} more`)
  const tables = (counts: Partial<Record<string, number>>) =>
    Object.entries(counts)
      .map(([t, rows]) => `${t} (${n(rows ?? 0, 'row', 'rows')})`)
      .join(', ')
  if (Object.keys(result.tablesNotImported).length > 0)
    console.error(`  not imported (Haven does not hold them yet): ${tables(result.tablesNotImported)}`)
  if (Object.keys(result.lastYearTablesNotImported).length > 0)
    console.error(
      `  not imported from last year’s return (outcomes and adoptions are the year’s own): ${tables(result.lastYearTablesNotImported)}`,
    )
  if (result.mothers > 0)
    console.error(
      `  ${n(result.mothers, 'young woman is', 'young women are')} recorded as a mother: record each baby in Haven with the relationship, which the export reads`,
    )
  if (typeof values.report === 'string') {
    const { csvRow } = await import('../../modules/returns/report.js')
    const csv = [
      csvRow(['CHILD', 'reason']),
      ...result.notImported.map((c) => csvRow([c.child, c.reason])),
      ...rows.map((c) => csvRow([c.child, c.reason])),
    ]
    const temp = `${values.report}.${process.pid}.part`
    writeFileSync(temp, csv.join(''))
    renameSync(temp, values.report)
    console.error(`  children not imported in ${values.report}`)
  }
  return result.notImported.length > 0 || rows.length > 0 ? 1 : 0
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      ssda903: { type: 'string', multiple: true },
      previous: { type: 'string', multiple: true },
      year: { type: 'string' },
      as: { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

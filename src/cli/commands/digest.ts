/**
 * `haven digest`: the performance digest for scheduled runs.
 *
 *   haven digest --period 2025/26 [--area team:<name> | worker:<username>] --format csv|xlsx|docx|pdf --out <file>
 *
 * CSV and XLSX hold the figures, DOCX and PDF the committee performance report: every live
 * measure in the KPI catalogue for the collection year (to today while it runs) and the area,
 * with its trend, target, RAG, comparators and commentary; counts under 5 published as "<5".
 * Figures only, no child named. Progress goes to standard error, one line a measure. The
 * file is written under a temporary name and moved into place, so a failed run leaves none.
 * Exit code 0 written, 2 when an option is wrong (or the team or worker is unknown).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { systemClock } from '../../platform/calendar/clock.js'
import { CliError } from '../cli-error.js'
import { parseOptions } from '../options.js'
import type { DigestFormat } from '../../modules/performance/exports.js'
import type { Command } from '../haven.js'
import { withDatabase } from '../with-database.js'

// Named here, not imported, so the writers load only once the options are right.
const FORMATS: readonly DigestFormat[] = ['csv', 'xlsx', 'docx', 'pdf']

const USAGE = [
  'Usage: haven digest --period <YYYY/YY> [--area team:<name> | worker:<username>] --format csv|xlsx|docx|pdf --out <file>',
  '',
  '  --period 2025/26      the collection year (1 April 2025 to 31 March 2026; to today while it runs)',
  '  --area team:Assessment  one team’s or one worker’s allocated children (default: the authority)',
  '  --format csv          csv or xlsx: the figures; docx or pdf: the committee performance report',
  '                        (default csv)',
  '  --out digest.csv      where to write it',
  '',
  'Exit code: 0 written, 2 options wrong.',
].join('\n')

export const command: Command = {
  summary:
    'the performance digest for a collection year and an area: CSV, XLSX, or the committee report as DOCX or PDF',
  async run(args) {
    const values = parseOptions(
      args,
      {
        period: { type: 'string' },
        area: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      USAGE,
    )
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    const period = values.period as string | undefined
    const out = values.out as string | undefined
    const format = ((values.format as string | undefined) ?? 'csv') as DigestFormat
    if (!period || !out) throw new CliError(`give --period and --out\n\n${USAGE}`)
    if (!FORMATS.includes(format))
      throw new CliError(`--format must be csv, xlsx, docx or pdf, not "${format}"\n\n${USAGE}`)
    const { parseArea, AreaError, digestPeriod, PeriodError } =
      await import('../../modules/performance/model.js')
    const { CollectionYearError } = await import('../../modules/returns/collection-year.js')
    const { londonToday } = await import('../../platform/calendar/dates.js')
    let area
    try {
      area = parseArea(values.area as string | undefined)
      digestPeriod(period, londonToday(systemClock.now()))
    } catch (err) {
      if (err instanceof AreaError || err instanceof PeriodError || err instanceof CollectionYearError)
        throw new CliError(`${err.message}\n\n${USAGE}`)
      throw err
    }
    const { computeDigest } = await import('../../modules/performance/digest.js')
    const { digestFile } = await import('../../modules/performance/exports.js')
    return withDatabase(async (database, config) => {
      let digest
      try {
        digest = await computeDigest(
          { db: database.db, clock: systemClock, onsCode: config.returns.authorityOnsCode },
          { period, area, onProgress: (line) => console.error(line) },
        )
      } catch (err) {
        if (err instanceof AreaError) throw new CliError(err.message)
        throw err
      }
      const partial = `${out}.partial`
      try {
        if (format !== 'csv') console.error(`Writing the ${format.toUpperCase()}`)
        writeFileSync(partial, await digestFile(digest, format))
        renameSync(partial, out)
      } catch (err) {
        rmSync(partial, { force: true })
        throw err
      }
      console.log(
        `Wrote the ${digest.period.label} digest for ${digest.area.kind === 'authority' ? 'the authority' : values.area}: ` +
          `${digest.figures.length} measures, ${digest.notYet.length} listed as not yet measured, to ${out}`,
      )
      return 0
    })
  },
}

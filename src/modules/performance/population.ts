/**
 * The 0–17 population a rate per 10,000 children is worked out from: read from a CSV the
 * authority supplies (`haven reference load-population`: one row per ONS code and mid-year, from
 * the ONS mid-year estimates), and chosen for a collection year. Pure: the store writes and reads.
 */
import { CsvSyntaxError, CsvTokenizer } from '../returns/ssda903/csv-tokenizer.js'
import type { CollectionYear } from '../returns/collection-year.js'

export interface PopulationRow {
  onsCode: string
  midYear: number
  population: number
  source: string
}

/** The estimate a digest used, stated beside every rate. */
export interface Population {
  midYear: number
  population: number
  source: string
}

export class PopulationFileError extends Error {}

const COLUMNS = ['ons_code', 'mid_year', 'population', 'source'] as const

/**
 * The rows of a population file: a header naming `ons_code`, `mid_year`, `population` and
 * optionally `source` (else `defaultSource`), then a row per authority and year. Every problem is
 * reported with its line, and nothing is returned unless every row is right.
 */
export function parsePopulationCsv(text: string, defaultSource: string): PopulationRow[] {
  const rows: { cells: string[]; line: number }[] = []
  const tokenizer = new CsvTokenizer(10_000)
  const take = (cells: string[], line: number) => {
    rows.push({ cells: [...cells], line })
    return true
  }
  try {
    tokenizer.push(text.replace(/^\uFEFF/, ''), take)
    tokenizer.end(take)
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new PopulationFileError(`line ${err.line}: ${err.message}`)
    throw err
  }
  const [header, ...body] = rows.filter((r) => r.cells.some((c) => c.trim() !== ''))
  if (header === undefined) throw new PopulationFileError('the file is empty')
  const names = header.cells.map((c) => c.trim().toLowerCase())
  const at = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >
  const missing = COLUMNS.filter((c) => c !== 'source' && at[c] < 0)
  if (missing.length > 0)
    throw new PopulationFileError(
      `the header has no ${missing.join(', ')} column (it needs ons_code, mid_year, population)`,
    )
  const problems: string[] = []
  const seen = new Set<string>()
  const out: PopulationRow[] = []
  for (const { cells, line } of body) {
    const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? '').trim())
    const onsCode = cell(at.ons_code).toUpperCase()
    const midYear = Number(cell(at.mid_year))
    const population = Number(cell(at.population).replace(/,/g, ''))
    const source = cell(at.source) || defaultSource
    if (!/^[ENSW]\d{8}$/.test(onsCode))
      problems.push(`line ${line}: "${cell(at.ons_code)}" is not an ONS code`)
    else if (!Number.isInteger(midYear) || midYear < 1990 || midYear > 2100)
      problems.push(`line ${line}: "${cell(at.mid_year)}" is not a mid-year such as 2025`)
    else if (!Number.isInteger(population) || population <= 0)
      problems.push(`line ${line}: "${cell(at.population)}" is not a number of children`)
    else if (seen.has(`${onsCode} ${midYear}`))
      problems.push(`line ${line}: ${onsCode} mid-${midYear} is given twice`)
    else {
      seen.add(`${onsCode} ${midYear}`)
      out.push({ onsCode, midYear, population, source: source.slice(0, 500) })
    }
  }
  if (problems.length > 0)
    throw new PopulationFileError(
      `${problems.length} ${problems.length === 1 ? 'row is' : 'rows are'} wrong, nothing loaded:\n` +
        problems.slice(0, 20).join('\n'),
    )
  if (out.length === 0) throw new PopulationFileError('the file has a header and no rows')
  return out
}

/**
 * The mid-year estimate a collection year's rates use: the one dated in it (mid-2025 for 2025/26,
 * its 30 June). The store falls back to the latest held before it, as an estimate is published a
 * year or so after its mid-year.
 */
export function midYearFor(year: Pick<CollectionYear, 'start'>): number {
  return Number(year.start.slice(0, 4))
}

/** A rate per 10,000 children, to one decimal place. */
export function ratePer10000(count: number, population: number): number {
  return Math.round((count * 100_000) / population) / 10
}

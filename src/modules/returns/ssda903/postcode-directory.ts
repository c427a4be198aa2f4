/**
 * Reads the ONS Postcode Directory (ONSPD, CSV) as a stream, for the postcode reference the
 * SSDA903 placement facts come from. A few million rows: nothing is held but the current batch
 * and one running total per postcode sector (about 12,000 in the UK).
 *
 * Columns are found by name in the header, in the ONSPD's spellings across editions (`pcds` or
 * `pcd`, `oseast1m`, `osnrth1m`, `oslaua` or `laua`, `oscty` or `cty`), so a slimmed-down
 * extract with only those columns reads as well. Each postcode gives a unit row; each sector
 * ('RM17 6') a row at the mean of its postcodes' grid references, in the LA most of them lie in.
 * A row whose postcode is already a sector is taken as that sector's row (the synthetic table is
 * written so: it holds sectors only, and a synthetic unit postcode stands at its sector). A
 * return's postcodes are matched whole (SSDA903 asks for full postcodes): sector rows never
 * stand in for a partial postcode given in a return.
 */
import { fileURLToPath } from 'node:url'
import { CsvTokenizer } from './csv-tokenizer.js'
import { FULL_POSTCODE, postcodeKey } from './placement.js'

/** The synthetic postcode table shipped for the synthetic data (made-up grid references). */
export const SYNTHETIC_POSTCODES_FILE = fileURLToPath(
  new URL('../../../../reference/postcodes/synthetic-postcodes.csv', import.meta.url),
)

export interface PostcodeRecord {
  /** Upper case, no spaces. */
  postcode: string
  kind: 'unit' | 'sector'
  easting: number | null
  northing: number | null
  /** Lower-tier LA (district or unitary) and upper-tier LA (county or unitary), ONS codes. */
  la: string | null
  upperLa: string | null
}

export class PostcodeFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PostcodeFileError'
  }
}

const UNIT = FULL_POSTCODE
const SECTOR = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9]$/

const COLUMNS = {
  postcode: ['pcds', 'pcd', 'pcd2', 'postcode'],
  easting: ['oseast1m', 'easting'],
  northing: ['osnrth1m', 'northing'],
  la: ['oslaua', 'laua', 'lad', 'la_code'],
  county: ['oscty', 'cty', 'county_code'],
} as const

/** Counties are E10 codes; the ONSPD's placeholder for "no county" is E99999999 (W…, S…). */
function upperTier(la: string | null, county: string | null): string | null {
  return county !== null && county.startsWith('E10') ? county : la
}

interface SectorTotal {
  e: number
  n: number
  located: number
  las: Map<string, number>
}

function mostCommon(las: Map<string, number>): string | null {
  let best: string | null = null
  let most = 0
  for (const [la, n] of las)
    if (n > most || (n === most && best !== null && la < best)) {
      best = la
      most = n
    }
  return best
}

export interface DirectoryProgress {
  rows: number
  skipped: number
}

/**
 * The records of a postcode directory, in batches of `batchSize`, the sector rows last.
 * `progress` is updated as rows are read (rows read, rows skipped as not a postcode).
 */
export async function* readPostcodeDirectory(
  text: AsyncIterable<string>,
  options: { batchSize?: number; progress?: DirectoryProgress } = {},
): AsyncGenerator<PostcodeRecord[]> {
  const size = options.batchSize ?? 5000
  const progress = options.progress ?? { rows: 0, skipped: 0 }
  const sectors = new Map<string, SectorTotal>()
  const givenSectors = new Set<string>()
  let at: Record<keyof typeof COLUMNS, number> | null = null
  let batch: PostcodeRecord[] = []
  const ready: PostcodeRecord[][] = []

  const cell = (cells: string[], i: number): string | null => {
    if (i < 0) return null
    const v = (cells[i] ?? '').trim()
    return v === '' ? null : v
  }
  const num = (v: string | null): number | null => {
    if (v === null) return null
    const n = Number(v)
    return Number.isFinite(n) ? Math.round(n) : null
  }

  const take = (cells: string[]): boolean => {
    if (at === null) {
      const names = cells.map((c) =>
        c
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase(),
      )
      const find = (options: readonly string[]) => {
        for (const o of options) {
          const i = names.indexOf(o)
          if (i >= 0) return i
        }
        return -1
      }
      at = {
        postcode: find(COLUMNS.postcode),
        easting: find(COLUMNS.easting),
        northing: find(COLUMNS.northing),
        la: find(COLUMNS.la),
        county: find(COLUMNS.county),
      }
      const missing = (['postcode', 'easting', 'northing', 'la'] as const).filter((k) => at?.[k] === -1)
      if (missing.length > 0)
        throw new PostcodeFileError(
          `this is not a postcode directory: the header has no ${missing
            .map((k) => COLUMNS[k].join(' or '))
            .join(', no ')} column`,
        )
      return true
    }
    if (cells.length === 1 && cells[0] === '') return true
    progress.rows++
    const key = postcodeKey(cell(cells, at.postcode) ?? '')
    const kind = UNIT.test(key) ? 'unit' : SECTOR.test(key) ? 'sector' : null
    if (kind === null) {
      progress.skipped++
      return true
    }
    const la = cell(cells, at.la)
    const record: PostcodeRecord = {
      postcode: key,
      kind,
      easting: num(cell(cells, at.easting)),
      northing: num(cell(cells, at.northing)),
      la,
      upperLa: upperTier(la, cell(cells, at.county)),
    }
    // The directory gives grid references of 0 or 1 for postcodes it cannot place.
    if (record.easting !== null && record.easting < 2) record.easting = record.northing = null
    if (kind === 'sector') givenSectors.add(key)
    else {
      const sector = key.slice(0, -2)
      let total = sectors.get(sector)
      if (!total) sectors.set(sector, (total = { e: 0, n: 0, located: 0, las: new Map() }))
      if (record.easting !== null && record.northing !== null) {
        total.e += record.easting
        total.n += record.northing
        total.located++
      }
      const tiers = `${record.la ?? ''}|${record.upperLa ?? ''}`
      total.las.set(tiers, (total.las.get(tiers) ?? 0) + 1)
    }
    batch.push(record)
    if (batch.length >= size) {
      ready.push(batch)
      batch = []
    }
    return true
  }

  const tokenizer = new CsvTokenizer(100_000)
  for await (const chunk of text) {
    tokenizer.push(chunk, take)
    while (ready.length > 0) yield ready.shift() as PostcodeRecord[]
  }
  tokenizer.end(take)
  while (ready.length > 0) yield ready.shift() as PostcodeRecord[]
  if (at === null) throw new PostcodeFileError('the file is empty')

  for (const [sector, total] of sectors) {
    if (givenSectors.has(sector)) continue
    const [la, upperLa] = (mostCommon(total.las) ?? '|').split('|') as [string, string]
    batch.push({
      postcode: sector,
      kind: 'sector',
      easting: total.located > 0 ? Math.round(total.e / total.located) : null,
      northing: total.located > 0 ? Math.round(total.n / total.located) : null,
      la: la || null,
      upperLa: upperLa || null,
    })
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/** A unit postcode's sector, as keys are written (upper case, no space): RM176AB → RM176. */
export function unitSector(key: string): string {
  return key.slice(0, -2)
}

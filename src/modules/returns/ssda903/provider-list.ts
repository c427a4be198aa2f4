/**
 * The Ofsted provider list the SSDA903 provider rules check URNs against, read from a CSV in
 * Haven's own columns (Ofsted publishes its children's homes and social care providers lists in
 * layouts that change; an authority or a script turns them into these):
 *
 *   URN, POSTCODE, LA_CODE, REGISTERED, CLOSED, PLACE_CODES, PROVIDER_CODES
 *
 * LA_CODE is the upper-tier ONS code; dates are `YYYY-MM-DD` or `DD/MM/YYYY`; the code columns
 * list SSDA903 PLACE and PLACE_PROVIDER codes separated by spaces ("K2 R1"). Read as a stream,
 * in batches.
 */
import type { IsoDate } from '../../../platform/calendar/working-days.js'
import { CsvTokenizer } from './csv-tokenizer.js'
import { parseDfeDate } from './model.js'
import { postcodeKey } from './placement.js'
import type { ProviderFacts } from './rule.js'

export class ProviderFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProviderFileError'
  }
}

export const PROVIDER_COLUMNS = [
  'URN',
  'POSTCODE',
  'LA_CODE',
  'REGISTERED',
  'CLOSED',
  'PLACE_CODES',
  'PROVIDER_CODES',
] as const

const ISO = /^\d{4}-\d{2}-\d{2}$/

function date(text: string, what: string, line: number): IsoDate | null {
  const t = text.trim()
  if (t === '') return null
  const parsed = ISO.test(t) ? t : parseDfeDate(t)
  if (parsed === null) throw new ProviderFileError(`line ${line}: ${what} "${t}" is not a date`)
  return parsed
}

function codes(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter((c) => c !== '')
}

/** The providers of the file, in batches; a missing column or a bad date stops the read. */
export async function* readProviderList(
  text: AsyncIterable<string>,
  options: { batchSize?: number } = {},
): AsyncGenerator<ProviderFacts[]> {
  const size = options.batchSize ?? 5000
  let at: number[] | null = null
  let batch: ProviderFacts[] = []
  const ready: ProviderFacts[][] = []
  const take = (cells: string[], line: number): boolean => {
    if (at === null) {
      const names = cells.map((c) =>
        c
          .replace(/^\uFEFF/, '')
          .trim()
          .toUpperCase(),
      )
      at = PROVIDER_COLUMNS.map((c) => names.indexOf(c))
      const missing = PROVIDER_COLUMNS.filter((_, i) => at?.[i] === -1)
      if (missing.length > 0)
        throw new ProviderFileError(`this is not a provider list: the header has no ${missing.join(', ')}`)
      return true
    }
    const cell = (i: number) => (cells[at?.[i] as number] ?? '').trim()
    const urn = cell(0).toUpperCase()
    if (urn === '') return true
    const postcode = postcodeKey(cell(1))
    batch.push({
      urn,
      postcode: postcode === '' ? null : postcode,
      la: cell(2) === '' ? null : cell(2).toUpperCase(),
      registered: date(cell(3), 'REGISTERED', line),
      closed: date(cell(4), 'CLOSED', line),
      placeCodes: codes(cell(5)),
      providerCodes: codes(cell(6)),
    })
    if (batch.length >= size) {
      ready.push(batch)
      batch = []
    }
    return true
  }
  const tokenizer = new CsvTokenizer(100_000)
  for await (const chunk of text) {
    tokenizer.push(chunk, take)
    while (ready.length > 0) yield ready.shift() as ProviderFacts[]
  }
  tokenizer.end(take)
  while (ready.length > 0) yield ready.shift() as ProviderFacts[]
  if (at === null) throw new ProviderFileError('the file is empty')
  if (batch.length > 0) yield batch
}

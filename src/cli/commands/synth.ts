/**
 * `haven synth returns`: write a deterministic synthetic CIN census and SSDA903 return.
 *
 *   haven synth returns --children N --seed S --year 2025/26 [--defects R] --out DIR
 *
 * The same seed, size and year give the same bytes on any machine. `--defects R` gives a
 * fraction R of children one general kind of defect (bad codes, impossible dates, blanks,
 * overlaps, duplicates…); without it the return is clean. Children are generated and written
 * one at a time, so England-sized returns (700,000 children in need) stream.
 */
import { parseArgs } from 'node:util'
import { CliError } from '../cli-error.js'
import type { Command } from '../haven.js'
import { CollectionYearError, parseCollectionYear } from '../../modules/returns/collection-year.js'

const USAGE = [
  'Usage: haven synth returns --children N --seed S --year 2025/26 [--defects R] [--la 883] --out DIR',
  '',
  'Writes DIR/cin-census.xml, DIR/ssda903/*.csv (last year in DIR/ssda903/previous/)',
  'and DIR/ssda903-xml/ssda903.xml (and ssda903.previous.xml).',
].join('\n')

function usageError(message: string): never {
  throw new CliError(`${message}\n\n${USAGE}`)
}

function parseReturnsArgs(args: string[]) {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      options: {
        children: { type: 'string' },
        seed: { type: 'string' },
        year: { type: 'string' },
        defects: { type: 'string' },
        la: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    usageError((err as Error).message)
  }
  const { children, seed, year, defects, la, out } = values
  if (children === undefined || seed === undefined || year === undefined || out === undefined) {
    usageError('--children, --seed, --year and --out are required')
  }
  if (!/^\d+$/.test(children) || Number(children) < 1 || Number(children) > 10_000_000) {
    usageError(`--children must be a whole number from 1 to 10,000,000, not "${children}"`)
  }
  const rate = defects === undefined ? 0 : Number(defects)
  if (defects !== undefined && (!/^\d*\.?\d+$/.test(defects) || rate > 1)) {
    usageError(`--defects must be a fraction from 0 to 1, not "${defects}"`)
  }
  if (la !== undefined && !/^\d{3}$/.test(la)) usageError(`--la must be a three-digit LA code, not "${la}"`)
  let collectionYear
  try {
    collectionYear = parseCollectionYear(year)
  } catch (err) {
    if (err instanceof CollectionYearError) usageError(err.message)
    throw err
  }
  return { children: Number(children), seed, year: collectionYear, defects: rate, laCode: la ?? '883', out }
}

export const command: Command = {
  summary: 'Write deterministic synthetic DfE returns (CIN census and SSDA903)',
  async run(args) {
    const [sub, ...rest] = args
    if (sub !== 'returns') {
      console.error(USAGE)
      return 2
    }
    const options = parseReturnsArgs(rest)
    const { writeSyntheticReturns } = await import('../../modules/synth/write.js')
    const started = performance.now()
    const tty = process.stderr.isTTY
    const summary = await writeSyntheticReturns({
      ...options,
      progressEvery: 10_000,
      onProgress: (n) => {
        if (tty) process.stderr.write(`\r${n.toLocaleString('en-GB')} children…`)
      },
    })
    if (tty && summary.generated >= 10_000) process.stderr.write('\n')
    const seconds = (performance.now() - started) / 1000
    const lines = [
      `Synthetic returns for ${options.year.label}, seed "${options.seed}", LA ${options.laCode}:`,
      `  CIN census: ${summary.cinChildren.toLocaleString('en-GB')} children`,
      `  SSDA903: ${summary.ssda903Children.toLocaleString('en-GB')} children this year, ${summary.ssda903PreviousChildren.toLocaleString('en-GB')} last year`,
      options.defects > 0
        ? `  Defects: ${summary.childrenWithDefects.toLocaleString('en-GB')} children (${Object.entries(
            summary.defects,
          )
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : '  Defects: none (a clean return)',
      'Files:',
      ...summary.files.map((f) => `  ${f}`),
      `Took ${seconds.toFixed(1)} s.`,
    ]
    console.log(lines.join('\n'))
    return 0
  },
}

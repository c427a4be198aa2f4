/**
 * `haven returns validate`: validate a DfE return file against the collection year's rules.
 * (`haven returns export --annex-a` is in returns-export.ts.)
 *
 *   haven returns validate --cin census.xml --year 2025/26 [--format json|csv|html] [--out report.html]
 *   haven returns validate --ssda903 <dir or files…> --year 2026/27 [--previous <dir or files>]
 *       [--la E06000034] [--no-database] [--format …] [--out …]
 *
 * Exit code 0 when there are no errors (queries alone do not fail), 1 when there are errors,
 * parts of the file that could not be read, or rules that could not evaluate; 2 when the
 * input cannot be read at all, the file is missing or the year is unknown. The report is
 * written only once the whole file has been validated, so a failed run leaves no partial report.
 *
 * Findings are not kept in memory: the run hands them to a report writer as it finds them
 * (JSON and CSV spill to a temporary file, copied into the report after its summary), so a
 * return with millions of findings validates in the memory its children need.
 */
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CliError } from '../cli-error.js'
import type { Command } from '../haven.js'
import { CollectionYearError, parseCollectionYear } from '../../modules/returns/collection-year.js'
import {
  UnknownCollectionYearError,
  type FindingSink,
  type ValidationSummary,
} from '../../modules/returns/engine.js'
import { REPORT_FORMATS, reportWriter, type ReportFormat } from '../../modules/returns/report.js'

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>

/**
 * A return the command can validate. Each kind brings its own options and its own reader;
 * the command handles the year, the report, progress and exit codes for all of them.
 *
 * A kind that takes several inputs (`takesPositionals`) gets the words after its options as
 * more of them: `--ssda903 header.csv episodes.csv`.
 */
export interface ReturnKind {
  name: string
  /** The option that selects this return; its value names the input. */
  flag: string
  usage: string
  /** Further usage lines (its own options), indented under the first. */
  more?: readonly string[]
  options: NonNullable<ParseArgsConfig['options']>
  /** Words without an option are more of this kind's input (appended to its flag's values). */
  takesPositionals?: boolean
  /** What to call the input in the report. */
  input(values: Values): string
  /** Check the input exists before anything is read; throw CliError (exit 2) if not. */
  checkInput(values: Values): void
  validate(
    values: Values,
    year: string,
    sink: FindingSink,
    progress?: (children: number) => void,
  ): Promise<ValidationSummary>
}

function requireFile(path: string, what: string): void {
  if (!existsSync(path)) throw new CliError(`${what} not found: ${path}`)
  if (!statSync(path).isFile()) throw new CliError(`${what} is not a file: ${path}`)
}

export const RETURN_KINDS: ReturnKind[] = [
  {
    name: 'CIN census',
    flag: 'cin',
    usage: '--cin <file.xml>',
    options: { cin: { type: 'string' } },
    input: (values) => String(values.cin),
    checkInput: (values) => requireFile(String(values.cin), 'CIN census file'),
    async validate(values, year, sink, progress) {
      const { streamCinFile } = await import('../../modules/returns/cin/validate.js')
      const { CinReadError } = await import('../../modules/returns/cin/xml-read.js')
      try {
        return await streamCinFile(String(values.cin), year, sink, progress ? { onProgress: progress } : {})
      } catch (err) {
        if (err instanceof CinReadError) throw new CliError(`cannot read the CIN census: ${err.message}`)
        throw err
      }
    },
  },
  {
    name: 'SSDA903',
    flag: 'ssda903',
    usage: '--ssda903 <dir or files…>',
    more: [
      '  --previous <dir or files>   last year’s return, for the rules comparing the two years',
      '  --la <ONS code>             the reporting authority (E06000034), for in or out of area',
      '  --no-database               no postcode reference or provider list: postcodes unknown,',
      '                              the provider rules not run',
    ],
    options: {
      ssda903: { type: 'string', multiple: true },
      previous: { type: 'string', multiple: true },
      la: { type: 'string' },
      'no-database': { type: 'boolean' },
    },
    takesPositionals: true,
    input: (values) => (values.ssda903 as string[]).join(' '),
    checkInput(values) {
      for (const path of [
        ...(values.ssda903 as string[]),
        ...((values.previous as string[] | undefined) ?? []),
      ])
        if (!existsSync(path)) throw new CliError(`SSDA903 file or directory not found: ${path}`)
      if (typeof values.la === 'string' && !/^[ENSW]\d{8}$/.test(values.la))
        throw new CliError(`--la takes the authority's ONS code, such as E06000034 (not "${values.la}")`)
    },
    async validate(values, year, sink, progress) {
      const { Ssda903InputError, streamSsda903Files } =
        await import('../../modules/returns/ssda903/validate.js')
      const { ssda903RuleSets } = await import('../../modules/returns/ssda903/rule-sets.js')
      ssda903RuleSets.forYear(year) // an unknown year is refused before the database is opened
      const files = values.ssda903 as string[]
      const previous = values.previous as string[] | undefined
      const options = {
        laCode: typeof values.la === 'string' ? values.la : null,
        ...(progress ? { onProgress: progress } : {}),
      }
      const input = { files, ...(previous ? { previous } : {}) }
      try {
        if (values['no-database'] === true) return await streamSsda903Files(input, year, sink, options)
        const { postcodeLookup, providerLookup } =
          await import('../../modules/returns/ssda903/postcode-store.js')
        const { withDatabase } = await import('../with-database.js')
        return await withDatabase(
          (database) =>
            streamSsda903Files(input, year, sink, {
              ...options,
              postcodes: postcodeLookup(database.db),
              providers: providerLookup(database.db),
            }),
          { seedDemo: false },
        )
      } catch (err) {
        if (err instanceof Ssda903InputError)
          throw new CliError(`cannot read the SSDA903 return: ${err.message}`)
        throw err
      }
    },
  },
]

const COMMON_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  year: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
}

function usage(): string {
  return [
    'Usage: haven returns validate <input> --year <YYYY/YY> [--format json|csv|html] [--out <file>]',
    '',
    'Inputs (one):',
    ...RETURN_KINDS.flatMap((k) => [`  ${k.usage.padEnd(40)} ${k.name}`, ...(k.more ?? [])]),
    '',
    'Options:',
    '  --year 2025/26        the collection year (1 April 2025 to 31 March 2026)',
    '  --format json         json (default), csv or html; taken from --out when it ends in one of them',
    '  --out <file>          write the report there (default: standard output)',
    '',
    'Exit code: 0 no errors, 1 errors (queries alone do not fail), 2 input unreadable or options wrong.',
    '',
    'Also: haven returns export --annex-a [--from <date>] [--to <date>] --out <file.xlsx>',
    '      haven returns import --ssda903 <dir or files…> --year <YYYY/YY> --as <username>',
  ].join('\n')
}

function chooseFormat(format: string | undefined, out: string | undefined): ReportFormat {
  if (format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new CliError(`unknown --format "${format}": use json, csv or html`)
    }
    return format as ReportFormat
  }
  const ext = out?.split('.').pop()?.toLowerCase()
  if (ext === 'htm') return 'html'
  return ext && (REPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ReportFormat) : 'json'
}

/** Write the report to a temporary file and move it into place, so a half-written report is never left. */
export async function writeReport(
  pieces: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  out: string | undefined,
): Promise<void> {
  if (out === undefined) {
    for await (const piece of pieces) {
      if (!process.stdout.write(piece)) await once(process.stdout, 'drain')
    }
    return
  }
  const temp = `${out}.${process.pid}.part`
  const stream = createWriteStream(temp, { encoding: 'utf8' })
  try {
    for await (const piece of pieces) {
      if (!stream.write(piece)) await once(stream, 'drain')
    }
    stream.end()
    await once(stream, 'finish')
    renameSync(temp, out)
  } catch (err) {
    stream.destroy()
    rmSync(temp, { force: true })
    throw err
  }
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

export function exitCodeFor(result: ValidationSummary): number {
  const unread = result.readProblems.some((p) => p.warning !== true)
  return result.errors > 0 || result.couldNotEvaluate > 0 || unread ? 1 : 0
}

export async function validate(args: string[]): Promise<number> {
  const options = { ...COMMON_OPTIONS }
  for (const kind of RETURN_KINDS) Object.assign(options, kind.options)
  let values: Values
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true }) as {
      values: Values
      positionals: string[]
    })
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage()}`)
  }
  if (values.help) {
    console.log(usage())
    return 0
  }
  const chosen = RETURN_KINDS.filter((k) => values[k.flag] !== undefined)
  if (chosen.length !== 1) {
    throw new CliError(
      `give exactly one input (${RETURN_KINDS.map((k) => `--${k.flag}`).join(', ')})\n\n${usage()}`,
    )
  }
  const kind = chosen[0] as ReturnKind
  if (positionals.length > 0) {
    if (!kind.takesPositionals) throw new CliError(`unexpected argument "${positionals[0]}"\n\n${usage()}`)
    values[kind.flag] = [...(values[kind.flag] as string[]), ...positionals]
  }
  if (typeof values.year !== 'string') throw new CliError(`--year is required, for example --year 2025/26`)
  let year: string
  try {
    year = parseCollectionYear(values.year).label
  } catch (err) {
    if (err instanceof CollectionYearError) throw new CliError(err.message)
    throw err
  }
  const out = typeof values.out === 'string' ? values.out : undefined
  const format = chooseFormat(typeof values.format === 'string' ? values.format : undefined, out)
  kind.checkInput(values)

  const tty = process.stderr.isTTY === true
  const progress = tty
    ? (n: number) => process.stderr.write(`\r${kind.name}: ${n.toLocaleString('en-GB')} children validated`)
    : undefined
  const started = performance.now()
  const writer = reportWriter(format)
  let result: ValidationSummary
  try {
    try {
      result = await kind.validate(values, year, writer, progress)
    } catch (err) {
      if (tty) process.stderr.write('\n')
      if (err instanceof UnknownCollectionYearError) throw new CliError(err.message)
      throw err
    }
    if (tty) process.stderr.write('\n')
    await writeReport(writer.pieces(result, { input: kind.input(values) }), out)
  } finally {
    writer.discard()
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const unreadCount = result.readProblems.filter((p) => p.warning !== true).length
  const unread = unreadCount > 0 ? `, ${unreadCount} parts not read` : ''
  const notRun = result.notRun?.length ? `, ${count(result.notRun.length, 'rule', 'rules')} not run` : ''
  const failed = result.couldNotEvaluate > 0 ? `, ${result.couldNotEvaluate} rule evaluations failed` : ''
  console.error(
    `${kind.name} ${result.year}: ${result.children.toLocaleString('en-GB')} children, ` +
      `${count(result.errors, 'error', 'errors')}, ${count(result.queries, 'query', 'queries')}` +
      `${unread}${failed}${notRun} (${seconds} s)${out ? `; report in ${out}` : ''}`,
  )
  return exitCodeFor(result)
}

export const command: Command = {
  summary:
    'Validate DfE returns (CIN census, SSDA903) against a collection year’s rules; export Ofsted’s Annex A',
  async run(args) {
    const [sub, ...rest] = args
    if (sub === 'validate') return validate(rest)
    if (sub === 'export') {
      const { exportReturn } = await import('./returns-export.js')
      return exportReturn(rest)
    }
    if (sub === 'import') {
      const { importReturn } = await import('./returns-import.js')
      return importReturn(rest)
    }
    if (sub === undefined || sub === '--help' || sub === '-h') {
      console.log(usage())
      return sub === undefined ? 2 : 0
    }
    throw new CliError(`unknown returns command "${sub}"\n\n${usage()}`)
  },
}

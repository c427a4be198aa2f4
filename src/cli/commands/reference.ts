/**
 * `haven reference`: load the reference data an authority supplies.
 *
 *   haven reference load-postcodes <ONSPD.csv>
 *
 * Streams the ONS Postcode Directory (CSV, a few million rows) into the postcode table the
 * SSDA903 placement facts come from, in batches, with a progress line every 100,000 rows. Safe
 * to run again with a newer edition: postcodes are written over and those gone are removed.
 */
import { existsSync, statSync } from 'node:fs'
import { CliError } from '../cli-error.js'
import type { Command } from '../haven.js'
import { withDatabase } from '../with-database.js'

const USAGE = `Usage:
  haven reference load-postcodes <file.csv>   load the ONS Postcode Directory (ONSPD) for the SSDA903
                                              placement distance, LA and in or out of area`

export const command: Command = {
  summary: 'load reference data (the ONS Postcode Directory)',
  async run(args) {
    const [sub, file, ...rest] = args
    if (sub === '--help' || sub === '-h') {
      console.log(USAGE)
      return 0
    }
    if (sub !== 'load-postcodes') throw new CliError(USAGE)
    if (file === undefined || rest.length > 0) throw new CliError(`give one file\n\n${USAGE}`)
    if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`postcode file not found: ${file}`)
    const { loadPostcodeFile } = await import('../../modules/returns/ssda903/postcode-store.js')
    const { PostcodeFileError } = await import('../../modules/returns/ssda903/postcode-directory.js')
    const { NotTextError } = await import('../../modules/returns/ssda903/text-source.js')
    const { CsvSyntaxError } = await import('../../modules/returns/ssda903/csv-tokenizer.js')
    const started = performance.now()
    return withDatabase(
      async (database) => {
        try {
          const load = await loadPostcodeFile(database.db, file, {
            onProgress: (rows) => console.error(`${rows.toLocaleString('en-GB')} rows read`),
          })
          const seconds = ((performance.now() - started) / 1000).toFixed(1)
          console.log(
            `Loaded ${load.written.toLocaleString('en-GB')} postcodes and sectors from ${file}` +
              (load.skipped > 0
                ? `; ${load.skipped.toLocaleString('en-GB')} ${load.skipped === 1 ? 'row was' : 'rows were'} not a postcode`
                : '') +
              (load.removed > 0 ? `; ${load.removed.toLocaleString('en-GB')} earlier rows removed` : '') +
              ` (${seconds} s)`,
          )
          return 0
        } catch (err) {
          if (
            err instanceof PostcodeFileError ||
            err instanceof NotTextError ||
            err instanceof CsvSyntaxError
          )
            throw new CliError(`cannot load ${file}: ${err.message}`)
          throw err
        }
      },
      { seedDemo: false },
    )
  },
}

/**
 * `haven reference`: load the reference data an authority supplies.
 *
 *   haven reference load-postcodes <ONSPD.csv>
 *   haven reference load-providers <providers.csv>
 *   haven reference load-population <population.csv>
 *
 * Streams the ONS Postcode Directory (CSV, a few million rows) into the postcode table the
 * SSDA903 placement facts come from, in batches, with a progress line every 100,000 rows. Safe
 * to run again with a newer edition: postcodes are written over and those gone are removed.
 * The Ofsted provider list (in Haven's columns: ssda903/provider-list.ts) is loaded the same way.
 * The 0–17 population (ons_code, mid_year, population[, source]: the ONS mid-year estimates) is
 * what the digest's rates per 10,000 children are worked out from.
 */
import { existsSync, statSync } from 'node:fs'
import { CliError } from '../cli-error.js'
import type { Command } from '../haven.js'
import { withDatabase } from '../with-database.js'

const USAGE = `Usage:
  haven reference load-postcodes <file.csv>   load the ONS Postcode Directory (ONSPD) for the SSDA903
                                              placement distance, LA and in or out of area
  haven reference load-providers <file.csv>   load the Ofsted provider list (URN, POSTCODE, LA_CODE,
                                              REGISTERED, CLOSED, PLACE_CODES, PROVIDER_CODES)
  haven reference load-population <file.csv>  load the 0–17 population by ONS mid-year estimate
                                              (ons_code, mid_year, population[, source]) for the
                                              digest's rates per 10,000 children`

export const command: Command = {
  summary: 'load reference data (the ONS Postcode Directory, the Ofsted provider list, the 0–17 population)',
  async run(args) {
    const [sub, file, ...rest] = args
    if (sub === '--help' || sub === '-h') {
      console.log(USAGE)
      return 0
    }
    if (sub !== 'load-postcodes' && sub !== 'load-providers' && sub !== 'load-population')
      throw new CliError(USAGE)
    if (file === undefined || rest.length > 0) throw new CliError(`give one file\n\n${USAGE}`)
    const what = {
      'load-postcodes': 'postcode',
      'load-providers': 'provider',
      'load-population': 'population',
    }[sub]
    if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${what} file not found: ${file}`)
    if (sub === 'load-providers') return loadProviders(file)
    if (sub === 'load-population') return loadPopulation(file)
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

async function loadProviders(file: string): Promise<number> {
  const { loadProviderFile } = await import('../../modules/returns/ssda903/postcode-store.js')
  const { ProviderFileError } = await import('../../modules/returns/ssda903/provider-list.js')
  const { NotTextError } = await import('../../modules/returns/ssda903/text-source.js')
  const { CsvSyntaxError } = await import('../../modules/returns/ssda903/csv-tokenizer.js')
  return withDatabase(
    async (database) => {
      try {
        const load = await loadProviderFile(database.db, file)
        console.log(
          `Loaded ${load.written.toLocaleString('en-GB')} providers from ${file}` +
            (load.removed > 0 ? `; ${load.removed.toLocaleString('en-GB')} no longer listed removed` : ''),
        )
        return 0
      } catch (err) {
        if (err instanceof ProviderFileError || err instanceof NotTextError || err instanceof CsvSyntaxError)
          throw new CliError(`cannot load ${file}: ${err.message}`)
        throw err
      }
    },
    { seedDemo: false },
  )
}

async function loadPopulation(file: string): Promise<number> {
  const { loadPopulationFile } = await import('../../modules/performance/population-store.js')
  const { PopulationFileError } = await import('../../modules/performance/population.js')
  return withDatabase(
    async (database) => {
      try {
        const load = await loadPopulationFile(database.db, file)
        console.log(
          `Loaded ${load.written.toLocaleString('en-GB')} population ${load.written === 1 ? 'estimate' : 'estimates'} from ${file}`,
        )
        return 0
      } catch (err) {
        if (err instanceof PopulationFileError) throw new CliError(`cannot load ${file}: ${err.message}`)
        throw err
      }
    },
    { seedDemo: false },
  )
}

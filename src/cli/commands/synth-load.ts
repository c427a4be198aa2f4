/**
 * `haven synth`: load a deterministic synthetic authority into the configured database (the
 * embedded one in ./data, or DATABASE_URL), through the same `openHavenDatabase()` as the server.
 * `haven synth returns …` writes DfE returns to files instead (synth.ts).
 *
 *   haven synth --children N --seed S [--as-of YYYY-MM-DD]
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../../platform/config.js'
import { CliError } from '../cli-error.js'
import type { Command } from '../haven.js'
import { withDatabase } from '../with-database.js'
import { hasAnyAccount } from '../../platform/auth/users.js'

const USAGE = [
  'Usage: haven synth --children N --seed S [--as-of YYYY-MM-DD]',
  '       haven synth returns --children N --seed S --year 2025/26 [--defects R] --out DIR',
  '',
  'The first form loads a synthetic authority into the database Haven is configured to use',
  '(./data, or DATABASE_URL): N child records (Thurrock has about 42,000) with their families,',
  'staff in teams, partner agencies and a year of contacts, referrals, assessments, plans and',
  'care up to --as-of (default today; the history ends the day before, 09:00 London time on',
  'that day being "now"). The same seed and size give the same authority.',
  '',
  'It loads into a database without a synthetic authority only (the demo authority loaded by',
  'the first `npm start` has one): to load another, use an empty database (a new HAVEN_DATA_DIR',
  'or DATABASE_URL). On an empty database the demo accounts are added first, so you can sign in.',
  '',
  'The second form writes a synthetic CIN census and SSDA903 return to files (haven synth returns --help).',
].join('\n')

function usageError(message: string): never {
  throw new CliError(`${message}\n\n${USAGE}`)
}

export function parseSynthLoadArgs(args: string[], today = new Date()) {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      options: {
        children: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    usageError((err as Error).message)
  }
  if (values.help) return { help: true as const }
  const { children, seed } = values
  const asOfText = values['as-of']
  if (children === undefined || seed === undefined) usageError('--children and --seed are required')
  if (!/^\d+$/.test(children) || Number(children) < 1 || Number(children) > 1_000_000)
    usageError(`--children must be a whole number from 1 to 1,000,000, not "${children}"`)
  if (seed.trim() === '') usageError('--seed must not be empty')
  let asOf: Date | undefined
  if (asOfText !== undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOfText)
    const date = match ? new Date(`${asOfText}T00:00:00Z`) : null
    if (
      !match ||
      date === null ||
      Number.isNaN(date.getTime()) ||
      date.toISOString().slice(0, 10) !== asOfText
    )
      usageError(`--as-of must be a real date written YYYY-MM-DD, not "${asOfText}"`)
    if (asOfText < '2001-01-01') usageError(`--as-of must be 2001 or later, not "${asOfText}"`)
    // 09:00 London time that day: the morning's MASH queue.
    asOf = new Date(Date.parse(`${asOfText}T09:00:00Z`) - londonOffsetMs(asOfText))
    if (asOf.getTime() > today.getTime()) usageError(`--as-of must not be in the future, not "${asOfText}"`)
  }
  return { help: false as const, children: Number(children), seed, asOf }
}

/** London's offset from UTC at 09:00 on `date` (an hour in British Summer Time). */
function londonOffsetMs(date: string): number {
  const utc = new Date(`${date}T09:00:00Z`)
  const london = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(utc)
  return (Number(london) - 9) * 3_600_000
}

export const command: Command = {
  summary: 'Load a synthetic authority into the database, or write synthetic DfE returns',
  async run(args) {
    if (args[0] === 'returns') return (await import('./synth.js')).command.run(args)
    const parsed = parseSynthLoadArgs(args)
    if (parsed.help) {
      console.log(USAGE)
      return 0
    }
    const config = loadConfig()
    if (config.environment === 'production')
      throw new CliError('Synthetic data is never loaded in production', 1)
    const { loadAuthority, syntheticAuthorityPresent } = await import('../../modules/synth/load.js')
    const { seedDemo } = await import('../../modules/demo/seed.js')
    return withDatabase(
      async (database) => {
        const { db } = database
        if (await syntheticAuthorityPresent(db))
          throw new CliError(
            `${database.location} already holds a synthetic authority: load into an empty database (a new HAVEN_DATA_DIR or DATABASE_URL)`,
            1,
          )
        const started = performance.now()
        if (!(await hasAnyAccount(db))) {
          await seedDemo(db)
          console.log('An empty database: added the demo accounts and children first.')
        }
        console.log(
          `Loading ${parsed.children.toLocaleString('en-GB')} children (seed "${parsed.seed}") into ${database.location} (${database.driver})…`,
        )
        const summary = await loadAuthority(db, {
          seed: parsed.seed,
          children: parsed.children,
          ...(parsed.asOf ? { asOf: parsed.asOf } : {}),
          onProgress: (message) => console.log(`  ${message}`),
        })
        const c = summary.counts
        const n = (x: number) => x.toLocaleString('en-GB')
        console.log(
          [
            `Loaded a synthetic authority as at ${summary.asOf}:`,
            `  ${n(c.children)} children, ${n(c.adults)} adults, ${n(c.relationships)} relationships, ${n(c.addresses)} addresses`,
            `  ${n(c.teams)} teams, ${n(c.staff)} staff (they cannot sign in), ${n(c.agencies)} partner agencies`,
            `  ${n(c.contacts)} contacts about ${n(c.contactChildren)} children, ${n(c.openContactChildren)} waiting in the MASH; ${n(c.agencyChecks)} agency checks`,
            `  ${n(c.referrals)} referrals (${n(c.reReferrals)} re-referrals, ${n(c.openReferrals)} open), ${n(c.grants)} access grants`,
            `  ${n(c.caseNotes)} case notes, ${n(c.oversightRecords)} management oversight and supervision records`,
            `  ${n(c.carePeriods)} periods of care (${n(c.careEpisodes)} episodes), ${n(c.earlyHelpEpisodes)} early help episodes (${n(c.earlyHelpWaiting)} decisions waiting for early help)`,
            `  ${n(c.caseEvents)} case events, ${n(c.tasks)} tasks (${n(c.openTasks)} open)`,
            `Took ${((performance.now() - started) / 1000).toFixed(1)} s.`,
          ].join('\n'),
        )
        return 0
      },
      { seedDemo: false, config },
    )
  },
}

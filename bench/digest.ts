/**
 * Benchmark (issue 18, Speed): the full performance digest (every live measure in the catalogue,
 * each with its figure, the previous year and 12 months of trend) for the whole authority and for
 * one team, on PostgreSQL. Targets: under 1 s for a Thurrock-sized authority, under 30 s for an
 * England-sized one.
 *
 *   npm run bench -- digest                          the demo authority (as `npm start` builds it,
 *                                                    42,000 synthetic children); results to bench/results/
 *   npx tsx bench/digest.ts --database URL --label "England-sized (650,000 in need)"
 *                                                    a database already built (e.g. by
 *                                                    returns-ssda903-export.ts england 650000 --keep),
 *                                                    printed only; add --save to write the results
 *
 * Each digest is computed three times after a first (cold) run; the median is reported. Baseline,
 * in the same run: each live measure's units query read once, whole (a `count(*)` over it), which
 * is what any digest must at least do; the ratio says how much the periods, months and areas cost
 * on top.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openHavenDatabase } from '../src/bootstrap.js'
import { loadCatalogue } from '../src/modules/performance/catalogue-store.js'
import { computeDigest } from '../src/modules/performance/digest.js'
import { unitsCount } from '../src/modules/performance/digest-store.js'
import { collectionYearOf, type Area } from '../src/modules/performance/model.js'
import { loadConfig } from '../src/platform/config.js'
import { fixedClock } from '../src/platform/calendar/clock.js'
import { londonToday } from '../src/platform/calendar/dates.js'
import { stepLoad } from './returns-cin-export.js'
import { BASE_ENV, createScratch, stepInChild } from './scratch-database.js'

const log = (line: string) => console.error(line)
const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places
const TARGETS = { thurrock: 1, england: 30 }

interface Timed {
  authority: string
  measures: number
  period: string
  team: string | null
  coldSeconds: number
  authoritySeconds: number
  teamSeconds: number | null
  baselineSeconds: number
  children: number
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

async function timeIt(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await run()
  return (performance.now() - t0) / 1000
}

/** The digest timed on the database in DATABASE_URL, in this process. */
async function stepTime(label: string): Promise<Timed> {
  const config = loadConfig(process.env as Record<string, string>)
  const database = await openHavenDatabase(config, { seedDemo: false })
  try {
    const { db } = database
    // The period: the collection year the data's latest referral falls in, as a committee would ask.
    const latest = await sql<{
      d: string | null
    }>`select max(referral_date)::text as d from referral`.execute(db)
    const day = latest.rows[0]?.d ?? londonToday(new Date())
    const clock = fixedClock(new Date(`${day}T23:00:00Z`))
    const period = collectionYearOf(day)
    const deps = { db, clock, onsCode: config.returns.authorityOnsCode }
    const team = await sql<{ name: string }>`
      select t.name from team t join app_user u on u.team_id = t.id
        join child_access a on a.user_id = u.id and a.basis = 'allocated_worker'
       group by t.name order by count(*) desc limit 1`.execute(db)
    const teamName = team.rows[0]?.name ?? null
    const { measures } = await loadCatalogue(db)
    const live = measures.filter((m) => m.status === 'live' && m.query !== null)
    const digest = (area: Area) => computeDigest(deps, { period, area })
    const coldSeconds = await timeIt(() => digest({ kind: 'authority' }))
    const runs: number[] = []
    for (let i = 0; i < 3; i++) runs.push(await timeIt(() => digest({ kind: 'authority' })))
    const teamRuns: number[] = []
    if (teamName)
      for (let i = 0; i < 3; i++) teamRuns.push(await timeIt(() => digest({ kind: 'team', name: teamName })))
    // Baseline: every live measure's units read once, whole, in the scope the digest gives them
    // (from 2000 to the day, working days numbered without bank holidays).
    const since = '2000-01-01'
    const whole = {
      values: false,
      period: { from: since, to: day },
      workingDays: { from: since, to: day, holidays: [] },
      onsCode: 'E06000034',
      at: clock.now(),
      workedOutAt: clock.now(),
    }
    const baselineRuns: number[] = []
    for (let i = 0; i < 3; i++)
      baselineRuns.push(
        await timeIt(async () => {
          for (const m of live) await unitsCount(db, m.query as string, whole)
        }),
      )
    const children = await sql<{ n: string }>`select count(*) as n from person where kind = 'child'`.execute(
      db,
    )
    return {
      authority: label,
      measures: live.length,
      period,
      team: teamName,
      coldSeconds: round(coldSeconds),
      authoritySeconds: round(median(runs)),
      teamSeconds: teamRuns.length ? round(median(teamRuns)) : null,
      baselineSeconds: round(median(baselineRuns)),
      children: Number(children.rows[0]?.n ?? 0),
    }
  } finally {
    await database.close()
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args[0] === 'step')
    return void console.log(
      JSON.stringify(args[1] === 'load' ? await stepLoad('demo', 42_000) : await stepTime(args[2] as string)),
    )
  const at = args.indexOf('--database')
  const labelAt = args.indexOf('--label')
  const save = args.includes('--save') || at < 0
  const script = fileURLToPath(import.meta.url)
  let result: Timed
  if (at >= 0) {
    const url = args[at + 1] as string
    const label = labelAt >= 0 ? (args[labelAt + 1] as string) : 'given database'
    const env = { ...BASE_ENV, DATABASE_URL: url, AUTHORITY_ONS_CODE: 'E06000034' }
    result = stepInChild<Timed>(script, env, ['time', label])
  } else {
    const scratch = await createScratch('postgres', 'digest')
    try {
      log('the demo authority: loading (42,000 synthetic children)…')
      const env = { ...scratch.env, AUTHORITY_ONS_CODE: 'E06000034' }
      stepInChild(script, env, ['load'])
      result = stepInChild<Timed>(script, env, ['time', 'Thurrock-sized (the demo authority)'])
    } finally {
      await scratch.drop()
    }
  }
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  // One row an authority: a run replaces its own row and keeps the others' (the England-sized
  // database takes most of an hour to build, so it is timed on its own, with --database --save).
  const held: Saved[] =
    save && existsSync(join(dir, 'digest.json')) ? readSaved(join(dir, 'digest.json')) : []
  const rows: Saved[] = [
    ...held.filter((r) => r.authority !== result.authority),
    { ...result, run: new Date().toISOString().slice(0, 10), load: round(loadavg()[0] ?? 0, 1) },
  ]
  const lines = [
    '# The performance digest',
    '',
    `On ${cpus().length} cores, PostgreSQL. \`npm run bench -- digest\` (the demo authority);`,
    '`npx tsx bench/digest.ts --database URL --label "England-sized …" --save` (a database built before).',
    '',
    'The full digest: every live measure with its figure, the previous year and 12 months of trend (a',
    'snapshot measure is counted at each month end). Median of three runs after a first (cold) one.',
    'Baseline: each live measure’s units query read once, whole, in the same run. Load is the',
    'one-minute load average as the run ended: above the cores, the machine was busy and the times',
    'are not final.',
    '',
    '| Authority | Children | Measures | Period | Run | Load | Cold (s) | Authority (s) | One team (s) | Baseline (s) | Ratio to baseline | Target |',
    '|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => {
      // A target is the for a Thurrock-sized or an England-sized authority; another size has none.
      const target = /england-sized/i.test(r.authority)
        ? TARGETS.england
        : /thurrock-sized/i.test(r.authority)
          ? TARGETS.thurrock
          : null
      const verdict =
        target === null ? '–' : `under ${target} s: ${r.authoritySeconds < target ? 'met' : 'not met'}`
      return `| ${r.authority} | ${r.children.toLocaleString('en-GB')} | ${r.measures} | ${r.period} | ${r.run} | ${r.load} | ${r.coldSeconds} | ${r.authoritySeconds} | ${r.teamSeconds ?? '–'} | ${r.baselineSeconds} | ${round(r.authoritySeconds / Math.max(r.baselineSeconds, 0.001), 1)}× | ${verdict} |`
    }),
    '',
  ]
  console.log(lines.join('\n'))
  if (save) {
    writeFileSync(join(dir, 'digest.json'), `${JSON.stringify(rows, null, 2)}\n`)
    writeFileSync(join(dir, 'digest.md'), lines.join('\n'))
  }
}

interface Saved extends Timed {
  run: string
  load: number
}

/** The rows saved before, one an authority. */
function readSaved(path: string): Saved[] {
  return JSON.parse(readFileSync(path, 'utf8')) as Saved[]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

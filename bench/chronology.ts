/**
 * Benchmark (issue 15, Speed): the multi-agency chronology of a child with seven years of history
 * across every module, and of a family of four, at a fixed rate of 100 requests a second (open
 * loop, as casework.ts), held to a p95 under 100 ms on PostgreSQL.
 *
 *   npm run bench -- chronology                    PostgreSQL, results to bench/results/chronology.md
 *   npx tsx bench/chronology.ts pglite             PGlite (embedded) instead, printed only
 *   … --seconds 3 --runs 1                         a short run (to see that it works), printed only
 *   … --rate 10                                    at another rate than the target's 100 a second
 *   … --processes 2                                Haven served by two processes (as casework.ts)
 *
 * The data: the hand-made demo (for its accounts) and, by direct inserts, the history the serious
 * case review of seed 001 describes over seven years (a family moving between early help, child in
 * need and child protection and back): for the one child about 2,600 case events of every module's
 * types — contacts and referrals, assessments, strategy discussions and enquiries, conferences,
 * plans with a visit every ten working days, core groups every six weeks, reviews, CIN plans and
 * visits, case notes and oversight, escalations, address changes — and 350 agencies'
 * contributions (a health visitor's and a school's entries, injuries and missed appointments among
 * them); for a family of four (with a mother in common), half that each; for the authority's 400
 * other children, an eighth of it each, so the family is a few per cent of the tables, as in a
 * council's database, and PostgreSQL plans as it would there. Read as service.manager
 * (standing access): the child's chronology moving through its pages and two filters, and the
 * family's through its pages and one child.
 *
 * Besides the latencies it reports what a request of each page costs, measured over requests sent
 * one after another: the server's CPU and statements a request (bench/frontdoor-server.ts counts them) and the
 * database server's CPU a request (every PostgreSQL process on this machine, so other sessions'
 * queries count too when the machine is shared). These say whether a page can keep up at 100 a
 * second on a given number of cores, whatever else the machine is doing.
 */
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openHavenDatabase } from '../src/bootstrap.js'
import { loadConfig } from '../src/platform/config.js'
import type { Db } from '../src/platform/db/database.js'
import type { HarmKind } from '../src/platform/db/schema.js'
import { DEMO_PASSWORD, seedDemo } from '../src/modules/demo/seed.js'
import { medianRun, spread, startServer, type Server } from './frontdoor.js'
import { HttpClient, runOpenLoop, summarise, type Summary } from './open-loop.js'
import {
  createScratch,
  databaseServerCpu,
  databaseServerCpuBetween,
  type Driver,
} from './scratch-database.js'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const TARGET_RATE = 100
const RATE = arg('--rate', TARGET_RATE)
const SECONDS = arg('--seconds', 10)
const RUNS = arg('--runs', 3)
/**
 * `--processes N`: Haven served by N processes over the one database, request i sent to process
 * i mod N as a load balancer would (as casework.ts): one Node.js process uses one core, and nothing
 * a request needs is held in one process, so an authority runs one instance per core.
 */
const PROCESSES = arg('--processes', 1)
const TARGET_P95_MS = 100
const YEARS = 7
const log = (line: string) => console.error(line)

/** A year of the family's casework: each module's case event types, and how many a year. */
const YEAR_OF_EVENTS: readonly [string, number][] = [
  ['contact.received', 12],
  ['contact.decided', 12],
  ['referral.received', 4],
  ['referral.allocated', 4],
  ['assessment.started', 3],
  ['assessment.completed', 3],
  ['strategy_discussion.held', 3],
  ['s47.started', 2],
  ['s47.completed', 2],
  ['icpc.held', 1],
  ['cp_plan.started', 1],
  ['cp_visit.held', 120],
  ['core_group.held', 9],
  ['cp_review.held', 2],
  ['cp_action.planned', 15],
  ['cp_action.closed', 12],
  ['cin_plan.started', 1],
  ['cin_visit.held', 40],
  ['cin_review.held', 4],
  ['cin_action.planned', 8],
  ['case_note.recorded', 110],
  ['oversight.recorded', 12],
  ['escalation.raised', 2],
  ['address.added', 1],
  ['task.completed', 10],
]
const CONTRIBUTIONS_A_YEAR = 50
const ENTRY_TYPES = ['health_appointment', 'education', 'injury', 'was_not_brought', 'family_circumstances']

/** Seven years of one child's history, newest today: case events and contributions, by direct inserts. */
async function history(db: Db, childId: number, by: number, share: number): Promise<number> {
  const now = Date.now()
  const span = YEARS * 365 * 86_400_000
  const events = YEAR_OF_EVENTS.flatMap(([type, perYear]) => {
    const n = Math.round(perYear * YEARS * share)
    return Array.from({ length: n }, (_, i) => ({
      child_id: childId,
      subject_type: type.split('.')[0] as string,
      subject_id: String(i + 1),
      type,
      // Spread evenly over the seven years, each type at its own hour.
      occurred_at: new Date(now - span + Math.round(((i + 0.5) / n) * span) - (type.length % 7) * 3_600_000),
      recorded_by: by,
      summary: `${type.replace(/[._]/g, ' ')} ${i + 1}`,
    }))
  })
  for (let i = 0; i < events.length; i += 1000)
    await db
      .insertInto('case_event')
      .values(events.slice(i, i + 1000))
      .execute()
  const count = Math.round(CONTRIBUTIONS_A_YEAR * YEARS * share)
  const entries = Array.from({ length: count }, (_, i) => {
    const type = ENTRY_TYPES[i % ENTRY_TYPES.length] as string
    const at = new Date(now - span + Math.round(((i + 0.3) / count) * span))
    return {
      child_id: childId,
      occurred_on: at.toISOString().slice(0, 10),
      agency_id: null,
      agency_name: i % 2 ? 'Little Thurrock Primary School' : 'Thurrock Health Visiting Service',
      source: 'Bench practitioner',
      basis: 'fact' as const,
      significance: 'medium' as const,
      entry_type: type,
      what_happened: `Entry ${i + 1}: what the agency saw.`,
      harm_kind: type === 'injury' || type === 'was_not_brought' ? (type as HarmKind) : null,
      body_part: type === 'injury' ? 'Forearm' : null,
      child_mobile: type === 'injury' ? ('yes' as const) : null,
      recorded_by: by,
      recorded_at: at,
    }
  })
  const ids = await db.insertInto('chronology_entry').values(entries).returning('id').execute()
  const written = await db
    .insertInto('case_event')
    .values(
      ids.map((r, i) => ({
        child_id: childId,
        subject_type: 'chronology_entry',
        subject_id: String(r.id),
        type: 'chronology.contribution',
        occurred_at: new Date(`${entries[i]?.occurred_on}T12:00:00Z`),
        recorded_by: by,
        summary: 'Chronology entry',
      })),
    )
    .returning(['id', 'subject_id'])
    .execute()
  // Each entry keeps the event it wrote, as the chronology's service records it.
  await sql`update chronology_entry c set case_event_id = w.event_id
    from unnest(${written.map((w) => Number(w.subject_id))}::bigint[], ${written.map((w) => w.id)}::bigint[])
      as w(entry_id, event_id)
    where c.id = w.entry_id`.execute(db)
  return events.length + ids.length
}

/** The authority's other children, each with this share of the seven years' history. */
const OTHER_CHILDREN = 400
const OTHER_SHARE = 0.12

interface Loaded {
  child: number
  family: number[]
  lines: { child: number; family: number; others: number }
}

export async function load(env: Record<string, string>): Promise<Loaded> {
  const database = await openHavenDatabase(loadConfig(env), { seedDemo: false })
  try {
    const { db } = database
    await seedDemo(db)
    const by = (
      await db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'social.worker')
        .executeTakeFirstOrThrow()
    ).id
    const person = async (given: string, kind: 'child' | 'adult', dob: string) =>
      (
        await db
          .insertInto('person')
          .values({ kind, given_name: given, family_name: 'Benchley', date_of_birth: dob })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const child = await person('Seven', 'child', '2016-04-01')
    const childLines = await history(db, child, by, 1)
    const mother = await person('Mother', 'adult', '1990-01-01')
    const family: number[] = []
    let familyLines = 0
    for (const [given, dob] of [
      ['Eldest', '2012-02-01'],
      ['Second', '2015-06-01'],
      ['Third', '2018-09-01'],
      ['Youngest', '2021-11-01'],
    ] as const) {
      const id = await person(given, 'child', dob)
      family.push(id)
      familyLines += await history(db, id, by, 0.5)
    }
    await db
      .insertInto('person_relationship')
      .values(
        family.map((id) => ({
          person_id: mother,
          related_person_id: id,
          relationship_type: 'mother',
          household_member: true,
        })),
      )
      .execute()
    // The rest of the authority: children with shorter histories, so the tables hold what a
    // council's do (the family a few per cent of the events) and PostgreSQL plans as it would there.
    // With the family nearly all of the table, it read the whole table and never showed the plan
    // that filtered 120,000 pairs of rows for the family's contributions (store.ts, lineCounts).
    let others = 0
    for (let i = 0; i < OTHER_CHILDREN; i++)
      others += await history(db, await person(`Other${i + 1}`, 'child', '2014-01-01'), by, OTHER_SHARE)
    await sql`vacuum analyze`.execute(db)
    return { child, family, lines: { child: childLines, family: familyLines, others } }
  } finally {
    await database.close()
  }
}

type PageName = 'health' | 'child' | 'family'
const LABELS: Record<PageName, string> = {
  health: 'Baseline: /health',
  child: 'A child’s multi-agency chronology, seven years (pages 1–5, two filters)',
  family: 'A family of four’s chronology (pages 1–3, one child)',
}

/** Requests of each page sent one after another to measure what one costs. */
const COST_REQUESTS = 140

/** What a request of a page costs. */
interface Cost {
  requests: number
  /** Haven's CPU (its processes', the audit sealer's included), ms a request. */
  serverCpuMs: number
  /** Statements Haven sent to the database a request. */
  queries: number
  /** The database server's CPU, ms a request (every PostgreSQL process on this machine). */
  databaseCpuMs: number
}

async function bench(driver: Driver) {
  const scratch = await createScratch(driver, 'chronology')
  try {
    log(`${driver}: loading seven years of history…`)
    const t0 = performance.now()
    const data = await load(scratch.env)
    log(
      `${driver}: loaded in ${Math.round((performance.now() - t0) / 1000)} s (${data.lines.child} lines; family ${data.lines.family})`,
    )
    const servers: Server[] = []
    const clients: HttpClient[] = []
    try {
      for (let p = 0; p < PROCESSES; p++) servers.push(await startServer(scratch.env))
      for (const server of servers) {
        const client = new HttpClient(server.origin)
        clients.push(client)
        await client.signIn('service.manager', DEMO_PASSWORD)
      }
      const base = `/children/${data.child}/chronology`
      const fam = `/children/${data.family[0]}/chronology/family`
      const paths: Record<PageName, string[]> = {
        health: ['/health'],
        child: [
          ...[1, 2, 3, 4, 5].map((p) => `${base}?page=${p}`),
          `${base}?type=injury`,
          `${base}?agency=Little+Thurrock+Primary+School&page=2`,
        ],
        family: [...[1, 2, 3].map((p) => `${fam}?page=${p}`), `${fam}?child=${data.family[2]}`],
      }
      for (const client of clients)
        for (const list of Object.values(paths))
          for (const path of list) {
            const res = await client.request('GET', path)
            if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`)
          }
      const usage = async () => {
        const each = await Promise.all(servers.map((s) => s.usage()))
        return {
          cpuMs: each.reduce((a, u) => a + u.cpuMs, 0),
          queries: each.reduce((a, u) => a + u.queries, 0),
          database: driver === 'postgres' ? databaseServerCpu() : null,
        }
      }
      const measure = async (name: PageName, rate: number, seconds: number) => {
        const list = paths[name]
        const samples = await runOpenLoop({
          rate,
          seconds,
          send: (i) => (clients[i % clients.length] as HttpClient).status(list[i % list.length] as string),
        })
        const s = summarise(samples, rate, seconds)
        log(
          `  ${name.padEnd(7)} ${rate}/s  p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms  errors ${s.errors}`,
        )
        return s
      }
      // What a request costs, whatever the latencies: each page's requests one after another (so
      // none is left unanswered at the end, as a saturated run leaves them), the CPU and the
      // statements spent divided by their number.
      const cost = async (name: PageName): Promise<Cost> => {
        const list = paths[name]
        const before = await usage()
        for (let i = 0; i < COST_REQUESTS; i++) {
          const status = await (clients[i % clients.length] as HttpClient).status(
            list[i % list.length] as string,
          )
          if (status !== 200) throw new Error(`GET ${list[i % list.length]} answered ${status}`)
        }
        const after = await usage()
        return {
          requests: COST_REQUESTS,
          serverCpuMs: round((after.cpuMs - before.cpuMs) / COST_REQUESTS),
          queries: round((after.queries - before.queries) / COST_REQUESTS),
          databaseCpuMs: round(databaseServerCpuBetween(before.database, after.database) / COST_REQUESTS),
        }
      }
      for (const name of Object.keys(paths) as PageName[]) await measure(name, 20, 2)
      const perRequest = new Map<PageName, Cost>()
      for (const name of Object.keys(paths) as PageName[]) perRequest.set(name, await cost(name))
      const runs = new Map<PageName, Summary[]>()
      for (let r = 0; r < RUNS; r++)
        for (const name of Object.keys(paths) as PageName[])
          runs.set(name, [...(runs.get(name) ?? []), await measure(name, RATE, SECONDS)])
      return { driver, data, runs, perRequest }
    } finally {
      for (const client of clients) client.close()
      for (const server of servers) await server.stop()
    }
  } finally {
    await scratch.drop()
  }
}

const round = (x: number) => Math.round(x * 10) / 10

async function main() {
  const args = process.argv.slice(2)
  const driver: Driver = args.includes('pglite') ? 'pglite' : 'postgres'
  // Only a full run's figures are saved: the defaults, on one process or several.
  const custom = args.some((a, i) => a !== '--processes' && args[i - 1] !== '--processes')
  const t0 = performance.now()
  const before = loadavg().map((x) => x.toFixed(2))
  const { data, runs, perRequest } = await bench(driver)
  const after = loadavg().map((x) => x.toFixed(2))
  const date = new Date().toISOString()
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
  const served =
    PROCESSES === 1
      ? 'Haven in one process of its own'
      : `Haven in ${PROCESSES} processes of its own (request i to process i mod ${PROCESSES}, as a load balancer would)`
  const lines = [
    '# Chronology benchmark: a child’s seven years and a family of four',
    '',
    `${date}, ${machine}, ${driver}. Load average ${before.join(', ')} before, ${after.join(', ')} after.`,
    `Served by ${served}; the load generator runs in another process on the same machine.`,
    `Open loop at ${RATE} requests a second for ${SECONDS} s, ${RUNS} runs; the run with the median p95 shown.`,
    `The child: ${data.lines.child.toLocaleString('en-GB')} lines over ${YEARS} years; the family of four: ${data.lines.family.toLocaleString('en-GB')}; the authority's ${OTHER_CHILDREN} other children: ${data.lines.others.toLocaleString('en-GB')}.`,
    '',
    '| Page | Requests | Errors | p50 (ms) | p95 median (ms) | p95 spread (ms) | p99 (ms) | Target (p95 < 100 ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...[...runs].map(([name, ms]) => {
      const m = medianRun(ms)
      const met = name === 'health' ? '' : m.p95 < TARGET_P95_MS && m.errors === 0 ? '**met**' : '**not met**'
      return `| ${LABELS[name]} | ${m.requests} | ${m.errors} | ${m.p50} | ${m.p95} | ${spread(ms.map((x) => x.p95))} | ${m.p99} | ${met} |`
    }),
    '',
    `What a request costs, measured over ${COST_REQUESTS} of each page sent one after another (none waiting): Haven's CPU (its processes', the audit sealer's included), the statements it sent, and the database server's CPU (${driver === 'postgres' ? 'every PostgreSQL process on this machine: other sessions’ queries count too when it is shared' : 'PGlite runs inside Haven'}). At ${RATE} a second a page costing c ms of CPU in all needs ${RATE} × c ms of the ${cpus().length} cores every second.`,
    '',
    '| Page | Haven CPU (ms a request) | Statements a request | Database CPU (ms a request) |',
    '|---|---:|---:|---:|',
    ...[...perRequest].map(
      ([name, c]) =>
        `| ${LABELS[name]} | ${c.serverCpuMs} | ${c.queries} | ${Number.isNaN(c.databaseCpuMs) ? '–' : c.databaseCpuMs} |`,
    ),
    '',
  ]
  console.log(lines.join('\n'))
  if (!custom) {
    const results = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
    writeFileSync(join(results, 'chronology.md'), lines.join('\n'))
    const json = {
      date,
      machine,
      driver,
      loadAverage: { before: before.map(Number), after: after.map(Number) },
      seconds: Math.round((performance.now() - t0) / 1000),
      command: `npx tsx bench/chronology.ts ${args.join(' ')}`.trim(),
      rate: RATE,
      runSeconds: SECONDS,
      runs: RUNS,
      processes: PROCESSES,
      targetP95Ms: TARGET_P95_MS,
      lines: data.lines,
      results: [...runs].map(([name, ms]) => ({
        page: name,
        label: LABELS[name],
        median: medianRun(ms),
        p95Runs: ms.map((x) => x.p95),
        perRequest: perRequest.get(name) ?? null,
        met: name === 'health' ? null : medianRun(ms).p95 < TARGET_P95_MS && medianRun(ms).errors === 0,
      })),
    }
    writeFileSync(join(results, 'chronology.json'), `${JSON.stringify(json, null, 2)}\n`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

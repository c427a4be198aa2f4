/**
 * Benchmark (issue 14): a child's record with a two-year chronology, and a manager's worklist
 * across five teams, at a fixed rate of 100 requests a second (open loop, as frontdoor.ts), held
 * to a p95 under 100 ms on PostgreSQL.
 *
 *   npm run bench -- casework                    PostgreSQL, results to bench/results/casework.{json,md}
 *   npx tsx bench/casework.ts postgres 10000     a smaller authority, printed only
 *   npx tsx bench/casework.ts pglite             PGlite (embedded) instead, printed only
 *   npx tsx bench/casework.ts postgres pglite --save   both, written to bench/results/
 *   npx tsx bench/casework.ts postgres --keep    keep the loaded database (its URL is printed), and
 *   npx tsx bench/casework.ts --database URL     measure it again without loading
 *   … --rate 10                                  at another rate than the target's 100 a second
 *   … --processes 2                              Haven served by two processes (see PROCESSES)
 *
 * PostgreSQL: a scratch database is created beside DATABASE_URL (or BENCH_DATABASE_URL) and
 * dropped at the end; without either the benchmark says it needs one. PGlite: a temporary data
 * directory.
 *
 * The data: the hand-made demo (for its accounts) and the synthetic authority of 42,000 children
 * (Thurrock's size, seed "bench"), loaded in a process of its own, then vacuumed, analysed and
 * checkpointed. Picked from it:
 * - the children whose case events (contacts, referrals, assessments, enquiries, conferences,
 *   plans, reviews, visits, care…) span at least two years, most events first: their records are
 *   read in turn as service.manager (the page shows the latest 100 events of the chronology);
 * - five synthetic teams, those with the most open tasks, given to team.manager to manage (and
 *   nothing else), so that account's worklist covers exactly five teams; and service.manager's
 *   worklist, which covers every team in the service.
 *
 * Measured, each at 100 requests a second for 10 s, three times over (round by round): /health
 * (the baseline), the child's record, the five-team worklist and the service-wide worklist (each
 * worklist moving through its first page, overdue only, sorted by child, and page two). p50, p95
 * and p99 are printed with the p95 as a ratio of the 100 ms target and of the baseline's.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openHavenDatabase } from '../src/bootstrap.js'
import { loadConfig } from '../src/platform/config.js'
import { DEMO_PASSWORD, seedDemo } from '../src/modules/demo/seed.js'
import { loadAuthority } from '../src/modules/synth/load.js'
import { medianRun, spread, startServer, type Server } from './frontdoor.js'
import { HttpClient, ratio, runOpenLoop, summarise, type Summary } from './open-loop.js'
import {
  BASE_ENV,
  createScratch,
  databaseServerCpu,
  databaseServerCpuBetween,
  type Driver,
  type Scratch,
} from './scratch-database.js'

const CHILDREN = 42_000
const SEED = 'bench'
const TARGET_RATE = 100
/**
 * `--processes N`: Haven served by N processes (instances) over the one database, requests spread
 * over them in turn as a load balancer would. One Node.js process uses one core; on PostgreSQL
 * nothing a request needs is held in one process (sessions, grants, the audit sealer's lock, the
 * upload checker's claims), so an authority runs one instance per core.
 */
const PROCESSES = process.argv.includes('--processes')
  ? Number(process.argv[process.argv.indexOf('--processes') + 1])
  : 1
/** `--rate N` measures at another rate (to see the pages' own cost on a machine too busy for 100/s). */
const RATE = process.argv.includes('--rate')
  ? Number(process.argv[process.argv.indexOf('--rate') + 1])
  : TARGET_RATE
const SECONDS = 10
const RUNS = 3
const TARGET_P95_MS = 100
/** Chronologies at least this long (days) count as two years. */
const TWO_YEARS_DAYS = 700
/** Children read in turn (the most events first). */
const CHILD_SAMPLE = 50
const TEAMS = 5
const WORKLIST_VIEWS = [
  '/worklist',
  '/worklist?status=overdue',
  '/worklist?sort=child&direction=ascending',
  '/worklist?page=2',
]

type PageName = 'health' | 'child' | 'teams' | 'service'
const PAGE_LABELS: Record<PageName, string> = {
  health: 'Baseline: /health',
  child: 'Child record with a two-year chronology /children/:id (service.manager)',
  teams: 'Worklist across 5 teams /worklist (team.manager)',
  service: 'Worklist across the whole service /worklist (service.manager)',
}
const TARGETED: readonly PageName[] = ['child', 'teams', 'service']

const log = (line: string) => console.error(line)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Loaded {
  loadSeconds: number
  children: number
  /** The children read, with their chronology's events and span. */
  picked: { id: number; events: number; days: number; first: string; last: string }[]
  /** Children in the whole authority whose chronology spans two years. */
  twoYearChildren: number
  teams: { total: number; managed: { id: number; name: string; openTasks: number }[] }
  openTasks: number
}

/** Loads the authority into the scratch database (in its own process) and picks what to read. */
async function loadDatabase(env: Record<string, string>, children: number, load = true): Promise<Loaded> {
  const database = await openHavenDatabase(loadConfig(env), { seedDemo: false })
  try {
    const { db } = database
    const t0 = performance.now()
    if (load) {
      await seedDemo(db)
      let last = 0
      await loadAuthority(db, {
        seed: SEED,
        children,
        onProgress: (message) => {
          if (performance.now() - last > 15_000) {
            last = performance.now()
            log(`  ${message}`)
          }
        },
      })
      await sql`vacuum analyze`.execute(db)
      await sql`checkpoint`.execute(db)
    }
    const loadSeconds = load ? Math.round((performance.now() - t0) / 100) / 10 : Number.NaN

    const spans = await sql<{ id: string | number; events: string | number; first: string; last: string }>`
      select e.child_id as id, count(*) as events,
             min(e.occurred_at)::date::text as first, max(e.occurred_at)::date::text as last
        from case_event e
        join person p on p.id = e.child_id
       where p.kind = 'child' and not p.restricted and p.deleted_at is null and p.merged_into_id is null
       group by e.child_id
      having max(e.occurred_at) - min(e.occurred_at) >= make_interval(days => ${TWO_YEARS_DAYS})
       order by count(*) desc, e.child_id
    `.execute(db)
    const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000)
    const picked = spans.rows.slice(0, CHILD_SAMPLE).map((r) => ({
      id: Number(r.id),
      events: Number(r.events),
      days: days(r.first, r.last),
      first: r.first,
      last: r.last,
    }))
    if (picked.length === 0) throw new Error('no child has a chronology of two years')

    // team.manager manages the five synthetic teams with the most open tasks, and nothing else.
    const manager = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'team.manager')
      .executeTakeFirstOrThrow()
    const busiest = await sql<{ id: string | number; name: string; open: string | number }>`
      select t.id, t.name, count(k.id) as open
        from team t
        join task k on k.assigned_team_id = t.id and k.stopped_at is null
       where t.manager_id is distinct from ${manager.id}
       group by t.id, t.name
       order by count(k.id) desc, t.id
       limit ${TEAMS}
    `.execute(db)
    const managed = busiest.rows.map((r) => ({ id: Number(r.id), name: r.name, openTasks: Number(r.open) }))
    await db.transaction().execute(async (trx) => {
      const others = await trx
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'service.manager')
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('team')
        .set({ manager_id: others.id })
        .where('manager_id', '=', manager.id)
        .execute()
      await trx
        .updateTable('team')
        .set({ manager_id: manager.id })
        .where(
          'id',
          'in',
          managed.map((t) => t.id),
        )
        .execute()
    })
    const count = async (q: Promise<{ n: string | number } | undefined>) => Number((await q)?.n ?? 0)
    return {
      loadSeconds,
      children: await count(
        db
          .selectFrom('person')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('kind', '=', 'child')
          .executeTakeFirst(),
      ),
      picked,
      twoYearChildren: spans.rows.length,
      teams: {
        total: await count(
          db
            .selectFrom('team')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirst(),
        ),
        managed,
      },
      openTasks: await count(
        db
          .selectFrom('task')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('stopped_at', 'is', null)
          .executeTakeFirst(),
      ),
    }
  } finally {
    await database.close()
  }
}

function loadInChild(env: Record<string, string>, children: number, load: boolean): Promise<Loaded> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), load ? 'load' : 'pick', String(children)],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`loading failed (exit ${code})`))
      resolve(JSON.parse(out.trim().split('\n').pop() as string) as Loaded)
    })
  })
}

interface Measured extends Summary {
  page: PageName
  p95Runs: number[]
  /** Haven's CPU (every server process, sealer included) and statements sent, per request, over the runs. */
  cpuMsPerRequest: number
  statementsPerRequest: number
  /** The PostgreSQL server's CPU (every process of it on this machine) and the load generator's, per request. */
  databaseCpuMsPerRequest: number
  loadCpuMsPerRequest: number
  /** The cores all three need at the rate measured: the CPU per request times the requests a second. */
  coresNeeded: number
  /** p95 over the 100 ms target: under 1 meets it. */
  targetRatio: number | null
  /** p50 and p95 over the baseline's in the same run. */
  p50Ratio: number | null
  p95Ratio: number | null
}

interface DatabaseResult {
  driver: Driver
  data: Loaded
  fixed: Measured[]
  loadAverage: { before: number[]; after: number[] }
  seconds: number
}

async function benchDatabase(driver: Driver, scratch: Scratch, data: Loaded): Promise<DatabaseResult> {
  const t0 = performance.now()
  const before = loadavg().map((x) => Math.round(x * 100) / 100)
  const clients: HttpClient[] = []
  const servers: Server[] = []
  try {
    for (let p = 0; p < PROCESSES; p++) servers.push(await startServer(scratch.env))
    // One signed-in client per server for each user; request i goes to server i mod N.
    const signedIn = async (username: string | null) => {
      const list = servers.map((s) => new HttpClient(s.origin))
      clients.push(...list)
      if (username) for (const c of list) await c.signIn(username, DEMO_PASSWORD)
      return list
    }
    const anonymousAll = await signedIn(null)
    const anonymous = anonymousAll[0]!
    const service = await signedIn('service.manager')
    const teams = await signedIn('team.manager')
    const pick = (list: HttpClient[]) => (i: number) => list[i % list.length]!
    const pages: Record<PageName, { client: (i: number) => HttpClient; path: (i: number) => string }> = {
      health: { client: pick(anonymousAll), path: () => '/health' },
      child: { client: pick(service), path: (i) => `/children/${data.picked[i % data.picked.length]!.id}` },
      teams: { client: pick(teams), path: (i) => WORKLIST_VIEWS[i % WORKLIST_VIEWS.length] as string },
      service: { client: pick(service), path: (i) => WORKLIST_VIEWS[i % WORKLIST_VIEWS.length] as string },
    }
    for (const [name, page] of Object.entries(pages))
      for (let i = 0; i < 4 * PROCESSES; i++) {
        const res = await page.client(i).request('GET', page.path(i))
        if (res.status !== 200) throw new Error(`${name}: GET ${page.path(i)} answered ${res.status}`)
      }

    const settle = async () => {
      const until = performance.now() + 120_000
      while (performance.now() < until) {
        const t = performance.now()
        await anonymous.status('/health')
        if (performance.now() - t < 50) break
        await sleep(250)
      }
      await sleep(500)
    }
    // What has been spent so far: the servers' CPU (ms) and statements sent to the database, the
    // database server's CPU by process (PostgreSQL on this machine; PGlite's is Haven's own) and
    // this process's.
    const usage = async () => {
      const each = await Promise.all(servers.map((s) => s.usage()))
      const own = process.cpuUsage()
      return {
        cpuMs: each.reduce((a, u) => a + u.cpuMs, 0),
        queries: each.reduce((a, u) => a + u.queries, 0),
        database: driver === 'postgres' ? databaseServerCpu() : new Map<number, number>(),
        loadCpuMs: (own.user + own.system) / 1000,
      }
    }
    const spent = new Map<PageName, Spent>()
    const measure = async (name: PageName, rate: number, seconds: number, offset: number) => {
      const page = pages[name]
      const before = await usage()
      const samples = await runOpenLoop({
        rate,
        seconds,
        send: (i) => page.client(offset + i).status(page.path(offset + i)),
      })
      const after = await usage()
      const sum = spent.get(name) ?? { cpuMs: 0, queries: 0, databaseCpuMs: 0, loadCpuMs: 0, requests: 0 }
      spent.set(name, {
        cpuMs: sum.cpuMs + after.cpuMs - before.cpuMs,
        queries: sum.queries + after.queries - before.queries,
        databaseCpuMs: sum.databaseCpuMs + databaseServerCpuBetween(before.database, after.database),
        loadCpuMs: sum.loadCpuMs + after.loadCpuMs - before.loadCpuMs,
        requests: sum.requests + samples.length,
      })
      await settle()
      const summary = summarise(samples, rate, seconds)
      log(
        `  ${name.padEnd(8)} ${rate}/s  p50 ${summary.p50} ms  p95 ${summary.p95} ms  p99 ${summary.p99} ms  errors ${summary.errors}`,
      )
      return summary
    }

    log(`${driver}: warming up`)
    for (const name of Object.keys(pages) as PageName[]) await measure(name, 20, 3, 0)
    spent.clear()
    log(`${driver}: ${RATE} requests a second for ${SECONDS} s each, ${RUNS} times`)
    const runs = new Map<PageName, Summary[]>()
    for (let run = 0; run < RUNS; run++)
      for (const name of Object.keys(pages) as PageName[]) {
        const m = await measure(name, RATE, SECONDS, run * RATE * SECONDS)
        runs.set(name, [...(runs.get(name) ?? []), m])
      }
    const raw = [...runs].map(([page, ms]) => ({ page, ...medianRun(ms), p95Runs: ms.map((m) => m.p95) }))
    const baseline = raw.find((m) => m.page === 'health') as Summary
    return {
      driver,
      data,
      fixed: raw.map((m) => {
        const each = (key: Exclude<keyof Spent, 'requests'>) => perRequest(spent.get(m.page), key)
        const [cpu, database, load] = [each('cpuMs'), each('databaseCpuMs'), each('loadCpuMs')]
        return {
          ...m,
          cpuMsPerRequest: cpu,
          statementsPerRequest: each('queries'),
          databaseCpuMsPerRequest: database,
          loadCpuMsPerRequest: load,
          coresNeeded: Math.round(((cpu + database + load) * RATE) / 100) / 10,
          targetRatio: ratio(m.p95, TARGET_P95_MS),
          p50Ratio: ratio(m.p50, baseline.p50),
          p95Ratio: ratio(m.p95, baseline.p95),
        }
      }),
      loadAverage: { before, after: loadavg().map((x) => Math.round(x * 100) / 100) },
      seconds: Math.round((performance.now() - t0) / 1000),
    }
  } finally {
    for (const c of clients) c.close()
    for (const s of servers) await s.stop()
  }
}

const DB_NAMES: Record<Driver, string> = { postgres: 'PostgreSQL', pglite: 'PGlite (embedded)' }

/** What one page's requests spent over its runs. */
interface Spent {
  cpuMs: number
  queries: number
  databaseCpuMs: number
  loadCpuMs: number
  requests: number
}

const perRequest = (sum: Spent | undefined, key: Exclude<keyof Spent, 'requests'>): number =>
  sum && sum.requests ? Math.round((sum[key] / sum.requests) * 10) / 10 : Number.NaN

const met = (m: Measured) => m.p95 < TARGET_P95_MS && m.errors === 0

export function report(
  results: DatabaseResult[],
  meta: { date: string; machine: string; children: number; seconds: number; command: string },
): string {
  const lines = [
    '# Casework benchmark: the child record and the managers’ worklists',
    '',
    `${meta.date}, ${meta.machine}. Run with \`${meta.command}\` (${meta.seconds} s in all, loading included).`,
    '',
    `A synthetic authority of ${meta.children.toLocaleString('en-GB')} children (seed "${SEED}") and the hand-made demo, loaded`,
    `into a scratch database, vacuumed and analysed, served by Haven in ${PROCESSES === 1 ? 'its own process on a local' : `${PROCESSES} processes of its own (one`}`,
    `${PROCESSES === 1 ? 'port' : 'per core, each on a local port, requests spread over them in turn as a load balancer would)'} (bench/frontdoor-server.ts); the load generator runs in another process on the same machine.`,
    `Open loop at ${RATE} requests a second for ${SECONDS} s, ${RUNS} runs round by round: each latency runs from`,
    'when the request was due to when its whole response had arrived, so a queue at the server counts.',
    'Every request is a signed-in page view: session, permissions, audit row, Nunjucks.',
    '',
    `- Child record: the ${CHILD_SAMPLE} children whose chronologies span at least ${TWO_YEARS_DAYS} days with the most`,
    '  events, read in turn as service.manager (the page lists the latest 100 events).',
    `- Worklist across ${TEAMS} teams: team.manager, made the manager of the ${TEAMS} synthetic teams with the most`,
    '  open tasks (and of no other); the service-wide worklist: service.manager, every team. Each moves',
    `  through ${WORKLIST_VIEWS.map((v) => `\`${v}\``).join(', ')}.`,
    '',
    `Ratios: p95 over the ${TARGET_P95_MS} ms target (under 1× meets it), and p50 and p95 over /health's in the`,
    'same run (the HTTP stack and one `select 1`). The table gives the run with the median p95 and the',
    'spread of p95 over the runs. Other sessions share the machine: read the load averages alongside.',
    '',
  ]
  const pgResult = results.find((r) => r.driver === 'postgres')
  if (pgResult) {
    lines.push('Targets (PostgreSQL):', '')
    for (const page of TARGETED) {
      const m = pgResult.fixed.find((x) => x.page === page)
      if (!m) continue
      lines.push(
        `- ${PAGE_LABELS[page]}: p95 < ${TARGET_P95_MS} ms at ${RATE}/s **${met(m) ? 'met' : 'not met'}**${RATE !== TARGET_RATE ? ` (measured at ${RATE}/s, not the target's ${TARGET_RATE}/s)` : ''} (median p95 ${m.p95} ms, ${m.targetRatio}× the target; spread ${spread(m.p95Runs)} ms; ${m.errors} errors)`,
      )
    }
    lines.push('')
  }
  for (const r of results) {
    const d = r.data
    const first = d.picked[0]
    lines.push(
      `## ${DB_NAMES[r.driver]}`,
      '',
      `${d.children.toLocaleString('en-GB')} children, ${d.teams.total} teams, ${d.openTasks.toLocaleString('en-GB')} open tasks. ${Number.isFinite(d.loadSeconds) && d.loadSeconds !== null ? `Loaded in ${d.loadSeconds} s` : 'Loaded by an earlier run of this benchmark (`--keep`, then `--database`)'}; measured in ${r.seconds} s. Load average (1, 5, 15 min) ${r.loadAverage.before.join(', ')} before and ${r.loadAverage.after.join(', ')} after.`,
      '',
      `${d.twoYearChildren.toLocaleString('en-GB')} children have chronologies of two years or more; the ${d.picked.length} read have ${Math.min(...d.picked.map((p) => p.events))}–${Math.max(...d.picked.map((p) => p.events))} events over ${Math.min(...d.picked.map((p) => p.days))}–${Math.max(...d.picked.map((p) => p.days))} days${first ? ` (the first: ${first.events} events, ${first.first} to ${first.last})` : ''}.`,
      `The five teams: ${d.teams.managed.map((t) => `${t.name} (${t.openTasks} open tasks)`).join(', ')}.`,
      '',
      `| Page | Requests | Errors | p50 (ms) | p95 median (ms) | p95 spread (ms) | p99 (ms) | Max (ms) | p95 / ${TARGET_P95_MS} ms | p50 / baseline | p95 / baseline | Haven CPU / request (ms) | Statements / request | Database CPU / request (ms) | Load generator CPU / request (ms) | Cores needed at ${RATE}/s | Target |`,
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...r.fixed.map(
        (m) =>
          `| ${PAGE_LABELS[m.page]} | ${m.requests} | ${m.errors} | ${m.p50} | ${m.p95} | ${spread(m.p95Runs)} | ${m.p99} | ${m.max} | ${m.targetRatio ?? '–'}× | ${m.p50Ratio ?? '–'}× | ${m.p95Ratio ?? '–'}× | ${m.cpuMsPerRequest} | ${m.statementsPerRequest} | ${m.databaseCpuMsPerRequest} | ${m.loadCpuMsPerRequest} | ${m.coresNeeded} | ${TARGETED.includes(m.page) && r.driver === 'postgres' ? (met(m) ? '**met**' : '**not met**') : ''} |`,
      ),
      '',
      `Haven's CPU is that of its ${PROCESSES === 1 ? 'process' : `${PROCESSES} processes`} (the audit sealer's included); the database's, ${r.driver === 'postgres' ? "every PostgreSQL server process on this machine (other sessions' queries included, if any ran)" : "part of Haven's (PGlite runs inside it)"}; the load generator's, this benchmark's own process. All three share the same ${cpus().length} cores: at ${RATE} requests a second a page costing c ms of CPU in all needs ${RATE} × c ms of CPU time every second, so a page needing more than about ${Math.round(cpus().length * 0.7 * 10) / 10} of the ${cpus().length} cores (70% busy) queues, and its p95 grows with the queue.`,
      '',
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args[0] === 'load' || args[0] === 'pick') {
    const data = await loadDatabase(
      process.env as Record<string, string>,
      Number(args[1]),
      args[0] === 'load',
    )
    return void console.log(JSON.stringify(data))
  }
  const save = args.includes('--save')
  // --database URL: measure a database this benchmark loaded before (with --keep) instead of loading one.
  const reuse = args[args.indexOf('--database') + 1]
  const keep = args.includes('--keep')
  const drivers = args.filter((a): a is Driver => a === 'postgres' || a === 'pglite')
  const size = args.find(
    (a, i) => /^\d+$/.test(a) && args[i - 1] !== '--rate' && args[i - 1] !== '--processes',
  )
  // Anything but the plain run is printed only, unless --save asks for it to be kept.
  const custom =
    drivers.length > 0 ||
    size !== undefined ||
    ['--database', '--rate', '--processes', '--keep'].some((a) => args.includes(a))
  const children = size ? Number(size) : CHILDREN
  const chosen: Driver[] = drivers.length ? drivers : ['postgres']
  const t0 = performance.now()
  const scratches: Scratch[] = []
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.allSettled(scratches.map((s) => s.drop())).then(() => process.exit(130))
    })
  const results: DatabaseResult[] = []
  try {
    for (const driver of chosen) {
      const scratch: Scratch =
        args.includes('--database') && reuse
          ? {
              env: { ...BASE_ENV, DATABASE_URL: reuse },
              drop: async () => {},
            }
          : await createScratch(driver, 'casework')
      if (!keep) scratches.push(scratch)
      log(`${driver}: loading ${children.toLocaleString('en-GB')} children…`)
      const data = await loadInChild(scratch.env, children, !args.includes('--database'))
      log(
        `${driver}: loaded in ${data.loadSeconds} s; ${data.twoYearChildren} children with two-year chronologies; ${data.teams.total} teams`,
      )
      results.push(await benchDatabase(driver, scratch, data))
      if (keep) log(`${driver}: kept ${scratch.env.DATABASE_URL || scratch.env.HAVEN_DATA_DIR}`)
      else {
        await scratch.drop()
        scratches.pop()
      }
    }
  } finally {
    for (const scratch of scratches) await scratch.drop()
  }
  const meta = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    children,
    seconds: Math.round((performance.now() - t0) / 1000),
    command: custom ? `npx tsx bench/casework.ts ${args.join(' ')}` : 'npm run bench -- casework',
  }
  const md = report(results, meta)
  console.log(md)
  if (custom && !save) return
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  writeFileSync(
    join(dir, 'casework.json'),
    JSON.stringify(
      { ...meta, rate: RATE, processes: PROCESSES, targetP95Ms: TARGET_P95_MS, results },
      null,
      2,
    ) + '\n',
  )
  writeFileSync(join(dir, 'casework.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

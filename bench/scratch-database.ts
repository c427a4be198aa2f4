/**
 * Throwaway databases for the benchmarks that load a synthetic authority: a PostgreSQL database
 * created beside the one DATABASE_URL names (BENCH_DATABASE_URL takes precedence), or a PGlite
 * data directory in a temporary folder. Dropped by `drop()`, and on Ctrl-C by the caller.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export type Driver = 'postgres' | 'pglite'

export interface Scratch {
  /** The environment a Haven process needs to open it. */
  env: Record<string, string>
  drop(): Promise<void>
}

/** The PostgreSQL server to create scratch databases on, or an error saying one is needed. */
export function postgresServer(): string {
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL
  if (!url)
    throw new Error(
      'This benchmark needs a PostgreSQL server: set DATABASE_URL (or BENCH_DATABASE_URL), for example postgres://root@localhost/postgres. It creates its own database there and drops it afterwards.',
    )
  return url
}

export const BASE_ENV = {
  NODE_ENV: 'development',
  AUDIT_HMAC_KEY: 'bench-audit-key',
  HAVEN_LOG: 'false',
  HAVEN_SEED_DEMO: 'false',
  HAVEN_DEMO_CHILDREN: '0',
}

export async function createScratch(driver: Driver, name: string): Promise<Scratch> {
  if (driver === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `haven-bench-${name}-`))
    return {
      env: { ...BASE_ENV, HAVEN_DATA_DIR: dir, DATABASE_URL: '' },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const server = postgresServer()
  const database = `haven_bench_${name.replace(/\W/g, '_')}_${process.pid}`
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: server })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await run(`drop database if exists ${database}`)
  await run(`create database ${database}`)
  const url = new URL(server)
  url.pathname = `/${database}`
  return {
    env: { ...BASE_ENV, DATABASE_URL: url.toString() },
    drop: () => run(`drop database if exists ${database} with (force)`),
  }
}

/**
 * Runs one step of a benchmark (`script step …args`) in a process of its own, so its peak memory
 * is its own, with the scratch database's environment; gives the JSON its last line of output.
 */
export function stepInChild<T>(script: string, env: Record<string, string>, args: readonly string[]): T {
  const out = execFileSync(process.execPath, [...process.execArgv, script, 'step', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  })
  return JSON.parse(out.trim().split('\n').pop() as string) as T
}

/** Peak resident memory of this process so far, in MB: VmHWM where /proc has it, else the rusage maximum. */
export function peakRssMB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    if (hwm) return Math.round(Number(hwm) / 1024)
  } catch {
    // No /proc: the rusage figure below.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

/**
 * The CPU time (ms) each PostgreSQL server process on this machine has used so far, by process
 * id, from /proc; null where there is none to read (no /proc, or the server is elsewhere).
 */
export function databaseServerCpu(): Map<number, number> | null {
  const used = new Map<number, number>()
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue
      try {
        if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th,
        // in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
        used.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * 10)
      } catch {
        // The process ended between listing and reading.
      }
    }
  } catch {
    return null
  }
  return used.size > 0 ? used : null
}

/**
 * The database server's CPU (ms) between two readings: what each process used in between, a
 * process started since counted from zero. A backend that ended in between takes its share with
 * it, so the figure can be low, never negative. It counts every database of the server: the
 * benchmark's share only while nothing else uses that server.
 */
export function databaseServerCpuBetween(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number {
  if (!before || !after) return Number.NaN
  let ms = 0
  for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0)
  return ms
}

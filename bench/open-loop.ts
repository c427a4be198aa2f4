/**
 * An open-loop load generator: requests are launched on a fixed schedule (request i at i / rate
 * seconds) whatever has come back, and each latency is measured from the time the request was
 * due to be sent, not from when it went. A server that falls behind therefore shows its queue in
 * the figures instead of slowing the client down (the closed-loop mistake: see docs/architecture.md, traps already found).
 *
 * The maths (schedule, percentiles, summaries, the sustainability rule, ratios) is pure and
 * tested in open-loop.test.ts; `runOpenLoop` drives any `send` function; `HttpClient` is a small
 * keep-alive client with a cookie jar for signing in.
 */
import http from 'node:http'

/** Offsets in milliseconds from the start at which each of `rate × seconds` requests is due. */
export function schedule(rate: number, seconds: number): number[] {
  if (!(rate > 0) || !(seconds > 0)) throw new Error('rate and seconds must be positive')
  const n = Math.round(rate * seconds)
  return Array.from({ length: n }, (_, i) => (i * 1000) / rate)
}

/**
 * The p-th percentile (0 < p ≤ 100) of values sorted ascending, by nearest rank: the smallest
 * value at or below which at least p% of the values lie. Always one of the values measured.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}

export interface Sample {
  /** When it was due, in ms from the start of the run. */
  dueMs: number
  /** How late the client actually sent it, in ms (the client's own lag). */
  sendLagMs: number
  /** From when it was due until the whole response had arrived, in ms. */
  latencyMs: number
  /** HTTP status, or 0 when there was no response (refused, timed out, dropped). */
  status: number
  error?: string
}

export interface Summary {
  /** The rate asked for, requests a second. */
  rate: number
  seconds: number
  requests: number
  /** Responses with the expected status. */
  ok: number
  /** Requests that failed: wrong status, no response, or dropped at the client's limit. */
  errors: number
  /** Completed responses a second over the run (wall time from first due to last answer). */
  throughput: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
  /** 99th percentile of how late the client sent requests: high means the client fell behind. */
  sendLagP99: number
  /** The first few distinct error messages, for the report. */
  errorKinds: string[]
}

const round = (x: number, places = 1) => {
  const f = 10 ** places
  return Math.round(x * f) / f
}

/** Summarises one run. Latency percentiles cover every request, failed ones included. */
export function summarise(samples: readonly Sample[], rate: number, seconds: number): Summary {
  const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b)
  const lags = samples.map((s) => s.sendLagMs).sort((a, b) => a - b)
  const failed = samples.filter((s) => s.error !== undefined)
  const wall = samples.reduce((end, s) => Math.max(end, s.dueMs + s.latencyMs), 0)
  const mean = latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1)
  return {
    rate,
    seconds,
    requests: samples.length,
    ok: samples.length - failed.length,
    errors: failed.length,
    throughput: wall > 0 ? round(((samples.length - failed.length) * 1000) / wall) : 0,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? Number.NaN),
    mean: round(mean),
    sendLagP99: round(percentile(lags, 99)),
    errorKinds: [...new Set(failed.map((s) => s.error as string))].slice(0, 3),
  }
}

export interface SustainRule {
  /** The p95 latency, in ms, above which a rate is not sustained. */
  p95Ms: number
  /** The client's p99 send lag, in ms, above which the client (not the server) is the limit. */
  sendLagMs: number
}

export const DEFAULT_RULE: SustainRule = { p95Ms: 250, sendLagMs: 50 }

/** Whether a run sustained its rate, and if not, why (the first reason that applies). */
export function sustained(s: Summary, rule: SustainRule = DEFAULT_RULE): { ok: boolean; reason: string } {
  if (s.errors > 0) return { ok: false, reason: `${s.errors} errors (${s.errorKinds.join('; ')})` }
  if (!(s.p95 <= rule.p95Ms)) return { ok: false, reason: `p95 ${s.p95} ms > ${rule.p95Ms} ms` }
  if (s.sendLagP99 > rule.sendLagMs)
    return { ok: false, reason: `client fell behind (send lag p99 ${s.sendLagP99} ms)` }
  return { ok: true, reason: '' }
}

/**
 * Steps the rate up through `rates` until a step is not sustained; the highest sustained rate is
 * the last that was (null when even the first was not). Stops at the first failure: a rate above
 * one that failed is not tried.
 */
export async function stepUp(
  rates: readonly number[],
  run: (rate: number) => Promise<Summary>,
  rule: SustainRule = DEFAULT_RULE,
): Promise<{ steps: (Summary & { sustained: boolean; reason: string })[]; highest: number | null }> {
  const steps: (Summary & { sustained: boolean; reason: string })[] = []
  let highest: number | null = null
  for (const rate of rates) {
    const s = await run(rate)
    const verdict = sustained(s, rule)
    steps.push({ ...s, sustained: verdict.ok, reason: verdict.reason })
    if (!verdict.ok) break
    highest = rate
  }
  return { steps, highest }
}

/** a / b to one decimal place, as printed in the results ("3.2×"); null when b is not positive. */
export function ratio(a: number, b: number): number | null {
  return b > 0 && Number.isFinite(a) ? round(a / b) : null
}

export interface OpenLoopOptions {
  rate: number
  seconds: number
  /** Sends request i and resolves with its HTTP status once the whole body has arrived. */
  send: (i: number) => Promise<number>
  /** The status counted as success (200 unless told). */
  expect?: number
  /** More requests than this outstanding at once are dropped and counted as errors. */
  maxInFlight?: number
  /** A request outstanding this long is counted as failed (ms). */
  timeoutMs?: number
}

/** Runs one open-loop measurement and resolves once every request launched has finished. */
export function runOpenLoop(options: OpenLoopOptions): Promise<Sample[]> {
  const { rate, seconds, send, expect = 200, maxInFlight = 1000, timeoutMs = 10_000 } = options
  const due = schedule(rate, seconds)
  const samples: Sample[] = new Array(due.length)
  let inFlight = 0
  let done = 0
  let next = 0
  return new Promise((resolve) => {
    const start = performance.now() + 5
    const finish = () => {
      done += 1
      if (done === due.length) resolve(samples)
    }
    const launch = (i: number, now: number) => {
      const dueMs = due[i] as number
      const sendLagMs = now - start - dueMs
      if (inFlight >= maxInFlight) {
        samples[i] = { dueMs, sendLagMs, latencyMs: sendLagMs, status: 0, error: 'dropped: client limit' }
        return finish()
      }
      inFlight += 1
      let settled = false
      const settle = (status: number, error?: string) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        inFlight -= 1
        const latencyMs = performance.now() - start - dueMs
        samples[i] =
          error === undefined
            ? { dueMs, sendLagMs, latencyMs, status }
            : { dueMs, sendLagMs, latencyMs, status, error }
        finish()
      }
      const timer = setTimeout(() => settle(0, 'timed out'), timeoutMs)
      send(i).then(
        (status) => settle(status, status === expect ? undefined : `status ${status}`),
        (err: unknown) => settle(0, err instanceof Error ? err.message : String(err)),
      )
    }
    const tick = () => {
      const now = performance.now()
      while (next < due.length && start + (due[next] as number) <= now) launch(next++, now)
      if (next < due.length) setTimeout(tick, Math.max(0, start + (due[next] as number) - performance.now()))
    }
    setTimeout(tick, 5)
  })
}

/** A keep-alive HTTP/1.1 client for one signed-in user: cookies kept, bodies read in full. */
export class HttpClient {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  private readonly jar = new Map<string, string>()

  constructor(
    readonly origin: string,
    readonly timeoutMs = 10_000,
  ) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  request(
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; body: string; location?: string }> {
    const payload = form ? new URLSearchParams(form).toString() : undefined
    return new Promise((resolve, reject) => {
      const req = http.request(
        new URL(path, this.origin),
        {
          method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            ...(this.jar.size ? { cookie: this.cookie } : {}),
            ...(payload
              ? {
                  'content-type': 'application/x-www-form-urlencoded',
                  'content-length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        (res) => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair] = c.split(';')
            const at = (pair ?? '').indexOf('=')
            if (at > 0) this.jar.set((pair as string).slice(0, at), (pair as string).slice(at + 1))
          }
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const location = res.headers.location
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ...(location ? { location } : {}),
            })
          })
          res.on('error', reject)
        },
      )
      req.on('timeout', () => req.destroy(new Error('timed out')))
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** GET a page, reading and discarding its body; resolves with the status. */
  status(path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        new URL(path, this.origin),
        { agent: this.agent, headers: this.jar.size ? { cookie: this.cookie } : {} },
        (res) => {
          res.on('data', () => {})
          res.on('end', () => resolve(res.statusCode ?? 0))
          res.on('error', reject)
        },
      )
      req.on('error', reject)
    })
  }

  /** Signs in through the sign-in form, CSRF token and all, as a browser would. */
  async signIn(username: string, password: string): Promise<void> {
    const form = await this.request('GET', '/sign-in')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1]
    if (!csrf) throw new Error('No CSRF token on the sign-in page')
    const res = await this.request('POST', '/sign-in', { _csrf: csrf, username, password })
    if (res.status !== 302 && res.status !== 303)
      throw new Error(`signing in as ${username} gave ${res.status}`)
  }

  close(): void {
    this.agent.destroy()
  }
}

import { describe, expect, it } from 'vitest'
import {
  percentile,
  ratio,
  runOpenLoop,
  schedule,
  stepUp,
  summarise,
  sustained,
  type Sample,
  type Summary,
} from './open-loop.js'

const sample = (latencyMs: number, extra: Partial<Sample> = {}): Sample => ({
  dueMs: 0,
  sendLagMs: 0,
  latencyMs,
  status: 200,
  ...extra,
})

describe('schedule', () => {
  it('spaces rate × seconds requests evenly from zero, whatever comes back', () => {
    expect(schedule(4, 1)).toEqual([0, 250, 500, 750])
    expect(schedule(100, 10)).toHaveLength(1000)
    expect(schedule(100, 10)[999]).toBeCloseTo(9990)
  })
  it('refuses a rate or duration that is not positive', () => {
    expect(() => schedule(0, 1)).toThrow()
    expect(() => schedule(10, -1)).toThrow()
  })
})

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1)
  it('is one of the values: the smallest with at least p% at or below it', () => {
    expect(percentile(hundred, 50)).toBe(50)
    expect(percentile(hundred, 95)).toBe(95)
    expect(percentile(hundred, 99)).toBe(99)
    expect(percentile(hundred, 100)).toBe(100)
    expect(percentile([7], 50)).toBe(7)
    expect(percentile([1, 2, 3], 50)).toBe(2)
    expect(percentile([1, 2, 3, 4], 50)).toBe(2)
  })
  it('takes the tail seriously: one slow request in twenty is the p95 of twenty', () => {
    const twenty = [...Array.from({ length: 19 }, () => 10), 1000]
    expect(percentile(twenty, 95)).toBe(10)
    expect(percentile(twenty, 96)).toBe(1000)
  })
  it('is NaN for no values and refuses p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN()
    expect(() => percentile([1], 0)).toThrow()
    expect(() => percentile([1], 101)).toThrow()
  })
})

describe('summarise', () => {
  it('counts failures in the latencies and the errors, and the client lag separately', () => {
    const samples = [
      ...Array.from({ length: 98 }, (_, i) => sample(10, { dueMs: i * 10 })),
      sample(500, { dueMs: 980, status: 500, error: 'status 500' }),
      sample(20, { dueMs: 990, sendLagMs: 80 }),
    ]
    const s = summarise(samples, 100, 1)
    expect(s.requests).toBe(100)
    expect(s.ok).toBe(99)
    expect(s.errors).toBe(1)
    expect(s.errorKinds).toEqual(['status 500'])
    expect(s.p50).toBe(10)
    expect(s.p99).toBe(20)
    expect(s.max).toBe(500)
    expect(s.sendLagP99).toBe(0)
    expect(s.throughput).toBeCloseTo((99 * 1000) / 1480, 1)
  })
})

describe('sustained', () => {
  const base: Summary = summarise(
    Array.from({ length: 100 }, () => sample(20)),
    100,
    1,
  )
  it('holds when there are no errors, p95 is within the bound and the client kept up', () => {
    expect(sustained(base)).toEqual({ ok: true, reason: '' })
  })
  it('fails on any error, a slow p95 or a client that fell behind', () => {
    expect(sustained({ ...base, errors: 1, errorKinds: ['timed out'] }).ok).toBe(false)
    expect(sustained({ ...base, p95: 251 }).reason).toMatch(/p95 251 ms > 250 ms/)
    expect(sustained({ ...base, p95: 250 }).ok).toBe(true)
    expect(sustained({ ...base, p95: Number.NaN }).ok).toBe(false)
    expect(sustained({ ...base, sendLagP99: 60 }).reason).toMatch(/client fell behind/)
    expect(sustained({ ...base, p95: 60 }, { p95Ms: 50, sendLagMs: 50 }).ok).toBe(false)
  })
})

describe('stepUp', () => {
  it('reports the last rate sustained and stops at the first that is not', async () => {
    const tried: number[] = []
    const result = await stepUp([50, 100, 200, 400, 800], async (rate) => {
      tried.push(rate)
      return summarise(
        Array.from({ length: 10 }, () => sample(rate >= 400 ? 300 : 5)),
        rate,
        1,
      )
    })
    expect(tried).toEqual([50, 100, 200, 400])
    expect(result.highest).toBe(200)
    expect(result.steps.map((s) => s.sustained)).toEqual([true, true, true, false])
  })
  it('reports no rate when even the first fails', async () => {
    const result = await stepUp([50, 100], async (rate) => summarise([sample(900)], rate, 1))
    expect(result.highest).toBeNull()
    expect(result.steps).toHaveLength(1)
  })
})

describe('ratio', () => {
  it('is a over b to one decimal place, and null over nothing', () => {
    expect(ratio(10, 4)).toBe(2.5)
    expect(ratio(1, 3)).toBe(0.3)
    expect(ratio(5, 0)).toBeNull()
    expect(ratio(Number.NaN, 2)).toBeNull()
  })
})

describe('runOpenLoop', () => {
  it('launches on schedule however slowly answers come, and times from when each was due', async () => {
    const sent: number[] = []
    const t0 = performance.now()
    const samples = await runOpenLoop({
      rate: 100,
      seconds: 0.2,
      send: (i) => {
        sent.push(performance.now() - t0)
        // The first request takes 150 ms: a closed loop would send nothing else meanwhile.
        return new Promise((resolve) => setTimeout(() => resolve(200), i === 0 ? 150 : 1))
      },
    })
    expect(samples).toHaveLength(20)
    // All twenty were sent within the 200 ms schedule, not queued behind the slow first one.
    expect(sent).toHaveLength(20)
    expect((sent[19] as number) - (sent[0] as number)).toBeLessThan(190 + 60)
    expect((sent[19] as number) - (sent[0] as number)).toBeGreaterThan(150)
    expect(samples[0]?.latencyMs).toBeGreaterThanOrEqual(145)
    expect(samples.slice(1).every((s) => s.latencyMs < 100 && s.status === 200)).toBe(true)
  })
  it('counts wrong statuses, failures and drops at the client limit as errors', async () => {
    const samples = await runOpenLoop({
      rate: 200,
      seconds: 0.05,
      maxInFlight: 5,
      send: (i) =>
        i === 0
          ? Promise.reject(new Error('refused'))
          : new Promise((resolve) => setTimeout(() => resolve(i === 1 ? 503 : 200), 200)),
    })
    const errors = samples.map((s) => s.error ?? 'ok')
    expect(errors[0]).toBe('refused')
    expect(errors[1]).toBe('status 503')
    expect(errors.slice(2, 6)).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect(errors.slice(6).every((e) => e === 'dropped: client limit')).toBe(true)
  })
  it('counts a request that never answers as timed out', async () => {
    const samples = await runOpenLoop({
      rate: 10,
      seconds: 0.1,
      timeoutMs: 50,
      send: () => new Promise<number>(() => {}),
    })
    expect(samples[0]?.error).toBe('timed out')
    expect(samples[0]?.latencyMs).toBeGreaterThanOrEqual(49)
  })
})

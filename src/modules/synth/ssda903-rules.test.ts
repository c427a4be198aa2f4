/**
 * A clean synthetic SSDA903 return passes every SSDA903 rule Haven has, and `defects` makes
 * errors only where it says it did. The rules are taken from `ssda903Rules` as they stand, so
 * rules added later are checked here too.
 */
import { describe, expect, it } from 'vitest'
import type { Finding } from '../returns/engine.js'
import { parseCollectionYear } from '../returns/collection-year.js'
import { DOLO_RULE_CODES, ssda903Rules } from '../returns/ssda903/rules/index.js'
import { checkSsda903, syntheticSsda903 } from './ssda903-check.js'

const year = parseCollectionYear('2025/26')

/**
 * Findings a real return would have too, because two rules ask for opposite things: a young
 * woman looked after last year (MOTHER 1, MC_DOB given) who is in this year's return only as a
 * care leaver (OC3) must leave MOTHER blank (628), and with MOTHER blank MC_DOB must be blank
 * (612), yet 624 reports a blank MC_DOB where last year had one.
 */
function ruleConflict(f: Finding, noEpisodes: ReadonlySet<string>): boolean {
  return f.code === '624' && f.childId !== null && noEpisodes.has(f.childId)
}

function summary(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1
  return out
}

describe('a clean synthetic SSDA903 return', () => {
  it('gives no errors from any rule on 3,000 children (2025/26, with last year)', async () => {
    const { ret, texts } = syntheticSsda903({ seed: 'clean-903', year, ssda903Children: 3000 })
    expect(texts).toHaveLength(3000)
    const result = await checkSsda903(ret, year)
    const noEpisodes = new Set(
      texts.filter((t) => (t.ssda903.current.Episodes ?? []).length === 0).map((t) => t.child.laChildId),
    )
    const errors = result.findings.filter(
      (f) => (f.type === 'error' || f.couldNotEvaluate) && !ruleConflict(f, noEpisodes),
    )
    expect(summary(errors)).toEqual({})
    expect(result.couldNotEvaluate).toBe(0)
    expect(result.rules).toEqual(ssda903Rules.map((r) => r.code).filter((c) => !DOLO_RULE_CODES.includes(c)))
  }, 60_000)

  it('gives no errors in 2026/27 either, with the DoLO rules', async () => {
    const next = parseCollectionYear('2026/27')
    const { ret, texts } = syntheticSsda903({ seed: 'clean-903-next', year: next, ssda903Children: 800 })
    const result = await checkSsda903(ret, next)
    const noEpisodes = new Set(
      texts.filter((t) => (t.ssda903.current.Episodes ?? []).length === 0).map((t) => t.child.laChildId),
    )
    const errors = result.findings.filter((f) => f.type === 'error' && !ruleConflict(f, noEpisodes))
    expect(summary(errors)).toEqual({})
    expect(result.rules).toContain('700')
  }, 60_000)
})

describe('a synthetic SSDA903 return with defects', () => {
  it('has errors only on the children given a defect, and some on most of them', async () => {
    const { ret, texts } = syntheticSsda903({
      seed: 'defects-903',
      year,
      ssda903Children: 1000,
      defects: 0.1,
    })
    const result = await checkSsda903(ret, year)
    const noEpisodes = new Set(
      texts.filter((t) => (t.ssda903.current.Episodes ?? []).length === 0).map((t) => t.child.laChildId),
    )
    const defective = new Set(texts.filter((t) => t.defects.length > 0).map((t) => t.child.laChildId))
    expect(defective.size).toBeGreaterThan(50)
    const errors = result.findings.filter((f) => f.type === 'error' && !ruleConflict(f, noEpisodes))
    const elsewhere = errors.filter((f) => f.childId === null || !defective.has(f.childId))
    expect(summary(elsewhere)).toEqual({})
    // A defect made on the CIN census half of a child's records leaves SSDA903 clean; the rest show.
    const found = new Set(errors.map((f) => f.childId))
    expect(found.size).toBeGreaterThan(defective.size * 0.4)
  }, 60_000)
})

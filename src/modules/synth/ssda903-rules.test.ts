/**
 * A clean synthetic SSDA903 return passes every SSDA903 rule Haven has, run as `haven returns
 * validate` runs them (the SSDA903 runner, the synthetic postcode table, no Ofsted provider
 * list), and `defects` makes errors only where it says it did. The rules are the registered
 * rule sets as they stand, so rules added later are checked here too.
 */
import { describe, expect, it } from 'vitest'
import type { Finding } from '../returns/engine.js'
import { parseCollectionYear } from '../returns/collection-year.js'
import { isFullPostcode, postcodeKey } from '../returns/ssda903/placement.js'
import { ssda903RuleSets } from '../returns/ssda903/rule-sets.js'
import { checkSsda903, syntheticSsda903 } from './ssda903-check.js'

const year = parseCollectionYear('2025/26')

function summary(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1
  return out
}

/** The rules that need the Ofsted provider list, which the synthetic data does not come with. */
const PROVIDER_RULES = ['219', '221', '224', '227', '228', '229', '1008']

describe('a clean synthetic SSDA903 return', () => {
  it('gives no errors from any rule on 3,000 children (2025/26, with last year)', async () => {
    const { ret, texts } = syntheticSsda903({ seed: 'clean-903', year, ssda903Children: 3000 })
    expect(texts).toHaveLength(3000)
    const result = await checkSsda903(ret, year)
    const errors = result.findings.filter((f) => f.type === 'error' || f.couldNotEvaluate)
    expect(summary(errors)).toEqual({})
    expect(result.couldNotEvaluate).toBe(0)
    expect(result.notRun.map((r) => r.code)).toEqual(PROVIDER_RULES)
    const all = ssda903RuleSets.forYear(year.label).rules.map((r) => r.code)
    expect(result.rules).toEqual(all.filter((c) => !PROVIDER_RULES.includes(c)))
    expect(result.rules).not.toContain('700')
  }, 30_000)

  it('gives full postcodes, as the DfE asks (a partial one is rule 392c’s error)', () => {
    const { ret } = syntheticSsda903({ seed: 'postcodes-903', year, ssda903Children: 200 })
    const given = (ret.current.Episodes ?? []).flatMap((e) => [e.text.HOME_POST, e.text.PL_POST])
    const postcodes = given.filter((p) => p.trim() !== '')
    expect(postcodes.length).toBeGreaterThan(200)
    for (const p of postcodes) expect(isFullPostcode(postcodeKey(p)), p).toBe(true)
  })

  it('gives no errors in 2026/27 either, with the DoLo rules', async () => {
    const next = parseCollectionYear('2026/27')
    const { ret } = syntheticSsda903({ seed: 'clean-903-next', year: next, ssda903Children: 800 })
    const result = await checkSsda903(ret, next)
    const errors = result.findings.filter((f) => f.type === 'error' || f.couldNotEvaluate)
    expect(summary(errors)).toEqual({})
    expect(result.rules).toContain('700')
  }, 30_000)
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
    const defective = new Set(texts.filter((t) => t.defects.length > 0).map((t) => t.child.laChildId))
    expect(defective.size).toBeGreaterThan(50)
    const errors = result.findings.filter((f) => f.type === 'error')
    const elsewhere = errors.filter((f) => f.childId === null || !defective.has(f.childId))
    expect(summary(elsewhere)).toEqual({})
    // A defect made on the CIN census half of a child's records leaves SSDA903 clean; the rest show.
    const found = new Set(errors.map((f) => f.childId))
    expect(found.size).toBeGreaterThan(defective.size * 0.4)
  }, 30_000)
})

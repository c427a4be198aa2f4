import { describe, expect, it } from 'vitest'
import assessment from '../../reference/kpis/assessment.json' with { type: 'json' }
import awaiting from '../../reference/kpis/awaiting.json' with { type: 'json' }
import care from '../../reference/kpis/care.json' with { type: 'json' }
import frontdoor from '../../reference/kpis/frontdoor.json' with { type: 'json' }
import protection from '../../reference/kpis/protection.json' with { type: 'json' }
import { currentVersions, measureChecksum, parseKpiCatalogue } from './measures.js'

const live = {
  id: 'referrals',
  version: 1,
  status: 'live',
  title: 'Referrals',
  definition: 'Referrals dated in the period.',
  base: 'referrals dated in the period',
  figure: 'count',
  period: 'in_year',
  polarity: 'neither',
  unit: 'referrals',
  source: { kind: 'dfe', reference: 'CIN census' },
  query: [
    'select r.id::text as unit_id, r.child_id, r.referral_date as on_date,',
    'true as in_numerator from frontdoor_referral_v r',
  ],
}
const SCOPE = ['period', 'working_day', 'authority', 'reference', 'worked_out']
/** A query's code: its comments and the words in its strings read nothing. */
const code = (query: string) => query.replace(/--[^\n]*/g, '').replace(/'[^']*'/g, "''")
const check = (id = 'same-day') => ({
  id,
  title: 'Two on a day',
  effect: 'counted twice',
  query: ['select 1'],
})
const file = (...measures: unknown[]) => ({ module: 'frontdoor', measures })

describe('the catalogue files', () => {
  const all = [frontdoor, assessment, protection, care, awaiting].flatMap((f) => parseKpiCatalogue(f))

  it('parse, each measure once, each live one with a query over published views only', () => {
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length)
    for (const m of all.filter((x) => x.status === 'live')) {
      // Every relation a query reads is a published view (…_v), the engine's scope or its own CTE.
      const query = code(m.query ?? '')
      const ctes = new Set([...query.matchAll(/\b([a-z_0-9]+) as (?:materialized )?\(/g)].map((x) => x[1]))
      const relations = [...query.matchAll(/\b(?:from|join)\s+(?!lateral\b)([a-z_0-9]+)(?![a-z_0-9.])/g)].map(
        (x) => x[1] as string,
      )
      expect(relations.length).toBeGreaterThan(0)
      for (const r of relations)
        expect(r.endsWith('_v') || SCOPE.includes(r) || ctes.has(r), `${m.id} reads ${r}`).toBe(true)
    }
  })

  it('give each data-quality check a query over published views only, in the units’ shape', () => {
    const checks = all.flatMap((m) => (m.quality ?? []).map((q) => ({ m, q })))
    expect(checks.length).toBeGreaterThan(15)
    for (const { m, q } of checks) {
      const ctes = new Set([...q.query.matchAll(/\b([a-z_0-9]+) as (?:materialized )?\(/g)].map((x) => x[1]))
      // (`is distinct from` compares; `extract(… from x.column)` reads a column, not a relation.)
      for (const [, r] of code(q.query).matchAll(
        /(?<!distinct )\b(?:from|join)\s+(?!lateral\b)([a-z_0-9]+)(?![a-z_0-9.])/g,
      ))
        expect(r!.endsWith('_v') || SCOPE.includes(r!) || ctes.has(r), `${m.id} ${q.id} reads ${r}`).toBe(
          true,
        )
      // Dated as the figure's units are, so the engine filters them by the same period.
      const dated = m.period === 'snapshot' ? /\bas from_date\b/ : /\bas on_date\b/
      expect(q.query, `${m.id} ${q.id}`).toMatch(dated)
      expect(q.query, `${m.id} ${q.id}`).toMatch(/\bas unit_id\b/)
    }
  })

  it('name the module that will hold each awaiting measure', () => {
    for (const m of parseKpiCatalogue(awaiting)) {
      expect(m.status).toBe('awaiting')
      expect(m.module).not.toBe('awaiting')
    }
  })

  it('hold the first session’s measures live', () => {
    const ids = all.filter((m) => m.status === 'live').map((m) => m.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'contacts',
        'contact-referral-conversion',
        'referrals',
        're-referrals-12-months',
        'referrals-nfa',
        'assessments-within-45-working-days',
        's47-enquiries',
        'icpc-within-15-working-days',
        'cp-plans-at-period-end',
        'second-cp-plan',
        'cla-at-period-end',
        'three-or-more-placements',
        'long-term-stability',
        'reviews-on-time',
        'visits-on-time',
        'placed-out-of-area-over-20-miles',
      ]),
    )
  })
})

describe('parseKpiCatalogue', () => {
  it('joins the query lines and takes the file’s module', () => {
    const [m] = parseKpiCatalogue(file(live))
    expect(m?.module).toBe('frontdoor')
    expect(m?.query).toBe(`${live.query[0]}\n${live.query[1]}`)
    expect(m?.comparators).toEqual([])
  })

  it.each([
    ['a live measure without a query', { ...live, query: undefined }, /has a query/],
    ['a measure not written with a query', { ...live, status: 'not_written' }, /has a query/],
    [
      'an awaiting measure naming no module',
      { ...live, status: 'awaiting', query: undefined },
      /names the module/,
    ],
    ['a percentage not saying what it counts', { ...live, figure: 'percentage' }, /says what it counts/],
    ['a target with no direction', { ...live, target: { value: 5, tolerance: 1, source: 's' } }, /direction/],
    ['an unknown period', { ...live, period: 'quarterly' }, /period/],
    [
      'two England figures for a year',
      {
        ...live,
        comparators: [
          { year: '2023/24', comparator: 'england', value: 1, source: 's' },
          { year: '2023/24', comparator: 'england', value: 2, source: 's' },
        ],
      },
      /two england figures/,
    ],
    [
      'a comparator without a source',
      { ...live, comparators: [{ year: '2023/24', comparator: 'england', value: 1 }] },
      /source/,
    ],
  ])('refuses %s', (_name, measure, message) => {
    expect(() => parseKpiCatalogue(file(measure))).toThrow(message)
  })

  it('joins a data-quality check’s query lines', () => {
    const check = {
      id: 'same-day',
      title: 'Two on a day',
      effect: 'counted twice',
      query: ['select 1', 'from x_v'],
    }
    const [m] = parseKpiCatalogue(file({ ...live, quality: [check] }))
    expect(m?.quality).toEqual([{ ...check, query: 'select 1\nfrom x_v' }])
  })

  it.each([
    ['two checks of one name', [check(), check()], /two data-quality checks called same-day/],
    ['a check named as the engine’s own', [check('no-team')], /a check the digest adds itself/],
    ['a check with no effect', [{ ...check(), effect: undefined }], /effect/],
  ])('refuses %s', (_name, quality, message) => {
    expect(() => parseKpiCatalogue(file({ ...live, quality }))).toThrow(message)
  })

  it('refuses data-quality checks on a measure with no figure', () => {
    expect(() =>
      parseKpiCatalogue(file({ ...live, status: 'not_written', query: undefined, quality: [check()] })),
    ).toThrow(/only a live measure/)
  })

  it('refuses the same version twice', () => {
    expect(() => parseKpiCatalogue(file(live, live))).toThrow(/twice/)
  })
})

describe('versions', () => {
  const [v1] = parseKpiCatalogue(file(live))
  const [v2] = parseKpiCatalogue(file({ ...live, version: 2, query: ['select 2'] }))

  it('take the newest version of each measure as current', () => {
    expect(currentVersions([v2!, v1!]).map((m) => m.version)).toEqual([2])
  })

  it('fingerprint what a measure counts, not how it is titled', () => {
    expect(measureChecksum(v1!)).not.toBe(measureChecksum({ ...v1!, query: 'select 2' }))
    expect(measureChecksum(v1!)).toBe(measureChecksum({ ...v1!, title: 'Referrals received' }))
    // A data-quality check changes nothing the measure counts.
    expect(measureChecksum(v1!)).toBe(
      measureChecksum({ ...v1!, quality: [{ ...check(), query: 'select 1' }] }),
    )
  })
})

import { describe, expect, it } from 'vitest'
import frontdoor from '../../../reference/kpis/frontdoor.json' with { type: 'json' }
import { parseKpiCatalogue, type KpiMeasure } from '../../platform/measures.js'
import {
  AreaError,
  commentary,
  digestCsv,
  digestFigure,
  digestPeriod,
  figureValue,
  monthEnd,
  outOf,
  statedBase,
  parseArea,
  PeriodError,
  publishedCount,
  publishedValue,
  rag,
  type Counts,
  type Movement,
} from './model.js'

const counts = (units: number, numerator: number): Counts => ({ units, numerator, median: null, mean: null })

describe('digestPeriod', () => {
  it.each([
    // Over: the whole year, compared with the year before.
    [
      '2025/26',
      '2026-05-01',
      ['2025-04-01', '2026-03-31'],
      ['2024/25', '2024-04-01', '2025-03-31'],
      '2025-04',
      true,
    ],
    // Running: the year to today, compared with the same part of the year before; the trend is
    // the 12 months ending with this one, reaching back into the year before.
    [
      '2026/27',
      '2026-12-06',
      ['2026-04-01', '2026-12-06'],
      ['2025/26', '2025-04-01', '2025-12-06'],
      '2026-01',
      false,
    ],
  ] as const)('%s on %s', (label, today, [from, to], [previous, prevFrom, prevTo], firstMonth, complete) => {
    const p = digestPeriod(label, today)
    expect(p.current).toEqual({ from, to })
    expect(p.previous).toEqual({ label: previous, from: prevFrom, to: prevTo })
    expect(p.months[0]).toBe(firstMonth)
    expect(p.months[11]).toBe(to.slice(0, 7))
    expect(p.complete).toBe(complete)
  })

  it('takes 31 March as the last day of the year, not the first of the next', () => {
    expect(digestPeriod('2025/26', '2026-03-31').complete).toBe(false)
    expect(digestPeriod('2025/26', '2026-04-01').complete).toBe(true)
  })

  it.each([
    ['2027/28', '2026-12-06', PeriodError],
    ['2025-26', '2026-12-06', Error],
    ['2025/27', '2026-12-06', Error],
  ])('refuses %s on %s', (label, today, error) => {
    expect(() => digestPeriod(label, today)).toThrow(error)
  })
})

describe('monthEnd', () => {
  it.each([
    ['2026-02', '2026-12-31', '2026-02-28'],
    ['2028-02', '2028-12-31', '2028-02-29'],
    ['2026-12', '2026-12-06', '2026-12-06'],
  ])('%s capped at %s is %s', (month, cap, end) => expect(monthEnd(month, cap)).toBe(end))
})

describe('parseArea', () => {
  it.each([
    [undefined, { kind: 'authority' }],
    ['authority', { kind: 'authority' }],
    ['team:Assessment Team 1', { kind: 'team', name: 'Assessment Team 1' }],
    ['worker:social.worker', { kind: 'worker', username: 'social.worker' }],
  ])('reads %s', (text, area) => expect(parseArea(text)).toEqual(area))

  it.each(['team:', 'service:North', 'Assessment', ':x'])('refuses %s', (text) => {
    expect(() => parseArea(text)).toThrow(AreaError)
  })
})

describe('figureValue', () => {
  it.each([
    ['percentage', counts(40, 37), 92.5],
    ['percentage', counts(0, 0), null],
    ['count', counts(12, 12), 12],
    ['rate_per_10000', counts(12, 12), null],
  ] as const)('%s of %o is %s', (figure, c, value) => expect(figureValue({ figure }, c)).toBe(value))

  it('gives a rate per 10,000 from the population estimate', () => {
    const population = { midYear: 2025, population: 40_000, source: 'ONS' }
    expect(figureValue({ figure: 'rate_per_10000' }, counts(12, 12), population)).toBe(3)
  })

  it('gives a median and a mean to one decimal place', () => {
    const c = { units: 3, numerator: 3, median: 4.25, mean: 4.333 }
    expect(figureValue({ figure: 'median' }, c)).toBe(4.3)
    expect(figureValue({ figure: 'mean' }, c)).toBe(4.3)
  })
})

describe('rag', () => {
  const higher = { polarity: 'higher_is_better' as const, target: { value: 90, tolerance: 5, source: 's' } }
  const lower = { polarity: 'lower_is_better' as const, target: { value: 18, tolerance: 2, source: 's' } }
  it.each([
    [higher, 92.5, 'green'],
    [higher, 90, 'green'],
    [higher, 85, 'amber'],
    [higher, 84.9, 'red'],
    [lower, 17.3, 'green'],
    [lower, 18, 'green'],
    [lower, 20, 'amber'],
    [lower, 20.1, 'red'],
    [higher, null, null],
    [{ polarity: 'higher_is_better' as const }, 50, null],
    [{ polarity: 'neither' as const, target: { value: 1, tolerance: 0, source: 's' } }, 50, null],
  ])('%o at %s is %s', (measure, value, expected) => expect(rag(measure, value)).toBe(expected))
})

describe('suppression', () => {
  it.each([
    [0, '0'],
    [1, '<5'],
    [4, '<5'],
    [5, '5'],
    [1234, '1,234'],
  ])('publishes a count of %s as %s', (n, shown) => expect(publishedCount(n)).toBe(shown))

  it.each([
    ['percentage', 92.5, counts(40, 37), '92.5%'],
    // 3 of 40 would give the count away: the percentage is not published.
    ['percentage', 7.5, counts(40, 3), 'c'],
    ['percentage', 50, counts(4, 2), 'c'],
    ['percentage', 0, counts(40, 0), '0.0%'],
    ['count', 3, counts(3, 3), '<5'],
    ['median', 12, counts(3, 3), 'c'],
    ['median', 12, counts(30, 30), '12'],
  ] as const)('publishes a %s of %s over %o as %s', (figure, value, c, shown) => {
    expect(publishedValue({ figure }, value, c)).toBe(shown)
  })
})

describe('commentary', () => {
  const movement = (over: Partial<Movement>): Movement => ({
    title: 'Assessments within 45 working days',
    base: 'assessments authorised in the period',
    figure: 'percentage',
    polarity: 'higher_is_better',
    unit: '%',
    current: { label: '2025/26', value: 92.5, counts: counts(40, 37) },
    previous: { label: '2024/25', value: 88.4, counts: counts(43, 38) },
    rag: null,
    ...over,
  })

  const referrals = (now: number) =>
    movement({
      title: 'Referrals',
      figure: 'count',
      unit: 'referrals',
      current: { label: '2025/26', value: now, counts: counts(now, now) },
      previous: { label: '2024/25', value: 150, counts: counts(150, 150) },
    })

  it.each([
    [
      movement({}),
      'Assessments within 45 working days: 92.5% in 2025/26, up 4.1 percentage points from 88.4% in 2024/25.',
    ],
    [
      movement({
        target: { value: 90, tolerance: 5, source: 's' },
        rag: 'green',
      }),
      'Assessments within 45 working days: 92.5% in 2025/26, up 4.1 percentage points from 88.4% in 2024/25. It meets the target of 90%.',
    ],
    [referrals(138), 'Referrals: 138 in 2025/26, down 12 (8.0%) from 150 in 2024/25.'],
    // A count under 5 is not given away by the size of the change.
    [referrals(3), 'Referrals: <5 in 2025/26, against 150 in 2024/25.'],
    [
      movement({ current: { label: '2025/26', value: null, counts: counts(0, 0) } }),
      'Assessments within 45 working days: nothing to measure in 2025/26 (no assessments authorised in the period).',
    ],
    [
      movement({ previous: { label: '2024/25', value: null, counts: counts(0, 0) } }),
      'Assessments within 45 working days: 92.5% in 2025/26; none to compare in 2024/25.',
    ],
    [
      movement({ previous: { label: '2024/25', value: 92.5, counts: counts(80, 74) } }),
      'Assessments within 45 working days: 92.5% in 2025/26, the same as 92.5% in 2024/25.',
    ],
  ])('words %#', (m, text) => expect(commentary(m)).toBe(text))
})

describe('a rate in the digest', () => {
  const referrals = parseKpiCatalogue(frontdoor).find((m) => m.id === 'referrals-rate') as KpiMeasure
  const period = digestPeriod('2025/26', '2026-05-01')
  const months = new Map([
    ['2025-04', counts(8, 8)],
    ['2026-03', counts(12, 12)],
  ])
  const populations = new Map([
    [2024, { midYear: 2023, population: 36_000, source: 'ONS mid-2023' }],
    [2025, { midYear: 2025, population: 40_000, source: 'ONS mid-2025' }],
  ])

  it('takes each year’s estimate: the period’s, the previous period’s and each month’s', () => {
    const f = digestFigure(
      referrals,
      period,
      { current: counts(400, 400), previous: counts(360, 360), months },
      [],
      populations,
    )
    expect(f.value).toBe(100)
    expect(f.previous.value).toBe(100)
    expect(f.trend.find((t) => t.month === '2025-04')?.value).toBe(2)
    expect(f.trend.find((t) => t.month === '2026-03')?.value).toBe(3)
    expect(outOf(f)).toBe('40,000')
    expect(statedBase(f)).toMatch(/: 40,000 at mid-2025 \(ONS mid-2025\)$/)
    expect(f.commentary).toContain('100 per 10,000 in 2025/26')
  })

  it('is not worked out without a population (a team’s area), and says why', () => {
    const f = digestFigure(
      referrals,
      period,
      { current: counts(400, 400), previous: counts(360, 360), months },
      [],
    )
    expect(f.value).toBeNull()
    expect(f.population).toBeNull()
    expect(outOf(f)).toBe('')
    expect(f.commentary).toMatch(/not worked out.*rates are for the whole authority/)
  })
})

describe('digestCsv', () => {
  const referrals = parseKpiCatalogue(frontdoor).find((m) => m.id === 'referrals') as KpiMeasure
  const measure: KpiMeasure = { ...referrals, title: 'Referrals, "all"' }
  it('publishes counts under 5 as <5, quotes what needs quoting and lists what is not measured yet', () => {
    const period = digestPeriod('2025/26', '2026-05-01')
    const months = new Map([['2025-04', counts(3, 3)]])
    const figure = digestFigure(
      measure,
      period,
      { current: counts(3, 3), previous: counts(9, 9), months },
      [],
    )
    const csv = digestCsv({
      period,
      area: { kind: 'team', name: 'Assessment' },
      generatedAt: '2026-05-01T12:00:00.000Z',
      figures: [figure],
      notYet: [{ id: 'ehc', title: 'EHC plans', module: 'send', status: 'awaiting', note: null }],
    })
    const [header, row, notYet] = csv.split('\r\n')
    expect(header?.startsWith('Measure,Version,Period,Area,Figure,Count,Out of,Base,')).toBe(true)
    expect(row?.startsWith('"Referrals, ""all""",1,2025/26,Assessment,<5,<5,,')).toBe(true)
    expect(row).not.toMatch(/,3,/)
    expect(notYet).toMatch(/^EHC plans,,2025\/26,Assessment,Awaiting the send module,/)
  })
})

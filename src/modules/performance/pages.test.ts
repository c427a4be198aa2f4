import { describe, expect, it } from 'vitest'
import { digestFigure, digestPeriod, NO_UNITS, type Counts } from './model.js'
import {
  areaParam,
  baseText,
  collectionYearOf,
  digestHref,
  digestView,
  exactValue,
  figureView,
  parseDigestQuery,
  periodChoices,
  qualityView,
  ragTag,
  targetText,
} from './pages.js'
import type { KpiMeasure } from '../../platform/measures.js'

const counts = (units: number, numerator: number): Counts => ({ units, numerator, median: null, mean: null })

const measure: KpiMeasure = {
  id: 'reviews-on-time',
  version: 1,
  status: 'live',
  module: 'care',
  title: 'Reviews on time',
  definition: 'Reviews held within timescale.',
  base: 'reviews held in the period',
  numerator: 'those held within timescale',
  figure: 'percentage',
  period: 'in_year',
  polarity: 'higher_is_better',
  unit: '%',
  target: { value: 90, tolerance: 5, source: 'local' },
  source: { kind: 'local', reference: 'seed 000' },
  query: 'select 1',
} as KpiMeasure

const period = digestPeriod('2025/26', '2026-05-01')
const figure = digestFigure(
  measure,
  period,
  { current: counts(40, 37), previous: counts(30, 24), months: new Map([['2026-03', counts(4, 4)]]) },
  [{ comparator: 'england', year: '2024/25', value: 88, source: 'DfE CLA' }],
)
const q = { period: '2025/26', area: { kind: 'team' as const, name: 'Assessment team' } }

describe('the collection year', () => {
  it.each([
    ['2026-03-31', '2025/26'],
    ['2026-04-01', '2026/27'],
    ['2026-12-06', '2026/27'],
    ['2099-01-01', '2098/99'],
  ])('on %s is %s', (today, year) => expect(collectionYearOf(today)).toBe(year))

  it('offers the current year and the four before it', () => {
    expect(periodChoices('2026-12-06')).toEqual(['2026/27', '2025/26', '2024/25', '2023/24', '2022/23'])
  })
})

describe('parseDigestQuery', () => {
  it('defaults to the current year and the whole authority', () => {
    expect(parseDigestQuery({}, '2026-12-06')).toEqual({
      ok: true,
      data: { period: '2026/27', area: { kind: 'authority' } },
    })
  })

  it('reads a team and a worker', () => {
    expect(parseDigestQuery({ period: '2025/26', area: 'team:Assessment team' }, '2026-12-06')).toMatchObject(
      {
        ok: true,
        data: { period: '2025/26', area: { kind: 'team', name: 'Assessment team' } },
      },
    )
    expect(parseDigestQuery({ area: 'worker:social.worker' }, '2026-12-06')).toMatchObject({
      ok: true,
      data: { area: { kind: 'worker', username: 'social.worker' } },
    })
  })

  it('names each wrong field, keeping what was asked', () => {
    const r = parseDigestQuery({ period: '2027/28', area: 'somewhere' }, '2026-12-06')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.list.map((e) => e.href)).toEqual(['#period', '#area'])
    expect(r.errors.byField.period?.text).toContain('has not begun')
    expect(r.errors.byField.area?.text).toContain('is not an area')
    expect(r.kept).toEqual({ period: '2027/28', area: 'somewhere' })
  })

  it('refuses a period that is not a collection year', () => {
    const r = parseDigestQuery({ period: '2025-26' }, '2026-12-06')
    expect(r.ok).toBe(false)
  })
})

describe('a figure as the pages show it', () => {
  it('states the figure exactly with its base', () => {
    expect(exactValue(figure, figure.value)).toBe('92.5%')
    expect(baseText(figure, figure.counts)).toBe('37 of 40 reviews held in the period')
    expect(baseText({ figure: 'count', base: 'referrals dated in the period' }, counts(3, 3))).toBe(
      '3 referrals dated in the period',
    )
    expect(exactValue({ figure: 'median', unit: 'days' }, 38)).toBe('38 days')
    expect(exactValue(figure, null)).toBe('No figure')
  })

  it('says the RAG in words as well as colour', () => {
    expect(ragTag('green')).toEqual({ text: 'Green: meets target', classes: 'govuk-tag--green' })
    expect(ragTag('amber').text).toContain('Amber')
    expect(ragTag('red').text).toContain('Red')
    expect(ragTag(null).text).toBe('No target')
  })

  it('words the target with its direction and tolerance', () => {
    expect(targetText(figure)).toBe('90% or more (amber within 5 percentage points)')
    expect(targetText({ ...figure, target: null })).toBeNull()
  })

  it('links to the children of the numerator and denominator, and of each month with units', () => {
    const v = figureView(figure, q, 'large')
    expect(v.href).toBe(
      '/performance/digest/measure?period=2025%2F26&area=team%3AAssessment+team&measure=reviews-on-time',
    )
    expect(v.numeratorHref).toContain('part=numerator')
    expect(v.denominatorHref).toContain('part=denominator')
    const march = v.trend.find((t) => t.month === '2026-03')
    expect(march?.numeratorHref).toContain('month=2026-03')
    expect(v.trend.find((t) => t.month === '2025-04')?.denominatorHref).toBeNull()
    expect(v.comparators).toEqual([{ name: 'England', year: '2024/25', value: '88%', source: 'DfE CLA' }])
    expect(v.chart).toContain('role="img"')
    expect(v.chart).toContain('Target 90%')
  })

  it('links a count to its children alone: a count has no numerator apart from its units', () => {
    const count = digestFigure(
      { ...measure, id: 'referrals', figure: 'count', target: undefined } as KpiMeasure,
      period,
      { current: counts(5, 5), previous: NO_UNITS, months: new Map() },
      [],
    )
    const v = figureView(count, q, 'small')
    expect(v.numeratorHref).toBeNull()
    expect(v.denominatorHref).toContain('part=denominator')
  })
})

describe('digestView', () => {
  it('groups figures by section and names the module each awaiting measure waits for', () => {
    const v = digestView(
      {
        period,
        area: q.area,
        generatedAt: '2026-05-01T12:00:00Z',
        figures: [figure],
        notYet: [
          { id: 'a', title: 'Care leavers in touch', module: 'leavers', status: 'awaiting', note: null },
          { id: 'b', title: 'Contacts by source', module: 'frontdoor', status: 'not_written', note: 'x' },
        ],
      },
      q,
    )
    expect(v.sections.map((s) => s.title)).toEqual(['Children looked after'])
    expect(v.awaiting).toMatchObject([
      { title: 'Care leavers in touch', moduleText: 'Care leavers', moduleName: 'leavers' },
    ])
    expect(v.notWritten.map((m) => m.id)).toEqual(['b'])
    expect(v.periodText).toBe('2025/26 (1 April 2025 to 31 March 2026)')
  })

  it('writes the area back as the URL does', () => {
    expect(areaParam({ kind: 'authority' })).toBe('authority')
    expect(areaParam({ kind: 'worker', username: 'social.worker' })).toBe('worker:social.worker')
    expect(digestHref('/performance/digest', q)).toBe(
      '/performance/digest?period=2025%2F26&area=team%3AAssessment+team',
    )
  })
})

describe('qualityView', () => {
  const q = { period: '2025/26', area: { kind: 'team', name: 'North' } } as const
  const check = (id: string, count: number) => ({ id, title: id, effect: 'counted twice', count })

  it('counts the records affecting a figure and links to their list, keeping the period and area', () => {
    const v = qualityView({ id: 'referrals', quality: [check('a', 1), check('b', 2)] }, q)
    expect(v.text).toBe('3 records affect this figure')
    expect(v.noneText).toBeNull()
    expect(v.href).toBe('/performance/digest/quality?period=2025%2F26&area=team%3ANorth&measure=referrals')
    expect(v.checks.map((c) => c.href)).toEqual([`${v.href}#check-a`, `${v.href}#check-b`])
    expect(qualityView({ id: 'referrals', quality: [check('a', 1)] }, q).text).toBe(
      '1 record affects this figure',
    )
  })

  it('says how many checks found nothing, and nothing for a measure with none', () => {
    expect(qualityView({ id: 'r', quality: [check('a', 0), check('b', 0)] }, q)).toMatchObject({
      text: null,
      noneText: 'None found by its 2 checks',
    })
    expect(qualityView({ id: 'r', quality: [check('a', 0)] }, q).noneText).toBe('None found by its check')
    expect(qualityView({ id: 'r', quality: [] }, q)).toMatchObject({ text: null, noneText: null })
  })
})

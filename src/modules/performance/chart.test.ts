import { describe, expect, it } from 'vitest'
import { chartId, trendChart, yDomain, type TrendChartInput } from './chart.js'

const months = ['Apr 2025', 'May 2025', 'Jun 2025', 'Jul 2025']
const base: TrendChartInput = {
  id: 'chart-reviews',
  title: 'Reviews on time, by month',
  description: 'From 80% in April 2025 to 95% in July 2025.',
  points: months.map((label, i) => ({ label, value: [80, 85, null, 95][i] ?? null })),
  target: 90,
  yLabel: 'Per cent',
  percentage: true,
}

describe('trendChart', () => {
  it('is one image named by its title and described by its desc', () => {
    const svg = trendChart(base)
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="chart-reviews-title chart-reviews-desc"/)
    expect(svg).toContain('<title id="chart-reviews-title">Reviews on time, by month</title>')
    expect(svg).toContain('<desc id="chart-reviews-desc">From 80% in April 2025 to 95% in July 2025.</desc>')
  })

  it('labels both axes and every month on a large chart', () => {
    const svg = trendChart(base)
    expect(svg).toContain('>Month</text>')
    expect(svg).toContain('>Per cent</text>')
    for (const m of months) expect(svg).toContain(`>${m}</text>`)
    expect(svg).toContain('>100%</text>')
    expect(svg).toContain('>0%</text>')
  })

  it('labels every third month back from the last on a small one', () => {
    const svg = trendChart({ ...base, size: 'small' })
    expect(svg).toContain('>Jul 2025</text>')
    expect(svg).toContain('>Apr 2025</text>')
    expect(svg).not.toContain('>May 2025</text>')
  })

  it('draws the target line with its label, and none without a target', () => {
    expect(trendChart(base)).toContain('class="haven-chart__target"')
    expect(trendChart(base)).toContain('>Target 90%</text>')
    const none = trendChart({ ...base, target: null })
    expect(none).not.toContain('haven-chart__target')
  })

  it('leaves a gap in the line for a month with nothing to measure', () => {
    const svg = trendChart(base)
    const d = /<path class="haven-chart__line" d="([^"]+)"/.exec(svg)?.[1] ?? ''
    // Two runs: April to May, then July alone (a move, no line through June).
    expect(d.match(/M/g)).toHaveLength(2)
    expect(svg.match(/<circle /g)).toHaveLength(3)
  })

  it('draws no line when there is nothing at all, but still the axes', () => {
    const svg = trendChart({ ...base, points: months.map((label) => ({ label, value: null })) })
    expect(svg).not.toContain('haven-chart__line')
    expect(svg).toContain('haven-chart__axis')
  })

  it('escapes text, uses no inline style and no script', () => {
    const svg = trendChart({ ...base, title: 'A <b> & "c"', yLabel: "Children's" })
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;')
    expect(svg).toContain('Children&#39;s')
    expect(svg).not.toMatch(/style=|<script/)
  })

  it('puts higher figures higher up', () => {
    const svg = trendChart({ ...base, target: null })
    const ys = [...svg.matchAll(/<circle [^>]*cy="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(ys[0]).toBeGreaterThan(ys[1] as number)
    expect(ys[1]).toBeGreaterThan(ys[2] as number)
  })
})

describe('yDomain', () => {
  it.each([
    { values: [3, 7], target: null, percentage: false, expected: [0, 8] },
    { values: [3, 7], target: 20, percentage: false, expected: [0, 20] },
    { values: [null, null], target: null, percentage: false, expected: [0, 1] },
    { values: [0], target: null, percentage: false, expected: [0, 1] },
    { values: [1234], target: null, percentage: false, expected: [0, 1500] },
    { values: [12], target: 90, percentage: true, expected: [0, 100] },
  ])('$values with target $target → $expected', ({ values, target, percentage, expected }) => {
    expect(yDomain(values, target, percentage)).toEqual(expected)
  })
})

describe('chartId', () => {
  it('keeps letters, digits and hyphens', () => {
    expect(chartId('Re-referrals within 12 months!')).toBe('chart-re-referrals-within-12-months')
  })
})

/**
 * A trend chart as SVG markup, drawn on the server so it exists without JavaScript. d3-scale and
 * d3-shape work out the scales and the line; this writes the elements. The chart is one image to
 * assistive technology (role="img", named by its <title> and described by its <desc>); the page
 * shows the data table behind it. Colours come from classes in public/haven.css (the CSP allows
 * no inline styles).
 */
import { scaleLinear, scalePoint } from 'd3-scale'
import { line } from 'd3-shape'

export interface ChartPoint {
  /** What the x axis says for the point: "Apr 2025". */
  label: string
  /** The figure, or null for a month with nothing to measure (a gap in the line). */
  value: number | null
}

export interface TrendChartInput {
  /** Unique on the page: the title's and description's ids start with it. */
  id: string
  title: string
  /** What the chart shows, in words (the figures themselves are in the table beside it). */
  description: string
  points: readonly ChartPoint[]
  /** The target line, if the measure has one. */
  target: number | null
  /** The y axis's label: "Per cent", "Children". */
  yLabel: string
  /** The x axis's label. */
  xLabel?: string
  /** Whether figures are percentages: the axis then runs 0 to 100. */
  percentage: boolean
  /** `small` for a row of the digest (fewer tick labels), `large` for a measure's page. */
  size?: 'small' | 'large'
}

const SIZES = {
  small: { width: 360, height: 170, margin: { top: 12, right: 14, bottom: 48, left: 52 }, everyNth: 3 },
  large: { width: 720, height: 320, margin: { top: 16, right: 24, bottom: 56, left: 64 }, everyNth: 1 },
} as const

/** Text for SVG: the same escaping as HTML text and attribute values. */
function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Coordinates to one decimal: shorter markup, and stable output for tests. */
const r = (n: number) => String(Math.round(n * 10) / 10)

/** An id safe in `id` and `aria-labelledby`: letters, digits and hyphens. */
export function chartId(text: string): string {
  return `chart-${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`
}

/** The y axis's domain: 0 to 100 for a percentage, else 0 to a round number above every figure and the target. */
export function yDomain(
  values: readonly (number | null)[],
  target: number | null,
  percentage: boolean,
): [number, number] {
  if (percentage) return [0, 100]
  const top = Math.max(0, ...values.filter((v): v is number => v !== null), target ?? 0)
  const nice = scaleLinear()
    .domain([0, top === 0 ? 1 : top])
    .nice(4)
    .domain()
  return [0, nice[1] as number]
}

/** The chart's SVG markup. */
export function trendChart(input: TrendChartInput): string {
  const size = SIZES[input.size ?? 'large']
  const { width, height, margin } = size
  const inner = {
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  }
  const labels = input.points.map((p) => p.label)
  const x = scalePoint<string>().domain(labels).range([inner.left, inner.right]).padding(0.3)
  const [low, high] = yDomain(
    input.points.map((p) => p.value),
    input.target,
    input.percentage,
  )
  const y = scaleLinear().domain([low, high]).range([inner.bottom, inner.top])
  const ticks = y.ticks(input.size === 'small' ? 3 : 5)
  const titleId = `${input.id}-title`
  const descId = `${input.id}-desc`
  const fmt = (v: number) => (input.percentage ? `${v}%` : v.toLocaleString('en-GB'))

  const plotted = input.points.map((p) => ({ ...p, x: x(p.label) ?? inner.left }))
  const path = line<(typeof plotted)[number]>()
    .defined((p) => p.value !== null)
    .x((p) => p.x)
    .y((p) => y(p.value ?? 0))
    .digits(1)(plotted)

  const out: string[] = [
    `<svg class="haven-chart haven-chart--${input.size ?? 'large'}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">`,
    `<title id="${titleId}">${esc(input.title)}</title>`,
    `<desc id="${descId}">${esc(input.description)}</desc>`,
  ]
  // Grid lines and y tick labels.
  for (const t of ticks) {
    const ty = r(y(t))
    out.push(
      `<line class="haven-chart__grid" x1="${inner.left}" x2="${inner.right}" y1="${ty}" y2="${ty}"/>`,
      `<text class="haven-chart__tick" x="${inner.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${esc(fmt(t))}</text>`,
    )
  }
  // Axes.
  out.push(
    `<line class="haven-chart__axis" x1="${inner.left}" x2="${inner.left}" y1="${inner.top}" y2="${inner.bottom}"/>`,
    `<line class="haven-chart__axis" x1="${inner.left}" x2="${inner.right}" y1="${inner.bottom}" y2="${inner.bottom}"/>`,
  )
  plotted.forEach((p, i) => {
    // A small chart labels every third month, counted back from the last so the latest shows.
    if ((plotted.length - 1 - i) % size.everyNth !== 0) return
    out.push(
      `<text class="haven-chart__tick" x="${r(p.x)}" y="${inner.bottom + 16}" text-anchor="middle">${esc(p.label)}</text>`,
    )
  })
  out.push(
    `<text class="haven-chart__label" x="${r((inner.left + inner.right) / 2)}" y="${height - 8}" text-anchor="middle">${esc(input.xLabel ?? 'Month')}</text>`,
    `<text class="haven-chart__label" transform="translate(14 ${r((inner.top + inner.bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(input.yLabel)}</text>`,
  )
  if (input.target !== null) {
    const ty = r(y(Math.min(Math.max(input.target, low), high)))
    out.push(
      `<line class="haven-chart__target" x1="${inner.left}" x2="${inner.right}" y1="${ty}" y2="${ty}"/>`,
      `<text class="haven-chart__target-label" x="${inner.right}" y="${Number(ty) - 5}" text-anchor="end">${esc(`Target ${fmt(input.target)}`)}</text>`,
    )
  }
  if (path) out.push(`<path class="haven-chart__line" d="${path}"/>`)
  for (const p of plotted)
    if (p.value !== null)
      out.push(
        `<circle class="haven-chart__point" cx="${r(p.x)}" cy="${r(y(p.value))}" r="${input.size === 'small' ? 3 : 4}"/>`,
      )
  out.push('</svg>')
  return out.join('')
}

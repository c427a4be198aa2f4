import { describe, expect, it } from 'vitest'
import { sampleDigest } from '../../../test/support/digest.js'
import {
  committeeReport,
  digestFileStem,
  digestSections,
  placeholderText,
  publishedFigure,
  ragSentence,
  type CommitteeReport,
  type ReportBlock,
} from './report.js'

const textOf = (b: ReportBlock) =>
  b.kind === 'table' ? [b.caption, ...b.head, ...b.rows.flat()].join(' ') : b.text
const allText = (r: CommitteeReport) =>
  r.sections.flatMap((s) => [s.heading, ...s.blocks.map(textOf)]).join('\n')

describe('digestSections', () => {
  it('groups the figures by module in the digest’s order, named in words', () => {
    const sections = digestSections(sampleDigest())
    expect(sections.map((s) => [s.name, s.figures.length])).toEqual([
      ['Front door', 2],
      ['Assessment', 1],
    ])
  })
})

describe('publishedFigure', () => {
  const [referrals, small, assessments] = sampleDigest().figures
  it.each([
    ['a count that shows', referrals, { figure: '412', count: '412', outOf: '', previous: '398' }],
    ['a count under 5', small, { figure: '<5', count: '<5', outOf: '', previous: '7' }],
    // 37 of 40 shows; last year's 3 of 4 would give its counts away.
    [
      'a percentage',
      assessments,
      { figure: '92.5%', count: '37', outOf: '40', previous: 'c', rag: 'Amber', target: '95%' },
    ],
  ])('%s', (_, f, expected) => expect(publishedFigure(f!)).toMatchObject(expected))

  it('suppresses each month of the trend as the figure', () => {
    expect(new Set(publishedFigure(assessments!).trend)).toEqual(new Set(['c']))
    expect(new Set(publishedFigure(small!).trend)).toEqual(new Set(['0']))
  })
})

describe('ragSentence', () => {
  it('counts each rating and leaves out those with none', () => {
    expect(ragSentence(sampleDigest().figures)).toBe('1 amber and 2 with no target')
    expect(ragSentence([])).toBe('none')
  })
})

describe('digestFileStem', () => {
  it.each([
    [{ kind: 'authority' } as const, 'haven-digest-2025-26-authority'],
    [
      { kind: 'team', name: 'Assessment Team (North)' } as const,
      'haven-digest-2025-26-team-assessment-team-north',
    ],
    [{ kind: 'worker', username: 'a.jones' } as const, 'haven-digest-2025-26-worker-a-jones'],
  ])('%j', (area, stem) => expect(digestFileStem(sampleDigest(area))).toBe(stem))
})

describe('committeeReport', () => {
  const report = committeeReport(sampleDigest())

  it('follows the council’s template, section by section', () => {
    expect(report.sections.map((s) => (s.number ? `${s.number} ${s.heading}` : s.heading))).toEqual([
      'Purpose of the report',
      '1 Recommendations',
      '2 Introduction and background',
      '3 Issues, options and analysis of options',
      '4 Reasons for recommendation',
      '5 Consultation (including Overview and Scrutiny, if applicable)',
      '6 Impact on corporate policies, priorities, performance and community impact',
      '7 Implications',
      '8 Background papers used in preparing the report',
      '9 Appendices to the report',
      'Report author',
      'Appendix 1: the measures',
      'Appendix 2: month by month',
      'Appendix 3: measures not yet reported',
    ])
    expect(report.header.map((h) => h.label)).toContain('Accountable Director')
  })

  it('states the period, the area and that every figure is computed from Haven’s records with its base', () => {
    const intro = report.sections
      .find((s) => s.number === '2')!
      .blocks.map(textOf)
      .join(' ')
    expect(intro).toContain('2025/26 (1 April 2025 to 31 March 2026)')
    expect(intro).toContain('the whole authority')
    expect(intro).toMatch(/Every figure is computed from Haven’s records/)
    expect(intro).toMatch(/with its base/)
    expect(intro).toContain('"<5"')
    const team = committeeReport(sampleDigest({ kind: 'team', name: 'Assessment' }))
    expect(allText(team)).toContain('the Assessment team’s allocated children')
    const named = committeeReport(sampleDigest({ kind: 'team', name: 'Safeguarding Team' }))
    expect(allText(named)).toContain('the Safeguarding Team’s allocated children')
    expect(team.title).toContain('2025/26, Assessment')
  })

  it('gives each section its RAG counts, each measure’s commentary and base, and a table of figures', () => {
    const analysis = report.sections.find((s) => s.number === '3')!
    const subheadings = analysis.blocks.filter((b) => b.kind === 'subheading').map(textOf)
    expect(subheadings).toEqual(['3.2 Front door', '3.3 Assessment', '3.4 The service’s analysis'])
    const text = analysis.blocks.map(textOf).join('\n')
    expect(text).toContain('The 3 measures reported, against their targets: 1 amber and 2 with no target.')
    expect(text).toContain('1 measure: 1 amber.')
    expect(text).toMatch(
      /92\.5% in 2025\/26.*Base: 40 child and family assessments authorised in the period\./,
    )
    const table = analysis.blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Assessment'))
    expect(table).toMatchObject({ rows: [[expect.any(String), '92.5%', '37', '40', '95%', 'Amber', 'c']] })
  })

  it('numbers no two paragraphs alike', () => {
    const numbers = report.sections.flatMap((s) =>
      s.blocks.flatMap((b) =>
        (b.kind === 'paragraph' || b.kind === 'placeholder') && b.number
          ? [b.number]
          : b.kind === 'subheading'
            ? [b.text.split(' ')[0]]
            : [],
      ),
    )
    expect(new Set(numbers).size).toBe(numbers.length)
  })

  it('numbers paragraphs in order within each section', () => {
    const numbers = report.sections
      .find((s) => s.number === '2')!
      .blocks.map((b) => (b.kind === 'paragraph' ? b.number : null))
    expect(numbers).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7'])
  })

  it('publishes no count under 5 anywhere, and never the exact small numbers', () => {
    const text = allText(report)
    expect(text).toContain('<5')
    // The small count (3) and last year's 3 of 4 must not show as figures.
    expect(text).not.toMatch(/\b3 of 4\b|75\.0%/)
    for (const s of report.sections)
      for (const b of s.blocks)
        if (b.kind === 'table')
          for (const row of b.rows) for (const cell of row) expect(cell).not.toMatch(/^[1-4]$/)
  })

  it('leaves the recommendations’ extra, the consultation and each implication for officers, marked', () => {
    const placeholders = report.sections.flatMap((s) =>
      s.blocks.filter((b) => b.kind === 'placeholder').map((b) => `${s.heading}: ${textOf(b)}`),
    )
    expect(placeholders.some((p) => p.startsWith('Recommendations:'))).toBe(true)
    expect(placeholders.some((p) => p.startsWith('Consultation'))).toBe(true)
    expect(placeholders.filter((p) => p.includes('Implications verified by'))).toHaveLength(4)
    expect(placeholderText('Name.')).toBe('[To complete: Name.]')
    const implications = report.sections.find((s) => s.number === '7')!
    expect(implications.blocks.filter((b) => b.kind === 'subheading').map(textOf)).toEqual([
      '7.1 Financial',
      '7.2 Legal',
      '7.3 Diversity and equality',
      expect.stringMatching(/^7\.4 Other implications/),
    ])
  })

  it('appends the full table, the 12 months and the measures not yet reported', () => {
    const [one, two, three] = report.sections.slice(-3)
    expect(one!.landscape).toBe(true)
    expect(one!.blocks.map(textOf).join(' ')).toContain('England 2024/25: 500 (DfE CIN census 2025)')
    const months = two!.blocks.find((b) => b.kind === 'table')
    expect(months?.kind === 'table' && [months.head.length, months.head[1], months.head[12]]).toEqual([
      13,
      'Apr 2025',
      'Mar 2026',
    ])
    expect(three!.blocks.map(textOf).join(' ')).toContain('Awaiting the send module')
    expect(three!.blocks.map(textOf).join(' ')).toContain('Not yet written: Needs the ONS population')
  })
})

describe('data quality in the report', () => {
  const quality = [
    {
      id: 'same-day',
      title: 'Two referrals of one child on the same day',
      effect: 'counted twice',
      count: 3,
    },
    {
      id: 'no-team',
      title: 'No allocated worker in a team on the day',
      effect: 'in no team’s figure',
      count: 9,
    },
    { id: 'other', title: 'Nothing wrong here', effect: 'none', count: 0 },
  ]

  it('names what the checks found beside the figure, published as every count is', () => {
    const d = sampleDigest()
    d.figures[0]!.quality = quality
    const text = allText(committeeReport(d))
    expect(text).toContain(
      'Data quality: 12 records with missing or inconsistent data affect it (two referrals of one child on the same day: <5, counted twice; no allocated worker in a team on the day: 9, in no team’s figure).',
    )
    expect(text).not.toContain('Nothing wrong here')
    expect(publishedFigure(d.figures[0]!)).toMatchObject({
      quality: '12',
      qualityChecks:
        'Two referrals of one child on the same day: <5; No allocated worker in a team on the day: 9; Nothing wrong here: 0',
    })
  })

  it('says nothing of a figure whose checks found nothing, or that has none', () => {
    const d = sampleDigest()
    d.figures[0]!.quality = [{ ...quality[2]! }]
    expect(allText(committeeReport(d))).not.toContain('Data quality:')
    expect(publishedFigure(d.figures[1]!)).toMatchObject({ quality: '', qualityChecks: '' })
  })
})

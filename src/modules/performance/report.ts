/**
 * What the digest's exports say, worked out once from a `Digest` as plain data: the sections a
 * workbook has a sheet for, each figure as published (suppressed), and the committee performance
 * report in the council's template (sections, numbered paragraphs, tables, and headed
 * placeholders for officers to complete). The XLSX, DOCX and PDF writers only lay this out, so
 * the two report formats cannot say different things.
 */
import { longDate } from '../../platform/calendar/dates.js'
import { formatDateTime } from '../../platform/http/dates.js'
import {
  areaLabel,
  monthLabel,
  outOf,
  publishedCount,
  publishedValue,
  qualityChecksText,
  qualityTotal,
  statedBase,
  type Digest,
  type DigestFigure,
  type Rag,
} from './model.js'

/** The digest's sections, in its order; a module not named here follows under its own name. */
const SECTION_NAMES: Record<string, string> = {
  frontdoor: 'Front door',
  earlyhelp: 'Early help',
  assessment: 'Assessment',
  protection: 'Child protection',
  care: 'Children in care',
}

export interface DigestSection {
  module: string
  name: string
  figures: DigestFigure[]
}

/** The digest's figures grouped by the module that holds their data, in the digest's order. */
export function digestSections(d: Digest): DigestSection[] {
  const sections: DigestSection[] = []
  for (const f of d.figures) {
    let s = sections.find((x) => x.module === f.module)
    if (!s) {
      s = { module: f.module, name: SECTION_NAMES[f.module] ?? capitalised(f.module), figures: [] }
      sections.push(s)
    }
    s.figures.push(f)
  }
  return sections
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/_/g, ' ')
}

export const RAG_WORDS: Record<Rag | 'none', string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  none: 'No target',
}

const COMPARATOR_NAMES = {
  england: 'England',
  statistical_neighbours: 'Statistical neighbours',
  region: 'Region',
}

/** One figure's published parts, as every export shows them. */
export interface PublishedFigure {
  title: string
  figure: string
  count: string
  /** The denominator, published; empty for a count, which has none. */
  outOf: string
  base: string
  target: string
  rag: string
  previous: string
  trend: string[]
  comparators: string
  source: string
  /** Records with missing or inconsistent data behind the figure, published; empty with no checks. */
  quality: string
  /** Each check with its published count. */
  qualityChecks: string
  commentary: string
}

export function publishedFigure(f: DigestFigure): PublishedFigure {
  const percent = f.figure === 'percentage' ? '%' : ''
  return {
    title: f.title,
    figure: publishedValue(f, f.value, f.counts) || 'None',
    count: publishedCount(f.counts.numerator),
    outOf: f.figure === 'count' ? '' : outOf(f),
    base: statedBase(f),
    target: f.target ? `${f.target.value}${percent}` : '',
    rag: RAG_WORDS[f.rag ?? 'none'],
    previous: publishedValue(f, f.previous.value, f.previous.counts) || 'None',
    trend: f.trend.map((t) => publishedValue(f, t.value, t.counts)),
    comparators: f.comparators
      .map((c) => `${COMPARATOR_NAMES[c.comparator]} ${c.year}: ${c.value}${percent} (${c.source})`)
      .join('; '),
    source: `${f.source.kind === 'dfe' ? 'DfE' : f.source.kind === 'ofsted' ? 'Ofsted' : 'Local'}: ${f.source.reference}`,
    quality: f.quality.length ? publishedCount(qualityTotal(f)) : '',
    qualityChecks: qualityChecksText(f),
    commentary: f.commentary,
  }
}

/** "2025/26 (1 April 2025 to 31 March 2026)", or "to 6 December 2025" while the year runs. */
export function periodWords(d: Digest): string {
  const { current, complete, label } = d.period
  return `${label} (${longDate(current.from)} to ${longDate(current.to)}${complete ? '' : ', the year so far'})`
}

export function areaWords(d: Digest): string {
  return d.area.kind === 'authority'
    ? 'the whole authority'
    : d.area.kind === 'team'
      ? `the ${/\bteam$/i.test(d.area.name) ? d.area.name : `${d.area.name} team`}’s allocated children`
      : `the children allocated to ${areaLabel(d.area)}`
}

export const SUPPRESSION_RULE =
  'Counts from 1 to 4 are shown as "<5". A figure worked out from such a count (a percentage of ' +
  'fewer than 5 children or events, or with fewer than 5 in its numerator) is shown as "c", since ' +
  'it would give the count away. Zero is shown.'

/** `haven-digest-2025-26-authority`, `haven-digest-2025-26-team-assessment`: a file's name, no extension. */
export function digestFileStem(d: Digest): string {
  const area =
    d.area.kind === 'authority' ? 'authority' : `${d.area.kind}-${slug(areaLabel(d.area)) || 'area'}`
  return `haven-digest-${d.period.label.replace('/', '-')}-${area}`
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
}

// The committee report.

/** A block of a report section, in the order it is shown. */
export type ReportBlock =
  /** A numbered paragraph ("3.2"); `number` is null for one that continues the one before. */
  | { kind: 'paragraph'; number: string | null; text: string }
  /** Text the officer must write or check before the report goes out, shown marked. */
  | { kind: 'placeholder'; number: string | null; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][]; widths: number[] }

export interface ReportSection {
  /** "1", or null for an unnumbered section (the purpose, the report author). */
  number: string | null
  heading: string
  blocks: ReportBlock[]
  /** Whether the section is printed across the page (the appendices' wide tables). */
  landscape: boolean
}

export interface CommitteeReport {
  title: string
  /** The template's header: meeting, item, committee, wards, key decision, report of… */
  header: { label: string; value: string; placeholder: boolean }[]
  sections: ReportSection[]
  /** For the document's properties and the PDF's footer. */
  produced: string
}

/** Text shown in square brackets and marked for completion in both renderers. */
export const PLACEHOLDER_MARK = 'To complete'

function ragCounts(figures: readonly DigestFigure[]): Record<Rag | 'none', number> {
  const counts = { green: 0, amber: 0, red: 0, none: 0 }
  for (const f of figures) counts[f.rag ?? 'none'] += 1
  return counts
}

/** "2 green, 1 amber, 1 red and 1 with no target" (parts with none left out). */
export function ragSentence(figures: readonly DigestFigure[]): string {
  const c = ragCounts(figures)
  const parts = [
    c.green ? `${c.green} green` : '',
    c.amber ? `${c.amber} amber` : '',
    c.red ? `${c.red} red` : '',
    c.none ? `${c.none} with no target` : '',
  ].filter((p) => p !== '')
  if (parts.length === 0) return 'none'
  return parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Numbers a section's paragraphs 1.1, 1.2… as they are added. */
class Numbering {
  private next = 1
  constructor(private readonly section: string) {}
  paragraph(text: string): ReportBlock {
    return { kind: 'paragraph', number: `${this.section}.${this.next++}`, text }
  }
  placeholder(text: string): ReportBlock {
    return { kind: 'placeholder', number: `${this.section}.${this.next++}`, text }
  }
}

const SUMMARY_HEAD = ['Measure', 'Figure', 'Count', 'Out of', 'Target', 'RAG', 'Previous year']
const SUMMARY_WIDTHS = [34, 11, 10, 10, 11, 10, 14]

function summaryRow(f: DigestFigure): string[] {
  const p = publishedFigure(f)
  return [p.title, p.figure, p.count, p.outOf, p.target, p.rag, p.previous]
}

function implication(number: string, heading: string, prompt: string): ReportBlock[] {
  return [
    { kind: 'subheading', text: `${number} ${heading}` },
    { kind: 'placeholder', number: null, text: prompt },
    { kind: 'placeholder', number: null, text: 'Implications verified by: name and job title.' },
  ]
}

/** The committee performance report for a digest, in the council's cover-report template. */
export function committeeReport(d: Digest): CommitteeReport {
  const sections = digestSections(d)
  const period = periodWords(d)
  const area = areaWords(d)
  const title = `Children’s social care performance: ${d.period.label}${d.area.kind === 'authority' ? '' : `, ${areaLabel(d.area)}`}`
  const produced = formatDateTime(d.generatedAt)
  const awaiting = d.notYet.filter((m) => m.status === 'awaiting').length
  const notWritten = d.notYet.length - awaiting
  const red = d.figures.filter((f) => f.rag === 'red')

  const purpose: ReportSection = {
    number: null,
    heading: 'Purpose of the report',
    landscape: false,
    blocks: [
      {
        kind: 'paragraph',
        number: null,
        text:
          `This report gives the Committee the performance of children’s social care in ${period}, for ${area}. ` +
          `It reports ${plural(d.figures.length, 'measure', 'measures')}, each computed from the case records held in Haven ` +
          `(against their targets: ${ragSentence(d.figures)}).`,
      },
    ],
  }

  const rec = new Numbering('1')
  const recommendations: ReportSection = {
    number: '1',
    heading: 'Recommendations',
    landscape: false,
    blocks: [
      rec.paragraph(
        'That the Committee note the performance of children’s social care set out in this report and its appendices, and comment on it.',
      ),
      rec.placeholder(
        'Add any further recommendation (for example, a measure the Committee should receive a report on), or delete this paragraph.',
      ),
    ],
  }

  const intro = new Numbering('2')
  const introduction: ReportSection = {
    number: '2',
    heading: 'Introduction and background',
    landscape: false,
    blocks: [
      intro.paragraph(
        `This report covers the collection year ${period}. ` +
          (d.period.complete
            ? `Each figure is compared with ${d.period.previous.label}.`
            : `The year is still running: figures are to ${longDate(d.period.current.to)}, and each is compared with the same span of ${d.period.previous.label}.`),
      ),
      intro.paragraph(
        `It covers ${area}. ${d.area.kind === 'authority' ? '' : 'A child counts in the area when allocated to its workers on the date the measure counts them. '}`.trim(),
      ),
      intro.paragraph(
        'Every figure is computed from Haven’s records, not collated by hand, using one definition of each measure held in Haven’s catalogue of measures; the same definition serves the teams’ worklists and the statutory returns. ' +
          'Each figure is given with its base: what it counts and, for a percentage, out of how many.',
      ),
      intro.paragraph(
        'Each measure with a target is rated green when it meets the target, amber when it is short by no more than its tolerance, and red when it is further short.',
      ),
      intro.paragraph(`To protect the children counted: ${SUPPRESSION_RULE}`),
      intro.paragraph(
        `${plural(d.notYet.length, 'further measure is', 'further measures are')} not yet reported (${awaiting} awaiting the part of Haven that will hold their data, ${notWritten} not yet written); Appendix 3 lists them.`,
      ),
      intro.paragraph(`The figures were produced on ${produced}.`),
    ],
  }

  const analysis = new Numbering('3')
  const analysisBlocks: ReportBlock[] = [
    analysis.paragraph(
      `The ${plural(d.figures.length, 'measure', 'measures')} reported, against their targets: ${ragSentence(d.figures)}.` +
        (red.length > 0 ? ` Red: ${red.map((f) => f.title).join('; ')}.` : ''),
    ),
  ]
  sections.forEach((s, i) => {
    const sub = new Numbering(`3.${i + 2}`)
    analysisBlocks.push({ kind: 'subheading', text: `3.${i + 2} ${s.name}` })
    analysisBlocks.push(
      sub.paragraph(`${plural(s.figures.length, 'measure', 'measures')}: ${ragSentence(s.figures)}.`),
    )
    for (const f of s.figures) {
      const p = publishedFigure(f)
      // A rate's stated base already names its population.
      const base =
        p.outOf && f.figure !== 'rate_per_10000' ? `Base: ${p.outOf} ${f.base}.` : `Base: ${p.base}.`
      analysisBlocks.push(sub.paragraph(`${f.commentary} ${base}${qualitySentence(f)}`))
    }
    analysisBlocks.push({
      kind: 'table',
      caption: `${s.name}: figures for ${d.period.label}`,
      head: SUMMARY_HEAD,
      rows: s.figures.map(summaryRow),
      widths: SUMMARY_WIDTHS,
    })
  })
  // After the sections' own numbers (3.2, 3.3…), so no two paragraphs share one.
  const closing = `3.${sections.length + 2}`
  analysisBlocks.push(
    { kind: 'subheading', text: `${closing} The service’s analysis` },
    {
      kind: 'placeholder',
      number: `${closing}.1`,
      text: 'Add the reasons behind the main changes, and what is being done about each red measure.',
    },
  )

  const reasons = new Numbering('4')
  const consult = new Numbering('5')
  const impact = new Numbering('6')
  const papers = new Numbering('8')
  const body: ReportSection[] = [
    {
      number: '3',
      heading: 'Issues, options and analysis of options',
      landscape: false,
      blocks: analysisBlocks,
    },
    {
      number: '4',
      heading: 'Reasons for recommendation',
      landscape: false,
      blocks: [
        reasons.paragraph(
          'Scrutiny of performance is part of the Committee’s role. Noting these figures, and asking about those short of target, lets the Committee hold the service to account on evidence.',
        ),
        reasons.placeholder('Add any further reason, or delete this paragraph.'),
      ],
    },
    {
      number: '5',
      heading: 'Consultation (including Overview and Scrutiny, if applicable)',
      landscape: false,
      blocks: [consult.placeholder('Say who has been consulted on this report, or that none was needed.')],
    },
    {
      number: '6',
      heading: 'Impact on corporate policies, priorities, performance and community impact',
      landscape: false,
      blocks: [
        impact.placeholder(
          'Say how this performance bears on the council’s priorities and on the communities it serves.',
        ),
      ],
    },
    {
      number: '7',
      heading: 'Implications',
      landscape: false,
      blocks: [
        ...implication('7.1', 'Financial', 'Financial implications.'),
        ...implication('7.2', 'Legal', 'Legal implications.'),
        ...implication('7.3', 'Diversity and equality', 'Diversity and equality implications.'),
        ...implication(
          '7.4',
          'Other implications (for example staff, health, sustainability, crime and disorder)',
          'Other implications, or "None".',
        ),
      ],
    },
    {
      number: '8',
      heading: 'Background papers used in preparing the report',
      landscape: false,
      blocks: [
        papers.paragraph(
          'The definitions of the measures (what each counts, its base, target and source), held in Haven’s catalogue of measures.',
        ),
        papers.placeholder(
          'List any other background paper and where it can be read, or delete this paragraph.',
        ),
      ],
    },
    {
      number: '9',
      heading: 'Appendices to the report',
      landscape: false,
      blocks: [
        {
          kind: 'paragraph',
          number: '9.1',
          text: 'Appendix 1: the measures, figures, bases, targets and comparators.',
        },
        { kind: 'paragraph', number: '9.2', text: 'Appendix 2: each measure month by month over 12 months.' },
        { kind: 'paragraph', number: '9.3', text: 'Appendix 3: measures not yet reported.' },
      ],
    },
    {
      number: null,
      heading: 'Report author',
      landscape: false,
      blocks: [{ kind: 'placeholder', number: null, text: 'Name, job title and team.' }],
    },
  ]

  const appendices: ReportSection[] = [
    {
      number: null,
      heading: 'Appendix 1: the measures',
      landscape: true,
      blocks: sections.map((s) => ({
        kind: 'table' as const,
        caption: s.name,
        head: [
          'Measure',
          'Figure',
          'Count',
          'Out of',
          'Base',
          'Target',
          'RAG',
          'Previous year',
          'Comparators',
        ],
        widths: [17, 7, 6, 6, 19, 6, 7, 8, 24],
        rows: s.figures.map((f) => {
          const p = publishedFigure(f)
          return [p.title, p.figure, p.count, p.outOf, p.base, p.target, p.rag, p.previous, p.comparators]
        }),
      })),
    },
    {
      number: null,
      heading: 'Appendix 2: month by month',
      landscape: true,
      blocks: [
        {
          kind: 'paragraph',
          number: null,
          text: `Each measure’s figure in each of the 12 months to ${longDate(d.period.current.to)}, suppressed as in the report.`,
        },
        {
          kind: 'table',
          caption: 'The 12 months',
          head: ['Measure', ...d.period.months.map(monthLabel)],
          widths: [22, ...d.period.months.map(() => 6.5)],
          rows: d.figures.map((f) => [f.title, ...publishedFigure(f).trend]),
        },
      ],
    },
    {
      number: null,
      heading: 'Appendix 3: measures not yet reported',
      landscape: false,
      blocks: [
        {
          kind: 'table',
          caption: 'Measures not yet reported',
          head: ['Measure', 'Why not yet'],
          widths: [45, 55],
          rows: d.notYet.map((m) => [
            m.title,
            m.status === 'awaiting'
              ? `Awaiting the ${m.module} module`
              : `Not yet written${m.note ? `: ${m.note}` : ''}`,
          ]),
        },
      ],
    },
  ]

  return {
    title,
    produced,
    header: [
      { label: 'Meeting date', value: 'Date of the meeting', placeholder: true },
      { label: 'Item', value: 'Item number', placeholder: true },
      { label: 'Committee', value: 'Name of the committee', placeholder: true },
      { label: 'Title', value: title, placeholder: false },
      { label: 'Wards and communities affected', value: 'All', placeholder: false },
      { label: 'Key decision', value: 'Not applicable', placeholder: false },
      { label: 'Report of', value: 'Name and job title', placeholder: true },
      { label: 'Accountable Assistant Director', value: 'Name and job title', placeholder: true },
      { label: 'Accountable Director', value: 'Name and job title', placeholder: true },
      { label: 'Status', value: 'This report is public', placeholder: false },
    ],
    sections: [purpose, recommendations, introduction, ...body, ...appendices],
  }
}

/** A placeholder's words as both renderers print them. */
export function placeholderText(text: string): string {
  return `[${PLACEHOLDER_MARK}: ${text}]`
}

/**
 * What a figure's data-quality checks found, for the report's analysis: nothing when they found
 * nothing; else how many records with missing or inconsistent data affect it, and of what kinds.
 */
function qualitySentence(f: DigestFigure): string {
  const found = f.quality.filter((q) => q.count > 0)
  if (found.length === 0) return ''
  const total = qualityTotal(f)
  const n = publishedCount(total)
  return ` Data quality: ${n} ${total === 1 ? 'record' : 'records'} with missing or inconsistent data ${total === 1 ? 'affects' : 'affect'} it (${found
    .map(
      (q) => `${q.title.charAt(0).toLowerCase()}${q.title.slice(1)}: ${publishedCount(q.count)}, ${q.effect}`,
    )
    .join('; ')}).`
}

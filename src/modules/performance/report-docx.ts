/**
 * The committee report as a Word document, laid out from the report model (report.ts) and nothing
 * else: the header as a table, each section a heading with its numbered paragraphs and tables,
 * placeholders highlighted for the officer to complete, the appendices' wide tables landscape.
 * A4, Arial, so it drops into an agenda pack as the council's own reports do.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx'
import { placeholderText, type CommitteeReport, type ReportBlock, type ReportSection } from './report.js'

const A4 = { width: 11906, height: 16838 }
const HEAD_FILL = 'D9D9D9'

function runs(text: string, placeholder: boolean): TextRun[] {
  return placeholder
    ? [new TextRun({ text: placeholderText(text), highlight: 'yellow', bold: true })]
    : [new TextRun(text)]
}

function numbered(number: string | null, text: string, placeholder: boolean): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    indent: number ? { left: 720, hanging: 720 } : {},
    children: [...(number ? [new TextRun(`${number}\t`)] : []), ...runs(text, placeholder)],
  })
}

function cellOf(text: string, width: number, head: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(head ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEAD_FILL } } : {}),
    children: [new Paragraph({ children: [new TextRun({ text, bold: head, size: 18 })] })],
  })
}

function table(head: string[] | null, rows: string[][], widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(head
        ? [
            new TableRow({
              tableHeader: true,
              children: head.map((h, i) => cellOf(h, widths[i] ?? 10, true)),
            }),
          ]
        : []),
      ...rows.map(
        (r) =>
          new TableRow({ cantSplit: true, children: r.map((c, i) => cellOf(c, widths[i] ?? 10, false)) }),
      ),
    ],
  })
}

function block(b: ReportBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'paragraph':
      return [numbered(b.number, b.text, false)]
    case 'placeholder':
      return [numbered(b.number, b.text, true)]
    case 'subheading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, text: b.text })]
    case 'table':
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 120, after: 60 },
          children: [new TextRun({ text: b.caption, bold: true })],
        }),
        table(b.head, b.rows, b.widths),
        new Paragraph({ text: '' }),
      ]
  }
}

function sectionChildren(s: ReportSection): (Paragraph | Table)[] {
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      keepNext: true,
      text: s.number ? `${s.number}. ${s.heading}` : s.heading,
    }),
    ...s.blocks.flatMap(block),
  ]
}

/** The report's bytes as a .docx. */
export async function reportDocx(report: CommitteeReport): Promise<Buffer> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: `${report.title}. Produced by Haven on ${report.produced}. Page `, size: 16 }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
        ],
      }),
    ],
  })
  const page = (landscape: boolean) => ({
    size: landscape ? { ...A4, orientation: PageOrientation.LANDSCAPE } : A4,
    margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
  })

  // Portrait sections run on in one Word section; each landscape appendix starts its own.
  const wordSections: ISectionOptions[] = []
  let portrait: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: report.title }),
    table(
      null,
      report.header.map((h) => [h.label, h.placeholder ? placeholderText(h.value) : h.value]),
      [35, 65],
    ),
    new Paragraph({ text: '' }),
  ]
  const flush = () => {
    if (portrait.length > 0)
      wordSections.push({
        properties: { page: page(false) },
        footers: { default: footer },
        children: portrait,
      })
    portrait = []
  }
  for (const s of report.sections) {
    if (s.landscape) {
      flush()
      wordSections.push({
        properties: { page: page(true) },
        footers: { default: footer },
        children: sectionChildren(s),
      })
    } else portrait.push(...sectionChildren(s))
  }
  flush()

  const doc = new Document({
    creator: 'Haven',
    title: report.title,
    description: `Committee performance report produced by Haven on ${report.produced}`,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: wordSections,
  })
  return Packer.toBuffer(doc)
}

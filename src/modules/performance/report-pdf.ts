/**
 * The committee report as a PDF, laid out from the report model (report.ts) and nothing else,
 * with pdfkit's own fonts and tables (no browser): A4, the header as a table, numbered
 * paragraphs, placeholders in bold on a yellow ground, the wide appendices landscape, a footer
 * with the page number on every page. Tagged (PDF/UA's structure): headings, paragraphs and tables
 * are marked as such in reading order, with the document's language and title, and the highlights
 * and footers marked as artifacts, so a screen reader reads the report as it is laid out, as
 * the accessibility regulations ask of what a council publishes.
 */
import PDFDocument from 'pdfkit'
import { placeholderText, type CommitteeReport, type ReportBlock } from './report.js'

const MARGIN = 56
const BODY = 10.5
const FONT = 'Helvetica'
const BOLD = 'Helvetica-Bold'
const HIGHLIGHT = '#FFF59D'
const HEAD_FILL = '#D9D9D9'
const NUMBER_WIDTH = 36

type Pdf = PDFKit.PDFDocument
type Structure = PDFKit.PDFStructureElement

function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right
}

/** Starts a new page when fewer than `points` are left, so a heading is not left at a page's foot. */
function keepRoom(doc: Pdf, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage()
}

function paragraph(
  doc: Pdf,
  root: Structure,
  number: string | null,
  text: string,
  placeholder: boolean,
): void {
  const left = doc.page.margins.left
  const indent = number ? NUMBER_WIDTH : 0
  const width = contentWidth(doc) - indent
  const shown = placeholder ? placeholderText(text) : text
  doc.font(placeholder ? BOLD : FONT).fontSize(BODY)
  const height = doc.heightOfString(shown, { width })
  keepRoom(doc, Math.min(height, 60))
  const y = doc.y
  if (placeholder) {
    doc.markContent('Artifact')
    doc
      .save()
      .rect(left + indent - 2, y - 2, width + 4, height + 4)
      .fill(HIGHLIGHT)
      .restore()
    doc.endMarkedContent()
    doc.fillColor('black')
  }
  // The paragraph's number and its words, one paragraph to a reader.
  const p = doc.struct('P')
  root.add(p)
  if (number)
    doc
      .font(FONT)
      .text(number, left, y, { width: NUMBER_WIDTH, lineBreak: false, structParent: p, structType: 'Lbl' })
  doc
    .font(placeholder ? BOLD : FONT)
    .text(shown, left + indent, y, { width, structParent: p, structType: 'Span' })
  p.end()
  doc.x = left
  doc.moveDown(0.6)
}

function heading(doc: Pdf, root: Structure, text: string, size: number, level: 'H2' | 'H3'): void {
  keepRoom(doc, size * 5)
  doc.moveDown(0.4)
  doc
    .font(BOLD)
    .fontSize(size)
    .text(text, doc.page.margins.left, doc.y, {
      width: contentWidth(doc),
      structParent: root,
      structType: level,
    })
  doc.moveDown(0.4)
}

function table(doc: Pdf, root: Structure, head: string[] | null, rows: string[][], widths: number[]): void {
  const total = widths.reduce((a, b) => a + b, 0)
  const width = contentWidth(doc)
  doc.font(FONT).fontSize(8)
  keepRoom(doc, 60)
  // pdfkit tags a table under `structParent` (Table, TR, TH, TD); its types do not list the option.
  const options: PDFKit.Mixins.TableOptionsWithData & { structParent: Structure } = {
    structParent: root,
    position: { x: doc.page.margins.left, y: doc.y },
    maxWidth: width,
    columnStyles: widths.map((w) => (w * width) / total),
    defaultStyle: { border: 0.5, borderColor: '#808080', padding: 3 },
    data: [
      ...(head
        ? [
            head.map((h) => ({
              text: h,
              type: 'TH' as const,
              backgroundColor: HEAD_FILL,
              font: { src: BOLD, size: 8 },
            })),
          ]
        : []),
      ...rows.map((r) => r.map((c) => ({ text: c, font: { src: FONT, size: 8 } }))),
    ],
  }
  doc.table(options)
  doc.x = doc.page.margins.left
  doc.moveDown(0.8)
}

function block(doc: Pdf, root: Structure, b: ReportBlock): void {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(doc, root, b.number, b.text, false)
    case 'placeholder':
      return paragraph(doc, root, b.number, b.text, true)
    case 'subheading':
      return heading(doc, root, b.text, 11.5, 'H3')
    case 'table':
      keepRoom(doc, 80)
      doc
        .font(BOLD)
        .fontSize(BODY)
        .text(b.caption, doc.page.margins.left, doc.y, {
          width: contentWidth(doc),
          structParent: root,
          structType: 'P',
        })
      doc.moveDown(0.3)
      return table(doc, root, b.head, b.rows, b.widths)
  }
}

/** The report's bytes as a PDF; `compress: false` leaves its text readable (the tests read it). */
export function reportPdf(report: CommitteeReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: report.title, Author: 'Haven', Subject: 'Committee performance report', Creator: 'Haven' },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const root = doc.struct('Document')
  doc.addStructure(root)
  doc
    .font(BOLD)
    .fontSize(16)
    .text(report.title, { width: contentWidth(doc), structParent: root, structType: 'H1' })
  doc.moveDown(0.6)
  table(
    doc,
    root,
    null,
    report.header.map((h) => [h.label, h.placeholder ? placeholderText(h.value) : h.value]),
    [35, 65],
  )

  let landscape = false
  for (const s of report.sections) {
    // The appendices start on a page of their own, landscape where their tables are wide.
    if (s.landscape || landscape || s.heading.startsWith('Appendix ')) {
      doc.addPage({ size: 'A4', layout: s.landscape ? 'landscape' : 'portrait', margin: MARGIN })
      landscape = s.landscape
    }
    heading(doc, root, s.number ? `${s.number}. ${s.heading}` : s.heading, 13.5, 'H2')
    for (const b of s.blocks) block(doc, root, b)
  }
  root.end()

  // Footers last, once the page count is known.
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    // A running footer: an artifact, not part of what is read.
    doc.markContent('Artifact', { type: 'Pagination' })
    doc
      .font(FONT)
      .fontSize(8)
      .text(
        `${report.title}. Produced by Haven on ${report.produced}. Page ${i + 1} of ${range.count}`,
        doc.page.margins.left,
        doc.page.height - bottom + 18,
        { width: contentWidth(doc), align: 'center', lineBreak: false },
      )
    doc.endMarkedContent()
    doc.page.margins.bottom = bottom
  }
  doc.end()
  return done
}

/**
 * The committee report as a PDF, laid out from the report model (report.ts) and nothing else,
 * with pdfkit's own fonts and tables (no browser): A4, the header as a table, numbered
 * paragraphs, placeholders in bold on a yellow ground, the wide appendices landscape, a footer
 * with the page number on every page.
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

function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right
}

/** Starts a new page when fewer than `points` are left, so a heading is not left at a page's foot. */
function keepRoom(doc: Pdf, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage()
}

function paragraph(doc: Pdf, number: string | null, text: string, placeholder: boolean): void {
  const left = doc.page.margins.left
  const indent = number ? NUMBER_WIDTH : 0
  const width = contentWidth(doc) - indent
  const shown = placeholder ? placeholderText(text) : text
  doc.font(placeholder ? BOLD : FONT).fontSize(BODY)
  const height = doc.heightOfString(shown, { width })
  keepRoom(doc, Math.min(height, 60))
  const y = doc.y
  if (placeholder) {
    doc
      .save()
      .rect(left + indent - 2, y - 2, width + 4, height + 4)
      .fill(HIGHLIGHT)
      .restore()
    doc.fillColor('black')
  }
  if (number) doc.font(FONT).text(number, left, y, { width: NUMBER_WIDTH, lineBreak: false })
  doc.font(placeholder ? BOLD : FONT).text(shown, left + indent, y, { width })
  doc.x = left
  doc.moveDown(0.6)
}

function heading(doc: Pdf, text: string, size: number): void {
  keepRoom(doc, size * 5)
  doc.moveDown(0.4)
  doc
    .font(BOLD)
    .fontSize(size)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.4)
}

function table(doc: Pdf, head: string[] | null, rows: string[][], widths: number[]): void {
  const total = widths.reduce((a, b) => a + b, 0)
  const width = contentWidth(doc)
  doc.font(FONT).fontSize(8)
  keepRoom(doc, 60)
  doc.table({
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
  })
  doc.x = doc.page.margins.left
  doc.moveDown(0.8)
}

function block(doc: Pdf, b: ReportBlock): void {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(doc, b.number, b.text, false)
    case 'placeholder':
      return paragraph(doc, b.number, b.text, true)
    case 'subheading':
      return heading(doc, b.text, 11.5)
    case 'table':
      keepRoom(doc, 80)
      doc
        .font(BOLD)
        .fontSize(BODY)
        .text(b.caption, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
      doc.moveDown(0.3)
      return table(doc, b.head, b.rows, b.widths)
  }
}

/** The report's bytes as a PDF; `compress: false` leaves its text readable (the tests read it). */
export function reportPdf(report: CommitteeReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    bufferPages: true,
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

  doc
    .font(BOLD)
    .fontSize(16)
    .text(report.title, { width: contentWidth(doc) })
  doc.moveDown(0.6)
  table(
    doc,
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
    heading(doc, s.number ? `${s.number}. ${s.heading}` : s.heading, 13.5)
    for (const b of s.blocks) block(doc, b)
  }

  // Footers last, once the page count is known.
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font(FONT)
      .fontSize(8)
      .text(
        `${report.title}. Produced by Haven on ${report.produced}. Page ${i + 1} of ${range.count}`,
        doc.page.margins.left,
        doc.page.height - bottom + 18,
        { width: contentWidth(doc), align: 'center', lineBreak: false },
      )
    doc.page.margins.bottom = bottom
  }
  doc.end()
  return done
}

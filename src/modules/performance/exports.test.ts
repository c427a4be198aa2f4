import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { sampleDigest } from '../../../test/support/digest.js'
import { digestFile } from './exports.js'
import { reportPdf } from './report-pdf.js'
import { committeeReport } from './report.js'

/** The words of a Word document's body, its runs joined per paragraph. */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

/** The text an uncompressed pdfkit PDF shows: its hex strings in TJ arrays, decoded (WinAnsi). */
function pdfText(bytes: Buffer): string {
  const source = bytes.toString('latin1')
  return [...source.matchAll(/\[([^\]]*)\] TJ/g)]
    .map((tj) =>
      [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n')
    .replace(/\x92/g, '’')
}

/** What both formats of the report must show: the template's headings, a figure, a suppressed count. */
function expectReport(text: string): void {
  for (const heading of [
    'Purpose of the report',
    '1. Recommendations',
    '2. Introduction and background',
    '3. Issues, options and analysis of options',
    '7. Implications',
    '7.3 Diversity and equality',
    '9. Appendices to the report',
    'Appendix 1: the measures',
    'Appendix 3: measures not yet reported',
  ])
    expect(text).toContain(heading)
  expect(text).toContain('92.5%')
  expect(text).toContain('<5')
}

describe('the digest as XLSX', () => {
  it('has a contents sheet, a sheet per section and one of measures not yet reported', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await digestFile(sampleDigest(), 'xlsx')) as never)
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Contents',
      'Front door',
      'Assessment',
      'Measures not yet reported',
    ])
    const contents = book.getWorksheet('Contents')!
    const facts = new Map<string, string>()
    contents.eachRow((row) => facts.set(String(row.getCell(1).value), String(row.getCell(2).value)))
    expect(facts.get('Period')).toBe('2025/26 (1 April 2025 to 31 March 2026)')
    expect(facts.get('Area')).toBe('the whole authority')
    expect(facts.get('Produced')).toBe('1 May 2026 at 12:00pm')
    expect(facts.get('Suppression')).toMatch(/shown as "<5"/)
  })

  it('writes a figure that shows as a number and a suppressed one as "<5" or "c", as the CSV does', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await digestFile(sampleDigest(), 'xlsx')) as never)
    const head = (sheet: ExcelJS.Worksheet) =>
      (sheet.getRow(1).values as unknown[]).map((v) => (v === undefined ? '' : String(v)))
    const frontDoor = book.getWorksheet('Front door')!
    expect(head(frontDoor).slice(1, 9)).toEqual([
      'Measure',
      'Figure',
      'Count',
      'Out of',
      'Base',
      'Target',
      'RAG',
      'Previous year (2024/25)',
    ])
    expect(head(frontDoor)).toContain('Apr 2025')
    expect(head(frontDoor).at(-1)).toBe('Commentary')
    expect(frontDoor.getRow(2).getCell(2).value).toBe(412)
    expect(frontDoor.getRow(3).getCell(2).value).toBe('<5')
    expect(frontDoor.getRow(3).getCell(3).value).toBe('<5')
    expect(
      String(frontDoor.getRow(2).getCell(head(frontDoor).indexOf('Comparators (with sources)')).value),
    ).toBe('England 2024/25: 500 (DfE CIN census 2025)')
    const assessment = book.getWorksheet('Assessment')!.getRow(2)
    expect([2, 3, 4, 6, 7, 8, 9].map((c) => assessment.getCell(c).value)).toEqual([
      92.5,
      37,
      40,
      95,
      'Amber',
      'c',
      'c',
    ])
    expect(assessment.getCell(2).numFmt).toBe('0.0"%"')
    const notYet = book.getWorksheet('Measures not yet reported')!
    expect(notYet.getRow(2).getCell(2).value).toBe('Awaiting the send module')
  })
})

describe('the committee report as DOCX', () => {
  it('is a Word document whose body has the template’s headings, the figures suppressed and the placeholders', async () => {
    const bytes = await digestFile(sampleDigest(), 'docx')
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    const text = await docxText(bytes)
    expectReport(text)
    expect(text).toContain('Every figure is computed from Haven’s records')
    expect(text).toContain('[To complete: Implications verified by: name and job title.]')
    const zip = await JSZip.loadAsync(bytes)
    // The appendices' wide tables are on landscape pages.
    expect(await zip.file('word/document.xml')?.async('string')).toMatch(/w:orient="landscape"/)
  })
})

describe('the committee report as PDF', () => {
  it('is a PDF of several pages with the headings, a figure and the placeholders', async () => {
    const bytes = await reportPdf(committeeReport(sampleDigest()), { compress: false })
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBeGreaterThanOrEqual(4)
    const text = pdfText(bytes)
    expectReport(text)
    expect(text).toContain('[To complete:')
  })

  it('is tagged: its headings, paragraphs and tables marked in reading order, the footer an artifact', async () => {
    const pdf = (await reportPdf(committeeReport(sampleDigest()), { compress: false })).toString('latin1')
    expect(pdf).toMatch(/\/MarkInfo \d+ 0 R/)
    expect(pdf).toContain('/Marked true')
    expect(pdf).toContain('/StructTreeRoot')
    expect(pdf).toMatch(/\/Lang \(en-GB\)/)
    expect(pdf).toMatch(/\/DisplayDocTitle true/)
    for (const type of ['Document', 'H1', 'H2', 'P', 'Lbl', 'Table', 'TR', 'TH', 'TD'])
      expect(pdf, type).toMatch(new RegExp(`/S /${type}\\b`))
    expect(pdf).toMatch(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/)
  })

  it('is compressed when it is published', async () => {
    const bytes = await digestFile(sampleDigest(), 'pdf')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.toString('latin1')).toContain('/FlateDecode')
  })
})

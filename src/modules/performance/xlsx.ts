/**
 * The digest as an Excel workbook: a cover sheet (period, area, when produced, the suppression
 * rule and the contents), a sheet per section with each measure on a row, and a sheet of the
 * measures not yet reported. Figures are published as the CSV publishes them: a figure that
 * shows is a number (a percentage formatted as one), a suppressed one is the text "<5" or "c".
 */
import ExcelJS from 'exceljs'
import { monthLabel, qualityTotal, type Digest } from './model.js'
import { areaWords, digestSections, periodWords, publishedFigure, SUPPRESSION_RULE } from './report.js'
import { formatDateTime } from '../../platform/http/dates.js'

const NOT_YET_SHEET = 'Measures not yet reported'

/** A published figure as a cell: a number when it shows, else its text ("<5", "c", nothing). */
function cell(published: string, value: number | null): string | number | null {
  if (published === '') return null
  if (published === '<5' || published === 'c' || value === null) return published
  return value
}

/** Excel's sheet names: 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31)
}

export async function digestXlsx(d: Digest): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Haven'
  book.created = new Date(d.generatedAt)
  const sections = digestSections(d)

  const cover = book.addWorksheet('Contents')
  cover.columns = [{ width: 28 }, { width: 100 }]
  cover.addRow(['Children’s social care performance digest']).font = { bold: true, size: 14 }
  cover.addRow([])
  const facts: [string, string][] = [
    ['Period', periodWords(d)],
    ['Area', areaWords(d)],
    ['Produced', formatDateTime(d.generatedAt)],
    ['Figures', 'Computed from Haven’s records; each with its base (what it counts out of).'],
    ['Suppression', SUPPRESSION_RULE],
  ]
  for (const [k, v] of facts) {
    const row = cover.addRow([k, v])
    row.getCell(1).font = { bold: true }
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' }
  }
  cover.addRow([])
  cover.addRow(['Sheet', 'Holds']).font = { bold: true }
  for (const s of sections) {
    const row = cover.addRow([sheetName(s.name), `${s.figures.length} measures`])
    row.getCell(1).value = { text: sheetName(s.name), hyperlink: `#'${sheetName(s.name)}'!A1` }
  }
  const notYetRow = cover.addRow([NOT_YET_SHEET, `${d.notYet.length} measures`])
  notYetRow.getCell(1).value = { text: NOT_YET_SHEET, hyperlink: `#'${NOT_YET_SHEET}'!A1` }

  for (const s of sections) {
    const sheet = book.addWorksheet(sheetName(s.name), { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
    sheet.columns = [
      { header: 'Measure', width: 40 },
      { header: 'Figure', width: 10 },
      { header: 'Count', width: 10 },
      { header: 'Out of', width: 10 },
      { header: 'Base', width: 36 },
      { header: 'Target', width: 9 },
      { header: 'RAG', width: 10 },
      { header: `Previous year (${d.period.previous.label})`, width: 14 },
      ...d.period.months.map((m) => ({ header: monthLabel(m), width: 9 })),
      { header: 'Comparators (with sources)', width: 50 },
      { header: 'Definition source', width: 30 },
      { header: 'Records with missing or inconsistent data', width: 14 },
      { header: 'Data-quality checks', width: 50 },
      { header: 'Commentary', width: 80 },
    ]
    sheet.getRow(1).font = { bold: true }
    for (const f of s.figures) {
      const p = publishedFigure(f)
      const row = sheet.addRow([
        p.title,
        cell(p.figure === 'None' ? '' : p.figure, f.value),
        cell(p.count, f.counts.numerator),
        f.figure === 'count'
          ? null
          : cell(
              p.outOf,
              f.figure === 'rate_per_10000' ? (f.population?.population ?? null) : f.counts.units,
            ),
        p.base,
        f.target ? f.target.value : null,
        p.rag,
        cell(p.previous === 'None' ? '' : p.previous, f.previous.value),
        ...f.trend.map((t, i) => cell(p.trend[i] ?? '', t.value)),
        p.comparators,
        p.source,
        f.quality.length ? cell(p.quality, qualityTotal(f)) : null,
        p.qualityChecks,
        p.commentary,
      ])
      if (f.figure === 'percentage') {
        const percent = '0.0"%"'
        for (const col of [2, 6, 8, ...d.period.months.map((_, i) => 9 + i)])
          row.getCell(col).numFmt = percent
      }
      row.alignment = { vertical: 'top' }
      row.getCell(sheet.columnCount).alignment = { wrapText: true, vertical: 'top' }
    }
  }

  const notYet = book.addWorksheet(NOT_YET_SHEET)
  notYet.columns = [
    { header: 'Measure', width: 50 },
    { header: 'Status', width: 30 },
    { header: 'Note', width: 80 },
  ]
  notYet.getRow(1).font = { bold: true }
  for (const m of d.notYet)
    notYet.addRow([
      m.title,
      m.status === 'awaiting' ? `Awaiting the ${m.module} module` : 'Not yet written',
      m.note ?? '',
    ])

  return Buffer.from(await book.xlsx.writeBuffer())
}

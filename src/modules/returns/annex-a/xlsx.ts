/**
 * The Annex A workbook, written with exceljs's streaming writer (a row at a time, so any size of
 * authority fits in bounded memory): one sheet per list in Ofsted's order, its header row in
 * Ofsted's column names. Dates are Excel dates shown dd/mm/yyyy, as Ofsted's template shows
 * them. A list Haven does not hold yet is a sheet saying so in words, with no header and no rows,
 * so nobody takes it for a list with no children on it.
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { ANNEX_A_LISTS, periodWords, type Cell, type ListNumber, type Period } from './model.js'

/** The most rows Excel takes on a sheet, less the heading. */
const EXCEL_ROWS = 1_048_575

/** `01/04/2025` → the Excel date for that day. */
function excelDate(text: string): Date {
  const [d, m, y] = text.split('/').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

export interface ListWritten {
  number: ListNumber
  title: string
  module: string
  rows: number
}

/**
 * Writes the workbook to `out` and ends it. `rows` gives each list its rows in column order.
 * Throws if a list has more rows than a sheet takes (Ofsted's lists never should; the export is
 * refused rather than cut short).
 */
export async function writeAnnexAWorkbook(
  out: Writable,
  period: Period,
  rows: Readonly<Record<ListNumber, AsyncIterable<Cell[]>>>,
): Promise<ListWritten[]> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  book.creator = 'Haven'
  book.title = 'Ofsted Annex A lists 1 to 7'
  book.subject = periodWords(period)
  const written: ListWritten[] = []
  for (const list of ANNEX_A_LISTS) {
    const sheet = book.addWorksheet(list.sheet)
    sheet.columns = list.columns.map((name) => ({
      header: name,
      key: name,
      width: Math.max(12, name.length + 2),
    }))
    sheet.getRow(1).font = { bold: true }
    const dates = list.columns.map((c) => list.dateColumns.includes(c))
    let n = 0
    for await (const cells of rows[list.number]) {
      if (++n > EXCEL_ROWS) throw new Error(`List ${list.number} has more rows than a sheet takes`)
      const row = sheet.addRow(cells.map((c, i) => (dates[i] && typeof c === 'string' ? excelDate(c) : c)))
      dates.forEach((isDate, i) => {
        if (isDate) row.getCell(i + 1).numFmt = 'dd/mm/yyyy'
      })
      row.commit()
    }
    sheet.commit()
    written.push({ number: list.number, title: list.title, module: list.module, rows: n })
  }
  await book.commit()
  return written
}

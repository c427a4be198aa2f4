/**
 * An uploaded return's report as an Excel workbook (exceljs's streaming writer, so a report of
 * any size is written row by row): a sheet of the rules with findings, a sheet per table of what
 * each holds, and a sheet of the findings filtered. Text a spreadsheet would run as a formula is
 * written as text.
 */
import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { FindingFilter } from './model.js'
import { kindName, storedFindings, summaryOf, type ReturnsDeps } from './service.js'
import { countsByTable, type UploadRow } from './store.js'

/** The most rows Excel takes on a sheet, less the heading. */
const EXCEL_ROWS = 1_048_575

function bold(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true }
}

/** The workbook's bytes, streamed as they are written; an error ends the stream with it. */
export function reportXlsx(deps: ReturnsDeps, upload: UploadRow, filter: FindingFilter): Readable {
  const out = new PassThrough()
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  book.creator = 'Haven'
  const write = async () => {
    const summary = summaryOf(upload)
    const about = book.addWorksheet('Return')
    about.columns = [
      { header: 'Return', key: 'k', width: 36 },
      { header: `${kindName(upload)} ${upload.collection_year}`, key: 'v', width: 60 },
    ]
    bold(about)
    const facts: [string, string | number][] = [
      ['Upload', upload.id],
      ['Files', upload.files.map((f) => f.name).join(', ')],
      ['Children', summary?.children ?? 0],
      ['Errors', summary?.errors ?? 0],
      ['Queries', summary?.queries ?? 0],
      ['Rule evaluations that failed', summary?.couldNotEvaluate ?? 0],
      [
        'Findings filtered by',
        Object.entries(filter)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none',
      ],
    ]
    for (const [k, v] of facts) about.addRow({ k, v }).commit()
    for (const r of summary?.notRun ?? []) about.addRow({ k: `Rule ${r.code} not run`, v: r.reason }).commit()
    for (const p of summary?.readProblems ?? [])
      about.addRow({ k: `Not read: ${p.file} line ${p.line}`, v: p.message }).commit()
    about.commit()

    const rules = book.addWorksheet('Rules')
    rules.columns = [
      { header: 'Rule', key: 'code', width: 10 },
      { header: 'Type', key: 'type', width: 8 },
      { header: 'Message', key: 'message', width: 80 },
      { header: 'Findings', key: 'findings', width: 10 },
      { header: 'Children', key: 'children', width: 10 },
      { header: 'Could not evaluate', key: 'couldNotEvaluate', width: 18 },
    ]
    bold(rules)
    for (const c of summary?.counts ?? [])
      if (c.findings > 0 || c.couldNotEvaluate > 0) rules.addRow(c).commit()
    rules.commit()

    const tables = book.addWorksheet('Tables')
    tables.columns = [
      { header: 'Table', key: 'table', width: 24 },
      { header: 'Errors', key: 'errors', width: 10 },
      { header: 'Queries', key: 'queries', width: 10 },
      { header: 'Children', key: 'children', width: 10 },
    ]
    bold(tables)
    for (const t of await countsByTable(deps.db, upload.id)) tables.addRow(t).commit()
    tables.commit()

    const findings = book.addWorksheet('Findings')
    findings.columns = [
      { header: 'Child', key: 'child', width: 14 },
      { header: 'Table', key: 'table', width: 18 },
      { header: 'Row', key: 'row', width: 8 },
      { header: 'Line', key: 'line', width: 8 },
      { header: 'Fields', key: 'fields', width: 24 },
      { header: 'Rule', key: 'rule', width: 8 },
      { header: 'Type', key: 'type', width: 10 },
      { header: 'Message', key: 'message', width: 80 },
      { header: 'Detail', key: 'detail', width: 40 },
    ]
    bold(findings)
    let rows = 0
    for await (const f of storedFindings(deps, upload.id, filter)) {
      if (++rows > EXCEL_ROWS) {
        findings
          .addRow({ message: 'More findings than Excel can hold: download the CSV for them all' })
          .commit()
        break
      }
      findings
        .addRow({
          child: f.childId ?? '',
          table: f.table,
          row: f.row < 0 ? '' : f.row,
          line: f.line ?? '',
          fields: f.fields.join(' '),
          rule: f.code,
          type: f.couldNotEvaluate ? 'could not evaluate' : f.type,
          message: f.message,
          detail: f.detail ?? '',
        })
        .commit()
    }
    findings.commit()
    await book.commit()
  }
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))))
  return out
}

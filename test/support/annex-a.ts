/** Exporting the Annex A workbook in a test, and reading its sheets back as plain rows. */
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { exportAnnexA } from '../../src/modules/returns/annex-a/service.js'
import type { Period } from '../../src/modules/returns/annex-a/model.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import type { Db } from '../../src/platform/db/database.js'

/** The workbook a performance officer exports for `period`, read back. */
export async function exportAnnexABook(
  db: Db,
  audit: AuditContext,
  period: Period,
  batch?: number,
): Promise<ExcelJS.Workbook> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise((resolve) => out.on('end', resolve))
  const write = await exportAnnexA(db, { role: 'performance_officer' }, audit, period, batch ? { batch } : {})
  await write(out)
  await done
  const read = new ExcelJS.Workbook()
  await read.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
  return read
}

/** A sheet's rows as ExcelJS gives them (empty cells are holes, trailing ones missing). */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

/**
 * A list's rows below its header, each as long as the header: an empty cell is null and a date
 * is its ISO day, so a test can write the rows it expects literally.
 */
export function listRows(sheet: ExcelJS.Worksheet): (string | number | null)[][] {
  const [header, ...rows] = sheetRows(sheet)
  const width = (header ?? []).length
  return rows.map((r) =>
    Array.from({ length: width }, (_, i) => {
      const v = r[i]
      if (v === undefined || v === null) return null
      if (v instanceof Date) return v.toISOString().slice(0, 10)
      return v as string | number
    }),
  )
}

/**
 * 100: the header's reference date must be 31 March of the header's collection year.
 *
 * The reference validator compares ReferenceDate with 31 March of the header's own Year; the
 * DfE's wording is that it must equal the census reference date. Haven checks both: a file
 * whose header agrees with itself but is for another year than `--year` is also flagged (the
 * two readings agree whenever the file is for the year being validated).
 */
import type { ReturnHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinReturnRule } from '../rule.js'

const YEAR = /^\d{4}$/

export const rule100: CinReturnRule = {
  code: '100',
  type: 'error',
  message: 'Reference Date is incorrect',
  affects: [{ table: 'Header', fields: ['ReferenceDate'] }],
  scope: 'return',
  begin(ctx) {
    return {
      see() {},
      finish() {
        const { ReferenceDate, Year } = ctx.header
        const expected = Year !== null && YEAR.test(Year) ? `${Year}-03-31` : null
        if (ReferenceDate !== null && ReferenceDate === expected && ReferenceDate === ctx.referenceDate)
          return []
        const h: ReturnHit<CinTable> = { table: 'Header', row: 0, fields: ['ReferenceDate'], childId: null }
        if (ctx.header.line !== undefined) h.line = ctx.header.line
        h.detail =
          ReferenceDate === null
            ? 'no reference date'
            : `${ReferenceDate}, expected ${expected ?? ctx.referenceDate}`
        return [h]
      },
    }
  },
}

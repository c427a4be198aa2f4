/**
 * Exporting Ofsted's Annex A lists 1–7 for a period: who may, the audit row, and the workbook
 * from Haven's records. Lists 1 (contacts) and 3 (referrals) come from the front door's records,
 * 2 (early help assessments) from the early help module's, 4 (assessments) from the assessment
 * module's, 5 (section 47 enquiries) and 7 (CP plans) from protection's, and 6 (children in need)
 * from the front door's referrals with what followed them.
 *
 * Audit: every export carries children's data, so each writes one audit row (`annex_a.export`)
 * with the period and the lists, before any record is read; a failed audit write stops the export.
 */
import type { Writable } from 'node:stream'
import { recordAuditAlone, type AuditContext } from '../../../platform/audit/audit.js'
import type { Db } from '../../../platform/db/database.js'
import { NotAllowedError } from '../../../platform/http/errors.js'
import { roleGrants, type Role } from '../../../platform/permissions/roles.js'
import {
  ANNEX_A_LISTS,
  assessmentRow,
  childInNeedRow,
  contactRow,
  cpPlanRow,
  earlyHelpRow,
  referralRow,
  section47Row,
  type Cell,
  type Period,
} from './model.js'
import {
  assessmentsAfter,
  BATCH,
  childrenInNeedAfter,
  contactsAfter,
  cpPlansAfter,
  earlyHelpAssessmentsAfter,
  inBatches,
  referralsAfter,
  section47sAfter,
} from './store.js'
import { writeAnnexAWorkbook, type ListWritten } from './xlsx.js'

/** Who asks: an account with its role, or the command line (an operator with the database). */
export type Exporter = { role: Role } | 'command_line'

/** A list's keyset query over a period, a batch at a time. */
type ListRead<R> = (
  db: Db,
  period: Period,
  after: number,
  limit: number,
) => Promise<{ id: number; record: R }[]>

/** A list's rows: its records read in batches, each made a row. */
async function* rowsOf<R>(
  db: Db,
  period: Period,
  batch: number,
  read: ListRead<R>,
  row: (r: R) => Cell[],
): AsyncGenerator<Cell[]> {
  for await (const r of inBatches((after) => read(db, period, after, batch), batch)) yield row(r)
}

/** Writes the workbook to `out` and ends it; gives what each list held. */
export type AnnexAWriter = (out: Writable) => Promise<ListWritten[]>

/**
 * Audits an export of `period` and gives the function that writes its workbook, so a caller
 * knows the export is allowed and audited before it sends a byte. Throws NotAllowedError (audited
 * as denied) for an account whose role does not grant `returns.validate`.
 */
export async function exportAnnexA(
  db: Db,
  who: Exporter,
  audit: AuditContext,
  period: Period,
  options: { batch?: number } = {},
): Promise<AnnexAWriter> {
  if (who !== 'command_line' && !roleGrants(who.role, 'returns.validate')) {
    await recordAuditAlone(db, audit, {
      action: 'annex_a.export',
      outcome: 'denied',
      recordType: 'annex_a',
      detail: { from: period.from, to: period.to },
    })
    throw new NotAllowedError('Only performance officers may export Ofsted’s Annex A lists.')
  }
  await recordAuditAlone(db, audit, {
    action: 'annex_a.export',
    outcome: 'allowed',
    recordType: 'annex_a',
    basis: who === 'command_line' ? 'command_line' : 'returns.validate',
    detail: {
      from: period.from,
      to: period.to,
      lists: ANNEX_A_LISTS.map((l) => l.number),
    },
  })
  const batch = options.batch ?? BATCH
  const rows = <R>(read: ListRead<R>, row: (r: R) => Cell[]) => rowsOf(db, period, batch, read, row)
  return (out) =>
    writeAnnexAWorkbook(out, period, {
      1: rows(contactsAfter, contactRow),
      2: rows(earlyHelpAssessmentsAfter, earlyHelpRow),
      3: rows(referralsAfter, referralRow),
      4: rows(assessmentsAfter, assessmentRow),
      5: rows(section47sAfter, section47Row),
      6: rows(childrenInNeedAfter, childInNeedRow),
      7: rows(cpPlansAfter, cpPlanRow),
    })
}

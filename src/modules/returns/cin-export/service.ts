/**
 * Exporting the CIN census from Haven's records: who may, the audit row, and the XML written a
 * batch of children at a time. The file is then validated like any other return (the CLI runs
 * the year's rules on it; the page hands it to the upload checker), so what Haven exports is
 * judged by exactly the rules the DfE's validator applies to it.
 *
 * Audit: every export carries children's data, so one row (`cin_census.export`) with the year is
 * written before any record is read; a failed audit write stops the export.
 */
import type { Writable } from 'node:stream'
import { once } from 'node:events'
import { recordAuditAlone, type AuditContext } from '../../../platform/audit/audit.js'
import type { WorkingCalendar } from '../../../platform/calendar/working-days.js'
import type { Db } from '../../../platform/db/database.js'
import { NotAllowedError } from '../../../platform/http/errors.js'
import { roleGrants } from '../../../platform/permissions/roles.js'
import type { CollectionYear } from '../collection-year.js'
import { cinHeaderFor, cinText, cinXmlSourceOf } from '../cin/census.js'
import { CIN_XML_CLOSING, cinChildXml, cinXmlOpening } from '../cin/xml-write.js'
import type { Exporter } from '../annex-a/service.js'
import { cinRecordsOf } from './model.js'
import { BATCH, childrenInNeedAfter, recordsOfChildren } from './store.js'

export interface CinExportOptions {
  year: CollectionYear
  /** The DfE's three-digit number for the authority (the header's LEA). */
  laNumber: string
  calendar: WorkingCalendar
  batch?: number
}

/** What an export wrote. */
export interface CinExported {
  children: number
  /** Haven's person id of each child, by the LAchildID written: findings link back to records. */
  personByChild: Map<string, number>
}

/** Writes the census to `out` (not ending it); gives what it wrote. */
export type CinCensusWriter = (out: Writable) => Promise<CinExported>

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain')
}

/**
 * Audits an export of the year's census and gives the function that writes it, so a caller knows
 * the export is allowed and audited before it writes a byte. Throws NotAllowedError (audited as
 * denied) for an account whose role does not grant `returns.validate`.
 */
export async function exportCinCensus(
  db: Db,
  who: Exporter,
  audit: AuditContext,
  options: CinExportOptions,
): Promise<CinCensusWriter> {
  const detail = { year: options.year.label }
  if (who !== 'command_line' && !roleGrants(who.role, 'returns.validate')) {
    await recordAuditAlone(db, audit, {
      action: 'cin_census.export',
      outcome: 'denied',
      recordType: 'cin_census',
      detail,
    })
    throw new NotAllowedError('Only performance officers may export the CIN census.')
  }
  await recordAuditAlone(db, audit, {
    action: 'cin_census.export',
    outcome: 'allowed',
    recordType: 'cin_census',
    basis: who === 'command_line' ? 'command_line' : 'returns.validate',
    detail,
  })
  const batch = options.batch ?? BATCH
  return async (out) => {
    const personByChild = new Map<string, number>()
    let children = 0
    await write(out, cinXmlOpening(cinHeaderFor(options.year, options.laNumber)))
    for (let after = 0; ;) {
      const people = await childrenInNeedAfter(db, options.year, after, batch)
      if (people.length === 0) break
      const records = await recordsOfChildren(
        db,
        people.map((p) => p.id),
      )
      let piece = ''
      for (const { personId, records: child } of cinRecordsOf(people, records, options.calendar)) {
        const text = cinText(child, options.year)
        if (text === null) continue
        piece += cinChildXml(cinXmlSourceOf(text))
        personByChild.set(child.laChildId, personId)
        children++
      }
      await write(out, piece)
      if (people.length < batch) break
      after = (people[people.length - 1] as { id: number }).id
    }
    await write(out, CIN_XML_CLOSING)
    return { children, personByChild }
  }
}

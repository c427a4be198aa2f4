/**
 * Reading a child's relatives for the child's assessment work (the prior involvement page, the
 * pre-birth prompt, the household on the visit measures): whose records may be read for this
 * reader, which may be linked to, and what each read is audited as. Pure: the service loads each
 * relative's record and hands it here with the reader.
 */
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'

/** Where a relative's records were read: the page or panel, for the audit row. */
export type FamilyRead = 'prior_involvement' | 'prebirth_prompt' | 'visit_measures'

/** Why nothing is said of a person: no live record (nothing to read, nothing to audit). */
export const NO_RECORD = 'No such record'

/**
 * The basis of a read of an unrestricted relative's history that the reader may not open on its
 * own: they may see the child, and the family's history is part of the child's assessment.
 */
export const FAMILY_BASIS = 'family_history'

export interface RelativeReading {
  /** Their records are read and shown. */
  read: boolean
  /** The reader may open their record: links to it are shown. */
  link: boolean
  /** Shown as a restricted record (that it exists and how related), nothing of its history. */
  restrictedOnly: boolean
  /** For the audit row: the relationship relied on, or the family basis; null when not read. */
  basis: string | null
  /** Why it was not read, for the audit row. */
  reason: string | null
}

/**
 * How a relative's records are read for this reader, who may already see the child:
 * - a relative the reader may open (`allow(reader, 'child.view')`) is read, linked;
 * - a partner agency's reader sees nothing of a relative they may not open (their access is to the
 *   child, through a process, not to the family's social care history);
 * - a record the rules raise an alert on for this reader (their own, a relative's: SEC-08) or a
 *   deleted one is left out altogether;
 * - a restricted relative the reader may not open is never read (SEC-07): at most its existence
 *   and relation are said, as a restricted record;
 * - any other relative's history is read, without links, on the family basis.
 */
export function relativeReading(reader: Actor, relative: ChildRecord | null, now: Date): RelativeReading {
  const none = (reason: string, restrictedOnly = false): RelativeReading => ({
    read: false,
    link: false,
    restrictedOnly,
    basis: null,
    reason,
  })
  if (relative === null || relative.deleted) return none(NO_RECORD)
  const decision = allow(reader, 'child.view', relative, now)
  if (decision.allowed)
    return { read: true, link: true, restrictedOnly: false, basis: decision.basis, reason: null }
  if (decision.alert) return none(decision.reason)
  if (reader.role === 'partner_practitioner')
    return none('A partner agency sees only the records it may open')
  if (relative.restricted) return none(decision.reason, true)
  return { read: true, link: false, restrictedOnly: false, basis: FAMILY_BASIS, reason: null }
}

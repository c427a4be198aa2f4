/**
 * What a partner practitioner's side of the front door needs: their account and agency, their
 * agency's contacts, and each child's progress in the plain words a partner reads.
 */
import { recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { ContactChildStatus } from '../../platform/db/schema.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { DECISIONS } from './model.js'
import { agencyContactRows, agencyOfUser, partnerAccount } from './partner-store.js'
import { NotFoundError, requireRole, type FrontdoorDeps } from './service-support.js'
import type { Db } from './store.js'

/** The partner agency a partner practitioner works for, which limits what they see. */
export async function agencyOf(db: Db, actor: Actor): Promise<number | null> {
  return agencyOfUser(db, actor.id)
}

export interface PartnerProfile {
  userId: number
  name: string
  jobTitle: string | null
  email: string | null
  agency: { id: number; name: string; kind: string; referralSource: string | null } | null
}

/** Who a partner practitioner is, as their account says: name, job title and agency. */
export async function partnerProfile({ db }: FrontdoorDeps, actor: Actor): Promise<PartnerProfile> {
  const row = await partnerAccount(db, actor.id)
  if (!row) throw new NotFoundError(`No user ${actor.id}`)
  return {
    userId: row.id,
    name: row.display_name,
    jobTitle: row.job_title,
    email: row.email,
    agency:
      row.agencyId === null || row.agencyName === null || row.agencyKind === null
        ? null
        : { id: row.agencyId, name: row.agencyName, kind: row.agencyKind, referralSource: row.agencySource },
  }
}

/** A partner's own agency's contacts, newest first. */
export async function agencyContacts({ db }: FrontdoorDeps, actor: Actor, audit: AuditContext) {
  requireRole(actor, 'contact.submit')
  const agencyId = await agencyOf(db, actor)
  if (agencyId === null) return []
  const rows = await agencyContactRows(db, agencyId)
  await recordAuditAlone(db, audit, {
    action: 'contact.list',
    outcome: 'allowed',
    recordType: 'agency',
    recordId: agencyId,
    detail: { rows: rows.length },
  })
  return rows
}

export interface PartnerStatus {
  text: string
  /** A GOV.UK tag modifier class. */
  classes: string
}

/**
 * What a partner sees of each child's progress. The outcome is shown once the front door has
 * recorded its feedback to the referrer, not the moment the decision is made: the MASH decides
 * when and how the referrer is told (a strategy discussion plans what the family hears first),
 * and recording the feedback is that moment (the 'partner_portal' feedback method is this page).
 * Until then a decided child reads "Decided". A contact about a child whose case is open reads as
 * being screened until the allocated worker takes it into the case.
 */
export function partnerStatus(row: {
  status: ContactChildStatus
  decision: string | null
  feedback_at: Date | string | null
}): PartnerStatus {
  switch (row.status) {
    case 'awaiting_match':
      return { text: 'With the front door', classes: 'govuk-tag--blue' }
    case 'in_triage':
    case 'awaiting_authorisation':
    case 'routed_to_allocated_worker':
      return row.decision !== null
        ? { text: 'Passed to the child’s social worker', classes: 'govuk-tag--green' }
        : { text: 'Being screened', classes: 'govuk-tag--light-blue' }
    case 'withdrawn':
      return { text: 'Closed by the front door', classes: 'govuk-tag--grey' }
    case 'decided': {
      if (row.feedback_at === null || row.decision === null)
        return { text: 'Decided: the front door will tell you the outcome', classes: 'govuk-tag--purple' }
      const label = DECISIONS.find((d) => d.code === row.decision)?.label ?? row.decision
      return { text: `Decided: ${label.toLowerCase()}`, classes: 'govuk-tag--green' }
    }
  }
}

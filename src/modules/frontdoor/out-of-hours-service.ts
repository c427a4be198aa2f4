/**
 * The emergency duty team's out-of-hours records: made by the team at night, read by the team
 * and the MASH, and made into a contact by the MASH the next morning in one step. The children
 * are as the caller named them, so a record names no child's case record and needs no child
 * access; reads and writes are audited as the record's own.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { contactFromOutOfHours, type OutOfHoursInput } from './out-of-hours-model.js'
import * as records from './out-of-hours-store.js'
import { ContactStateError, NotFoundError, requireRole, type FrontdoorDeps } from './service-support.js'
import * as store from './store.js'
import { roleGrants } from '../../platform/permissions/roles.js'

/** How far back the emergency duty team's own list goes. */
const TEAM_LIST_DAYS = 14

export async function recordOutOfHours(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  input: OutOfHoursInput,
  audit: AuditContext,
) {
  requireRole(actor, 'out_of_hours.record')
  return db.transaction().execute(async (trx) => {
    const id = await records.insertOutOfHours(trx, {
      ...input,
      recordedBy: actor.id,
      recordedAt: clock.now(),
    })
    await recordAudit(trx, audit, {
      action: 'out_of_hours.record',
      outcome: 'allowed',
      recordType: 'out_of_hours_record',
      recordId: id,
      detail: { children: input.children.length, source: input.referralSource },
    })
    return id
  })
}

/** The team's own recent records, for the emergency duty team's page. */
export async function outOfHoursForTeam({ db, clock }: FrontdoorDeps, actor: Actor) {
  requireRole(actor, 'out_of_hours.record')
  const since = new Date(clock.now().getTime() - TEAM_LIST_DAYS * 86_400_000)
  return records.teamRecords(db, { userId: actor.id, teamId: actor.teamId }, since)
}

/** The MASH's panel: records not yet made into contacts. Empty for anyone not on the front door. */
export async function overnightForMash({ db }: FrontdoorDeps, actor: Actor) {
  if (!roleGrants(actor.role, 'contact.triage')) return []
  return records.awaitingHandover(db)
}

/**
 * One record. Its route names it as the subject, so the platform has applied the record's own
 * rule (the team that made it, or the front door) and audited the read.
 */
export async function viewOutOfHours({ db }: FrontdoorDeps, actor: Actor, id: number) {
  const record = await records.outOfHoursRecord(db, id)
  if (!record) throw new NotFoundError(`No out-of-hours record ${id}`)
  return {
    record,
    canMakeContact: roleGrants(actor.role, 'contact.triage') && roleGrants(actor.role, 'contact.submit'),
  }
}

/**
 * The MASH makes a contact of a record in one step: received out of hours when the team took the
 * call, the children as named for the screener to find, the team's action and handover kept with
 * it. A record becomes one contact only: a second press shows the first.
 */
export async function makeContactFromOutOfHours(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  id: number,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  requireRole(actor, 'contact.submit')
  return db.transaction().execute(async (trx) => {
    const record = await records.outOfHoursRecord(trx, id)
    if (!record) throw new NotFoundError(`No out-of-hours record ${id}`)
    if (record.contact_id !== null) return { contactId: record.contact_id, made: false }
    const { details, receivedAt } = contactFromOutOfHours(record)
    const contactId = await store.insertContact(trx, {
      receivedAt,
      awareAt: null,
      details,
      about: null,
      agencyId: null,
      domesticAbuse: false,
      recordedBy: actor.id,
    })
    for (const child of record.children) await store.insertDescribedChild(trx, contactId, child)
    if (!(await records.markConverted(trx, id, { contactId, by: actor.id, at: clock.now() })))
      throw new ContactStateError('This record has just been made into a contact by someone else.')
    await recordAudit(trx, audit, {
      action: 'contact.record',
      outcome: 'allowed',
      recordType: 'contact',
      recordId: contactId,
      detail: { children: record.children.length, source: record.referral_source, outOfHoursRecord: id },
    })
    return { contactId, made: true }
  })
}

/**
 * Operation Encompass: when the police notify domestic abuse concerning a child of school age,
 * the child's school is told before the next school day. Linking such a child to the notification
 * starts the clock (from when it was received); recording who told whom, when and how stops it.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { isOfSchoolAge, londonDate } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { insertSchoolNotice, noticeFacts, schoolNoticeOf } from './encompass-store.js'
import { isPoliceNotification, type PoliceRisk } from './police-notifications.js'
import { ContactStateError, NotFoundError, requireRole, type FrontdoorDeps } from './service-support.js'
import type { Trx } from './store.js'

export const SCHOOL_NOTICE_METHODS = [
  { code: 'phone', label: 'Phone call' },
  { code: 'secure_email', label: 'Secure email' },
  { code: 'email', label: 'Email' },
  { code: 'in_person', label: 'In person' },
] as const

export type SchoolNoticeMethod = (typeof SCHOOL_NOTICE_METHODS)[number]['code']

export interface SchoolNotice {
  school: string
  toldPerson: string
  toldAt: Date
  method: SchoolNoticeMethod
  note: string | null
}

/** Whether telling the school is due for this child on this contact. Pure. */
export function schoolNoticeNeeded(facts: {
  domestic_abuse: boolean
  referral_source: string
  channel: string
  date_of_birth: string | null
  received_at: Date
}): boolean {
  return (
    isPoliceNotification(facts) &&
    facts.date_of_birth !== null &&
    isOfSchoolAge(facts.date_of_birth, londonDate(facts.received_at.getTime()))
  )
}

/**
 * Called in the transaction that links a child to a contact: a police domestic abuse
 * notification about a child of school age starts the clock to tell the school, from receipt.
 */
export async function startSchoolNoticeIfNeeded(trx: Trx, actorId: number, contactChildId: number) {
  const facts = await noticeFacts(trx, contactChildId)
  if (!facts || facts.child_id === null || !schoolNoticeNeeded(facts)) return false
  await recordCaseEvent(trx, {
    childId: facts.child_id,
    subjectType: 'contact',
    subjectId: contactChildId,
    type: 'contact.school_notice_needed',
    occurredAt: facts.received_at,
    summary:
      'Police notification of domestic abuse: the school is to be told by the next school day (Operation Encompass)',
    recordedBy: actorId,
    attributes: { encompass: true },
  })
  return true
}

/** Who at the front door told the school, whom they told, when and how; stops the clock. */
export async function recordSchoolNotice(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  notice: SchoolNotice,
  audit: AuditContext,
) {
  if (!roleGrants(actor.role, 'contact.triage')) requireRole(actor, 'contact.decide')
  const now = clock.now()
  if (notice.toldAt.getTime() > now.getTime() + 60_000)
    throw new ContactStateError('The time you told the school must be in the past', 'told-day')
  return db.transaction().execute(async (trx) => {
    const facts = await noticeFacts(trx, contactChildId)
    if (!facts || facts.deleted_at !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
    if (facts.child_id === null) throw new ContactStateError("Find the child's record first.", 'school')
    const existing = await schoolNoticeOf(trx, contactChildId)
    if (existing.notice !== null)
      throw new ContactStateError('That the school was told is already recorded.', 'school')
    const id = await insertSchoolNotice(trx, {
      contact_child_id: contactChildId,
      school: notice.school,
      told_person: notice.toldPerson,
      told_at: notice.toldAt,
      method: notice.method,
      note: notice.note,
      told_by: actor.id,
      recorded_at: now,
    })
    await recordCaseEvent(trx, {
      childId: facts.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.school_told',
      occurredAt: notice.toldAt,
      summary: `School told of the police notification (Operation Encompass): ${notice.toldPerson} at ${notice.school}`,
      recordedBy: actor.id,
      attributes: { method: notice.method },
    })
    await recordAudit(trx, audit, {
      action: 'contact.school_notice',
      outcome: 'allowed',
      childId: facts.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { noticeId: id, method: notice.method },
    })
    return { id }
  })
}

/**
 * The school notice and its clock, and what the police said about the risk on a police
 * notification. Read by pages whose route has checked and audited the child.
 */
export async function viewSchoolNotice({ db }: FrontdoorDeps, contactChildId: number) {
  const [notice, facts] = await Promise.all([
    schoolNoticeOf(db, contactChildId),
    noticeFacts(db, contactChildId),
  ])
  const policeRisk: PoliceRisk | null =
    facts && isPoliceNotification(facts)
      ? {
          dashRisk: facts.dash_risk,
          maracReferral: facts.marac_referral,
          injuryMentioned: facts.injury_mentioned,
        }
      : null
  return { ...notice, policeRisk }
}

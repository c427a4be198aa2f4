/**
 * Emergency access ("break-glass", SEC-11 and SEC-12) and the alerts raised when staff try to open
 * their own or a relative's record (SEC-08). Break-glass is for a child who may be at risk when
 * nobody with a relationship can be reached: it gives four hours' view of one record, tells the
 * people responsible for the record at once, and puts the use on the data protection officer's
 * review queue, to be closed within five working days as justified, escalated or a breach.
 */
import { londonDate } from '../calendar/dates.js'
import { z } from 'zod'
import { recordAudit, type AuditContext } from '../audit/audit.js'
import { loadWorkingCalendar } from '../calendar/store.js'
import type { Db } from '../db/database.js'
import { allow, type Actor, type ChildRecord, type Decision } from './allow.js'
import { ROLE_RELATIONSHIPS } from './relationships.js'
import { insertNotifications, insertReview, responsibleFor, staffWithRole } from './review-store.js'
import { grantAccess } from './store.js'

/** How long a break-glass grant lasts (SEC-11's proposal). */
export const BREAK_GLASS_HOURS = 4
/** How long the data protection officer has to close a review (SEC-12's proposal). */
export const REVIEW_WORKING_DAYS = 5

export const BREAK_GLASS_REASONS = [
  { code: 'immediate_risk', label: 'A child may be at immediate risk of harm' },
  { code: 'out_of_hours', label: 'Out-of-hours emergency (emergency duty team)' },
  { code: 'worker_unavailable', label: 'The allocated worker and their manager cannot be reached' },
  { code: 'court_or_police', label: 'An urgent request from a court or the police' },
] as const

export const breakGlassSchema = z.object({
  reasonCode: z.enum(BREAK_GLASS_REASONS.map((r) => r.code) as [string, ...string[]], {
    message: 'Select why you need emergency access',
  }),
  reason: z
    .string({ message: 'Explain why you need emergency access' })
    .trim()
    .min(20, 'Explain why you need emergency access in at least 20 characters')
    .max(2000, 'Explanation must be 2,000 characters or fewer'),
})
export type BreakGlassRequest = z.infer<typeof breakGlassSchema>

export const REVIEW_OUTCOMES = [
  { code: 'justified', label: 'Justified: the access was needed' },
  { code: 'escalated', label: 'Escalated: refer to the Caldicott guardian or the person’s manager' },
  { code: 'breach', label: 'A breach: record it as a data protection incident' },
] as const

export const closeReviewSchema = z
  .object({
    outcome: z.enum(['justified', 'escalated', 'breach'], { message: 'Select the outcome of the review' }),
    note: z.string().trim().max(2000, 'Note must be 2,000 characters or fewer').optional(),
  })
  .refine((v) => v.outcome === 'justified' || (v.note ?? '') !== '', {
    message: 'Say what happens next when a review is escalated or found to be a breach',
    path: ['note'],
  })

/**
 * Whether the actor may break the glass on this record: their role allows emergency access, the
 * record is not deleted, and it is not their own or a relative's. A person who can open the record
 * already does not need to.
 */
export function mayBreakGlass(actor: Actor, record: ChildRecord, now: Date): Decision {
  const view = allow(actor, 'child.view', record, now)
  if (view.alert) return view
  if (!ROLE_RELATIONSHIPS[actor.role].includes('break_glass'))
    return { allowed: false, basis: null, reason: 'Your role does not include emergency access to records.' }
  if (record.deleted) return { allowed: false, basis: null, reason: 'This record has been deleted.' }
  return { allowed: true, basis: null, reason: 'Your role allows emergency access.' }
}

/**
 * Opens the record to the actor for four hours: the grant, its review, the alerts to the people
 * responsible for the record and the audit row commit together.
 */
export async function useEmergencyAccess(
  db: Db,
  actor: Actor & { displayName: string },
  record: ChildRecord,
  request: BreakGlassRequest,
  audit: AuditContext,
  now: Date,
): Promise<{ until: Date }> {
  const decision = mayBreakGlass(actor, record, now)
  if (!decision.allowed) throw new Error(decision.reason)
  const until = new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000)
  const calendar = await loadWorkingCalendar(db)
  const dueOn = calendar.addWorkingDays(londonDate(now.toISOString()), REVIEW_WORKING_DAYS)
  await db.transaction().execute(async (trx) => {
    const grantId = await grantAccess(trx, {
      childId: record.childId,
      userId: actor.id,
      basis: 'break_glass',
      grantedBy: actor.id,
      expiresAt: until,
      reason: `${request.reasonCode}: ${request.reason}`,
    })
    await insertReview(trx, {
      kind: 'break_glass',
      userId: actor.id,
      childId: record.childId,
      childAccessId: grantId,
      reasonCode: request.reasonCode,
      reason: request.reason,
      raisedAt: now,
      dueOn,
    })
    const told = (await responsibleFor(trx, record.childId, now)).filter((id) => id !== actor.id)
    await insertNotifications(
      trx,
      told.map((userId) => ({
        userId,
        kind: 'break_glass_used',
        childId: record.childId,
        message: `${actor.displayName} used emergency access to record ${record.childId}: “${request.reason}”`,
      })),
      now,
    )
    await recordAudit(trx, audit, {
      action: 'child.break_glass',
      outcome: 'allowed',
      childId: record.childId,
      recordType: 'child',
      recordId: record.childId,
      basis: 'break_glass',
      detail: { reasonCode: request.reasonCode, until: until.toISOString(), told },
    })
  })
  return { until }
}

/**
 * A member of staff tried to open their own record or a relative's: the data protection officer
 * reviews it, and every auditor is told. Written on its own, after the refusal's audit row.
 */
export async function raiseOwnRecordAttempt(
  db: Db,
  actor: Actor,
  childId: number,
  alert: 'own_record' | 'relative_record',
  audit: AuditContext,
  now: Date,
): Promise<void> {
  const calendar = await loadWorkingCalendar(db)
  const dueOn = calendar.addWorkingDays(londonDate(now.toISOString()), REVIEW_WORKING_DAYS)
  const what = alert === 'own_record' ? 'their own record' : 'a relative’s record'
  await db.transaction().execute(async (trx) => {
    await insertReview(trx, {
      kind: 'own_record_attempt',
      userId: actor.id,
      childId,
      childAccessId: null,
      reasonCode: alert,
      reason: null,
      raisedAt: now,
      dueOn,
    })
    await insertNotifications(
      trx,
      (await staffWithRole(trx, 'auditor')).map((userId) => ({
        userId,
        kind: 'own_record_attempt',
        childId,
        message: `${audit.username ?? 'A member of staff'} tried to open ${what} (record ${childId}).`,
      })),
      now,
    )
    await recordAudit(trx, audit, {
      action: 'child.own_record_attempt',
      outcome: 'denied',
      childId,
      recordType: 'child',
      recordId: childId,
      detail: { link: alert },
    })
  })
}

/**
 * Deciding several police domestic abuse notifications at once. A bulk decision is all or
 * nothing: every selected child gets their own rating, decision, case events and audit rows in
 * one transaction, or nothing is saved.
 */
import { z } from 'zod'
import type { ContactDecision, Rag, ThresholdLevel } from '../../platform/db/schema.js'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { REFERRER_FEEDBACK_CLOCK } from '../../platform/calendar/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  contactReference,
  decisionDepartsFromThreshold,
  decisionOption,
  RAG,
  referrerToTell,
  THRESHOLDS,
  type Code,
} from './model.js'
import {
  lockSelected,
  notificationRisks,
  policeNotificationRows,
  saveRatedDecision,
} from './partner-store.js'
import {
  bulkHoldBack,
  holdBackSentence,
  isPoliceNotification,
  type NotificationRisk,
} from './police-notifications.js'
import { NotAllowedError, type FrontdoorDeps } from './service-support.js'
import { childOfContactChild } from './store.js'

// ---------------------------------------------------------------------------------------------
// Police domestic abuse notifications, decided in bulk

/**
 * The decisions that may be made for several children at once. A referral, a strategy discussion
 * or a transfer needs the single-child decision page: a team or an authority for each child, and
 * a look at each child's history.
 */
export const BULK_DECISIONS: readonly ContactDecision[] = [
  'information_and_advice',
  'signpost',
  'no_further_action',
  'early_help',
]

const BULK_LIMIT = 50

export const bulkDecisionSchema = z
  .object({
    contactChildIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
      .pipe(
        z
          .array(z.string().regex(/^\d+$/, 'Select notifications from the list'))
          .min(1, 'Select at least one notification')
          .max(BULK_LIMIT, `Select ${BULK_LIMIT} notifications or fewer at a time`),
      )
      .transform((ids) => [...new Set(ids.map(Number))]),
    thresholdLevel: z
      .string({ error: 'Select the level of need' })
      .refine((v): v is ThresholdLevel => THRESHOLDS.some((t) => t.level === v), 'Select the level of need')
      .transform((v) => v as ThresholdLevel),
    rag: z
      .string({ error: 'Select the urgency (red, amber or green)' })
      .refine((v): v is Rag => RAG.some((r) => r.code === v), 'Select the urgency (red, amber or green)')
      .transform((v) => v as Rag),
    decision: z
      .string({ error: 'Select a decision' })
      .refine(
        (v): v is ContactDecision => (BULK_DECISIONS as readonly string[]).includes(v),
        'Select a decision from the list: a referral or strategy discussion is made on each child’s own decision page',
      )
      .transform((v) => v as ContactDecision),
    decisionReason: z
      .string()
      .trim()
      .max(4000, 'Reason must be 4,000 characters or fewer')
      .optional()
      .transform((v) => (v === undefined || v === '' ? null : v)),
    oversightNote: z
      .string({ error: 'Enter the management oversight note' })
      .trim()
      .min(1, 'Enter the management oversight note')
      .max(4000, 'Oversight note must be 4,000 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    // Refinements run even when a field above failed its own check: only judge what is valid.
    const levelKnown = THRESHOLDS.some((t) => t.level === v.thresholdLevel)
    const decisionKnown = (BULK_DECISIONS as readonly string[]).includes(v.decision)
    if (!decisionKnown) return
    if (v.decision === 'no_further_action' && v.decisionReason === null)
      ctx.addIssue({
        code: 'custom',
        path: ['decisionReason'],
        message: 'Enter the reason for no further action',
      })
    else if (
      levelKnown &&
      decisionDepartsFromThreshold(v.thresholdLevel, v.decision) &&
      v.decisionReason === null
    )
      ctx.addIssue({
        code: 'custom',
        path: ['decisionReason'],
        message: `This decision is outside the routes for level ${v.thresholdLevel} need: enter the reason for it`,
      })
  })

export type BulkDecisionInput = z.infer<typeof bulkDecisionSchema>

export const BULK_DECISION_OPTIONS: readonly Code<ContactDecision>[] = BULK_DECISIONS.map((code) => ({
  code,
  label: decisionOption(code).label,
}))

/** One or more selected children can no longer be decided here; nothing was saved. */
export class BulkDecisionError extends Error {
  constructor(readonly problems: { contactChildId: number; text: string }[]) {
    super(problems.map((p) => p.text).join(' '))
    this.name = 'BulkDecisionError'
  }
}

function requireRole(actor: Actor, action: 'contact.decide', now: Date): void {
  const decision = allow(actor, action, null, now)
  if (!decision.allowed) throw new NotAllowedError(decision.reason)
}

function nameOf(r: { given_name: string | null; family_name: string | null; described_name: string | null }) {
  return r.given_name !== null
    ? `${r.given_name} ${r.family_name ?? ''}`.trim()
    : (r.described_name ?? 'A child')
}

/** The bulk rule's view of a notification's risk, from its stored row. */
function riskOf(r: {
  dash_risk: NotificationRisk['dashRisk']
  injury_mentioned: boolean | null
  notifications_12m: number | string
}): NotificationRisk {
  return {
    dashRisk: r.dash_risk,
    injuryMentioned: r.injury_mentioned,
    // A count is a string from `pg` and a number from PGlite.
    notificationsIn12Months: Number(r.notifications_12m),
  }
}

/**
 * Police domestic abuse notifications whose child has been found and which wait for a decision,
 * oldest first, limited to the children the actor may open. Each says why it must go to
 * individual triage, if it must (`holdBack`).
 */
export async function policeNotifications(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  audit: AuditContext,
  limit = 200,
) {
  const now = clock.now()
  requireRole(actor, 'contact.decide', now)
  const rows = await policeNotificationRows(db, actor, now, limit)
  await recordAuditAlone(db, audit, {
    action: 'contact.police_notifications.view',
    outcome: 'allowed',
    recordType: 'queue',
    recordId: 'police_notifications',
    detail: { rows: rows.length },
  })
  return rows.map((r) => {
    const reasons = bulkHoldBack(riskOf(r))
    return {
      ...r,
      notifications12m: Number(r.notifications_12m),
      holdBack: reasons,
      holdBackText: holdBackSentence(reasons),
    }
  })
}

/**
 * Decides each selected child the same way: their level of need and urgency (as a rating does),
 * then the decision with the oversight note (as the single-child decision does). The rating and
 * the decision stop both decision clocks. If any child is no longer waiting, or may not be opened
 * by the actor, nothing is saved and the error names each one.
 */
export async function decidePoliceNotifications(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  input: BulkDecisionInput,
  audit: AuditContext,
) {
  const now = clock.now()
  requireRole(actor, 'contact.decide', now)
  if (!BULK_DECISIONS.includes(input.decision))
    throw new BulkDecisionError([
      { contactChildId: 0, text: 'That decision is made on each child’s own decision page.' },
    ])
  // Refusals are audited on their own, so that the rollback below cannot lose them.
  const denied: { contactChildId: number; text: string }[] = []
  for (const id of input.contactChildIds) {
    const childId = await childOfContactChild(db, id)
    if (!childId) continue // reported with the others below
    const record = await loadChildRecord(db, childId)
    const decision = allow(actor, 'child.view', record, now)
    if (!decision.allowed) {
      await recordAuditAlone(db, audit, {
        action: 'contact.decide',
        outcome: 'denied',
        childId,
        recordType: 'contact_child',
        recordId: id,
        detail: { reason: decision.reason, bulk: true },
      })
      denied.push({ contactChildId: id, text: `You cannot decide notification ${id}: ${decision.reason}` })
    }
  }
  if (denied.length > 0) throw new BulkDecisionError(denied)

  const option = decisionOption(input.decision)
  return db.transaction().execute(async (trx) => {
    const rows = await lockSelected(trx, input.contactChildIds)
    const problems: { contactChildId: number; text: string }[] = []
    for (const id of input.contactChildIds) {
      const row = rows.find((r) => r.id === id)
      if (!row || row.child_id === null || row.deleted_at !== null) {
        problems.push({ contactChildId: id, text: `Notification ${id} is not waiting for a decision.` })
        continue
      }
      const name = nameOf(row)
      if (row.status !== 'in_triage')
        problems.push({
          contactChildId: id,
          text: `${name} (${contactReference(row.contact_id)}) has already been decided or passed on.`,
        })
      else if (!isPoliceNotification(row))
        problems.push({
          contactChildId: id,
          text: `${name} (${contactReference(row.contact_id)}) is not a police domestic abuse notification.`,
        })
    }
    // The bulk rule, checked on what is stored whatever the form sent: a child with a high DASH
    // risk, a third notification in twelve months or a mentioned injury goes to individual triage.
    for (const risk of await notificationRisks(trx, input.contactChildIds)) {
      const row = rows.find((r) => r.id === risk.id)
      const why = holdBackSentence(bulkHoldBack(riskOf(risk)))
      if (row && why)
        problems.push({
          contactChildId: risk.id,
          text: `${nameOf(row)} (${contactReference(row.contact_id)}) cannot be decided with others. ${why}`,
        })
    }
    if (problems.length > 0) throw new BulkDecisionError(problems)

    for (const row of rows) {
      const childId = row.child_id as number
      await saveRatedDecision(trx, row.id, {
        thresholdLevel: input.thresholdLevel,
        rag: input.rag,
        decision: input.decision,
        decisionReason: input.decisionReason,
        oversightNote: input.oversightNote,
        by: actor.id,
        at: now,
      })
      await recordCaseEvent(trx, {
        childId,
        subjectType: 'contact',
        subjectId: row.id,
        type: 'contact.rated',
        occurredAt: now,
        summary: `Screened: level ${input.thresholdLevel} need, ${input.rag} urgency (police notifications decided together)`,
        recordedBy: actor.id,
        attributes: {
          urgency: input.rag,
          thresholdLevel: input.thresholdLevel,
          recommendation: row.recommendation,
          // The RAG clock counts from receipt, not from the rating (clock-definitions.json).
          receivedAt: row.received_at.toISOString(),
          bulk: true,
        },
      })
      await recordAudit(trx, audit, {
        action: 'contact.rate',
        outcome: 'allowed',
        childId,
        recordType: 'contact_child',
        recordId: row.id,
        detail: {
          thresholdLevel: input.thresholdLevel,
          rag: input.rag,
          changed: row.rag !== null,
          bulk: true,
        },
      })
      const decided = await recordCaseEvent(trx, {
        childId,
        subjectType: 'contact',
        subjectId: row.id,
        type: 'contact.decided',
        occurredAt: now,
        summary: `Decision: ${option.label.toLowerCase()} (police notifications decided together)`,
        recordedBy: actor.id,
        attributes: { decision: input.decision, referrer: referrerToTell(row.referral_source), bulk: true },
      })
      await assignClockTask(trx, REFERRER_FEEDBACK_CLOCK, decided, actor.id)
      await recordAudit(trx, audit, {
        action: 'contact.decide',
        outcome: 'allowed',
        childId,
        recordType: 'contact_child',
        recordId: row.id,
        detail: { decision: input.decision, referralId: null, bulk: true, children: rows.length },
      })
    }
    return { decided: rows.map((r) => ({ contactChildId: r.id, contactId: r.contact_id, name: nameOf(r) })) }
  })
}

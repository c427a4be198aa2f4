/**
 * Police domestic abuse notifications, several at once. A MASH social worker rates the children
 * selected and recommends the same low-level outcome for each, with their analysis; each
 * recommendation then waits for a manager, as a single child's does (issue 12), unless the
 * authority lets that outcome stand alone. All or nothing: every selected child gets their own
 * rating, recommendation, case events and audit rows in one transaction, or nothing is saved.
 */
import { z } from 'zod'
import type { ContactDecision, Rag, ThresholdLevel } from '../../platform/db/schema.js'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  LEVELS_DECIDED_TOGETHER,
  LOW_LEVEL_OUTCOMES,
  recommendationProblem,
  tickedContactChildren,
  type RecommendationInput,
} from './authorisation.js'
import { recommendWithin } from './decision-service.js'
import {
  contactReference,
  decisionDepartsFromThreshold,
  decisionOption,
  RAG,
  THRESHOLDS,
  type Code,
} from './model.js'
import { lockSelected, notificationRisks, policeNotificationRows } from './partner-store.js'
import {
  bulkHoldBack,
  holdBackSentence,
  isPoliceNotification,
  type NotificationRisk,
} from './police-notifications.js'
import {
  authoriseContactChild,
  ContactStateError,
  NotAllowedError,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import { saveRating } from './store.js'

// ---------------------------------------------------------------------------------------------
// Police domestic abuse notifications, decided in bulk

/**
 * The outcomes that may be recommended for several children at once: the low-level ones. A
 * referral, a strategy discussion or a transfer needs the single-child decision page: a team or an
 * authority for each child, and a look at each child's history.
 */
export const BULK_DECISIONS: readonly ContactDecision[] = LOW_LEVEL_OUTCOMES

export const bulkDecisionSchema = z
  .object({
    contactChildIds: tickedContactChildren('notifications'),
    thresholdLevel: z
      .string({ error: 'Select the level of need' })
      .refine((v): v is ThresholdLevel => THRESHOLDS.some((t) => t.level === v), 'Select the level of need')
      .refine(
        (v) => (LEVELS_DECIDED_TOGETHER as readonly string[]).includes(v),
        'Select level 1 or 2: a child at level 3 or 4 is decided on their own page',
      )
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
    rationale: z
      .string({ error: 'Enter your analysis: what you weighed and why this keeps the children safe' })
      .trim()
      .min(1, 'Enter your analysis: what you weighed and why this keeps the children safe')
      .max(4000, 'Your analysis must be 4,000 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    // Refinements run even when a field above failed its own check: only judge what is valid.
    // A level refused above (3 or 4) has its own message: do not also ask for a departure's reason.
    const levelKnown = (LEVELS_DECIDED_TOGETHER as readonly string[]).includes(v.thresholdLevel)
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
  requireRole(actor, 'contact.decide')
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
 * Rates each selected child the same way (their level of need and urgency, as a rating does) and
 * recommends the same outcome for each, with the social worker's analysis, as the single-child
 * recommendation does: each then waits for a manager on the authorisation queue, unless the
 * authority lets the outcome stand alone. The decision clocks run on until authorisation. If any
 * child is no longer waiting, may not be opened by the actor, or cannot take this outcome (the
 * family refused early help), nothing is saved and the error names each one.
 */
export async function recommendPoliceNotifications(
  deps: FrontdoorDeps,
  actor: Actor,
  input: BulkDecisionInput,
  audit: AuditContext,
) {
  const { db, clock } = deps
  requireRole(actor, 'contact.decide')
  if (!BULK_DECISIONS.includes(input.decision) || !LEVELS_DECIDED_TOGETHER.includes(input.thresholdLevel))
    throw new BulkDecisionError([
      { contactChildId: 0, text: 'That decision is made on each child’s own decision page.' },
    ])
  // Each child checked as a single child's recommendation is (`authoriseContactChild`): a refusal
  // is audited on its own, so the rollback below cannot lose it, and every one is listed.
  const denied: { contactChildId: number; text: string }[] = []
  for (const id of input.contactChildIds) {
    try {
      await authoriseContactChild(deps, actor, id, audit, {}) // a child not found: reported below
    } catch (err) {
      if (!(err instanceof NotAllowedError)) throw err
      denied.push({ contactChildId: id, text: `You cannot decide notification ${id}: ${err.message}` })
    }
  }
  if (denied.length > 0) throw new BulkDecisionError(denied)

  const now = clock.now()
  const recommendation: RecommendationInput = {
    decision: input.decision,
    decisionReason: input.decisionReason,
    transferAuthority: null,
    teamId: null,
    consentOverrideReason: null,
    rationale: input.rationale,
  }
  return db.transaction().execute(async (trx) => {
    const rows = await lockSelected(trx, input.contactChildIds)
    const problems: { contactChildId: number; text: string }[] = []
    for (const id of input.contactChildIds) {
      const row = rows.find((r) => r.id === id)
      if (!row || row.child_id === null || row.deleted_at !== null) {
        problems.push({ contactChildId: id, text: `Notification ${id} is not waiting for a decision.` })
        continue
      }
      const who = `${nameOf(row)} (${contactReference(row.contact_id)})`
      if (row.status !== 'in_triage')
        problems.push({ contactChildId: id, text: `${who} has already been decided or passed on.` })
      else if (!isPoliceNotification(row))
        problems.push({ contactChildId: id, text: `${who} is not a police domestic abuse notification.` })
      else {
        const problem = recommendationProblem(input.thresholdLevel, row.consent, recommendation)
        if (problem) problems.push({ contactChildId: id, text: `${who}: ${problem.message}.` })
      }
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

    let awaiting = 0
    for (const row of rows) {
      const childId = row.child_id as number
      await saveRating(trx, row.id, {
        thresholdLevel: input.thresholdLevel,
        rag: input.rag,
        recommendation: input.decision,
        ratedBy: actor.id,
        at: now,
      })
      await recordCaseEvent(trx, {
        childId,
        subjectType: 'contact',
        subjectId: row.id,
        type: 'contact.rated',
        occurredAt: now,
        summary: `Screened: level ${input.thresholdLevel} need, ${input.rag} urgency (police notifications screened together)`,
        recordedBy: actor.id,
        attributes: {
          urgency: input.rag,
          thresholdLevel: input.thresholdLevel,
          recommendation: input.decision,
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
      try {
        const result = await recommendWithin(trx, deps, actor, audit, row.id, recommendation, now)
        if (result.awaitingAuthorisation) awaiting += 1
      } catch (err) {
        if (!(err instanceof ContactStateError)) throw err
        throw new BulkDecisionError([
          {
            contactChildId: row.id,
            text: `${nameOf(row)} (${contactReference(row.contact_id)}): ${err.message}`,
          },
        ])
      }
    }
    return {
      recommended: rows.map((r) => ({ contactChildId: r.id, contactId: r.contact_id, name: nameOf(r) })),
      awaitingAuthorisation: awaiting,
    }
  })
}

/**
 * Closing an early help episode with the closure checklist (issue 15). Whoever may record on the
 * episode (the lead professional, the holding team and its manager) proposes the closure with the
 * checklist; it goes to the holding team's manager through the platform's sign-off step, and the
 * episode stays open until that manager or a service manager, never the proposer, authorises it.
 * On authorisation, in one transaction: the episode ends on the day (the injected clock) with its
 * coded reason, `earlyhelp.ended` stops its clocks and reads on the chronology as early help's,
 * the grants the episode gave (the lead professional's, the team around the family's and the
 * holding team's) end, each audited. Refusals are audited on their own.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import {
  closureSummaryView,
  reasonText,
  referralPrompted,
  type ClosureChecklist,
} from '../../platform/casework/closure.js'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord, revokeAccess } from '../../platform/permissions/store.js'
import type { SignOffDecision } from '../../platform/signoff/rule.js'
import {
  askSignOff,
  decideSignOff,
  signOffHistory,
  SignOffStateError,
} from '../../platform/signoff/service.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  authoriserRefusal,
  closureProblem,
  closureReasonText,
  EARLY_HELP_CLOSURE_REASONS,
  EH_CLOSURE_SUBJECT,
  endedRefusal,
  EPISODE_ENDED_EVENT,
} from './closure-model.js'
import * as closures from './closure-store.js'
import { EPISODE_SUBJECT } from './model.js'
import { leadLine, requireView, rightsFor, type EarlyHelpDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

/** The episode's state does not allow the step (a closure waits, it has been decided, it ended). */
export class ClosureStateError extends Error {
  constructor(
    message: string,
    readonly field = 'closureReason',
  ) {
    super(message)
    this.name = 'ClosureStateError'
  }
}

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`
const checklistOf = (c: { checklist: unknown }) => c.checklist as ClosureChecklist
const summaryOf = (c: { checklist: unknown }) =>
  closureSummaryView(checklistOf(c), EARLY_HELP_CLOSURE_REASONS)

/** A refusal (a permission, or the episode's state) audited on its own; the change rolled back. */
async function audited<T>(
  { db }: EarlyHelpDeps,
  audit: AuditContext,
  entry: { action: string; childId: () => number | null; recordId: () => number | null },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof NotAllowedError || err instanceof ClosureStateError)
      await recordAuditAlone(db, audit, {
        action: entry.action,
        outcome: 'denied',
        childId: entry.childId(),
        recordType: EH_CLOSURE_SUBJECT,
        recordId: entry.recordId(),
        detail: { reason: err instanceof NotAllowedError ? err.reason : err.message },
      })
    throw err
  }
}

/** The episode's closures for its page: what waits, what was returned, how it ended; and whether this person may close it. */
export async function episodeClosure({ db }: EarlyHelpDeps, actor: Actor, episodeId: number) {
  const episode = await store.episode(db, episodeId)
  if (!episode) throw new NotFoundError(`No episode ${episodeId}`)
  const all = await closures.closuresOf(db, [episodeId])
  const awaiting = all.find((c) => c.status === 'awaiting') ?? null
  const latest = all[0] ?? null
  const authorised = all.find((c) => c.status === 'authorised') ?? null
  return {
    awaiting,
    returned: latest?.status === 'returned' ? latest : null,
    authorised,
    ended: episode.status === 'ended',
    // An episode ended another way (a step up) has its reason without a closure.
    endReasonText: authorised
      ? reasonText(checklistOf(authorised), EARLY_HELP_CLOSURE_REASONS)
      : closureReasonText(episode.end_reason),
    summary: authorised ? summaryOf(authorised) : null,
    canClose: rightsFor(actor, episode).record && closureProblem(episode, awaiting !== null) === null,
  }
}
export type EpisodeClosure = Awaited<ReturnType<typeof episodeClosure>>

/** The record panel's episodes, each with its closure waiting or how it ended. */
export async function withClosures<E extends { id: number }>(
  { db }: EarlyHelpDeps,
  panel: { canStart: boolean; episodes: E[] } | null,
) {
  if (!panel) return null
  const all = await closures.closuresOf(
    db,
    panel.episodes.map((e) => e.id),
  )
  return {
    ...panel,
    episodes: panel.episodes.map((e) => {
      const mine = all.filter((c) => c.episode_id === e.id)
      const authorised = mine.find((c) => c.status === 'authorised')
      return {
        ...e,
        closureAwaiting: mine.find((c) => c.status === 'awaiting') ?? null,
        closure: authorised
          ? { id: authorised.id, reasonText: reasonText(checklistOf(authorised), EARLY_HELP_CLOSURE_REASONS) }
          : null,
      }
    }),
  }
}

/** The proposer's form: the episode and its child, the returned closure to start from, and why it cannot be proposed. */
export async function closureForm(deps: EarlyHelpDeps, actor: Actor, episodeId: number) {
  const episode = await store.episode(deps.db, episodeId)
  if (!episode) throw new NotFoundError(`No episode ${episodeId}`)
  const [child] = await store.childrenNamed(deps.db, [episode.child_id])
  if (!child) throw new NotFoundError(`No child ${episode.child_id}`)
  const state = await episodeClosure(deps, actor, episodeId)
  return {
    episode,
    childName: fullName(child),
    state,
    rights: rightsFor(actor, episode),
    problem: closureProblem(episode, state.awaiting !== null),
  }
}

/**
 * The lead professional or the holding team proposes closing the episode with the checklist:
 * saved and sent to the holding team's manager. Refused when the person may not record on the
 * episode, the episode has ended, or a closure already waits.
 */
export async function proposeClosure(
  deps: EarlyHelpDeps,
  step: { actor: Actor; id: number; childId: number; audit: AuditContext },
  checklist: ClosureChecklist,
): Promise<{ closureId: number }> {
  const { db, clock } = deps
  return audited(
    deps,
    step.audit,
    { action: 'eh_closure.propose', childId: () => step.childId, recordId: () => null },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const episode = await store.lockEpisode(trx, step.id)
        if (!episode) throw new NotFoundError(`No episode ${step.id}`)
        const basis = await requireView(trx, step.actor, episode.child_id, now)
        if (episode.status === 'ended') throw new NotAllowedError(endedRefusal(episode.ended_on))
        if (!rightsFor(step.actor, episode).record)
          throw new NotAllowedError(
            'Only the lead professional and the early help team holding this episode propose its closure.',
          )
        const problem = closureProblem(episode, (await closures.awaitingOn(trx, episode.id)) !== undefined)
        if (problem) throw new ClosureStateError(problem)
        const prompted = referralPrompted(checklist)
        const closureId = await closures.insertClosure(trx, {
          episodeId: episode.id,
          childId: episode.child_id,
          checklist,
          referralPrompted: prompted,
          by: step.actor.id,
          at: now,
        })
        const team = await store.team(trx, episode.team_id)
        const reason = closureReasonText(checklist.reasonCode)
        await askSignOff(trx, {
          subjectType: EH_CLOSURE_SUBJECT,
          subjectId: closureId,
          childId: episode.child_id,
          askedBy: step.actor.id,
          at: now,
          summary: `Closure of the early help episode: ${reason}${prompted ? ' (consent withdrawn, risks unchanged)' : ''}`,
          managerId: team?.manager_id ?? null,
        })
        await recordCaseEvent(trx, {
          childId: episode.child_id,
          subjectType: EPISODE_SUBJECT,
          subjectId: episode.id,
          type: 'earlyhelp.closure_proposed',
          occurredAt: now,
          summary: `Closure of the early help episode proposed: ${reason}.${episode.lead_agency ? leadLine(episode.lead_agency) : ''}`,
          recordedBy: step.actor.id,
          attributes: { closureId, reasonCode: checklist.reasonCode, referralPrompted: prompted },
        })
        await recordAudit(trx, step.audit, {
          action: 'eh_closure.propose',
          outcome: 'allowed',
          childId: episode.child_id,
          recordType: EH_CLOSURE_SUBJECT,
          recordId: closureId,
          basis,
          detail: { episodeId: episode.id, reasonCode: checklist.reasonCode, referralPrompted: prompted },
        })
        return { closureId }
      }),
  )
}

/** Everything the closure's pages show. The route's subject has checked and audited the view. */
export async function viewClosure({ db }: EarlyHelpDeps, actor: Actor, closureId: number) {
  const closure = await closures.loadClosure(db, closureId)
  if (!closure) throw new NotFoundError(`No early help closure ${closureId}`)
  const [episode, signOffs] = await Promise.all([
    store.episode(db, closure.episode_id),
    signOffHistory(db, EH_CLOSURE_SUBJECT, closureId),
  ])
  if (!episode) throw new NotFoundError(`No episode ${closure.episode_id}`)
  const awaiting = signOffs.find((s) => s.status === 'awaiting') ?? null
  return {
    closure,
    childName: fullName(closure),
    episode,
    summary: summaryOf(closure),
    signOffs,
    awaiting,
    mine: awaiting?.asked_by === actor.id,
    /** Whether this person may decide it (the route's access and the sign-off rule decide in the end). */
    mayDecide:
      awaiting !== null && awaiting.asked_by !== actor.id && authoriserRefusal(episode, actor) === null,
  }
}
export type ClosureView = Awaited<ReturnType<typeof viewClosure>>

/** Ends the grants the episode gave, each revoked and audited: the lead's, the members', the team's. */
async function endGrants(
  trx: Trx,
  audit: AuditContext,
  episode: NonNullable<Awaited<ReturnType<typeof store.lockEpisode>>>,
  closureId: number,
) {
  const reason = `Early help episode ${episode.id} closed`
  const grants = [
    ...(episode.lead_grant_id !== null ? [{ id: episode.lead_grant_id, what: 'lead_professional' }] : []),
    ...(await closures.memberGrants(trx, episode.id)).map((g) => ({ id: g.id, what: 'taf_member' })),
    ...(episode.team_grant_id !== null ? [{ id: episode.team_grant_id, what: 'holding_team' }] : []),
  ]
  const seen = new Set<number>()
  for (const g of grants) {
    if (seen.has(g.id)) continue
    seen.add(g.id)
    await revokeAccess(trx, g.id, reason)
    await recordAudit(trx, audit, {
      action: 'child_access.revoke',
      outcome: 'allowed',
      childId: episode.child_id,
      recordType: 'child_access',
      recordId: g.id,
      detail: { episodeId: episode.id, closureId, grant: g.what, reason },
    })
  }
}

/**
 * The holding team's manager or a service manager authorises the closure (the episode ends now)
 * or returns it with the reason. The sign-off rule refuses the proposer; a second manager deciding
 * at the same moment waits on the lock and is told it has been decided.
 */
export async function decideClosure(
  deps: EarlyHelpDeps,
  actor: Actor,
  closureId: number,
  decision: SignOffDecision,
  audit: AuditContext,
): Promise<{ outcome: 'authorised' | 'returned'; episodeId: number; stillSees: boolean }> {
  const { db, clock } = deps
  let childId: number | null = null
  return audited(
    deps,
    audit,
    { action: 'eh_closure.authorise', childId: () => childId, recordId: () => closureId },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const closure = await closures.lockClosure(trx, closureId)
        if (!closure) throw new NotFoundError(`No early help closure ${closureId}`)
        childId = closure.child_id
        // Decided first: the manager who loses a race has lost the team's grant with it, and should
        // be told it was decided, not that they have no link to the child.
        if (closure.status !== 'awaiting')
          throw new ClosureStateError('This closure has already been decided.', 'outcome')
        const episode = await store.lockEpisode(trx, closure.episode_id)
        if (!episode) throw new NotFoundError(`No episode ${closure.episode_id}`)
        const basis = await requireView(trx, actor, closure.child_id, now)
        const refusal = authoriserRefusal(episode, actor)
        if (refusal) throw new NotAllowedError(refusal)
        let decided
        try {
          decided = await decideSignOff(trx, actor, {
            subjectType: EH_CLOSURE_SUBJECT,
            subjectId: closureId,
            at: now,
            decision,
            what: 'the closure of this early help episode',
          })
        } catch (err) {
          if (err instanceof SignOffStateError) throw new ClosureStateError(err.message, 'outcome')
          throw err
        }
        const authorised = decided.outcome === 'authorised'
        const reason = reasonText(checklistOf(closure), EARLY_HELP_CLOSURE_REASONS)
        const lead = episode.lead_agency ? leadLine(episode.lead_agency) : ''
        if (authorised) {
          if (episode.status === 'ended')
            throw new ClosureStateError(endedRefusal(episode.ended_on), 'outcome')
          const endedOn = londonToday(now)
          await closures.endEpisode(trx, episode.id, { endedOn, reason: closure.reason_code })
          await endGrants(trx, audit, episode, closureId)
          await recordCaseEvent(trx, {
            childId: closure.child_id,
            subjectType: EPISODE_SUBJECT,
            subjectId: episode.id,
            type: EPISODE_ENDED_EVENT,
            occurredAt: now,
            summary: `Early help episode ended on ${longDate(endedOn)}: ${reason}.${lead}`,
            recordedBy: actor.id,
            attributes: { closureId, reasonCode: closure.reason_code, signOffId: decided.signOffId },
          })
        } else
          await recordCaseEvent(trx, {
            childId: closure.child_id,
            subjectType: EPISODE_SUBJECT,
            subjectId: episode.id,
            type: 'earlyhelp.closure_returned',
            occurredAt: now,
            summary: `Closure of the early help episode returned for more work.${lead}`,
            recordedBy: actor.id,
            attributes: { closureId, signOffId: decided.signOffId },
          })
        await closures.markDecided(trx, closureId, {
          status: authorised ? 'authorised' : 'returned',
          by: actor.id,
          at: now,
        })
        await recordAudit(trx, audit, {
          action: authorised ? 'eh_closure.authorise' : 'eh_closure.return',
          outcome: 'allowed',
          childId: closure.child_id,
          recordType: EH_CLOSURE_SUBJECT,
          recordId: closureId,
          basis,
          detail: { episodeId: episode.id, signOffId: decided.signOffId, reasonCode: closure.reason_code },
        })
        const after = allow(actor, 'child.view', await loadChildRecord(trx, closure.child_id), now)
        return { outcome: decided.outcome, episodeId: episode.id, stillSees: after.allowed }
      }),
  )
}

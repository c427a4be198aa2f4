/**
 * Step-up and step-down (issue 15), each one transaction with its case event and audit rows, the
 * time from the injected clock.
 *
 * - **Step-up.** Whoever records on the episode (the lead professional, the holding team and its
 *   manager) asks for children's social care: the front door's service records a contact for the
 *   child from early help (source 5D), its reason followed by the episode as it stands
 *   (`carriedSummary`), and the episode keeps the step-up with the front door's decision as it
 *   comes. One step-up waits for the front door at a time. The episode stays open: early help closes
 *   it, or carries on, once the front door has decided.
 * - **Step-down.** A social care closure that steps down (protection's `protection_step_down_v`)
 *   waits for the manager of an early help team, who takes it up with the family's consent as they
 *   take up the front door's decisions. The episode starts with the child in need plan's outcomes
 *   as its family plan's objectives, unscored until the lead professional's first review.
 */
import { auditingRefusal, type AuditContext } from '../../platform/audit/audit.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordStepUpContact } from '../frontdoor/contact-service.js'
import { DECISIONS, labelOf } from '../frontdoor/model.js'
import { type StartInput } from './model.js'
import {
  EpisodeChangedError,
  event,
  onEpisode,
  takesFrontDoor,
  viewEpisode,
  writeEpisode,
  type EarlyHelpDeps,
  type Step,
} from './service.js'
import { StepStateError } from './model.js'
import { carriedSummary, objectiveFromOutcome, stepUpReason, type StepUpInput } from './step-model.js'
import * as steps from './step-store.js'
import * as store from './store.js'

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`

/** A step-up the front door has not yet decided on (one routed to an allocated worker is theirs). */
const waiting = (s: { status: string }) =>
  s.status === 'awaiting_match' || s.status === 'in_triage' || s.status === 'awaiting_authorisation'

/** The episode's step-ups and, for a step-down, the closure it came from: for the episode's page. */
export async function episodeSteps(
  { db }: EarlyHelpDeps,
  episode: { id: number; case_closure_id: number | null },
) {
  const [ups, down] = await Promise.all([
    steps.stepUpsOf(db, episode.id),
    episode.case_closure_id === null ? null : steps.stepDown(db, episode.case_closure_id),
  ])
  const stepUps = ups.map((s) => ({
    ...s,
    waiting: waiting(s),
    decisionText: labelOf(DECISIONS, s.decision),
  }))
  // The latest step-up became a referral: social care leads now, so early help may close.
  const referred = DECISIONS.find((d) => d.code === stepUps[0]?.decision)?.createsReferral === true
  return { stepUps, waitingStepUp: stepUps.some((s) => s.waiting), referred, stepDown: down ?? null }
}

/** What the step-up form shows: the episode (as its page read it) as it would be carried, and whether one waits. */
export async function stepUpPreview({ db }: EarlyHelpDeps, shown: EpisodeView) {
  const ups = await steps.stepUpsOf(db, shown.episode.id)
  return { carried: episodeSoFar(shown), waiting: ups.find(waiting) ?? null }
}

type EpisodeView = Awaited<ReturnType<typeof viewEpisode>>

/** The episode as the step-up carries it. */
function episodeSoFar(v: EpisodeView) {
  return carriedSummary({
    startedOn: v.episode.started_on,
    teamName: v.episode.team_name,
    lead: v.episode.lead_name ? { name: v.episode.lead_name, agency: v.episode.lead_agency } : null,
    assessment: v.assessment
      ? {
          needs: v.assessment.needs,
          strengths: v.assessment.strengths,
          childVoice: v.assessment.child_voice,
          completedOn: v.assessment.completed_on,
        }
      : null,
    objectives: v.objectives.map((o) => ({
      objective: o.objective,
      measure: o.measure,
      start: o.movement.start,
      latest: o.movement.latest,
      target: o.target_score,
    })),
    interventions: v.interventions.map((i) => ({
      kind: i.kind,
      planned: i.counts.planned,
      delivered: i.counts.delivered,
      notAttended: i.counts.notAttended,
    })),
    members: v.members,
    meetings: v.meetings.map((m) => ({ heldOn: m.held_on })),
    alerts: v.alerts.map((a) => a.text),
  })
}

/** Asks the front door for children's social care's involvement, carrying the episode across. */
export async function stepUp(deps: EarlyHelpDeps, step: Step, input: StepUpInput) {
  return onEpisode(deps, step, 'earlyhelp.step_up', 'record', async (trx, episode, now) => {
    const pending = (await steps.stepUpsOf(trx, episode.id)).find(waiting)
    if (pending)
      throw new StepStateError(
        `The front door is already considering this child’s step-up (contact ${pending.contact_id}): wait for its decision.`,
      )
    const carried = episodeSoFar(await viewEpisode({ db: trx, clock: deps.clock }, step.actor, episode.id))
    const who = await steps.userName(trx, step.actor.id)
    const contact = await recordStepUpContact(
      trx,
      step.actor,
      {
        childId: episode.child_id,
        reason: stepUpReason(input.reason, carried),
        consent: input.consent,
        consentReason: input.consentReason,
        referrerName: who,
        referrerRole:
          episode.lead_user_id === step.actor.id ? 'Early help lead professional' : 'Early help team',
      },
      now,
      step.audit,
    )
    await steps.insertStepUp(trx, {
      episodeId: episode.id,
      contactChildId: contact.contactChildId,
      reason: input.reason,
      carried,
      by: step.actor.id,
      at: now,
    })
    await event(
      trx,
      episode,
      step.actor.id,
      'earlyhelp.stepped_up',
      'Stepped up: early help asked the front door for children’s social care, with the episode so far.',
      now,
      { contactId: contact.contactId, contactChildId: contact.contactChildId },
    )
    return contact
  })
}

// ---------------------------------------------------------------------------------------------
// Step-down

/** A step-down for its take-up form: the child, the teams, the note and the outcomes carried. */
export async function stepDownContext({ db }: EarlyHelpDeps, actor: Actor, closureId: number) {
  const row = await steps.stepDown(db, closureId)
  if (!row) throw new NotFoundError('No such step-down')
  const teams = await takesFrontDoor(db, actor)
  const problem =
    row.episode_id !== null
      ? 'Early help has already started an episode from this step-down.'
      : teams.length === 0
        ? 'Only the manager of an early help team takes up a step-down.'
        : null
  return {
    child: { id: row.child_id, name: fullName(row) },
    teams,
    problem,
    stepDown: {
      note: row.step_down_note,
      socialWorker: row.social_worker_name,
      closedAt: row.closed_at,
      outcomes: await steps.cinOutcomes(db, row.cin_plan_id),
    },
  }
}

/**
 * An early help team's manager takes up a step-down with the family's consent: the episode starts
 * (origin `step_down`) with the child in need plan's outcomes as its objectives.
 */
export async function startFromStepDown(
  { db, clock }: EarlyHelpDeps,
  actor: Actor,
  closureId: number,
  input: StartInput,
  audit: AuditContext,
): Promise<number> {
  const row = await steps.stepDown(db, closureId)
  return auditingRefusal(
    db,
    audit,
    {
      action: 'earlyhelp.start',
      childId: row?.child_id ?? null,
      recordType: 'case_closure',
      recordId: closureId,
    },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const teams = await takesFrontDoor(trx, actor)
        if (!teams.some((t) => t.id === input.teamId))
          throw new StepStateError('Only the manager of an early help team takes up a step-down.', 'team')
        const again = await steps.stepDown(trx, closureId)
        if (!again || again.episode_id !== null) throw new EpisodeChangedError()
        const id = await writeEpisode(
          trx,
          actor,
          { childId: again.child_id, origin: 'step_down', contactChildId: null, caseClosureId: closureId },
          input,
          now,
          audit,
          'early_help_team_manager',
        )
        const outcomes = await steps.cinOutcomes(trx, again.cin_plan_id)
        for (const o of outcomes) await store.addObjective(trx, id, objectiveFromOutcome(o), actor.id, now)
        const episode = { id, child_id: again.child_id, lead_agency: null }
        await event(
          trx,
          episode,
          actor.id,
          'earlyhelp.stepped_down',
          outcomes.length
            ? `Stepped down from children’s social care: the child in need plan’s ${outcomes.length === 1 ? 'outcome is' : `${outcomes.length} outcomes are`} the family plan’s first objectives.`
            : 'Stepped down from children’s social care.',
          now,
          { closureId, objectives: outcomes.length },
        )
        return id
      }),
  )
}

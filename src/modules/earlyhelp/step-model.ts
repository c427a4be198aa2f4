/**
 * Step-up and step-down between early help and children's social care (issue 15), pure. The
 * Serious Case Review (seed 001, F3–F5) saw a family move between early help and social care with
 * no plan carried across: each service started again. So a step-up sends the front door the
 * episode as it stands (the assessment, the family plan and its scores, the interventions, the
 * team around the family), and a step-down starts early help's family plan from the child in need
 * plan's outcomes. The forms and the summary here; the writes are step-service.ts's.
 */
import { z } from 'zod'
import { longDate } from '../../platform/calendar/dates.js'
import { LONG_ANSWER_MAX } from '../../platform/http/form.js'
import { CONSENT, consentReasonMissing } from '../frontdoor/model.js'
import { agencyText } from './model.js'

const LONG_MAX_TEXT = LONG_ANSWER_MAX.toLocaleString('en-GB')
const longText = (missing: string, label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v !== '', missing)
    .refine((v) => v.length <= LONG_ANSWER_MAX, `${label} must be ${LONG_MAX_TEXT} characters or fewer`)

/** The family's consent to a step-up: the front door's own codes, with the reason some need. */
export const STEP_UP_CONSENT = CONSENT

export interface StepUpInput {
  reason: string
  consent: (typeof CONSENT)[number]['code']
  consentReason: string | null
}

/** Asking for social care's involvement: what has changed, and the family's consent. */
export const stepUpSchema = z
  .object({
    reason: longText(
      'Enter what has changed and why the child needs children’s social care',
      'What has changed',
    ),
    consent: z
      .string()
      .optional()
      .transform((v) => v ?? '')
      .refine(
        (v): v is StepUpInput['consent'] => CONSENT.some((c) => c.code === v),
        'Select whether the family consented to the step-up',
      ),
    consentReason: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim())
      .refine(
        (v) => v.length <= LONG_ANSWER_MAX,
        `The reason about consent must be ${LONG_MAX_TEXT} characters or fewer`,
      ),
  })
  .transform((v, ctx): StepUpInput => {
    const missing = consentReasonMissing(v.consent, v.consentReason)
    if (missing) ctx.addIssue({ code: 'custom', path: ['consentReason'], message: missing })
    return {
      reason: v.reason,
      consent: v.consent as StepUpInput['consent'],
      consentReason: v.consentReason || null,
    }
  })

/** The episode as the step-up carries it: what early help knows and has done. */
export interface EpisodeSoFar {
  startedOn: string
  teamName: string
  lead: { name: string; agency: string | null } | null
  assessment: { needs: string; strengths: string; childVoice: string; completedOn: string | null } | null
  objectives: readonly {
    objective: string
    measure: string
    start: number | null
    latest: number | null
    target: number
  }[]
  interventions: readonly { kind: string; planned: number; delivered: number; notAttended: number }[]
  members: readonly { name: string; agency: string; role: string }[]
  meetings: readonly { heldOn: string }[]
  alerts: readonly string[]
}

const clip = (s: string, max = 1500) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

/**
 * The summary of the episode sent to the front door with the step-up, in plain sentences, so the
 * screener reads the family's early help without another system: who led it, what the assessment
 * found, each objective's scores against its target, what was delivered of what was planned, the
 * team around the family and its meetings, and the alerts standing.
 */
export function carriedSummary(e: EpisodeSoFar): string {
  const out: string[] = []
  out.push(
    `Early help since ${longDate(e.startedOn)}, held by ${e.teamName}; ${
      e.lead
        ? `lead professional ${e.lead.name} (${agencyText(e.lead.agency)})`
        : 'no lead professional allocated'
    }.`,
  )
  const a = e.assessment
  if (!a) out.push('Early help assessment: not started.')
  else {
    out.push(
      a.completedOn
        ? `Early help assessment completed on ${longDate(a.completedOn)}.`
        : 'Early help assessment: in progress.',
    )
    if (a.needs) out.push(`Needs: ${clip(a.needs)}`)
    if (a.strengths) out.push(`Strengths: ${clip(a.strengths)}`)
    if (a.childVoice) out.push(`The child’s voice: ${clip(a.childVoice)}`)
  }
  if (e.objectives.length === 0) out.push('Family plan: no objectives recorded.')
  else {
    out.push('Family plan (scores out of 10):')
    for (const o of e.objectives)
      out.push(
        `- ${clip(o.objective, 500)} (${o.measure}): ${
          o.start === null ? 'not scored' : `${o.start} at the start, ${o.latest} now`
        }, target ${o.target}.`,
      )
  }
  if (e.interventions.length)
    out.push(
      `Interventions: ${e.interventions
        .map(
          (i) =>
            `${i.kind}, ${i.delivered} of ${i.planned} sessions delivered${i.notAttended ? `, ${i.notAttended} not attended` : ''}`,
        )
        .join('; ')}.`,
    )
  if (e.members.length)
    out.push(
      `Team around the family: ${e.members.map((m) => `${m.name}, ${m.role} (${m.agency})`).join('; ')}.`,
    )
  const last = [...e.meetings].sort((x, y) => (x.heldOn < y.heldOn ? 1 : -1))[0]
  out.push(
    last
      ? `${e.meetings.length} team around the family meeting${e.meetings.length === 1 ? '' : 's'}, the last on ${longDate(last.heldOn)}.`
      : 'No team around the family meeting held.',
  )
  if (e.alerts.length) out.push(`Alerts standing: ${e.alerts.map((a) => a.replace(/\.$/, '')).join('; ')}.`)
  return out.join('\n')
}

/** The contact's reason: why now, then the episode as it stood, kept within the contact's limit. */
export function stepUpReason(reason: string, carried: string): string {
  const text = `${reason}\n\nStepped up from early help. The episode so far:\n${carried}`
  return text.length > LONG_ANSWER_MAX ? `${text.slice(0, LONG_ANSWER_MAX - 1)}…` : text
}

/** A child in need plan's outcome as early help's family plan carries it on a step-down. */
export interface CarriedOutcome {
  outcome: string
  actions: number
  delivered: number
}

/** The objective a step-down starts with, from one of the plan's outcomes. */
export function objectiveFromOutcome(o: CarriedOutcome): {
  objective: string
  measure: string
  targetScore: number
} {
  return {
    objective: o.outcome,
    measure:
      o.actions === 0
        ? 'Carried from the child in need plan'
        : `Carried from the child in need plan (${o.delivered} of ${o.actions} actions delivered)`,
    targetScore: 10,
  }
}

/**
 * The second pair of eyes on a front-door decision (issue 12). A MASH social worker recommends;
 * a manager authorises or returns the recommendation with a reason; the recommender can never
 * authorise their own. An authority may let some low-level outcomes stand on the recommender's
 * word (`reference/frontdoor/authorisation.json`), never at level 3 or 4. At level 4 the route is
 * a strategy discussion unless the manager writes down why not. Early help needs the family's
 * agreement; a referral against their refusal says why consent was overridden. Pure: no I/O.
 */
import { z } from 'zod'
import settingsFile from '../../../reference/frontdoor/authorisation.json' with { type: 'json' }
import type { ContactDecision, ContactTable, ThresholdLevel } from '../../platform/db/schema.js'
import { shortAnswer } from '../../platform/http/form.js'
import { withReveals } from '../../platform/http/revealed.js'
import {
  mayAuthorise as mayAuthoriseSignOff,
  OVERSIGHT_MIN as SIGN_OFF_OVERSIGHT_MIN,
  signOffRefusal,
} from '../../platform/signoff/rule.js'
import { roleGrants, ROLES, type Role } from '../../platform/permissions/roles.js'
import { DECISIONS, decisionDepartsFromThreshold, decisionOption } from './model.js'

export interface AuthorisationSettings {
  /** Roles that may authorise a recommendation: team manager or above, as the authority sets. */
  authoriserRoles: readonly Role[]
  /** Outcomes a recommender may decide alone at levels 1 and 2 (none by default). */
  decideAlone: readonly ContactDecision[]
}

/**
 * The low-level outcomes: none of them opens a referral. Only these may ever stand without a
 * second person, and only these are recommended or authorised for several children at once.
 */
export const LOW_LEVEL_OUTCOMES: readonly ContactDecision[] = [
  'no_further_action',
  'information_and_advice',
  'signpost',
  'early_help',
]

/** Checks an authority's settings: unknown roles or outcomes fail at start, not at a decision. */
export function readAuthorisationSettings(raw: unknown): AuthorisationSettings {
  const parsed = z
    .object({
      authoriserRoles: z.array(z.enum(ROLES)).min(1),
      decideAlone: z.array(z.enum(LOW_LEVEL_OUTCOMES as [ContactDecision, ...ContactDecision[]])),
    })
    .parse(raw)
  for (const role of parsed.authoriserRoles)
    if (!roleGrants(role, 'contact.decide'))
      throw new Error(`authorisation.json: the ${role} role cannot decide contacts, so cannot authorise them`)
  return parsed
}

export const AUTHORISATION: AuthorisationSettings = readAuthorisationSettings(settingsFile)

/** Levels at which every decision needs a second person, whatever the authority sets. */
const ALWAYS_AUTHORISED: readonly ThresholdLevel[] = ['3', '4']

/** Whether a decision must wait for a manager, or may stand on the recommender's word. */
export function needsSecondPerson(
  level: ThresholdLevel,
  decision: ContactDecision,
  settings: AuthorisationSettings,
): boolean {
  if (ALWAYS_AUTHORISED.includes(level)) return true
  return !settings.decideAlone.includes(decision)
}

/** Levels a decision for several children at once may be made at: a child at 3 or 4 is seen alone. */
export const LEVELS_DECIDED_TOGETHER: readonly ThresholdLevel[] = ['1', '2']

/**
 * Why a recommendation cannot be authorised together with others (with one oversight note for
 * all), or null when it can: only low-level outcomes at level 1 or 2. Everything else is
 * authorised on its own page, where the manager reads the child's history.
 */
export function notTogetherBecause(level: ThresholdLevel | null, decision: ContactDecision): string | null {
  if (level === null || !LEVELS_DECIDED_TOGETHER.includes(level))
    return `is at level ${level ?? 'not set'}: authorise it on its own page`
  if (!LOW_LEVEL_OUTCOMES.includes(decision))
    return `is recommended for ${decisionOption(decision).label.toLowerCase()}: authorise it on its own page`
  return null
}

export function mayAuthorise(role: Role, settings: AuthorisationSettings): boolean {
  return mayAuthoriseSignOff(role, settings.authoriserRoles)
}

/**
 * Why this person may not authorise (or return) this recommendation, or null when they may: the
 * platform's one sign-off rule (platform/signoff/rule.ts) with the front door's roles, in its words.
 */
export function authorisationRefusal(
  actor: { id: number; role: Role },
  recommendedBy: number,
  settings: AuthorisationSettings,
): string | null {
  const refusal = signOffRefusal(actor, recommendedBy, settings.authoriserRoles)
  if (refusal === 'not_an_authoriser') return 'Only a manager can authorise a front-door decision.'
  if (refusal === 'own_request') return 'You recommended this decision, so another manager must authorise it.'
  return null
}

/** At significant harm, anything but a strategy discussion (or a transfer, which opens one here first). */
export function departsFromProtection(level: ThresholdLevel, decision: ContactDecision): boolean {
  return level === '4' && decision !== 'strategy_discussion' && decision !== 'transfer'
}

/** A transfer from level 4 opens the strategy discussion here: where the child is found has the duty. */
export function transferOpensStrategyDiscussion(level: ThresholdLevel, decision: ContactDecision): boolean {
  return level === '4' && decision === 'transfer'
}

export type ConsentProblem =
  { kind: 'early_help_refused'; message: string } | { kind: 'override_reason_needed'; message: string }

/**
 * Consent to the referral, as recorded on the contact, against the decision. Early help is
 * offered with the family's agreement, so a refusal rules it out; a referral or a strategy
 * discussion may go ahead against a refusal, saying why consent is overridden.
 */
export function consentProblem(
  consent: ContactTable['consent'],
  decision: ContactDecision,
  overrideReason: string | null,
): ConsentProblem | null {
  if (consent !== 'refused') return null
  if (decision === 'early_help')
    return {
      kind: 'early_help_refused',
      message:
        'The family refused consent, so early help cannot be offered: choose no further action with a reason, or a referral with the reason consent is overridden',
    }
  if (decisionOption(decision).createsReferral && overrideReason === null)
    return {
      kind: 'override_reason_needed',
      message: 'The family refused consent: enter why the referral goes ahead without it',
    }
  return null
}

/** What the reason columns hold (migration 0018). */
const REASON_MAX = 4000

const reasonUpTo = (label: string) =>
  z
    .string()
    .trim()
    .max(REASON_MAX, `${label} must be 4,000 characters or fewer`)
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))

const optional = reasonUpTo

/** Fewer characters than this is a word or two ("NFA", "agreed"), not a manager's oversight. */
export const OVERSIGHT_MIN = SIGN_OFF_OVERSIGHT_MIN

/** The recommendation form. The home authority is asked under "Transfer" only. */
export const recommendationSchema = withReveals(
  [{ name: 'decision', value: 'transfer', fields: ['transferAuthority'] }],
  z
    .object({
      decision: z.enum(DECISIONS.map((d) => d.code) as [ContactDecision, ...ContactDecision[]], {
        error: 'Select a decision',
      }),
      decisionReason: optional('Reason'),
      transferAuthority: shortAnswer('Authority name').transform((v) => (v === '' ? null : v)),
      teamId: z
        .string()
        .optional()
        .transform((v) => (v === undefined || v === '' ? null : Number(v))),
      consentOverrideReason: optional('Reason consent is overridden'),
      rationale: z
        .string({ error: 'Enter your analysis: what you weighed and why this keeps the child safe' })
        .trim()
        .min(1, 'Enter your analysis: what you weighed and why this keeps the child safe')
        .max(REASON_MAX, 'Your analysis must be 4,000 characters or fewer'),
    })
    .superRefine((v, ctx) => {
      const option = DECISIONS.find((d) => d.code === v.decision)
      if (option?.needsReason && v.decisionReason === null)
        ctx.addIssue({
          code: 'custom',
          path: ['decisionReason'],
          message: 'Enter the reason for no further action',
        })
      if (v.decision === 'transfer' && v.transferAuthority === null)
        ctx.addIssue({
          code: 'custom',
          path: ['transferAuthority'],
          message: "Enter the child's home authority",
        })
      if (option?.createsReferral && (v.teamId === null || !Number.isInteger(v.teamId)))
        ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Select the team the referral goes to' })
    }),
)
export type RecommendationInput = z.infer<typeof recommendationSchema>

/** The most children decided or authorised together in one go. */
export const TOGETHER_LIMIT = 50

/** The rows ticked on a list page (checkboxes named `contactChildIds`), as distinct ids. */
export function tickedContactChildren(what: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
    .pipe(
      z
        .array(z.string().regex(/^\d+$/, `Select ${what} from the list`))
        .min(1, `Select at least one ${what.replace(/s$/, '')}`)
        .max(TOGETHER_LIMIT, `Select ${TOGETHER_LIMIT} ${what} or fewer at a time`),
    )
    .transform((ids) => [...new Set(ids.map(Number))])
}

const oversightNote = z
  .string({ error: 'Enter the management oversight note' })
  .trim()
  .max(REASON_MAX, 'Management oversight note must be 4,000 characters or fewer')
  .refine((v) => v !== '', 'Enter the management oversight note')
  .refine(
    (v) => v === '' || v.length >= OVERSIGHT_MIN,
    `Write the oversight in full: what you considered and why this decision keeps the child safe (at least ${OVERSIGHT_MIN} characters)`,
  )

/** Several low-level recommendations authorised at once, with one oversight note recorded on each. */
export const authoriseTogetherSchema = z.object({
  contactChildIds: tickedContactChildren('recommendations'),
  oversightNote,
})
export type AuthoriseTogetherInput = z.infer<typeof authoriseTogetherSchema>

/** The manager's answer: authorise with the oversight note, or return with the reason. */
export const authorisationSchema = withReveals(
  [
    { name: 'outcome', value: 'authorise', fields: ['oversightNote', 'noStrategyReason'] },
    { name: 'outcome', value: 'return', fields: ['returnReason'] },
  ],
  z
    .object({
      outcome: z.enum(['authorise', 'return'], {
        error: 'Select whether you authorise the decision or return it',
      }),
      oversightNote: optional('Management oversight note'),
      noStrategyReason: optional('Reason for no strategy discussion'),
      returnReason: optional('Reason for returning it'),
    })
    .superRefine((v, ctx) => {
      if (v.outcome === 'authorise' && (v.oversightNote ?? '').length < OVERSIGHT_MIN)
        ctx.addIssue({
          code: 'custom',
          path: ['oversightNote'],
          message:
            v.oversightNote === null
              ? 'Enter the management oversight note'
              : `Write the oversight in full: what you considered and why this decision keeps the child safe (at least ${OVERSIGHT_MIN} characters)`,
        })
      if (v.outcome === 'return' && v.returnReason === null)
        ctx.addIssue({
          code: 'custom',
          path: ['returnReason'],
          message: 'Enter why you are returning the recommendation',
        })
    }),
)
export type AuthorisationInput = z.infer<typeof authorisationSchema>

/** What stops a manager authorising this recommendation as it stands, as a message for a field. */
export function authorisationProblem(
  level: ThresholdLevel,
  decision: ContactDecision,
  input: AuthorisationInput,
): { field: string; message: string } | null {
  if (
    input.outcome === 'authorise' &&
    departsFromProtection(level, decision) &&
    input.noStrategyReason === null
  )
    return {
      field: 'noStrategyReason',
      message: 'This child is at level 4 (significant harm): enter why there is no strategy discussion',
    }
  return null
}

/** A recommendation needs the reason for a departure from the threshold's routes, as decisions always have. */
export function recommendationProblem(
  level: ThresholdLevel,
  consent: ContactTable['consent'],
  input: RecommendationInput,
): { field: string; message: string } | null {
  if (decisionDepartsFromThreshold(level, input.decision) && input.decisionReason === null)
    return {
      field: 'decisionReason',
      message: `This decision is outside the routes for level ${level} need: enter the reason for it`,
    }
  const consentIssue = consentProblem(consent, input.decision, input.consentOverrideReason)
  if (consentIssue)
    return {
      field: consentIssue.kind === 'early_help_refused' ? 'decision' : 'consentOverrideReason',
      message: consentIssue.message,
    }
  return null
}

/** Consent to the MASH asking other agencies what they know, apart from consent to the referral. */
export const CHECKS_CONSENT: readonly {
  code: NonNullable<ContactTable['checks_consent']>
  label: string
  hint: string
  needsReason: boolean
}[] = [
  {
    code: 'given',
    label: 'Given',
    hint: 'The family agreed to the MASH asking other agencies.',
    needsReason: false,
  },
  {
    code: 'refused',
    label: 'Refused',
    hint: 'The family said no: agencies are not asked unless consent is overridden.',
    needsReason: true,
  },
  {
    code: 'not_sought_risk',
    label: 'Not sought',
    hint: 'Asking would put the child at risk of harm.',
    needsReason: true,
  },
  {
    code: 'overridden',
    label: 'Overridden',
    hint: 'The family refused, and agencies are asked to protect the child.',
    needsReason: true,
  },
]

export const checksConsentSchema = z
  .object({
    checksConsent: z.enum(
      CHECKS_CONSENT.map((c) => c.code) as ['given', 'refused', 'not_sought_risk', 'overridden'],
      {
        error: 'Select whether the family consented to the MASH asking other agencies',
      },
    ),
    checksConsentReason: reasonUpTo('Reason'),
  })
  .superRefine((v, ctx) => {
    if (CHECKS_CONSENT.find((c) => c.code === v.checksConsent)?.needsReason && v.checksConsentReason === null)
      ctx.addIssue({
        code: 'custom',
        path: ['checksConsentReason'],
        message:
          v.checksConsent === 'refused'
            ? 'Enter what the family said'
            : 'Enter why the agencies are asked without the family’s consent',
      })
  })
export type ChecksConsentInput = z.infer<typeof checksConsentSchema>

/** A family's refusal stops the MASH asking agencies, until a manager's override is recorded. */
export function checksRefused(consent: ContactTable['checks_consent']): boolean {
  return consent === 'refused'
}

/** The clock asking an open case's manager to consider a strategy discussion (clock-definitions.json). */
export const OPEN_CASE_STRATEGY_CLOCK = 'open-case-strategy-discussion'

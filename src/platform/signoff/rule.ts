/**
 * The sign-off step every module shares (issue 14): a worker asks for a record of theirs to be
 * authorised; a manager authorises it with a management oversight note or returns it with the
 * reason. Who may: a role the authority's settings allow, and never the person who asked. The
 * front door's recommendations are authorised under this same rule. Pure: no I/O.
 */
import { z } from 'zod'
import settingsFile from '../../../reference/signoff.json' with { type: 'json' }
import { LONG_ANSWER_MAX } from '../http/form.js'
import { withReveals } from '../http/revealed.js'
import { ROLES, type Role } from '../permissions/roles.js'

export interface SignOffSettings {
  /** Roles that may authorise or return a record by default (team manager or above). */
  authoriserRoles: readonly Role[]
}

/** Checks the authority's settings once, at start: an unknown role fails here, not at a decision. */
export function readSignOffSettings(raw: unknown): SignOffSettings {
  return z
    .object({
      authoriserRoles: z.array(z.enum(ROLES)).min(1),
    })
    .parse(raw)
}

export const SIGN_OFF_SETTINGS: SignOffSettings = readSignOffSettings(settingsFile)

/** Why someone may not decide a sign-off: not a role that authorises, or they asked for it. */
export type SignOffRefusal = 'not_an_authoriser' | 'own_request'

export function mayAuthorise(role: Role, authoriserRoles: readonly Role[]): boolean {
  return authoriserRoles.includes(role)
}

/**
 * The one rule: why this person may not authorise (or return) what `askedBy` asked for, or null
 * when they may. The role first, so a worker is told it is a manager's step before anything else.
 */
export function signOffRefusal(
  actor: { id: number; role: Role },
  askedBy: number,
  authoriserRoles: readonly Role[] = SIGN_OFF_SETTINGS.authoriserRoles,
): SignOffRefusal | null {
  if (!mayAuthorise(actor.role, authoriserRoles)) return 'not_an_authoriser'
  if (actor.id === askedBy) return 'own_request'
  return null
}

/** The refusal in words, for a record described as `what` ("this assessment"). */
export function signOffRefusalText(refusal: SignOffRefusal, what: string): string {
  return refusal === 'not_an_authoriser'
    ? `Only a manager can authorise ${what}.`
    : `You sent ${what} for authorisation, so another manager must authorise it.`
}

/** Fewer characters than this is a word or two ("agreed"), not a manager's oversight. */
export const OVERSIGHT_MIN = 40

const optionalText = (label: string) =>
  z
    .string()
    .trim()
    .max(LONG_ANSWER_MAX, `${label} must be ${LONG_ANSWER_MAX.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))

/** The manager's answer: authorise with the oversight note, or return with the reason. */
export const signOffDecisionSchema = withReveals(
  [
    { name: 'outcome', value: 'authorise', fields: ['oversightNote'] },
    { name: 'outcome', value: 'return', fields: ['returnReason'] },
  ],
  z
    .object({
      outcome: z.enum(['authorise', 'return'], { error: 'Select whether you authorise it or return it' }),
      oversightNote: optionalText('Management oversight note'),
      returnReason: optionalText('Reason for returning it'),
    })
    .transform((v, ctx): SignOffDecision => {
      if (v.outcome === 'authorise') {
        if (v.oversightNote === null || v.oversightNote.length < OVERSIGHT_MIN) {
          ctx.addIssue({
            code: 'custom',
            path: ['oversightNote'],
            message:
              v.oversightNote === null
                ? 'Enter the management oversight note'
                : `Write the oversight in full: what you considered and why you agree (at least ${OVERSIGHT_MIN} characters)`,
          })
          return z.NEVER
        }
        return { outcome: 'authorise', oversightNote: v.oversightNote }
      }
      if (v.returnReason === null) {
        ctx.addIssue({ code: 'custom', path: ['returnReason'], message: 'Enter why you are returning it' })
        return z.NEVER
      }
      return { outcome: 'return', returnReason: v.returnReason }
    }),
)

export type SignOffDecision =
  { outcome: 'authorise'; oversightNote: string } | { outcome: 'return'; returnReason: string }

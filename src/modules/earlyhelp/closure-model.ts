/**
 * Closing an early help episode (issue 15): the lead professional or the holding team proposes it
 * with the closure checklist (platform/casework/closure.ts, shared with social care) and early
 * help's own coded reasons; the holding team's manager or a service manager authorises it through
 * the platform's sign-off step, never the proposer. Pure: the reasons, who may propose and who may
 * authorise, and the words of a refusal.
 */
import { z } from 'zod'
import reasonsFile from '../../../reference/earlyhelp/closure-reasons.json' with { type: 'json' }
import type { ClosureReason } from '../../platform/casework/closure.js'
import { longDate } from '../../platform/calendar/dates.js'
import type { EhStatus } from '../../platform/db/schema.js'
import type { Role } from '../../platform/permissions/roles.js'

/** The sign-off's and the route's subject type: a proposal to close an episode. */
export const EH_CLOSURE_SUBJECT = 'eh_closure'

/** The event that ends an episode: it cancels the episode's clocks (clock-definitions.json). */
export const EPISODE_ENDED_EVENT = 'earlyhelp.ended'

/** Checks the reasons file once, at start: a code the table's check would refuse fails here. */
export function readClosureReasons(raw: unknown): ClosureReason[] {
  const reasons = z
    .object({
      $comment: z.string().min(1),
      version: z.number().int().positive(),
      reasons: z
        .array(
          z.object({
            code: z.string().regex(/^EH[0-9]{1,2}$/),
            label: z.string().min(1),
            detail: z.boolean().optional(),
          }),
        )
        .min(1),
    })
    .parse(raw).reasons
  if (new Set(reasons.map((r) => r.code)).size !== reasons.length)
    throw new Error('Each early help closure reason has its own code')
  return reasons.map((r) =>
    r.detail ? { code: r.code, label: r.label, detail: true } : { code: r.code, label: r.label },
  )
}

/** Early help's coded reasons for closing an episode (reference/earlyhelp/closure-reasons.json). */
export const EARLY_HELP_CLOSURE_REASONS: readonly ClosureReason[] = readClosureReasons(reasonsFile)

/** The reason's words: "EH1: Objectives achieved: the family's needs are met". */
export function closureReasonText(code: string | null): string {
  if (code === null) return ''
  const r = EARLY_HELP_CLOSURE_REASONS.find((x) => x.code === code)
  return r ? `${r.code}: ${r.label}` : code
}

/** What the closure's rules need of the episode. */
export interface ClosableEpisode {
  status: EhStatus
  team_id: number
  ended_on: string | null
}

/** Why this episode cannot be proposed for closure now, or null when it can. */
export function closureProblem(episode: ClosableEpisode, awaiting: boolean): string | null {
  if (episode.status === 'ended') return endedRefusal(episode.ended_on)
  if (awaiting) return ALREADY_AWAITING
  return null
}

/** The refusal when a closure already waits. */
export const ALREADY_AWAITING =
  'The closure of this early help episode is already waiting for a manager to authorise it'

/** What an ended episode says to anyone trying to record on it. */
export function endedRefusal(endedOn: string | null): string {
  return `This early help episode ended${endedOn ? ` on ${longDate(endedOn)}` : ''}: nothing more can be recorded on it.`
}

/**
 * Who may authorise (or return) an episode's closure, beyond the sign-off rule (a manager, never
 * the proposer): the manager of the early help team holding the episode, or a service manager.
 * The reason in words, or null when they may.
 */
export function authoriserRefusal(
  episode: { team_id: number },
  actor: { role: Role; managedTeamIds: readonly number[] },
): string | null {
  if (actor.role === 'service_manager') return null
  if (actor.role === 'team_manager' && actor.managedTeamIds.includes(episode.team_id)) return null
  return 'Only the manager of the early help team holding this episode, or a service manager, authorises its closure.'
}

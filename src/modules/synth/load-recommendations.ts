/**
 * The MASH social worker's recommendation behind each decision, and the manager who authorised
 * it (or returned it first, or has yet to look at it): `contact_recommendation` rows and their
 * case events.
 */
import type { ContactDecision, ThresholdLevel } from '../../platform/db/schema.js'
import { type Random, streamFor } from './random.js'
import { Batch, type ContactPlan, DECISION_LABEL, MINUTE } from './load-batch.js'

/** Why the recommender thought this keeps the child safe, by decision. */
const RATIONALES: Record<ContactDecision, readonly string[]> = {
  no_further_action: [
    'Checks with police, health and school raise nothing further; the parents have acted to protect the child.',
    'A single incident, dealt with by the referrer; no agency holds other worries about the family.',
  ],
  information_and_advice: [
    'The parent asked for advice and has the support they need; the referrer has been given advice to share.',
    'Low-level worries the family are already addressing; advice given on where to go if things change.',
  ],
  signpost: [
    'Needs can be met by universal services; the family have agreed to contact the children’s centre.',
    'The school nurse and GP can meet the need; family signposted with their agreement.',
  ],
  early_help: [
    'Several needs together, with the family’s agreement to support: early help assessment and a lead professional.',
    'The family want help with routines and school attendance; early help is the right level with consent.',
  ],
  referral: [
    'The child’s needs are complex and the parents cannot meet them without help: a child and family assessment is needed.',
    'Repeated contacts and checks showing neglect over time: above early help, needs a social work assessment.',
  ],
  strategy_discussion: [
    'An allegation of harm by an adult in the household and police information of violence: significant harm is likely.',
    'Unexplained injury to a young child; the police and health need to share what they know today.',
  ],
  transfer: [
    'The family live in another authority and are only visiting; their home authority holds the duty to assess.',
  ],
}

const NO_STRATEGY_REASONS: readonly string[] = [
  'No allegation of harm by an adult: the police agree a single-agency assessment is proportionate.',
  'The injury has a consistent explanation from the GP; a child and family assessment will test the risk.',
]

const NFA_FALLBACK = 'Checks show no role for children’s social care; the referrer has been given advice.'

const CONSENT_OVERRIDES: readonly string[] = [
  'The family refused consent; the worries about the child’s safety are too serious to leave without an assessment.',
]

/** What an earlier recommendation was, and why the manager sent it back, given the decision that followed. */
function returnedBefore(decision: ContactDecision): { decision: ContactDecision; reason: string } {
  switch (decision) {
    case 'strategy_discussion':
      return {
        decision: 'referral',
        reason:
          'Significant harm is alleged: this needs a strategy discussion with the police, not a referral alone.',
      }
    case 'referral':
      return {
        decision: 'early_help',
        reason:
          'The concern is above early help: the school’s account of the injuries needs a social work assessment.',
      }
    case 'early_help':
      return {
        decision: 'no_further_action',
        reason:
          'Two earlier contacts this year about the same worries: offer early help rather than closing.',
      }
    case 'transfer':
      return {
        decision,
        reason: 'Confirm the child’s home address with the other authority before we transfer.',
      }
    default:
      return { decision, reason: 'The police check is not back yet: finish the checks before recommending.' }
  }
}

/** The manager who authorises a MASH social worker's recommendations: their own team's. */
function managerOf(batch: Batch, recommender: number, random: Random): number {
  const { setup } = batch.ctx
  return setup.mashManagerOf.get(recommender) ?? random.pick(setup.mashManagers)
}

/** What the recommendation says, as the contact child's decision says it. */
export interface Recommended {
  decision: ContactDecision
  level: ThresholdLevel | null
  decisionReason: string | null
  transferAuthority: string | null
  teamId: number | null
  oversightNote: string | null
  consentRefused: boolean
}

/**
 * The recommendations behind one contact child's decision: authorised at `p.decidedAt` by the
 * recommender's manager, recommended minutes to hours before (after the screening), sometimes
 * returned once first. Returns the manager, who decided.
 */
export function authorisedRecommendation(batch: Batch, p: ContactPlan, r: Recommended): number {
  const random = streamFor(batch.ctx.seed, 'load', 'recommendation', p.contact.receivedOn, p.ccId)
  const manager = managerOf(batch, p.decider, random)
  const decidedAt = p.decidedAt as number
  const from = (p.ratedAt ?? p.receivedAt) + MINUTE
  const window = decidedAt - from
  const returned = window >= 90 * MINUTE && random.chance(0.05)
  if (returned) {
    // First recommendation, the return, the second: spread over up to eight hours before the decision.
    const span = Math.min(window, 8 * 60 * MINUTE)
    const first = decidedAt - span
    const back = first + Math.round(span * (0.25 + random.next() * 0.25))
    pushReturned(batch, p, r, random, first, { by: manager, at: back })
    const again = back + Math.round((decidedAt - back) * (0.3 + random.next() * 0.5))
    pushRecommendation(batch, p, r, random, again, { outcome: 'authorised', by: manager, at: decidedAt })
  } else {
    const at = Math.max(from, decidedAt - random.int(10, 240) * MINUTE)
    pushRecommendation(batch, p, r, random, at, { outcome: 'authorised', by: manager, at: decidedAt })
  }
  return manager
}

/**
 * A recommendation on a contact still open, made after its screening and waiting for the
 * manager (a few with one returned first). False if there was no time for it before `asOf`.
 */
export function awaitingRecommendation(batch: Batch, p: ContactPlan, r: Recommended): boolean {
  const { ctx } = batch
  if (p.ratedAt === null) return false
  const random = streamFor(ctx.seed, 'load', 'recommendation', p.contact.receivedOn, p.ccId)
  // About half the screened contacts have a recommendation made; the rest are still in triage.
  if (!random.chance(0.5)) return false
  const at = p.ratedAt + random.int(20, 180) * MINUTE
  if (at > ctx.capMs) return false
  const manager = managerOf(batch, p.decider, random)
  if (random.chance(0.2)) {
    const back = at + random.int(30, 120) * MINUTE
    const again = back + random.int(20, 90) * MINUTE
    if (again <= ctx.capMs) {
      pushReturned(batch, p, r, random, at, { by: manager, at: back })
      pushRecommendation(batch, p, r, random, again, { outcome: 'awaiting' })
      return true
    }
  }
  pushRecommendation(batch, p, r, random, at, { outcome: 'awaiting' })
  return true
}

/** The earlier recommendation, made at `at`, that the manager sent back before `r` was made. */
function pushReturned(
  batch: Batch,
  p: ContactPlan,
  r: Recommended,
  random: Random,
  at: number,
  back: { by: number; at: number },
): void {
  const earlier = returnedBefore(r.decision)
  pushRecommendation(batch, p, { ...r, decision: earlier.decision }, random, at, {
    outcome: 'returned',
    ...back,
    reason: earlier.reason,
  })
}

type Review =
  | { outcome: 'awaiting' }
  | { outcome: 'authorised'; by: number; at: number }
  | { outcome: 'returned'; by: number; at: number; reason: string }

function pushRecommendation(
  batch: Batch,
  p: ContactPlan,
  r: Recommended,
  random: Random,
  at: number,
  review: Review,
): void {
  const referring = r.decision === 'referral' || r.decision === 'strategy_discussion'
  batch.recommendations.push([
    p.ccId,
    r.decision,
    r.decision === 'no_further_action' ? (r.decisionReason ?? NFA_FALLBACK) : null,
    r.decision === 'transfer' ? r.transferAuthority : null,
    referring ? r.teamId : null,
    referring && r.consentRefused ? random.pick(CONSENT_OVERRIDES) : null,
    random.pick(RATIONALES[r.decision]),
    p.decider,
    new Date(at),
    review.outcome,
    review.outcome === 'awaiting' ? null : review.by,
    review.outcome === 'awaiting' ? null : new Date(review.at),
    review.outcome === 'returned' ? review.reason : null,
    review.outcome === 'authorised' ? (r.oversightNote ?? 'Agreed.') : null,
    r.level === '4' && r.decision !== 'strategy_discussion' ? random.pick(NO_STRATEGY_REASONS) : null,
    false,
  ])
  batch.event(
    p.state,
    'contact',
    p.ccId,
    'contact.recommended',
    at,
    `Recommended: ${DECISION_LABEL[r.decision].toLowerCase()}`,
    p.decider,
    { recommendation: r.decision },
  )
  if (review.outcome === 'returned')
    batch.event(
      p.state,
      'contact',
      p.ccId,
      'contact.returned',
      review.at,
      `Recommendation returned by the manager: ${review.reason}`,
      review.by,
      { recommendation: r.decision },
    )
}

/**
 * The strategy discussion behind a referral, as the protection module records it: requested by
 * the decision, held with police and usually health (sometimes the school), with an outcome that
 * fits what followed — a section 47 enquiry, an assessment, or nothing further.
 */
import type { Referral } from './population.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import { streamFor } from './random.js'
import { Batch, type ChildState, MINUTE } from './load-batch.js'

export type StrategyOutcome = 's47_joint' | 's47_single' | 'cin_assessment' | 'no_further_action'

const OUTCOME_WORDS: Record<StrategyOutcome, string> = {
  s47_joint: 'joint section 47 enquiry with the police',
  s47_single: 'single-agency section 47 enquiry',
  cin_assessment: 'child and family assessment',
  no_further_action: 'no further action',
}

const REASONS: readonly string[] = [
  'Allegation of physical harm by a parent; police information of violence at the address.',
  'Unexplained bruising to a young child; health and police to share what they know.',
  'The child disclosed sexual harm to a teacher; police to decide on a criminal investigation.',
  'Domestic abuse with the children present and a high DASH risk; significant harm likely.',
]

const OUTCOME_REASONS: Record<StrategyOutcome, readonly string[]> = {
  s47_joint: [
    'Threshold for section 47 met; a crime may have been committed, so police and social care enquire together.',
  ],
  s47_single: [
    'Threshold for section 47 met; no crime alleged, so social care leads the enquiry with police information.',
  ],
  cin_assessment: [
    'Harm not found likely to be significant on what is known; an assessment of the child’s needs instead.',
  ],
  no_further_action: [
    'The explanation fits the medical evidence and no agency holds other worries; no further action.',
  ],
}

const ACTIONS: Record<StrategyOutcome, string> = {
  s47_joint:
    'Social worker and police to see the child together tomorrow; the alleged abuser not to be at home meanwhile; health to arrange a child protection medical.',
  s47_single:
    'Social worker to see the child alone within a working day; school to report any new marks; police checks shared.',
  cin_assessment: 'Social worker to start the assessment and visit this week; school to keep watching.',
  no_further_action: 'The referrer to be told the outcome; the family to be offered early help.',
}

const HEALTH_ROLES: readonly string[] = [
  'Named nurse for safeguarding',
  'Health visitor',
  'Community paediatrician',
]

/** What the discussion decided, given whether a section 47 enquiry and an assessment followed. */
export function strategyOutcome(referral: Referral, joint: boolean): StrategyOutcome {
  if (referral.section47s.length > 0) return joint ? 's47_joint' : 's47_single'
  return referral.assessments.length > 0 ? 'cin_assessment' : 'no_further_action'
}

/**
 * The discussion's row and its participants (a discussion not yet held has no outcome and no
 * participants); returns its id, the subject of its case events, and its outcome.
 */
export function writeStrategyDiscussion(
  batch: Batch,
  state: ChildState,
  d: {
    referralId: number
    referral: Referral
    requestedBy: number
    requestedAt: number
    heldAt: number
    recordedBy: number
    chair: { userId: number; name: string }
  },
): { id: number; outcome: StrategyOutcome; held: boolean; summary: string } {
  const { ctx } = batch
  const id = batch.ids.strategy_discussion.take()
  const random = streamFor(ctx.seed, 'load', 'strategy', state.child.laChildId, d.referral.referralDate)
  const outcome = strategyOutcome(d.referral, random.chance(0.7))
  const held = d.heldAt <= ctx.capMs
  const recordedAt = Math.min(d.heldAt + random.int(30, 180) * MINUTE, ctx.capMs)
  batch.strategyDiscussions.push([
    id,
    state.personId,
    d.referralId,
    d.requestedBy,
    new Date(d.requestedAt),
    random.pick(REASONS),
    held ? new Date(d.heldAt) : null,
    held ? outcome : null,
    held ? random.pick(OUTCOME_REASONS[outcome]) : null,
    held ? ACTIONS[outcome] : null,
    held ? d.recordedBy : null,
    held ? new Date(recordedAt) : null,
  ])
  const person = () =>
    `${random.pick(random.chance(0.6) ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`
  const agencies = ['police']
  if (held) {
    const participants: [string, string, string][] = [
      ['social_care', d.chair.name, 'Social worker'],
      ['police', `DC ${person()}`, 'Child abuse investigation team'],
    ]
    if (random.chance(0.8)) {
      participants.push(['health', person(), random.pick(HEALTH_ROLES)])
      agencies.push('health')
    }
    if (random.chance(0.35)) {
      participants.push(['education', person(), 'Designated safeguarding lead'])
      agencies.push('the school')
    }
    for (const [kind, name, role] of participants) batch.strategyParticipants.push([id, kind, name, role])
  }
  const withWhom =
    agencies.length === 1 ? agencies[0] : `${agencies.slice(0, -1).join(', ')} and ${agencies.at(-1)}`
  return {
    id,
    outcome,
    held,
    summary: `Strategy discussion held with ${withWhom as string}: ${OUTCOME_WORDS[outcome]}`,
  }
}

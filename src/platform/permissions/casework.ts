/**
 * Who reads a child's casework: the council's own working record of the child (case notes,
 * management oversight, the file's documents), read through the child's record with a narrower
 * rule than the record's own. A partner agency's practitioner taking part in a strategy
 * discussion, conference or core group (or an agency lead) may open the record for that process;
 * the casework is not shared with them wholesale, as what agencies share lives in the process's
 * own record. Nor does a member of staff whose only link is such a process read it. Pure: the
 * modules' routes, services and record panels all decide by it.
 */
import { allow, relationshipsAllowing, type Actor, type ChildRecord, type Decision } from './allow.js'
import { RELATIONSHIP_NAMES, type Relationship } from './relationships.js'

/** The relationships through which a child's casework is read: the authority's own casework. */
export const CASEWORK_READING_RELATIONSHIPS: readonly Relationship[] = [
  'allocated_worker',
  'team_manager',
  'allocated_team',
  'restriction_grant',
  'front_door',
  'service_oversight',
  'break_glass',
]

/** The relationship on which the actor may read this child's casework, or null if none. */
export function caseworkReadingBasis(actor: Actor, child: ChildRecord, now: Date): Relationship | null {
  if (actor.role === 'partner_practitioner') return null
  return (
    relationshipsAllowing(actor, 'child.view', child, now).find((r) =>
      CASEWORK_READING_RELATIONSHIPS.includes(r),
    ) ?? null
  )
}

/**
 * Whether the actor may read this child's casework, as a route decides it: first whether they may
 * view the child at all (that refusal, with its reasons and alerts, as it stands), then the
 * casework rule, refused with `refusal` (which names what is not theirs to read).
 */
export function caseworkReading(actor: Actor, child: ChildRecord, now: Date, refusal: string): Decision {
  const decision = allow(actor, 'child.view', child, now)
  if (!decision.allowed) return decision
  const basis = caseworkReadingBasis(actor, child, now)
  return basis === null
    ? { allowed: false, basis: null, reason: refusal }
    : { allowed: true, basis, reason: `Allowed as ${RELATIONSHIP_NAMES[basis]}.` }
}

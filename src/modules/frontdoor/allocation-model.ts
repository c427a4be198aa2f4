/**
 * Whom a manager is offered when allocating a referral: the worker who already holds a brother or
 * sister (one worker for the family), otherwise the qualified worker with the lightest caseload.
 * Pure: the store finds the workers, their caseloads and the siblings' workers.
 */
import type { PracticeLevel } from '../../platform/db/schema.js'

export const PRACTICE_LEVELS: readonly { code: PracticeLevel; label: string; qualified: boolean }[] = [
  { code: 'asye', label: 'Newly qualified (ASYE)', qualified: true },
  { code: 'social_worker', label: 'Social worker', qualified: true },
  { code: 'senior_practitioner', label: 'Senior practitioner', qualified: true },
  { code: 'advanced_practitioner', label: 'Advanced practitioner', qualified: true },
  { code: 'unqualified', label: 'Unqualified practitioner', qualified: false },
]

export function practiceLevelLabel(level: PracticeLevel | null): string {
  return PRACTICE_LEVELS.find((l) => l.code === level)?.label ?? 'Practice level not recorded'
}

/** A registered social worker: only they are suggested on caseload alone. Unknown is not assumed. */
export function isQualified(level: PracticeLevel | null): boolean {
  return PRACTICE_LEVELS.some((l) => l.code === level && l.qualified)
}

export interface AllocationCandidate {
  id: number
  practiceLevel: PracticeLevel | null
  caseload: number
}

/** A brother or sister of the child, allocated now to a worker. */
export interface SiblingHolder {
  workerId: number
  siblingName: string
}

export type AllocationSuggestion =
  { workerId: number; reason: 'sibling'; siblingNames: string[] } | { workerId: number; reason: 'caseload' }

/**
 * The worker to suggest among `candidates`, or null. First a candidate who holds a sibling (the
 * one holding most of them, then the lighter caseload); then the qualified candidate with the
 * lightest caseload. Ties go to the lower id, so the suggestion is stable.
 */
export function suggestWorker(
  candidates: readonly AllocationCandidate[],
  siblings: readonly SiblingHolder[],
): AllocationSuggestion | null {
  const lighter = (a: AllocationCandidate, b: AllocationCandidate) => a.caseload - b.caseload || a.id - b.id
  const held = new Map<number, string[]>()
  for (const s of siblings) held.set(s.workerId, [...(held.get(s.workerId) ?? []), s.siblingName])
  const holders = candidates
    .filter((c) => held.has(c.id))
    .sort((a, b) => (held.get(b.id)?.length ?? 0) - (held.get(a.id)?.length ?? 0) || lighter(a, b))
  const holder = holders[0]
  if (holder) return { workerId: holder.id, reason: 'sibling', siblingNames: held.get(holder.id) ?? [] }
  const lightest = candidates.filter((c) => isQualified(c.practiceLevel)).sort(lighter)[0]
  return lightest ? { workerId: lightest.id, reason: 'caseload' } : null
}

/** Why the worker is suggested: "holds Ava’s case", "holds Ava and Leo’s case", or their caseload. */
export function suggestionReason(s: AllocationSuggestion): string {
  if (s.reason === 'caseload') return 'the lightest caseload of the qualified workers'
  const names = s.siblingNames
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  return `holds ${list}’s case`
}

/** The line under the suggested worker's name: "Suggested: holds Ava’s case". */
export function suggestionText(s: AllocationSuggestion): string {
  return `Suggested: ${suggestionReason(s)}`
}

/**
 * A child's casework as a route subject (`:id` names the child): the platform loads the child's
 * record and decides by the casework rule (`casework.ts`) at the request's time, so a refusal is
 * audited as any other before the handler runs. Each module that keeps casework names its own
 * kind with this, and words its own refusal.
 */
import type { SubjectKind } from '../http/subjects.js'
import { caseworkReading } from './casework.js'
import { loadChildRecord } from './store.js'

/** The subject kind of a child's casework; `refusal` says what the reader may not see, and why. */
export function caseworkSubject(refusal: string): SubjectKind {
  return {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = ids.id as number
      const record = await loadChildRecord(db, childId)
      if (record === null) return null
      return {
        recordType: 'child',
        recordId: childId,
        childIds: [childId],
        aboutChild: childId,
        decide: (actor, now) => caseworkReading(actor, record, now, refusal),
      }
    },
  }
}

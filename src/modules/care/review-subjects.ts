/**
 * A looked-after review as a route subject: it is about one child, so the platform checks and
 * audits that child before the handler runs (the minutes' task on a worklist leads here).
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { REVIEW_SUBJECT } from './review-model.js'
import { reviewChild } from './review-store.js'

export const reviewSubjects: SubjectKinds = {
  [REVIEW_SUBJECT]: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await reviewChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: REVIEW_SUBJECT, recordId: ids.id as number, childIds: [childId] }
    },
  },
}

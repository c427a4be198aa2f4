/**
 * The assessment as a route subject, for the URL a worklist's task links to (`/assessments/:id`):
 * the platform checks the reader against the assessment's child and audits, before the handler
 * sends them on to the assessment's page on the child's record.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { assessmentChild } from './store.js'

export const assessmentSubjects: SubjectKinds = {
  assessment: {
    params: { assessmentId: 'id' },
    async load(db, ids) {
      const assessmentId = ids.assessmentId as number
      const childId = await assessmentChild(db, assessmentId)
      if (childId === null) return null
      return { recordType: 'assessment', recordId: assessmentId, childIds: [childId] }
    },
  },
}

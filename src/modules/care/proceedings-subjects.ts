/**
 * Care proceedings as a route subject: about one child, so the platform checks and audits that
 * child before the handler runs (the worklist's 26-week task leads here).
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { PROCEEDINGS_SUBJECT } from './proceedings-model.js'
import { proceedingsChild } from './proceedings-store.js'

export const proceedingsSubjects: SubjectKinds = {
  [PROCEEDINGS_SUBJECT]: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await proceedingsChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: PROCEEDINGS_SUBJECT, recordId: ids.id as number, childIds: [childId] }
    },
  },
}

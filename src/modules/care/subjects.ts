/**
 * A period of care as a route subject: it is about one child, so the platform checks and audits
 * that child before the handler runs (the worklist's tasks of a period lead here).
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { CARE_SUBJECT } from './model.js'
import { periodChild } from './store.js'

export const careSubjects: SubjectKinds = {
  [CARE_SUBJECT]: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await periodChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: CARE_SUBJECT, recordId: ids.id as number, childIds: [childId] }
    },
  },
}

/**
 * A period of care and a missing episode as route subjects: each is about one child, so the
 * platform checks and audits that child before the handler runs (the worklist's tasks of a period,
 * and of a return home interview, lead here).
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { CARE_SUBJECT } from './model.js'
import { MISSING_SUBJECT } from './records-model.js'
import { missingChild } from './records-store.js'
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
  [MISSING_SUBJECT]: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await missingChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'care_missing_episode', recordId: ids.id as number, childIds: [childId] }
    },
  },
}

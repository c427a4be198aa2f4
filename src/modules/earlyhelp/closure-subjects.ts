/** An early help closure as a route subject: about the episode's child. */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { EH_CLOSURE_SUBJECT } from './closure-model.js'
import { closureChild } from './closure-store.js'

export const earlyHelpClosureSubjects: SubjectKinds = {
  [EH_CLOSURE_SUBJECT]: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await closureChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: EH_CLOSURE_SUBJECT, recordId: ids.id as number, childIds: [childId] }
    },
  },
}

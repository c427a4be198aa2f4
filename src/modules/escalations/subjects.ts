/**
 * Escalations as route subjects: an escalation is about one child, and is open to whoever may see
 * that child (a partner with a live grant as much as the council's staff), so the platform checks
 * and audits the child before the handler runs. Who may answer or decide is the service's rule.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { escalationChild } from './store.js'

export const escalationSubjects: SubjectKinds = {
  escalation: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await escalationChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'escalation', recordId: ids.id as number, childIds: [childId] }
    },
  },
}

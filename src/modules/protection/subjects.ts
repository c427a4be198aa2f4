/** Protection's records as route subjects: a strategy discussion is about one child. */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { strategyDiscussionChild } from './store.js'

export const protectionSubjects: SubjectKinds = {
  strategy_discussion: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await strategyDiscussionChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'strategy_discussion', recordId: ids.id as number, childIds: [childId] }
    },
  },
}

/**
 * The people administration pages' records as route subjects: partner agencies, teams and
 * merges. None is a child's record: the role decides (`agencies.manage`, `people.merge`), and the
 * platform still parses the ids strictly and answers "not found" the same way for every route. A
 * merge's pages show the two children's identities to the administrator; the merge service audits
 * those.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { agencyExists, mergeExists, teamExists } from './admin-store.js'

export const peopleAdminSubjects: SubjectKinds = {
  agency: {
    params: { id: 'id' },
    async load(db, ids) {
      const id = ids.id as number
      return (await agencyExists(db, id)) ? { recordType: 'agency', recordId: id, childIds: [] } : null
    },
  },
  team: {
    params: { id: 'id' },
    async load(db, ids) {
      const id = ids.id as number
      return (await teamExists(db, id)) ? { recordType: 'team', recordId: id, childIds: [] } : null
    },
  },
  person_merge: {
    params: { id: 'id' },
    async load(db, ids) {
      const id = ids.id as number
      return (await mergeExists(db, id)) ? { recordType: 'person_merge', recordId: id, childIds: [] } : null
    },
  },
}

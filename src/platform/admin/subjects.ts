/**
 * The records the administration pages name in their URLs. None is a child's record: the role
 * decides (`users.manage`, `agencies.manage`, `people.merge`), and the platform still parses the
 * ids strictly and answers "not found" the same way for every route. A merge's pages show the two
 * children's identities to the administrator; the merge service audits those.
 */
import type { SubjectKinds } from '../http/subjects.js'
import { agencyExists, groupMappingExists, mergeExists, staffAccountId, teamExists } from './store.js'

export const adminSubjects: SubjectKinds = {
  staff_account: {
    params: { username: 'username' },
    async load(db, ids) {
      const id = await staffAccountId(db, ids.username as string)
      return id === null ? null : { recordType: 'app_user', recordId: id, childIds: [] }
    },
  },
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
  sso_group_mapping: {
    params: { id: 'id' },
    async load(db, ids) {
      const id = ids.id as number
      return (await groupMappingExists(db, id))
        ? { recordType: 'sso_group_mapping', recordId: id, childIds: [] }
        : null
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

/**
 * The records the platform's administration pages name in their URLs: staff accounts and single
 * sign-on group mappings. None is a child's record: the role decides (`users.manage`), and the
 * platform still parses the ids strictly and answers "not found" the same way for every route.
 * The people module describes the agencies, teams and merges its administration pages name.
 */
import type { SubjectKinds } from '../http/subjects.js'
import { groupMappingExists, staffAccountId } from './store.js'

export const adminSubjects: SubjectKinds = {
  staff_account: {
    params: { username: 'username' },
    async load(db, ids) {
      const id = await staffAccountId(db, ids.username as string)
      return id === null ? null : { recordType: 'app_user', recordId: id, childIds: [] }
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
}

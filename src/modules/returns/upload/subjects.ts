/**
 * An uploaded return as a route subject. It names no record of Haven's children (its children
 * are identifiers in the file sent), so the route's role decides: whoever validates returns.
 */
import type { SubjectKinds } from '../../../platform/http/subjects.js'
import { uploadExists } from './store.js'

export const uploadSubjects: SubjectKinds = {
  return_upload: {
    params: { id: 'id' },
    async load(db, ids) {
      const id = ids.id as number
      return (await uploadExists(db, id)) ? { recordType: 'return_upload', recordId: id, childIds: [] } : null
    },
  },
}

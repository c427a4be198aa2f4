/**
 * The people module's records as route subjects: a child's record, named by `/children/:id`. The
 * platform checks `allow()` on it and audits before any of the record's pages run.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import type { ChildRecord } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { mergedInto } from './merge-service.js'

/** A child's permission record as the subject a route names. */
const childSubject = (record: ChildRecord) => ({
  recordType: 'child',
  recordId: record.childId,
  childIds: [record.childId],
  childRecords: [record],
})

export const peopleSubjects: SubjectKinds = {
  /** A child's record, as the forms that change it need it: a deleted record is refused by the rule. */
  child: {
    params: { id: 'id' },
    async load(db, ids) {
      const record = await loadChildRecord(db, ids.id as number)
      return record && childSubject(record)
    },
  },
  /**
   * The record page: a duplicate merged into another record stands for the record kept, so the
   * reader is sent there if they may open it (and refused, audited, as for that record if not).
   */
  child_page: {
    params: { id: 'id' },
    async load(db, ids) {
      const id = ids.id as number
      const record = await loadChildRecord(db, id)
      if (!record) return null
      const kept = record.deleted && record.mergedIntoId !== null ? await mergedInto(db, id) : null
      const shown = kept === null ? record : await loadChildRecord(db, kept)
      return shown && childSubject(shown)
    },
  },
}

/**
 * Documents as route subjects. A child's documents are read through the child's record with a
 * narrower rule than the record's own (`documentReadingBasis`, the same as case notes'): a partner
 * agency's practitioner who may open the record for a strategy discussion or conference does not
 * read the file's documents. The rule decides here, so the platform refuses and audits it before
 * the handler runs, as it does any other refusal.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { RELATIONSHIP_NAMES } from '../../platform/permissions/relationships.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { documentReadingBasis } from './model.js'

export const documentsSubjects: SubjectKinds = {
  documents_child: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = ids.id as number
      const record = await loadChildRecord(db, childId)
      if (record === null) return null
      return {
        recordType: 'child',
        recordId: childId,
        childIds: [childId],
        aboutChild: childId,
        // A subject's rule has no clock of its own: grants expire by the time they are read.
        decide: (actor) => {
          const now = new Date()
          const decision = allow(actor, 'child.view', record, now)
          if (!decision.allowed) return decision
          const basis = documentReadingBasis(actor, record, now)
          return basis === null
            ? {
                allowed: false,
                basis: null,
                reason:
                  'A child’s documents are for the council’s own casework: your access to this child’s record does not include them.',
              }
            : { allowed: true, basis, reason: `Allowed as ${RELATIONSHIP_NAMES[basis]}.` }
        },
      }
    },
  },
}

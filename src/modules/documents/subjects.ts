/**
 * Documents as route subjects. A child's documents are the council's own casework, as case notes
 * are: read through the child's record under the platform's casework rule
 * (`platform/permissions/casework.ts`), narrower than the record's own, so a partner agency's
 * practitioner who may open the record for a strategy discussion or conference does not read the
 * file's documents (sharing one with them, such as the minutes of a conference they attended, is
 * for a later process to do). The platform refuses and audits it before the handler runs, as it
 * does any other refusal.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { caseworkSubject } from '../../platform/permissions/casework-subject.js'

export const documentsSubjects: SubjectKinds = {
  documents_child: caseworkSubject(
    'A child’s documents are for the council’s own casework: your access to this child’s record does not include them.',
  ),
}

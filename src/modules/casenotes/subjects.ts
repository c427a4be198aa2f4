/**
 * Casenotes' records as route subjects. A child's case notes and oversight are the council's own
 * casework: read through the child's record under the platform's casework rule
 * (`platform/permissions/casework.ts`), narrower than the record's own, so a partner agency's
 * practitioner who may open the record for a strategy discussion or conference does not read the
 * social worker's notes. The platform refuses and audits it as any other refusal, before the
 * handler runs.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { caseworkSubject } from '../../platform/permissions/casework-subject.js'

export const casenotesSubjects: SubjectKinds = {
  casenotes_child: caseworkSubject(
    'Case notes and management oversight are for the council’s own casework: your access to this child’s record does not include them.',
  ),
}

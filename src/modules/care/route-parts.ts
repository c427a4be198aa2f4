/**
 * What every care routes file shares: the child's name as the pages give it, the care page's
 * path, a care form's route subject (the child, its read audited as `care.view` with the form's
 * name) and a refusal of the care services as the form's error.
 */
import type { RouteSubject } from '../../platform/http/subjects.js'
import { CareStateError } from './service.js'

export const named = (c: { given_name: string; family_name: string }) => `${c.given_name} ${c.family_name}`

export const carePath = (childId: number) => `/children/${childId}/care`

export const careForm = (name: string): RouteSubject => ({
  kind: 'child',
  auditAction: 'care.view',
  auditDetail: { form: name },
})

export const careStateRefusal = (err: unknown) =>
  err instanceof CareStateError ? { field: err.field, message: err.message } : null

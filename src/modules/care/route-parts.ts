/**
 * What every care routes file shares: the child's name as the pages give it, the care page's
 * path, a care form's route subject (the child, its read audited as `care.view` with the form's
 * name) and a refusal of the care services as the form's error.
 */
import { errorView, type FormErrors, type KeptAnswers } from '../../platform/http/form.js'
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

/** What a care form page says: its kind, title, where it posts (under the care page), its button. */
export interface CareFormPage {
  kind: string
  title: string
  action: string
  button: string
  values: KeptAnswers
  errors: FormErrors
}

/**
 * A care form's view: the title with the child's name, where it posts and where "Back" leads (the
 * care page, at `anchor` when given), the kept answers and the error summary.
 */
export function careFormView(
  child: { id: number; given_name: string; family_name: string },
  page: CareFormPage,
  anchor = '',
) {
  return {
    pageTitle: `${page.title}: ${named(child)}`,
    heading: page.title,
    kind: page.kind,
    childName: named(child),
    action: `${carePath(child.id)}/${page.action}`,
    backPath: `${carePath(child.id)}${anchor}`,
    button: page.button,
    values: page.values,
    ...errorView(page.errors),
  }
}

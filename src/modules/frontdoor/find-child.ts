/**
 * The find-the-child search on a contact (the new-contact form and a described child's triage):
 * every field the people module's search takes, its name box called `childQuery` on these pages.
 */
import { checkAnswers, type FormAnswers, type FormErrors } from '../../platform/http/form.js'
import { searchSchema } from '../people/record-model.js'
import { findChildAnswers } from './model.js'

export const FIND_CHILD_FIELDS = [
  'childQuery',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'postcode',
  'identifier',
] as const

/** The search's criteria, or its errors under this page's field names. */
export function checkFindChild(answers: FormAnswers) {
  const search = checkAnswers(searchSchema, findChildAnswers(answers), {
    name: 'childQuery',
    dateOfBirth: 'dateOfBirth-day',
  })
  if (search.ok) return search
  const { name, ...others } = search.errors.byField
  const errors: FormErrors = {
    list: search.errors.list,
    byField: { ...others, ...(name ? { childQuery: name } : {}) },
  }
  return { ok: false as const, errors }
}

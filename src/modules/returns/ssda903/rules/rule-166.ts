import { validDateRule } from './shared-row-checks.js'

/** Every review has a real date: blank fails too. */
export const rule166 = validDateRule({
  code: '166',
  message: 'Date of review is invalid or blank.',
  table: 'Reviews',
  field: 'REVIEW',
  blank: 'fails',
})

import { validDateRule } from './shared-row-checks.js'

/** DEC, when given, is a real date (blank means the episode is open). */
export const rule147 = validDateRule({
  code: '147',
  message: 'Date episode ceased is not a valid date.',
  table: 'Episodes',
  field: 'DEC',
  blank: 'allowed',
})

/** 446: placement orders (E1) began in December 2005, so no E1 episode starts before 1 December 2005. */
import { rowRule } from './support-4xx-5xx.js'

export const rule446 = rowRule({
  code: '446',
  message: 'E1 is not a valid code for episodes starting before December 2005.',
  table: 'Episodes',
  fields: ['LS', 'DECOM'],
  test: (e) => e.LS === 'E1' && e.DECOM !== null && e.DECOM < '2005-12-01',
})

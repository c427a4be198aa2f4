/** 519: civil partners (LS_ADOPTR L2) are recorded as a couple (MM, FF or MF). */
import { rowRule } from './support-4xx-5xx.js'

const COUPLE = new Set(['MM', 'FF', 'MF'])

export const rule519 = rowRule({
  code: '519',
  message:
    'Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.',
  table: 'AD1',
  fields: ['LS_ADOPTR', 'SEX_ADOPTR'],
  test: (a) => a.LS_ADOPTR === 'L2' && !(a.SEX_ADOPTR !== null && COUPLE.has(a.SEX_ADOPTR)),
})

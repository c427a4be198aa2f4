/** 518: an unmarried same-sex couple (LS_ADOPTR L4) is recorded as MM or FF. */
import { rowRule } from './support-4xx-5xx.js'

const SAME_SEX = new Set(['MM', 'FF'])

export const rule518 = rowRule({
  code: '518',
  message:
    'If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.',
  table: 'AD1',
  fields: ['LS_ADOPTR', 'SEX_ADOPTR'],
  test: (a) => a.LS_ADOPTR === 'L4' && !(a.SEX_ADOPTR !== null && SAME_SEX.has(a.SEX_ADOPTR)),
})

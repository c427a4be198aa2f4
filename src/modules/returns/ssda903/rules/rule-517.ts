/** 517: an unmarried different-sex couple (LS_ADOPTR L3) is recorded as MF. */
import { rowRule } from './support-4xx-5xx.js'

export const rule517 = rowRule({
  code: '517',
  message:
    'If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.',
  table: 'AD1',
  fields: ['LS_ADOPTR', 'SEX_ADOPTR'],
  test: (a) => a.LS_ADOPTR === 'L3' && a.SEX_ADOPTR !== 'MF',
})

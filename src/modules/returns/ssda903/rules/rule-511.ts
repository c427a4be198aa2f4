/** 511: two adopters (NB_ADOPTR 2) are a couple: SEX_ADOPTR is not a single adopter's M1 or F1. */
import { rowRule } from './support-4xx-5xx.js'

const SINGLE = new Set(['M1', 'F1'])

export const rule511 = rowRule({
  code: '511',
  message:
    'If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.',
  table: 'AD1',
  fields: ['NB_ADOPTR', 'SEX_ADOPTR'],
  test: (a) => a.NB_ADOPTR === '2' && a.SEX_ADOPTR !== null && SINGLE.has(a.SEX_ADOPTR),
})

/**
 * 514: a single adopter (LS_ADOPTR L0) is not recorded as a couple (MM, FF, MF).
 *
 * Reading: the message is about a couple, so only a couple's code is reported. The community
 * validator also reports a blank or unknown SEX_ADOPTR with L0; a blank is left to the rules on
 * completing AD1.
 */
import { rowRule } from './support-4xx-5xx.js'

const COUPLE = new Set(['MM', 'FF', 'MF'])

export const rule514 = rowRule({
  code: '514',
  message:
    'Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.',
  table: 'AD1',
  fields: ['LS_ADOPTR', 'SEX_ADOPTR'],
  test: (a) => a.LS_ADOPTR === 'L0' && a.SEX_ADOPTR !== null && COUPLE.has(a.SEX_ADOPTR),
})

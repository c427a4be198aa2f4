/**
 * 520: a married different-sex couple (LS_ADOPTR L11) is recorded as MF.
 *
 * As the DfE defines it (and the community validator checks it), any SEX_ADOPTR other than MF is
 * reported, not only the same-sex codes the message names.
 */
import { rowRule } from './support-4xx-5xx.js'

export const rule520 = rowRule({
  code: '520',
  message:
    'Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.',
  table: 'AD1',
  fields: ['LS_ADOPTR', 'SEX_ADOPTR'],
  test: (a) => a.LS_ADOPTR === 'L11' && a.SEX_ADOPTR !== 'MF',
})

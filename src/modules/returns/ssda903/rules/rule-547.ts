/**
 * 547: a child with health promotion information also has immunisations, teeth check, health
 * assessment and substance misuse completed.
 *
 * Reading: as for rule 544, any HEALTH_CHECK value (0 as well as 1) counts as completed; the
 * community validator asks for the other fields only when HEALTH_CHECK is 1.
 */
import { rowRule } from './support-4xx-5xx.js'

export const rule547 = rowRule({
  code: '547',
  message:
    'Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.',
  table: 'OC2',
  fields: ['HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'],
  test: (o) =>
    o.HEALTH_CHECK !== null &&
    (o.IMMUNISATIONS === null ||
      o.TEETH_CHECK === null ||
      o.HEALTH_ASSESSMENT === null ||
      o.SUBSTANCE_MISUSE === null),
})

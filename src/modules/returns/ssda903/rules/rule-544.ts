/**
 * 544: a child with conviction information also has immunisations, teeth check, health
 * assessment and substance misuse completed.
 *
 * Reading: the message says "conviction information completed", so any CONVICTED value (0 as
 * well as 1) calls for the other fields. The community validator asks for them only when
 * CONVICTED is 1.
 */
import { rowRule } from './support-4xx-5xx.js'

export const rule544 = rowRule({
  code: '544',
  message:
    'Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.',
  table: 'OC2',
  fields: ['CONVICTED', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'],
  test: (o) =>
    o.CONVICTED !== null &&
    (o.IMMUNISATIONS === null ||
      o.TEETH_CHECK === null ||
      o.HEALTH_ASSESSMENT === null ||
      o.SUBSTANCE_MISUSE === null),
})

/**
 * 542: no conviction information (CONVICTED) for a child aged under 10 on 31 March. The DOB is
 * the OC2 row's, or the Header's when the row has none.
 */
import { age, dobOf, rowRule } from './support-4xx-5xx.js'

export const rule542 = rowRule({
  code: '542',
  message: 'A child aged under 10 at 31 March should not have conviction information completed.',
  table: 'OC2',
  fields: ['CONVICTED'],
  test: (o, child, ctx) => o.CONVICTED !== null && (age(dobOf(child, o), ctx.collectionEnd) ?? 10) < 10,
})

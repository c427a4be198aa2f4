/**
 * 546: no health promotion information (HEALTH_CHECK) for a child aged 5 or over on 31 March
 * who was looked after continuously for the year.
 */
import { age, continuouslyLookedAfter, dobOf, rowRule } from './support-4xx-5xx.js'

export const rule546 = rowRule({
  code: '546',
  message: 'Children aged 5 or over at 31 March should not have health promotion information completed.',
  table: 'OC2',
  fields: ['DOB', 'HEALTH_CHECK'],
  test: (o, child, ctx) =>
    o.HEALTH_CHECK !== null &&
    (age(dobOf(child, o), ctx.collectionEnd) ?? 0) >= 5 &&
    continuouslyLookedAfter(child, ctx),
})

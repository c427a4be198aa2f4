/**
 * 545: a child aged under 5 on 31 March, looked after continuously for the year, has health
 * promotion information (HEALTH_CHECK).
 */
import { age, continuouslyLookedAfter, dobOf, rowRule } from './support-4xx-5xx.js'

export const rule545 = rowRule({
  code: '545',
  message:
    'Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.',
  table: 'OC2',
  fields: ['DOB', 'HEALTH_CHECK'],
  test: (o, child, ctx) =>
    o.HEALTH_CHECK === null &&
    (age(dobOf(child, o), ctx.collectionEnd) ?? 5) < 5 &&
    continuouslyLookedAfter(child, ctx),
})

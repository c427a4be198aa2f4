/**
 * 543: a child aged 10 or over on 31 March, looked after continuously for the year, has
 * conviction information (CONVICTED).
 *
 * Reading: a child whose 10th birthday is 31 March is 10 then, so is included; the community
 * validator counts only children who turned 10 before 31 March (while rule 542 treats that
 * child as 10), so the birthday itself falls between the two rules there.
 */
import { age, continuouslyLookedAfter, dobOf, rowRule } from './support-4xx-5xx.js'

export const rule543 = rowRule({
  code: '543',
  message:
    'Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.',
  table: 'OC2',
  fields: ['DOB', 'CONVICTED'],
  test: (o, child, ctx) =>
    o.CONVICTED === null &&
    (age(dobOf(child, o), ctx.collectionEnd) ?? 0) >= 10 &&
    continuouslyLookedAfter(child, ctx),
})

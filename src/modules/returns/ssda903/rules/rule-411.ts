/**
 * 411: a placement recorded as in area has the reporting authority as its placement LA. Both
 * are derived from the placement postcode, so this finds a reference table at odds with itself;
 * nothing is done when the reporting authority's code is not known.
 */
import { factRule } from './support-4xx-5xx.js'

export const rule411 = factRule({
  code: '411',
  message: 'Placement location code disagrees with LA of placement.',
  fact: 'location',
  applies: (_, __, ctx) => ctx.header.laCode !== null,
  faulty: (facts, ctx) => facts.location === 'IN' && facts.la !== ctx.header.laCode,
})

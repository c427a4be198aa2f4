/**
 * The synthetic local authority: a workforce of teams, and families whose children go through
 * children's social care — contacts, referrals, assessments, strategy discussions and section 47
 * enquiries, conferences, CP and CIN plans, care with its placements and legal statuses, reviews,
 * missing episodes, adoption, leaving care — as plain data, with no database.
 *
 * Everything is drawn from named random streams of the seed (see random.ts): family i is the same
 * whatever `children` is asked for, so a small authority is the start of a large one, and the
 * generator can stream England (700,000 children in need) one family at a time.
 *
 * Events are simulated forward in time and then cut at the end of the collection year
 * (`asOf`): nothing is dated after it, and whatever was still going on is left open. The returns
 * mapping (returns.ts) and, later, the database loader read the same records.
 */
import { makeFamily } from './population-family.js'
import type { AuthorityOptions, Child, Cohort, Context, Family, Workforce } from './population-model.js'
import { buildWorkforce } from './population-workforce.js'
import { streamFor, weighted } from './random.js'

export type * from './population-model.js'
export { buildWorkforce } from './population-workforce.js'
export { partialPostcode } from './population-dates.js'
export { periodStart } from './population-care.js'

const FAMILY_KIND = weighted<Cohort>([
  ['in-need', 10],
  ['contact-only', 34],
  ['care-leaver', 0.9],
])

/** The authority's families, one at a time, until `children` children in need have been generated. */
export function* generateFamilies(options: AuthorityOptions, workforce?: Workforce): Generator<Family> {
  const ctx: Context = {
    options,
    laCode: options.laCode ?? '883',
    workforce: workforce ?? buildWorkforce(options),
    yearStart: options.year.start,
    asOf: options.year.end,
  }
  let inNeed = 0
  let childIndex = 0
  for (let f = 0; inNeed < options.children; f++) {
    const random = streamFor(options.seed, 'family', f)
    const cohort = random.weighted(FAMILY_KIND)
    if (cohort === 'contact-only' && options.contactOnly === false) continue
    if (cohort === 'care-leaver' && options.careLeavers === false) continue
    const family = makeFamily(random, ctx, f, cohort, options.children - inNeed, childIndex)
    childIndex += family.children.length
    if (cohort === 'in-need') inNeed += family.children.length
    yield family
  }
}

/** Every child of the authority, one at a time (see `generateFamilies`). */
export function* generateChildren(options: AuthorityOptions, workforce?: Workforce): Generator<Child> {
  for (const family of generateFamilies(options, workforce)) yield* family.children
}

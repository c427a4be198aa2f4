/** A family — its adults and children — and each child's identity, journey and cut at the end of the year. */
import { ageOn, type IsoDate } from '../../platform/calendar/dates.js'
import { CIN_AGES, DISABILITIES, ETHNICITIES, HOME_DISTRICTS, UASC_ETHNICITIES } from './codes.js'
import { makeNhsNumber, makeUpn } from './identifiers.js'
import { FAMILY_NAMES, FAMILY_NAMES_UASC, GIVEN_NAMES_F, GIVEN_NAMES_M, GIVEN_NAMES_UASC } from './names.js'
import { afterCare, careLeaverJourney } from './population-care.js'
import { birthday, days, maxDate, postcode } from './population-dates.js'
import { contactOnlyJourney } from './population-frontdoor.js'
import type { Adult, Child, ChildSeed, Cohort, Context, Family, Sex } from './population-model.js'
import { inNeedJourney } from './population-referral.js'
import { type Random, streamFor, weighted } from './random.js'

export function makeFamily(
  random: Random,
  ctx: Context,
  index: number,
  cohort: Cohort,
  inNeedLeft: number,
  firstChild: number,
): Family {
  const uasc = cohort === 'in-need' && random.chance(0.04)
  const id = `F${String(index + 1).padStart(7, '0')}`
  const familyName = random.pick(uasc ? FAMILY_NAMES_UASC : FAMILY_NAMES)
  const home = postcode(random, random.pick(HOME_DISTRICTS))
  const adults: Adult[] = []
  if (!uasc && cohort !== 'care-leaver') {
    const motherAge = random.int(19, 45)
    adults.push({
      id: `${id}-A1`,
      role: 'mother',
      givenName: random.pick(GIVEN_NAMES_F),
      familyName,
      sex: 'F',
      dateOfBirth: random.dateBetween(
        days(ctx.yearStart, -(motherAge + 1) * 365),
        days(ctx.yearStart, -motherAge * 365),
      ),
    })
    if (random.chance(0.55)) {
      const role = random.chance(0.75) ? 'father' : 'step-parent'
      adults.push({
        id: `${id}-A2`,
        role,
        givenName: random.pick(GIVEN_NAMES_M),
        familyName: role === 'father' && random.chance(0.6) ? familyName : random.pick(FAMILY_NAMES),
        sex: 'M',
        dateOfBirth: random.dateBetween(days(ctx.yearStart, -50 * 365), days(ctx.yearStart, -20 * 365)),
      })
    }
    if (random.chance(0.08)) {
      adults.push({
        id: `${id}-A3`,
        role: 'grandparent',
        givenName: random.pick(GIVEN_NAMES_F),
        familyName,
        sex: 'F',
        dateOfBirth: random.dateBetween(days(ctx.yearStart, -75 * 365), days(ctx.yearStart, -45 * 365)),
      })
    }
  }
  let count = uasc || cohort === 'care-leaver' ? 1 : random.weighted(SIBLINGS)
  if (cohort === 'in-need') count = Math.min(count, inNeedLeft)
  // Siblings are usually referred together, by the same contact.
  const anchor = random.dateBetween(ctx.yearStart, days(ctx.asOf, -10))
  const children: Child[] = []
  for (let c = 0; c < count; c++) {
    const childRandom = streamFor(ctx.options.seed, 'family', index, 'child', c)
    const child = makeChild(childRandom, ctx, {
      index: firstChild + c,
      cohort,
      familyId: id,
      familyName,
      home,
      uasc,
      unborn: cohort === 'in-need' && c === count - 1 && count > 1 && childRandom.chance(0.08),
      anchor: c > 0 && childRandom.chance(0.7) ? anchor : null,
    })
    children.push(child)
  }
  return { index, id, familyName, postcode: home, adults, children }
}

const SIBLINGS = weighted<number>([
  [1, 45],
  [2, 30],
  [3, 15],
  [4, 7],
  [5, 3],
])

/** The child's sex and date of birth, or the expected date of an unborn child. */
function birthOf(
  random: Random,
  ctx: Context,
  seed: ChildSeed,
): { sex: Sex; dateOfBirth: IsoDate | null; expectedDateOfBirth: IsoDate | null } {
  const { yearStart, asOf } = ctx
  const sexRoll = random.next()
  let sex: Sex = seed.uasc ? (sexRoll < 0.92 ? 'M' : 'F') : sexRoll < 0.51 ? 'M' : sexRoll < 0.995 ? 'F' : 'U'
  let dateOfBirth: IsoDate | null
  let expectedDateOfBirth: IsoDate | null = null
  if (seed.cohort === 'care-leaver') {
    const age = random.int(18, 21)
    dateOfBirth = random.dateBetween(days(yearStart, -(age + 1) * 365 + 1), days(yearStart, -age * 365))
  } else if (seed.uasc) {
    dateOfBirth = random.dateBetween(days(yearStart, -18 * 365 + 60), days(yearStart, -14 * 365))
  } else if (seed.unborn) {
    // Expected between the last months of the year and the following December.
    const edd = random.dateBetween(days(asOf, -150), days(asOf, 240))
    // Born in the last weeks of the year, there would be no time left to be referred: still unborn.
    if (edd > days(asOf, -20)) {
      expectedDateOfBirth = maxDate(edd, days(asOf, 1))
      dateOfBirth = null
      sex = 'U'
    } else dateOfBirth = edd
  } else {
    const [lo, hi] = random.weighted(CIN_AGES)
    const age = random.int(lo, hi)
    dateOfBirth = random.dateBetween(days(yearStart, -(age + 1) * 365 + 1), days(yearStart, -age * 365))
  }
  return { sex, dateOfBirth, expectedDateOfBirth }
}

function makeChild(random: Random, ctx: Context, seed: ChildSeed): Child {
  const { yearStart, asOf } = ctx
  const { sex, dateOfBirth, expectedDateOfBirth } = birthOf(random, ctx, seed)
  const bornOrDue = (dateOfBirth ?? expectedDateOfBirth) as IsoDate
  const givenName = seed.uasc
    ? random.pick(GIVEN_NAMES_UASC)
    : random.pick(
        sex === 'F'
          ? GIVEN_NAMES_F
          : sex === 'M'
            ? GIVEN_NAMES_M
            : random.pick([GIVEN_NAMES_F, GIVEN_NAMES_M]),
      )
  const disabled = !seed.uasc && random.chance(0.12)
  const disabilities = disabled ? random.distinct(DISABILITIES, random.weighted(DISABILITY_COUNT)) : []

  // School-age children have a UPN; younger ones mostly not yet (UN1); UASC never attended school here (UN2).
  let upn: string | null = null
  let upnUnknown: string | null = null
  const ageAtStart = dateOfBirth ? ageOn(dateOfBirth, yearStart) : -1
  if (seed.uasc) upnUnknown = 'UN2'
  else if (ageAtStart >= 4 || (ageAtStart >= 2 && random.chance(0.3))) {
    upn = makeUpn(ctx.laCode, Number(birthday(dateOfBirth as IsoDate, 4).slice(0, 4)), seed.index)
  } else upnUnknown = 'UN1'

  const child: Child = {
    index: seed.index,
    laChildId: `${ctx.laCode}C${String(seed.index + 1).padStart(8, '0')}`,
    cohort: seed.cohort,
    familyId: seed.familyId,
    givenName,
    familyName: seed.familyName,
    sex,
    dateOfBirth,
    expectedDateOfBirth,
    dateOfDeath: null,
    ethnicity: random.weighted(seed.uasc ? UASC_ETHNICITIES : ETHNICITIES),
    disabilities,
    upn,
    upnUnknown,
    nhsNumber: seed.uasc && random.chance(0.3) ? null : dateOfBirth ? makeNhsNumber(random) : null,
    postcode: seed.home,
    motherOfChildBorn: null,
    uasc: seed.uasc ? { ceased: birthday(dateOfBirth as IsoDate, 18) } : null,
    contacts: [],
    referrals: [],
    care: [],
    lacReviews: [],
    missing: [],
    adoption: null,
    previousPermanence: null,
    socialWorkers: [],
    health: null,
    careLeaver: [],
  }

  if (seed.cohort === 'contact-only') contactOnlyJourney(random, ctx, child)
  else if (seed.cohort === 'care-leaver') careLeaverJourney(random, ctx, child)
  else inNeedJourney(random, ctx, child, bornOrDue, seed)

  cutAt(child, asOf)
  if (child.care.length > 0) afterCare(random, ctx, child)
  return child
}

const DISABILITY_COUNT = weighted<number>([
  [1, 55],
  [2, 30],
  [3, 15],
])

/** Drop what happens after `asOf` and leave open what was still going on then. */
function cutAt(child: Child, asOf: IsoDate): void {
  const after = (d: IsoDate | null): boolean => d !== null && d > asOf
  child.contacts = child.contacts.filter((c) => c.receivedOn <= asOf)
  for (const c of child.contacts) if (after(c.decidedOn)) c.decidedOn = asOf
  child.referrals = child.referrals.filter((r) => r.referralDate <= asOf)
  for (const r of child.referrals) {
    if (after(r.closureDate)) {
      r.closureDate = null
      r.closureReason = null
    }
    r.assessments = r.assessments.filter((a) => a.start <= asOf)
    for (const a of r.assessments) {
      if (after(a.authorised)) {
        a.authorised = null
        a.factors = []
      }
    }
    r.section47s = r.section47s.filter((s) => s.start <= asOf)
    for (const s of r.section47s) {
      if (after(s.completed)) {
        s.completed = null
        s.icpc = null
        s.icpcNotRequired = false
      }
    }
    r.cpPlans = r.cpPlans.filter((p) => p.start <= asOf)
    for (const p of r.cpPlans) {
      if (after(p.end)) p.end = null
      p.reviews = p.reviews.filter((d) => d <= asOf)
    }
    r.cinPlans = r.cinPlans.filter((p) => p.start <= asOf)
    for (const p of r.cinPlans) if (after(p.end)) p.end = null
  }
  child.care = child.care.filter((e) => e.start <= asOf)
  for (const e of child.care) {
    if (after(e.end)) {
      e.end = null
      e.reasonCeased = null
    }
  }
  child.lacReviews = child.lacReviews.filter((r) => r.date <= asOf)
  child.missing = child.missing.filter((m) => m.start <= asOf)
  for (const m of child.missing) if (after(m.end)) m.end = null
  child.socialWorkers = child.socialWorkers.filter((s) => s.start <= asOf)
  for (const s of child.socialWorkers) {
    if (after(s.end)) s.end = null
  }
  if (child.adoption) {
    const a = child.adoption
    if (after(a.decision)) child.adoption = null
    else {
      if (after(a.placementOrder)) a.placementOrder = null
      if (after(a.matched)) a.matched = null
      if (after(a.placed)) a.placed = null
      if (after(a.adopted)) a.adopted = null
    }
  }
  if (after(child.dateOfDeath)) child.dateOfDeath = null
}

/**
 * Adoption and special guardianship on a period of care, as plain dated records: the agency
 * decision maker's decision that the child should be placed for adoption, its reversal, and the
 * match with the prospective adopters. Pure: the code lists, the form's schema, the rules, the
 * milestones the care module's episodes already hold, and the adoption scorecard's intervals.
 *
 * Not recorded twice: the placement order is an episode's legal status E1, placed for adoption an
 * A3–A6 placement, the adoption order the end of care with E11 or E12, and a special guardianship
 * order the end of care with E45–E48 (whose code says who the guardians are).
 *
 * The rules follow the 903's, so what is recorded exports without errors: the decision on or
 * after care started and the child's birth (1003, 184), on or before the placement order and the
 * placement for adoption (554, 552); the match on or after the decision (333) and on or before the
 * placement (331); the reversal on or after the decision (522); the adopters' codes agreeing
 * (511, 514, 517–520, 524) and FOSTER_CARE agreeing with the placement type (335).
 */
import { z } from 'zod'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { toDayNumber } from '../../platform/calendar/working-days.js'
import { dayBoxes, optionalText, readDay, type Code, type Refusal } from './model.js'

/** REASON_PLACED_CEASED. */
export const REVERSAL_REASONS: readonly Code[] = [
  { code: 'RD1', label: 'The child’s needs changed' },
  { code: 'RD2', label: 'The court did not make a placement order' },
  { code: 'RD3', label: 'Prospective adopters could not be found' },
  { code: 'RD4', label: 'Any other reason' },
]

/** SEX_ADOPTR: one adopter (M1, F1) or a couple (MM, FF, MF). */
export const ADOPTER_SEXES: readonly Code[] = [
  { code: 'M1', label: 'A single male adopter' },
  { code: 'F1', label: 'A single female adopter' },
  { code: 'MM', label: 'A male couple' },
  { code: 'FF', label: 'A female couple' },
  { code: 'MF', label: 'A male and female couple' },
]

/** LS_ADOPTR. */
export const ADOPTER_LEGAL_STATUSES: readonly Code[] = [
  { code: 'L0', label: 'A single adopter' },
  { code: 'L11', label: 'A married couple of different sexes' },
  { code: 'L12', label: 'A married same-sex couple' },
  { code: 'L2', label: 'Civil partners' },
  { code: 'L3', label: 'An unmarried couple of different sexes' },
  { code: 'L4', label: 'An unmarried same-sex couple' },
]

/** REC: adopted (application unopposed, or consent dispensed with). */
export const ADOPTION_ORDERS: ReadonlySet<string> = new Set(['E11', 'E12'])

/** REC: special guardianship orders, and who the guardians are. */
export const SPECIAL_GUARDIANSHIP: Readonly<Record<string, string>> = {
  E45: 'Former foster carers who are relatives or friends',
  E46: 'Former foster carers who are not relatives or friends',
  E47: 'Relatives or friends who were not the child’s foster carers',
  E48: 'Carers who were not the child’s foster carers and are not relatives or friends',
}

export const ADOPTION_EVENT = 'care.adoption_recorded'
export const ADOPTION_AUDIT = 'care.adoption_record'

export interface AdoptionMatch {
  on: string
  adopters: 1 | 2
  sexes: string
  legalStatus: string
  byFosterCarers: boolean
}

export interface AdoptionInput {
  decision: { on: string; maker: string }
  reversal: { on: string; reason: string } | null
  match: AdoptionMatch | null
}

/** What the care module's episodes say of a period's road to adoption. */
export interface AdoptionMilestones {
  /** The first episode under a placement order (E1). */
  placementOrderOn: string | null
  /** The first placement for adoption (A3–A6), and its type. */
  placedOn: string | null
  placedPlace: string | null
  /**
   * The day the child moved in with the family who adopt: the placement for adoption, or for
   * foster carers who adopt (A3, A5) the day the child moved in with them as foster carers.
   */
  movedInOn: string | null
}

export interface EpisodeFacts {
  start: string
  rne: string
  legalStatus: string
  place: string
}

const ADOPTIVE = /^A[3-6]$/
/** A3 and A5: placed for adoption with the current foster carers. */
const WITH_FOSTER_CARERS = new Set(['A3', 'A5'])

/** The milestones in a period's episodes (in date order). */
export function adoptionMilestones(episodes: readonly EpisodeFacts[]): AdoptionMilestones {
  const order = episodes.find((e) => e.legalStatus === 'E1')
  const i = episodes.findIndex((e) => ADOPTIVE.test(e.place))
  const placed = episodes[i]
  let movedIn = placed?.start ?? null
  if (placed && WITH_FOSTER_CARERS.has(placed.place)) {
    // Back through the episodes with the same carers: a change of legal status only (L), or a
    // change of placement with the same carers (B, U), began nothing new with them.
    let k = i
    while (k > 0 && ['L', 'B', 'U'].includes((episodes[k] as EpisodeFacts).rne)) k--
    movedIn = (episodes[k] as EpisodeFacts).start
  }
  return {
    placementOrderOn: order?.start ?? null,
    placedOn: placed?.start ?? null,
    placedPlace: placed?.place ?? null,
    movedInOn: movedIn,
  }
}

const days = (from: string, to: string) => toDayNumber(to) - toDayNumber(from)

/**
 * The adoption scorecard's intervals for a period, in days (the former scorecard's A1/A10 and A2
 * for one child: the digest averages them). Entering care to moving in with the family who adopt
 * (from the foster placement's start when the foster carers adopt: A10's counting); placement
 * order to match, where both are recorded — a match before the order counts 0, the wait for the
 * order not being a wait for a family. Null where a date is missing.
 */
export function adoptionIntervals(p: {
  periodStart: string
  milestones: AdoptionMilestones
  matchedOn: string | null
}): { enteredCareToMovedIn: number | null; placementOrderToMatch: number | null } {
  const m = p.milestones
  return {
    enteredCareToMovedIn: m.movedInOn === null ? null : Math.max(0, days(p.periodStart, m.movedInOn)),
    placementOrderToMatch:
      m.placementOrderOn === null || p.matchedOn === null
        ? null
        : Math.max(0, days(m.placementOrderOn, p.matchedOn)),
  }
}

/** Why the adopters' codes disagree (903 rules 511, 514, 517–520, 524), or null. */
export function adopterCodesRefusal(
  m: Pick<AdoptionMatch, 'adopters' | 'sexes' | 'legalStatus'>,
): Refusal | null {
  const single = m.sexes === 'M1' || m.sexes === 'F1'
  if ((m.adopters === 1) !== single)
    return {
      field: 'sexes',
      message:
        m.adopters === 1
          ? 'One adopter is a single male or female adopter'
          : 'Two adopters are a male couple, a female couple or a male and female couple',
    }
  if ((m.legalStatus === 'L0') !== single)
    return {
      field: 'legalStatus',
      message: single ? 'A single adopter’s legal status is L0' : 'A couple’s legal status is not L0',
    }
  if ((m.legalStatus === 'L11' || m.legalStatus === 'L3') && m.sexes !== 'MF')
    return { field: 'legalStatus', message: 'A couple of different sexes is a male and female couple' }
  if ((m.legalStatus === 'L12' || m.legalStatus === 'L4') && m.sexes === 'MF')
    return { field: 'legalStatus', message: 'A same-sex couple is a male couple or a female couple' }
  return null
}

/** Why the record cannot be saved against the period as it stands, or null. */
export function adoptionRefusal(
  a: AdoptionInput,
  s: { periodStart: string; dateOfBirth: string | null; milestones: AdoptionMilestones },
): Refusal | null {
  const { on } = a.decision
  if (on < s.periodStart)
    return {
      field: 'decision-day',
      message: `The date of the decision must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
    }
  if (s.dateOfBirth !== null && on < s.dateOfBirth)
    return {
      field: 'decision-day',
      message: 'The date of the decision must be on or after the child’s date of birth',
    }
  const { placementOrderOn, placedOn, placedPlace } = s.milestones
  if (placementOrderOn !== null && on > placementOrderOn)
    return {
      field: 'decision-day',
      message: `The date of the decision must be on or before ${longDate(placementOrderOn)}, when the placement order was made`,
    }
  if (placedOn !== null && on > placedOn)
    return {
      field: 'decision-day',
      message: `The date of the decision must be on or before ${longDate(placedOn)}, when the child was placed for adoption`,
    }
  if (a.match) {
    if (a.match.on < on)
      return {
        field: 'match-day',
        message: `The date of the match must be on or after ${longDate(on)}, the date of the decision`,
      }
    if (placedOn !== null && a.match.on > placedOn)
      return {
        field: 'match-day',
        message: `The date of the match must be on or before ${longDate(placedOn)}, when the child was placed for adoption`,
      }
    const codes = adopterCodesRefusal(a.match)
    if (codes) return codes
    if (placedPlace !== null && WITH_FOSTER_CARERS.has(placedPlace) !== a.match.byFosterCarers)
      return {
        field: 'fosterCarers',
        message: a.match.byFosterCarers
          ? `The child was placed for adoption with other carers (${placedPlace}), not their foster carers`
          : `The child was placed for adoption with their foster carers (${placedPlace})`,
      }
  }
  if (a.reversal && a.reversal.on < on)
    return {
      field: 'reversal-day',
      message: `The date the decision was reversed must be on or after ${longDate(on)}, the date of the decision`,
    }
  return null
}

/**
 * Why care cannot end so, given the period's adoption record and milestones, or null. An adoption
 * order needs the decision standing and the match recorded (903 rules 558, 601); any other ending
 * of a child with a decision standing, or under a placement order or placed for adoption, needs
 * the decision's reversal first (557).
 */
export function adoptionEndRefusal(
  record: { decidedOn: string; reversedOn: string | null; matchedOn: string | null } | null,
  milestones: AdoptionMilestones,
  end: { date: string; reason: string },
): Refusal | null {
  if (end.reason === 'X1') return null
  if (ADOPTION_ORDERS.has(end.reason)) {
    if (record === null || record.reversedOn !== null)
      return {
        field: 'reason',
        message: 'Record the decision that the child should be placed for adoption before the adoption order',
      }
    if (record.matchedOn === null)
      return { field: 'reason', message: 'Record the match with the adopters before the adoption order' }
    if (milestones.placedOn === null)
      return {
        field: 'reason',
        message: 'Record the placement for adoption (A3 to A6) before the adoption order',
      }
    return null
  }
  const standing = record !== null && record.reversedOn === null
  const adoptive = milestones.placementOrderOn !== null || milestones.placedOn !== null
  if (standing || (adoptive && record === null))
    return {
      field: 'reason',
      message:
        'Record that the child should no longer be placed for adoption, with the reason, before care ends other than by adoption',
    }
  return null
}

const codeWords = (list: readonly Code[], code: string) => list.find((c) => c.code === code)?.label ?? code

/** The chronology's line for the record as saved. */
export function adoptionSummary(a: AdoptionInput): string {
  const parts = [`Decision that the child should be placed for adoption, ${longDate(a.decision.on)}`]
  if (a.match)
    parts.push(
      `matched with ${codeWords(ADOPTER_SEXES, a.match.sexes).replace(/^A /, 'a ')}${a.match.byFosterCarers ? ' (their foster carers)' : ''} ${longDate(a.match.on)}`,
    )
  if (a.reversal)
    parts.push(
      `decision reversed ${longDate(a.reversal.on)}: ${codeWords(REVERSAL_REASONS, a.reversal.reason).toLowerCase()}`,
    )
  return `Adoption recorded: ${parts.join('; ')}`
}

const oneOf = (list: readonly Code[]) => list.map((c) => c.code)

export function adoptionSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...dayBoxes('decision'),
      decisionMaker: optionalText('The decision maker', 200),
      reversed: z.string().optional(),
      ...dayBoxes('reversal'),
      reversalReason: z.string().optional(),
      matched: z.string().optional(),
      ...dayBoxes('match'),
      adopters: z.string().optional(),
      sexes: z.string().optional(),
      legalStatus: z.string().optional(),
      fosterCarers: z.string().optional(),
    })
    .transform((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      const decided = readDay(
        v,
        'decision',
        ctx,
        { missing: 'Enter the date of the decision', name: 'The date of the decision' },
        today,
      )
      if (v.decisionMaker === null) issue('decisionMaker', 'Enter the agency decision maker')
      let match: AdoptionMatch | null = null
      if (v.matched === 'yes') {
        const on = readDay(
          v,
          'match',
          ctx,
          { missing: 'Enter the date of the match', name: 'The date of the match' },
          today,
        )
        const adopters = v.adopters === '1' ? 1 : v.adopters === '2' ? 2 : null
        if (adopters === null) issue('adopters', 'Select how many adopters')
        const sexes = oneOf(ADOPTER_SEXES).includes(v.sexes ?? '') ? (v.sexes as string) : null
        if (sexes === null) issue('sexes', 'Select the adopters’ sex')
        const legalStatus = oneOf(ADOPTER_LEGAL_STATUSES).includes(v.legalStatus ?? '')
          ? (v.legalStatus as string)
          : null
        if (legalStatus === null) issue('legalStatus', 'Select the adopters’ legal status')
        const foster = v.fosterCarers === 'yes' ? true : v.fosterCarers === 'no' ? false : null
        if (foster === null)
          issue('fosterCarers', 'Select whether the adopters are the child’s foster carers')
        if (on !== null && adopters !== null && sexes !== null && legalStatus !== null && foster !== null)
          match = { on, adopters, sexes, legalStatus, byFosterCarers: foster }
      } else if (v.matched !== 'no')
        issue('matched', 'Select whether the child has been matched with adopters')
      let reversal: AdoptionInput['reversal'] = null
      if (v.reversed === 'yes') {
        const on = readDay(
          v,
          'reversal',
          ctx,
          { missing: 'Enter the date the decision was reversed', name: 'The date the decision was reversed' },
          today,
        )
        const reason = oneOf(REVERSAL_REASONS).includes(v.reversalReason ?? '')
          ? (v.reversalReason as string)
          : null
        if (reason === null)
          issue('reversalReason', 'Select why the child should no longer be placed for adoption')
        if (on !== null && reason !== null) reversal = { on, reason }
      } else if (v.reversed !== 'no') issue('reversed', 'Select whether the decision has been reversed')
      if (ctx.issues.length > 0 || decided === null) return z.NEVER
      return { decision: { on: decided, maker: v.decisionMaker as string }, reversal, match } as AdoptionInput
    })
}

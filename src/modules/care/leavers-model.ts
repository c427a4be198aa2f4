/**
 * Care leavers' contact around their 17th to 21st birthdays: the SSDA903's OC3. Pure: who is a
 * care leaver the return asks about, which birthdays, the window a contact counts in, the codes
 * and the form's schema.
 *
 * Who (the 903's relevant and former relevant children, as its rules 1001, 1000, 1011, 1007 and
 * 1016 test them): looked after for at least 13 weeks (91 days) in all since the 14th birthday,
 * some of it after the 16th, short breaks (V3, V4) not counted; not adopted (E11, E12), not died
 * in care (E2), not taken over by another authority (E3); and no longer looked after. A birthday
 * is asked about only when care ended before it: a young person still looked after on their
 * 17th or 18th birthday, or who left care on or after it, has nothing returned for it.
 *
 * When: the DfE's guide asks whether the authority was in touch with the young person from 3
 * months before to 1 month after the birthday; a contact is dated in that window.
 */
import { z } from 'zod'
import { addMonths, addYears, londonToday, longDate, type IsoDate } from '../../platform/calendar/dates.js'
import { toDayNumber } from '../../platform/calendar/working-days.js'
import { dayBoxes, readDay, type Code, type Refusal } from './model.js'

export const IN_TOUCH: readonly Code[] = [
  { code: 'YES', label: 'Yes, in touch' },
  { code: 'NO', label: 'No, not in touch' },
  { code: 'REFU', label: 'The young person refuses contact' },
  { code: 'NREQ', label: 'The young person no longer needs services' },
  { code: 'RHOM', label: 'Returned home to their parents for 6 months or more' },
  { code: 'DIED', label: 'The young person has died' },
]

/** ACTIV: what the young person is doing (asked only when in touch). */
export const ACTIVITIES: readonly Code[] = [
  { code: 'F1', label: 'Full-time higher education' },
  { code: 'P1', label: 'Part-time higher education' },
  { code: 'F2', label: 'Full-time other education' },
  { code: 'P2', label: 'Part-time other education' },
  { code: 'F4', label: 'Full-time training or apprenticeship' },
  { code: 'P4', label: 'Part-time training or apprenticeship' },
  { code: 'F5', label: 'Full-time employment' },
  { code: 'P5', label: 'Part-time employment' },
  { code: 'G4', label: 'Not in education, employment or training: illness or disability' },
  { code: 'G5', label: 'Not in education, employment or training: other reasons' },
  { code: 'G6', label: 'Not in education, employment or training: pregnancy or parenting' },
]

/** ACCOM's letter: where the young person lives (asked only when in touch). */
export const ACCOMMODATION: readonly Code[] = [
  { code: 'B', label: 'With parents or relatives' },
  { code: 'C', label: 'Community home or other residential care' },
  { code: 'D', label: 'Semi-independent, transitional accommodation' },
  { code: 'E', label: 'Supported lodgings' },
  { code: 'G', label: 'Gone abroad' },
  { code: 'H', label: 'Deported' },
  { code: 'K', label: 'Ordinary lodgings, without formal support' },
  { code: 'R', label: 'Residence not known' },
  { code: 'S', label: 'No fixed abode or homeless' },
  { code: 'T', label: 'Foyers and similar supported accommodation' },
  { code: 'U', label: 'Independent living' },
  { code: 'V', label: 'Emergency accommodation' },
  { code: 'W', label: 'Bed and breakfast' },
  { code: 'X', label: 'In custody' },
  { code: 'Y', label: 'Other accommodation' },
  { code: 'Z', label: 'With former foster carers' },
]

/** Homeless and in custody are never suitable (the 903 has only S2 and X2, rule 133). */
export const NEVER_SUITABLE: ReadonlySet<string> = new Set(['S', 'X'])

export const LEAVER_AUDIT = 'care.leaver_contact_record'
export const LEAVER_EVENT = 'care_leaver.contact_recorded'

/** The ages the 903 asks about. */
export const LEAVER_AGES = [17, 18, 19, 20, 21] as const

/** An episode of care as the rules need it. */
export interface CareSpan {
  start: IsoDate
  end: IsoDate | null
  legalStatus: string
}

const SHORT_BREAKS: ReadonlySet<string> = new Set(['V3', 'V4'])
const NOT_LEAVERS: Readonly<Record<string, string>> = {
  E11: 'was adopted',
  E12: 'was adopted',
  E2: 'died while looked after',
  E3: 'had their care taken over by another authority, which keeps in touch',
}

export type LeaverStatus =
  | { leaver: true }
  | { leaver: false; why: 'looked_after' | 'never' | 'no_birth_date' | 'too_short' }
  | { leaver: false; why: 'ended'; ended: string }

const days = (from: IsoDate, to: IsoDate) => Math.max(0, toDayNumber(to) - toDayNumber(from))
const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b)

/**
 * Whether the young person is a care leaver the 903 asks about: episodes in date order, the
 * reason the last period ended, and whether a period is open.
 */
export function leaverStatus(
  dateOfBirth: IsoDate | null,
  episodes: readonly CareSpan[],
  lastReasonCeased: string | null,
): LeaverStatus {
  if (episodes.length === 0) return { leaver: false, why: 'never' }
  if (episodes.some((e) => e.end === null)) return { leaver: false, why: 'looked_after' }
  if (dateOfBirth === null) return { leaver: false, why: 'no_birth_date' }
  const ended = lastReasonCeased === null ? undefined : NOT_LEAVERS[lastReasonCeased]
  if (ended) return { leaver: false, why: 'ended', ended }
  const from14 = addYears(dateOfBirth, 14)
  const from16 = addYears(dateOfBirth, 16)
  let since14 = 0
  let since16 = 0
  for (const e of episodes) {
    if (SHORT_BREAKS.has(e.legalStatus)) continue
    const end = e.end as IsoDate
    since14 += days(later(e.start, from14), end)
    since16 += days(later(e.start, from16), end)
  }
  return since14 >= 91 && since16 >= 1 ? { leaver: true } : { leaver: false, why: 'too_short' }
}

export interface LeaverBirthday {
  age: number
  birthday: IsoDate
  /** The window a contact is dated in: 3 months before to 1 month after the birthday. */
  from: IsoDate
  to: IsoDate
  /** Care ended before the birthday, so the 903 asks about it. */
  asked: boolean
}

export const contactWindow = (birthday: IsoDate) => ({
  from: addMonths(birthday, -3),
  to: addMonths(birthday, 1),
})

/** Each birthday from the 17th to the 21st, and whether the 903 asks about it. */
export function leaverBirthdays(dateOfBirth: IsoDate, careEnded: IsoDate): LeaverBirthday[] {
  return LEAVER_AGES.map((age) => {
    const birthday = addYears(dateOfBirth, age)
    return { age, birthday, ...contactWindow(birthday), asked: careEnded < birthday }
  })
}

/** The birthdays a contact may be recorded for today: asked about, their window open. */
export const recordableBirthdays = (birthdays: readonly LeaverBirthday[], today: IsoDate) =>
  birthdays.filter((b) => b.asked && b.from <= today)

export interface LeaverContactInput {
  age: number
  contactOn: IsoDate
  inTouch: string
  activity: string
  accommodation: string
}

/**
 * Why the contact cannot be recorded for that birthday, or null. Beyond the window: at 17 a young
 * person does not live with former foster carers (rule 3001: staying put begins at 18), and one
 * recorded as having died at an earlier birthday is recorded so at every later one (rule 348).
 */
export function leaverContactRefusal(
  input: LeaverContactInput,
  s: {
    birthdays: readonly LeaverBirthday[]
    careEnded: IsoDate
    earlier?: readonly { age: number; inTouch: string }[]
  },
): Refusal | null {
  const b = s.birthdays.find((x) => x.age === input.age)
  if (!b || !b.asked)
    return {
      field: 'age',
      message: `The SSDA903 asks nothing about the ${ordinal(input.age)} birthday: the young person was still looked after on it`,
    }
  if (input.contactOn < b.from || input.contactOn > b.to)
    return {
      field: 'contact-day',
      message: `The date must be from ${longDate(b.from)} to ${longDate(b.to)}: 3 months before to 1 month after the ${ordinal(b.age)} birthday`,
    }
  if (input.contactOn < s.careEnded)
    return {
      field: 'contact-day',
      message: `The date must be on or after ${longDate(s.careEnded)}, when care ended`,
    }
  if (input.age === 17 && input.accommodation.startsWith('Z'))
    return {
      field: 'accommodation',
      message:
        'At 17 a young person who has left care does not live with their former foster carers: staying put begins at 18',
    }
  const died = (s.earlier ?? []).find((c) => c.age < input.age && c.inTouch === 'DIED')
  if (died && input.inTouch !== 'DIED')
    return {
      field: 'inTouch',
      message: `The young person was recorded as having died at their ${ordinal(died.age)} birthday`,
    }
  return null
}

export const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`

const label = (list: readonly Code[], code: string) => list.find((c) => c.code === code)?.label ?? code

/** The record in words: the chronology's line and the care page's. */
export function leaverContactWords(c: {
  age: number
  inTouch: string
  activity: string
  accommodation: string
}) {
  const touch = label(IN_TOUCH, c.inTouch)
  if (c.inTouch !== 'YES') return `${ordinal(c.age)} birthday: ${touch.toLowerCase()}`
  const letter = c.accommodation.charAt(0)
  const suitable = c.accommodation.endsWith('1') ? 'suitable' : 'not suitable'
  return `${ordinal(c.age)} birthday: in touch; ${label(ACTIVITIES, c.activity).toLowerCase()}; ${label(ACCOMMODATION, letter).toLowerCase()} (${suitable})`
}

export function leaverContactSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      age: z.string().optional(),
      ...dayBoxes('contact'),
      inTouch: z.string().optional(),
      activity: z.string().optional(),
      accommodation: z.string().optional(),
      suitable: z.string().optional(),
    })
    .transform((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      const age = Number(v.age)
      if (!LEAVER_AGES.includes(age as (typeof LEAVER_AGES)[number]))
        issue('age', 'Select the birthday this contact is about')
      const contactOn = readDay(
        v,
        'contact',
        ctx,
        { missing: 'Enter the date of the contact', name: 'The date of the contact' },
        today,
      )
      const inTouch = IN_TOUCH.some((c) => c.code === v.inTouch) ? (v.inTouch as string) : null
      if (inTouch === null) issue('inTouch', 'Select whether you were in touch with the young person')
      let activity = '0'
      let accommodation = '0'
      if (inTouch === 'YES') {
        if (ACTIVITIES.some((c) => c.code === v.activity)) activity = v.activity as string
        else issue('activity', 'Select what the young person is doing')
        const letter = ACCOMMODATION.some((c) => c.code === v.accommodation)
          ? (v.accommodation as string)
          : null
        if (letter === null) issue('accommodation', 'Select where the young person lives')
        else if (v.suitable !== 'yes' && v.suitable !== 'no')
          issue('suitable', 'Select whether the accommodation is suitable')
        else if (v.suitable === 'yes' && NEVER_SUITABLE.has(letter))
          issue('suitable', `${label(ACCOMMODATION, letter)} is never counted as suitable accommodation`)
        else accommodation = `${letter}${v.suitable === 'yes' ? '1' : '2'}`
      }
      if (ctx.issues.length > 0 || contactOn === null || inTouch === null) return z.NEVER
      return { age, contactOn, inTouch, activity, accommodation } as LeaverContactInput
    })
}

/**
 * The emergency duty team's record of its out-of-hours work, and the contact the MASH makes from
 * it the next morning. Pure: the form and the mapping, no I/O.
 */
import { z } from 'zod'
import { londonInstant, type IsoDate } from '../../platform/calendar/dates.js'
import type { OutOfHoursChild, OutOfHoursRecordTable } from '../../platform/db/schema.js'
import { CONSENT, REFERRAL_SOURCES, type ContactDetails } from './model.js'
import { optionalText, pastDate } from './transfer-model.js'

/** The children a caller may name on one record (more go on a second). */
export const OUT_OF_HOURS_CHILDREN = 4

const requiredText = (max: number, missing: string, tooLong: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong)

const yesNo = (missing: string) =>
  z
    .string({ error: missing })
    .refine((v) => v === 'yes' || v === 'no', missing)
    .transform((v) => v === 'yes')

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

const childFields = Object.fromEntries(
  Array.from({ length: OUT_OF_HOURS_CHILDREN }, (_, i) => [
    [`child${i + 1}Name`, optionalText(200, `Child ${i + 1}’s name must be 200 characters or fewer`)],
    [
      `child${i + 1}Birth`,
      optionalText(40, `Child ${i + 1}’s date of birth or age must be 40 characters or fewer`),
    ],
    [`child${i + 1}Address`, optionalText(300, `Child ${i + 1}’s address must be 300 characters or fewer`)],
  ]).flat(),
) as Record<string, ReturnType<typeof optionalText>>

/** The EDT's form. `now` bounds the call's date and time: not in the future. */
export function outOfHoursSchema(today: IsoDate, now: Date) {
  return z
    .object({
      calledTime: z.string().trim().default(''),
      callerName: optionalText(200, 'The caller’s name must be 200 characters or fewer'),
      callerRole: optionalText(200, 'The caller’s role must be 200 characters or fewer'),
      referralSource: z
        .string({ error: 'Select who called' })
        .refine((v) => REFERRAL_SOURCES.some((s) => s.code === v), 'Select who called')
        .transform((v) => v as OutOfHoursRecordTable['referral_source']),
      ...childFields,
      whatHappened: requiredText(
        10_000,
        'Enter what happened',
        'What happened must be 10,000 characters or fewer',
      ),
      actionTaken: requiredText(
        4000,
        'Enter what the team did',
        'What the team did must be 4,000 characters or fewer',
      ),
      adviceGiven: optionalText(4000, 'Advice given must be 4,000 characters or fewer'),
      policeInvolved: yesNo('Select whether the police were involved'),
      healthInvolved: yesNo('Select whether health services were involved'),
      consent: z
        .string({ error: 'Select whether the family consented to the MASH being told' })
        .refine(
          (v) => CONSENT.some((c) => c.code === v),
          'Select whether the family consented to the MASH being told',
        )
        .transform((v) => v as OutOfHoursRecordTable['consent']),
      handover: requiredText(
        4000,
        'Enter what the MASH needs to do next',
        'What the MASH needs to do must be 4,000 characters or fewer',
      ),
    })
    .superRefine((v, ctx) => {
      const named = v as unknown as Record<string, string | null | undefined>
      if (
        Array.from({ length: OUT_OF_HOURS_CHILDREN }, (_, i) => named[`child${i + 1}Name`]).every((n) => !n)
      )
        ctx.addIssue({
          code: 'custom',
          path: ['child1Name'],
          message: 'Enter the name of at least one child',
        })
      if (!TIME.test(v.calledTime))
        ctx.addIssue({
          code: 'custom',
          path: ['calledTime'],
          message: 'Enter the time of the call, like 23:30',
        })
    })
    .and(pastDate(today, 'called', 'date of the call', true).transform((calledOn) => ({ calledOn })))
    .transform((v, ctx) => {
      const given = v as unknown as Record<string, string | null | undefined>
      const children: OutOfHoursChild[] = []
      for (let i = 1; i <= OUT_OF_HOURS_CHILDREN; i++) {
        const name = given[`child${i}Name`] ?? null
        if (name !== null)
          children.push({
            name,
            birth: given[`child${i}Birth`] ?? null,
            address: given[`child${i}Address`] ?? null,
          })
      }
      if (children.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['child1Name'],
          message: 'Enter the name of at least one child',
        })
      const time = TIME.exec(v.calledTime)
      if (time === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['calledTime'],
          message: 'Enter the time of the call, like 23:30',
        })
        return z.NEVER
      }
      if (v.calledOn === null || children.length === 0) return z.NEVER
      const calledAt = londonInstant(v.calledOn, `${(time[1] ?? '').padStart(2, '0')}:${time[2]}`)
      if (calledAt.getTime() > now.getTime() + 60_000) {
        ctx.addIssue({
          code: 'custom',
          path: ['called-day'],
          message: 'The date and time of the call must be in the past',
        })
        return z.NEVER
      }
      return {
        calledAt,
        callerName: v.callerName,
        callerRole: v.callerRole,
        referralSource: v.referralSource,
        children,
        whatHappened: v.whatHappened,
        actionTaken: v.actionTaken,
        adviceGiven: v.adviceGiven,
        policeInvolved: v.policeInvolved,
        healthInvolved: v.healthInvolved,
        consent: v.consent,
        handover: v.handover,
      }
    })
}

export type OutOfHoursInput = z.output<ReturnType<typeof outOfHoursSchema>>

export const OUT_OF_HOURS_FIELD_IDS = { 'called-day': 'called-day' }

/**
 * The contact the MASH makes from a record: received when the team took the call, out of hours,
 * with what the team did and advised and its handover as the out-of-hours action, the children as
 * the caller named them for the screener to find.
 */
export function contactFromOutOfHours(r: {
  called_at: Date
  caller_name: string | null
  caller_role: string | null
  referral_source: OutOfHoursRecordTable['referral_source']
  what_happened: string
  action_taken: string
  advice_given: string | null
  police_involved: boolean
  health_involved: boolean
  consent: OutOfHoursRecordTable['consent']
  handover: string
}): { details: ContactDetails; receivedAt: Date } {
  const involved = [r.police_involved ? 'police' : null, r.health_involved ? 'health' : null].filter(Boolean)
  const action = [
    `What the team did: ${r.action_taken}`,
    r.advice_given ? `Advice given: ${r.advice_given}` : null,
    `Involved: ${involved.length ? involved.join(' and ') : 'neither police nor health'}.`,
    `Handover to the MASH: ${r.handover}`,
  ]
    .filter(Boolean)
    .join('\n')
  return {
    receivedAt: r.called_at,
    details: {
      channel: 'phone',
      outOfHours: true,
      outOfHoursAction: action.slice(0, 4000),
      referralSource: r.referral_source,
      referrerName: r.caller_name,
      referrerRole: r.caller_role,
      referrerAgencyId: null,
      referrerPhone: null,
      referrerEmail: null,
      reason: r.what_happened,
      presentingNeeds: [],
      consent: r.consent,
      consentReason:
        r.consent === 'not_sought_risk' || r.consent === 'overridden'
          ? 'Recorded by the emergency duty team out of hours: see what the team did.'
          : null,
    },
  }
}

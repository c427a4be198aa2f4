/** Administration forms: merging duplicate records; agencies, teams and staff. Pure: no I/O. */
import { z } from 'zod'
import { AGENCY_KINDS, codesOf, REFERRAL_SOURCES, TEAM_KINDS, type AgencyKind } from './codes.js'
import { reasonText, text } from './form-fields.js'

const positiveId = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,15}$/, message)
    .transform(Number)

/** Which record to keep and which is the duplicate, by record id. */
export const mergePairSchema = z
  .object({
    keep: positiveId('Enter the ID of the record to keep'),
    duplicate: positiveId('Enter the ID of the duplicate record'),
  })
  .refine((v) => v.keep !== v.duplicate, {
    path: ['duplicate'],
    message: 'Enter a different record from the one to keep',
  })

export const mergeSchema = z
  .object({
    keep: positiveId('Enter the ID of the record to keep'),
    duplicate: positiveId('Enter the ID of the duplicate record'),
    reason: reasonText('the records are being merged'),
    confirmConflict: z
      .string()
      .optional()
      .transform((v) => v === 'yes'),
  })
  .refine((v) => v.keep !== v.duplicate, {
    path: ['duplicate'],
    message: 'Enter a different record from the one to keep',
  })

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const agencySchema = z.object({
  name: z
    .string({ error: 'Enter the agency’s name' })
    .trim()
    .min(1, 'Enter the agency’s name')
    .max(200, 'The name must be 200 characters or fewer'),
  kind: z
    .string({ error: 'Select the kind of agency' })
    .refine((v) => codesOf(AGENCY_KINDS).includes(v), 'Select the kind of agency')
    .transform((v) => v as AgencyKind),
  referralSource: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine(
      (v) => v === null || codesOf(REFERRAL_SOURCES).includes(v),
      'Select a referral source from the list',
    ),
  phone: text(40, 'The phone number must be 40 characters or fewer').refine(
    (v) => v === null || /^[0-9 +()-]{6,40}$/.test(v),
    'Enter a phone number, like 01375 652 802',
  ),
  email: text(200, 'The email address must be 200 characters or fewer').refine(
    (v) => v === null || EMAIL.test(v),
    'Enter an email address in the correct format, like mash@police.example',
  ),
})
export type AgencyInput = z.output<typeof agencySchema>

export const teamSchema = z.object({
  name: z
    .string({ error: 'Enter the team’s name' })
    .trim()
    .min(1, 'Enter the team’s name')
    .max(100, 'The name must be 100 characters or fewer'),
  kind: z
    .string({ error: 'Select the kind of team' })
    .refine((v) => codesOf(TEAM_KINDS).includes(v), 'Select the kind of team'),
})
export type TeamInput = z.output<typeof teamSchema>

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,15}$/.test(v) ? Number(v) : null))

export const teamManagerSchema = z.object({ managerId: optionalId })

/**
 * A social worker's Social Work England registration number: SW and its digits, as the SSDA903
 * reports it (SW_ID). Written with spaces or in lower case it is tidied; left blank it is not held.
 */
export const SW_REGISTRATION = /^SW[0-9]{1,10}$/

export const swRegistrationField = z
  .string()
  .optional()
  .transform((v) => (v ?? '').replace(/\s+/g, '').toUpperCase())
  .refine((v) => v === '' || SW_REGISTRATION.test(v), {
    message: 'Enter the registration number as SW followed by numbers, like SW123456',
  })
  .transform((v) => (v === '' ? null : v))

/** A member of staff's team, agency (for partner practitioners), job title and registration number. */
export const staffSchema = z.object({
  teamId: optionalId,
  agencyId: optionalId,
  jobTitle: text(100, 'The job title must be 100 characters or fewer'),
  swRegistration: swRegistrationField,
})
export type StaffInput = z.output<typeof staffSchema>

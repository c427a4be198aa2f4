/**
 * Documents and money for a child looked after (issue 17; seeds 002–004 §2.13, §5.12): the birth
 * certificate, a passport or Home Office document, the National Insurance number and a bank or
 * savings account. Ofsted found the 83 children without both identity documents only by hand; this
 * is the rule that finds them. Pure: the items and their kinds, what counts as held on a day, who
 * is on the list (looked after more than 4 weeks, lacking something), the forms' schemas and the
 * words of a record.
 */
import { z } from 'zod'
import { addCalendarDays, ageOn, londonToday, longDate } from '../../platform/calendar/dates.js'
import { toDayNumber } from '../../platform/calendar/working-days.js'
import type { CareDocumentItem, CareDocumentStatus } from '../../platform/db/schema.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { dayBoxes, optionalText, readDay } from './model.js'

export type { CareDocumentItem as DocumentItem, CareDocumentStatus as DocumentStatus }

/** The case event each record writes (its line on the chronology says what changed). */
export const DOCUMENT_EVENT = 'care_document.recorded'

/** Its line is written when it is recorded, at the moment it was: what the child now holds. */
export const DOCUMENTS_CHRONOLOGY: ChronologyPresenter = {
  types: ['care_document.*'],
  summary: (event: ChronologyEvent) => event.summary,
}

/** The items in the order the pages show them, with their names. */
export const DOCUMENT_ITEMS = {
  birth_certificate: 'Birth certificate',
  identity_document: 'Passport or Home Office document',
  ni_number: 'National Insurance number',
  account: 'Bank or savings account',
} as const satisfies Record<CareDocumentItem, string>
export const ITEM_ORDER = Object.keys(DOCUMENT_ITEMS) as CareDocumentItem[]

/** Each item as something lacking: "without a birth certificate". */
export const LACKING_WORDS = {
  birth_certificate: 'a birth certificate',
  identity_document: 'a passport or Home Office document',
  ni_number: 'a National Insurance number',
  account: 'a bank or savings account',
} as const satisfies Record<CareDocumentItem, string>

/** Each item's form, under `/children/:id/care/documents/`. */
export const ITEM_PATHS = {
  birth_certificate: 'birth-certificate',
  identity_document: 'identity-document',
  ni_number: 'ni-number',
  account: 'account',
} as const satisfies Record<CareDocumentItem, string>

/** A passport, or the Home Office's document for a child who is not a British citizen. */
export const IDENTITY_KINDS = {
  passport: 'Passport',
  biometric_residence: 'Home Office biometric residence permit or card',
  arc: 'Home Office Application Registration Card (ARC)',
} as const
export type IdentityKind = keyof typeof IDENTITY_KINDS

export const ACCOUNT_KINDS = {
  bank_account: 'Bank account',
  junior_isa: 'Junior ISA',
  savings_account: 'Savings account',
  child_trust_fund: 'Child Trust Fund',
} as const
export type AccountKind = keyof typeof ACCOUNT_KINDS

/** A child on the list has been looked after more than this many days (4 weeks): 28 is not enough. */
export const LIST_AFTER_DAYS = 28
/** An NI number is expected from the child's 16th birthday (HMRC sends it just before). */
export const NI_NUMBER_FROM_AGE = 16

/** Whole days from the start of the current period of care to today: 0 on the day care began. */
export const daysLookedAfter = (since: string, today: string) => toDayNumber(today) - toDayNumber(since)

/** Looked after continuously for more than 4 weeks: exactly 28 days is not, 29 is. */
export const lookedAfterOverFourWeeks = (since: string, today: string) =>
  daysLookedAfter(since, today) > LIST_AFTER_DAYS

/** The latest start of care that puts a child on the list today (the list's query reads it). */
export const latestListedStart = (today: string) => addCalendarDays(today, -(LIST_AFTER_DAYS + 1))

/** How long the child has been looked after, in words: "3 weeks and 2 days", "1 year and 4 months". */
export function lookedAfterFor(since: string, today: string): string {
  const days = daysLookedAfter(since, today)
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (days < 7) return days === 0 ? 'less than a day' : plural(days, 'day')
  if (days < 13 * 7) {
    const [weeks, rest] = [Math.floor(days / 7), days % 7]
    return rest === 0 ? plural(weeks, 'week') : `${plural(weeks, 'week')} and ${plural(rest, 'day')}`
  }
  let months = (Number(today.slice(0, 4)) - Number(since.slice(0, 4))) * 12
  months += Number(today.slice(5, 7)) - Number(since.slice(5, 7))
  if (today.slice(8) < since.slice(8)) months -= 1
  const years = Math.floor(months / 12)
  if (years === 0) return plural(months, 'month')
  return months % 12 === 0
    ? plural(years, 'year')
    : `${plural(years, 'year')} and ${plural(months % 12, 'month')}`
}

/** The latest state of each item, as `care_documents_v` has it (null: nothing recorded). */
export interface DocumentsState {
  birth_certificate: CareDocumentStatus | null
  identity_document: CareDocumentStatus | null
  identity_document_expires_on: string | null
  ni_number: CareDocumentStatus | null
  account: CareDocumentStatus | null
}

/** Whether the NI number is expected yet: from 16. Without a date of birth, no age to judge by. */
export const niNumberExpected = (dateOfBirth: string | null, today: string) =>
  dateOfBirth !== null && ageOn(dateOfBirth, today) >= NI_NUMBER_FROM_AGE

/**
 * Whether the item counts as held today: recorded as held (applied for is not held), and an
 * identity document not past its expiry (valid through the day it expires).
 */
export function isHeld(state: DocumentsState, item: CareDocumentItem, today: string): boolean {
  if (state[item] !== 'held') return false
  if (item !== 'identity_document') return true
  const expires = state.identity_document_expires_on
  return expires === null || expires >= today
}

/** What the child lacks today, in the pages' order: the NI number only from 16. */
export function documentsLacking(
  state: DocumentsState,
  child: { dateOfBirth: string | null },
  today: string,
): CareDocumentItem[] {
  return ITEM_ORDER.filter((item) => {
    if (item === 'ni_number' && !niNumberExpected(child.dateOfBirth, today)) return false
    return !isHeld(state, item, today)
  })
}

/** One record of an item, as the forms give it and the table keeps it. */
export interface DocumentRecord {
  item: CareDocumentItem
  status: CareDocumentStatus
  kind: string | null
  keptAt: string | null
  appliedOn: string | null
  issuedOn: string | null
  expiresOn: string | null
  receivedOn: string | null
  openedOn: string | null
  provider: string | null
}

const kindName = (kind: string | null) =>
  kind === null
    ? ''
    : ((IDENTITY_KINDS as Record<string, string>)[kind] ??
      (ACCOUNT_KINDS as Record<string, string>)[kind] ??
      kind)

/** A record in words: "Passport held: issued 3 May 2024, expires 3 May 2029". */
export function documentWords(r: {
  item: CareDocumentItem
  status: CareDocumentStatus
  kind: string | null
  keptAt: string | null
  appliedOn: string | null
  issuedOn: string | null
  expiresOn: string | null
  receivedOn: string | null
  openedOn: string | null
  provider: string | null
}): string {
  const applied = r.appliedOn ? `applied for on ${longDate(r.appliedOn)}` : ''
  switch (r.item) {
    case 'birth_certificate':
      if (r.status === 'held') return `Birth certificate held: the original is kept ${r.keptAt ?? ''}`.trim()
      return r.status === 'applied' ? `Birth certificate ${applied}` : 'Birth certificate not held'
    case 'identity_document': {
      if (r.status === 'not_held') return 'No passport or Home Office document held'
      if (r.status === 'applied') return `${kindName(r.kind)} ${applied}`
      const expiry = r.expiresOn ? `, expires ${longDate(r.expiresOn)}` : ''
      return `${kindName(r.kind)} held: issued ${longDate(r.issuedOn ?? '')}${expiry}`
    }
    case 'ni_number':
      return r.status === 'held'
        ? `National Insurance number received on ${longDate(r.receivedOn ?? '')}`
        : 'National Insurance number not received'
    case 'account': {
      if (r.status !== 'held') return 'No bank or savings account'
      const provider = r.provider ? ` with ${r.provider}` : ''
      return `${kindName(r.kind)}${provider} opened on ${longDate(r.openedOn ?? '')}`
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The forms: one an item. Dates are today or before and not before the child's birth; an
// expiry may be in the future, and comes after the document's issue.

const NO_LATER_THAN = '9999-12-31'

/** A date read from its boxes, refused before the child's birth. */
function dayAfterBirth(
  v: Record<string, unknown>,
  prefix: string,
  ctx: z.RefinementCtx,
  words: { missing: string | null; name: string },
  bounds: { today: string; dateOfBirth: string | null },
): string | null {
  const iso = readDay(v, prefix, ctx, words, bounds.today)
  if (iso !== null && bounds.dateOfBirth !== null && iso < bounds.dateOfBirth) {
    ctx.addIssue({
      code: 'custom',
      path: [`${prefix}-day`],
      message: `${words.name} must be on or after the child’s date of birth, ${longDate(bounds.dateOfBirth)}`,
    })
    return null
  }
  return iso
}

const EMPTY = {
  kind: null,
  keptAt: null,
  appliedOn: null,
  issuedOn: null,
  expiresOn: null,
  receivedOn: null,
  openedOn: null,
  provider: null,
} as const

const statusOf = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message })

/** The form of one item, for a child born on `dateOfBirth` (or not known). */
export function documentSchema(item: CareDocumentItem, now: Date, dateOfBirth: string | null) {
  const today = londonToday(now)
  const bounds = { today, dateOfBirth }
  switch (item) {
    case 'birth_certificate':
      return z
        .object({
          status: statusOf(
            ['held', 'applied', 'not_held'],
            'Select whether the child has their birth certificate',
          ),
          keptAt: optionalText('Where the original is kept', 200),
          ...dayBoxes('applied'),
        })
        .transform((v, ctx): DocumentRecord => {
          const base = { ...EMPTY, item, status: v.status }
          if (v.status === 'held') {
            if (v.keptAt === null) {
              ctx.addIssue({ code: 'custom', path: ['keptAt'], message: 'Enter where the original is kept' })
              return z.NEVER
            }
            return { ...base, keptAt: v.keptAt }
          }
          if (v.status === 'applied') {
            const words = {
              missing: 'Enter the date it was applied for',
              name: 'The date it was applied for',
            }
            const appliedOn = dayAfterBirth(v, 'applied', ctx, words, bounds)
            return appliedOn === null ? z.NEVER : { ...base, appliedOn }
          }
          return base
        })
    case 'identity_document':
      return z
        .object({
          status: statusOf(
            ['held', 'applied', 'not_held'],
            'Select whether the child has a passport or Home Office document',
          ),
          kind: z.string().optional(),
          ...dayBoxes('issued'),
          ...dayBoxes('expires'),
          ...dayBoxes('applied'),
        })
        .transform((v, ctx): DocumentRecord => {
          const base = { ...EMPTY, item, status: v.status }
          if (v.status === 'not_held') return base
          const kind = v.kind && Object.hasOwn(IDENTITY_KINDS, v.kind) ? (v.kind as IdentityKind) : null
          if (kind === null)
            ctx.addIssue({
              code: 'custom',
              path: ['kind'],
              message: v.kind ? 'Select a document from the list' : 'Select which document',
            })
          if (v.status === 'applied') {
            const words = {
              missing: 'Enter the date it was applied for',
              name: 'The date it was applied for',
            }
            const appliedOn = dayAfterBirth(v, 'applied', ctx, words, bounds)
            return appliedOn === null || kind === null ? z.NEVER : { ...base, kind, appliedOn }
          }
          const issuedOn = dayAfterBirth(
            v,
            'issued',
            ctx,
            { missing: 'Enter the date of issue', name: 'The date of issue' },
            bounds,
          )
          // An ARC may carry no expiry; a passport and a biometric residence document do.
          const expiresOn = readDay(
            v,
            'expires',
            ctx,
            {
              missing: kind === 'passport' || kind === 'biometric_residence' ? 'Enter the expiry date' : null,
              name: 'The expiry date',
            },
            NO_LATER_THAN,
          )
          const expiryMissing = expiresOn === null && kind !== 'arc' && kind !== null
          if (issuedOn !== null && expiresOn !== null && expiresOn <= issuedOn) {
            ctx.addIssue({
              code: 'custom',
              path: ['expires-day'],
              message: `The expiry date must be after the date of issue, ${longDate(issuedOn)}`,
            })
            return z.NEVER
          }
          if (kind === null || issuedOn === null || expiryMissing) return z.NEVER
          return { ...base, kind, issuedOn, expiresOn }
        })
    case 'ni_number':
      return z
        .object({
          status: statusOf(['held', 'not_held'], 'Select whether the child has received their NI number'),
          ...dayBoxes('received'),
        })
        .transform((v, ctx): DocumentRecord => {
          const base = { ...EMPTY, item, status: v.status }
          if (v.status === 'not_held') return base
          const words = { missing: 'Enter the date it was received', name: 'The date it was received' }
          const receivedOn = dayAfterBirth(v, 'received', ctx, words, bounds)
          return receivedOn === null ? z.NEVER : { ...base, receivedOn }
        })
    case 'account':
      return z
        .object({
          status: statusOf(['held', 'not_held'], 'Select whether the child has a bank or savings account'),
          kind: z.string().optional(),
          ...dayBoxes('opened'),
          provider: optionalText('The bank, building society or credit union', 200),
        })
        .transform((v, ctx): DocumentRecord => {
          const base = { ...EMPTY, item, status: v.status }
          if (v.status === 'not_held') return base
          const kind = v.kind && Object.hasOwn(ACCOUNT_KINDS, v.kind) ? (v.kind as AccountKind) : null
          if (kind === null)
            ctx.addIssue({
              code: 'custom',
              path: ['kind'],
              message: v.kind ? 'Select a kind of account from the list' : 'Select the kind of account',
            })
          const words = { missing: 'Enter the date it was opened', name: 'The date it was opened' }
          const openedOn = dayAfterBirth(v, 'opened', ctx, words, bounds)
          return openedOn === null || kind === null
            ? z.NEVER
            : { ...base, kind, openedOn, provider: v.provider }
        })
  }
}
export type DocumentSchema = ReturnType<typeof documentSchema>

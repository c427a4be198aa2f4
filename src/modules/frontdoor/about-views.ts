/**
 * What the screener's and the partner's forms share about the contact beyond the concern (safety
 * now, school and GP, interpreter, the child's words, the adults involved): the choices the form
 * shows, and the rows every page that shows a contact reads ("The concern" partial).
 */
import type { KeptAnswers } from '../../platform/http/form.js'
import {
  ABOUT_FIELDS,
  adultField,
  adultFields,
  CHILD_SAFE_NOW,
  CONSENT,
  labelOf,
  MAX_ADULTS,
  PRESENTING_NEEDS,
  type ContactAbout,
  type ContactAdult,
} from './model.js'
import { referrerAgencies, type FrontdoorDeps } from './service.js'

/** The form's fields for this part, with `rows` adults' rows. */
export const aboutFields = (rows: number): string[] => [...ABOUT_FIELDS, 'adultRows', ...adultFields(rows)]

interface RelatedAdult {
  id: number
  given_name: string
  family_name: string
  relationship_type: string
}

/**
 * What the form's part needs: the adults' rows, the school and GP lists (agencies of their kind),
 * and for the screener the family's adults each row may be linked to (null: the partner's form,
 * which links none).
 */
export async function aboutFormView(
  deps: FrontdoorDeps,
  values: KeptAnswers,
  rows: number,
  related: readonly RelatedAdult[] | null,
) {
  const agencies = await referrerAgencies(deps)
  const choices = (kind: 'education' | 'health', field: string, none: string) => [
    { value: '', text: none },
    ...agencies
      .filter((a) => a.kind === kind)
      .map((a) => ({ value: String(a.id), text: a.name, selected: values[field] === String(a.id) })),
  ]
  return {
    adultRows: Array.from({ length: rows }, (_, i) => {
      const n = i + 1
      return {
        n,
        personItems:
          related === null
            ? null
            : [
                { value: '', text: 'Not linked to a record' },
                ...related.map((p) => ({
                  value: String(p.id),
                  text: `${p.given_name} ${p.family_name} (${p.relationship_type.replace(/_/g, ' ')})`,
                  selected: values[adultField(n, 'PersonId')] === String(p.id),
                })),
              ],
      }
    }),
    canAddAdult: rows < MAX_ADULTS,
    schoolItems: choices('education', 'schoolAgencyId', 'Select the school'),
    gpItems: choices('health', 'gpAgencyId', 'Select the GP practice'),
    safeItems: CHILD_SAFE_NOW.map((c) => ({
      value: c.code,
      text: c.label,
      checked: values.childSafeNow === c.code,
    })),
  }
}

type Row = { key: { text: string }; value: { text: string } }
const row = (key: string, value: string | null | undefined): Row => ({
  key: { text: key },
  value: { text: value || 'Not given' },
})

/** A contact's extra details as stored, or as checked on the partner's check-answers page. */
export interface ShownAbout {
  about: ContactAbout
  adults: readonly (ContactAdult & { record?: string | null })[]
  schoolAgency: string | null
  gpAgency: string | null
}

/** "Yes: what makes it so", in words. */
function safeText(about: ContactAbout): string | null {
  const label = labelOf(CHILD_SAFE_NOW, about.childSafeNow)
  if (label === null) return 'Not asked'
  return about.childSafeDetail ? `${label}: ${about.childSafeDetail}` : label
}

/** The rows about safety, school, GP, interpreter and the child's words. */
export function aboutRows(shown: ShownAbout): Row[] {
  const { about } = shown
  return [
    row('Is the child safe now', safeText(about)),
    row('School', shown.schoolAgency ?? about.schoolName),
    row('GP', shown.gpAgency ?? about.gpName),
    row('Interpreter', about.interpreterLanguage ? `Needed: ${about.interpreterLanguage}` : 'Not needed'),
    row('The child’s own words', about.childWords ?? 'Not recorded'),
  ]
}

/** Each adult as a line: name, relationship, whether alleged perpetrator, the record linked. */
export function adultLines(adults: ShownAbout['adults']) {
  return adults.map((a) => ({
    name: a.name,
    relationship: a.relationship,
    allegedPerpetrator: a.allegedPerpetrator,
    personId: a.personId,
    record: a.record ?? null,
  }))
}

/** A contact row and its stored extras, as the concern partial shows them. */
export function concernView(
  contact: {
    reason: string
    presenting_needs: string[]
    consent: string
    consent_reason: string | null
    child_safe_now: ContactAbout['childSafeNow']
    child_safe_detail: string | null
    school_name: string | null
    gp_name: string | null
    interpreter_language: string | null
    child_words: string | null
    school_agency_id: number | null
    gp_agency_id: number | null
  },
  stored: {
    adults: readonly {
      name: string
      relationship: string
      alleged_perpetrator: boolean
      person_id: number | null
      personGivenName: string | null
      personFamilyName: string | null
    }[]
    schoolAgency: string | null
    gpAgency: string | null
  },
) {
  const about: ContactAbout = {
    childSafeNow: contact.child_safe_now,
    childSafeDetail: contact.child_safe_detail,
    schoolAgencyId: contact.school_agency_id,
    schoolName: contact.school_name,
    gpAgencyId: contact.gp_agency_id,
    gpName: contact.gp_name,
    interpreterLanguage: contact.interpreter_language,
    childWords: contact.child_words,
  }
  const needs = contact.presenting_needs.map((n) => labelOf(PRESENTING_NEEDS, n)).join(', ')
  return {
    reason: contact.reason,
    rows: [
      row('Presenting needs', needs || 'None recorded'),
      row(
        'Consent',
        `${labelOf(CONSENT, contact.consent) ?? ''}${contact.consent_reason ? `: ${contact.consent_reason}` : ''}`,
      ),
      ...aboutRows({ about, adults: [], schoolAgency: stored.schoolAgency, gpAgency: stored.gpAgency }),
    ],
    adults: adultLines(
      stored.adults.map((a) => ({
        name: a.name,
        relationship: a.relationship,
        allegedPerpetrator: a.alleged_perpetrator,
        personId: a.person_id,
        record: a.person_id === null ? null : `${a.personGivenName ?? ''} ${a.personFamilyName ?? ''}`.trim(),
      })),
    ),
  }
}

/**
 * The code lists a person's record, an agency, a team and a restriction take their values from.
 * The DfE's lists are in reference/codes/*.json (versioned there); Haven's own are here.
 */
import ethnicityList from '../../../reference/codes/ethnicity.json' with { type: 'json' }
import disabilityList from '../../../reference/codes/disability.json' with { type: 'json' }
import upnUnknownList from '../../../reference/codes/upn-unknown.json' with { type: 'json' }
import referralSourceList from '../../../reference/codes/referral-source.json' with { type: 'json' }

export interface Code {
  code: string
  label: string
}

export const ETHNICITY: readonly Code[] = ethnicityList.codes
export const DISABILITY: readonly Code[] = disabilityList.codes
export const UPN_UNKNOWN_REASONS: readonly Code[] = upnUnknownList.codes
export const SEX: readonly Code[] = [
  { code: 'M', label: 'Male' },
  { code: 'F', label: 'Female' },
  { code: 'U', label: 'Not known' },
]
export const OTHER_NAME_KINDS: readonly Code[] = [
  { code: 'known_as', label: 'Known as' },
  { code: 'birth', label: 'Name at birth' },
  { code: 'previous', label: 'Previous name' },
  { code: 'alias', label: 'Alias' },
]

export function labelFor(list: readonly Code[], code: string | null | undefined): string | null {
  if (!code) return null
  return list.find((c) => c.code === code)?.label ?? code
}

/** The codes of a list, for a schema to check an answer against. */
export const codesOf = (list: readonly Code[]): string[] => list.map((c) => c.code)

export const RELATIONSHIP_TYPES: readonly Code[] = [
  { code: 'mother', label: 'Mother' },
  { code: 'father', label: 'Father' },
  { code: 'parent', label: 'Parent' },
  { code: 'step_parent', label: 'Step-parent' },
  { code: 'carer', label: 'Carer' },
  { code: 'guardian', label: 'Guardian' },
  { code: 'special_guardian', label: 'Special guardian' },
  { code: 'grandparent', label: 'Grandparent' },
  { code: 'sibling', label: 'Brother or sister' },
  { code: 'half_sibling', label: 'Half-brother or half-sister' },
  { code: 'step_sibling', label: 'Step-brother or step-sister' },
  { code: 'aunt_or_uncle', label: 'Aunt or uncle' },
  { code: 'cousin', label: 'Cousin' },
  { code: 'partner', label: 'Partner' },
  { code: 'other_relative', label: 'Other relative' },
  { code: 'household_member', label: 'Household member (not related)' },
  { code: 'other', label: 'Other' },
]

export type RelationshipType =
  | 'mother'
  | 'father'
  | 'parent'
  | 'step_parent'
  | 'carer'
  | 'guardian'
  | 'special_guardian'
  | 'grandparent'
  | 'sibling'
  | 'half_sibling'
  | 'step_sibling'
  | 'aunt_or_uncle'
  | 'cousin'
  | 'partner'
  | 'other_relative'
  | 'household_member'
  | 'other'

export const ALERT_KINDS: readonly Code[] = [
  { code: 'risk_to_staff', label: 'Risk to staff' },
  { code: 'risk_to_child', label: 'Risk to the child' },
  { code: 'communication_need', label: 'Communication need' },
  { code: 'medical', label: 'Medical' },
  { code: 'court_order', label: 'Court order' },
  { code: 'exploitation_risk', label: 'Risk of exploitation' },
  { code: 'missing', label: 'Missing' },
  { code: 'other', label: 'Other' },
]

export type AlertKind =
  | 'risk_to_staff'
  | 'risk_to_child'
  | 'communication_need'
  | 'medical'
  | 'court_order'
  | 'exploitation_risk'
  | 'missing'
  | 'other'

export const AGENCY_KINDS: readonly Code[] = [
  { code: 'police', label: 'Police' },
  { code: 'health', label: 'Health' },
  { code: 'education', label: 'Education' },
  { code: 'probation', label: 'Probation' },
  { code: 'housing', label: 'Housing' },
  { code: 'local_authority', label: 'Local authority' },
  { code: 'voluntary', label: 'Voluntary or community' },
  { code: 'other', label: 'Other' },
]

export const REFERRAL_SOURCES: readonly Code[] = referralSourceList.codes

export type AgencyKind =
  'police' | 'health' | 'education' | 'probation' | 'housing' | 'local_authority' | 'voluntary' | 'other'

export const TEAM_KINDS: readonly Code[] = [
  { code: 'front_door', label: 'Front door (MASH)' },
  { code: 'assessment', label: 'Assessment' },
  { code: 'safeguarding', label: 'Safeguarding' },
  { code: 'children_in_care', label: 'Children in care' },
  { code: 'leaving_care', label: 'Leaving care' },
  { code: 'early_help', label: 'Early help' },
  { code: 'partner_agency', label: 'Partner agency' },
  { code: 'performance', label: 'Performance' },
  { code: 'business_support', label: 'Business support' },
]

export const RESTRICTION_CATEGORIES: readonly Code[] = [
  { code: 'high_profile', label: 'High profile' },
  { code: 'staff_conflict', label: 'Staff conflict of interest' },
  { code: 'adoption', label: 'Adoption' },
  { code: 'high_risk', label: 'High risk' },
  { code: 'practice_review', label: 'Serious case review or child safeguarding practice review' },
]
export type RestrictionCategory =
  'high_profile' | 'staff_conflict' | 'adoption' | 'high_risk' | 'practice_review'

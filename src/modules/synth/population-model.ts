/** The synthetic authority's records as plain data: what the generator makes and the loader and returns read. */
import type { IsoDate } from '../../platform/calendar/dates.js'
import type { CollectionYear } from '../returns/collection-year.js'

export interface AuthorityOptions {
  seed: string
  /** Children in need at any point in the collection year (the CIN census count). */
  children: number
  year: CollectionYear
  /** The DfE's three-digit LA code, used in UPNs and the CIN header (default 883). */
  laCode?: string
  /** Also generate children whose contacts never became referrals (default true). */
  contactOnly?: boolean
  /** Also generate care leavers aged 18–21 (default true). */
  careLeavers?: boolean
}

export type TeamKind =
  'mash' | 'assessment' | 'family-support' | 'children-looked-after' | 'leaving-care' | 'disabled-children'

export interface StaffMember {
  /** The worker's Social Work England style identifier, as SSDA903 SWEpisodes reports it. */
  id: string
  givenName: string
  familyName: string
  role: 'team-manager' | 'social-worker' | 'personal-adviser'
  teamId: string
}

export interface Team {
  id: string
  name: string
  kind: TeamKind
  managerId: string
  workerIds: string[]
}

export interface Workforce {
  teams: Team[]
  staff: StaffMember[]
  teamsByKind: Record<TeamKind, Team[]>
}

export type Sex = 'M' | 'F' | 'U'

export type Cohort = 'in-need' | 'contact-only' | 'care-leaver'

export type Rag = 'red' | 'amber' | 'green'

export type ContactDecision =
  | 'no-further-action'
  | 'information-and-advice'
  | 'signpost'
  | 'early-help'
  | 'referral'
  | 'strategy-discussion'
  | 'transfer'
  | 'to-allocated-worker'

export interface Contact {
  receivedOn: IsoDate
  /** DfE referral source code of whoever made the contact. */
  source: string
  rag: Rag
  decision: ContactDecision
  decidedOn: IsoDate
}

export interface Assessment {
  start: IsoDate
  authorised: IsoDate | null
  factors: string[]
}

export interface Section47 {
  strategyDiscussion: IsoDate
  start: IsoDate
  /** 15 working days from the start, counted as the DfE does (inclusive). */
  icpcTarget: IsoDate
  icpc: IsoDate | null
  icpcNotRequired: boolean
  /** When the enquiry ended: the ICPC, or the decision that none was needed. */
  completed: IsoDate | null
}

export interface CpPlan {
  start: IsoDate
  end: IsoDate | null
  initialCategory: string
  latestCategory: string
  previousPlans: number
  reviews: IsoDate[]
}

export interface CinPlan {
  start: IsoDate
  end: IsoDate | null
}

/** A referral and everything that followed it: one CIN census episode. */
export interface Referral {
  referralDate: IsoDate
  source: string
  primaryNeed: string | null
  nfa: boolean
  /** Another referral of this child in the 12 months before this one. */
  reReferral: boolean
  closureDate: IsoDate | null
  closureReason: string | null
  assessments: Assessment[]
  section47s: Section47[]
  cpPlans: CpPlan[]
  cinPlans: CinPlan[]
  teamId: string
  workerId: string
}

export interface CareEpisode {
  start: IsoDate
  end: IsoDate | null
  reasonNew: string
  legalStatus: string
  categoryOfNeed: string
  placement: string
  provider: string | null
  reasonCeased: string | null
  /** Why the placement changed, on the episode that ended with the change (rules 225, 233). */
  reasonPlaceChange: string | null
  /** Full postcodes, as SSDA903 asks (the DfE derives distance and area from them). */
  homePostcode: string
  placementPostcode: string
  urn: string
}

export interface LacReview {
  date: IsoDate
  participation: string
}

export interface MissingEpisode {
  kind: 'M' | 'A'
  start: IsoDate
  end: IsoDate | null
}

export interface Adoption {
  /** The decision that the child should be placed for adoption. */
  decision: IsoDate
  placementOrder: IsoDate | null
  matched: IsoDate | null
  placed: IsoDate | null
  adopted: IsoDate | null
  byFosterCarer: boolean
  adopters: 1 | 2
  adopterSexes: string
  adopterLegalStatus: string
  reversed: { date: IsoDate; reason: string } | null
}

export interface SocialWorkerSpell {
  workerId: string
  start: IsoDate
  end: IsoDate | null
  /**
   * Why this worker took the child on (SSDA903 SW_REASON, "reason for social worker change"):
   * TSPROC when the case moved to the looked-after children's team as the child came into care.
   */
  reason: string
}

export interface Health {
  sdqScore: number | null
  sdqReason: string | null
  convicted: boolean | null
  healthCheck: boolean | null
  immunisations: boolean
  teethCheck: boolean
  healthAssessment: boolean
  substanceMisuse: boolean
  interventionReceived: boolean | null
  interventionOffered: boolean | null
}

export interface CareLeaverStatus {
  birthday: IsoDate
  age: number
  inTouch: string
  activity: string
  accommodation: string
}

export interface Child {
  /** Position in the generated population, from 0. */
  index: number
  laChildId: string
  cohort: Cohort
  familyId: string
  givenName: string
  familyName: string
  sex: Sex
  dateOfBirth: IsoDate | null
  expectedDateOfBirth: IsoDate | null
  dateOfDeath: IsoDate | null
  ethnicity: string
  disabilities: string[]
  upn: string | null
  upnUnknown: string | null
  nhsNumber: string | null
  postcode: string
  /** A young mother in care: her own child's date of birth. */
  motherOfChildBorn: IsoDate | null
  uasc: { ceased: IsoDate } | null
  contacts: Contact[]
  referrals: Referral[]
  care: CareEpisode[]
  lacReviews: LacReview[]
  missing: MissingEpisode[]
  adoption: Adoption | null
  /** PREV_PERM, DATE_PERM and LA_PERM (the DfE code of the authority that arranged the order). */
  previousPermanence: { kind: string; date: IsoDate | null; la: string | null } | null
  socialWorkers: SocialWorkerSpell[]
  health: Health | null
  careLeaver: CareLeaverStatus[]
}

export interface Adult {
  id: string
  role: 'mother' | 'father' | 'step-parent' | 'grandparent'
  givenName: string
  familyName: string
  sex: Sex
  dateOfBirth: IsoDate
}

export interface Family {
  index: number
  id: string
  familyName: string
  postcode: string
  adults: Adult[]
  children: Child[]
}

export interface Context {
  options: AuthorityOptions
  laCode: string
  workforce: Workforce
  yearStart: IsoDate
  asOf: IsoDate
}

export interface ChildSeed {
  index: number
  cohort: Cohort
  familyId: string
  familyName: string
  home: string
  uasc: boolean
  unborn: boolean
  anchor: IsoDate | null
}

export interface JourneyState {
  previousPlans: number
  careEntered: boolean
}

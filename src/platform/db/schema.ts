/**
 * The tables as Kysely sees them. Each module's tables are added here as the module lands;
 * the SQL in `migrations/` is the source of truth and the integration tests read every column
 * back through both drivers.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** A timestamp: read as a UTC `Date`, written as a `Date` or ISO string. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>
/** A calendar date: always a `YYYY-MM-DD` string. */
export type DateString = string
export type Json = ColumnType<Record<string, unknown>, string | undefined, string>
type Id = Generated<number>

export interface TeamTable {
  id: Id
  name: string
  kind: string
  manager_id: number | null
  created_at: Timestamp
}

export interface AppUserTable {
  id: Id
  username: string
  display_name: string
  email: string | null
  role: string
  team_id: number | null
  agency: string | null
  password_hash: string | null
  disabled_at: NullableTimestamp
  disabled_reason: string | null
  created_at: Timestamp
  /** The partner organisation a partner practitioner works for (0005). */
  agency_id: ColumnType<number | null, number | null | undefined, number | null>
  job_title: ColumnType<string | null, string | null | undefined, string | null>
  /** Made at a first sign-in through single sign-on and not yet confirmed (0011). */
  awaiting_confirmation: Generated<boolean>
  /** The member of staff's own person record, linked from HR (0010): never open to them. */
  person_id: ColumnType<number | null, number | null | undefined, number | null>
  /** Their practice level, shown beside their caseload when a manager allocates (0024). */
  practice_level: ColumnType<PracticeLevel | null, PracticeLevel | null | undefined, PracticeLevel | null>
}

export type PracticeLevel =
  'asye' | 'social_worker' | 'senior_practitioner' | 'advanced_practitioner' | 'unqualified'

export interface UserSessionTable {
  id_hash: string
  user_id: number
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  ended_at: NullableTimestamp
  ended_reason: string | null
  /** A message for the next page shown to this session, then cleared (0009). */
  flash: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
}

/** What someone typed into a form and has not sent, sealed (0017; platform/drafts). */
export interface FormDraftTable {
  id: Id
  user_id: number
  /** The page's path, without its query. */
  page: string
  /** The answers, sealed with AES-256-GCM to this person and page. */
  sealed: string
  saved_at: Timestamp
  expires_at: Timestamp
}

/** Sign-in attempts counted per account and source together, and per source (0009). */
export interface SignInThrottleTable {
  scope: 'account_source' | 'source'
  username: string
  ip: string
  allowance: number
  attempts: number
  last_attempt_at: Timestamp
  blocked_until: NullableTimestamp
  last_refused: ColumnType<boolean, boolean | undefined, boolean>
}

export interface SignInAttemptTable {
  id: Id
  username: string
  ip: string
  succeeded: boolean
  attempted_at: Timestamp
}

export interface BankHolidayOverrideTable {
  holiday_date: DateString
  title: string
  is_holiday: boolean
  reason: string
  created_at: Timestamp
}

export interface PersonTable {
  id: Id
  la_child_id: string | null
  kind: 'child' | 'adult' | 'unborn'
  given_name: string
  family_name: string
  date_of_birth: DateString | null
  expected_birth_date: DateString | null
  sex: 'M' | 'F' | 'U' | null
  restricted: Generated<boolean>
  restriction_category: string | null
  created_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_reason: string | null
}

/** The people module's columns on `person` (migration 0004); the name keys are generated. */
export interface PersonDetailColumns {
  gender_identity: string | null
  ethnicity: string | null
  disabilities: ColumnType<string[], string[] | undefined, string[]>
  first_language: string | null
  nhs_number: string | null
  upn: string | null
  former_upn: string | null
  upn_unknown_reason: string | null
  date_of_death: DateString | null
  created_by: number | null
  given_key: ColumnType<string, never, never>
  family_key: ColumnType<string, never, never>
  given_sound: ColumnType<string, never, never>
  family_sound: ColumnType<string, never, never>
  /** Set on a duplicate merged into another record (0005). */
  merged_into_id: ColumnType<number | null, number | null | undefined, number | null>
}

export interface PersonNameTable {
  id: Id
  person_id: number
  kind: 'known_as' | 'birth' | 'previous' | 'alias'
  given_name: string
  family_name: string
  given_key: ColumnType<string, never, never>
  family_key: ColumnType<string, never, never>
  given_sound: ColumnType<string, never, never>
  family_sound: ColumnType<string, never, never>
  created_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_reason: string | null
}

export interface PersonAddressTable {
  id: Id
  person_id: number
  line_1: string
  line_2: string | null
  town: string | null
  postcode: string | null
  postcode_key: ColumnType<string | null, never, never>
  from_date: DateString
  to_date: DateString | null
  created_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_reason: string | null
  /** A refuge or undisclosed address, shown only as the field rules allow (0013). */
  confidential: Generated<boolean>
}

export interface PersonRelationshipTable {
  id: Id
  person_id: number
  related_person_id: number
  relationship_type: string
  household_member: Generated<boolean>
  from_date: DateString | null
  to_date: DateString | null
  created_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_reason: string | null
}

/**
 * A restriction of a record (0012): who authorised it, why, and when it is next reviewed. A
 * trigger keeps `person.restricted` and `person.restriction_category` in step with the one in force.
 */
export interface PersonRestrictionTable {
  id: Id
  person_id: number
  category: string
  reason: string | null
  authorised_by: number | null
  authorised_at: NullableTimestamp
  recorded_by: number | null
  recorded_at: Timestamp
  /** Restricted before reviews existed: no authoriser or reason was recorded. */
  recorded_before_reviews: Generated<boolean>
  review_due: DateString
  last_reviewed_at: NullableTimestamp
  last_reviewed_by: number | null
  lifted_at: NullableTimestamp
  lifted_by: number | null
  lifted_reason: string | null
}

/** Each review of a restriction (0012): continued to a new date, or lifted. */
export interface PersonRestrictionReviewTable {
  id: Id
  restriction_id: number
  reviewed_by: number
  reviewed_at: Timestamp
  outcome: 'continued' | 'lifted'
  next_review_due: DateString | null
  notes: string | null
}

export interface ChildAccessTable {
  id: Id
  child_id: number
  user_id: number | null
  team_id: number | null
  basis: string
  granted_by: number | null
  granted_at: Timestamp
  expires_at: NullableTimestamp
  revoked_at: NullableTimestamp
  revoked_reason: string | null
  /** Why it was given (0003): required for break-glass and restricted-record grants. */
  reason: string | null
}

export interface AuditEventTable {
  id: Id
  occurred_at: Timestamp
  user_id: number | null
  username: string | null
  action: string
  child_id: number | null
  record_type: string | null
  record_id: string | null
  basis: string | null
  request_id: string | null
  outcome: 'allowed' | 'denied' | 'failed'
  detail: Json
  ip: string | null
  /** The session's stored id (`user_session.id_hash`), never the cookie value. */
  session_id: string | null
}

export interface AuditSealTable {
  seq: number
  event_id: number
  prev_hash: string
  hash: string
  sealed_at: Timestamp
}

export interface CaseEventTable {
  id: Id
  child_id: number
  subject_type: string
  subject_id: string
  type: string
  occurred_at: Timestamp
  recorded_at: Timestamp
  recorded_by: number | null
  summary: string
  attributes: Json
}

/** The one row of the authority's working hours (migration 0019), written from the configuration. */
/** A postcode or postcode sector and where it is (0025; the SSDA903 placement facts). */
export interface PostcodeTable {
  postcode: string
  kind: 'unit' | 'sector'
  easting: number | null
  northing: number | null
  la_code: string | null
  upper_la_code: string | null
  source: 'ons' | 'synthetic'
  load_id: string
}

/** A return uploaded to be checked (0028); its files are on disk, its findings in `return_finding`. */
export interface ReturnUploadTable {
  id: Id
  return_kind: 'cin' | 'ssda903'
  collection_year: string
  uploaded_by: number
  uploaded_at: Timestamp
  files: ColumnType<UploadedReturnFile[], string, string>
  total_bytes: ColumnType<number, number, number>
  status: ColumnType<ReturnUploadStatus, ReturnUploadStatus | undefined, ReturnUploadStatus>
  children_checked: ColumnType<number, number | undefined, number>
  claim: string | null
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
  summary: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
  problem: string | null
  delete_after: Timestamp
  deleted_at: NullableTimestamp
  deleted_by: number | null
  deleted_reason: string | null
  /** A CIN census Haven built from its own records rather than a file sent (0035). */
  from_records: ColumnType<boolean, boolean | undefined, boolean>
}

export type ReturnUploadStatus = 'waiting' | 'checking' | 'checked' | 'unreadable' | 'failed'

export interface UploadedReturnFile {
  /** Its name as sent. */
  name: string
  /** Its name in the upload's folder (`file-001.csv`). */
  stored: string
  bytes: number
  year: 'current' | 'previous'
}

/** One finding of an uploaded return's check (0028), in the order found. */
export interface ReturnFindingTable {
  upload_id: number
  seq: number
  child_ref: string | null
  table_name: string
  row_number: number
  line: number | null
  fields: string[]
  code: string
  rule_type: 'error' | 'query'
  message: string
  detail: string | null
  could_not_evaluate: ColumnType<boolean, boolean | undefined, boolean>
}

/** An Ofsted-registered setting (0025; the SSDA903 provider rules). */
export interface OfstedProviderTable {
  urn: string
  postcode: string | null
  upper_la_code: string | null
  registered_on: string | null
  closed_on: string | null
  place_codes: Generated<string[]>
  provider_codes: Generated<string[]>
  load_id: string
}

export interface WorkingHoursTable {
  id: Generated<boolean>
  opens_at: string
  closes_at: string
  loaded_at: Generated<Timestamp>
}

export interface ClockDefinitionTable {
  code: string
  definition: Json
  loaded_at: Timestamp
}

export interface TaskTable {
  id: Id
  instance_key: string
  clock_code: string
  child_id: number
  subject_type: string
  subject_id: string
  title: string
  started_at: Timestamp
  due_at: Timestamp
  due_soon_at: Timestamp
  stopped_at: NullableTimestamp
  closed_by: 'stop' | 'cancel' | null
  assigned_user_id: number | null
  assigned_team_id: number | null
  /** Given to a named person by its module: it stays theirs when the case is allocated (0029). */
  kept_by_assignee: ColumnType<boolean, boolean | undefined, boolean>
  updated_at: Timestamp
}

// The front door (0005).

export type ReferralSource =
  | '1A'
  | '1B'
  | '1C'
  | '1D'
  | '2A'
  | '2B'
  | '3A'
  | '3B'
  | '3C'
  | '3D'
  | '3E'
  | '3F'
  | '4'
  | '5A'
  | '5B'
  | '5C'
  | '5D'
  | '6'
  | '7'
  | '8'
  | '9'
  | '10'

export interface AgencyTable {
  id: Id
  name: string
  kind:
    'police' | 'health' | 'education' | 'probation' | 'housing' | 'local_authority' | 'voluntary' | 'other'
  referral_source: ReferralSource | null
  phone: string | null
  email: string | null
  created_at: Timestamp
  disabled_at: NullableTimestamp
  disabled_reason: string | null
}

export interface ContactTable {
  id: Id
  received_at: Timestamp
  /** When the person making the contact became aware of the worry, if they said (0008). */
  aware_at: NullableTimestamp
  /** `step_up`: made by early help for a child it works with (0054). */
  channel: 'phone' | 'email' | 'partner_form' | 'police_notification' | 'letter' | 'in_person' | 'step_up'
  out_of_hours: Generated<boolean>
  out_of_hours_action: string | null
  referral_source: ReferralSource
  referrer_name: string | null
  referrer_role: string | null
  referrer_agency_id: number | null
  referrer_phone: string | null
  referrer_email: string | null
  reason: string
  presenting_needs: ColumnType<string[], string[] | undefined, string[]>
  consent: 'given' | 'refused' | 'not_sought_risk' | 'overridden'
  consent_reason: string | null
  checks_consent: 'given' | 'refused' | 'not_sought_risk' | 'overridden' | null
  checks_consent_reason: string | null
  checks_consent_by: number | null
  checks_consent_at: NullableTimestamp
  domestic_abuse: Generated<boolean>
  recorded_by: number
  recorded_at: Timestamp
  submitted_by_agency_id: number | null
  created_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_reason: string | null
  /** What the police say about the risk, when they give it (0021). */
  dash_risk: DashRisk | null
  marac_referral: boolean | null
  injury_mentioned: boolean | null
  /** Whether the child is safe now, as the referrer says (0020). */
  child_safe_now: ColumnType<ChildSafeNow | null, ChildSafeNow | null | undefined, ChildSafeNow | null>
  child_safe_detail: ColumnType<string | null, string | null | undefined, string | null>
  school_agency_id: ColumnType<number | null, number | null | undefined, number | null>
  school_name: ColumnType<string | null, string | null | undefined, string | null>
  gp_agency_id: ColumnType<number | null, number | null | undefined, number | null>
  gp_name: ColumnType<string | null, string | null | undefined, string | null>
  interpreter_language: ColumnType<string | null, string | null | undefined, string | null>
  child_words: ColumnType<string | null, string | null | undefined, string | null>
}

export type ChildSafeNow = 'yes' | 'no' | 'not_known'

/** An adult a contact names, perhaps an alleged perpetrator, perhaps linked to their record (0020). */
export interface ContactAdultTable {
  id: Id
  contact_id: number
  position: number
  name: string
  relationship: string
  alleged_perpetrator: boolean
  person_id: number | null
}

/** A create form's one-time key: claimed when sent, completed with the record made (0020). */
export interface FormSubmissionTable {
  submission_key: string
  user_id: number
  page: string
  title: string
  record_href: string | null
  record_text: string | null
  claimed_at: Timestamp
  completed_at: NullableTimestamp
}

export type DashRisk = 'standard' | 'medium' | 'high'

export type ContactChildStatus =
  | 'awaiting_match'
  | 'in_triage'
  | 'awaiting_authorisation'
  | 'decided'
  | 'routed_to_allocated_worker'
  | 'withdrawn'
export type ContactDecision =
  | 'no_further_action'
  | 'information_and_advice'
  | 'signpost'
  | 'early_help'
  | 'referral'
  | 'strategy_discussion'
  | 'transfer'
export type Rag = 'red' | 'amber' | 'green'
export type ThresholdLevel = '1' | '2' | '3' | '4'

export interface ContactChildTable {
  id: Id
  contact_id: number
  child_id: number | null
  described_name: string | null
  described_birth: string | null
  described_address: string | null
  status: ContactChildStatus
  threshold_level: ThresholdLevel | null
  rag: Rag | null
  rated_by: number | null
  rated_at: NullableTimestamp
  recommendation: ContactDecision | null
  decision: ContactDecision | 'passed_to_allocated_worker' | null
  decision_reason: string | null
  transfer_authority: string | null
  decided_by: number | null
  decided_at: NullableTimestamp
  oversight_note: string | null
  routed_user_id: number | null
  routed_team_id: number | null
  feedback_at: NullableTimestamp
  feedback_by: number | null
  feedback_method: 'phone' | 'email' | 'letter' | 'partner_portal' | null
  feedback_note: string | null
  withdrawn_reason: string | null
  transfer_accepted_by: string | null
  transfer_accepted_at: NullableTimestamp
  transfer_recorded_by: number | null
  created_at: Timestamp
  /** Who has taken the child to triage, and when (0021). */
  taken_by: number | null
  taken_at: NullableTimestamp
}

/** Operation Encompass (0021): the child's school told of a police domestic abuse notification. */
export interface ContactSchoolNoticeTable {
  id: Id
  contact_child_id: number
  school: string
  told_person: string
  told_at: Timestamp
  method: 'phone' | 'email' | 'secure_email' | 'in_person'
  note: string | null
  told_by: number
  recorded_at: Timestamp
}

/** A recommendation on one child's contact and what a manager did with it (migration 0018). */
export interface ContactRecommendationTable {
  id: Id
  contact_child_id: number
  decision: ContactDecision
  decision_reason: string | null
  transfer_authority: string | null
  team_id: number | null
  consent_override_reason: string | null
  rationale: string
  recommended_by: number
  recommended_at: Timestamp
  outcome: Generated<'awaiting' | 'authorised' | 'returned'>
  reviewed_by: number | null
  reviewed_at: NullableTimestamp
  return_reason: string | null
  oversight_note: string | null
  no_strategy_reason: string | null
  decided_alone: Generated<boolean>
}

export type StrategyDiscussionOutcome =
  's47_joint' | 's47_single' | 'immediate_protection' | 'cin_assessment' | 'early_help' | 'no_further_action'

/** The protection module's strategy discussion (migration 0018). */
export interface StrategyDiscussionTable {
  id: Id
  child_id: number
  referral_id: number | null
  requested_by: number
  requested_at: Timestamp
  reason: string | null
  held_at: NullableTimestamp
  outcome: StrategyDiscussionOutcome | null
  outcome_reason: string | null
  absent_reason: string | null
  actions: string | null
  recorded_by: number | null
  recorded_at: NullableTimestamp
  cancelled_at: NullableTimestamp
  cancelled_reason: string | null
  immediate_protection: ColumnType<ImmediateProtection | null, ImmediateProtection | null | undefined>
}

export interface StrategyDiscussionParticipantTable {
  id: Id
  strategy_discussion_id: number
  agency_kind: 'social_care' | 'police' | 'health' | 'education' | 'probation' | 'housing' | 'other'
  name: string
  role: string | null
  information_shared: ColumnType<string | null, string | null | undefined>
}

/** The protection module's read contract. */
export interface ProtectionStrategyDiscussionView {
  id: number
  child_id: number
  referral_id: number | null
  requested_at: Timestamp
  held_at: NullableTimestamp
  outcome: StrategyDiscussionOutcome | null
  cancelled_at: NullableTimestamp
}

export interface ContactAgencyCheckTable {
  id: Id
  contact_child_id: number
  agency_kind:
    'police' | 'health' | 'education' | 'probation' | 'housing' | 'adult_social_care' | 'early_help' | 'other'
  agency_id: number | null
  informant: string
  responded_at: Timestamp
  information: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface ReferralTable {
  id: Id
  child_id: number
  contact_child_id: number | null
  referral_date: DateString
  referral_source: ReferralSource
  re_referral: boolean
  previous_referral_id: number | null
  nfa: Generated<boolean>
  strategy_discussion: Generated<boolean>
  status: 'awaiting_allocation' | 'allocated' | 'closed'
  team_id: number | null
  worker_id: number | null
  allocated_by: number | null
  allocated_at: NullableTimestamp
  closed_at: NullableTimestamp
  closure_reason: string | null
  /** The DfE's reason for closing the case, RC1–RC9 (0035). */
  closure_code: string | null
  created_by: number | null
  created_at: Timestamp
}

export interface PersonAlertTable {
  id: Id
  person_id: number
  kind:
    | 'risk_to_staff'
    | 'risk_to_child'
    | 'communication_need'
    | 'medical'
    | 'court_order'
    | 'exploitation_risk'
    | 'missing'
    | 'other'
  summary: string
  from_date: DateString
  until_date: DateString | null
  created_by: number | null
  created_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_reason: string | null
}

export interface PersonMergeTable {
  id: Id
  kept_person_id: number
  merged_person_id: number
  reason: string
  moved: Json
  merged_by: number
  merged_at: Timestamp
  reversed_by: number | null
  reversed_at: NullableTimestamp
  reversed_reason: string | null
}

/** The front door's published read contract (a view). */
export interface FrontdoorOpenInvolvementView {
  child_id: number
  kind: 'contact' | 'referral'
  record_id: number
  started_at: Date
  status: string
  worker_id: number | null
  team_id: number | null
  /** The contact a contact involvement is on (0022); null for a referral. */
  contact_id: number | null
}

/** People's published read contract (0022): each person's current address as a normalised key. */
export interface PeopleCurrentAddressView {
  person_id: number
  postcode_key: string
  address_key: string
}

/** A duplicate contact child linked to the first about the same child, decided with it (0022). */
export interface ContactChildLinkTable {
  id: Id
  contact_child_id: number
  linked_to_id: number
  reason: string
  linked_by: number
  linked_at: Timestamp
  unlinked_by: number | null
  unlinked_at: NullableTimestamp
  unlinked_reason: string | null
}

/** A person the screener said is not of a child's household, with why (0022). */
export interface HouseholdExclusionTable {
  id: Id
  child_id: number
  person_id: number
  reason: string
  recorded_by: number
  recorded_at: Timestamp
}

/** People's published read contract (0015): who a person is, as other modules name them. */
export interface PeoplePersonView {
  id: number
  kind: 'child' | 'adult' | 'unborn'
  given_name: string
  family_name: string
  date_of_birth: DateString | null
  expected_birth_date: DateString | null
  sex: 'M' | 'F' | 'U' | null
  restricted: boolean
  deleted_at: Date | null
}

/** People's published read contract (0035): each child's brothers and sisters, both ways round. */
export interface PeopleSiblingView {
  child_id: number
  sibling_id: number
}

/** People's published read contract (0015): family and household relationships. */
export interface PeopleRelationshipView {
  id: number
  person_id: number
  related_person_id: number
  relationship_type: string
  household_member: boolean
  from_date: DateString | null
  to_date: DateString | null
  deleted_at: Date | null
}

/** The front door's published read contract (0015): each child's place on a contact. */
export interface FrontdoorContactChildView {
  id: number
  contact_id: number
  child_id: number | null
  status: ContactChildStatus
}

export interface SchemaMigrationTable {
  name: string
  checksum: string
  applied_at: Timestamp
}

/** Single sign-on (0011): who an account is at the provider, by issuer and subject. */
export interface UserIdentityTable {
  id: Id
  user_id: number
  issuer: string
  subject: string
  created_at: Timestamp
  last_sign_in_at: NullableTimestamp
}

/** A group at the authority's provider and the role (and team) it gives in Haven (0011). */
export interface SsoGroupMappingTable {
  id: Id
  group_id: string
  role: string
  team_id: number | null
  created_by: number | null
  created_at: Timestamp
}

/** One attempt to sign in through the provider, used once (0011). */
export interface SsoSignInAttemptTable {
  state_hash: string
  browser_hash: string
  nonce: string
  code_verifier: string
  return_to: string
  created_at: Timestamp
  expires_at: Timestamp
  used_at: NullableTimestamp
}

/** A Haven session that began at the provider (0011). */
export interface SsoSessionTable {
  session_id_hash: string
  issuer: string
  subject: string
  sid: string | null
  id_token: string
  created_at: Timestamp
}

/** Something Haven tells one member of staff, on their home page (0010). */
export interface StaffNotificationTable {
  id: Id
  user_id: number
  kind: 'break_glass_used' | 'own_record_attempt'
  child_id: number | null
  message: string
  created_at: Timestamp
  read_at: NullableTimestamp
}

/** The privacy review queue: emergency access and attempts on one's own record (0010). */
export interface AccessReviewTable {
  id: Id
  kind: 'break_glass' | 'own_record_attempt'
  user_id: number
  child_id: number
  child_access_id: number | null
  reason_code: string | null
  reason: string | null
  raised_at: Timestamp
  due_on: string
  closed_at: NullableTimestamp
  closed_by: number | null
  outcome: 'justified' | 'escalated' | 'breach' | null
  outcome_note: string | null
}

/** A child transferring in from another authority, recorded at triage (0024). */
export interface TransferInTable {
  id: Id
  contact_child_id: number
  child_id: number
  previous_authority: string
  previous_status: 'cp_plan' | 'cin' | 'looked_after' | 'none'
  notified_at: Timestamp
  sent_by: string | null
  received_on: DateString | null
  documents: ColumnType<string[], string[] | undefined, string[]>
  documents_note: string | null
  conference_held_on: ColumnType<DateString | null, DateString | null | undefined, DateString | null>
  recorded_by: number
  recorded_at: Timestamp
  /** The child protection notification it handed over to (migration 0039), for a child on a plan. */
  cp_transfer_in_id: ColumnType<number | null, number | null | undefined, number | null>
}

/** A child as the emergency duty team's caller named them. */
export interface OutOfHoursChild {
  name: string
  birth: string | null
  address: string | null
}

/** The emergency duty team's record of its out-of-hours work (0024). */
export interface OutOfHoursRecordTable {
  id: Id
  called_at: Timestamp
  caller_name: string | null
  caller_role: string | null
  referral_source: ReferralSource
  children: ColumnType<OutOfHoursChild[], string, string>
  what_happened: string
  action_taken: string
  advice_given: string | null
  police_involved: boolean
  health_involved: boolean
  consent: ContactTable['consent']
  handover: string
  recorded_by: number
  recorded_at: Timestamp
  contact_id: ColumnType<number | null, number | null | undefined, number | null>
  converted_by: ColumnType<number | null, number | null | undefined, number | null>
  converted_at: NullableTimestamp
}

/** The casenotes module's case notes (migration 0029): one note, on one or more children. */
export interface CaseNoteTable {
  id: Id
  recorded_by: number
  recorded_at: Timestamp
  current_version: Generated<number>
  deleted_at: NullableTimestamp
  deleted_by: number | null
  deleted_reason: string | null
}

export interface CaseNoteChildTable {
  case_note_id: number
  child_id: number
}

/** A version of a case note; append-only. */
export interface CaseNoteVersionTable {
  id: Id
  case_note_id: number
  version: number
  note_type: string
  contact_at: Timestamp
  who_seen: string | null
  body: string
  amend_reason: string | null
  written_by: number
  written_at: Timestamp
}

export type ChildSeen = 'seen_alone' | 'seen_with_others' | 'not_seen'

export interface CaseNoteSeenTable {
  case_note_version_id: number
  child_id: number
  seen: ChildSeen
}

/** Each child seen at the current version of a note not deleted, by day (0044, kept by triggers). */
export interface CaseNoteSightingTable {
  child_id: number
  seen_on: DateString
  case_note_id: number
}

export type OversightKind = 'management_oversight' | 'supervision'

export interface OversightRecordTable {
  id: Id
  child_id: number
  kind: OversightKind
  held_on: DateString
  summary: string
  interval_code: string
  next_due_on: DateString
  recorded_by: number
  recorded_at: Timestamp
}

export interface OversightActionTable {
  id: Id
  oversight_record_id: number
  position: number
  action: string
  due_on: DateString
}

/** The casenotes module's read contract. */
export interface CasenotesChildContactView {
  case_note_id: number
  child_id: number
  note_type: string
  contact_at: Timestamp
  child_seen: boolean
  seen_alone: boolean
}

export interface CasenotesChildSeenView {
  child_id: number
  seen_on: DateString
  case_note_id: number
}

export interface CasenotesOversightView {
  id: number
  child_id: number
  kind: OversightKind
  held_on: DateString
  next_due_on: DateString
  recorded_by: number
}

// ---- documents (issue 14; migration 0034) ----------------------------------------------------

export type DocumentType =
  'letter' | 'report' | 'conference_minutes' | 'plan_for_parents' | 'assessment' | 'court_document' | 'other'

/** A document on one or more children's records; its files are its versions. */
export interface DocumentTable {
  id: Id
  document_type: DocumentType
  title: string
  document_date: DateString
  current_version: Generated<number>
  uploaded_by: number
  uploaded_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_by: number | null
  deleted_reason: string | null
}

export interface DocumentChildTable {
  document_id: number
  child_id: number
}

/** A version's file (kept on disk under `stored_name`); append-only. */
export interface DocumentVersionTable {
  id: Id
  document_id: number
  version: number
  file_name: string
  file_type: 'pdf' | 'docx' | 'xlsx' | 'odt' | 'jpeg' | 'png' | 'txt'
  media_type: string
  bytes: ColumnType<number, number, number>
  sha256: string
  stored_name: string
  scanned: boolean
  change_note: string | null
  uploaded_by: number
  uploaded_at: Timestamp
}

/** The documents module's read contract. */
export interface DocumentsChildDocumentView {
  document_id: number
  child_id: number
  type: DocumentType
  title: string
  document_date: DateString
  uploaded_at: Timestamp
  version: number
}

// Child protection plans: the protection module (migration 0033). Its tables join `Database`
// below through declaration merging, so this area's types stay in one block.

export type CpCategory = 'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL'
export type CpActionStatus = 'planned' | 'delivered' | 'not_delivered'

export interface CpPlanTable {
  id: Id
  child_id: number
  conference_id: number | null
  referral_id: number | null
  start_date: DateString
  initial_category: CpCategory
  latest_category: CpCategory
  end_date: DateString | null
  end_reason: string | null
  ended_by: number | null
  ended_at: NullableTimestamp
  version: Generated<number>
  started_by: number
  recorded_at: Timestamp
}

export interface CpPlanReviewTable {
  id: Id
  cp_plan_id: number
  conference_id: number | null
  held_on: DateString
  continues: boolean
  latest_category: CpCategory | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CpPlanOutcomeTable {
  id: Id
  cp_plan_id: number
  outcome: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CpPlanActionTable {
  id: Id
  cp_plan_outcome_id: number
  action: string
  owner_kind: 'person' | 'agency'
  owner_name: string
  due_on: DateString
  status: Generated<CpActionStatus>
  delivered_on: DateString | null
  not_delivered_reason: string | null
  status_by: number | null
  status_at: NullableTimestamp
  recorded_by: number
  recorded_at: Timestamp
}

export interface CpCoreGroupTable {
  id: Id
  cp_plan_id: number
  held_on: DateString
  notes: string | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CpCoreGroupAttendanceTable {
  cp_core_group_id: number
  agency_kind: string
  attended: boolean
}

export interface CpCoreGroupActionReviewTable {
  cp_core_group_id: number
  cp_plan_action_id: number
  progress: string
}

export interface CpVisitTable {
  id: Id
  cp_plan_id: number
  visited_at: Timestamp
  who_present: string | null
  child_seen: boolean
  seen_alone: boolean
  announced: boolean
  recorded_by: number
  recorded_at: Timestamp
}

/** Protection's read contract for plans (the CIN census and Annex A read these). */
export interface ProtectionCpPlanView {
  plan_id: number
  child_id: number
  referral_id: number | null
  start_date: DateString
  end_date: DateString | null
  initial_category: CpCategory
  latest_category: CpCategory
  end_reason: string | null
}

export interface ProtectionCpReviewView {
  plan_id: number
  child_id: number
  review_date: DateString
}

export interface ProtectionCpVisitView {
  plan_id: number
  child_id: number
  visited_at: Timestamp
  seen: boolean
  seen_alone: boolean
}

export interface Database {
  cp_plan: CpPlanTable
  cp_plan_review: CpPlanReviewTable
  cp_plan_outcome: CpPlanOutcomeTable
  cp_plan_action: CpPlanActionTable
  cp_core_group: CpCoreGroupTable
  cp_core_group_attendance: CpCoreGroupAttendanceTable
  cp_core_group_action_review: CpCoreGroupActionReviewTable
  cp_visit: CpVisitTable
  protection_cp_plan_v: ProtectionCpPlanView
  protection_cp_review_v: ProtectionCpReviewView
  protection_cp_visit_v: ProtectionCpVisitView
  protection_transfer_in_v: ProtectionTransferInView
}

/** Protection's read contract for transfers in (migration 0039): each child, where the conference stands. */
export interface ProtectionTransferInView {
  transfer_in_id: number
  child_id: number
  from_la_code: string
  notified_on: DateString
  conference_id: number | null
  conference_scheduled_at: Date | null
  conference_held_on: DateString | null
  conference_cancelled_at: Date | null
}

export interface Database {
  team: TeamTable
  app_user: AppUserTable
  user_session: UserSessionTable
  form_draft: FormDraftTable
  form_submission: FormSubmissionTable
  sign_in_attempt: SignInAttemptTable
  sign_in_throttle: SignInThrottleTable
  bank_holiday_override: BankHolidayOverrideTable
  person: PersonTable & PersonDetailColumns
  person_name: PersonNameTable
  person_address: PersonAddressTable
  person_relationship: PersonRelationshipTable
  child_access: ChildAccessTable
  person_restriction: PersonRestrictionTable
  person_restriction_review: PersonRestrictionReviewTable
  audit_event: AuditEventTable
  audit_seal: AuditSealTable
  case_event: CaseEventTable
  clock_definition: ClockDefinitionTable
  working_hours: WorkingHoursTable
  postcode: PostcodeTable
  ofsted_provider: OfstedProviderTable
  return_upload: ReturnUploadTable
  return_finding: ReturnFindingTable
  task: TaskTable
  schema_migration: SchemaMigrationTable
  agency: AgencyTable
  contact: ContactTable
  contact_child: ContactChildTable
  contact_adult: ContactAdultTable
  contact_agency_check: ContactAgencyCheckTable
  contact_recommendation: ContactRecommendationTable
  strategy_discussion: StrategyDiscussionTable
  strategy_discussion_participant: StrategyDiscussionParticipantTable
  protection_strategy_discussion_v: ProtectionStrategyDiscussionView
  contact_school_notice: ContactSchoolNoticeTable
  referral: ReferralTable
  person_alert: PersonAlertTable
  person_merge: PersonMergeTable
  frontdoor_open_involvement: FrontdoorOpenInvolvementView
  frontdoor_contact_child_v: FrontdoorContactChildView
  people_person_v: PeoplePersonView
  people_relationship_v: PeopleRelationshipView
  people_sibling_v: PeopleSiblingView
  people_current_address_v: PeopleCurrentAddressView
  contact_child_link: ContactChildLinkTable
  household_exclusion: HouseholdExclusionTable
  user_identity: UserIdentityTable
  sso_group_mapping: SsoGroupMappingTable
  sso_sign_in_attempt: SsoSignInAttemptTable
  sso_session: SsoSessionTable
  staff_notification: StaffNotificationTable
  access_review: AccessReviewTable
  transfer_in: TransferInTable
  out_of_hours_record: OutOfHoursRecordTable
  case_note: CaseNoteTable
  case_note_child: CaseNoteChildTable
  case_note_version: CaseNoteVersionTable
  case_note_seen: CaseNoteSeenTable
  case_note_sighting: CaseNoteSightingTable
  oversight_record: OversightRecordTable
  oversight_action: OversightActionTable
  casenotes_child_contact_v: CasenotesChildContactView
  casenotes_child_seen_v: CasenotesChildSeenView
  casenotes_oversight_v: CasenotesOversightView
  // documents (0034)
  document: DocumentTable
  document_child: DocumentChildTable
  document_version: DocumentVersionTable
  documents_child_document_v: DocumentsChildDocumentView
}

export type AppUser = Selectable<AppUserTable>
export type NewAppUser = Insertable<AppUserTable>
export type Person = Selectable<PersonTable>

// ---------------------------------------------------------------------------------------------
// Sign-off (platform/signoff) and the assessment module (migration 0031), merged into `Database`.

export type SignOffStatus = 'awaiting' | 'authorised' | 'returned' | 'withdrawn'

/** The platform's sign-off step: one row per ask, decided by a manager other than the asker. */
export interface SignOffTable {
  id: Id
  subject_type: string
  subject_id: string
  child_id: number
  asked_by: number
  asked_at: Timestamp
  summary: string
  status: Generated<SignOffStatus>
  decided_by: number | null
  decided_at: NullableTimestamp
  oversight_note: string | null
  return_reason: string | null
  /** Withdrawn (migration 0039): what it asked for no longer stands. */
  withdrawn_by: ColumnType<number | null, number | null | undefined, number | null>
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  withdraw_reason: ColumnType<string | null, string | null | undefined, string | null>
}

export type AssessmentStatus = 'in_progress' | 'awaiting_authorisation' | 'authorised'
export type AssessmentOutcome =
  'no_further_action' | 'cin_plan' | 'strategy_discussion' | 'early_help' | 'looked_after'

/** A child and family assessment, one column per section. */
export interface AssessmentTable {
  id: Id
  child_id: number
  referral_id: number
  started_on: DateString
  started_by: number
  started_at: Timestamp
  status: Generated<AssessmentStatus>
  version: Generated<number>
  seen_on: DateString | null
  seen_alone: boolean | null
  not_seen_alone_reason: string | null
  wishes_and_feelings: string | null
  factors: string[] | null
  primary_need: string | null
  analysis: string | null
  outcome: AssessmentOutcome | null
  authorised_on: DateString | null
  authorised_by: number | null
  updated_by: number
  updated_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_by: number | null
  deleted_reason: string | null
}

/** The assessment module's read contract (the CIN census reads it). */
export interface AssessmentView {
  assessment_id: number
  child_id: number
  referral_id: number
  start_date: DateString
  authorised_date: DateString | null
  factors: string[]
  primary_need: string | null
  outcome: AssessmentOutcome | null
  status: AssessmentStatus
  /** The day the child was first seen during it (0035, for Annex A list 4). */
  seen_on: DateString | null
}

export interface Database {
  sign_off: SignOffTable
  assessment: AssessmentTable
  assessment_v: AssessmentView
}

// ---- protection: section 47 enquiries and child protection conferences (migration 0032, s47) ----

export type ImmediateProtection = 'police_protection' | 'emergency_protection_order'
export type ConferenceKind = 'initial' | 'review' | 'transfer_in'
export type ConferenceDecision = 'plan' | 'no_plan' | 'continue' | 'end'
/** The CIN census's categories of abuse. */
export type AbuseCategory = 'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL'
export type ProtectionAgencyKind = StrategyDiscussionParticipantTable['agency_kind']

export interface S47EnquiryTable {
  id: Id
  child_id: number
  strategy_discussion_id: number
  start_date: DateString
  joint: boolean
  created_at: Timestamp
  child_seen_on: ColumnType<DateString | null, DateString | null | undefined>
  child_seen_alone: ColumnType<boolean | null, boolean | null | undefined>
  outcome: ColumnType<
    'substantiated' | 'not_substantiated' | null,
    'substantiated' | 'not_substantiated' | null | undefined
  >
  likely_significant_harm: ColumnType<boolean | null, boolean | null | undefined>
  conference_needed: ColumnType<boolean | null, boolean | null | undefined>
  no_conference_reason: ColumnType<string | null, string | null | undefined>
  completed_on: ColumnType<DateString | null, DateString | null | undefined>
  outcome_recorded_by: ColumnType<number | null, number | null | undefined>
  outcome_recorded_at: NullableTimestamp
  cancelled_at: NullableTimestamp
  cancelled_reason: ColumnType<string | null, string | null | undefined>
}

export interface ChildProtectionConferenceTable {
  id: Id
  kind: ConferenceKind
  scheduled_at: Timestamp
  chair_id: number
  arranged_by: number
  arranged_at: Timestamp
  held_at: NullableTimestamp
  child_participation: ColumnType<string | null, string | null | undefined>
  family_participation: ColumnType<string | null, string | null | undefined>
  participation_note: ColumnType<string | null, string | null | undefined>
  recorded_by: ColumnType<number | null, number | null | undefined>
  recorded_at: NullableTimestamp
  cancelled_at: NullableTimestamp
  cancelled_reason: ColumnType<string | null, string | null | undefined>
}

export interface ConferenceChildTable {
  conference_id: number
  child_id: number
  s47_id: number | null
  decision: ColumnType<ConferenceDecision | null, ConferenceDecision | null | undefined>
  category: ColumnType<AbuseCategory | null, AbuseCategory | null | undefined>
  end_reason: ColumnType<string | null, string | null | undefined>
}

export interface ProtectionInvitationTable {
  id: Id
  strategy_discussion_id: number | null
  conference_id: number | null
  agency_kind: ProtectionAgencyKind
  person_name: string
  user_id: number | null
  report_requested: boolean
  access_until: NullableTimestamp
  invited_by: number
  invited_at: Timestamp
  contribution: ColumnType<string | null, string | null | undefined>
  contributed_by: ColumnType<number | null, number | null | undefined>
  contributed_at: NullableTimestamp
  attendance: ColumnType<
    'attended' | 'apologies' | 'did_not_attend' | null,
    'attended' | 'apologies' | 'did_not_attend' | null | undefined
  >
}

/** Read by the CIN census exporter: one row per section 47 enquiry, cancelled ones left out. */
export interface ProtectionS47View {
  s47_id: number
  child_id: number
  referral_id: number | null
  start_date: DateString
  icpc_date: DateString | null
  icpc_not_required: boolean
  outcome: string | null
  /** The day the enquiry was completed (0035). */
  completed_date: DateString | null
  /** The day the child was seen during the enquiry (0040). */
  child_seen_on: DateString | null
}

/** Read by the CIN census exporter: each child's decision at each held conference. */
export interface ProtectionConferenceView {
  conference_id: number
  kind: ConferenceKind
  held_on: DateString
  child_id: number
  decision: string | null
  category: string | null
}

// Declaration merging adds these tables to the one Database interface above.
export interface Database {
  s47_enquiry: S47EnquiryTable
  child_protection_conference: ChildProtectionConferenceTable
  conference_child: ConferenceChildTable
  protection_invitation: ProtectionInvitationTable
  protection_s47_v: ProtectionS47View
  protection_conference_v: ProtectionConferenceView
}

// Child protection transfers between authorities (migration 0037, the protection module).
export interface CpTransferInTable {
  id: Id
  from_la_code: string
  from_la_name: string
  notified_on: DateString
  worker_name: string
  worker_contact: string
  conference_id: number | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CpTransferInChildTable {
  transfer_in_id: number
  child_id: number
  their_plan_start: DateString
  their_category: CpCategory
}

export interface CpTransferOutTable {
  id: Id
  cp_plan_id: number
  child_id: number
  to_la_code: string
  to_la_name: string
  notified_on: DateString
  conference_on: DateString
  held_on: DateString | null
  held_recorded_by: number | null
  held_recorded_at: NullableTimestamp
  recorded_by: number
  recorded_at: Timestamp
}

export interface Database {
  cp_transfer_in: CpTransferInTable
  cp_transfer_in_child: CpTransferInChildTable
  cp_transfer_out: CpTransferOutTable
}

// Migration 0038 (issue 14, the journey wired together): a plan's end proposed by the worker and
// waiting for a manager (declaration merging adds the columns to `cp_plan`), and the assessment's
// visit measures published for the worklists.
export interface CpPlanTable {
  end_proposed_on: ColumnType<DateString | null, DateString | null | undefined>
  end_proposed_reason: ColumnType<string | null, string | null | undefined>
  end_proposed_by: ColumnType<number | null, number | null | undefined>
  end_proposed_at: NullableTimestamp
}

/** Where a child was seen (migration 0040): a case note, a CP visit, a section 47 enquiry, an assessment. */
export type ChildSeenSource = 'case_note' | 'cp_visit' | 'cin_visit' | 's47' | 'assessment' | 'lac_visit'

/**
 * The assessment's visit measures (`assessment_v`'s companion, migration 0040 replacing 0038's):
 * the one definition, read by the child's record and the worklists.
 */
export interface AssessmentVisitView {
  assessment_id: number
  child_id: number
  status: string
  referral_date: DateString
  allocated_at: Date | null
  /** The first day (London) on or after the referral date on which the child was seen, and where. */
  first_visit_on: DateString | null
  first_visit_source: ChildSeenSource | null
  /** Children of the household (brothers and sisters living with the child), and how many seen since. */
  household_children: number
  household_seen: number
}

/** Each child whose being seen an assessment measures: the child (is_subject) and the household's. */
export interface AssessmentVisitChildView {
  assessment_id: number
  child_id: number
  member_id: number
  is_subject: boolean
  first_seen_on: DateString | null
  first_seen_source: ChildSeenSource | null
}

/** Every day a child was seen, wherever it was recorded (London dates). */
export interface AssessmentChildSeenView {
  child_id: number
  seen_on: DateString
  source: ChildSeenSource
}

export interface Database {
  assessment_visit_measure_v: AssessmentVisitView
  assessment_visit_child_v: AssessmentVisitChildView
  assessment_child_seen_v: AssessmentChildSeenView
}

// Child in need plans: the protection module (migration 0046, issue 15). Outcomes and actions
// have the CP plan's shape; the plan ends with the CIN census's reason for closure (RC1–RC9).
export interface CinPlanTable {
  id: Id
  child_id: number
  referral_id: number | null
  assessment_id: number | null
  cp_plan_id: number | null
  start_date: DateString
  visit_frequency: string
  end_date: DateString | null
  end_reason: string | null
  ended_by: number | null
  ended_at: NullableTimestamp
  end_proposed_on: ColumnType<DateString | null, DateString | null | undefined>
  end_proposed_reason: ColumnType<string | null, string | null | undefined>
  end_proposed_by: ColumnType<number | null, number | null | undefined>
  end_proposed_at: NullableTimestamp
  version: Generated<number>
  started_by: number
  recorded_at: Timestamp
}

export interface CinPlanOutcomeTable {
  id: Id
  cin_plan_id: number
  outcome: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CinPlanActionTable extends Omit<CpPlanActionTable, 'cp_plan_outcome_id'> {
  cin_plan_outcome_id: number
}

export interface CinVisitTable extends Omit<CpVisitTable, 'cp_plan_id'> {
  cin_plan_id: number
}

export interface CinPlanReviewTable {
  id: Id
  cin_plan_id: number
  held_on: DateString
  summary: string
  recorded_by: number
  recorded_at: Timestamp
}

/** Protection's read contract for CIN plans (the CIN census reads it). */
export interface ProtectionCinPlanView {
  plan_id: number
  child_id: number
  referral_id: number | null
  start_date: DateString
  end_date: DateString | null
  end_reason: string | null
}

export interface Database {
  cin_plan: CinPlanTable
  cin_plan_outcome: CinPlanOutcomeTable
  cin_plan_action: CinPlanActionTable
  cin_visit: CinVisitTable
  cin_plan_review: CinPlanReviewTable
  protection_cin_plan_v: ProtectionCinPlanView
  protection_cin_visit_v: ProtectionCpVisitView
}

// Escalations of professional differences (0045): the escalations module's tables and its published view.

export type EscalationStatus = 'awaiting_response' | 'responded' | 'resolved'
export type EscalationResponse = 'agree' | 'disagree'
/** Why a level was reached: raised there, the answer below disputed, or no answer in time. */
export type EscalationBecause = 'raised' | 'disputed' | 'late'

export interface EscalationTable {
  id: Id
  child_id: number
  raised_by: number
  raised_at: Timestamp
  /** `social_care` for the council's own staff, else the partner's agency (`health`, `police`…). */
  raiser_agency: string
  difference: string
  wanted: string
  level: number
  recipient_id: number
  due_at: Timestamp
  status: EscalationStatus
  version: Generated<number>
  resolved_at: NullableTimestamp
  resolution: string | null
}

export interface EscalationLevelTable {
  escalation_id: number
  level: number
  recipient_id: number
  sent_by: number
  sent_at: Timestamp
  because: EscalationBecause
  reason: string | null
  due_at: Timestamp
  response: EscalationResponse | null
  response_reasons: string | null
  response_actions: string | null
  responded_by: number | null
  responded_at: NullableTimestamp
}

export interface EscalationsOpenView {
  escalation_id: number
  child_id: number
  level: number
  raiser_agency: string
  raised_at: Date
  recipient_id: number
  due_at: Date
  status: EscalationStatus
}

export interface Database {
  escalation: EscalationTable
  escalation_level: EscalationLevelTable
  escalations_open_v: EscalationsOpenView
}

/** What an agency adds to a child's multi-agency chronology (migration 0047, the chronology module). */
export type ChronologyBasis = 'fact' | 'reported'
export type ChronologySignificance = 'low' | 'medium' | 'high'
export type HarmKind = 'injury' | 'incident' | 'was_not_brought'
export type ChildMobile = 'yes' | 'no' | 'not_known'

export interface ChronologyEntryTable {
  id: Id
  child_id: number
  occurred_on: DateString
  agency_id: number | null
  agency_name: string
  source: string
  basis: ChronologyBasis
  significance: ChronologySignificance
  entry_type: string
  what_happened: string
  harm_kind: HarmKind | null
  body_part: string | null
  child_mobile: ChildMobile | null
  recorded_by: number
  recorded_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_by: number | null
  deleted_reason: string | null
  /** The case event it wrote, its line on the chronology (migration 0057). */
  case_event_id: number | null
}

export interface Database {
  chronology_entry: ChronologyEntryTable
}

// ---------------------------------------------------------------------------------------------
// Early help (migration 0048, the earlyhelp module): episodes, the assessment, the team around the
// family and its meetings, the family plan's objectives and interventions.

export type EhOrigin = 'front_door' | 'direct' | 'step_down'
export type EhStatus = 'awaiting_allocation' | 'open' | 'ended'
export type EhAttendance = 'attended' | 'apologies' | 'did_not_attend'
export type EhSessionOutcome = 'delivered' | 'cancelled' | 'not_attended'

export interface EhEpisodeTable {
  id: Id
  child_id: number
  origin: EhOrigin
  contact_child_id: number | null
  team_id: number
  started_on: DateString
  started_by: number
  started_at: Timestamp
  started_event_id: number | null
  consent_on: DateString
  consent_from: string
  consent_note: string | null
  status: EhStatus
  team_grant_id: number | null
  lead_user_id: number | null
  /** The lead professional's agency: `social_care` (early help staff) or the partner's (`education`…). */
  lead_agency: string | null
  lead_member_id: number | null
  lead_grant_id: number | null
  allocated_at: NullableTimestamp
  allocated_by: number | null
  version: Generated<number>
  ended_on: DateString | null
  end_reason: string | null
  /** A step-down's closure of the social care case (0054); set exactly when origin is `step_down`. */
  case_closure_id: Generated<number | null>
}

export interface EhAssessmentTable {
  episode_id: number
  started_on: DateString
  needs: Generated<string>
  strengths: Generated<string>
  child_voice: Generated<string>
  family_view: Generated<string>
  completed_on: DateString | null
  updated_by: number
  updated_at: Timestamp
}

export interface EhTafMemberTable {
  id: Id
  episode_id: number
  agency: string
  name: string
  role: string
  user_id: number | null
  added_by: number
  added_at: Timestamp
  /** When the member left the team, who recorded it and why (migration 0056). */
  removed_at: NullableTimestamp
  removed_by: number | null
  removed_reason: string | null
  /** The member's `process_participant` grant, ended when they leave or the episode closes (migration 0052). */
  grant_id: number | null
}

export interface EhMeetingTable {
  id: Id
  episode_id: number
  held_on: DateString
  decisions: string | null
  added_by: number
  added_at: Timestamp
  recorded_by: number | null
  recorded_at: NullableTimestamp
}

export interface EhMeetingAttendanceTable {
  meeting_id: number
  member_id: number
  attendance: EhAttendance
}

export interface EhObjectiveTable {
  id: Id
  episode_id: number
  objective: string
  measure: string
  target_score: number
  added_by: number
  added_at: Timestamp
}

export interface EhObjectiveScoreTable {
  id: Id
  objective_id: number
  scored_on: DateString
  score: number
  recorded_by: number
  recorded_at: Timestamp
}

export interface EhInterventionTable {
  id: Id
  episode_id: number
  kind: string
  provider: string
  sessions_planned: number
  over_weeks: number
  starts_on: DateString
  added_by: number
  added_at: Timestamp
}

export interface EhSessionTable {
  id: Id
  intervention_id: number
  session_on: DateString
  outcome: EhSessionOutcome
  recorded_by: number
  recorded_at: Timestamp
}

export interface EarlyhelpEpisodeView {
  episode_id: number
  child_id: number
  started_on: string
  origin: EhOrigin
  lead_agency: string | null
  lead_organisation: string | null
  assessment_started_on: string | null
  assessment_completed_on: string | null
  status: EhStatus
  ended_on: string | null
  end_reason: string | null
}

export interface Database {
  eh_episode: EhEpisodeTable
  eh_assessment: EhAssessmentTable
  eh_taf_member: EhTafMemberTable
  eh_meeting: EhMeetingTable
  eh_meeting_attendance: EhMeetingAttendanceTable
  eh_objective: EhObjectiveTable
  eh_objective_score: EhObjectiveScoreTable
  eh_intervention: EhInterventionTable
  eh_session: EhSessionTable
  earlyhelp_episode_v: EarlyhelpEpisodeView
}

/** A proposal to close a child's social care case with the closure checklist (migration 0050, protection). */
export type CaseClosureStatus = 'awaiting' | 'authorised' | 'returned'

export interface CaseClosureTable {
  id: Id
  child_id: number
  referral_id: number
  status: Generated<CaseClosureStatus>
  reason_code: string
  /** The checklist as answered (platform/casework/closure.ts `ClosureChecklist`), stored as JSON. */
  checklist: Json
  referral_prompted: boolean
  proposed_by: number
  proposed_at: Timestamp
  decided_by: number | null
  decided_at: NullableTimestamp
  closed_at: NullableTimestamp
  /** The family steps down to early help on closure, with what early help should know (0054). */
  step_down: Generated<boolean>
  step_down_note: Generated<string | null>
}

export interface Database {
  case_closure: CaseClosureTable
}

/** Step-up and step-down between early help and social care (migration 0054). */
export interface EhStepUpTable {
  id: Id
  episode_id: number
  contact_child_id: number
  reason: string
  /** The summary of the episode sent with the contact, as it was sent. */
  carried: string
  requested_by: number
  requested_at: Timestamp
}

export interface ProtectionStepDownView {
  closure_id: number
  child_id: number
  closed_at: Timestamp
  step_down_note: string
  proposed_by: number
  cin_plan_id: number | null
}

export interface ProtectionCinOutcomeView {
  outcome_id: number
  cin_plan_id: number
  child_id: number
  outcome: string
  actions: number
  delivered: number
}

export interface Database {
  eh_step_up: EhStepUpTable
  protection_step_down_v: ProtectionStepDownView
  protection_cin_outcome_v: ProtectionCinOutcomeView
}

/** A proposal to close an early help episode with the closure checklist (migration 0052, earlyhelp). */
export type EhClosureStatus = 'awaiting' | 'authorised' | 'returned'

export interface EhClosureTable {
  id: Id
  episode_id: number
  child_id: number
  status: Generated<EhClosureStatus>
  /** Early help's coded reason (reference/earlyhelp/closure-reasons.json). */
  reason_code: string
  /** The checklist as answered (platform/casework/closure.ts `ClosureChecklist`), stored as JSON. */
  checklist: Json
  referral_prompted: boolean
  proposed_by: number
  proposed_at: Timestamp
  decided_by: number | null
  decided_at: NullableTimestamp
}

export interface Database {
  eh_closure: EhClosureTable
}

/** Children looked after: periods of care, their placements and episodes (migration 0055, care). */
export interface CarePeriodTable {
  id: Id
  child_id: number
  start_date: DateString
  /** 'imported': loaded from an SSDA903 return, which does not say (migration 0071). */
  admission: 'emergency' | 'planned' | 'imported'
  panel_name: string | null
  panel_date: DateString | null
  panel_chair: string | null
  category_of_need: string
  home_postcode: string | null
  end_date: DateString | null
  reason_ceased: string | null
  started_by: number
  recorded_at: Timestamp
  ended_by: number | null
  ended_at: NullableTimestamp
  /** The import that wrote the period, when one did (migration 0071). */
  import_id: number | null
}

export interface CarePlacementTable {
  id: Id
  period_id: number
  child_id: number
  start_date: DateString
  end_date: DateString | null
  place: string
  provider: string | null
  carer_name: string
  urn: string | null
  postcode: string | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareEpisodeTable {
  id: Id
  period_id: number
  child_id: number
  placement_id: number
  start_date: DateString
  rne: string
  legal_status: string
  end_date: DateString | null
  rec: string | null
  reason_place_change: string | null
  recorded_by: number
  recorded_at: Timestamp
}

/** The SSDA903 Episodes columns, one row per episode (care's read contract). */
export interface CareEpisodeView {
  episode_id: number
  period_id: number
  child_id: number
  decom: DateString
  rne: string
  ls: string
  cin: string
  place: string
  place_provider: string | null
  dec: DateString | null
  rec: string | null
  reason_place_change: string | null
  home_post: string | null
  pl_post: string | null
  urn: string | null
}

export interface Database {
  care_period: CarePeriodTable
  care_placement: CarePlacementTable
  care_episode: CareEpisodeTable
  care_episode_v: CareEpisodeView
}

/** Statutory visits to children looked after (migration 0059, care). */
export interface CareVisitTable {
  id: Id
  period_id: number
  placement_id: number
  child_id: number
  visited_on: DateString
  visited_by: string
  location: 'placement' | 'elsewhere'
  location_detail: string | null
  child_seen: boolean
  seen_alone: boolean
  not_seen_reason: string | null
  note: string | null
  recorded_by: number
  recorded_at: Timestamp
}

/** Care's read contract for visits (the child seen counts wherever Haven counts it). */
export interface CareVisitView {
  visit_id: number
  period_id: number
  placement_id: number
  child_id: number
  visited_on: DateString
  visited_at: Date
  seen: boolean
  seen_alone: boolean
}

/** A placement agreed as long-term (migration 0059, care). */
export interface CarePlacementLongTermTable {
  placement_id: number
  child_id: number
  agreed_on: DateString
  recorded_by: number
  recorded_at: Timestamp
}

// Issue 17, reviews and the IRO (migration 0058).
export interface CareIroAllocationTable {
  id: Id
  period_id: number
  child_id: number
  iro_user_id: number
  grant_id: number
  from_at: Timestamp
  to_at: NullableTimestamp
  allocated_by: number
  ended_by: number | null
  end_reason: string | null
}

export interface LacReviewTable {
  id: Id
  period_id: number
  child_id: number
  held_on: DateString
  participation: string
  /** Null only for a review imported from an SSDA903 return, which names no chair (migration 0071). */
  chair_user_id: number | null
  report_shared_on: DateString | null
  report_not_shared_reason: string | null
  due_on: DateString | null
  late_reason: string | null
  minutes_distributed_on: DateString | null
  minutes_recorded_by: number | null
  recorded_by: number
  recorded_at: Timestamp
  import_id: number | null
}

export interface Database {
  care_visit: CareVisitTable
  care_visit_v: CareVisitView
  care_placement_long_term: CarePlacementLongTermTable
}

export interface Database {
  care_iro_allocation: CareIroAllocationTable
  lac_review: LacReviewTable
}

// Issue 17, documents and money (migration 0062, care).
export type CareDocumentItem = 'birth_certificate' | 'identity_document' | 'ni_number' | 'account'
export type CareDocumentStatus = 'held' | 'not_held' | 'applied'

export interface CareDocumentTable {
  id: Id
  child_id: number
  period_id: number
  item: CareDocumentItem
  status: CareDocumentStatus
  kind: string | null
  kept_at: string | null
  applied_on: DateString | null
  issued_on: DateString | null
  expires_on: DateString | null
  received_on: DateString | null
  opened_on: DateString | null
  provider: string | null
  recorded_by: number
  recorded_at: Timestamp
}

/** Care's read contract for documents: one row per child looked after now, each item's latest state. */
export interface CareDocumentsView {
  child_id: number
  period_id: number
  looked_after_since: DateString
  birth_certificate: CareDocumentStatus | null
  birth_certificate_kept_at: string | null
  birth_certificate_applied_on: DateString | null
  identity_document: CareDocumentStatus | null
  identity_document_kind: string | null
  identity_document_issued_on: DateString | null
  identity_document_expires_on: DateString | null
  identity_document_applied_on: DateString | null
  ni_number: CareDocumentStatus | null
  ni_number_received_on: DateString | null
  account: CareDocumentStatus | null
  account_kind: string | null
  account_opened_on: DateString | null
}

export interface Database {
  care_document: CareDocumentTable
  care_documents_v: CareDocumentsView
}

// Issue 17, the health of children looked after (migration 0060, care-health).
export type HealthAssessmentKind = 'iha' | 'rha'
export type HealthWaitingReason = 'appointment' | 'paperwork' | 'declined' | 'other'
export type HealthAgeBand = 'under_5' | '5_and_over'
export type HealthCheckKind = 'dental' | 'sight' | 'immunisations' | 'sdq'

export interface CareHealthAssessmentTable {
  id: Id
  period_id: number
  child_id: number
  kind: HealthAssessmentKind
  requested_on: DateString | null
  appointment_on: DateString | null
  completed_on: DateString | null
  completed_by: string | null
  waiting_reason: HealthWaitingReason | null
  waiting_other: string | null
  age_band: HealthAgeBand | null
  recorded_by: number
  recorded_at: Timestamp
  updated_by: number
  updated_at: Timestamp
}

export interface CareHealthCheckTable {
  id: Id
  period_id: number
  child_id: number
  kind: HealthCheckKind
  checked_on: DateString
  up_to_date: boolean | null
  sdq_score: number | null
  completed_by: string | null
  recorded_by: number
  recorded_at: Timestamp
}

/** Care's read contract for health: one row per child who has been looked after (latest period). */
export interface CareHealthView {
  child_id: number
  period_id: number
  period_start: DateString
  looked_after: boolean
  iha_requested_on: DateString | null
  iha_completed_on: DateString | null
  rha_completed_on: DateString | null
  rha_count: number
  waiting_kind: HealthAssessmentKind | null
  waiting_reason: HealthWaitingReason | null
  dental_on: DateString | null
  sight_on: DateString | null
  immunisations_on: DateString | null
  immunisations_up_to_date: boolean | null
  sdq_on: DateString | null
  sdq_score: number | null
}

export interface Database {
  care_health_assessment: CareHealthAssessmentTable
  care_health_check: CareHealthCheckTable
  care_health_v: CareHealthView
}

// Issue 17, the education of children looked after (migration 0061, care).
export type OfstedGrade = 'outstanding' | 'good' | 'requires_improvement' | 'inadequate' | 'not_inspected'
export type SchoolTerm = 'autumn' | 'spring' | 'summer'

export interface CareSchoolTable {
  id: Id
  period_id: number
  child_id: number
  school_name: string
  urn: string | null
  school_la: string
  in_borough: boolean
  ofsted_grade: OfstedGrade
  start_date: DateString
  end_date: DateString | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareMissingEducationTable {
  id: Id
  period_id: number
  child_id: number
  from_date: DateString
  to_date: DateString | null
  reason: string
  provision: 'none' | 'part_time' | 'tutoring'
  recorded_by: number
  recorded_at: Timestamp
}

export interface CarePepTable {
  id: Id
  period_id: number
  child_id: number
  held_on: DateString
  quality: 'good' | 'requires_improvement' | 'inadequate'
  measurable_targets: boolean
  child_voice: boolean
  carer_views: boolean
  attended_by: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareAttendanceTable {
  id: Id
  period_id: number
  child_id: number
  as_at: DateString
  academic_year: number
  term: SchoolTerm
  percent: number
  sessions_possible: number | null
  sessions_attended: number | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareExclusionTable {
  id: Id
  period_id: number
  child_id: number
  kind: 'suspension' | 'permanent'
  start_date: DateString
  days: number | null
  reason: string | null
  recorded_by: number
  recorded_at: Timestamp
}

/** Care's read contract for education: one row per child looked after now. */
export interface CareEducationView {
  child_id: number
  period_id: number
  school_name: string | null
  school_urn: string | null
  school_la: string | null
  in_borough: boolean | null
  ofsted_grade: OfstedGrade | null
  school_from: DateString | null
  last_pep_on: DateString | null
  last_pep_quality: string | null
  pep_due_at: Date | null
  attendance_percent: number | null
  attendance_year: number | null
  attendance_term: SchoolTerm | null
  last_exclusion_on: DateString | null
  missing_education_from: DateString | null
  missing_education_reason: string | null
}

export interface Database {
  care_school: CareSchoolTable
  care_missing_education: CareMissingEducationTable
  care_pep: CarePepTable
  care_attendance: CareAttendanceTable
  care_exclusion: CareExclusionTable
  care_education_v: CareEducationView
}

// ---------------------------------------------------------------------------------------------
// care-escalations: the IRO's escalations and the permanency planning meeting (migration 0065, care).

export type IroEscalationStatus = 'open' | 'resolved' | 'referred'

/** An IRO's escalation (dispute resolution) about a period of care (migration 0065, care). */
export interface CareIroEscalationTable {
  id: Id
  period_id: number
  child_id: number
  category: string
  concern: string
  reason: string
  stage: string
  due_at: NullableTimestamp
  status: IroEscalationStatus
  raised_by: number
  raised_at: Timestamp
  closed_at: NullableTimestamp
}

/** A step of an IRO's escalation: sent to a stage, or the response there (migration 0065, care). */
export interface CareIroEscalationStepTable {
  id: Id
  escalation_id: number
  stage: string
  kind: 'sent' | 'responded'
  because: 'raised' | 'not_resolved' | 'late' | null
  outcome: 'resolved' | 'not_resolved' | null
  note: string | null
  due_at: NullableTimestamp
  by_user: number
  at: Timestamp
}

/** A period's permanency planning meeting (migration 0065, care). */
export interface CarePermanencyMeetingTable {
  period_id: number
  child_id: number
  held_on: DateString
  chair: string
  plan: string
  note: string | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface Database {
  care_iro_escalation: CareIroEscalationTable
  care_iro_escalation_step: CareIroEscalationStepTable
  care_permanency_meeting: CarePermanencyMeetingTable
}

// care-903-records: the care module's records the SSDA903 also needs (migration 0066): previous
// permanence at the start of a period, missing and away episodes with the return home interview,
// and UASC status with its age assessment; and their published views.

export type PreviousPermanence = 'P1' | 'P2' | 'P3' | 'Z1'
export type MissingKind = 'M' | 'A'
export type AgeAssessment = 'accepted' | 'older' | 'younger'

export interface CarePreviousPermanenceTable {
  period_id: number
  child_id: number
  prev_perm: PreviousPermanence
  order_date: DateString | null
  order_la: string | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareMissingEpisodeTable {
  id: Id
  period_id: number
  child_id: number
  kind: MissingKind
  start_date: DateString
  end_date: DateString | null
  rhi_offered_on: DateString | null
  rhi_held_on: DateString | null
  recorded_by: number
  recorded_at: Timestamp
  updated_by: number
  updated_at: Timestamp
}

export interface CareUascTable {
  child_id: number
  uasc_from: DateString
  ceased_on: DateString | null
  age_assessed_on: DateString | null
  age_assessment: AgeAssessment | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CarePreviousPermanenceView {
  period_id: number
  child_id: number
  period_start: DateString
  prev_perm: PreviousPermanence
  date_perm: DateString | null
  la_perm: string | null
}

export interface CareMissingView {
  missing_id: number
  period_id: number
  child_id: number
  missing: MissingKind
  mis_start: DateString
  mis_end: DateString | null
  rhi_offered_on: DateString | null
  rhi_held_on: DateString | null
}

export interface CareUascView {
  child_id: number
  uasc_from: DateString
  duc: DateString | null
  age_assessed_on: DateString | null
  age_assessment: AgeAssessment | null
}

export interface Database {
  care_previous_permanence: CarePreviousPermanenceTable
  care_missing_episode: CareMissingEpisodeTable
  care_uasc: CareUascTable
  care_previous_permanence_v: CarePreviousPermanenceView
  care_missing_v: CareMissingView
  care_uasc_v: CareUascView
}

// Issue 17, placements' commissioning, cost and approval (migration 0069, the care module).
export type CommissioningRoute = 'in_house' | 'framework' | 'spot'
export type PlacementApprovalKind = 'placement_panel' | 'head_of_service'

export interface CarePlacementCostTable {
  id: Id
  placement_id: number
  child_id: number
  from_date: DateString
  route: CommissioningRoute
  weekly_pence: number | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CarePlacementApprovalTable {
  id: Id
  placement_id: number
  child_id: number
  kind: PlacementApprovalKind
  approved_on: DateString
  approver: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CarePlacementView {
  placement_id: number
  period_id: number
  child_id: number
  start_date: DateString
  end_date: DateString | null
  place: string
  provider: string | null
  carer_name: string
  urn: string | null
  postcode: string | null
  home_postcode: string | null
  route: CommissioningRoute | null
  weekly_pence: number | null
  cost_from: DateString | null
  panel_approved_on: DateString | null
  panel_chair: string | null
  head_of_service_approved_on: DateString | null
  head_of_service: string | null
  placement_la: string | null
  distance_miles: number | null
}

export interface Database {
  care_placement_cost: CarePlacementCostTable
  care_placement_approval: CarePlacementApprovalTable
  care_placement_v: CarePlacementView
}

// care-import: SSDA903 returns loaded into the care module's records (migration 0071).

export interface CareImportTable {
  id: Id
  year: string
  source: string
  run_by: number
  run_at: Timestamp
  summary: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
}

export interface CareImportChildTable {
  import_id: number
  child_id: number
  fingerprint: string
}

export interface Database {
  care_import: CareImportTable
  care_import_child: CareImportChildTable
}

// adoption-records: the care module's adoption decision, its reversal and the match with the
// adopters on a period of care (migration 0068), and the published view of the adoption and
// special guardianship milestones.

export type AdoptionReversalReason = 'RD1' | 'RD2' | 'RD3' | 'RD4'
export type AdopterSexes = 'M1' | 'F1' | 'MM' | 'FF' | 'MF'
export type AdopterLegalStatus = 'L0' | 'L11' | 'L12' | 'L2' | 'L3' | 'L4'

export interface CareAdoptionTable {
  period_id: number
  child_id: number
  decided_on: DateString
  decision_maker: string
  reversed_on: DateString | null
  reversal_reason: AdoptionReversalReason | null
  matched_on: DateString | null
  adopters: number | null
  adopter_sexes: AdopterSexes | null
  adopter_legal_status: AdopterLegalStatus | null
  by_foster_carers: boolean | null
  recorded_by: number
  recorded_at: Timestamp
  updated_by: number
  updated_at: Timestamp
}

export interface CareAdoptionView {
  period_id: number
  child_id: number
  period_start: DateString
  period_end: DateString | null
  date_placed: DateString | null
  decision_maker: string | null
  date_placed_ceased: DateString | null
  reason_placed_ceased: AdoptionReversalReason | null
  placement_order_on: DateString | null
  date_match: DateString | null
  nb_adoptr: number | null
  sex_adoptr: AdopterSexes | null
  ls_adoptr: AdopterLegalStatus | null
  foster_care: boolean | null
  placed_on: DateString | null
  adopted_on: DateString | null
  adoption_rec: string | null
  sgo_on: DateString | null
  sgo_rec: string | null
}

export interface Database {
  care_adoption: CareAdoptionTable
  care_adoption_v: CareAdoptionView
}

// Care proceedings and the independent visitor (care module, migration 0070).

export type ProceedingsFinalOrder =
  | 'care_order'
  | 'supervision_order'
  | 'placement_order'
  | 'special_guardianship_order'
  | 'child_arrangements_order'
  | 'no_order'
  | 'withdrawn'
export type HearingKind = 'cmh' | 'further_cmh' | 'irh' | 'final' | 'other'
export type HearingOrder =
  | 'interim_care_order'
  | 'interim_supervision_order'
  | 'care_order'
  | 'supervision_order'
  | 'placement_order'
  | 'special_guardianship_order'
  | 'child_arrangements_order'
  | 'no_order'

export interface CareProceedingsTable {
  id: Id
  child_id: number
  period_id: number | null
  issued_on: DateString
  court: string
  applicant: string
  letter_before_on: DateString | null
  concluded_on: DateString | null
  final_order: ProceedingsFinalOrder | null
  recorded_by: number
  recorded_at: Timestamp
  concluded_by: number | null
  concluded_at: Timestamp | null
}

export interface CareProceedingsHearingTable {
  id: Id
  proceedings_id: number
  child_id: number
  heard_on: DateString
  kind: HearingKind
  outcome: string
  order_made: HearingOrder | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareProceedingsExtensionTable {
  id: Id
  proceedings_id: number
  child_id: number
  granted_on: DateString
  previous_end: DateString
  extended_to: DateString
  reason: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareIndependentVisitorTable {
  id: Id
  period_id: number
  child_id: number
  assessed_on: DateString
  needed: boolean
  assessment_note: string | null
  requested_on: DateString | null
  visitor_name: string | null
  matched_on: DateString | null
  ended_on: DateString | null
  end_reason: string | null
  recorded_by: number
  recorded_at: Timestamp
  updated_by: number
  updated_at: Timestamp
}

export interface CareIndependentVisitorVisitTable {
  id: Id
  visitor_id: number
  child_id: number
  visited_on: DateString
  note: string | null
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareProceedingsView {
  proceedings_id: number
  child_id: number
  period_id: number | null
  issued_on: DateString
  court: string
  applicant: string
  letter_before_on: DateString | null
  weeks_26_end: DateString
  timetable_end: DateString
  extensions: number
  hearings: number
  concluded_on: DateString | null
  final_order: ProceedingsFinalOrder | null
  duration_days: number | null
  within_26_weeks: boolean | null
}

export interface CareIndependentVisitorView {
  independent_visitor_id: number
  child_id: number
  period_id: number
  assessed_on: DateString
  needed: boolean
  requested_on: DateString | null
  matched_on: DateString | null
  ended_on: DateString | null
  visits: number
  last_visit_on: DateString | null
}

export interface Database {
  care_proceedings: CareProceedingsTable
  care_proceedings_hearing: CareProceedingsHearingTable
  care_proceedings_extension: CareProceedingsExtensionTable
  care_independent_visitor: CareIndependentVisitorTable
  care_independent_visitor_visit: CareIndependentVisitorVisitTable
  care_proceedings_v: CareProceedingsView
  care_independent_visitor_v: CareIndependentVisitorView
}

// Care leavers' contact around their birthdays (OC3) and the outcomes of children looked after (OC2), migration 0067.
export type InTouch = 'YES' | 'NO' | 'DIED' | 'REFU' | 'NREQ' | 'RHOM'
export type CareOutcomeKind = 'offence' | 'substance_misuse' | 'sdq_reason'

export interface CareLeaverContactTable {
  child_id: number
  age: number
  birthday: DateString
  contact_on: DateString
  in_touch: InTouch
  activity: string
  accommodation: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareOutcomeTable {
  id: Id
  period_id: number
  child_id: number
  kind: CareOutcomeKind
  occurred_on: DateString
  code: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareLeaverView {
  child_id: number
  age: number
  birthday: DateString
  contact_on: DateString
  in_touch: InTouch
  activ: string
  accom: string
}

export interface CareOc2View {
  child_id: number
  kind: CareOutcomeKind | 'health_assessment' | 'dental' | 'immunisations' | 'sdq'
  occurred_on: DateString
  code: string | null
  up_to_date: boolean | null
  sdq_score: number | null
}

export interface Database {
  care_leaver_contact: CareLeaverContactTable
  care_outcome: CareOutcomeTable
  care_leaver_v: CareLeaverView
  care_oc2_v: CareOc2View
}

// Social worker episodes and deprivation of liberty orders for the SSDA903, migration 0072.
export type SwReason =
  'MANAGE' | 'FCONTA' | 'LEFTRL' | 'ORGRST' | 'TSPROC' | 'ABSENC' | 'CHCHAN' | 'PCCHAN' | 'SWDIED' | 'OTHERS'

/** The Social Work England registration number on an account (merged into `AppUserTable`). */
export interface AppUserTable {
  sw_registration: ColumnType<string | null, string | null | undefined, string | null>
}

export interface FrontdoorAllocationReasonTable {
  grant_id: number
  sw_reason: SwReason
  recorded_by: number | null
  recorded_at: Timestamp
}

export interface FrontdoorSocialWorkerEpisodeView {
  grant_id: number
  child_id: number
  user_id: number
  sw_id: string
  sw_decom: DateString
  sw_dec: DateString | null
  sw_reason: SwReason | null
}

export interface CareDoloTable {
  id: Id
  period_id: number
  child_id: number
  start_date: DateString
  end_date: DateString | null
  recorded_by: number
  recorded_at: Timestamp
  updated_by: number
  updated_at: Timestamp
  deleted_at: NullableTimestamp
  deleted_by: number | null
  deleted_reason: string | null
}

export interface CareDoloView {
  dolo_id: number
  period_id: number
  child_id: number
  dolo_start: DateString
  dolo_end: DateString | null
}

export interface Database {
  frontdoor_allocation_reason: FrontdoorAllocationReasonTable
  frontdoor_social_worker_episode_v: FrontdoorSocialWorkerEpisodeView
  care_dolo: CareDoloTable
  care_dolo_v: CareDoloView
}
// The placement plan, delegated authority and carers' accounts linked to a placement, migration 0073.
export type DelegatedDecision =
  | 'haircuts'
  | 'school_trips'
  | 'overnight_stays'
  | 'medical_dental'
  | 'photographs_social_media'
  | 'religious_observance'
  | 'holidays_uk'
  | 'holidays_abroad'
export type DelegatedTo = 'carer' | 'social_worker' | 'parent'

export interface CarePlacementPlanTable {
  id: Id
  placement_id: number
  child_id: number
  version: number
  agreed_on: DateString
  routines: string
  health: string
  education: string
  contact: string
  behaviour: string
  missing: string
  recorded_by: number
  recorded_at: Timestamp
}

export interface CareDelegatedAuthorityTable {
  plan_id: number
  decision: DelegatedDecision
  decided_by: DelegatedTo
  note: string | null
}

export interface CarePlacementCarerTable {
  id: Id
  placement_id: number
  child_id: number
  user_id: number
  grant_id: number
  linked_by: number
  linked_at: Timestamp
  ended_at: Date | null
  end_reason: string | null
}

export interface PlacementPlanTables {
  care_placement_plan: CarePlacementPlanTable
  care_delegated_authority: CareDelegatedAuthorityTable
  care_placement_carer: CarePlacementCarerTable
}

// Issue 18: the KPI catalogue (migration 0077).
export interface KpiMeasureTable {
  id: string
  version: number
  module: string
  status: 'live' | 'awaiting' | 'not_written'
  title: string
  definition: Json
  query: string | null
  checksum: string
  in_catalogue: Generated<boolean>
  position: Generated<number>
  loaded_at: Generated<Timestamp>
}

export interface KpiComparatorTable {
  measure_id: string
  year: string
  comparator: 'england' | 'statistical_neighbours' | 'region'
  value: number
  source: string
}

export interface PerformanceChildAllocationView {
  grant_id: number
  child_id: number
  user_id: number
  username: string
  team_id: number | null
  team_name: string | null
  from_date: string
  to_date: string | null
}

export interface KpiCatalogueTables {
  kpi_measure: KpiMeasureTable
  kpi_comparator: KpiComparatorTable
  performance_child_allocation_v: PerformanceChildAllocationView
}

// Issue 18: the 0–17 population behind rates per 10,000 children (migration 0080).
export interface ChildPopulationTable {
  ons_code: string
  mid_year: number
  population: number
  source: string
  loaded_at: Generated<Timestamp>
}

export interface ChildPopulationTables {
  child_population: ChildPopulationTable
}

// Issue 18: the worklists' tasks as a published view (migration 0081).
export interface WorklistsTaskView {
  task_id: number
  clock_code: string
  child_id: number
  user_id: number | null
  team_id: number | null
  from_date: string
  to_date: string | null
  due_at: Date
  stopped_at: Date | null
}

export interface WorklistsTaskTables {
  worklists_task_v: WorklistsTaskView
}

// Issue 18: the histories the KPI catalogue's care measures read, and a task's subject and
// closure on the worklists' view (migration 0082).
export interface WorklistsTaskView {
  subject_type: string
  subject_id: string
  closed_by: 'stop' | 'cancel' | null
}

export interface CareDocumentRecordView {
  record_id: number
  child_id: number
  period_id: number
  item: 'birth_certificate' | 'identity_document' | 'ni_number' | 'account'
  status: 'held' | 'not_held' | 'applied'
  kind: string | null
  recorded_on: string
}

export interface CarePepView {
  pep_id: number
  period_id: number
  child_id: number
  held_on: string
  quality: 'good' | 'requires_improvement' | 'inadequate'
}

export interface CarePlacementCostView {
  cost_id: number
  placement_id: number
  child_id: number
  route: 'in_house' | 'framework' | 'spot'
  weekly_pence: number | null
  from_date: string
  to_date: string | null
}

/** Each OC2 fact over the days it is the latest of its kind in the year to the day (migration 0085). */
export interface CareOc2LatestView {
  child_id: number
  kind: CareOc2View['kind']
  from_date: string
  to_date: string
  within_6_months_to: string
  up_to_date: boolean | null
  sdq_score: number | null
}

export interface KpiMeasureViews {
  care_oc2_latest_v: CareOc2LatestView
  care_document_record_v: CareDocumentRecordView
  care_pep_v: CarePepView
  care_placement_cost_v: CarePlacementCostView
}

export interface Database
  extends
    PlacementPlanTables,
    KpiCatalogueTables,
    ChildPopulationTables,
    WorklistsTaskTables,
    KpiMeasureViews {}

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
}

export interface UserSessionTable {
  id_hash: string
  user_id: number
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  ended_at: NullableTimestamp
  ended_reason: string | null
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
  updated_at: Timestamp
}

export interface SchemaMigrationTable {
  name: string
  checksum: string
  applied_at: Timestamp
}

export interface Database {
  team: TeamTable
  app_user: AppUserTable
  user_session: UserSessionTable
  sign_in_attempt: SignInAttemptTable
  bank_holiday_override: BankHolidayOverrideTable
  person: PersonTable & PersonDetailColumns
  person_name: PersonNameTable
  person_address: PersonAddressTable
  person_relationship: PersonRelationshipTable
  child_access: ChildAccessTable
  audit_event: AuditEventTable
  audit_seal: AuditSealTable
  case_event: CaseEventTable
  clock_definition: ClockDefinitionTable
  task: TaskTable
  schema_migration: SchemaMigrationTable
}

export type AppUser = Selectable<AppUserTable>
export type NewAppUser = Insertable<AppUserTable>
export type Person = Selectable<PersonTable>

/**
 * The synthetic loader's SQL: rows written set-based, as one text array per column, and the ids
 * taken from each table's sequence for a batch.
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { PracticeLevel } from '../../platform/db/schema.js'

import type { AgencySeed } from './frontdoor-text.js'
import type { Batch } from './load-batch.js'
import { writeCareOutcomes } from './load-care-outcomes.js'

/** The first synthetic worker's username: present means a synthetic authority is loaded. */
export const FIRST_SYNTHETIC_USERNAME = 'sw100000'

export async function syntheticAuthorityPresent(db: Db): Promise<boolean> {
  const found = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', FIRST_SYNTHETIC_USERNAME)
    .executeTakeFirst()
  return found !== undefined
}

/** Whether a load finished: it audits `synth.load` as its last step. */
export async function syntheticLoadDone(db: Db): Promise<boolean> {
  const found = await db
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', 'synth.load')
    .executeTakeFirst()
  return found !== undefined
}

// ---------------------------------------------------------------------------------------------
// Writing rows

export type Value = string | number | boolean | Date | null | readonly string[]
export type Row = Value[]

export interface TableRows {
  table: string
  columns: readonly string[]
  /** Ids given by the loader (taken from the table's sequence), so `overriding system value`. */
  withIds: boolean
  rows: Row[]
}

/** A value as PostgreSQL reads it from text (arrays as array literals). */
export function asText(v: Value): string | null {
  if (v === null) return null
  if (typeof v === 'string') return v
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v))
    return `{${(v as readonly string[]).map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
  return String(v)
}

/**
 * Writes rows as one text array per column, unnested and cast to each column's type: a handful
 * of parameters per statement, whatever the number of rows (on PGlite about twice as fast as
 * multi-row VALUES).
 */
export async function insertRows(trx: Db, t: TableRows): Promise<void> {
  if (t.rows.length === 0) return
  const { rows: types } = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, atttypmod) as type
      from pg_attribute where attrelid = ${t.table}::regclass and attnum > 0 and not attisdropped`.execute(
    trx,
  )
  const typeOf = new Map(types.map((r) => [r.name, r.type]))
  const casts = t.columns.map((c, i) => {
    const type = typeOf.get(c)
    if (type === undefined) throw new Error(`${t.table} has no column ${c}`)
    return `u.c${i}::${type}`
  })
  const head = `insert into ${t.table} (${t.columns.join(', ')})${t.withIds ? ' overriding system value' : ''} select ${casts.join(', ')} from unnest(`
  const tail = `) as u(${t.columns.map((_, i) => `c${i}`).join(', ')})`
  const per = 5000
  for (let i = 0; i < t.rows.length; i += per) {
    const chunk = t.rows.slice(i, i + per)
    const columns = t.columns.map((_, c) => chunk.map((r) => asText(r[c] as Value)))
    await sql`${sql.raw(head)}${sql.join(columns.map((values) => sql`${values}::text[]`))}${sql.raw(tail)}`.execute(
      trx,
    )
  }
}

/** Ids for `count` new rows of `table`, taken in order from its identity sequence. */
export class IdRange {
  private next: number
  constructor(
    readonly table: string,
    readonly first: number,
  ) {
    this.next = first
  }
  take(): number {
    return this.next++
  }
  get used(): number {
    return this.next - this.first
  }
  get last(): number {
    return this.next - 1
  }
}

export const ID_TABLES = [
  'person',
  'contact',
  'contact_child',
  'referral',
  'case_event',
  'strategy_discussion',
  'assessment',
  's47_enquiry',
  'child_protection_conference',
  'cp_plan',
  'cp_plan_outcome',
  'cp_plan_action',
  'cp_core_group',
  'cin_plan',
  'cin_visit',
  'cin_plan_review',
  'sign_off',
  'case_note',
  'case_note_version',
  'oversight_record',
  'care_period',
  'care_placement',
  'care_episode',
  'care_proceedings',
  'child_access',
  // The care module's records whose ids its case events name (load-care-records.ts).
  'care_iro_allocation',
  'lac_review',
  'care_visit',
  'care_health_assessment',
  'care_health_check',
  'care_school',
  'care_missing_education',
  'care_pep',
  'care_attendance',
  'care_document',
  'care_placement_plan',
  'eh_episode',
  'eh_taf_member',
  'eh_meeting',
  'eh_closure',
] as const
export type IdTable = (typeof ID_TABLES)[number]

/**
 * The ids for a batch, from each table's sequence. A resumed load passes where the last written
 * batch left each sequence (`resumeAt`): a batch stopped mid-way has advanced the sequences
 * (nextval is not rolled back), and the resumed batch must take the ids it would have taken.
 * Nothing newer than that point may be in the table, or the sequence's next value is used.
 */
export async function takeIdRanges(
  trx: Db,
  resumeAt?: Record<IdTable, number>,
): Promise<Record<IdTable, IdRange>> {
  // Exclusive locks keep other writers off these tables until the batch commits, so the ids
  // after each sequence's next value are the batch's alone.
  await sql`lock table ${sql.raw(ID_TABLES.join(', '))} in exclusive mode`.execute(trx)
  const ranges = {} as Record<IdTable, IdRange>
  for (const table of ID_TABLES) {
    const at = resumeAt?.[table]
    if (at !== undefined) {
      const { rows } = await sql<{
        max: number
      }>`select coalesce(max(id), 0)::int as max from ${sql.table(table)}`.execute(trx)
      if ((rows[0]?.max ?? 0) < at) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${at})`.execute(trx)
        ranges[table] = new IdRange(table, at)
        continue
      }
    }
    const { rows } = await sql<{
      id: number
    }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id`.execute(trx)
    ranges[table] = new IdRange(table, (rows[0] as { id: number }).id)
  }
  return ranges
}

/** Where the next batch's ids start: as `takeIdRanges` will find each sequence after this one. */
export function nextIds(ranges: Record<IdTable, IdRange>): Record<IdTable, number> {
  const out = {} as Record<IdTable, number>
  for (const table of ID_TABLES) out[table] = ranges[table].first + Math.max(ranges[table].used, 1)
  return out
}

export async function settleIdRanges(trx: Db, ranges: Record<IdTable, IdRange>): Promise<void> {
  for (const table of ID_TABLES) {
    const range = ranges[table]
    if (range.used > 1)
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${range.last})`.execute(trx)
  }
}

// ---------------------------------------------------------------------------------------------
// The authority's staff and agencies
// ---------------------------------------------------------------------------------------------
// Writing a batch

export const PERSON_COLUMNS = [
  'id',
  'la_child_id',
  'kind',
  'given_name',
  'family_name',
  'date_of_birth',
  'expected_birth_date',
  'sex',
  'ethnicity',
  'disabilities',
  'nhs_number',
  'upn',
  'upn_unknown_reason',
  'date_of_death',
] as const

export const CONTACT_COLUMNS = [
  'id',
  'received_at',
  'channel',
  'out_of_hours',
  'out_of_hours_action',
  'referral_source',
  'referrer_name',
  'referrer_role',
  'referrer_agency_id',
  'reason',
  'presenting_needs',
  'consent',
  'consent_reason',
  'domestic_abuse',
  'recorded_by',
  'recorded_at',
  'created_at',
  'child_safe_now',
  'child_safe_detail',
] as const

export const CONTACT_CHILD_COLUMNS = [
  'id',
  'contact_id',
  'child_id',
  'status',
  'threshold_level',
  'rag',
  'rated_by',
  'rated_at',
  'recommendation',
  'decision',
  'decision_reason',
  'transfer_authority',
  'decided_by',
  'decided_at',
  'oversight_note',
  'routed_user_id',
  'routed_team_id',
  'feedback_at',
  'feedback_by',
  'feedback_method',
  'created_at',
] as const

export const REFERRAL_COLUMNS = [
  'id',
  'child_id',
  'contact_child_id',
  'referral_date',
  'referral_source',
  're_referral',
  'previous_referral_id',
  'nfa',
  'strategy_discussion',
  'status',
  'team_id',
  'worker_id',
  'allocated_by',
  'allocated_at',
  'closed_at',
  'closure_reason',
  'closure_code',
  'created_by',
  'created_at',
] as const

/** Each recommendation in the order the MASH made them (a returned one before the next). */
export const RECOMMENDATION_COLUMNS = [
  'contact_child_id',
  'decision',
  'decision_reason',
  'transfer_authority',
  'team_id',
  'consent_override_reason',
  'rationale',
  'recommended_by',
  'recommended_at',
  'outcome',
  'reviewed_by',
  'reviewed_at',
  'return_reason',
  'oversight_note',
  'no_strategy_reason',
  'decided_alone',
] as const

export const STRATEGY_DISCUSSION_COLUMNS = [
  'id',
  'child_id',
  'referral_id',
  'requested_by',
  'requested_at',
  'reason',
  'held_at',
  'outcome',
  'outcome_reason',
  'actions',
  'recorded_by',
  'recorded_at',
] as const

export const ASSESSMENT_COLUMNS = [
  'id',
  'child_id',
  'referral_id',
  'started_on',
  'started_by',
  'started_at',
  'status',
  'seen_on',
  'seen_alone',
  'wishes_and_feelings',
  'factors',
  'primary_need',
  'analysis',
  'outcome',
  'authorised_on',
  'authorised_by',
  'updated_by',
  'updated_at',
] as const

export const S47_COLUMNS = [
  'id',
  'child_id',
  'strategy_discussion_id',
  'start_date',
  'joint',
  'created_at',
  'child_seen_on',
  'child_seen_alone',
  'outcome',
  'likely_significant_harm',
  'conference_needed',
  'no_conference_reason',
  'completed_on',
  'outcome_recorded_by',
  'outcome_recorded_at',
] as const

export const CONFERENCE_COLUMNS = [
  'id',
  'kind',
  'scheduled_at',
  'chair_id',
  'arranged_by',
  'arranged_at',
  'held_at',
  'child_participation',
  'family_participation',
  'recorded_by',
  'recorded_at',
] as const

export const CP_PLAN_COLUMNS = [
  'id',
  'child_id',
  'conference_id',
  'referral_id',
  'start_date',
  'initial_category',
  'latest_category',
  'end_date',
  'end_reason',
  'ended_by',
  'ended_at',
  'started_by',
  'recorded_at',
] as const

export const CIN_PLAN_COLUMNS = [
  'id',
  'child_id',
  'referral_id',
  'assessment_id',
  'cp_plan_id',
  'start_date',
  'visit_frequency',
  'end_date',
  'end_reason',
  'ended_by',
  'ended_at',
  'version',
  'started_by',
  'recorded_at',
] as const

/** A statutory visit's columns, a CP plan's (`cp_visit`) and a CIN plan's (`cin_visit`) alike. */
const VISIT_COLUMNS = [
  'visited_at',
  'who_present',
  'child_seen',
  'seen_alone',
  'announced',
  'recorded_by',
  'recorded_at',
] as const

export const CIN_VISIT_COLUMNS = ['id', 'cin_plan_id', ...VISIT_COLUMNS] as const

export const CARE_PERIOD_COLUMNS = [
  'id',
  'child_id',
  'start_date',
  'admission',
  'panel_name',
  'panel_date',
  'panel_chair',
  'category_of_need',
  'home_postcode',
  'end_date',
  'reason_ceased',
  'started_by',
  'recorded_at',
  'ended_by',
  'ended_at',
] as const

export const CARE_PLACEMENT_COLUMNS = [
  'id',
  'period_id',
  'child_id',
  'start_date',
  'end_date',
  'place',
  'provider',
  'carer_name',
  'urn',
  'postcode',
  'recorded_by',
  'recorded_at',
] as const

export const CARE_EPISODE_COLUMNS = [
  'id',
  'period_id',
  'child_id',
  'placement_id',
  'start_date',
  'rne',
  'legal_status',
  'end_date',
  'rec',
  'reason_place_change',
  'recorded_by',
  'recorded_at',
] as const

/** A batch's rows, table by table in the order their foreign keys need, with its clocks' tasks. */
export async function writeBatch(trx: Db, batch: Batch, tasks: Row[]): Promise<void> {
  await writePeople(trx, batch)
  await writeFrontDoor(trx, batch)
  await writeCasework(trx, batch, tasks)
}

async function writePeople(trx: Db, batch: Batch): Promise<void> {
  await insertRows(trx, { table: 'person', columns: PERSON_COLUMNS, withIds: true, rows: batch.persons })
  await insertRows(trx, {
    table: 'person_address',
    columns: ['person_id', 'line_1', 'town', 'postcode', 'from_date'],
    withIds: false,
    rows: batch.addresses,
  })
  await insertRows(trx, {
    table: 'person_relationship',
    columns: ['person_id', 'related_person_id', 'relationship_type', 'household_member', 'from_date'],
    withIds: false,
    rows: batch.relationships,
  })
}

async function writeFrontDoor(trx: Db, batch: Batch): Promise<void> {
  await insertRows(trx, { table: 'contact', columns: CONTACT_COLUMNS, withIds: true, rows: batch.contacts })
  await insertRows(trx, {
    table: 'contact_child',
    columns: CONTACT_CHILD_COLUMNS,
    withIds: true,
    rows: batch.contactChildren,
  })
  await insertRows(trx, {
    table: 'contact_agency_check',
    columns: [
      'contact_child_id',
      'agency_kind',
      'agency_id',
      'informant',
      'responded_at',
      'information',
      'recorded_by',
      'recorded_at',
    ],
    withIds: false,
    rows: batch.agencyChecks,
  })
  await insertRows(trx, {
    table: 'contact_recommendation',
    columns: RECOMMENDATION_COLUMNS,
    withIds: false,
    rows: batch.recommendations,
  })
  // A referral may name an earlier one of the same batch: write them in id order.
  batch.referrals.sort((a, b) => (a[0] as number) - (b[0] as number))
  await insertRows(trx, {
    table: 'referral',
    columns: REFERRAL_COLUMNS,
    withIds: true,
    rows: batch.referrals,
  })
  await insertRows(trx, {
    table: 'strategy_discussion',
    columns: STRATEGY_DISCUSSION_COLUMNS,
    withIds: true,
    rows: batch.strategyDiscussions,
  })
  await insertRows(trx, {
    table: 'strategy_discussion_participant',
    columns: ['strategy_discussion_id', 'agency_kind', 'name', 'role'],
    withIds: false,
    rows: batch.strategyParticipants,
  })
  await writeAssessmentAndProtection(trx, batch)
}

/** The assessment and protection modules' records: assessments, enquiries, conferences and plans. */
async function writeAssessmentAndProtection(trx: Db, batch: Batch): Promise<void> {
  const c = batch.casework
  await insertRows(trx, {
    table: 'assessment',
    columns: ASSESSMENT_COLUMNS,
    withIds: true,
    rows: c.assessments,
  })
  await insertRows(trx, {
    table: 'sign_off',
    columns: ['id', 'subject_type', 'subject_id', 'child_id', 'asked_by', 'asked_at', 'summary'],
    withIds: true,
    rows: c.signOffs,
  })
  await insertRows(trx, { table: 's47_enquiry', columns: S47_COLUMNS, withIds: true, rows: c.section47s })
  await insertRows(trx, {
    table: 'child_protection_conference',
    columns: CONFERENCE_COLUMNS,
    withIds: true,
    rows: c.conferences,
  })
  await insertRows(trx, {
    table: 'conference_child',
    columns: ['conference_id', 'child_id', 's47_id', 'decision', 'category'],
    withIds: false,
    rows: c.conferenceChildren,
  })
  await insertRows(trx, { table: 'cp_plan', columns: CP_PLAN_COLUMNS, withIds: true, rows: c.cpPlans })
  await insertRows(trx, {
    table: 'cp_plan_review',
    columns: ['cp_plan_id', 'held_on', 'continues', 'latest_category', 'recorded_by', 'recorded_at'],
    withIds: false,
    rows: c.cpReviews,
  })
  await insertRows(trx, {
    table: 'cp_visit',
    columns: ['cp_plan_id', ...VISIT_COLUMNS],
    withIds: false,
    rows: c.cpVisits,
  })
  await insertRows(trx, {
    table: 'cp_plan_outcome',
    columns: ['id', 'cp_plan_id', 'outcome', 'recorded_by', 'recorded_at'],
    withIds: true,
    rows: c.cpOutcomes,
  })
  await insertRows(trx, {
    table: 'cp_plan_action',
    columns: [
      'id',
      'cp_plan_outcome_id',
      'action',
      'owner_kind',
      'owner_name',
      'due_on',
      'status',
      'delivered_on',
      'not_delivered_reason',
      'status_by',
      'status_at',
      'recorded_by',
      'recorded_at',
    ],
    withIds: true,
    rows: c.cpActions,
  })
  await insertRows(trx, {
    table: 'cp_core_group',
    columns: ['id', 'cp_plan_id', 'held_on', 'notes', 'recorded_by', 'recorded_at'],
    withIds: true,
    rows: c.coreGroups,
  })
  await insertRows(trx, {
    table: 'cp_core_group_attendance',
    columns: ['cp_core_group_id', 'agency_kind', 'attended'],
    withIds: false,
    rows: c.coreGroupAttendance,
  })
  await insertRows(trx, {
    table: 'cp_core_group_action_review',
    columns: ['cp_core_group_id', 'cp_plan_action_id', 'progress'],
    withIds: false,
    rows: c.coreGroupReviews,
  })
  // CIN plans: the plan, its reviews, and its visits (drawn with the case notes, load-notes.ts).
  await insertRows(trx, { table: 'cin_plan', columns: CIN_PLAN_COLUMNS, withIds: true, rows: c.cinPlans })
  await insertRows(trx, {
    table: 'cin_plan_review',
    columns: ['id', 'cin_plan_id', 'held_on', 'summary', 'recorded_by', 'recorded_at'],
    withIds: true,
    rows: c.cinReviews,
  })
  await insertRows(trx, { table: 'cin_visit', columns: CIN_VISIT_COLUMNS, withIds: true, rows: c.cinVisits })
}

/** The casenotes module's rows: each note with the children it is on, its version and who was seen. */
async function writeCaseNotes(trx: Db, batch: Batch): Promise<void> {
  const n = batch.notes
  await insertRows(trx, {
    table: 'case_note',
    columns: ['id', 'recorded_by', 'recorded_at'],
    withIds: true,
    rows: n.notes,
  })
  await insertRows(trx, {
    table: 'case_note_child',
    columns: ['case_note_id', 'child_id'],
    withIds: false,
    rows: n.children,
  })
  await insertRows(trx, {
    table: 'case_note_version',
    columns: [
      'id',
      'case_note_id',
      'version',
      'note_type',
      'contact_at',
      'who_seen',
      'body',
      'written_by',
      'written_at',
    ],
    withIds: true,
    rows: n.versions,
  })
  await insertRows(trx, {
    table: 'case_note_seen',
    columns: ['case_note_version_id', 'child_id', 'seen'],
    withIds: false,
    rows: n.seen,
  })
  await insertRows(trx, {
    table: 'oversight_record',
    columns: [
      'id',
      'child_id',
      'kind',
      'held_on',
      'summary',
      'interval_code',
      'next_due_on',
      'recorded_by',
      'recorded_at',
    ],
    withIds: true,
    rows: n.oversight,
  })
  await insertRows(trx, {
    table: 'oversight_action',
    columns: ['oversight_record_id', 'position', 'action', 'due_on'],
    withIds: false,
    rows: n.oversightActions,
  })
}

/** The earlyhelp module's rows (migrations 0048, 0052): episodes, their leads, assessments, meetings, closures. */
async function writeEarlyHelp(trx: Db, batch: Batch): Promise<void> {
  const h = batch.earlyHelp
  await insertRows(trx, { table: 'eh_episode', columns: EH_EPISODE_COLUMNS, withIds: true, rows: h.episodes })
  await insertRows(trx, {
    table: 'eh_taf_member',
    columns: ['id', 'episode_id', 'agency', 'name', 'role', 'user_id', 'added_by', 'added_at'],
    withIds: true,
    rows: h.members,
  })
  if (h.leads.length > 0)
    await sql`update eh_episode e set lead_member_id = v.m::bigint
      from unnest(${h.leads.map((l) => String(l[0]))}::text[], ${h.leads.map((l) => String(l[1]))}::text[]) as v(e, m)
      where e.id = v.e::bigint`.execute(trx)
  await insertRows(trx, {
    table: 'eh_assessment',
    columns: [
      'episode_id',
      'started_on',
      'needs',
      'strengths',
      'child_voice',
      'family_view',
      'completed_on',
      'updated_by',
      'updated_at',
    ],
    withIds: false,
    rows: h.assessments,
  })
  await insertRows(trx, {
    table: 'eh_meeting',
    columns: [
      'id',
      'episode_id',
      'held_on',
      'decisions',
      'added_by',
      'added_at',
      'recorded_by',
      'recorded_at',
    ],
    withIds: true,
    rows: h.meetings,
  })
  await insertRows(trx, {
    table: 'eh_meeting_attendance',
    columns: ['meeting_id', 'member_id', 'attendance'],
    withIds: false,
    rows: h.attendance,
  })
  await insertRows(trx, {
    table: 'eh_closure',
    columns: [
      'id',
      'episode_id',
      'child_id',
      'status',
      'reason_code',
      'checklist',
      'referral_prompted',
      'proposed_by',
      'proposed_at',
      'decided_by',
      'decided_at',
    ],
    withIds: true,
    rows: h.closures,
  })
}

export const EH_EPISODE_COLUMNS = [
  'id',
  'child_id',
  'origin',
  'contact_child_id',
  'team_id',
  'started_on',
  'started_by',
  'started_at',
  'started_event_id',
  'consent_on',
  'consent_from',
  'status',
  'team_grant_id',
  'lead_user_id',
  'lead_agency',
  'lead_grant_id',
  'allocated_at',
  'allocated_by',
  'version',
  'ended_on',
  'end_reason',
] as const

/** The care module's rows (migrations 0055, 0066): periods of care, placements, episodes and their records. */
async function writeCare(trx: Db, batch: Batch): Promise<void> {
  const c = batch.care
  await insertRows(trx, {
    table: 'care_period',
    columns: CARE_PERIOD_COLUMNS,
    withIds: true,
    rows: c.periods,
  })
  await insertRows(trx, {
    table: 'care_placement',
    columns: CARE_PLACEMENT_COLUMNS,
    withIds: true,
    rows: c.placements,
  })
  await insertRows(trx, {
    table: 'care_episode',
    columns: CARE_EPISODE_COLUMNS,
    withIds: true,
    rows: c.episodes,
  })
  // Migration 0066: previous permanence by period, missing episodes (ids from their sequence), UASC.
  await insertRows(trx, {
    table: 'care_previous_permanence',
    withIds: false,
    columns: ['period_id', 'child_id', 'prev_perm', 'order_date', 'order_la', 'recorded_by', 'recorded_at'],
    rows: c.previousPermanence,
  })
  await insertRows(trx, {
    table: 'care_missing_episode',
    withIds: false,
    columns: [
      'period_id',
      'child_id',
      'kind',
      'start_date',
      'end_date',
      'rhi_offered_on',
      'rhi_held_on',
      'recorded_by',
      'recorded_at',
      'updated_by',
      'updated_at',
    ],
    rows: c.missing,
  })
  await insertRows(trx, {
    table: 'care_dolo',
    withIds: false,
    columns: [
      'period_id',
      'child_id',
      'start_date',
      'end_date',
      'recorded_by',
      'recorded_at',
      'updated_by',
      'updated_at',
    ],
    rows: c.dolo,
  })
  await insertRows(trx, {
    table: 'care_uasc',
    columns: [
      'child_id',
      'uasc_from',
      'ceased_on',
      'age_assessed_on',
      'age_assessment',
      'recorded_by',
      'recorded_at',
    ],
    withIds: false,
    rows: c.uasc,
  })
  // Migration 0069: placements' commissioning and weekly cost, and their approvals.
  await insertRows(trx, {
    table: 'care_placement_cost',
    withIds: false,
    columns: ['placement_id', 'child_id', 'from_date', 'route', 'weekly_pence', 'recorded_by', 'recorded_at'],
    rows: c.placementCosts,
  })
  await insertRows(trx, {
    table: 'care_placement_approval',
    withIds: false,
    columns: ['placement_id', 'child_id', 'kind', 'approved_on', 'approver', 'recorded_by', 'recorded_at'],
    rows: c.placementApprovals,
  })
  // Migration 0073: placement plans and their delegated authority.
  await insertRows(trx, {
    table: 'care_placement_plan',
    withIds: true,
    columns: [
      'id',
      'placement_id',
      'child_id',
      'version',
      'agreed_on',
      'routines',
      'health',
      'education',
      'contact',
      'behaviour',
      'missing',
      'recorded_by',
      'recorded_at',
    ],
    rows: c.placementPlans,
  })
  await insertRows(trx, {
    table: 'care_delegated_authority',
    withIds: false,
    columns: ['plan_id', 'decision', 'decided_by', 'note'],
    rows: c.delegatedAuthority,
  })
  // Migration 0068: the decision to place for adoption, its reversal and the match, by period.
  await insertRows(trx, {
    table: 'care_adoption',
    columns: [
      'period_id',
      'child_id',
      'decided_on',
      'decision_maker',
      'reversed_on',
      'reversal_reason',
      'matched_on',
      'adopters',
      'adopter_sexes',
      'adopter_legal_status',
      'by_foster_carers',
      'recorded_by',
      'recorded_at',
      'updated_by',
      'updated_at',
    ],
    withIds: false,
    rows: c.adoption,
  })
  // Migration 0070: care proceedings (ids from the batch's range), their hearings and extensions.
  await insertRows(trx, {
    table: 'care_proceedings',
    withIds: true,
    columns: [
      'id',
      'child_id',
      'period_id',
      'issued_on',
      'court',
      'applicant',
      'letter_before_on',
      'concluded_on',
      'final_order',
      'recorded_by',
      'recorded_at',
      'concluded_by',
      'concluded_at',
    ],
    rows: c.proceedings,
  })
  await insertRows(trx, {
    table: 'care_proceedings_hearing',
    withIds: false,
    columns: [
      'proceedings_id',
      'child_id',
      'heard_on',
      'kind',
      'outcome',
      'order_made',
      'recorded_by',
      'recorded_at',
    ],
    rows: c.proceedingsHearings,
  })
  await insertRows(trx, {
    table: 'care_proceedings_extension',
    withIds: false,
    columns: [
      'proceedings_id',
      'child_id',
      'granted_on',
      'previous_end',
      'extended_to',
      'reason',
      'recorded_by',
      'recorded_at',
    ],
    rows: c.proceedingsExtensions,
  })
}

/**
 * The care module's records (migrations 0058–0062): the IRO's allocations, reviews, visits,
 * health assessments and checks, schools, missing education, PEPs, attendance and documents.
 */
async function writeCareRecords(trx: Db, batch: Batch): Promise<void> {
  const c = batch.care
  const stamp = ['recorded_by', 'recorded_at'] as const
  const tables: [string, readonly string[], Row[]][] = [
    [
      'care_iro_allocation',
      [
        'id',
        'period_id',
        'child_id',
        'iro_user_id',
        'grant_id',
        'from_at',
        'to_at',
        'allocated_by',
        'ended_by',
        'end_reason',
      ],
      c.iroAllocations,
    ],
    [
      'lac_review',
      [
        'id',
        'period_id',
        'child_id',
        'held_on',
        'participation',
        'chair_user_id',
        'report_shared_on',
        'report_not_shared_reason',
        'due_on',
        'late_reason',
        'minutes_distributed_on',
        'minutes_recorded_by',
        ...stamp,
      ],
      c.reviews,
    ],
    [
      'care_visit',
      [
        'id',
        'period_id',
        'placement_id',
        'child_id',
        'visited_on',
        'visited_by',
        'location',
        'location_detail',
        'child_seen',
        'seen_alone',
        'not_seen_reason',
        'note',
        ...stamp,
      ],
      c.visits,
    ],
    [
      'care_health_assessment',
      [
        'id',
        'period_id',
        'child_id',
        'kind',
        'requested_on',
        'appointment_on',
        'completed_on',
        'completed_by',
        'waiting_reason',
        'waiting_other',
        'age_band',
        ...stamp,
        'updated_by',
        'updated_at',
      ],
      c.healthAssessments,
    ],
    [
      'care_health_check',
      [
        'id',
        'period_id',
        'child_id',
        'kind',
        'checked_on',
        'up_to_date',
        'sdq_score',
        'completed_by',
        ...stamp,
      ],
      c.healthChecks,
    ],
    [
      'care_school',
      [
        'id',
        'period_id',
        'child_id',
        'school_name',
        'urn',
        'school_la',
        'in_borough',
        'ofsted_grade',
        'start_date',
        'end_date',
        ...stamp,
      ],
      c.schools,
    ],
    [
      'care_missing_education',
      ['id', 'period_id', 'child_id', 'from_date', 'to_date', 'reason', 'provision', ...stamp],
      c.missingEducation,
    ],
    [
      'care_pep',
      [
        'id',
        'period_id',
        'child_id',
        'held_on',
        'quality',
        'measurable_targets',
        'child_voice',
        'carer_views',
        'attended_by',
        ...stamp,
      ],
      c.peps,
    ],
    [
      'care_attendance',
      [
        'id',
        'period_id',
        'child_id',
        'as_at',
        'academic_year',
        'term',
        'percent',
        'sessions_possible',
        'sessions_attended',
        ...stamp,
      ],
      c.attendance,
    ],
    [
      'care_document',
      [
        'id',
        'child_id',
        'period_id',
        'item',
        'status',
        'kind',
        'kept_at',
        'applied_on',
        'issued_on',
        'expires_on',
        'received_on',
        'opened_on',
        'provider',
        ...stamp,
      ],
      c.documents,
    ],
  ]
  for (const [table, columns, rows] of tables) await insertRows(trx, { table, columns, withIds: true, rows })
}

async function writeCasework(trx: Db, batch: Batch, tasks: Row[]): Promise<void> {
  await writeCaseNotes(trx, batch)
  await writeCare(trx, batch)
  await writeCareOutcomes(trx, batch)
  await insertRows(trx, {
    table: 'child_access',
    columns: [
      'id',
      'child_id',
      'user_id',
      'team_id',
      'basis',
      'granted_by',
      'granted_at',
      'revoked_at',
      'revoked_reason',
      'reason',
    ],
    withIds: true,
    rows: batch.grants,
  })
  await insertRows(trx, {
    table: 'frontdoor_allocation_reason',
    columns: ['grant_id', 'sw_reason', 'recorded_by', 'recorded_at'],
    withIds: false,
    rows: batch.care.allocationReasons,
  })
  // After the grants: an IRO's allocation names the IRO's grant.
  await writeCareRecords(trx, batch)
  await insertRows(trx, {
    table: 'case_event',
    columns: [
      'id',
      'child_id',
      'subject_type',
      'subject_id',
      'type',
      'occurred_at',
      'recorded_at',
      'recorded_by',
      'summary',
      'attributes',
    ],
    withIds: true,
    rows: batch.events.map((e) => [
      e.id,
      e.childId,
      e.subjectType,
      e.subjectId,
      e.type,
      new Date(e.at),
      new Date(e.at),
      e.by,
      e.summary,
      JSON.stringify(e.attributes),
    ]),
  })
  // After the events: an episode names the event that started it.
  await writeEarlyHelp(trx, batch)

  await insertRows(trx, {
    table: 'task',
    columns: [
      'instance_key',
      'clock_code',
      'child_id',
      'subject_type',
      'subject_id',
      'title',
      'started_at',
      'due_at',
      'due_soon_at',
      'stopped_at',
      'closed_by',
      'assigned_user_id',
      'assigned_team_id',
      'kept_by_assignee',
    ],
    withIds: false,
    rows: tasks,
  })
}

// ---------------------------------------------------------------------------------------------
// The families, and which contacts are still open

/** The NHS numbers already held, which the synthetic people must not reuse. */
export async function heldNhsNumbers(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('person')
    .select('nhs_number')
    .where('nhs_number', 'is not', null)
    .execute()
  return rows.map((r) => r.nhs_number as string)
}

// ---------------------------------------------------------------------------------------------
// The authority's staff and agencies

export async function insertTeams(
  trx: Db,
  teams: readonly { name: string; kind: string }[],
): Promise<{ id: number; name: string }[]> {
  const rows = await trx
    .insertInto('team')
    .values(teams.map((t) => ({ name: t.name, kind: t.kind })))
    .returning(['id', 'name'])
    .execute()
  return rows.map((r) => ({ id: Number(r.id), name: r.name }))
}

/** Staff accounts without passwords (they sign in only as the demo's named accounts do not). */
export async function insertStaff(
  trx: Db,
  staff: readonly {
    username: string
    displayName: string
    role: string
    teamId: number
    jobTitle: string
    practiceLevel: PracticeLevel | null
    swRegistration?: string | null
  }[],
): Promise<Map<string, number>> {
  const userIds = new Map<string, number>()
  for (let i = 0; i < staff.length; i += 500) {
    const rows = await trx
      .insertInto('app_user')
      .values(
        staff.slice(i, i + 500).map((s) => ({
          username: s.username,
          display_name: s.displayName,
          role: s.role,
          team_id: s.teamId,
          job_title: s.jobTitle,
          practice_level: s.practiceLevel,
          sw_registration: s.swRegistration ?? null,
          password_hash: null,
        })),
      )
      .returning(['id', 'username'])
      .execute()
    for (const r of rows) userIds.set(r.username, Number(r.id))
  }
  return userIds
}

export async function setTeamManagers(
  trx: Db,
  managers: readonly { teamId: number; managerUserId: number }[],
): Promise<void> {
  await sql`update team set manager_id = v.manager_id
    from (values ${sql.join(managers.map((m) => sql`(${m.teamId}::bigint, ${m.managerUserId}::bigint)`))}) as v(team_id, manager_id)
    where team.id = v.team_id`.execute(trx)
}

/** Partner practitioners' accounts (no password, no team), in their agency. */
export async function insertPartners(
  trx: Db,
  partners: readonly {
    username: string
    displayName: string
    jobTitle: string
    agency: string
    agencyId: number | null
  }[],
): Promise<Map<string, number>> {
  if (partners.length === 0) return new Map()
  const rows = await trx
    .insertInto('app_user')
    .values(
      partners.map((p) => ({
        username: p.username,
        display_name: p.displayName,
        role: 'partner_practitioner',
        agency: p.agency,
        agency_id: p.agencyId,
        job_title: p.jobTitle,
        password_hash: null,
      })),
    )
    .returning(['id', 'username'])
    .execute()
  return new Map(rows.map((r) => [r.username, Number(r.id)]))
}

/** The independent reviewing officers' accounts (no password, no team). */
export async function insertIros(
  trx: Db,
  iros: readonly { username: string; displayName: string }[],
): Promise<Map<string, number>> {
  if (iros.length === 0) return new Map()
  const rows = await trx
    .insertInto('app_user')
    .values(
      iros.map((i) => ({
        username: i.username,
        display_name: i.displayName,
        role: 'independent_reviewing_officer',
        job_title: 'Independent reviewing officer',
        password_hash: null,
      })),
    )
    .returning(['id', 'username'])
    .execute()
  return new Map(rows.map((r) => [r.username, Number(r.id)]))
}

export async function agencyIdsByName(trx: Db, names: readonly string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map()
  const rows = await trx
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('name', 'in', names)
    .orderBy('id')
    .execute()
  return new Map(rows.map((r) => [r.name, Number(r.id)]))
}

/** The partner agencies, added where missing (the hand-made demo has one already), in id order. */
export async function ensureAgencies(
  trx: Db,
  agencies: readonly AgencySeed[],
): Promise<{ id: number; name: string; kind: string; referral_source: string | null }[]> {
  await trx
    .insertInto('agency')
    .values(agencies.map((a) => ({ name: a.name, kind: a.kind, referral_source: a.referralSource })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const rows = await trx
    .selectFrom('agency')
    .select(['id', 'name', 'kind', 'referral_source'])
    .where(
      'name',
      'in',
      agencies.map((a) => a.name),
    )
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

// ---------------------------------------------------------------------------------------------
// Resuming a load that was stopped between batches

/** What each batch records (as a `synth.load.batch` audit event, in its own transaction). */
export interface BatchMark {
  seed: string
  children: number
  asOf: string
  batchChildren: number
  /** Batches written so far, this one included. */
  batch: number
  counts: Record<string, number>
  /** Where the next batch's ids start (`nextIds`). */
  nextIds: Record<string, number>
}

/** The last batch a load wrote, or undefined if none has been written. */
export async function lastBatchMark(db: Db): Promise<BatchMark | undefined> {
  const row = await db
    .selectFrom('audit_event')
    .select('detail')
    .where('action', '=', 'synth.load.batch')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.detail as BatchMark | undefined
}

/** The ids of the teams named, the newest of each name (the synthetic ones came after the demo's). */
export async function teamIdsByName(db: Db, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('team')
    .select(['id', 'name'])
    .where('name', 'in', names)
    .orderBy('id')
    .execute()
  return new Map(rows.map((r) => [r.name, Number(r.id)]))
}

export async function userIdsByUsername(db: Db, usernames: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (let i = 0; i < usernames.length; i += 500) {
    const rows = await db
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('username', 'in', usernames.slice(i, i + 500))
      .execute()
    for (const r of rows) out.set(r.username, Number(r.id))
  }
  return out
}

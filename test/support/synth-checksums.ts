/** Digests of what a synthetic load wrote, to compare two loads row for row. */
import { sql } from 'kysely'
import type { Db } from '../../src/platform/db/database.js'

/** A digest of the columns that say what was loaded (not when it was written). */
export async function checksums(db: Db): Promise<Record<string, string>> {
  const queries: Record<string, string> = {
    person: `select md5(string_agg(concat_ws('|', id, la_child_id, kind, given_name, family_name, date_of_birth, sex, nhs_number, upn), ',' order by id)) from person`,
    address: `select md5(string_agg(concat_ws('|', person_id, line_1, postcode, from_date), ',' order by id)) from person_address`,
    relationship: `select md5(string_agg(concat_ws('|', person_id, related_person_id, relationship_type), ',' order by id)) from person_relationship`,
    contact: `select md5(string_agg(concat_ws('|', id, received_at, referral_source, consent, reason), ',' order by id)) from contact`,
    contactChild: `select md5(string_agg(concat_ws('|', id, contact_id, child_id, status, rag, threshold_level, decision, decided_by, decided_at, routed_user_id), ',' order by id)) from contact_child`,
    referral: `select md5(string_agg(concat_ws('|', id, child_id, contact_child_id, referral_date, re_referral, previous_referral_id, status, team_id, worker_id, closed_at), ',' order by id)) from referral`,
    access: `select md5(string_agg(concat_ws('|', id, child_id, user_id, team_id, basis, granted_at, revoked_at, revoked_reason, reason), ',' order by id)) from child_access`,
    recommendation: `select md5(string_agg(concat_ws('|', contact_child_id, decision, recommended_by, recommended_at, outcome, reviewed_by, reviewed_at, return_reason), ',' order by id)) from contact_recommendation`,
    strategyDiscussion: `select md5(string_agg(concat_ws('|', id, child_id, referral_id, requested_by, requested_at, held_at, outcome, recorded_by), ',' order by id)) from strategy_discussion`,
    participant: `select md5(string_agg(concat_ws('|', strategy_discussion_id, agency_kind, name, role), ',' order by id)) from strategy_discussion_participant`,
    assessment: `select md5(string_agg(concat_ws('|', id, child_id, referral_id, started_on, status, seen_on, factors::text, primary_need, outcome, authorised_on), ',' order by id)) from assessment`,
    s47: `select md5(string_agg(concat_ws('|', id, child_id, strategy_discussion_id, start_date, outcome, conference_needed, completed_on), ',' order by id)) from s47_enquiry`,
    conference: `select md5(string_agg(concat_ws('|', c.id, c.kind, c.held_at, cc.child_id, cc.s47_id, cc.decision, cc.category), ',' order by c.id, cc.child_id)) from child_protection_conference c join conference_child cc on cc.conference_id = c.id`,
    cpPlan: `select md5(string_agg(concat_ws('|', id, child_id, conference_id, referral_id, start_date, initial_category, latest_category, end_date), ',' order by id)) from cp_plan`,
    cpReview: `select md5(string_agg(concat_ws('|', cp_plan_id, held_on, latest_category), ',' order by id)) from cp_plan_review`,
    cpVisit: `select md5(string_agg(concat_ws('|', cp_plan_id, visited_at, seen_alone, announced), ',' order by id)) from cp_visit`,
    cpOutcome: `select md5(string_agg(concat_ws('|', id, cp_plan_id, outcome), ',' order by id)) from cp_plan_outcome`,
    cpAction: `select md5(string_agg(concat_ws('|', id, cp_plan_outcome_id, owner_name, due_on, status, delivered_on, status_at), ',' order by id)) from cp_plan_action`,
    coreGroup: `select md5(string_agg(concat_ws('|', g.id, g.cp_plan_id, g.held_on, (select string_agg(a.agency_kind || ':' || a.attended, ' ' order by a.agency_kind) from cp_core_group_attendance a where a.cp_core_group_id = g.id)), ',' order by g.id)) from cp_core_group g`,
    coreGroupReview: `select md5(string_agg(concat_ws('|', cp_core_group_id, cp_plan_action_id, progress), ',' order by cp_core_group_id, cp_plan_action_id)) from cp_core_group_action_review`,
    cinPlan: `select md5(string_agg(concat_ws('|', id, child_id, referral_id, assessment_id, cp_plan_id, start_date, visit_frequency, end_date, end_reason, ended_at, version, started_by), ',' order by id)) from cin_plan`,
    cinReview: `select md5(string_agg(concat_ws('|', id, cin_plan_id, held_on, summary, recorded_by, recorded_at), ',' order by id)) from cin_plan_review`,
    cinVisit: `select md5(string_agg(concat_ws('|', id, cin_plan_id, visited_at, who_present, child_seen, seen_alone, announced, recorded_by, recorded_at), ',' order by id)) from cin_visit`,
    signOff: `select md5(string_agg(concat_ws('|', id, subject_type, subject_id, child_id, asked_by, asked_at, status), ',' order by id)) from sign_off`,
    caseNote: `select md5(string_agg(concat_ws('|', n.id, n.recorded_by, n.recorded_at, v.note_type, v.contact_at, v.who_seen, v.body, (select string_agg(c.child_id || ':' || s.seen, ' ' order by c.child_id) from case_note_child c join case_note_seen s on s.case_note_version_id = v.id and s.child_id = c.child_id where c.case_note_id = n.id)), ',' order by n.id)) from case_note n join case_note_version v on v.case_note_id = n.id`,
    oversight: `select md5(string_agg(concat_ws('|', o.id, o.child_id, o.kind, o.held_on, o.interval_code, o.next_due_on, o.recorded_by, o.recorded_at, o.summary, (select string_agg(a.position || ':' || a.action || ':' || a.due_on, ' ' order by a.position) from oversight_action a where a.oversight_record_id = o.id)), ',' order by o.id)) from oversight_record o`,
    carePeriod: `select md5(string_agg(concat_ws('|', id, child_id, start_date, admission, panel_date, category_of_need, home_postcode, end_date, reason_ceased, started_by, recorded_at, ended_at), ',' order by id)) from care_period`,
    carePlacement: `select md5(string_agg(concat_ws('|', id, period_id, child_id, start_date, end_date, place, provider, carer_name, urn, postcode, recorded_by), ',' order by id)) from care_placement`,
    careEpisode: `select md5(string_agg(concat_ws('|', id, period_id, placement_id, start_date, rne, legal_status, end_date, rec, reason_place_change, recorded_by, recorded_at), ',' order by id)) from care_episode`,
    iroAllocation: `select md5(string_agg(concat_ws('|', id, period_id, child_id, iro_user_id, grant_id, from_at, to_at, allocated_by, ended_by, end_reason), ',' order by id)) from care_iro_allocation`,
    lacReview: `select md5(string_agg(concat_ws('|', id, period_id, held_on, participation, chair_user_id, report_shared_on, report_not_shared_reason, due_on, late_reason, minutes_distributed_on, recorded_at), ',' order by id)) from lac_review`,
    careVisit: `select md5(string_agg(concat_ws('|', id, period_id, placement_id, visited_on, visited_by, location, location_detail, child_seen, seen_alone, not_seen_reason, recorded_by), ',' order by id)) from care_visit`,
    careHealth: `select md5(concat_ws('#', (select string_agg(concat_ws('|', id, period_id, kind, requested_on, appointment_on, completed_on, completed_by, waiting_reason, waiting_other, age_band), ',' order by id) from care_health_assessment), (select string_agg(concat_ws('|', id, period_id, kind, checked_on, up_to_date, sdq_score, completed_by), ',' order by id) from care_health_check)))`,
    careEducation: `select md5(concat_ws('#', (select string_agg(concat_ws('|', id, period_id, school_name, urn, school_la, in_borough, ofsted_grade, start_date, end_date), ',' order by id) from care_school), (select string_agg(concat_ws('|', id, period_id, from_date, to_date, reason, provision), ',' order by id) from care_missing_education), (select string_agg(concat_ws('|', id, period_id, held_on, quality, measurable_targets, child_voice, carer_views, attended_by), ',' order by id) from care_pep), (select string_agg(concat_ws('|', id, period_id, as_at, academic_year, term, percent), ',' order by id) from care_attendance)))`,
    careDocument: `select md5(string_agg(concat_ws('|', id, child_id, period_id, item, status, kind, kept_at, applied_on, issued_on, expires_on, received_on, opened_on, provider, recorded_at), ',' order by id)) from care_document`,
    careLeaverContact: `select md5(string_agg(concat_ws('|', child_id, age, birthday, contact_on, in_touch, activity, accommodation, recorded_by), ',' order by child_id, age)) from care_leaver_contact`,
    careOutcome: `select md5(string_agg(concat_ws('|', period_id, child_id, kind, occurred_on, code, recorded_by), ',' order by child_id, occurred_on, kind, code)) from care_outcome`,
    ehEpisode: `select md5(string_agg(concat_ws('|', id, child_id, contact_child_id, team_id, started_on, started_at, started_event_id, consent_on, consent_from, status, team_grant_id, lead_user_id, lead_agency, lead_member_id, lead_grant_id, allocated_at, ended_on, end_reason), ',' order by id)) from eh_episode`,
    ehRecords: `select md5(concat_ws('#', (select string_agg(concat_ws('|', episode_id, started_on, needs, completed_on, updated_at), ',' order by episode_id) from eh_assessment), (select string_agg(concat_ws('|', id, episode_id, name, role, user_id), ',' order by id) from eh_taf_member), (select string_agg(concat_ws('|', m.id, m.episode_id, m.held_on, m.recorded_at, a.attendance), ',' order by m.id) from eh_meeting m left join eh_meeting_attendance a on a.meeting_id = m.id), (select string_agg(concat_ws('|', id, episode_id, reason_code, checklist::text, proposed_at, decided_at), ',' order by id) from eh_closure)))`,
    event: `select md5(string_agg(concat_ws('|', id, child_id, subject_type, subject_id, type, occurred_at, attributes::text), ',' order by id)) from case_event`,
    task: `select md5(string_agg(concat_ws('|', instance_key, due_at, stopped_at, closed_by, assigned_user_id, assigned_team_id, kept_by_assignee), ',' order by instance_key)) from task`,
  }
  const out: Record<string, string> = {}
  for (const [name, query] of Object.entries(queries)) {
    const { rows } = await sql<{ md5: string }>`${sql.raw(query)}`.execute(db)
    out[name] = rows[0]?.md5 ?? ''
  }
  return out
}

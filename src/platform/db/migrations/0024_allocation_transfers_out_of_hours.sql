-- Issue 12: the practice level a manager weighs when allocating, a child transferring in from
-- another authority, and the emergency duty team's out-of-hours record. PostgreSQL 15 syntax.

-- A worker's practice level beside their caseload: a newly qualified worker in their assessed
-- and supported year (ASYE) carries a protected caseload; an unqualified practitioner holds no
-- statutory case. Null when HR has not said.
alter table app_user
  add column practice_level text check (practice_level in
    ('asye', 'social_worker', 'senior_practitioner', 'advanced_practitioner', 'unqualified'));

-- A child moving in from another authority, recorded at triage on the contact that told us:
-- who they were to the previous authority and what it sent. A child on a child protection plan
-- there starts the transfer-in conference clock from the notification.
create table transfer_in (
  id                  bigint generated always as identity primary key,
  contact_child_id    bigint not null unique references contact_child (id),
  child_id            bigint not null references person (id),
  previous_authority  text not null check (length(previous_authority) between 1 and 200),
  previous_status     text not null check (previous_status in ('cp_plan', 'cin', 'looked_after', 'none')),
  notified_at         timestamptz not null,
  sent_by             text check (length(sent_by) <= 200),
  received_on         date,
  documents           text[] not null default '{}',
  documents_note      text check (length(documents_note) <= 4000),
  conference_held_on  date,
  recorded_by         bigint not null references app_user (id),
  recorded_at         timestamptz not null
);
create index transfer_in_child on transfer_in (child_id, id);

-- What the emergency duty team did out of hours, for the MASH to pick up the next morning. The
-- children are as the caller named them (the team works at night without the records); the MASH
-- finds their records when the record becomes a contact.
create table out_of_hours_record (
  id               bigint generated always as identity primary key,
  called_at        timestamptz not null,
  caller_name      text check (length(caller_name) <= 200),
  caller_role      text check (length(caller_role) <= 200),
  referral_source  text not null check (referral_source in ('1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')),
  -- [{ "name": "…", "birth": "…" | null, "address": "…" | null }]
  children         jsonb not null,
  what_happened    text not null check (length(what_happened) between 1 and 10000),
  action_taken     text not null check (length(action_taken) between 1 and 4000),
  advice_given     text check (length(advice_given) <= 4000),
  police_involved  boolean not null,
  health_involved  boolean not null,
  consent          text not null check (consent in ('given', 'refused', 'not_sought_risk', 'overridden')),
  handover         text not null check (length(handover) between 1 and 4000),
  recorded_by      bigint not null references app_user (id),
  recorded_at      timestamptz not null,
  -- The contact the MASH made from it, once made.
  contact_id       bigint unique references contact (id),
  converted_by     bigint references app_user (id),
  converted_at     timestamptz,
  check ((contact_id is null) = (converted_at is null))
);
create index out_of_hours_open on out_of_hours_record (called_at, id) where contact_id is null;

-- The emergency duty team is a team of its own.
alter table team drop constraint team_kind_check;
alter table team add constraint team_kind_check check (kind in ('front_door', 'assessment', 'safeguarding', 'children_in_care', 'leaving_care', 'early_help', 'partner_agency', 'performance', 'business_support', 'emergency_duty'));

-- The front door: partner agencies, contacts (one per report, one decision per child), the
-- information each agency gave at triage, referrals and their allocation; alerts on a person and
-- the record of merged duplicates. Written for PostgreSQL 15 (PGlite runs 18: no newer syntax).

-- Organisations that contact the front door or work with a child: a police force, a school, a GP
-- practice. Staff of a partner agency sign in as partner practitioners linked to their agency.
create table agency (
  id               bigint generated always as identity primary key,
  name             text not null unique check (length(name) between 1 and 200),
  kind             text not null check (kind in ('police', 'health', 'education', 'probation', 'housing', 'local_authority', 'voluntary', 'other')),
  -- The DfE referral source a contact from this agency usually carries (CIN census ReferralSource).
  referral_source  text check (referral_source in ('1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')),
  phone            text check (length(phone) <= 40),
  email            text check (length(email) <= 200),
  created_at       timestamptz not null default now(),
  disabled_at      timestamptz,
  disabled_reason  text,
  check ((disabled_at is null) = (disabled_reason is null))
);

alter table app_user
  add column agency_id bigint references agency (id),
  add column job_title text check (length(job_title) <= 100);

-- A contact: one report to the front door, by phone, email, a partner's form or a police
-- notification, about one or more children.
create table contact (
  id                   bigint generated always as identity primary key,
  received_at          timestamptz not null,
  channel              text not null check (channel in ('phone', 'email', 'partner_form', 'police_notification', 'letter', 'in_person')),
  -- Received by the emergency duty team out of hours, with what it did that night.
  out_of_hours         boolean not null default false,
  out_of_hours_action  text check (length(out_of_hours_action) <= 4000),
  referral_source      text not null check (referral_source in ('1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')),
  referrer_name        text check (length(referrer_name) <= 200),
  referrer_role        text check (length(referrer_role) <= 200),
  referrer_agency_id   bigint references agency (id),
  referrer_phone       text check (length(referrer_phone) <= 40),
  referrer_email       text check (length(referrer_email) <= 200),
  reason               text not null check (length(reason) between 1 and 10000),
  -- Presenting needs as the DfE's assessment factor codes (3A domestic abuse, 16A neglect …).
  presenting_needs     text[] not null default '{}',
  consent              text not null check (consent in ('given', 'refused', 'not_sought_risk', 'overridden')),
  consent_reason       text check (length(consent_reason) <= 4000),
  domestic_abuse       boolean not null default false,
  -- Who recorded it: a screener, or the partner practitioner who submitted it.
  recorded_by          bigint not null references app_user (id),
  recorded_at          timestamptz not null default now(),
  -- The partner agency whose practitioner submitted it: they see their agency's contacts only.
  submitted_by_agency_id bigint references agency (id),
  created_at           timestamptz not null default now(),
  deleted_at           timestamptz,
  deleted_reason       text,
  check ((deleted_at is null) = (deleted_reason is null)),
  -- Not asking, or overriding a refusal, must say why (Ofsted: "the reasons are clearly recorded").
  check (consent not in ('not_sought_risk', 'overridden') or consent_reason is not null),
  check (out_of_hours or out_of_hours_action is null)
);
create index contact_received on contact (received_at, id);
create index contact_agency on contact (submitted_by_agency_id, received_at) where submitted_by_agency_id is not null;

-- Each child a contact is about, and that child's own path through triage and decision.
create table contact_child (
  id                 bigint generated always as identity primary key,
  contact_id         bigint not null references contact (id),
  -- Null until the screener finds the child's record (a partner describes the child in words).
  child_id           bigint references person (id),
  described_name     text check (length(described_name) <= 200),
  described_birth    text check (length(described_birth) <= 40),
  described_address  text check (length(described_address) <= 400),
  status             text not null check (status in ('awaiting_match', 'in_triage', 'decided', 'routed_to_allocated_worker', 'withdrawn')),
  -- Level of need from the authority's threshold document (reference/frontdoor/thresholds.json).
  threshold_level    text check (threshold_level in ('1', '2', '3', '4')),
  rag                text check (rag in ('red', 'amber', 'green')),
  rated_by           bigint references app_user (id),
  rated_at           timestamptz,
  recommendation     text check (recommendation in ('no_further_action', 'information_and_advice', 'signpost', 'early_help', 'referral', 'strategy_discussion', 'transfer')),
  decision           text check (decision in ('no_further_action', 'information_and_advice', 'signpost', 'early_help', 'referral', 'strategy_discussion', 'transfer', 'passed_to_allocated_worker')),
  decision_reason    text check (length(decision_reason) <= 4000),
  transfer_authority text check (length(transfer_authority) <= 200),
  decided_by         bigint references app_user (id),
  decided_at         timestamptz,
  oversight_note     text check (length(oversight_note) <= 4000),
  -- A contact about a child with an open case goes to the allocated worker and team.
  routed_user_id     bigint references app_user (id),
  routed_team_id     bigint references team (id),
  feedback_at        timestamptz,
  feedback_by        bigint references app_user (id),
  feedback_method    text check (feedback_method in ('phone', 'email', 'letter', 'partner_portal')),
  feedback_note      text check (length(feedback_note) <= 4000),
  withdrawn_reason   text check (length(withdrawn_reason) <= 4000),
  created_at         timestamptz not null default now(),
  check (child_id is not null or described_name is not null),
  check ((status = 'awaiting_match') = (child_id is null)),
  check (status <> 'decided' or decision is not null),
  check (decision is null or status in ('decided', 'routed_to_allocated_worker')),
  check ((decision = 'passed_to_allocated_worker') = (status = 'routed_to_allocated_worker' and decision is not null)),
  check (decision is null or (decided_by is not null and decided_at is not null)),
  check ((rag is null) = (rated_at is null)),
  check (decision <> 'transfer' or transfer_authority is not null),
  check ((feedback_at is null) = (feedback_method is null)),
  check ((status = 'withdrawn') = (withdrawn_reason is not null))
);
create index contact_child_contact on contact_child (contact_id, id);
create index contact_child_child on contact_child (child_id, id) where child_id is not null;
create index contact_child_open on contact_child (status, id) where status in ('awaiting_match', 'in_triage');
create unique index contact_child_once on contact_child (contact_id, child_id) where child_id is not null;

-- What each agency said at triage, who said it and when.
create table contact_agency_check (
  id                bigint generated always as identity primary key,
  contact_child_id  bigint not null references contact_child (id),
  agency_kind       text not null check (agency_kind in ('police', 'health', 'education', 'probation', 'housing', 'adult_social_care', 'early_help', 'other')),
  agency_id         bigint references agency (id),
  informant         text not null check (length(informant) between 1 and 200),
  responded_at      timestamptz not null,
  information       text not null check (length(information) between 1 and 10000),
  recorded_by       bigint not null references app_user (id),
  recorded_at       timestamptz not null default now()
);
create index contact_agency_check_child on contact_agency_check (contact_child_id, responded_at, id);

-- A referral to children's social care, with the CIN census fields at source.
create table referral (
  id                  bigint generated always as identity primary key,
  child_id            bigint not null references person (id),
  contact_child_id    bigint unique references contact_child (id),
  referral_date       date not null,
  referral_source     text not null check (referral_source in ('1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')),
  -- Another referral of the child in the 12 months before this one (the DfE's re-referral).
  re_referral         boolean not null,
  previous_referral_id bigint references referral (id),
  -- CIN census ReferralNFA: the referral led to no further action.
  nfa                 boolean not null default false,
  strategy_discussion boolean not null default false,
  status              text not null check (status in ('awaiting_allocation', 'allocated', 'closed')),
  team_id             bigint references team (id),
  worker_id           bigint references app_user (id),
  allocated_by        bigint references app_user (id),
  allocated_at        timestamptz,
  closed_at           timestamptz,
  closure_reason      text check (length(closure_reason) <= 4000),
  created_by          bigint references app_user (id),
  created_at          timestamptz not null default now(),
  check ((status = 'allocated') = (worker_id is not null and closed_at is null) or status = 'closed'),
  check ((status = 'closed') = (closed_at is not null))
);
create index referral_child on referral (child_id, referral_date, id);
create index referral_open_team on referral (team_id, status) where status <> 'closed';
create index referral_worker on referral (worker_id) where status = 'allocated';

-- Alerts and warnings shown on a person's record: a risk to staff, a communication need, a court
-- order, a flag shared with partners.
create table person_alert (
  id             bigint generated always as identity primary key,
  person_id      bigint not null references person (id),
  kind           text not null check (kind in ('risk_to_staff', 'risk_to_child', 'communication_need', 'medical', 'court_order', 'exploitation_risk', 'missing', 'other')),
  summary        text not null check (length(summary) between 1 and 500),
  from_date      date not null,
  until_date     date,
  created_by     bigint references app_user (id),
  created_at     timestamptz not null default now(),
  deleted_at     timestamptz,
  deleted_reason text,
  check ((deleted_at is null) = (deleted_reason is null)),
  check (until_date is null or until_date >= from_date)
);
create index person_alert_person on person_alert (person_id) where deleted_at is null;

-- A merge of a duplicate into the record kept. The rows moved are listed so that the merge can be
-- reversed exactly; the duplicate itself is soft-deleted and points at the record kept.
alter table person add column merged_into_id bigint references person (id);

create table person_merge (
  id               bigint generated always as identity primary key,
  kept_person_id   bigint not null references person (id),
  merged_person_id bigint not null references person (id),
  reason           text not null check (length(reason) between 1 and 2000),
  moved            jsonb not null default '{}',
  merged_by        bigint not null references app_user (id),
  merged_at        timestamptz not null default now(),
  reversed_by      bigint references app_user (id),
  reversed_at      timestamptz,
  reversed_reason  text,
  check (kept_person_id <> merged_person_id),
  check ((reversed_at is null) = (reversed_by is null) and (reversed_at is null) = (reversed_reason is null))
);
create index person_merge_kept on person_merge (kept_person_id);
create index person_merge_merged on person_merge (merged_person_id);

-- The front door's read contract for other modules (the child's record, worklists): each open
-- involvement of a child at the front door.
create view frontdoor_open_involvement as
  select cc.child_id,
         'contact'::text as kind,
         cc.id as record_id,
         c.received_at as started_at,
         cc.status,
         cc.routed_user_id as worker_id,
         cc.routed_team_id as team_id
    from contact_child cc
    join contact c on c.id = cc.contact_id
   where cc.child_id is not null and cc.status = 'in_triage' and c.deleted_at is null
  union all
  select r.child_id,
         'referral'::text,
         r.id,
         r.referral_date::timestamptz,
         r.status,
         r.worker_id,
         r.team_id
    from referral r
   where r.status <> 'closed';

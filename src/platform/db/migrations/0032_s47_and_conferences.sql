-- Issue 14, section 47 enquiries and child protection conferences (the protection module).
-- The strategy discussion gains immediate protection as an outcome and what each agency shared;
-- a held discussion that starts a section 47 enquiry creates it; conferences (initial, review,
-- transfer-in) are shared by brothers and sisters, with a decision and category for each child;
-- partner agencies are invited to a discussion or conference and send their contribution.
-- Written for PostgreSQL 15.

alter table strategy_discussion drop constraint strategy_discussion_outcome_check;
alter table strategy_discussion
  add constraint strategy_discussion_outcome_check
    check (outcome in ('s47_joint', 's47_single', 'immediate_protection', 'cin_assessment', 'early_help', 'no_further_action')),
  add column immediate_protection text check (immediate_protection in ('police_protection', 'emergency_protection_order')),
  add constraint strategy_discussion_immediate_kind
    check ((outcome = 'immediate_protection') = (immediate_protection is not null));

-- What each person (and so each agency) shared at the discussion.
alter table strategy_discussion_participant
  add column information_shared text check (length(information_shared) <= 10000);

-- A section 47 enquiry, started by a held strategy discussion: its start date is that
-- discussion's date. The child seen during it, its outcome and whether a conference is needed.
create table s47_enquiry (
  id                     bigint generated always as identity primary key,
  child_id               bigint not null references person (id),
  strategy_discussion_id bigint not null unique references strategy_discussion (id),
  start_date             date not null,
  joint                  boolean not null,
  created_at             timestamptz not null,
  child_seen_on          date,
  child_seen_alone       boolean,
  outcome                text check (outcome in ('substantiated', 'not_substantiated')),
  likely_significant_harm boolean,
  conference_needed      boolean,
  no_conference_reason   text check (length(no_conference_reason) <= 4000),
  completed_on           date,
  outcome_recorded_by    bigint references app_user (id),
  outcome_recorded_at    timestamptz,
  cancelled_at           timestamptz,
  cancelled_reason       text check (length(cancelled_reason) <= 4000),
  check ((child_seen_on is null) = (child_seen_alone is null)),
  check (child_seen_on is null or child_seen_on >= start_date),
  check ((outcome is null) = (completed_on is null)),
  check ((outcome is null) = (conference_needed is null)),
  check ((outcome is null) = (likely_significant_harm is null)),
  check ((outcome is null) = (outcome_recorded_by is null) and (outcome is null) = (outcome_recorded_at is null)),
  check (completed_on is null or completed_on >= start_date),
  check (conference_needed is distinct from false or no_conference_reason is not null),
  check ((cancelled_at is null) = (cancelled_reason is null))
);
create index s47_enquiry_child on s47_enquiry (child_id, id);

-- A child protection conference: initial, review, or transfer-in (a child on a plan moving in
-- from another authority). One conference for brothers and sisters.
create table child_protection_conference (
  id                   bigint generated always as identity primary key,
  kind                 text not null check (kind in ('initial', 'review', 'transfer_in')),
  scheduled_at         timestamptz not null,
  chair_id             bigint not null references app_user (id),
  arranged_by          bigint not null references app_user (id),
  arranged_at          timestamptz not null,
  held_at              timestamptz,
  child_participation  text check (child_participation in ('attended', 'attended_part', 'views_through_advocate', 'views_through_worker', 'did_not_take_part', 'too_young')),
  family_participation text check (family_participation in ('attended', 'attended_part', 'views_in_writing', 'did_not_attend', 'excluded')),
  participation_note   text check (length(participation_note) <= 4000),
  recorded_by          bigint references app_user (id),
  recorded_at          timestamptz,
  cancelled_at         timestamptz,
  cancelled_reason     text check (length(cancelled_reason) <= 4000),
  check ((held_at is null) = (recorded_by is null) and (held_at is null) = (recorded_at is null)),
  check ((held_at is null) = (child_participation is null) and (held_at is null) = (family_participation is null)),
  check ((cancelled_at is null) = (cancelled_reason is null)),
  check (held_at is null or cancelled_at is null)
);

-- Each child the conference is about, the S47 that led to it (initial), and its decision.
create table conference_child (
  conference_id bigint not null references child_protection_conference (id),
  child_id      bigint not null references person (id),
  s47_id        bigint references s47_enquiry (id),
  decision      text check (decision in ('plan', 'no_plan', 'continue', 'end')),
  category      text check (category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  end_reason    text check (length(end_reason) <= 4000),
  primary key (conference_id, child_id),
  check ((decision in ('plan', 'continue')) = (category is not null))
);
create index conference_child_child on conference_child (child_id, conference_id);
create index conference_child_s47 on conference_child (s47_id) where s47_id is not null;

-- An agency invited to a strategy discussion or a conference: who, whether a report was asked
-- for and came, their contribution, and (for a conference) whether they attended. A partner
-- practitioner with an account is given an expiring grant on the children (child_access).
create table protection_invitation (
  id                     bigint generated always as identity primary key,
  strategy_discussion_id bigint references strategy_discussion (id),
  conference_id          bigint references child_protection_conference (id),
  agency_kind            text not null check (agency_kind in ('social_care', 'police', 'health', 'education', 'probation', 'housing', 'other')),
  person_name            text not null check (length(person_name) between 1 and 200),
  user_id                bigint references app_user (id),
  report_requested       boolean not null,
  access_until           timestamptz,
  invited_by             bigint not null references app_user (id),
  invited_at             timestamptz not null,
  contribution           text check (length(contribution) <= 10000),
  contributed_by         bigint references app_user (id),
  contributed_at         timestamptz,
  attendance             text check (attendance in ('attended', 'apologies', 'did_not_attend')),
  check ((strategy_discussion_id is null) <> (conference_id is null)),
  check ((contribution is null) = (contributed_at is null) and (contribution is null) = (contributed_by is null)),
  check ((user_id is null) = (access_until is null))
);
create index protection_invitation_sd on protection_invitation (strategy_discussion_id, id) where strategy_discussion_id is not null;
create index protection_invitation_conference on protection_invitation (conference_id, id) where conference_id is not null;

-- The read contract for the CIN census and Annex A: each section 47 enquiry, its ICPC date (the
-- initial conference held for it) and outcome; each child's decision at each held conference.
create view protection_s47_v as
  select s.id as s47_id,
         s.child_id,
         sd.referral_id,
         s.start_date,
         (select min((c.held_at at time zone 'Europe/London')::date)
            from conference_child cc
            join child_protection_conference c on c.id = cc.conference_id
           where cc.s47_id = s.id and c.kind = 'initial' and c.held_at is not null and c.cancelled_at is null
         ) as icpc_date,
         coalesce(s.conference_needed = false, false) as icpc_not_required,
         s.outcome
    from s47_enquiry s
    join strategy_discussion sd on sd.id = s.strategy_discussion_id
   where s.cancelled_at is null;

create view protection_conference_v as
  select c.id as conference_id,
         c.kind,
         (c.held_at at time zone 'Europe/London')::date as held_on,
         cc.child_id,
         cc.decision,
         cc.category
    from child_protection_conference c
    join conference_child cc on cc.conference_id = c.id
   where c.held_at is not null and c.cancelled_at is null;

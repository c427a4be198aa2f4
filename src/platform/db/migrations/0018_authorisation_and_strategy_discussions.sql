-- Issue 12: a MASH social worker recommends, a manager authorises or returns the recommendation;
-- a transfer records the other authority's acceptance; consent to the MASH's agency checks is
-- recorded apart from consent to the referral; and the protection module's first record, the
-- strategy discussion. Written for PostgreSQL 15.

-- A child's contact waits for a manager between recommendation and decision.
alter table contact_child drop constraint contact_child_status_check;
alter table contact_child add constraint contact_child_status_check
  check (status in ('awaiting_match', 'in_triage', 'awaiting_authorisation', 'decided', 'routed_to_allocated_worker', 'withdrawn'));

-- Each recommendation and what the manager did with it. A returned one stays as history; the
-- contact goes back to triage until the next recommendation.
create table contact_recommendation (
  id                      bigint generated always as identity primary key,
  contact_child_id        bigint not null references contact_child (id),
  decision                text not null check (decision in ('no_further_action', 'information_and_advice', 'signpost', 'early_help', 'referral', 'strategy_discussion', 'transfer')),
  decision_reason         text check (length(decision_reason) <= 4000),
  transfer_authority      text check (length(transfer_authority) <= 200),
  team_id                 bigint references team (id),
  -- A referral against the family's refusal says why consent was overridden.
  consent_override_reason text check (length(consent_override_reason) <= 4000),
  -- The recommender's analysis: what they weighed and why this keeps the child safe.
  rationale               text not null check (length(rationale) between 1 and 4000),
  recommended_by          bigint not null references app_user (id),
  recommended_at          timestamptz not null,
  outcome                 text not null default 'awaiting' check (outcome in ('awaiting', 'authorised', 'returned')),
  reviewed_by             bigint references app_user (id),
  reviewed_at             timestamptz,
  return_reason           text check (length(return_reason) <= 4000),
  oversight_note          text check (length(oversight_note) <= 4000),
  -- At level 4 a decision other than a strategy discussion says why not.
  no_strategy_reason      text check (length(no_strategy_reason) <= 4000),
  -- An outcome the authority lets the recommender decide alone (levels 1 and 2 only).
  decided_alone           boolean not null default false,
  check ((outcome = 'awaiting') = (reviewed_at is null)),
  check ((outcome = 'awaiting') = (reviewed_by is null)),
  check (outcome <> 'returned' or return_reason is not null),
  check (outcome <> 'authorised' or oversight_note is not null),
  check (decision <> 'transfer' or transfer_authority is not null),
  -- The second pair of eyes is a different person, unless the authority lets this outcome stand alone.
  check (outcome <> 'authorised' or decided_alone or reviewed_by <> recommended_by),
  check (not decided_alone or (outcome = 'authorised' and reviewed_by = recommended_by))
);
create unique index contact_recommendation_one_awaiting on contact_recommendation (contact_child_id) where outcome = 'awaiting';
create index contact_recommendation_child on contact_recommendation (contact_child_id, id);
create index contact_recommendation_queue on contact_recommendation (recommended_at, id) where outcome = 'awaiting';

-- A transfer to the child's home authority is done when that authority accepts it.
alter table contact_child
  add column transfer_accepted_by   text check (length(transfer_accepted_by) <= 200),
  add column transfer_accepted_at   timestamptz,
  add column transfer_recorded_by   bigint references app_user (id),
  add constraint contact_child_transfer_acceptance check (
    (transfer_accepted_at is null) = (transfer_accepted_by is null)
    and (transfer_accepted_at is null) = (transfer_recorded_by is null)
    and (transfer_accepted_at is null or decision = 'transfer'));

-- Consent to asking other agencies what they know, apart from consent to the referral itself.
alter table contact
  add column checks_consent        text check (checks_consent in ('given', 'refused', 'not_sought_risk', 'overridden')),
  add column checks_consent_reason text check (length(checks_consent_reason) <= 4000),
  add column checks_consent_by     bigint references app_user (id),
  add column checks_consent_at     timestamptz,
  add constraint contact_checks_consent_reason
    check (checks_consent not in ('not_sought_risk', 'overridden', 'refused') or checks_consent_reason is not null),
  add constraint contact_checks_consent_who
    check ((checks_consent is null) = (checks_consent_at is null) and (checks_consent is null) = (checks_consent_by is null));

-- The protection module: a strategy discussion, requested by a decision (or by the allocated
-- worker's manager), held with the agencies, with its outcome.
create table strategy_discussion (
  id               bigint generated always as identity primary key,
  child_id         bigint not null references person (id),
  referral_id      bigint references referral (id),
  requested_by     bigint not null references app_user (id),
  requested_at     timestamptz not null,
  reason           text check (length(reason) <= 4000),
  held_at          timestamptz,
  outcome          text check (outcome in ('s47_joint', 's47_single', 'cin_assessment', 'early_help', 'no_further_action')),
  outcome_reason   text check (length(outcome_reason) <= 4000),
  -- What was agreed to keep the child safe meanwhile, and who does what.
  actions          text check (length(actions) <= 10000),
  recorded_by      bigint references app_user (id),
  recorded_at      timestamptz,
  cancelled_at     timestamptz,
  cancelled_reason text check (length(cancelled_reason) <= 4000),
  check ((held_at is null) = (outcome is null)),
  check ((held_at is null) = (recorded_by is null) and (held_at is null) = (recorded_at is null)),
  check ((cancelled_at is null) = (cancelled_reason is null)),
  check (held_at is null or cancelled_at is null),
  check (held_at is null or held_at >= requested_at - interval '1 day')
);
create index strategy_discussion_child on strategy_discussion (child_id, id);
create index strategy_discussion_referral on strategy_discussion (referral_id) where referral_id is not null;
create index strategy_discussion_open on strategy_discussion (requested_at, id) where held_at is null and cancelled_at is null;

-- Who took part, one row per person, by agency.
create table strategy_discussion_participant (
  id                     bigint generated always as identity primary key,
  strategy_discussion_id bigint not null references strategy_discussion (id),
  agency_kind            text not null check (agency_kind in ('social_care', 'police', 'health', 'education', 'probation', 'housing', 'other')),
  name                   text not null check (length(name) between 1 and 200),
  role                   text check (length(role) <= 200)
);
create index strategy_discussion_participant_sd on strategy_discussion_participant (strategy_discussion_id, id);

-- The protection module's read contract: each strategy discussion and whether it was held.
create view protection_strategy_discussion_v as
  select sd.id, sd.child_id, sd.referral_id, sd.requested_at, sd.held_at, sd.outcome, sd.cancelled_at
    from strategy_discussion sd;

-- Issue 15, child in need plans (the protection module): a plan started from an authorised
-- assessment whose outcome is a CIN plan, or from a child protection plan that ended because the
-- child is no longer at continuing risk; its SMART outcomes and actions tracked planned versus
-- delivered, visits at the plan's frequency, reviews, and its end with the CIN census's reason for
-- closure (RC1–RC9), authorised by a manager. Written for PostgreSQL 15.

-- A CIN plan. `version` is its optimistic lock, as for a CP plan. It comes from exactly one of an
-- assessment or a CP plan, each of which starts at most one. `visit_frequency` is a code of the
-- clock `cin-visit` (reference/protection/cin-plans.json lists the choices).
create table cin_plan (
  id                  bigint generated always as identity primary key,
  child_id            bigint not null references person (id),
  referral_id         bigint references referral (id),
  assessment_id       bigint references assessment (id),
  cp_plan_id          bigint references cp_plan (id),
  start_date          date not null,
  visit_frequency     text not null check (visit_frequency ~ '^[0-9]{1,2}[dw]$'),
  end_date            date,
  end_reason          text check (end_reason ~ '^RC[1-9]$'),
  ended_by            bigint references app_user (id),
  ended_at            timestamptz,
  end_proposed_on     date,
  end_proposed_reason text check (end_proposed_reason ~ '^RC[1-9]$'),
  end_proposed_by     bigint references app_user (id),
  end_proposed_at     timestamptz,
  version             integer not null default 1 check (version >= 1),
  started_by          bigint not null references app_user (id),
  recorded_at         timestamptz not null,
  check ((assessment_id is null) <> (cp_plan_id is null)),
  check ((end_date is null) = (end_reason is null)),
  check ((end_date is null) = (ended_by is null)),
  check ((end_proposed_on is null) = (end_proposed_reason is null)),
  check (end_date is null or end_date >= start_date)
);
-- One open CIN plan per child at a time; one plan from each assessment or CP plan.
create unique index cin_plan_one_open on cin_plan (child_id) where end_date is null;
create unique index cin_plan_one_per_assessment on cin_plan (assessment_id) where assessment_id is not null;
create unique index cin_plan_one_per_cp_plan on cin_plan (cp_plan_id) where cp_plan_id is not null;
create index cin_plan_child on cin_plan (child_id, start_date, id);

-- A SMART outcome of the plan and its actions: what, whose, by when; delivered or not.
create table cin_plan_outcome (
  id           bigint generated always as identity primary key,
  cin_plan_id  bigint not null references cin_plan (id),
  outcome      text not null check (length(outcome) between 1 and 2000),
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null
);
create index cin_plan_outcome_plan on cin_plan_outcome (cin_plan_id, id);

create table cin_plan_action (
  id                   bigint generated always as identity primary key,
  cin_plan_outcome_id  bigint not null references cin_plan_outcome (id),
  action               text not null check (length(action) between 1 and 2000),
  owner_kind           text not null check (owner_kind in ('person', 'agency')),
  owner_name           text not null check (length(owner_name) between 1 and 200),
  due_on               date not null,
  status               text not null default 'planned' check (status in ('planned', 'delivered', 'not_delivered')),
  delivered_on         date,
  not_delivered_reason text check (length(not_delivered_reason) between 1 and 10000),
  status_by            bigint references app_user (id),
  status_at            timestamptz,
  recorded_by          bigint not null references app_user (id),
  recorded_at          timestamptz not null,
  check ((status = 'delivered') = (delivered_on is not null)),
  check ((status = 'not_delivered') = (not_delivered_reason is not null))
);
create index cin_plan_action_outcome on cin_plan_action (cin_plan_outcome_id, id);

-- A CIN visit: when, who was there, whether the child was seen and seen alone.
create table cin_visit (
  id           bigint generated always as identity primary key,
  cin_plan_id  bigint not null references cin_plan (id),
  visited_at   timestamptz not null,
  who_present  text check (length(who_present) <= 2000),
  child_seen   boolean not null,
  seen_alone   boolean not null,
  announced    boolean not null,
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null,
  check (child_seen or not seen_alone)
);
create index cin_visit_plan on cin_visit (cin_plan_id, visited_at, id);

-- A review of the plan (a CIN review meeting): when, and what it found.
create table cin_plan_review (
  id           bigint generated always as identity primary key,
  cin_plan_id  bigint not null references cin_plan (id),
  held_on      date not null,
  summary      text not null check (length(summary) between 1 and 10000),
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null
);
create index cin_plan_review_plan on cin_plan_review (cin_plan_id, held_on, id);

-- The module's read contract for CIN plans: the CIN census's CINPlanStartDate and CINPlanEndDate,
-- and the reason the plan ended (RC1–RC9).
create view protection_cin_plan_v as
  select p.id as plan_id,
         p.child_id,
         p.referral_id,
         p.start_date,
         p.end_date,
         p.end_reason
    from cin_plan p;

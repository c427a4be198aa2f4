-- Issue 14, child protection plans (the protection module): the plan itself from the initial
-- conference to its end, its SMART outcomes and actions tracked planned versus delivered, core
-- groups, statutory visits and review conferences. Written for PostgreSQL 15.

-- A child protection plan. It starts on the date of the initial child protection conference and
-- ends with a coded reason; `version` is the plan's optimistic lock (every change to the plan or
-- anything on it adds one, so a form sent against an older version is refused, not applied).
-- `conference_id` names the conference that started it: the conference table is another
-- migration's, so the foreign key is added when the two land together.
create table cp_plan (
  id                bigint generated always as identity primary key,
  child_id          bigint not null references person (id),
  conference_id     bigint,
  referral_id       bigint references referral (id),
  start_date        date not null,
  initial_category  text not null check (initial_category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  latest_category   text not null check (latest_category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  end_date          date,
  end_reason        text check (length(end_reason) between 1 and 40),
  ended_by          bigint references app_user (id),
  ended_at          timestamptz,
  version           integer not null default 1 check (version >= 1),
  started_by        bigint not null references app_user (id),
  recorded_at       timestamptz not null,
  check ((end_date is null) = (end_reason is null)),
  check ((end_date is null) = (ended_by is null)),
  check (end_date is null or end_date >= start_date)
);
-- One open plan per child at a time.
create unique index cp_plan_one_open on cp_plan (child_id) where end_date is null;
create index cp_plan_child on cp_plan (child_id, start_date, id);

-- A review conference of the plan: held on a date, continuing the plan (with the latest category)
-- or ending it.
create table cp_plan_review (
  id               bigint generated always as identity primary key,
  cp_plan_id       bigint not null references cp_plan (id),
  conference_id    bigint,
  held_on          date not null,
  continues        boolean not null,
  latest_category  text check (latest_category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  recorded_by      bigint not null references app_user (id),
  recorded_at      timestamptz not null,
  check (continues = (latest_category is not null))
);
create index cp_plan_review_plan on cp_plan_review (cp_plan_id, held_on, id);

-- A SMART outcome of the plan: what must change for the child.
create table cp_plan_outcome (
  id           bigint generated always as identity primary key,
  cp_plan_id   bigint not null references cp_plan (id),
  outcome      text not null check (length(outcome) between 1 and 2000),
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null
);
create index cp_plan_outcome_plan on cp_plan_outcome (cp_plan_id, id);

-- An action towards an outcome: what, whose (a named person or an agency), by when; then whether
-- it was delivered (on a date) or not (with the reason).
create table cp_plan_action (
  id                 bigint generated always as identity primary key,
  cp_plan_outcome_id bigint not null references cp_plan_outcome (id),
  action             text not null check (length(action) between 1 and 2000),
  owner_kind         text not null check (owner_kind in ('person', 'agency')),
  owner_name         text not null check (length(owner_name) between 1 and 200),
  due_on             date not null,
  status             text not null default 'planned' check (status in ('planned', 'delivered', 'not_delivered')),
  delivered_on       date,
  not_delivered_reason text check (length(not_delivered_reason) between 1 and 10000),
  status_by          bigint references app_user (id),
  status_at          timestamptz,
  recorded_by        bigint not null references app_user (id),
  recorded_at        timestamptz not null,
  check ((status = 'delivered') = (delivered_on is not null)),
  check ((status = 'not_delivered') = (not_delivered_reason is not null))
);
create index cp_plan_action_outcome on cp_plan_action (cp_plan_outcome_id, id);

-- A core group meeting: when, who came by agency, and notes.
create table cp_core_group (
  id           bigint generated always as identity primary key,
  cp_plan_id   bigint not null references cp_plan (id),
  held_on      date not null,
  notes        text check (length(notes) <= 10000),
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null
);
create index cp_core_group_plan on cp_core_group (cp_plan_id, held_on, id);

create table cp_core_group_attendance (
  cp_core_group_id bigint not null references cp_core_group (id),
  agency_kind      text not null check (length(agency_kind) between 1 and 40),
  attended         boolean not null,
  primary key (cp_core_group_id, agency_kind)
);

-- The progress on each action the core group reviewed.
create table cp_core_group_action_review (
  cp_core_group_id  bigint not null references cp_core_group (id),
  cp_plan_action_id bigint not null references cp_plan_action (id),
  progress          text not null check (length(progress) between 1 and 10000),
  primary key (cp_core_group_id, cp_plan_action_id)
);

-- A statutory child protection visit.
create table cp_visit (
  id           bigint generated always as identity primary key,
  cp_plan_id   bigint not null references cp_plan (id),
  visited_at   timestamptz not null,
  who_present  text check (length(who_present) <= 2000),
  child_seen   boolean not null,
  seen_alone   boolean not null,
  announced    boolean not null,
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null,
  check (child_seen or not seen_alone)
);
create index cp_visit_plan on cp_visit (cp_plan_id, visited_at, id);

-- The module's read contract: what the CIN census and Annex A read.
create view protection_cp_plan_v as
  select p.id as plan_id,
         p.child_id,
         p.referral_id,
         p.start_date,
         p.end_date,
         p.initial_category,
         p.latest_category,
         p.end_reason
    from cp_plan p;

create view protection_cp_review_v as
  select r.cp_plan_id as plan_id, p.child_id, r.held_on as review_date
    from cp_plan_review r
    join cp_plan p on p.id = r.cp_plan_id;

create view protection_cp_visit_v as
  select v.cp_plan_id as plan_id, p.child_id, v.visited_at, v.child_seen as seen, v.seen_alone
    from cp_visit v
    join cp_plan p on p.id = v.cp_plan_id;

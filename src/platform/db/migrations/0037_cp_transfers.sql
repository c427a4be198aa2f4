-- Issue 14, child protection transfers between authorities (the protection module).
-- Transfer-in: another authority tells us a child on its child protection plan (brothers and
-- sisters moving together on one notification) is moving here; we hold a transfer-in conference
-- within 15 working days of the notification, whose decision for each child starts our own plan
-- on the conference's date (cp_plan, through the plan service).
-- Transfer-out: a child on our plan moves away; the plan stays open until the receiving
-- authority's transfer-in conference is held, and then ends on that date.
-- Written for PostgreSQL 15.

create table cp_transfer_in (
  id              bigint generated always as identity primary key,
  from_la_code    text not null check (from_la_code ~ '^[0-9]{3}$'),
  from_la_name    text not null check (length(from_la_name) between 1 and 200),
  notified_on     date not null,
  worker_name     text not null check (length(worker_name) between 1 and 200),
  worker_contact  text not null check (length(worker_contact) between 1 and 200),
  -- The transfer-in conference arranged for it (one conference for the children it names).
  conference_id   bigint unique references child_protection_conference (id),
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null
);

-- Each child the notification names, with the other authority's plan (its start and category).
create table cp_transfer_in_child (
  transfer_in_id  bigint not null references cp_transfer_in (id),
  child_id        bigint not null references person (id),
  their_plan_start date not null,
  their_category  text not null check (their_category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  primary key (transfer_in_id, child_id)
);
create index cp_transfer_in_child_child on cp_transfer_in_child (child_id, transfer_in_id);

-- A child on our plan moving to another authority: the receiving authority, when we were told,
-- when it will hold its transfer-in conference, and when it was held (our plan ends that day).
create table cp_transfer_out (
  id               bigint generated always as identity primary key,
  cp_plan_id       bigint not null unique references cp_plan (id),
  child_id         bigint not null references person (id),
  to_la_code       text not null check (to_la_code ~ '^[0-9]{3}$'),
  to_la_name       text not null check (length(to_la_name) between 1 and 200),
  notified_on      date not null,
  conference_on    date not null,
  held_on          date,
  held_recorded_by bigint references app_user (id),
  held_recorded_at timestamptz,
  recorded_by      bigint not null references app_user (id),
  recorded_at      timestamptz not null,
  check (conference_on >= notified_on),
  check (held_on is null or held_on >= notified_on),
  check ((held_on is null) = (held_recorded_by is null) and (held_on is null) = (held_recorded_at is null))
);
create index cp_transfer_out_child on cp_transfer_out (child_id, id);

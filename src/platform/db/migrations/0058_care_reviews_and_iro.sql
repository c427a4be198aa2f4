-- Issue 17, reviews and the IRO (the care module): the independent reviewing officer allocated to
-- a child's period of care, with its history, and the looked-after reviews the IRO chairs, each
-- with the child's participation (903 REVIEW_CODE), the social worker's report shared beforehand,
-- the reason for any delay, and when its minutes were distributed. Written for PostgreSQL 15.

-- The IRO reaches the children allocated to them through a grant of their own basis: it names one
-- person, lets them read and record, and is revoked when another IRO takes over or care ends.
alter table child_access drop constraint child_access_basis_check;
alter table child_access add constraint child_access_basis_check check (basis in (
  'allocated_worker', 'allocated_team', 'process_participant', 'agency_lead', 'break_glass',
  'restriction_grant', 'independent_reviewing_officer'));

-- Who has been the IRO of a period of care, from when to when, and the grant each held. One
-- current IRO per period; an allocation ends when replaced or when care ends.
create table care_iro_allocation (
  id             bigint generated always as identity primary key,
  period_id      bigint not null references care_period (id),
  child_id       bigint not null references person (id),
  iro_user_id    bigint not null references app_user (id),
  grant_id       bigint not null references child_access (id),
  from_at        timestamptz not null,
  to_at          timestamptz,
  allocated_by   bigint not null references app_user (id),
  ended_by       bigint references app_user (id),
  end_reason     text check (length(end_reason) between 1 and 200),
  check ((to_at is null) = (end_reason is null)),
  check (to_at is null or to_at >= from_at)
);
create unique index care_iro_one_current on care_iro_allocation (period_id) where to_at is null;
create index care_iro_period on care_iro_allocation (period_id, from_at, id);
create index care_iro_user on care_iro_allocation (iro_user_id) where to_at is null;

-- A looked-after review held: the 903's REVIEW and REVIEW_CODE (PN0 only for a child under 4 on
-- the day, rules 440 and 441), its chair, the report shared before it (a date, or why not), and,
-- when held after its clock's due date, that date and the coded reason for the delay
-- (reference/care/review-delay-reasons.json). The minutes' distribution is dated when recorded.
create table lac_review (
  id                       bigint generated always as identity primary key,
  period_id                bigint not null references care_period (id),
  child_id                 bigint not null references person (id),
  held_on                  date not null,
  participation            text not null check (participation ~ '^PN[0-7]$'),
  chair_user_id            bigint not null references app_user (id),
  report_shared_on         date,
  report_not_shared_reason text check (length(report_not_shared_reason) between 1 and 500),
  due_on                   date,
  late_reason              text check (late_reason ~ '^[A-Z0-9]{2,8}$'),
  minutes_distributed_on   date,
  minutes_recorded_by      bigint references app_user (id),
  recorded_by              bigint not null references app_user (id),
  recorded_at              timestamptz not null,
  check ((report_shared_on is null) <> (report_not_shared_reason is null)),
  check (report_shared_on is null or report_shared_on <= held_on),
  check ((late_reason is not null) = (due_on is not null and held_on > due_on)),
  check ((minutes_distributed_on is null) = (minutes_recorded_by is null)),
  check (minutes_distributed_on is null or minutes_distributed_on >= held_on)
);
create unique index lac_review_one_a_day on lac_review (period_id, held_on);
create index lac_review_child on lac_review (child_id, held_on, id);

-- Emergency access (break-glass) reviewed by the data protection officer, alerts to staff, and
-- staff members' own records (SEC-08, SEC-11, SEC-12).

-- A member of staff linked to their own person record (an HR identity): they can never open it or
-- the records of their direct family, and linking restricts those records.
alter table app_user add column person_id bigint unique references person (id);

-- What Haven tells one member of staff: emergency access to a record they are responsible for, an
-- attempt to open one's own record. Read on their home page; kept after it is read.
create table staff_notification (
  id          bigint generated always as identity primary key,
  user_id     bigint not null references app_user (id),
  kind        text not null check (kind in ('break_glass_used', 'own_record_attempt')),
  child_id    bigint references person (id),
  message     text not null check (length(message) between 1 and 1000),
  created_at  timestamptz not null default now(),
  read_at     timestamptz
);
create index staff_notification_unread on staff_notification (user_id, created_at) where read_at is null;

-- The privacy review queue: every emergency access, and every attempt to open one's own or a
-- relative's record, is closed by the data protection officer (auditor) as justified, escalated or
-- a breach, within 5 working days of being raised.
create table access_review (
  id              bigint generated always as identity primary key,
  kind            text not null check (kind in ('break_glass', 'own_record_attempt')),
  user_id         bigint not null references app_user (id),
  child_id        bigint not null references person (id),
  child_access_id bigint references child_access (id),
  reason_code     text,
  reason          text check (length(reason) <= 2000),
  raised_at       timestamptz not null default now(),
  due_on          date not null,
  closed_at       timestamptz,
  closed_by       bigint references app_user (id),
  outcome         text check (outcome in ('justified', 'escalated', 'breach')),
  outcome_note    text check (length(outcome_note) <= 2000),
  check ((kind = 'break_glass') = (child_access_id is not null)),
  check ((closed_at is null) = (outcome is null) and (closed_at is null) = (closed_by is null))
);
create index access_review_open on access_review (due_on, id) where closed_at is null;
create index access_review_raised on access_review (raised_at, id);

-- Issue 14, the assessment part. Written for PostgreSQL 15.

-- The platform's sign-off step (src/platform/signoff): a module asks a manager to authorise one of
-- its records (an assessment, a plan, a closure); a manager other than the person who asked
-- authorises it with an oversight note or returns it with a reason. Each ask is a row; a returned
-- record sent again is a new row, so the history of every return stays.
create table sign_off (
  id             bigint generated always as identity primary key,
  subject_type   text not null check (subject_type ~ '^[a-z][a-z0-9_]{0,39}$'),
  subject_id     text not null check (length(subject_id) between 1 and 40),
  child_id       bigint not null references person (id),
  asked_by       bigint not null references app_user (id),
  asked_at       timestamptz not null,
  summary        text not null check (length(summary) between 1 and 1000),
  status         text not null default 'awaiting' check (status in ('awaiting', 'authorised', 'returned')),
  decided_by     bigint references app_user (id),
  decided_at     timestamptz,
  oversight_note text check (length(oversight_note) between 1 and 10000),
  return_reason  text check (length(return_reason) between 1 and 10000),
  check ((status = 'awaiting') = (decided_by is null)),
  check ((status = 'awaiting') = (decided_at is null)),
  check ((status = 'authorised') = (oversight_note is not null)),
  check ((status = 'returned') = (return_reason is not null)),
  -- The person who asked never authorises (nor returns) their own record.
  check (decided_by is null or decided_by <> asked_by)
);
-- One ask waiting at a time for a record.
create unique index sign_off_one_awaiting on sign_off (subject_type, subject_id) where status = 'awaiting';
create index sign_off_subject on sign_off (subject_type, subject_id, id);
create index sign_off_awaiting_child on sign_off (child_id) where status = 'awaiting';

-- The assessment module's child and family assessment, started from a referral. Each section is
-- a column; `version` goes up on every change, so a form sent from a stale page is refused.
create table assessment (
  id                  bigint generated always as identity primary key,
  child_id            bigint not null references person (id),
  referral_id         bigint not null references referral (id),
  started_on          date not null,
  started_by          bigint not null references app_user (id),
  started_at          timestamptz not null,
  status              text not null default 'in_progress'
                        check (status in ('in_progress', 'awaiting_authorisation', 'authorised')),
  version             integer not null default 1 check (version >= 1),
  seen_on             date,
  seen_alone          boolean,
  not_seen_alone_reason text check (length(not_seen_alone_reason) between 1 and 10000),
  wishes_and_feelings text check (length(wishes_and_feelings) between 1 and 10000),
  factors             text[],
  primary_need        text check (primary_need ~ '^N[1-9]$'),
  analysis            text check (length(analysis) between 1 and 10000),
  outcome             text check (outcome in ('no_further_action', 'cin_plan', 'strategy_discussion',
                                              'early_help', 'looked_after')),
  authorised_on       date,
  authorised_by       bigint references app_user (id),
  updated_by          bigint not null references app_user (id),
  updated_at          timestamptz not null,
  deleted_at          timestamptz,
  deleted_by          bigint references app_user (id),
  deleted_reason      text check (length(deleted_reason) between 1 and 10000),
  check ((status = 'authorised') = (authorised_on is not null)),
  check ((deleted_at is null) = (deleted_reason is null)),
  check (authorised_on is null or authorised_on >= started_on)
);
create index assessment_child on assessment (child_id, id);
create index assessment_referral on assessment (referral_id);
-- One assessment from a referral (a second would count twice in the CIN census).
create unique index assessment_one_per_referral on assessment (referral_id) where deleted_at is null;

-- The assessment module's read contract, for the CIN census exporter and other modules' pages:
-- exactly these columns. Soft-deleted assessments are left out.
create view assessment_v as
  select a.id as assessment_id,
         a.child_id,
         a.referral_id,
         a.started_on as start_date,
         a.authorised_on as authorised_date,
         coalesce(a.factors, '{}'::text[]) as factors,
         a.primary_need,
         a.outcome,
         a.status
    from assessment a
   where a.deleted_at is null;

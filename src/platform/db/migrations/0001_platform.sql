-- The platform: teams, users, sessions, sign-in attempts, reference calendar, audit, events, clocks, tasks.
-- Written for PostgreSQL 15 (PGlite runs 18: no newer syntax here).

create table team (
  id            bigint generated always as identity primary key,
  name          text not null unique,
  kind          text not null check (kind in ('front_door', 'assessment', 'safeguarding', 'children_in_care', 'leaving_care', 'early_help', 'partner_agency', 'performance', 'business_support')),
  manager_id    bigint,
  created_at    timestamptz not null default now()
);

create table app_user (
  id              bigint generated always as identity primary key,
  username        text not null unique check (username = lower(username) and length(username) between 3 and 64),
  display_name    text not null,
  email           text,
  role            text not null,
  team_id         bigint references team (id),
  agency          text check (agency in ('police', 'health', 'education', 'probation', 'other')),
  password_hash   text,
  disabled_at     timestamptz,
  disabled_reason text,
  created_at      timestamptz not null default now()
);

alter table team add constraint team_manager_fk foreign key (manager_id) references app_user (id);

create table user_session (
  id_hash        text primary key,           -- sha256 of the cookie value: a stolen table is no use
  user_id        bigint not null references app_user (id),
  csrf_token     text not null,
  created_at     timestamptz not null default now(),
  last_seen_at   timestamptz not null default now(),
  ended_at       timestamptz,
  ended_reason   text
);
create index user_session_user on user_session (user_id) where ended_at is null;

create table sign_in_attempt (
  id           bigint generated always as identity primary key,
  username     text not null,
  ip           text not null,
  succeeded    boolean not null,
  attempted_at timestamptz not null default now()
);
create index sign_in_attempt_recent on sign_in_attempt (username, attempted_at);
create index sign_in_attempt_ip on sign_in_attempt (ip, attempted_at);

create table bank_holiday_override (
  holiday_date date primary key,
  title        text not null,
  is_holiday   boolean not null,
  reason       text not null,
  created_at   timestamptz not null default now()
);

-- Children and adults. The people module extends this table; the platform needs the child's
-- identity and restriction to decide access.
create table person (
  id                  bigint generated always as identity primary key,
  la_child_id         text unique,
  kind                text not null check (kind in ('child', 'adult', 'unborn')),
  given_name          text not null,
  family_name         text not null,
  date_of_birth       date,
  expected_birth_date date,
  sex                 text check (sex in ('M', 'F', 'U')),
  restricted          boolean not null default false,
  restriction_category text check (restriction_category in ('high_profile', 'staff_conflict', 'adoption', 'high_risk', 'practice_review')),
  created_at          timestamptz not null default now(),
  deleted_at          timestamptz,
  deleted_reason      text,
  check ((deleted_at is null) = (deleted_reason is null)),
  check (restricted = (restriction_category is not null))
);
create index person_name on person (lower(family_name), lower(given_name));

-- Who may see which child, and why. Lists and searches filter on this in SQL.
create table child_access (
  id          bigint generated always as identity primary key,
  child_id    bigint not null references person (id),
  user_id     bigint references app_user (id),
  team_id     bigint references team (id),
  basis       text not null check (basis in ('allocated_worker', 'allocated_team', 'process_participant', 'agency_lead', 'break_glass', 'restriction_grant')),
  granted_by  bigint references app_user (id),
  granted_at  timestamptz not null default now(),
  expires_at  timestamptz,
  revoked_at  timestamptz,
  revoked_reason text,
  check ((user_id is null) <> (team_id is null))
);
create index child_access_user on child_access (user_id, child_id) where revoked_at is null;
create index child_access_team on child_access (team_id, child_id) where revoked_at is null;
create index child_access_child on child_access (child_id);

-- The audit trail. Rows are inserted unsealed; one sealer gives each a place in an HMAC chain
-- (audit_seal). Neither table accepts UPDATE or DELETE.
create table audit_event (
  id           bigint generated always as identity primary key,
  occurred_at  timestamptz not null default clock_timestamp(),
  user_id      bigint,
  username     text,
  action       text not null,
  child_id     bigint,
  record_type  text,
  record_id    text,
  basis        text,
  request_id   text,
  outcome      text not null check (outcome in ('allowed', 'denied', 'failed')),
  detail       jsonb not null default '{}'
);
create index audit_event_child on audit_event (child_id, occurred_at) where child_id is not null;
create index audit_event_user on audit_event (user_id, occurred_at);
create index audit_event_time on audit_event (occurred_at);

create table audit_seal (
  seq          bigint primary key,
  event_id     bigint not null unique references audit_event (id),
  prev_hash    text not null,
  hash         text not null,
  sealed_at    timestamptz not null default now()
);

create function audit_reject_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit records cannot be changed or deleted (% on %)', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_reject_change();
create trigger audit_seal_append_only before update or delete on audit_seal
  for each row execute function audit_reject_change();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_reject_change();
create trigger audit_seal_no_truncate before truncate on audit_seal
  for each statement execute function audit_reject_change();

-- Every change to a child's case, written in the same transaction as the change. Feeds clocks
-- and the chronology.
create table case_event (
  id           bigint generated always as identity primary key,
  child_id     bigint not null references person (id),
  subject_type text not null,
  subject_id   text not null,
  type         text not null,
  occurred_at  timestamptz not null,
  recorded_at  timestamptz not null default now(),
  recorded_by  bigint references app_user (id),
  summary      text not null,
  attributes   jsonb not null default '{}'
);
create index case_event_child on case_event (child_id, occurred_at, id);
create index case_event_subject on case_event (subject_type, subject_id, id);

-- Statutory clocks as data, loaded from reference/clock-definitions.json.
create table clock_definition (
  code        text primary key,
  definition  jsonb not null,
  loaded_at   timestamptz not null default now()
);

-- Work due on a case, kept current by the clock engine as events are written (never recomputed
-- on a page view), so worklists are a cheap query.
create table task (
  id               bigint generated always as identity primary key,
  instance_key     text not null unique,       -- the clock engine's stable key: code and start event
  clock_code       text not null,
  child_id         bigint not null references person (id),
  subject_type     text not null,
  subject_id       text not null,
  title            text not null,
  started_at       timestamptz not null,
  due_at           timestamptz not null,
  due_soon_at      timestamptz not null,
  stopped_at       timestamptz,
  closed_by        text check (closed_by in ('stop', 'cancel')),
  assigned_user_id bigint references app_user (id),
  assigned_team_id bigint references team (id),
  updated_at       timestamptz not null default now(),
  check ((stopped_at is null) = (closed_by is null))
);
create index task_open_user on task (assigned_user_id, due_at) where stopped_at is null;
create index task_open_team on task (assigned_team_id, due_at) where stopped_at is null;
create index task_child on task (child_id);

-- Issue 17, the IRO's escalations (dispute resolution) and the permanency planning meeting (the
-- care module). An escalation is raised by the child's IRO (or a manager) about the period of
-- care: what the concern is, why, and the plan issue it is about; it stands at one stage of
-- reference/care/iro-escalations.json at a time, each stage sent with its response due, each
-- response recorded; resolved, or referred to Cafcass, closes it. One open escalation a period.
-- Written for PostgreSQL 15.
create table care_iro_escalation (
  id           bigint generated always as identity primary key,
  period_id    bigint not null references care_period (id),
  child_id     bigint not null references person (id),
  category     text not null check (length(category) between 1 and 40),
  concern      text not null check (length(concern) between 1 and 2000),
  reason       text not null check (length(reason) between 1 and 2000),
  stage        text not null check (length(stage) between 1 and 40),
  due_at       timestamptz,
  status       text not null check (status in ('open', 'resolved', 'referred')),
  raised_by    bigint not null references app_user (id),
  raised_at    timestamptz not null,
  closed_at    timestamptz,
  check ((status = 'open') = (closed_at is null)),
  check (status <> 'open' or due_at is not null)
);
create unique index care_iro_escalation_one_open on care_iro_escalation (period_id) where status = 'open';
create index care_iro_escalation_child on care_iro_escalation (child_id, raised_at, id);

-- Each step of an escalation, never updated: sent to a stage (with the response due), or the
-- response recorded at a stage (resolved or not, and what was said).
create table care_iro_escalation_step (
  id             bigint generated always as identity primary key,
  escalation_id  bigint not null references care_iro_escalation (id),
  stage          text not null check (length(stage) between 1 and 40),
  kind           text not null check (kind in ('sent', 'responded')),
  because        text check (because in ('raised', 'not_resolved', 'late')),
  outcome        text check (outcome in ('resolved', 'not_resolved')),
  note           text check (length(note) <= 2000),
  due_at         timestamptz,
  by_user        bigint not null references app_user (id),
  at             timestamptz not null,
  check ((kind = 'sent') = (because is not null)),
  check ((kind = 'responded') = (outcome is not null))
);
create index care_iro_escalation_step_of on care_iro_escalation_step (escalation_id, id);

-- The permanency planning meeting of a period of care: when, who chaired it, and the permanence
-- plan chosen (codes in escalation-model.ts). One a period; held during it.
create table care_permanency_meeting (
  period_id     bigint primary key references care_period (id),
  child_id      bigint not null references person (id),
  held_on       date not null,
  chair         text not null check (length(chair) between 1 and 200),
  plan          text not null check (plan in ('return_home', 'family_friends', 'long_term_foster',
                                              'special_guardianship', 'adoption', 'residential',
                                              'independence')),
  note          text check (length(note) <= 2000),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null
);

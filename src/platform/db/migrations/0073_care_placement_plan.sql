-- Issue 17, the placement plan and delegated authority (the care module), and carers as users of
-- Haven. For a placement: the plan a carer works to (routines, health and medication, education
-- and transport, contact with family, behaviour and risks, what to do if the child goes missing)
-- and, for each everyday decision, who may take it (the carer, the social worker, the parent).
-- Each change is a new version agreed on a date, so the history is kept. The carers' accounts
-- linked to a placement each hold a `placement_carer` grant naming them, revoked when the
-- placement ends. Written for PostgreSQL 15.

-- A carer reaches the children placed with them through a grant of their own basis: it names one
-- person, opens the placement plan and nothing else, and is revoked when the placement ends.
alter table child_access drop constraint child_access_basis_check;
alter table child_access add constraint child_access_basis_check check (basis in (
  'allocated_worker', 'allocated_team', 'process_participant', 'agency_lead', 'break_glass',
  'restriction_grant', 'independent_reviewing_officer', 'placement_carer'));

-- One row a version of a placement's plan, never updated: the latest version is the plan.
create table care_placement_plan (
  id            bigint generated always as identity primary key,
  placement_id  bigint not null references care_placement (id),
  child_id      bigint not null references person (id),
  version       integer not null check (version >= 1),
  agreed_on     date not null,
  routines      text not null check (length(routines) between 1 and 4000),
  health        text not null check (length(health) between 1 and 4000),
  education     text not null check (length(education) between 1 and 4000),
  contact       text not null check (length(contact) between 1 and 4000),
  behaviour     text not null check (length(behaviour) between 1 and 4000),
  missing       text not null check (length(missing) between 1 and 4000),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  unique (placement_id, version)
);
create index care_placement_plan_child on care_placement_plan (child_id, placement_id, version);

-- The delegated authority agreed with a version of the plan: one row an everyday decision.
create table care_delegated_authority (
  plan_id     bigint not null references care_placement_plan (id),
  decision    text not null check (decision in ('haircuts', 'school_trips', 'overnight_stays',
                'medical_dental', 'photographs_social_media', 'religious_observance',
                'holidays_uk', 'holidays_abroad')),
  decided_by  text not null check (decided_by in ('carer', 'social_worker', 'parent')),
  note        text check (length(note) between 1 and 500),
  primary key (plan_id, decision)
);

-- The carers' accounts linked to a placement, each with the grant it gave. The link ends (and the
-- grant is revoked) when the placement ends.
create table care_placement_carer (
  id            bigint generated always as identity primary key,
  placement_id  bigint not null references care_placement (id),
  child_id      bigint not null references person (id),
  user_id       bigint not null references app_user (id),
  grant_id      bigint not null references child_access (id),
  linked_by     bigint not null references app_user (id),
  linked_at     timestamptz not null,
  ended_at      timestamptz,
  end_reason    text check (length(end_reason) between 1 and 200),
  check ((ended_at is null) = (end_reason is null))
);
create unique index care_placement_carer_live on care_placement_carer (placement_id, user_id)
  where ended_at is null;
create index care_placement_carer_user on care_placement_carer (user_id) where ended_at is null;

-- Issue 17, the records the SSDA903 also needs, as plain dated records (the care module): a
-- child's previous permanence when a period of care starts (PrevPerm), their missing and
-- away-from-placement episodes with the return home interview (Missing), and their status as an
-- unaccompanied asylum-seeking child with its age assessment (UASC). Each published as a view for
-- the returns module. Written for PostgreSQL 15.

-- Previous permanence, asked of each period of care: P1 adoption, P2 special guardianship order,
-- P3 child arrangements (residence) order, Z1 none or not known. An order has its date and, when
-- known, the authority that arranged it (the DfE's three-digit code, or WAL, SCO, NIR, NUK).
create table care_previous_permanence (
  period_id    bigint primary key references care_period (id),
  child_id     bigint not null references person (id),
  prev_perm    text not null check (prev_perm in ('P1', 'P2', 'P3', 'Z1')),
  order_date   date,
  order_la     text check (order_la ~ '^([0-9]{3}|WAL|SCO|NIR|NUK)$'),
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null,
  check ((prev_perm = 'Z1') = (order_date is null)),
  check (prev_perm <> 'Z1' or order_la is null)
);
create index care_previous_permanence_child on care_previous_permanence (child_id, period_id);

-- A missing (M) or away from placement without authorisation (A) episode of a child looked
-- after, in the period it started in; the end once the child is back, and the return home
-- interview: when it was offered and, if the child took it up, when it was held.
create table care_missing_episode (
  id               bigint generated always as identity primary key,
  period_id        bigint not null references care_period (id),
  child_id         bigint not null references person (id),
  kind             text not null check (kind in ('M', 'A')),
  start_date       date not null,
  end_date         date,
  rhi_offered_on   date,
  rhi_held_on      date,
  recorded_by      bigint not null references app_user (id),
  recorded_at      timestamptz not null,
  updated_by       bigint not null references app_user (id),
  updated_at       timestamptz not null,
  check (end_date is null or end_date >= start_date),
  check (rhi_offered_on is null or (end_date is not null and rhi_offered_on >= end_date)),
  check (rhi_held_on is null or (rhi_offered_on is not null and rhi_held_on >= rhi_offered_on))
);
-- One open episode at a time: the child is missing or back.
create unique index care_missing_episode_open on care_missing_episode (child_id) where end_date is null;
create index care_missing_episode_child on care_missing_episode (child_id, start_date, id);

-- Unaccompanied asylum-seeking child: one row per child, when the status was recorded, the date it
-- ceased when it ended before the 18th birthday (the DfE's DUC is otherwise the 18th birthday),
-- and the age assessment's date and outcome (the age claimed accepted, or found older or younger)
-- when one was made.
create table care_uasc (
  child_id              bigint primary key references person (id),
  uasc_from             date not null,
  ceased_on             date,
  age_assessed_on       date,
  age_assessment        text check (age_assessment in ('accepted', 'older', 'younger')),
  recorded_by           bigint not null references app_user (id),
  recorded_at           timestamptz not null,
  check (ceased_on is null or ceased_on >= uasc_from),
  check ((age_assessed_on is null) = (age_assessment is null))
);

-- The module's read contracts for the SSDA903: PrevPerm by period (with the period's start, so a
-- reader can pick the period that started in its year), Missing episodes, and UASC with DUC.
create view care_previous_permanence_v as
  select pp.period_id,
         pp.child_id,
         p.start_date as period_start,
         pp.prev_perm,
         pp.order_date as date_perm,
         pp.order_la as la_perm
    from care_previous_permanence pp
    join care_period p on p.id = pp.period_id;

create view care_missing_v as
  select m.id as missing_id,
         m.period_id,
         m.child_id,
         m.kind as missing,
         m.start_date as mis_start,
         m.end_date as mis_end,
         m.rhi_offered_on,
         m.rhi_held_on
    from care_missing_episode m;

create view care_uasc_v as
  select u.child_id,
         u.uasc_from,
         u.ceased_on as duc,
         u.age_assessed_on,
         u.age_assessment
    from care_uasc u;

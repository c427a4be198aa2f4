-- Issue 17, first slice (the care module): a child's periods of care, their episodes with the
-- SSDA903's semantics, and the placements the episodes are in. A period starts with an episode
-- whose reason for new episode (RNE) is S; each change of legal status or placement ends the
-- current episode (REC X1, its end the next one's start) and starts the next; the period ends with
-- the last episode's reason ceased. Codes are the 2025/26 lists (reference/care/ssda903-codes.json);
-- the checks keep their shapes, the module checks the lists. Written for PostgreSQL 15.

-- A period of care: how the child came in (emergency or planned, and the panel's decision, which
-- an emergency admission may not have yet), the category of need (903 CIN, N1–N8), the home
-- postcode the placement's distance is measured from, and how it ended.
create table care_period (
  id                bigint generated always as identity primary key,
  child_id          bigint not null references person (id),
  start_date        date not null,
  admission         text not null check (admission in ('emergency', 'planned')),
  panel_name        text check (length(panel_name) between 1 and 200),
  panel_date        date,
  panel_chair       text check (length(panel_chair) between 1 and 200),
  category_of_need  text not null check (category_of_need ~ '^N[1-8]$'),
  home_postcode     text check (home_postcode ~ '^[A-Z0-9]{2,4} [0-9][A-Z]{2}$'),
  end_date          date,
  reason_ceased     text check (reason_ceased ~ '^E[0-9]{1,2}[AB]?$'),
  started_by        bigint not null references app_user (id),
  recorded_at       timestamptz not null,
  ended_by          bigint references app_user (id),
  ended_at          timestamptz,
  check (admission = 'emergency' or (panel_name is not null and panel_date is not null and panel_chair is not null)),
  check ((end_date is null) = (reason_ceased is null)),
  check ((end_date is null) = (ended_by is null)),
  check (end_date is null or end_date >= start_date)
);
-- One open period of care per child.
create unique index care_period_one_open on care_period (child_id) where end_date is null;
create index care_period_child on care_period (child_id, start_date, id);

-- A placement: where and with whom the child lives (903 PLACE, PLACE_PROVIDER, URN, PL_POST).
-- Its provider is null only for the types that take none (T0–T3, Z11–Z14; the module checks).
create table care_placement (
  id            bigint generated always as identity primary key,
  period_id     bigint not null references care_period (id),
  child_id      bigint not null references person (id),
  start_date    date not null,
  end_date      date,
  place         text not null check (place ~ '^[A-Z][0-9]{1,2}$'),
  provider      text check (provider ~ '^PR[0-5]$'),
  carer_name    text not null check (length(carer_name) between 1 and 200),
  urn           text check (urn ~ '^[A-Z0-9]{1,12}$'),
  postcode      text check (postcode ~ '^[A-Z0-9]{2,4} [0-9][A-Z]{2}$'),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  check (end_date is null or end_date >= start_date)
);
-- One current placement per period of care.
create unique index care_placement_one_open on care_placement (period_id) where end_date is null;
create index care_placement_period on care_placement (period_id, start_date, id);

-- An episode: the 903's row. Its placement is shared with the episodes a change of legal status
-- alone (RNE L) starts. A change's reason for placement change is on the episode it ended.
create table care_episode (
  id                   bigint generated always as identity primary key,
  period_id            bigint not null references care_period (id),
  child_id             bigint not null references person (id),
  placement_id         bigint not null references care_placement (id),
  start_date           date not null,
  rne                  text not null check (rne in ('S', 'L', 'P', 'T', 'U', 'B')),
  legal_status         text not null check (legal_status ~ '^[A-Z][0-9]$'),
  end_date             date,
  rec                  text check (rec = 'X1' or rec ~ '^E[0-9]{1,2}[AB]?$'),
  reason_place_change  text check (reason_place_change in
    ('CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'OTHER')),
  recorded_by          bigint not null references app_user (id),
  recorded_at          timestamptz not null,
  check ((end_date is null) = (rec is null)),
  check (end_date is null or end_date >= start_date),
  check (reason_place_change is null or rec = 'X1')
);
-- One open episode per period; episodes of a period never start twice on one day in one order.
create unique index care_episode_one_open on care_episode (period_id) where end_date is null;
create index care_episode_period on care_episode (period_id, start_date, id);
create index care_episode_child on care_episode (child_id, start_date, id);

-- The module's read contract for the SSDA903 Episodes table: one row per episode, in the 903's
-- columns (codes as recorded; dates as dates), with the child and the period they belong to.
create view care_episode_v as
  select e.id as episode_id,
         e.period_id,
         e.child_id,
         e.start_date as decom,
         e.rne,
         e.legal_status as ls,
         p.category_of_need as cin,
         pl.place,
         pl.provider as place_provider,
         e.end_date as dec,
         e.rec,
         e.reason_place_change,
         p.home_postcode as home_post,
         pl.postcode as pl_post,
         pl.urn
    from care_episode e
    join care_period p on p.id = e.period_id
    join care_placement pl on pl.id = e.placement_id;

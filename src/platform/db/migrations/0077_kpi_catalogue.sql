-- Issue 18, the performance module's foundation: the KPI catalogue and its comparators, loaded at
-- every open from reference/kpis/<module>.json (as the clock definitions are), and the published
-- view the digest finds a child's worker and team through.
-- Written for PostgreSQL 15.

-- One row per version of a measure. A change to what a measure counts is a new version; the old
-- one is kept, so a figure published under it can be traced to the definition it was computed by.
-- `checksum` covers the defining fields (query, figure, period, base): the loader refuses a file
-- that changes them under the same version. Presentation (title, target, source) may be corrected
-- in place. A version no longer in the files stays, with `in_catalogue` false.
create table kpi_measure (
  id            text not null check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  version       integer not null check (version >= 1),
  module        text not null,
  status        text not null check (status in ('live', 'awaiting', 'not_written')),
  title         text not null,
  definition    jsonb not null,
  query         text,
  checksum      text not null,
  in_catalogue  boolean not null default true,
  -- Its place in its module's file, which the digest keeps.
  position      integer not null default 0,
  loaded_at     timestamptz not null default now(),
  primary key (id, version),
  check ((status = 'live') = (query is not null))
);

-- Comparators by collection year, each with where the figure came from. Replaced from the files
-- at each load, measure by measure (a comparator belongs to the measure, not to one version).
create table kpi_comparator (
  measure_id    text not null,
  year          text not null check (year ~ '^[0-9]{4}/[0-9]{2}$'),
  comparator    text not null check (comparator in ('england', 'statistical_neighbours', 'region')),
  value         numeric not null,
  source        text not null check (length(source) between 1 and 1000),
  primary key (measure_id, year, comparator)
);

-- A child's allocated worker and that worker's team, from the day the allocation was given to the
-- day it was revoked (the front door's social worker episodes). The team is the worker's team now:
-- Haven keeps no history of a member of staff's moves between teams.
create view performance_child_allocation_v as
  select e.grant_id,
         e.child_id,
         e.user_id,
         u.username,
         u.team_id,
         t.name as team_name,
         e.sw_decom as from_date,
         e.sw_dec as to_date
    from frontdoor_social_worker_episode_v e
    join app_user u on u.id = e.user_id
    left join team t on t.id = u.team_id;

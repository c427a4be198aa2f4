-- Issue 17, statutory visits to children looked after (the care module): each visit to a child in
-- care, in the placement whose dates it falls in (the current one, or the one the child just
-- left). Who visited and where, whether the child was seen and seen alone (only when seen), the
-- reason when not seen, and a short note. Written for PostgreSQL 15.
create table care_visit (
  id               bigint generated always as identity primary key,
  period_id        bigint not null references care_period (id),
  placement_id     bigint not null references care_placement (id),
  child_id         bigint not null references person (id),
  visited_on       date not null,
  visited_by       text not null check (length(visited_by) between 1 and 200),
  location         text not null check (location in ('placement', 'elsewhere')),
  location_detail  text check (length(location_detail) between 1 and 200),
  child_seen       boolean not null,
  seen_alone       boolean not null,
  not_seen_reason  text check (length(not_seen_reason) between 1 and 500),
  note             text check (length(note) <= 2000),
  recorded_by      bigint not null references app_user (id),
  recorded_at      timestamptz not null,
  check (child_seen or not seen_alone),
  check (child_seen = (not_seen_reason is null)),
  check (location = 'elsewhere' or location_detail is null)
);
create index care_visit_child on care_visit (child_id, visited_on, id);
create index care_visit_period on care_visit (period_id, visited_on, id);

-- The module's read contract for visits, the shape of protection's visit views: a visit's day
-- sits at noon in London (after a placement that starts that day, before care that ends it).
create view care_visit_v as
  select v.id as visit_id,
         v.period_id,
         v.placement_id,
         v.child_id,
         v.visited_on,
         (v.visited_on + time '12:00') at time zone 'Europe/London' as visited_at,
         v.child_seen as seen,
         v.seen_alone
    from care_visit v;

-- A statutory visit at which a looked-after child was seen counts as the child seen, as CP and
-- CIN visits do (migration 0051's definition with care's visits added): in the days an
-- assessment's "first visit" and "household seen" measures read, and the CIN census's.
create or replace view assessment_child_seen_v as
  select v.child_id, v.seen_on, 'case_note'::text as source
    from casenotes_child_seen_v v
  union all
  select v.child_id, (v.visited_at at time zone 'Europe/London')::date, 'cp_visit'::text
    from protection_cp_visit_v v
   where v.seen
  union all
  select s.child_id, s.child_seen_on, 's47'::text
    from protection_s47_v s
   where s.child_seen_on is not null
  union all
  select a.child_id, a.seen_on, 'assessment'::text
    from assessment a
   where a.deleted_at is null and a.seen_on is not null
  union all
  select v.child_id, (v.visited_at at time zone 'Europe/London')::date, 'cin_visit'::text
    from protection_cin_visit_v v
   where v.seen
  union all
  select v.child_id, v.visited_on, 'lac_visit'::text
    from care_visit_v v
   where v.seen;

-- A placement formally agreed as long-term (the long-term match): after its first year the child
-- is visited at least every 3 months rather than every 6 weeks (reg. 28). One agreement per
-- placement; a visit carries the interval that follows it to the next visit's clock.
create table care_placement_long_term (
  placement_id  bigint primary key references care_placement (id),
  child_id      bigint not null references person (id),
  agreed_on     date not null,
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null
);

-- Issue 17, placements' commissioning, cost and approval (the care module). Each placement's
-- commissioning route and weekly cost, dated so a change of cost keeps the history; its approval
-- by the Placement Panel (external placements) and by the head of service (residential
-- placements). Published with the distance from home and the LA of placement as
-- `care_placement_v`. Written for PostgreSQL 15.

-- The route and weekly cost from a day: the latest row on or before a day (then the latest
-- recorded) is that day's. In-house placements may carry no cost (the authority's standard
-- fostering allowance); framework and spot purchases always have one. Pence, never fractions.
create table care_placement_cost (
  id            bigint generated always as identity primary key,
  placement_id  bigint not null references care_placement (id),
  child_id      bigint not null references person (id),
  from_date     date not null,
  route         text not null check (route in ('in_house', 'framework', 'spot')),
  weekly_pence  integer check (weekly_pence >= 0),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  check (route = 'in_house' or weekly_pence is not null)
);
create index care_placement_cost_placement on care_placement_cost (placement_id, from_date, id);

-- An approval of a placement: the Placement Panel's (its date and chair) or the head of
-- service's (who and when). One of each kind a placement; an emergency placement has none yet.
create table care_placement_approval (
  id            bigint generated always as identity primary key,
  placement_id  bigint not null references care_placement (id),
  child_id      bigint not null references person (id),
  kind          text not null check (kind in ('placement_panel', 'head_of_service')),
  approved_on   date not null,
  approver      text not null check (length(approver) between 1 and 200),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null
);
create unique index care_placement_approval_once on care_placement_approval (placement_id, kind);

-- The module's read contract for placements: one row per placement, with its cost now (the
-- latest row), both approvals, and the postcode reference's facts: the placement's upper-tier LA
-- (in borough when it is the authority's own: the reader compares it with the configured ONS
-- code, which SQL does not know) and the distance from the home postcode by the DfE's formula,
-- null where either postcode is not in the reference. The synthetic reference holds sectors: a
-- unit it lacks stands at its sector, as the returns engine reads it.
create view care_placement_v as
  with points as (
    select pl.id as placement_id,
           coalesce(hu.easting, hs.easting) as home_e, coalesce(hu.northing, hs.northing) as home_n,
           coalesce(pu.easting, ps.easting) as pl_e, coalesce(pu.northing, ps.northing) as pl_n,
           coalesce(pu.upper_la_code, ps.upper_la_code) as pl_la
      from care_placement pl
      join care_period p on p.id = pl.period_id
      left join postcode hu on hu.postcode = replace(p.home_postcode, ' ', '')
      left join postcode hs on hu.postcode is null and hs.source = 'synthetic' and hs.kind = 'sector'
        and hs.postcode = left(replace(p.home_postcode, ' ', ''), -2)
      left join postcode pu on pu.postcode = replace(pl.postcode, ' ', '')
      left join postcode ps on pu.postcode is null and ps.source = 'synthetic' and ps.kind = 'sector'
        and ps.postcode = left(replace(pl.postcode, ' ', ''), -2)
  )
  select pl.id as placement_id,
         pl.period_id,
         pl.child_id,
         pl.start_date,
         pl.end_date,
         pl.place,
         pl.provider,
         pl.carer_name,
         pl.urn,
         pl.postcode,
         p.home_postcode,
         c.route,
         c.weekly_pence,
         c.from_date as cost_from,
         pa.approved_on as panel_approved_on,
         pa.approver as panel_chair,
         ha.approved_on as head_of_service_approved_on,
         ha.approver as head_of_service,
         pt.pl_la as placement_la,
         case when pt.home_e is null or pt.pl_e is null then null
              else round((sqrt(power(pt.home_e - pt.pl_e, 2) + power(pt.home_n - pt.pl_n, 2)) / 1000 / 1.6093)::numeric, 1)
         end as distance_miles
    from care_placement pl
    join care_period p on p.id = pl.period_id
    join points pt on pt.placement_id = pl.id
    left join lateral (
      select route, weekly_pence, from_date from care_placement_cost
       where placement_id = pl.id order by from_date desc, id desc limit 1
    ) c on true
    left join care_placement_approval pa on pa.placement_id = pl.id and pa.kind = 'placement_panel'
    left join care_placement_approval ha on ha.placement_id = pl.id and ha.kind = 'head_of_service';

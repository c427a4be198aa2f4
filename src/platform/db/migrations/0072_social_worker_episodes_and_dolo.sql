-- Issue 17, the two SSDA903 tables Haven's records did not yet give.
--
-- SWEpisodes: a social worker's Social Work England registration number on their account, and
-- the reason a child was given another worker (SW_REASON), kept beside the allocation grant it
-- explains. A child's social worker episodes are their allocated-worker grants, each from the day
-- it was given to the day it was revoked (the front door module's read contract,
-- `frontdoor_social_worker_episode_v`).
--
-- DoLo: a child's deprivation of liberty orders, a plain dated record of the care module's
-- (`care_dolo`, published as `care_dolo_v`), deleted softly with a reason.
-- Written for PostgreSQL 15.

-- "SW" and the digits Social Work England gives; one account a number.
alter table app_user add column sw_registration text check (sw_registration ~ '^SW[0-9]{1,10}$');
create unique index app_user_sw_registration on app_user (sw_registration) where sw_registration is not null;

-- Why the child was given this worker when they already had one (the DfE's SW_REASON codes).
-- A first allocation (no worker holding the case) has no row: the view gives it FCONTA, the first
-- contact or re-referral.
create table frontdoor_allocation_reason (
  grant_id     bigint primary key references child_access (id),
  sw_reason    text not null check (sw_reason in
                 ('MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS')),
  recorded_by  bigint references app_user (id),
  recorded_at  timestamptz not null
);

-- A child's social worker episodes: each allocated-worker grant, its dates as London days. A
-- grant given and revoked on the same day is no episode (rule SW09STG2). SW_ID is the
-- registration number, else XX and Haven's account number (SW02STG1: an ID not known begins XX).
-- SW_REASON is the reason recorded with the grant; a grant with no reason is FCONTA (first contact
-- or re-referral) when no other worker held the case as it was given, and blank (to be reported)
-- when one did: a change of worker asks why.
create view frontdoor_social_worker_episode_v as
  select g.id as grant_id,
         g.child_id,
         g.user_id,
         coalesce(u.sw_registration, 'XX' || u.id::text) as sw_id,
         (g.granted_at at time zone 'Europe/London')::date as sw_decom,
         (g.revoked_at at time zone 'Europe/London')::date as sw_dec,
         coalesce(r.sw_reason,
                  case when not exists (
                    select 1 from child_access e
                     where e.child_id = g.child_id and e.basis = 'allocated_worker' and e.id <> g.id
                       and e.granted_at <= g.granted_at
                       and (e.revoked_at is null or e.revoked_at >= g.granted_at))
                  then 'FCONTA' end) as sw_reason
    from child_access g
    join app_user u on u.id = g.user_id
    left join frontdoor_allocation_reason r on r.grant_id = g.id
   where g.basis = 'allocated_worker'
     and (g.revoked_at is null
          or (g.revoked_at at time zone 'Europe/London')::date > (g.granted_at at time zone 'Europe/London')::date);

-- A deprivation of liberty order made for a child looked after: from the day it was made to the
-- day it ended (open while in force), in the period of care it started in.
create table care_dolo (
  id              bigint generated always as identity primary key,
  period_id       bigint not null references care_period (id),
  child_id        bigint not null references person (id),
  start_date      date not null,
  end_date        date,
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null,
  updated_by      bigint not null references app_user (id),
  updated_at      timestamptz not null,
  -- Deleted softly: kept, with who deleted it, when and why, and left out of the view.
  deleted_at      timestamptz,
  deleted_by      bigint references app_user (id),
  deleted_reason  text check (length(deleted_reason) between 1 and 2000),
  check (end_date is null or end_date > start_date),
  check ((deleted_at is null) = (deleted_by is null)),
  check ((deleted_at is null) = (deleted_reason is null))
);
create index care_dolo_child on care_dolo (child_id, start_date, id);
-- One order in force at a time.
create unique index care_dolo_open on care_dolo (child_id) where end_date is null and deleted_at is null;

-- The module's read contract for the SSDA903's DoLo table. An order still open when the period of
-- care ended is taken to have ended with it (rule 707: the child is no longer looked after).
create view care_dolo_v as
  select d.id as dolo_id,
         d.period_id,
         d.child_id,
         d.start_date as dolo_start,
         case when d.end_date is null then p.end_date
              when p.end_date is not null and p.end_date < d.end_date then p.end_date
              else d.end_date end as dolo_end
    from care_dolo d
    join care_period p on p.id = d.period_id
   where d.deleted_at is null;

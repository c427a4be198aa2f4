-- Issue 17, the health of children looked after (the care module). Written for PostgreSQL 15.
--
-- A health assessment of a period of care: the initial one (IHA, once a period) or a review
-- (RHA, any number, one outstanding at a time). While outstanding it says why it is waiting (for
-- an appointment, for the paperwork, the child declined, or another reason in words); once
-- completed it says when and by whom, and the age band the next review's clock follows.
create table care_health_assessment (
  id              bigint generated always as identity primary key,
  period_id       bigint not null references care_period (id),
  child_id        bigint not null references person (id),
  kind            text not null check (kind in ('iha', 'rha')),
  requested_on    date,
  appointment_on  date,
  completed_on    date,
  completed_by    text check (length(completed_by) between 1 and 200),
  waiting_reason  text check (waiting_reason in ('appointment', 'paperwork', 'declined', 'other')),
  waiting_other   text check (length(waiting_other) between 1 and 500),
  age_band        text check (age_band in ('under_5', '5_and_over')),
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null,
  updated_by      bigint not null references app_user (id),
  updated_at      timestamptz not null,
  check ((completed_on is null) = (completed_by is null)),
  check ((completed_on is null) = (waiting_reason is not null)),
  check ((waiting_reason = 'other') = (waiting_other is not null)),
  check (completed_on is not null or age_band is null),
  check (appointment_on is null or requested_on is null or appointment_on >= requested_on),
  check (completed_on is null or requested_on is null or completed_on >= requested_on)
);
create unique index care_health_assessment_one_iha on care_health_assessment (period_id) where kind = 'iha';
create unique index care_health_assessment_one_open on care_health_assessment (period_id) where completed_on is null;
create index care_health_assessment_child on care_health_assessment (child_id, id);

-- The dated health checks: a dental check, a sight test, immunisations checked (up to date or
-- not) and a Strengths and Difficulties Questionnaire score (0 to 40, for ages 4 to 16, with who
-- completed it). Each a record of its own: the history is kept, the latest is shown.
create table care_health_check (
  id            bigint generated always as identity primary key,
  period_id     bigint not null references care_period (id),
  child_id      bigint not null references person (id),
  kind          text not null check (kind in ('dental', 'sight', 'immunisations', 'sdq')),
  checked_on    date not null,
  up_to_date    boolean,
  sdq_score     smallint check (sdq_score between 0 and 40),
  completed_by  text check (length(completed_by) between 1 and 200),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  check ((kind = 'immunisations') = (up_to_date is not null)),
  check ((kind = 'sdq') = (sdq_score is not null)),
  check ((kind = 'sdq') = (completed_by is not null))
);
create index care_health_check_child on care_health_check (child_id, kind, checked_on, id);

-- The module's read contract for health (the digest, the SSDA903's OC2): one row per child who has
-- been looked after, from their latest period of care: whether looked after now, the IHA, the
-- latest RHA completed and any outstanding assessment with its reason, and the latest dental
-- check, sight test, immunisations check and SDQ score (of any period).
create view care_health_v as
  with latest_period as (
    select distinct on (p.child_id) p.id, p.child_id, p.start_date, p.end_date
      from care_period p
     order by p.child_id, p.start_date desc, p.id desc
  ),
  latest_check as (
    select distinct on (c.child_id, c.kind) c.child_id, c.kind, c.checked_on, c.up_to_date, c.sdq_score
      from care_health_check c
     order by c.child_id, c.kind, c.checked_on desc, c.id desc
  )
  select lp.child_id,
         lp.id as period_id,
         lp.start_date as period_start,
         lp.end_date is null as looked_after,
         iha.requested_on as iha_requested_on,
         iha.completed_on as iha_completed_on,
         (select max(r.completed_on) from care_health_assessment r
           where r.period_id = lp.id and r.kind = 'rha') as rha_completed_on,
         (select count(*)::int from care_health_assessment r
           where r.period_id = lp.id and r.kind = 'rha' and r.completed_on is not null) as rha_count,
         open_a.kind as waiting_kind,
         open_a.waiting_reason,
         dental.checked_on as dental_on,
         sight.checked_on as sight_on,
         imm.checked_on as immunisations_on,
         imm.up_to_date as immunisations_up_to_date,
         sdq.checked_on as sdq_on,
         sdq.sdq_score
    from latest_period lp
    left join care_health_assessment iha on iha.period_id = lp.id and iha.kind = 'iha'
    left join care_health_assessment open_a on open_a.period_id = lp.id and open_a.completed_on is null
    left join latest_check dental on dental.child_id = lp.child_id and dental.kind = 'dental'
    left join latest_check sight on sight.child_id = lp.child_id and sight.kind = 'sight'
    left join latest_check imm on imm.child_id = lp.child_id and imm.kind = 'immunisations'
    left join latest_check sdq on sdq.child_id = lp.child_id and sdq.kind = 'sdq';

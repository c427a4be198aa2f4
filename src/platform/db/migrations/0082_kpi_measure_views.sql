-- Issue 18, one version of performance information: the dated histories the KPI catalogue's care
-- measures need as at any day of a trend, where care's published views give only the latest
-- (care_documents_v, care_education_v, care_placement_v hold each child's current record), and the
-- subject and closure of a worklist task, so a measure of a clock met (a contact decided within 1
-- working day) counts the clock the front door's own page counts. Each a read contract for the
-- digest. Written for PostgreSQL 15.

-- Every record of a child's identity document, birth certificate, NI number or account, with the
-- London day it was recorded: what was held on a day is the latest record of each item by then.
create view care_document_record_v as
  select d.id as record_id,
         d.child_id,
         d.period_id,
         d.item,
         d.status,
         d.kind,
         (d.recorded_at at time zone 'Europe/London')::date as recorded_on
    from care_document d;

-- Every personal education plan meeting held.
create view care_pep_v as
  select p.id as pep_id, p.period_id, p.child_id, p.held_on, p.quality
    from care_pep p;

-- Each weekly cost of a placement over the days it applied: from its own date (not before the
-- placement began) to the next cost's date or the placement's end, whichever is first (null while
-- open). A cost that a later one replaced on the same day applied on no day and is left out.
create view care_placement_cost_v as
  with costs as (
    select c.id as cost_id,
           c.placement_id,
           c.child_id,
           c.route,
           c.weekly_pence,
           greatest(c.from_date, pl.start_date) as from_date,
           lead(c.from_date) over (partition by c.placement_id order by c.from_date, c.id) as next_from,
           pl.end_date as placement_end
      from care_placement_cost c
      join care_placement pl on pl.id = c.placement_id
  )
  select c.cost_id, c.placement_id, c.child_id, c.route, c.weekly_pence, c.from_date,
         case when c.next_from is null then c.placement_end
              when c.placement_end is null then c.next_from
              else least(c.next_from, c.placement_end) end as to_date
    from costs c
   where c.next_from is null or c.next_from > c.from_date;

-- The worklists' tasks with what each is about and how it closed (stopped by the event it waited
-- for, or cancelled): the new columns go last, as create or replace view requires.
create or replace view worklists_task_v as
  select t.id as task_id,
         t.clock_code,
         t.child_id,
         t.assigned_user_id as user_id,
         t.assigned_team_id as team_id,
         (t.started_at at time zone 'Europe/London')::date as from_date,
         (t.stopped_at at time zone 'Europe/London')::date as to_date,
         t.due_at,
         t.stopped_at,
         t.subject_type,
         t.subject_id,
         t.closed_by
    from task t;

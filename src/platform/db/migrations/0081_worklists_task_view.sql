-- Issue 18, one definition everywhere: the worklists' statutory tasks as a published view, so a
-- measure of them (assessments overdue) counts the rows a manager's team worklist lists, by the
-- same team and worker the task is assigned to. Open from the London day the clock started to
-- the day it stopped.
-- Written for PostgreSQL 15.
create view worklists_task_v as
  select t.id as task_id,
         t.clock_code,
         t.child_id,
         t.assigned_user_id as user_id,
         t.assigned_team_id as team_id,
         (t.started_at at time zone 'Europe/London')::date as from_date,
         (t.stopped_at at time zone 'Europe/London')::date as to_date,
         t.due_at,
         t.stopped_at
    from task t;

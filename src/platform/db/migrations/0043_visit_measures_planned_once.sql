-- Speed of the child's record and the worklists (bench/results/casework.md).
--
-- The visit measures (migration 0040, unchanged in meaning) read each assessment's children once,
-- in one lateral aggregate, instead of four scalar subqueries over assessment_visit_child_v: the
-- planner planned that view four times for every reading, which cost more than running it
-- (9 ms of planning and 1.5 ms of running for one assessment; 2.3 ms and 0.3 ms now).
create or replace view assessment_visit_measure_v as
  select a.id as assessment_id,
         a.child_id,
         a.status,
         r.referral_date,
         r.allocated_at,
         m.first_visit_on,
         m.first_visit_source,
         m.household_children,
         m.household_seen
    from assessment a
    join frontdoor_referral_v r on r.id = a.referral_id
    cross join lateral (
      -- One row is the assessed child's own (is_subject), the others the household's children.
      select max(c.first_seen_on) filter (where c.is_subject) as first_visit_on,
             max(c.first_seen_source) filter (where c.is_subject) as first_visit_source,
             (count(*) filter (where not c.is_subject))::integer as household_children,
             (count(c.first_seen_on) filter (where not c.is_subject))::integer as household_seen
        from assessment_visit_child_v c
       where c.assessment_id = a.id
    ) m
   where a.deleted_at is null;

-- The service-wide worklist's first page (open tasks by due time): read in the index's order and
-- stop at the page's end, instead of sorting every open task of the authority.
create index task_open_due on task (due_at, id) where stopped_at is null;

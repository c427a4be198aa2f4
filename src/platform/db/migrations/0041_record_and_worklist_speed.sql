-- Fast enough for the child's record and the worklists (issue 14's benchmark).

-- The assessment's clock is looked up by its subject whether or not it has stopped (the record
-- shows when it stopped); the partial index only served open tasks.
create index task_subject on task (subject_type, subject_id, clock_code);

-- A subject's open tasks by clock: the MASH queue shows both decision clocks of every child
-- waiting, and without this each row's lookup scanned every open task (30 ms at 20,000 children,
-- 1.6 ms with it).
create index task_open_subject on task (subject_type, subject_id, clock_code) where stopped_at is null;

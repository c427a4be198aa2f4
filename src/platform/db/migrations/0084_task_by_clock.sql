-- Issue 18, the digest's speed: a measure of the worklists' tasks (assessments overdue) reads the
-- tasks of one or two clocks among every task ever started; counted at each month end of its
-- trend, that was a read of the whole table each time (0.4 s a day on a tenth of England).
-- Written for PostgreSQL 15.
create index task_clock on task (clock_code, started_at);

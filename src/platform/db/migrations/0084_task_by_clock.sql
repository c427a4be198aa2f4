-- Issue 18, the digest's speed: a measure of the worklists' tasks (assessments overdue) reads the
-- tasks of one or two clocks among every task ever started; counted at each month end of its
-- trend, that was a read of the whole table each time (0.4 s a day on a tenth of England).
-- Written for PostgreSQL 15.
create index task_clock on task (clock_code, stopped_at);

-- The first day on which `span` has passed since `since`, as `day - span >= since` reckons it: a
-- snapshot measure that asks it of each day ("looked after for 2½ years by the day") can then
-- give each unit the days it counts on, read once rather than once a day. Not simply
-- `since + span`: a month has no 31st to land on, so 31 August 2023 plus 30 months is 28 February
-- 2026, yet 28 February less 30 months is 28 August, and the span has passed on 1 March.
create function span_passed_on(since date, span interval) returns date
  language sql immutable strict parallel safe
  return (since + span)::date + ((since + span - span)::date < since)::integer;

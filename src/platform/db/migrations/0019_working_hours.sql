-- The authority's opening and close of business (issue 12: clocks in working hours), London
-- wall-clock times. One row, written from the configuration each time Haven opens (as the clock
-- definitions are), so every process that evaluates clocks counts the same working hours.
create table working_hours (
  id        boolean primary key default true check (id),
  opens_at  text not null check (opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  closes_at text not null check (closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  loaded_at timestamptz not null default now(),
  check (opens_at < closes_at)
);

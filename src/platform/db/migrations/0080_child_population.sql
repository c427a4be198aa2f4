-- Issue 18: the population of children aged 0 to 17 that a rate per 10,000 children is worked out
-- from, by authority and ONS mid-year estimate. Versioned by its mid-year: a digest of 2025/26
-- states the estimate it used (mid-2025, or the latest before it), so a rate can be traced to its
-- denominator when the estimate is revised. Loaded by `haven reference load-population`; the demo
-- authority's figure is loaded outside production when the table is empty.
-- Written for PostgreSQL 15.
create table child_population (
  ons_code    text not null check (ons_code ~ '^[ENSW][0-9]{8}$'),
  mid_year    integer not null check (mid_year between 1990 and 2100),
  population  integer not null check (population > 0),
  -- Where the figure came from: the ONS release and table, or the demo's note.
  source      text not null check (length(source) between 1 and 500),
  loaded_at   timestamptz not null default now(),
  primary key (ons_code, mid_year)
);

-- Issue 17: `haven returns import --ssda903` loads an authority's existing SSDA903 return into the
-- care module's records (how an authority moves to Haven from another system). Each run is kept,
-- with the account that ran it and what it found; each child it wrote is kept with a fingerprint
-- of what was written, so running the same return again changes nothing and says so. A period of
-- care it wrote names the run: the return does not say whether an admission was planned, who
-- chaired a review, or who looked after the child, so those are shown as imported, not invented.
-- Written for PostgreSQL 15.

create table care_import (
  id         bigint generated always as identity primary key,
  year       text not null check (year ~ '^[0-9]{4}/[0-9]{2}$'),
  source     text not null check (length(source) between 1 and 500),
  run_by     bigint not null references app_user (id),
  run_at     timestamptz not null,
  -- Children imported, unchanged, not imported; rows not imported by table.
  summary    jsonb
);

create table care_import_child (
  import_id    bigint not null references care_import (id),
  child_id     bigint not null references person (id),
  fingerprint  text not null check (length(fingerprint) = 64),
  primary key (import_id, child_id)
);
create index care_import_child_child on care_import_child (child_id, import_id);

alter table care_period add column import_id bigint references care_import (id);
alter table care_period drop constraint care_period_admission_check;
alter table care_period add constraint care_period_admission_check
  check (admission in ('emergency', 'planned', 'imported'));
-- A planned admission names its panel; an emergency or imported one need not.
alter table care_period drop constraint care_period_check;
alter table care_period add constraint care_period_panel_check
  check (admission <> 'planned' or (panel_name is not null and panel_date is not null and panel_chair is not null));
alter table care_period add constraint care_period_imported_check
  check ((admission = 'imported') = (import_id is not null));

-- An imported review has no chair Haven knows: its period names the import.
alter table lac_review alter column chair_user_id drop not null;
alter table lac_review add column import_id bigint references care_import (id);
alter table lac_review add constraint lac_review_chair_check
  check (chair_user_id is not null or import_id is not null);

-- Issue 13: returns that performance officers upload to be checked against the DfE's rules, and
-- the findings of each check. PostgreSQL 15 syntax.
--
-- An upload's files live on disk (the configured upload directory, one folder per upload); this
-- row says what was sent, by whom, how far the check has gone and what it found. When the
-- retention period ends (or someone deletes it early, with a reason) the files and the findings,
-- which repeat the children's identifiers, are removed, and the row stays to say so.
create table return_upload (
  id                bigint generated always as identity primary key,
  return_kind       text not null check (return_kind in ('cin', 'ssda903')),
  collection_year   text not null check (collection_year ~ '^[0-9]{4}/[0-9]{2}$'),
  uploaded_by       bigint not null references app_user (id),
  uploaded_at       timestamptz not null,
  -- Each file as sent: [{ "name", "bytes", "year": "current" | "previous" }].
  files             jsonb not null,
  total_bytes       bigint not null check (total_bytes >= 0),
  status            text not null default 'waiting'
                    check (status in ('waiting', 'checking', 'checked', 'unreadable', 'failed')),
  children_checked  integer not null default 0,
  -- Which check holds it while it is being checked (a random token): only that check writes the
  -- outcome, so a check another server took over never overwrites it.
  claim             text,
  started_at        timestamptz,
  finished_at       timestamptz,
  -- The run's summary (counts per rule, read problems, rules not run) once checked.
  summary           jsonb,
  -- Why the return could not be read, in words for the page.
  problem           text,
  delete_after      timestamptz not null,
  deleted_at        timestamptz,
  deleted_by        bigint references app_user (id),
  deleted_reason    text,
  check ((deleted_at is null) = (deleted_reason is null))
);

create index return_upload_waiting on return_upload (id) where status in ('waiting', 'checking');
create index return_upload_retention on return_upload (delete_after) where deleted_at is null;

-- One row per finding, in the order the run found them (`seq`).
create table return_finding (
  upload_id           bigint not null references return_upload (id),
  seq                 integer not null,
  -- The child's identifier in the return (CHILD, LAchildID), not a Haven record.
  child_ref           text,
  table_name          text not null,
  row_number          integer not null,
  line                integer,
  fields              text[] not null,
  code                text not null,
  rule_type           text not null check (rule_type in ('error', 'query')),
  message             text not null,
  detail              text,
  could_not_evaluate  boolean not null default false,
  primary key (upload_id, seq)
);

create index return_finding_by_rule on return_finding (upload_id, code, seq);
create index return_finding_by_table on return_finding (upload_id, table_name, seq);
create index return_finding_by_child on return_finding (upload_id, child_ref, seq);

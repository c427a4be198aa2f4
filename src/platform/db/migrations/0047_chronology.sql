-- Issue 15, the multi-agency chronology's first part: what any agency working with a child adds to
-- the child's chronology (a health visitor's injury, a school's attendance concern), with its
-- source, whether it is observed fact or reported (finding F24), its significance, and for an
-- injury, incident or "was not brought" appointment the details the cumulative-harm warnings read
-- (finding F6). Written for PostgreSQL 15.

create table chronology_entry (
  id              bigint generated always as identity primary key,
  child_id        bigint not null references person (id),
  -- The date it happened (a contribution may report something days or years before).
  occurred_on     date not null,
  -- The partner agency it comes from; null when children's social care records it itself.
  agency_id       bigint references agency (id),
  -- The agency's name as recorded, so the chronology still reads as it did if the agency is renamed.
  agency_name     text not null check (length(agency_name) between 1 and 200),
  -- Who observed or reported it: "Health visitor, home visit", "Mother, by phone".
  source          text not null check (length(source) between 1 and 200),
  basis           text not null check (basis in ('fact', 'reported')),
  significance    text not null check (significance in ('low', 'medium', 'high')),
  -- A code of reference/chronology/entry-types.json.
  entry_type      text not null check (length(entry_type) between 1 and 40),
  what_happened   text not null check (length(what_happened) between 1 and 10000),
  -- The injury and incident log: set for an injury, an incident or an appointment the child was not brought to.
  harm_kind       text check (harm_kind in ('injury', 'incident', 'was_not_brought')),
  body_part       text check (length(body_part) between 1 and 200),
  child_mobile    text check (child_mobile in ('yes', 'no', 'not_known')),
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null,
  -- Deleted softly, never removed: the entry stays on the chronology, marked deleted with the reason.
  deleted_at      timestamptz,
  deleted_by      bigint references app_user (id),
  deleted_reason  text check (length(deleted_reason) between 1 and 10000),
  check ((deleted_at is null) = (deleted_by is null)),
  check ((deleted_at is null) = (deleted_reason is null)),
  -- Where on the body and whether the child was mobile are an injury's alone.
  check (harm_kind = 'injury' or (body_part is null and child_mobile is null)),
  check (harm_kind <> 'injury' or child_mobile is not null)
);
create index chronology_entry_child on chronology_entry (child_id, occurred_on, id);

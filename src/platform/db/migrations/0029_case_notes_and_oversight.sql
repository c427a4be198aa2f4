-- Issue 14, first two parts: case notes on a child's record (one note may be recorded on several
-- children of a household) and management oversight and supervision records with the next one
-- due. Written for PostgreSQL 15.

-- A case note: who wrote it, and whether it has been deleted (never removed: a deleted note keeps
-- its text and its versions, with who deleted it and why).
create table case_note (
  id              bigint generated always as identity primary key,
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null,
  current_version integer not null default 1 check (current_version >= 1),
  deleted_at      timestamptz,
  deleted_by      bigint references app_user (id),
  deleted_reason  text check (length(deleted_reason) between 1 and 10000),
  check ((deleted_at is null) = (deleted_by is null)),
  check ((deleted_at is null) = (deleted_reason is null))
);

-- The children a note is recorded on: one, or several siblings of a household.
create table case_note_child (
  case_note_id bigint not null references case_note (id),
  child_id     bigint not null references person (id),
  primary key (case_note_id, child_id)
);
create index case_note_child_child on case_note_child (child_id, case_note_id);

-- Each version of a note. An amendment adds a version; none is ever changed or deleted, so the
-- earlier wording stays on the record (the trigger refuses UPDATE and DELETE, and the
-- application's database role is given INSERT and SELECT only: platform/db/roles.ts).
create table case_note_version (
  id             bigint generated always as identity primary key,
  case_note_id   bigint not null references case_note (id),
  version        integer not null check (version >= 1),
  note_type      text not null check (length(note_type) between 1 and 40),
  contact_at     timestamptz not null,
  who_seen       text check (length(who_seen) <= 10000),
  body           text not null check (length(body) between 1 and 10000),
  amend_reason   text check (length(amend_reason) <= 10000),
  written_by     bigint not null references app_user (id),
  written_at     timestamptz not null,
  -- Within the author's window an amendment needs no reason (the service asks for one after it).
  unique (case_note_id, version),
  check (version > 1 or amend_reason is null)
);
create trigger case_note_version_append_only before update or delete on case_note_version
  for each row execute function audit_reject_change();

-- Whether each child the note is recorded on was seen, and seen alone, in that version.
create table case_note_seen (
  case_note_version_id bigint not null references case_note_version (id),
  child_id             bigint not null references person (id),
  seen                 text not null check (seen in ('seen_alone', 'seen_with_others', 'not_seen')),
  primary key (case_note_version_id, child_id)
);
create trigger case_note_seen_append_only before update or delete on case_note_seen
  for each row execute function audit_reject_change();

-- A manager's oversight of the child's case, or a record of case supervision, and when the next
-- is due (the interval chosen, from reference/casenotes/oversight.json).
create table oversight_record (
  id             bigint generated always as identity primary key,
  child_id       bigint not null references person (id),
  kind           text not null check (kind in ('management_oversight', 'supervision')),
  held_on        date not null,
  summary        text not null check (length(summary) between 1 and 10000),
  interval_code  text not null check (length(interval_code) between 1 and 10),
  next_due_on    date not null check (next_due_on > held_on),
  recorded_by    bigint not null references app_user (id),
  recorded_at    timestamptz not null
);
create index oversight_record_child on oversight_record (child_id, held_on, id);

-- What the manager asked to be done, each with its due date.
create table oversight_action (
  id                  bigint generated always as identity primary key,
  oversight_record_id bigint not null references oversight_record (id),
  position            integer not null check (position >= 1),
  action              text not null check (length(action) between 1 and 200),
  due_on              date not null,
  unique (oversight_record_id, position)
);

-- The module's read contract. Each child's contacts from the current versions of notes not
-- deleted, with whether the child was seen and seen alone (the CIN census, visits on worklists).
create view casenotes_child_contact_v as
  select c.case_note_id,
         c.child_id,
         v.note_type,
         v.contact_at,
         s.seen in ('seen_alone', 'seen_with_others') as child_seen,
         s.seen = 'seen_alone' as seen_alone
    from case_note_child c
    join case_note n on n.id = c.case_note_id and n.deleted_at is null
    join case_note_version v on v.case_note_id = n.id and v.version = n.current_version
    join case_note_seen s on s.case_note_version_id = v.id and s.child_id = c.child_id;

-- Each child's oversight records, for team performance and case audits.
create view casenotes_oversight_v as
  select o.id, o.child_id, o.kind, o.held_on, o.next_due_on, o.recorded_by
    from oversight_record o;

-- A task a module gave to a named person (the manager who records oversight, the worker who tells
-- the referrer) stays theirs when the case is allocated to someone else; the rest move with the case.
alter table task add column kept_by_assignee boolean not null default false;
update task set kept_by_assignee = true where clock_code = 'referrer-feedback' and assigned_user_id is not null;

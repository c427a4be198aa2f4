-- Issue 14, documents: letters, reports, conference minutes, plans for parents and the like on a
-- child's record (one document may be on several children of a household), each with its
-- versions. The files are on disk under opaque names (platform/documents); these rows say what
-- each is. Written for PostgreSQL 15.

-- A document: what it is, and whether it has been deleted (never removed: a deleted document
-- keeps its versions and files, with who deleted it and why).
create table document (
  id              bigint generated always as identity primary key,
  document_type   text not null check (document_type in
                    ('letter', 'report', 'conference_minutes', 'plan_for_parents', 'assessment',
                     'court_document', 'other')),
  title           text not null check (length(title) between 1 and 200),
  document_date   date not null,
  current_version integer not null default 1 check (current_version >= 1),
  uploaded_by     bigint not null references app_user (id),
  uploaded_at     timestamptz not null,
  deleted_at      timestamptz,
  deleted_by      bigint references app_user (id),
  deleted_reason  text check (length(deleted_reason) between 1 and 10000),
  check ((deleted_at is null) = (deleted_by is null)),
  check ((deleted_at is null) = (deleted_reason is null))
);

-- The children a document is on: one, or several brothers and sisters.
create table document_child (
  document_id bigint not null references document (id),
  child_id    bigint not null references person (id),
  primary key (document_id, child_id)
);
create index document_child_child on document_child (child_id, document_id);

-- Each version's file. A new version adds a row; none is changed or deleted, so every earlier
-- file stays downloadable (the trigger refuses UPDATE and DELETE, and the application's role
-- holds INSERT and SELECT only).
create table document_version (
  id           bigint generated always as identity primary key,
  document_id  bigint not null references document (id),
  version      integer not null check (version >= 1),
  file_name    text not null check (length(file_name) between 1 and 255),
  file_type    text not null check (file_type in ('pdf', 'docx', 'xlsx', 'odt', 'jpeg', 'png', 'txt')),
  media_type   text not null check (length(media_type) between 1 and 100),
  bytes        bigint not null check (bytes > 0),
  sha256       text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  stored_name  text not null unique check (stored_name ~ '^[0-9a-f]{2}/[0-9a-f-]{36}$'),
  scanned      boolean not null,
  change_note  text check (length(change_note) between 1 and 10000),
  uploaded_by  bigint not null references app_user (id),
  uploaded_at  timestamptz not null,
  unique (document_id, version),
  check (version > 1 or change_note is null)
);
create trigger document_version_append_only before update or delete on document_version
  for each row execute function audit_reject_change();

-- The module's read contract: each child's documents not deleted, with their latest version.
create view documents_child_document_v as
  select d.id as document_id,
         c.child_id,
         d.document_type as type,
         d.title,
         d.document_date,
         v.uploaded_at,
         d.current_version as version
    from document_child c
    join document d on d.id = c.document_id and d.deleted_at is null
    join document_version v on v.document_id = d.id and v.version = d.current_version;

-- What a member of staff has typed into a form and not yet sent, kept so that a time-out, a
-- closed tab or a crash loses nothing (issue 16). One draft per person per page. The answers are
-- sealed with AES-256-GCM under a key held outside the database (platform/drafts/seal.ts), bound
-- to the person and the page, so a copy of this table or a row moved to another person or page
-- reads as nothing. A draft is deleted when its form is sent, when its author deletes it, or once
-- `expires_at` has passed: it is a copy of unsent work, not a record.
create table form_draft (
  id         bigint generated always as identity primary key,
  user_id    bigint not null references app_user (id),
  page       text not null check (page like '/%' and length(page) <= 500),
  sealed     text not null,
  saved_at   timestamptz not null,
  expires_at timestamptz not null,
  unique (user_id, page),
  check (expires_at > saved_at)
);
create index form_draft_expiry on form_draft (expires_at);

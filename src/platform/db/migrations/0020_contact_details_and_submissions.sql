-- What a contact says beyond the concern (issue 12, "The contact itself"): whether the child is
-- safe now, their school and GP, an interpreter, the child's own words, and the adults involved
-- with any alleged perpetrator marked. And a one-time key per create form, so a form sent twice
-- (Back, reload, a double click) shows the record already made instead of making another.

alter table contact
  add column child_safe_now text check (child_safe_now in ('yes', 'no', 'not_known')),
  add column child_safe_detail text check (length(child_safe_detail) <= 4000),
  add column school_agency_id bigint references agency (id),
  add column school_name text check (length(school_name) <= 200),
  add column gp_agency_id bigint references agency (id),
  add column gp_name text check (length(gp_name) <= 200),
  add column interpreter_language text check (length(interpreter_language) <= 100),
  add column child_words text check (length(child_words) <= 10000);

-- The adults a contact names, in the order given. A screener may link one to the person record
-- of a relative of a child on the contact; a partner describes them in words only.
create table contact_adult (
  id                  bigint generated always as identity primary key,
  contact_id          bigint not null references contact (id),
  position            integer not null check (position between 1 and 10),
  name                text not null check (length(name) between 1 and 200),
  relationship        text not null check (length(relationship) between 1 and 200),
  alleged_perpetrator boolean not null default false,
  person_id           bigint references person (id),
  unique (contact_id, position)
);
create index contact_adult_person on contact_adult (person_id) where person_id is not null;

-- One row per create form sent with its key: claimed before the record is made, and completed
-- with where the record is once it is. A claim never completed (the form had an error) is
-- deleted, so the same key may be sent again.
create table form_submission (
  submission_key text primary key check (submission_key ~ '^[A-Za-z0-9_-]{22,64}$'),
  user_id        bigint not null references app_user (id),
  page           text not null check (page like '/%' and length(page) <= 500),
  -- What the page says when the form is sent again: "This contact was already sent".
  title          text not null check (length(title) between 1 and 200),
  record_href    text check (record_href like '/%' and length(record_href) <= 500),
  record_text    text check (length(record_text) <= 200),
  claimed_at     timestamptz not null,
  completed_at   timestamptz
);
create index form_submission_claimed on form_submission (claimed_at);

-- Issue 12: the MASH queue at volume, police domestic abuse notifications in bulk, and Operation
-- Encompass.

-- Who has taken a child on a contact to triage, so two people do not triage the same contact.
-- Taking over from someone else and releasing are audited; the row holds only the current holder.
alter table contact_child
  add column taken_by bigint references app_user (id),
  add column taken_at timestamptz,
  add constraint contact_child_taken check ((taken_by is null) = (taken_at is null));

-- What the police say about the risk, when they give it: the DASH risk level, whether they have
-- referred to MARAC, and whether the notification mentions an injury. Null: not said.
alter table contact
  add column dash_risk text check (dash_risk in ('standard', 'medium', 'high')),
  add column marac_referral boolean,
  add column injury_mentioned boolean;

-- Operation Encompass: who told the child's school, whom they told, when and how.
create table contact_school_notice (
  id                bigint generated always as identity primary key,
  contact_child_id  bigint not null unique references contact_child (id),
  school            text not null check (length(school) between 1 and 200),
  told_person       text not null check (length(told_person) between 1 and 200),
  told_at           timestamptz not null,
  method            text not null check (method in ('phone', 'email', 'secure_email', 'in_person')),
  note              text check (length(note) <= 10000),
  told_by           bigint not null references app_user (id),
  recorded_at       timestamptz not null
);

-- Issue 12, household and duplicates. A second open contact about a child linked to the first so
-- one decision covers both; people the screener says are not of a child's household; the people
-- module's current address, published for the household at triage; and the front door's open
-- involvements widened to contacts waiting for the allocated worker, with the contact's id.

-- A duplicate contact child linked to the first (open) one about the same child: decided with it.
-- Unlinking keeps the row, with who, when and why.
create table contact_child_link (
  id                     bigint generated always as identity primary key,
  contact_child_id       bigint not null references contact_child (id),
  linked_to_id           bigint not null references contact_child (id),
  reason                 text not null check (length(reason) between 1 and 2000),
  linked_by              bigint not null references app_user (id),
  linked_at              timestamptz not null,
  unlinked_by            bigint references app_user (id),
  unlinked_at            timestamptz,
  unlinked_reason        text check (length(unlinked_reason) <= 2000),
  check (contact_child_id <> linked_to_id),
  check ((unlinked_at is null) = (unlinked_by is null) and (unlinked_at is null) = (unlinked_reason is null))
);
-- A contact child is linked to one other at a time.
create unique index contact_child_link_live on contact_child_link (contact_child_id) where unlinked_at is null;
create index contact_child_link_to on contact_child_link (linked_to_id) where unlinked_at is null;

-- The screener's word that a person is not of a child's household (another family at the same
-- address, a child wrongly on the same contact): their history is then not gathered for the child.
create table household_exclusion (
  id            bigint generated always as identity primary key,
  child_id      bigint not null references person (id),
  person_id     bigint not null references person (id),
  reason        text not null check (length(reason) between 1 and 2000),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  check (child_id <> person_id)
);
create unique index household_exclusion_once on household_exclusion (child_id, person_id);

-- People's: each person's current address as a key (first line and postcode, normalised), so the
-- front door can find people at the child's address without reading the address table. A
-- postcode alone covers a street of households.
create view people_current_address_v as
  select a.person_id,
         a.postcode_key,
         upper(regexp_replace(trim(a.line_1), '\s+', ' ', 'g')) || ' ' || a.postcode_key as address_key
    from person_address a
   where a.to_date is null and a.deleted_at is null and a.postcode_key is not null;

-- The front door's: open involvements now include a contact waiting for the allocated worker to
-- take it into the case (so the child's record lists and links it), and name the contact.
create or replace view frontdoor_open_involvement as
  select cc.child_id,
         'contact'::text as kind,
         cc.id as record_id,
         c.received_at as started_at,
         cc.status,
         cc.routed_user_id as worker_id,
         cc.routed_team_id as team_id,
         cc.contact_id
    from contact_child cc
    join contact c on c.id = cc.contact_id
   where cc.child_id is not null and c.deleted_at is null
     and (cc.status = 'in_triage' or (cc.status = 'routed_to_allocated_worker' and cc.decision is null))
  union all
  select r.child_id,
         'referral'::text,
         r.id,
         r.referral_date::timestamptz,
         r.status,
         r.worker_id,
         r.team_id,
         null::bigint
    from referral r
   where r.status <> 'closed';

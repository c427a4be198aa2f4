-- Read contracts widened for Ofsted's Annex A lists (returns/annex-a): the returns module reads
-- the front door's contacts and referrals and the child's characteristics through these views,
-- never through the tables (docs/architecture.md, the module contract). Facts to list, never the
-- free text: no names, no narrative. Written for PostgreSQL 15.

-- The front door's: each child on a contact now carries the contact's date and time, its date in
-- London (the day the front door counts it on), its DfE referral source and whether the contact
-- was deleted. New columns go at the end, so the view's earlier readers are unchanged.
create or replace view frontdoor_contact_child_v as
  select cc.id,
         cc.contact_id,
         cc.child_id,
         cc.status,
         c.received_at,
         (c.received_at at time zone 'Europe/London')::date as received_on,
         c.referral_source,
         c.deleted_at as contact_deleted_at
    from contact_child cc
    join contact c on c.id = cc.contact_id;

-- The front door's: each referral to children's social care with its CIN census fields, and the
-- team and worker it is allocated to.
create view frontdoor_referral_v as
  select r.id,
         r.child_id,
         r.contact_child_id,
         r.referral_date,
         r.referral_source,
         r.re_referral,
         r.nfa,
         r.status,
         r.team_id,
         r.worker_id,
         r.allocated_at,
         r.closed_at
    from referral r;

-- People's: what the DfE returns and Ofsted's lists say about a child (the authority's child
-- identifier, dates of birth, sex, ethnicity, disabilities), for the returns module only; pages
-- name people through people_person_v. Restricted records keep their flag, for the reader to
-- honour or, for a statutory return that lists every child, to note.
create view people_return_person_v as
  select p.id,
         p.la_child_id,
         p.kind,
         p.date_of_birth,
         p.expected_birth_date,
         p.sex,
         p.ethnicity,
         p.disabilities,
         p.restricted,
         p.deleted_at
    from person p;

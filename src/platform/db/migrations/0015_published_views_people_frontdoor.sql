-- Published read contracts, so that one module reads another's data through a view it owns and
-- never through its tables (docs/architecture.md, the module contract).

-- People's: who a person is, as other modules name them on their pages (no identifiers, no
-- protected characteristics). Restricted records keep their flag, for the reader to honour.
create view people_person_v as
  select p.id,
         p.kind,
         p.given_name,
         p.family_name,
         p.date_of_birth,
         p.expected_birth_date,
         p.sex,
         p.restricted,
         p.deleted_at
    from person p;

-- People's: how two people are related and whether they share a household, for the history the
-- front door gathers at triage.
create view people_relationship_v as
  select r.id,
         r.person_id,
         r.related_person_id,
         r.relationship_type,
         r.household_member,
         r.from_date,
         r.to_date,
         r.deleted_at
    from person_relationship r;

-- The front door's: each child's place on a contact, for the people module (a merge must not put
-- one child twice on a contact).
create view frontdoor_contact_child_v as
  select cc.id,
         cc.contact_id,
         cc.child_id,
         cc.status
    from contact_child cc;

-- Read contracts widened for the CIN census exported from Haven's records (returns/cin-export):
-- the child's UPN, the reason for having none and the date of death from people, and the coded
-- reason a referral closed from the front door. New columns at the end, so earlier readers are
-- unchanged. Written for PostgreSQL 15.

create or replace view people_return_person_v as
  select p.id,
         p.la_child_id,
         p.kind,
         p.date_of_birth,
         p.expected_birth_date,
         p.sex,
         p.ethnicity,
         p.disabilities,
         p.restricted,
         p.deleted_at,
         p.upn,
         p.upn_unknown_reason,
         p.date_of_death
    from person p;

create or replace view frontdoor_referral_v as
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
         r.closed_at,
         r.closure_reason
    from referral r;

-- A CIN census built from Haven's records is checked like an uploaded one, and says it was built
-- (its findings then link to the records that need fixing, not to a file's rows).
alter table return_upload add column from_records boolean not null default false;

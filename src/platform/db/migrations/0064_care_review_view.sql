-- Issue 17, the SSDA903 from Haven's records: the care module's looked-after reviews published
-- for the returns module (the 903's Reviews table: the date and the child's participation code),
-- so the export reads a contract, not the care module's table.
-- Written for PostgreSQL 15.

create view care_review_v as
  select r.id as review_id,
         r.period_id,
         r.child_id,
         r.held_on,
         r.participation
    from lac_review r;

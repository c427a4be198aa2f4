-- Issue 15, the multi-agency chronology: each contribution keeps the case event it wrote (its line),
-- so the lines of a child's chronology are counted by agency and type from the entries alone. Found
-- from the events by their subject instead, PostgreSQL misjudged how many a child has (7 for 350)
-- and compared every pair, or hashed every child's: 10 to 20 ms a page among an authority's
-- entries, growing with the authority. An entry with no event (none is written so) counts no line.
-- Written for PostgreSQL 15.

alter table chronology_entry add column case_event_id bigint unique references case_event (id);

update chronology_entry c
   set case_event_id = e.id
  from case_event e
 where e.type = 'chronology.contribution'
   and e.subject_type = 'chronology_entry'
   and e.subject_id = c.id::text
   and e.child_id = c.child_id;

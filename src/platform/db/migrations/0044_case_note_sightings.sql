-- Speed of the worklists (bench/results/casework.md): the days each child was seen at a case note,
-- kept as rows rather than worked out at every reading.
--
-- An assessment's visit measures (migration 0040) look, for each child of the household, for the
-- first day the child was seen on or after the referral. Through casenotes_child_contact_v that
-- meant reading every note on the child, with its current version and who was seen in it (four
-- tables a note): 15,000 of the 16,000 buffers a five-team worklist's page read for its 50
-- children, about 9 ms of its 11 ms in the database. Here each day is one index entry.
--
-- case_note_sighting holds, for every note not deleted, each child it is on who was seen (alone or
-- with others) in its current version, on the London date of the contact. Triggers keep it in step
-- with the tables it is read from, whichever way they are written (the service, the synthetic
-- loader, a copy), so no writer has to remember it; casenotes_child_contact_v stays the
-- definition, and the trigger works each note's rows out through it.
create table case_note_sighting (
  child_id     bigint not null references person (id),
  seen_on      date not null,
  case_note_id bigint not null references case_note (id),
  primary key (child_id, seen_on, case_note_id)
);
create index case_note_sighting_note on case_note_sighting (case_note_id);

-- The rows of these notes, worked out again from casenotes_child_contact_v.
create function case_note_sighting_refresh(notes bigint[]) returns void language sql as $$
  delete from case_note_sighting where case_note_id = any(notes);
  insert into case_note_sighting (child_id, seen_on, case_note_id)
  select distinct v.child_id, (v.contact_at at time zone 'Europe/London')::date, v.case_note_id
    from casenotes_child_contact_v v
   where v.case_note_id = any(notes) and v.child_seen;
$$;

-- Once a statement: a note's children, its versions' "seen" rows, its current version or its
-- deletion changed. (Statement triggers with the changed rows, so the synthetic authority's bulk
-- inserts refresh each note once, not once a row.)
create function case_note_sighting_sync() returns trigger language plpgsql as $$
declare
  notes bigint[];
begin
  if tg_table_name = 'case_note_seen' then
    select array_agg(distinct v.case_note_id) into notes
      from changed s join case_note_version v on v.id = s.case_note_version_id;
  elsif tg_table_name = 'case_note_child' then
    select array_agg(distinct c.case_note_id) into notes from changed c;
  else
    select array_agg(n.id) into notes from changed n;
  end if;
  if notes is not null then
    perform case_note_sighting_refresh(notes);
  end if;
  return null;
end
$$;
create trigger case_note_sighting_seen after insert on case_note_seen
  referencing new table as changed for each statement execute function case_note_sighting_sync();
create trigger case_note_sighting_child after insert on case_note_child
  referencing new table as changed for each statement execute function case_note_sighting_sync();
create trigger case_note_sighting_note after update on case_note
  referencing new table as changed for each statement execute function case_note_sighting_sync();

insert into case_note_sighting (child_id, seen_on, case_note_id)
select distinct v.child_id, (v.contact_at at time zone 'Europe/London')::date, v.case_note_id
  from casenotes_child_contact_v v
 where v.child_seen;

-- The casenotes module's published view of it.
create view casenotes_child_seen_v as
  select s.child_id, s.seen_on, s.case_note_id
    from case_note_sighting s;

-- Migration 0040's definition, its case notes read from the rows above (the same days).
create or replace view assessment_child_seen_v as
  select v.child_id, v.seen_on, 'case_note'::text as source
    from casenotes_child_seen_v v
  union all
  select v.child_id, (v.visited_at at time zone 'Europe/London')::date, 'cp_visit'::text
    from protection_cp_visit_v v
   where v.seen
  union all
  select s.child_id, s.child_seen_on, 's47'::text
    from protection_s47_v s
   where s.child_seen_on is not null
  union all
  select a.child_id, a.seen_on, 'assessment'::text
    from assessment a
   where a.deleted_at is null and a.seen_on is not null;

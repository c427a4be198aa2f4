-- A CIN plan's statutory visits count as the child being seen, as a CP plan's do: in the days an
-- assessment's "first visit" and "household seen" measures read, and (through protection's
-- published view of them) in Annex A list 6's "date child last seen".

-- Protection's published view of CIN visits, the same shape as protection_cp_visit_v.
create view protection_cin_visit_v as
  select v.cin_plan_id as plan_id, p.child_id, v.visited_at, v.child_seen as seen, v.seen_alone
    from cin_visit v
    join cin_plan p on p.id = v.cin_plan_id;

-- Migration 0044's definition with CIN visits beside CP visits. (On a day a child was seen twice,
-- assessment_visit_child_v names a CIN visit after a CP visit, case note or section 47 enquiry:
-- which one names the day is all the order decides.)
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
   where a.deleted_at is null and a.seen_on is not null
  union all
  select v.child_id, (v.visited_at at time zone 'Europe/London')::date, 'cin_visit'::text
    from protection_cin_visit_v v
   where v.seen;

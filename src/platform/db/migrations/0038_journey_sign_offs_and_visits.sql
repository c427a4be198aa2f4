-- Issue 14, the journey wired together: a section 47 enquiry's outcome and a child protection
-- plan's end go through the manager's sign-off (platform/signoff), and the worklists show the
-- assessment's visit measures.

-- A section 47 outcome recorded by the worker waits for the manager: it is completed on the day
-- it is authorised, so an outcome may stand without a completed date while it waits.
do $$
declare c text;
begin
  for c in
    select conname from pg_constraint
     where conrelid = 's47_enquiry'::regclass and contype = 'c'
       and pg_get_constraintdef(oid) like '%(outcome IS NULL) = (completed_on IS NULL)%'
  loop
    execute format('alter table s47_enquiry drop constraint %I', c);
  end loop;
end $$;
alter table s47_enquiry
  add constraint s47_enquiry_completed_has_outcome check (completed_on is null or outcome is not null);

-- The census sees an outcome (and "no conference needed") only once a manager has authorised it.
create or replace view protection_s47_v as
  select s.id as s47_id,
         s.child_id,
         sd.referral_id,
         s.start_date,
         (select min((c.held_at at time zone 'Europe/London')::date)
            from conference_child cc
            join child_protection_conference c on c.id = cc.conference_id
           where cc.s47_id = s.id and c.kind = 'initial' and c.held_at is not null and c.cancelled_at is null
         ) as icpc_date,
         coalesce(s.completed_on is not null and s.conference_needed = false, false) as icpc_not_required,
         case when s.completed_on is not null then s.outcome end as outcome,
         s.completed_on as completed_date
    from s47_enquiry s
    join strategy_discussion sd on sd.id = s.strategy_discussion_id
   where s.cancelled_at is null;

-- The end of a plan proposed by the worker, waiting for a manager's authorisation.
alter table cp_plan
  add column end_proposed_on     date,
  add column end_proposed_reason text check (length(end_proposed_reason) between 1 and 40),
  add column end_proposed_by     bigint references app_user (id),
  add column end_proposed_at     timestamptz,
  add constraint cp_plan_end_proposal check (
    (end_proposed_on is null) = (end_proposed_reason is null)
    and (end_proposed_on is null) = (end_proposed_by is null)
    and (end_proposed_on is null) = (end_proposed_at is null));

-- The assessment's visit measures, for the worklists: when the referral was allocated, the first
-- contact since the referral day at which the child was seen, and how many children of the
-- household (brothers and sisters living with them, directly or through a parent or carer in
-- common) there are and have been seen since. Working days are counted by the reader's calendar.
create view assessment_visit_v as
  with a as (
    select a.id as assessment_id,
           a.child_id,
           a.status,
           r.allocated_at,
           (r.referral_date::timestamp at time zone 'Europe/London') as from_at
      from assessment a
      join frontdoor_referral_v r on r.id = a.referral_id
     where a.deleted_at is null
  ),
  household (assessment_id, from_at, member_id) as (
    select a.assessment_id, a.from_at,
           case when rel.person_id = a.child_id then rel.related_person_id else rel.person_id end
      from a
      join people_relationship_v rel on rel.person_id = a.child_id or rel.related_person_id = a.child_id
     where rel.relationship_type in ('sibling', 'half_sibling', 'step_sibling')
       and rel.household_member and rel.deleted_at is null and rel.to_date is null
    union
    select a.assessment_id, a.from_at, theirs.related_person_id
      from a
      join people_relationship_v mine on mine.related_person_id = a.child_id
      join people_relationship_v theirs on theirs.person_id = mine.person_id
     where mine.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
       and theirs.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
       and theirs.related_person_id <> a.child_id and theirs.household_member
       and mine.deleted_at is null and theirs.deleted_at is null
       and mine.to_date is null and theirs.to_date is null
  ),
  members as (
    select h.assessment_id,
           count(*) as children,
           count(*) filter (where exists (
             select 1 from casenotes_child_contact_v v
              where v.child_id = h.member_id and v.child_seen and v.contact_at >= h.from_at)) as seen
      from household h
      join people_person_v p on p.id = h.member_id and p.kind = 'child' and p.deleted_at is null
     group by h.assessment_id
  )
  select a.assessment_id,
         a.child_id,
         a.status,
         a.allocated_at,
         (select min(v.contact_at) from casenotes_child_contact_v v
           where v.child_id = a.child_id and v.child_seen and v.contact_at >= a.from_at) as first_visit_at,
         coalesce(m.children, 0)::integer as household_children,
         coalesce(m.seen, 0)::integer as household_seen
    from a
    left join members m on m.assessment_id = a.assessment_id;

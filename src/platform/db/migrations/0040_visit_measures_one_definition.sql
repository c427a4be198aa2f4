-- The assessment's visit measures have one definition, here in SQL, read by the child's record
-- and the worklists alike (migration 0038's view had a twin in the assessment service that could
-- disagree with it). And the child is seen at more than a case note: a statutory visit on a child
-- protection plan at which the child was seen, the day the child was seen in a section 47 enquiry
-- and an assessment's own "child seen" day count too. See src/modules/assessment/README.md.

-- Protection's: the day the child was seen during the enquiry (added at the end of the view).
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
         s.completed_on as completed_date,
         s.child_seen_on
    from s47_enquiry s
    join strategy_discussion sd on sd.id = s.strategy_discussion_id
   where s.cancelled_at is null;

-- Every day a child was seen by a social worker, wherever it was recorded, as a London date:
-- a face-to-face case note at which the child was seen (seen alone or with others), a statutory
-- child protection visit at which the child was seen, a section 47 enquiry's "child seen" day
-- (an enquiry not cancelled) and a child and family assessment's "child seen" day (not deleted).
-- A call, a letter or a visit at which the child was not seen is not seeing the child.
create view assessment_child_seen_v as
  select v.child_id, (v.contact_at at time zone 'Europe/London')::date as seen_on, 'case_note'::text as source
    from casenotes_child_contact_v v
   where v.child_seen
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

-- Each child whose being seen an assessment measures: the assessed child (is_subject), and each
-- child of their household (brothers and sisters living with them, recorded directly or through
-- a parent or carer in common, in current relationships, no record deleted), with the first day
-- each was seen on or after the referral date and where that was recorded (on one day: a
-- statutory visit, then a case note, a section 47 enquiry, the assessment).
create view assessment_visit_child_v as
  select m.assessment_id,
         m.child_id,
         m.member_id,
         m.is_subject,
         f.seen_on as first_seen_on,
         f.source as first_seen_source
    from (
      select a.id as assessment_id, a.child_id, r.referral_date, a.child_id as member_id, true as is_subject
        from assessment a
        join frontdoor_referral_v r on r.id = a.referral_id
       where a.deleted_at is null
      union
      select a.id, a.child_id, r.referral_date,
             case when rel.person_id = a.child_id then rel.related_person_id else rel.person_id end,
             false
        from assessment a
        join frontdoor_referral_v r on r.id = a.referral_id
        join people_relationship_v rel on rel.person_id = a.child_id or rel.related_person_id = a.child_id
       where a.deleted_at is null
         and rel.relationship_type in ('sibling', 'half_sibling', 'step_sibling')
         and rel.household_member and rel.deleted_at is null and rel.to_date is null
         and rel.person_id <> rel.related_person_id
      union
      select a.id, a.child_id, r.referral_date, theirs.related_person_id, false
        from assessment a
        join frontdoor_referral_v r on r.id = a.referral_id
        join people_relationship_v mine on mine.related_person_id = a.child_id
        join people_relationship_v theirs on theirs.person_id = mine.person_id
       where a.deleted_at is null
         and mine.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
         and theirs.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
         and theirs.related_person_id <> a.child_id and theirs.household_member
         and mine.deleted_at is null and theirs.deleted_at is null
         and mine.to_date is null and theirs.to_date is null
    ) m
    join people_person_v p on p.id = m.member_id and p.deleted_at is null and (m.is_subject or p.kind = 'child')
    left join lateral (
      select s.seen_on, s.source
        from assessment_child_seen_v s
       where s.child_id = m.member_id and s.seen_on >= m.referral_date
       order by s.seen_on,
                case s.source when 'cp_visit' then 1 when 'case_note' then 2 when 's47' then 3 else 4 end
       limit 1
    ) f on true;

-- The measures of each assessment (not deleted), for the record and the worklists: when its
-- referral was allocated, the first day the child was seen on or after the referral date and
-- where, and how many other children of the household there are and have been seen since.
-- Working days from allocation to the first visit are counted by the reader with the working
-- calendar (`visitSummary` in src/modules/assessment/model.ts).
-- (Scalar subqueries, not joins, so each keeps the assessment's id as a parameter pushed into the
-- view beneath: a worklist reads a few children's rows, not every assessment's.)
create view assessment_visit_measure_v as
  select a.id as assessment_id,
         a.child_id,
         a.status,
         r.referral_date,
         r.allocated_at,
         (select c.first_seen_on from assessment_visit_child_v c
           where c.assessment_id = a.id and c.is_subject) as first_visit_on,
         (select c.first_seen_source from assessment_visit_child_v c
           where c.assessment_id = a.id and c.is_subject) as first_visit_source,
         coalesce((select count(*) from assessment_visit_child_v h
                    where h.assessment_id = a.id and not h.is_subject), 0)::integer as household_children,
         coalesce((select count(h.first_seen_on) from assessment_visit_child_v h
                    where h.assessment_id = a.id and not h.is_subject), 0)::integer as household_seen
    from assessment a
    join frontdoor_referral_v r on r.id = a.referral_id
   where a.deleted_at is null;

-- 0038's view, the measures' second definition (case notes only), is replaced by
-- assessment_visit_measure_v above, which the record and the worklists both read.
drop view assessment_visit_v;

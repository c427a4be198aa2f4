-- Published views and indexes fast enough for the child's record and the worklists (issue 14's
-- benchmark): the same results, read for one child at a time.

-- The assessment's clock is looked up by its subject whether or not it has stopped (the record
-- shows when it stopped); the partial index only served open tasks.
create index task_subject on task (subject_type, subject_id, clock_code);

-- As 0038 defined it, but each assessment's household and visits are read beside it (lateral)
-- rather than from common table expressions over every assessment, so a query for some children
-- reads only theirs.
create or replace view assessment_visit_v as
  select a.id as assessment_id,
         a.child_id,
         a.status,
         r.allocated_at,
         fv.first_visit_at,
         coalesce(m.children, 0)::integer as household_children,
         coalesce(m.seen, 0)::integer as household_seen
    from assessment a
    join frontdoor_referral_v r on r.id = a.referral_id
    cross join lateral (select (r.referral_date::timestamp at time zone 'Europe/London') as from_at) f
    left join lateral (
      select min(v.contact_at) as first_visit_at
        from casenotes_child_contact_v v
       where v.child_id = a.child_id and v.child_seen and v.contact_at >= f.from_at
    ) fv on true
    left join lateral (
      select count(*) as children,
             count(*) filter (where exists (
               select 1 from casenotes_child_contact_v v
                where v.child_id = h.member_id and v.child_seen and v.contact_at >= f.from_at)) as seen
        from (
          select case when rel.person_id = a.child_id then rel.related_person_id else rel.person_id end
                   as member_id
            from people_relationship_v rel
           where (rel.person_id = a.child_id or rel.related_person_id = a.child_id)
             and rel.relationship_type in ('sibling', 'half_sibling', 'step_sibling')
             and rel.household_member and rel.deleted_at is null and rel.to_date is null
          union
          select theirs.related_person_id
            from people_relationship_v mine
            join people_relationship_v theirs on theirs.person_id = mine.person_id
           where mine.related_person_id = a.child_id
             and mine.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
             and theirs.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
             and theirs.related_person_id <> a.child_id and theirs.household_member
             and mine.deleted_at is null and theirs.deleted_at is null
             and mine.to_date is null and theirs.to_date is null
        ) h
        join people_person_v p on p.id = h.member_id and p.kind = 'child' and p.deleted_at is null
    ) m on true
   where a.deleted_at is null;

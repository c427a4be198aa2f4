-- Read contracts widened for the CIN census exported from Haven's records (returns/cin-export):
-- the child's UPN, the reason for having none and the date of death from people, and the coded
-- reason a referral closed from the front door. New columns at the end, so earlier readers are
-- unchanged. Written for PostgreSQL 15.

-- The DfE's reason for closing a case (RC1–RC9), beside the words the worker wrote: the census
-- reports the code, the record page the words.
alter table referral add column closure_code text check (closure_code ~ '^RC[1-9]$');

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
         r.closure_code
    from referral r;

-- A CIN census built from Haven's records is checked like an uploaded one, and says it was built
-- (its findings then link to the records that need fixing, not to a file's rows).
alter table return_upload add column from_records boolean not null default false;

-- The assessment module's: the day the child was first seen during the assessment, for Ofsted's
-- Annex A list 4 ("Child Seen During Continuous Assessment"). At the end, so earlier readers are
-- unchanged.
create or replace view assessment_v as
  select a.id as assessment_id,
         a.child_id,
         a.referral_id,
         a.started_on as start_date,
         a.authorised_on as authorised_date,
         coalesce(a.factors, '{}'::text[]) as factors,
         a.primary_need,
         a.outcome,
         a.status,
         a.seen_on
    from assessment a
   where a.deleted_at is null;

-- Protection's: the day a section 47 enquiry was completed, so a census leaves out an enquiry
-- that ended before its year (an enquiry needing no conference ends on that decision).
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
         coalesce(s.conference_needed = false, false) as icpc_not_required,
         s.outcome,
         s.completed_on as completed_date
    from s47_enquiry s
    join strategy_discussion sd on sd.id = s.strategy_discussion_id
   where s.cancelled_at is null;

-- The conference that started a CP plan and held its review: the two tables came in migrations
-- 0032 and 0033, written side by side, so the keys between them are added here.
alter table cp_plan
  add constraint cp_plan_conference_id_fkey foreign key (conference_id) references child_protection_conference (id);
alter table cp_plan_review
  add constraint cp_plan_review_conference_id_fkey foreign key (conference_id) references child_protection_conference (id);

-- People's: each child's brothers and sisters, as every module that shares a record across them
-- (case notes, documents, a conference) finds them: children recorded as siblings (either way
-- round), or sharing a parent or carer, in current relationships, neither record deleted. One
-- definition, read by all, rather than each module's copy of the query.
create view people_sibling_v as
  with linked (child_id, sibling_id) as (
    select r.person_id, r.related_person_id
      from person_relationship r
     where r.relationship_type in ('sibling', 'half_sibling', 'step_sibling')
       and r.deleted_at is null and r.to_date is null
    union
    select r.related_person_id, r.person_id
      from person_relationship r
     where r.relationship_type in ('sibling', 'half_sibling', 'step_sibling')
       and r.deleted_at is null and r.to_date is null
    union
    select mine.related_person_id, theirs.related_person_id
      from person_relationship mine
      join person_relationship theirs on theirs.person_id = mine.person_id
     where mine.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
       and theirs.relationship_type in ('mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian')
       and mine.deleted_at is null and theirs.deleted_at is null
       and mine.to_date is null and theirs.to_date is null
  )
  select distinct l.child_id, l.sibling_id
    from linked l
    join person c on c.id = l.child_id
    join person s on s.id = l.sibling_id
   where l.child_id <> l.sibling_id
     and c.kind in ('child', 'unborn') and s.kind in ('child', 'unborn')
     and c.deleted_at is null and s.deleted_at is null;

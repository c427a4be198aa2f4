-- Issue 17, the SSDA903's OC3 and OC2 from Haven's records (the care module): a care leaver's
-- contact around each birthday from the 17th to the 21st (in touch, activity, accommodation), and
-- the outcomes of a child looked after that the health records do not hold: convictions (and
-- youth cautions), a substance misuse problem with whether an intervention was received or
-- offered, and why no Strengths and Difficulties Questionnaire was completed. Each published as a
-- view for the returns module. Written for PostgreSQL 15.

-- A care leaver's circumstances around a birthday (17 to 21), one record a birthday: a correction
-- replaces it. The DfE's codes: IN_TOUCH, ACTIV, ACCOM (a letter and 1 suitable or 2 unsuitable;
-- S and X only unsuitable; 0 when not in touch).
create table care_leaver_contact (
  child_id      bigint not null references person (id),
  age           smallint not null check (age between 17 and 21),
  birthday      date not null,
  contact_on    date not null,
  in_touch      text not null check (in_touch in ('YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM')),
  activity      text not null check (activity in
                  ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0')),
  accommodation text not null check (accommodation ~ '^([BCDEGHKRTUVWYZ][12]|[SX]2|0)$'),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  primary key (child_id, age),
  -- In touch: what they are doing and where they live; otherwise neither (rules 344, 345).
  check ((in_touch = 'YES') = (activity <> '0')),
  check ((in_touch = 'YES') = (accommodation <> '0'))
);

-- An outcome of a child looked after, dated, in the period of care it happened in: a conviction
-- or youth caution (kind 'offence', code its kind), a substance misuse problem identified (kind
-- 'substance_misuse', code whether an intervention was received, offered and not taken up, or
-- neither), or why no SDQ was completed (kind 'sdq_reason', code SDQ2 to SDQ5). Never updated:
-- a later record adds to the history.
create table care_outcome (
  id           bigint generated always as identity primary key,
  period_id    bigint not null references care_period (id),
  child_id     bigint not null references person (id),
  kind         text not null check (kind in ('offence', 'substance_misuse', 'sdq_reason')),
  occurred_on  date not null,
  code         text not null,
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null,
  check (
    (kind = 'offence' and code in ('conviction', 'youth_conditional_caution', 'youth_caution', 'final_warning', 'reprimand'))
    or (kind = 'substance_misuse' and code in ('received', 'offered', 'none'))
    or (kind = 'sdq_reason' and code in ('SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'))
  )
);
create index care_outcome_child on care_outcome (child_id, kind, occurred_on, id);

-- The module's read contracts for the SSDA903: OC3 by birthday, and OC2's dated facts — these
-- outcomes with the health records' assessments completed and checks — from which a year's OC2
-- is worked out as at its 31 March.
create view care_leaver_v as
  select c.child_id,
         c.age,
         c.birthday,
         c.contact_on,
         c.in_touch,
         c.activity as activ,
         c.accommodation as accom
    from care_leaver_contact c;

create view care_oc2_v as
  select o.child_id, o.kind, o.occurred_on, o.code, null::boolean as up_to_date, null::smallint as sdq_score
    from care_outcome o
  union all
  select a.child_id, 'health_assessment', a.completed_on, a.kind, null, null
    from care_health_assessment a
   where a.completed_on is not null
  union all
  select h.child_id, h.kind, h.checked_on, null, h.up_to_date, h.sdq_score
    from care_health_check h
   where h.kind in ('dental', 'immunisations', 'sdq');

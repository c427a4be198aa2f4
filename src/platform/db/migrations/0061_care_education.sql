-- Issue 17, the education of children looked after (the care module): the school each child
-- attends (name, URN, the school's local authority and whether that is this one, its Ofsted
-- grade, from when; a change of school ends the last), time missing education, personal
-- education plans (PEPs), attendance as at a day of a term, and exclusions. Each row belongs to
-- the period of care it was recorded in; a school attended on entering care may start before it.
-- Written for PostgreSQL 15.
create table care_school (
  id            bigint generated always as identity primary key,
  period_id     bigint not null references care_period (id),
  child_id      bigint not null references person (id),
  school_name   text not null check (length(school_name) between 1 and 200),
  urn           text check (urn ~ '^[0-9]{6,7}$'),
  school_la     text not null check (length(school_la) between 1 and 100),
  in_borough    boolean not null,
  ofsted_grade  text not null check (ofsted_grade in
                  ('outstanding', 'good', 'requires_improvement', 'inadequate', 'not_inspected')),
  start_date    date not null,
  end_date      date,
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  check (end_date is null or end_date >= start_date)
);
-- One current school per child.
create unique index care_school_current on care_school (child_id) where end_date is null;
create index care_school_child on care_school (child_id, start_date, id);

create table care_missing_education (
  id            bigint generated always as identity primary key,
  period_id     bigint not null references care_period (id),
  child_id      bigint not null references person (id),
  from_date     date not null,
  to_date       date,
  reason        text not null check (length(reason) between 1 and 500),
  provision     text not null check (provision in ('none', 'part_time', 'tutoring')),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null,
  check (to_date is null or to_date >= from_date)
);
-- One open time missing education per child.
create unique index care_missing_education_open on care_missing_education (child_id) where to_date is null;
create index care_missing_education_child on care_missing_education (child_id, from_date, id);

create table care_pep (
  id                  bigint generated always as identity primary key,
  period_id           bigint not null references care_period (id),
  child_id            bigint not null references person (id),
  held_on             date not null,
  quality             text not null check (quality in ('good', 'requires_improvement', 'inadequate')),
  measurable_targets  boolean not null,
  child_voice         boolean not null,
  carer_views         boolean not null,
  attended_by         text not null check (length(attended_by) between 1 and 500),
  recorded_by         bigint not null references app_user (id),
  recorded_at         timestamptz not null
);
create index care_pep_period on care_pep (period_id, held_on, id);
create index care_pep_child on care_pep (child_id, held_on, id);

create table care_attendance (
  id                 bigint generated always as identity primary key,
  period_id          bigint not null references care_period (id),
  child_id           bigint not null references person (id),
  as_at              date not null,
  academic_year      int not null check (academic_year between 2000 and 2100),
  term               text not null check (term in ('autumn', 'spring', 'summer')),
  percent            numeric(4, 1) not null check (percent between 0 and 100),
  sessions_possible  int check (sessions_possible > 0),
  sessions_attended  int check (sessions_attended >= 0),
  recorded_by        bigint not null references app_user (id),
  recorded_at        timestamptz not null,
  check ((sessions_possible is null) = (sessions_attended is null)),
  check (sessions_attended is null or sessions_attended <= sessions_possible)
);
create index care_attendance_child on care_attendance (child_id, as_at, id);

create table care_exclusion (
  id           bigint generated always as identity primary key,
  period_id    bigint not null references care_period (id),
  child_id     bigint not null references person (id),
  kind         text not null check (kind in ('suspension', 'permanent')),
  start_date   date not null,
  days         numeric(4, 1) check (days > 0 and days <= 45),
  reason       text check (length(reason) between 1 and 500),
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null,
  check ((kind = 'suspension') = (days is not null))
);
create index care_exclusion_child on care_exclusion (child_id, start_date, id);

-- The module's read contract for education: one row per child looked after now (an open period
-- of care), with the current school, the last PEP, the latest attendance, the last exclusion and
-- any open time missing education. The PEP's due date is the open `pep-*` task's.
create view care_education_v as
  select p.child_id,
         p.id as period_id,
         s.school_name,
         s.urn as school_urn,
         s.school_la,
         s.in_borough,
         s.ofsted_grade,
         s.start_date as school_from,
         pep.held_on as last_pep_on,
         pep.quality as last_pep_quality,
         (select min(t.due_at) from task t
           where t.subject_type = 'period_of_care' and t.subject_id = p.id::text
             and t.clock_code like 'pep-%' and t.stopped_at is null) as pep_due_at,
         a.percent as attendance_percent,
         a.academic_year as attendance_year,
         a.term as attendance_term,
         (select max(x.start_date) from care_exclusion x where x.child_id = p.child_id) as last_exclusion_on,
         m.from_date as missing_education_from,
         m.reason as missing_education_reason
    from care_period p
    left join care_school s on s.child_id = p.child_id and s.end_date is null
    left join lateral (select c.held_on, c.quality from care_pep c
                        where c.period_id = p.id order by c.held_on desc, c.id desc limit 1) pep on true
    left join lateral (select c.percent, c.academic_year, c.term from care_attendance c
                        where c.child_id = p.child_id order by c.as_at desc, c.id desc limit 1) a on true
    left join care_missing_education m on m.child_id = p.child_id and m.to_date is null
   where p.end_date is null;

-- Issue 17, care proceedings and the independent visitor (the care module). Care proceedings are
-- the child's, whether or not they are looked after yet (an emergency protection order can come
-- first), linked to the period of care once there is one: the application, each hearing with the
-- order it made, the court's extensions of the 26-week timetable, and the conclusion with its
-- final order. The independent visitor: whether the child needs one, the request, the volunteer
-- matched, their visits and the end. Each published as a view. Written for PostgreSQL 15.

create table care_proceedings (
  id                      bigint generated always as identity primary key,
  child_id                bigint not null references person (id),
  -- The period of care the child was in when the proceedings were recorded or last changed.
  period_id               bigint references care_period (id),
  issued_on               date not null,
  court                   text not null,
  applicant               text not null,
  -- The letter before proceedings (the Public Law Outline's pre-proceedings), when there was one.
  letter_before_on        date,
  concluded_on            date,
  final_order             text check (final_order in ('care_order', 'supervision_order', 'placement_order',
                            'special_guardianship_order', 'child_arrangements_order', 'no_order', 'withdrawn')),
  recorded_by             bigint not null references app_user (id),
  recorded_at             timestamptz not null,
  concluded_by            bigint references app_user (id),
  concluded_at            timestamptz,
  check (letter_before_on is null or letter_before_on <= issued_on),
  check (concluded_on is null or concluded_on >= issued_on),
  check ((concluded_on is null) = (final_order is null))
);
-- One set of proceedings open for a child at a time.
create unique index care_proceedings_open on care_proceedings (child_id) where concluded_on is null;
create index care_proceedings_child on care_proceedings (child_id, issued_on, id);

create table care_proceedings_hearing (
  id              bigint generated always as identity primary key,
  proceedings_id  bigint not null references care_proceedings (id),
  child_id        bigint not null references person (id),
  heard_on        date not null,
  kind            text not null check (kind in ('cmh', 'further_cmh', 'irh', 'final', 'other')),
  outcome         text not null,
  order_made      text check (order_made in ('interim_care_order', 'interim_supervision_order', 'care_order',
                    'supervision_order', 'placement_order', 'special_guardianship_order',
                    'child_arrangements_order', 'no_order')),
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null
);
create index care_proceedings_hearing_of on care_proceedings_hearing (proceedings_id, heard_on, id);

-- Each extension the court granted (s.32(5) Children Act 1989: up to 8 weeks at a time), from the
-- end of the timetable as it stood.
create table care_proceedings_extension (
  id              bigint generated always as identity primary key,
  proceedings_id  bigint not null references care_proceedings (id),
  child_id        bigint not null references person (id),
  granted_on      date not null,
  previous_end    date not null,
  extended_to     date not null,
  reason          text not null,
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null,
  check (extended_to > previous_end and extended_to <= previous_end + 56)
);
create index care_proceedings_extension_of on care_proceedings_extension (proceedings_id, extended_to, id);

-- The independent visitor: each assessment of whether the child needs one, and for a child who
-- does, the request, the volunteer matched (their name only) and the end.
create table care_independent_visitor (
  id              bigint generated always as identity primary key,
  period_id       bigint not null references care_period (id),
  child_id        bigint not null references person (id),
  assessed_on     date not null,
  needed          boolean not null,
  assessment_note text,
  requested_on    date,
  visitor_name    text,
  matched_on      date,
  ended_on        date,
  end_reason      text,
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null,
  updated_by      bigint not null references app_user (id),
  updated_at      timestamptz not null,
  check (needed or (requested_on is null and matched_on is null and ended_on is null)),
  check (requested_on is null or requested_on >= assessed_on),
  check (matched_on is null or (requested_on is not null and matched_on >= requested_on)),
  check ((visitor_name is null) = (matched_on is null)),
  check (ended_on is null or ended_on >= coalesce(matched_on, requested_on, assessed_on)),
  check ((ended_on is null) = (end_reason is null))
);
-- One independent visitor arrangement live at a time for a child.
create unique index care_independent_visitor_live on care_independent_visitor (child_id)
  where needed and ended_on is null;
create index care_independent_visitor_child on care_independent_visitor (child_id, assessed_on, id);

create table care_independent_visitor_visit (
  id              bigint generated always as identity primary key,
  visitor_id      bigint not null references care_independent_visitor (id),
  child_id        bigint not null references person (id),
  visited_on      date not null,
  note            text,
  recorded_by     bigint not null references app_user (id),
  recorded_at     timestamptz not null
);
create index care_independent_visitor_visit_of on care_independent_visitor_visit (visitor_id, visited_on, id);

-- The read contracts. The 26 weeks "beginning with the day on which the application was issued"
-- end on day 182 counting the day of issue as the first (issued_on + 181): the care module's
-- proceedings-model.ts has the same arithmetic.
create view care_proceedings_v as
  select cp.id as proceedings_id,
         cp.child_id,
         cp.period_id,
         cp.issued_on,
         cp.court,
         cp.applicant,
         cp.letter_before_on,
         cp.issued_on + 181 as weeks_26_end,
         coalesce((select max(x.extended_to) from care_proceedings_extension x where x.proceedings_id = cp.id),
                  cp.issued_on + 181) as timetable_end,
         (select count(*)::int from care_proceedings_extension x where x.proceedings_id = cp.id) as extensions,
         (select count(*)::int from care_proceedings_hearing h where h.proceedings_id = cp.id) as hearings,
         cp.concluded_on,
         cp.final_order,
         case when cp.concluded_on is null then null else cp.concluded_on - cp.issued_on + 1 end as duration_days,
         case when cp.concluded_on is null then null else cp.concluded_on <= cp.issued_on + 181 end as within_26_weeks
    from care_proceedings cp;

create view care_independent_visitor_v as
  select iv.id as independent_visitor_id,
         iv.child_id,
         iv.period_id,
         iv.assessed_on,
         iv.needed,
         iv.requested_on,
         iv.matched_on,
         iv.ended_on,
         (select count(*)::int from care_independent_visitor_visit v where v.visitor_id = iv.id) as visits,
         (select max(v.visited_on) from care_independent_visitor_visit v where v.visitor_id = iv.id) as last_visit_on
    from care_independent_visitor iv;

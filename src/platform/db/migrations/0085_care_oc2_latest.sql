-- Issue 18, the digest's speed: OC2's facts (health assessments, dental checks, immunisations,
-- SDQ scores, offences, substance misuse) as the days each is the latest of its kind in the 12
-- months to the day, so a snapshot measure of "in the year to the day" can give each child the
-- days it counts on, read once, rather than read the facts again for each day of its trend.
-- Written for PostgreSQL 15.

-- Each day a child has a fact of a kind, from that day until the next day with one of the same
-- kind or until 12 months have passed (the first day on which the year to the day begins after
-- it), whichever is first; `within_6_months_to` the same with 6 months (a health assessment in
-- the last 6 months). Where a day has several, the value counted is the lowest: not up to date
-- before up to date, the lower SDQ score before the higher, a recorded one before none (as OC2's
-- figures have always taken them).
create view care_oc2_latest_v as
  with days as (
    select f.child_id, f.kind, f.occurred_on,
           bool_and(f.up_to_date) as up_to_date,
           min(f.sdq_score) as sdq_score
      from care_oc2_v f
     group by f.child_id, f.kind, f.occurred_on)
  select d.child_id, d.kind, d.occurred_on as from_date,
         least(lead(d.occurred_on) over w, span_passed_on(d.occurred_on, interval '12 months')) as to_date,
         least(lead(d.occurred_on) over w, span_passed_on(d.occurred_on + 1, interval '6 months')) as within_6_months_to,
         d.up_to_date, d.sdq_score
    from days d
  window w as (partition by d.child_id, d.kind order by d.occurred_on);

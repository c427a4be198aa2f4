-- Issue 17, adoption and special guardianship as plain dated records on a period of care (the
-- care module), for the SSDA903's PlacedAdoption and AD1 tables and the adoption scorecard.
-- Written for PostgreSQL 15.
--
-- What the care module already records is not kept twice: the placement order is an episode's
-- legal status E1, the placement for adoption an A3–A6 placement, the adoption order the end of
-- care with E11 or E12, and a special guardianship order the end of care with E45–E48. The view
-- reads them from the episodes and the period.

-- One a period: the agency decision maker's decision that the child should be placed for
-- adoption (DATE_PLACED, DATE_INT), its reversal with the reason (DATE_PLACED_CEASED,
-- REASON_PLACED_CEASED RD1–RD4), and the match with the prospective adopters (DATE_MATCH,
-- NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR, FOSTER_CARE).
create table care_adoption (
  period_id          bigint primary key references care_period (id),
  child_id           bigint not null references person (id),
  decided_on         date not null,
  decision_maker     text not null check (length(decision_maker) between 1 and 200),
  reversed_on        date,
  reversal_reason    text check (reversal_reason in ('RD1', 'RD2', 'RD3', 'RD4')),
  matched_on         date,
  adopters           smallint check (adopters in (1, 2)),
  adopter_sexes      text check (adopter_sexes in ('M1', 'F1', 'MM', 'FF', 'MF')),
  adopter_legal_status text check (adopter_legal_status in ('L0', 'L11', 'L12', 'L2', 'L3', 'L4')),
  by_foster_carers   boolean,
  recorded_by        bigint not null references app_user (id),
  recorded_at        timestamptz not null,
  updated_by         bigint not null references app_user (id),
  updated_at         timestamptz not null,
  check ((reversed_on is null) = (reversal_reason is null)),
  check (reversed_on is null or reversed_on >= decided_on),
  check (matched_on is null or matched_on >= decided_on),
  -- The match's answers come together or not at all (903 rule 151).
  check ((matched_on is null) = (adopters is null)
     and (matched_on is null) = (adopter_sexes is null)
     and (matched_on is null) = (adopter_legal_status is null)
     and (matched_on is null) = (by_foster_carers is null)),
  check (adopters is null or (adopters = 1) = (adopter_sexes in ('M1', 'F1'))),
  check (adopters is null or (adopters = 1) = (adopter_legal_status = 'L0'))
);
create index care_adoption_child on care_adoption (child_id, period_id);

-- The module's read contract for adoption and special guardianship: one row per period of care
-- with any milestone — the decision (and its reversal), the placement order (the first episode
-- with legal status E1), the match, placed for adoption (the first A3–A6 episode), the adoption
-- order (the period ended E11 or E12) or a special guardianship order (ended E45–E48) — each
-- with its date, and the period's start for the scorecard's intervals.
create view care_adoption_v as
  with milestones as (
    select p.id as period_id,
           p.child_id,
           p.start_date as period_start,
           p.end_date as period_end,
           p.reason_ceased,
           (select min(e.start_date) from care_episode e
             where e.period_id = p.id and e.legal_status = 'E1') as placement_order_on,
           (select min(e.start_date) from care_episode e
              join care_placement pl on pl.id = e.placement_id
             where e.period_id = p.id and pl.place in ('A3', 'A4', 'A5', 'A6')) as placed_on
      from care_period p
  )
  select m.period_id,
         m.child_id,
         m.period_start,
         m.period_end,
         a.decided_on as date_placed,
         a.decision_maker,
         a.reversed_on as date_placed_ceased,
         a.reversal_reason as reason_placed_ceased,
         m.placement_order_on,
         a.matched_on as date_match,
         a.adopters as nb_adoptr,
         a.adopter_sexes as sex_adoptr,
         a.adopter_legal_status as ls_adoptr,
         a.by_foster_carers as foster_care,
         m.placed_on,
         case when m.reason_ceased in ('E11', 'E12') then m.period_end end as adopted_on,
         case when m.reason_ceased in ('E11', 'E12') then m.reason_ceased end as adoption_rec,
         case when m.reason_ceased in ('E45', 'E46', 'E47', 'E48') then m.period_end end as sgo_on,
         case when m.reason_ceased in ('E45', 'E46', 'E47', 'E48') then m.reason_ceased end as sgo_rec
    from milestones m
    left join care_adoption a on a.period_id = m.period_id
   where a.period_id is not null
      or m.placement_order_on is not null
      or m.placed_on is not null
      or m.reason_ceased in ('E11', 'E12', 'E45', 'E46', 'E47', 'E48');

-- Restriction reviews (SEC-09): every restriction of a record has a category, a reason, an
-- authoriser and a review date no more than 90 days out, and is reviewed (continued or lifted).
-- Written for PostgreSQL 15.
--
-- `person.restricted` and `person.restriction_category` stay what the permission rule and its SQL
-- filter read; a trigger keeps them in step with the restriction in force, so they cannot drift
-- from the history whatever writes it.

create table person_restriction (
  id                      bigint generated always as identity primary key,
  person_id               bigint not null references person (id),
  category                text not null check (category in ('high_profile', 'staff_conflict', 'adoption', 'high_risk', 'practice_review')),
  reason                  text check (reason is null or length(btrim(reason)) between 3 and 1000),
  -- A team manager or service manager (the service checks the role: it can change later).
  authorised_by           bigint references app_user (id),
  authorised_at           timestamptz,
  -- Who entered it in Haven, when they are not the authoriser.
  recorded_by             bigint references app_user (id),
  recorded_at             timestamptz not null default now(),
  -- Restrictions that existed before this migration: nobody recorded who authorised them or why,
  -- so those stay empty rather than invented, and the first review is due at once.
  recorded_before_reviews boolean not null default false,
  review_due              date not null,
  last_reviewed_at        timestamptz,
  last_reviewed_by        bigint references app_user (id),
  lifted_at               timestamptz,
  lifted_by               bigint references app_user (id),
  lifted_reason           text check (lifted_reason is null or length(btrim(lifted_reason)) between 3 and 1000),
  constraint person_restriction_authorised
    check (recorded_before_reviews or (authorised_by is not null and authorised_at is not null and reason is not null)),
  check ((last_reviewed_at is null) = (last_reviewed_by is null)),
  check ((lifted_at is null) = (lifted_by is null) and (lifted_at is null) = (lifted_reason is null)),
  -- The review falls within 90 days of the authorisation or the last review (London dates).
  constraint person_restriction_review_within_90_days check (
    review_due >= (coalesce(last_reviewed_at, authorised_at, recorded_at) at time zone 'Europe/London')::date
    and review_due <= (coalesce(last_reviewed_at, authorised_at, recorded_at) at time zone 'Europe/London')::date + 90
  )
);
-- One restriction in force per record.
create unique index person_restriction_in_force on person_restriction (person_id) where lifted_at is null;
-- The overdue-review report and the home-page count.
create index person_restriction_review_due on person_restriction (review_due, id) where lifted_at is null;

-- Every review, kept: continued to a new date, or lifted with a reason.
create table person_restriction_review (
  id               bigint generated always as identity primary key,
  restriction_id   bigint not null references person_restriction (id),
  reviewed_by      bigint not null references app_user (id),
  reviewed_at      timestamptz not null default now(),
  outcome          text not null check (outcome in ('continued', 'lifted')),
  next_review_due  date,
  notes            text check (notes is null or length(btrim(notes)) between 1 and 1000),
  check ((outcome = 'continued') = (next_review_due is not null)),
  check (outcome = 'continued' or notes is not null)
);
create index person_restriction_review_of on person_restriction_review (restriction_id, id);

-- Backfill: every record restricted today gets its restriction, marked as recorded before
-- reviews, with no authoriser or reason (nobody recorded them) and the review due today, so each
-- shows on the managers' report at once. The manager who first reviews one and continues it is
-- recorded as its authoriser, with their reason.
insert into person_restriction (person_id, category, recorded_before_reviews, recorded_at, review_due)
select p.id, p.restriction_category, true, now(), (now() at time zone 'Europe/London')::date
from person p
where p.restricted
order by p.id;

-- Keep the permission columns in step with the restriction in force.
create function person_restriction_sync() returns trigger language plpgsql as $$
declare
  in_force text;
begin
  select r.category into in_force
  from person_restriction r
  where r.person_id = new.person_id and r.lifted_at is null;
  update person
  set restricted = in_force is not null, restriction_category = in_force
  where id = new.person_id
    and (restricted is distinct from (in_force is not null) or restriction_category is distinct from in_force);
  return null;
end
$$;
create trigger person_restriction_sync after insert or update on person_restriction
  for each row execute function person_restriction_sync();

-- A restriction's history is kept: what it was and who authorised it never change, and rows are
-- never deleted (a restriction ends by being lifted, and stays lifted).
create function person_restriction_keep() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'person_restriction rows are kept: lift the restriction instead';
  end if;
  if new.person_id <> old.person_id or new.category <> old.category
     -- A restriction recorded before reviews gets its authoriser and reason once, at its first
     -- review; after that they are fixed.
     or (old.reason is not null and new.reason is distinct from old.reason)
     or (old.authorised_by is not null and new.authorised_by is distinct from old.authorised_by)
     or (old.authorised_at is not null and new.authorised_at is distinct from old.authorised_at)
     or new.recorded_at <> old.recorded_at
     or (old.lifted_at is not null) then
    raise exception 'a restriction is changed only by a review: continue it or lift it';
  end if;
  return new;
end
$$;
create trigger person_restriction_keep before update or delete on person_restriction
  for each row execute function person_restriction_keep();

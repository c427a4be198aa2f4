-- Issue 15, escalation of professional differences: a practitioner of any agency escalates a
-- decision (or something not done) about a child to a named person at a level of the local
-- safeguarding partnership's protocol; each level is answered within its working days, and a
-- disputed or late answer goes to the next level. Written for PostgreSQL 15.

-- An escalation: who raised it and from which agency, what the difference is, and where it stands
-- now (its level, who must respond and by when). `version` counts changes, so two people answering
-- the same level at once are told rather than overwriting each other.
create table escalation (
  id              bigint generated always as identity primary key,
  child_id        bigint not null references person (id),
  raised_by       bigint not null references app_user (id),
  raised_at       timestamptz not null,
  raiser_agency   text not null check (length(raiser_agency) between 1 and 40),
  difference      text not null check (length(difference) between 1 and 10000),
  wanted          text not null check (length(wanted) between 1 and 10000),
  level           integer not null check (level between 1 and 3),
  recipient_id    bigint not null references app_user (id),
  due_at          timestamptz not null,
  status          text not null check (status in ('awaiting_response', 'responded', 'resolved')),
  version         integer not null default 1 check (version >= 1),
  resolved_at     timestamptz,
  resolution      text check (length(resolution) <= 10000),
  check ((status = 'resolved') = (resolved_at is not null))
);
create index escalation_child on escalation (child_id, id);
create index escalation_open on escalation (level, due_at, id) where status <> 'resolved';
create index escalation_recipient on escalation (recipient_id, id) where status <> 'resolved';
create index escalation_raiser on escalation (raised_by, id) where status <> 'resolved';

-- Each level the escalation reached: to whom, why it went there (raised, the answer disputed, no
-- answer in time, with the raiser's reason), when the answer was due, and the answer.
create table escalation_level (
  escalation_id    bigint not null references escalation (id),
  level            integer not null check (level between 1 and 3),
  recipient_id     bigint not null references app_user (id),
  sent_by          bigint not null references app_user (id),
  sent_at          timestamptz not null,
  because          text not null check (because in ('raised', 'disputed', 'late')),
  reason           text check (length(reason) <= 10000),
  due_at           timestamptz not null,
  response         text check (response in ('agree', 'disagree')),
  response_reasons text check (length(response_reasons) <= 10000),
  response_actions text check (length(response_actions) <= 10000),
  responded_by     bigint references app_user (id),
  responded_at     timestamptz,
  primary key (escalation_id, level),
  check ((because = 'raised') = (level = 1)),
  check ((response is null) = (responded_at is null)),
  check ((response is null) = (responded_by is null))
);

-- The read contract: escalations still open, with their level, the raiser's agency, who must
-- respond and by when (for the chronology's alerts, the digest and the returns).
create view escalations_open_v as
  select e.id as escalation_id, e.child_id, e.level, e.raiser_agency, e.raised_at, e.recipient_id,
         e.due_at, e.status
  from escalation e
  where e.status <> 'resolved';

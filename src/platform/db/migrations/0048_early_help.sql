-- Issue 15, early help: an episode of early help for a child (started from a front door decision
-- of early help, or directly by an early help practitioner), the family's consent, a lead
-- professional from any agency, the early help assessment, the team around the family with its
-- meetings and attendance, and the family plan's objectives (scored 0 to 10) and interventions
-- (sessions planned against delivered). Written for PostgreSQL 15.

-- The front door's read contract widened: each child's decision on a contact and when it was
-- made, so early help reads its queue through the view, never the table. New columns at the end.
create or replace view frontdoor_contact_child_v as
  select cc.id,
         cc.contact_id,
         cc.child_id,
         cc.status,
         c.received_at,
         (c.received_at at time zone 'Europe/London')::date as received_on,
         c.referral_source,
         c.deleted_at as contact_deleted_at,
         cc.decision,
         cc.decided_at
    from contact_child cc
    join contact c on c.id = cc.contact_id;

-- An episode: where it came from, the early help team that holds it, the family's consent, the
-- lead professional (a Haven user of any agency, with the agency they lead from) and the grants
-- that let the team and the lead professional open the child's record. `version` counts changes,
-- so two managers allocating at once are told rather than overwriting each other. The end columns
-- are filled by the closure checklist (not yet built).
create table eh_episode (
  id                 bigint generated always as identity primary key,
  child_id           bigint not null references person (id),
  origin             text not null check (origin in ('front_door', 'direct', 'step_down')),
  contact_child_id   bigint unique references contact_child (id),
  team_id            bigint not null references team (id),
  started_on         date not null,
  started_by         bigint not null references app_user (id),
  started_at         timestamptz not null,
  started_event_id   bigint references case_event (id),
  consent_on         date not null,
  consent_from       text not null check (length(consent_from) between 1 and 200),
  consent_note       text check (length(consent_note) <= 10000),
  status             text not null check (status in ('awaiting_allocation', 'open', 'ended')),
  team_grant_id      bigint references child_access (id),
  lead_user_id       bigint references app_user (id),
  lead_agency        text check (length(lead_agency) between 1 and 40),
  lead_member_id     bigint,
  lead_grant_id      bigint references child_access (id),
  allocated_at       timestamptz,
  allocated_by       bigint references app_user (id),
  version            integer not null default 1 check (version >= 1),
  ended_on           date,
  end_reason         text,
  check ((status = 'awaiting_allocation') = (lead_user_id is null)),
  check ((lead_user_id is null) = (lead_agency is null)),
  check ((origin = 'front_door') = (contact_child_id is not null))
);
create index eh_episode_child on eh_episode (child_id, id);
create index eh_episode_team on eh_episode (team_id, id) where status <> 'ended';
create index eh_episode_lead on eh_episode (lead_user_id, id) where status <> 'ended';

-- The early help assessment: one per episode, saved as it is written, completed on a date.
create table eh_assessment (
  episode_id     bigint primary key references eh_episode (id),
  started_on     date not null,
  needs          text not null default '' check (length(needs) <= 10000),
  strengths      text not null default '' check (length(strengths) <= 10000),
  child_voice    text not null default '' check (length(child_voice) <= 10000),
  family_view    text not null default '' check (length(family_view) <= 10000),
  completed_on   date,
  updated_by     bigint not null references app_user (id),
  updated_at     timestamptz not null
);

-- The team around the family: each member's agency, name and role, and their Haven account if
-- they have one. Removed members keep their attendance history.
create table eh_taf_member (
  id           bigint generated always as identity primary key,
  episode_id   bigint not null references eh_episode (id),
  agency       text not null check (length(agency) between 1 and 200),
  name         text not null check (length(name) between 1 and 200),
  role         text not null check (length(role) between 1 and 200),
  user_id      bigint references app_user (id),
  added_by     bigint not null references app_user (id),
  added_at     timestamptz not null,
  removed_at   timestamptz
);
create index eh_taf_member_episode on eh_taf_member (episode_id, id);
alter table eh_episode add constraint eh_episode_lead_member foreign key (lead_member_id) references eh_taf_member (id);

-- A TAF meeting: held on a date, then its attendance and decisions recorded (recorded_at null
-- until then: a meeting held with nothing recorded raises an alert after the settings' days).
create table eh_meeting (
  id            bigint generated always as identity primary key,
  episode_id    bigint not null references eh_episode (id),
  held_on       date not null,
  decisions     text check (length(decisions) <= 10000),
  added_by      bigint not null references app_user (id),
  added_at      timestamptz not null,
  recorded_by   bigint references app_user (id),
  recorded_at   timestamptz,
  check ((recorded_at is null) = (recorded_by is null))
);
create index eh_meeting_episode on eh_meeting (episode_id, held_on);

create table eh_meeting_attendance (
  meeting_id   bigint not null references eh_meeting (id),
  member_id    bigint not null references eh_taf_member (id),
  attendance   text not null check (attendance in ('attended', 'apologies', 'did_not_attend')),
  primary key (meeting_id, member_id)
);

-- The family plan: objectives, each with an outcome measure scored 0 to 10 at the start, at each
-- review, and its target.
create table eh_objective (
  id            bigint generated always as identity primary key,
  episode_id    bigint not null references eh_episode (id),
  objective     text not null check (length(objective) between 1 and 10000),
  measure       text not null check (length(measure) between 1 and 200),
  target_score  integer not null check (target_score between 0 and 10),
  added_by      bigint not null references app_user (id),
  added_at      timestamptz not null
);
create index eh_objective_episode on eh_objective (episode_id, id);

create table eh_objective_score (
  id            bigint generated always as identity primary key,
  objective_id  bigint not null references eh_objective (id),
  scored_on     date not null,
  score         integer not null check (score between 0 and 10),
  recorded_by   bigint not null references app_user (id),
  recorded_at   timestamptz not null
);
create index eh_objective_score_objective on eh_objective_score (objective_id, scored_on, id);

-- Family support interventions: what was planned (sessions over weeks) and each session's outcome.
create table eh_intervention (
  id                bigint generated always as identity primary key,
  episode_id        bigint not null references eh_episode (id),
  kind              text not null check (length(kind) between 1 and 200),
  provider          text not null check (length(provider) between 1 and 200),
  sessions_planned  integer not null check (sessions_planned between 1 and 200),
  over_weeks        integer not null check (over_weeks between 1 and 104),
  starts_on         date not null,
  added_by          bigint not null references app_user (id),
  added_at          timestamptz not null
);
create index eh_intervention_episode on eh_intervention (episode_id, id);

create table eh_session (
  id               bigint generated always as identity primary key,
  intervention_id  bigint not null references eh_intervention (id),
  session_on       date not null,
  outcome          text not null check (outcome in ('delivered', 'cancelled', 'not_attended')),
  recorded_by      bigint not null references app_user (id),
  recorded_at      timestamptz not null
);
create index eh_session_intervention on eh_session (intervention_id, session_on);

-- The read contract (Annex A list 2, KPIs): each episode's child, start, origin, the lead
-- professional's agency and organisation (a partner's agency by name, else the kind of agency;
-- the council's early help team by its name), the assessment's dates, where it stands, and how
-- it ended.
create view earlyhelp_episode_v as
  select e.id as episode_id, e.child_id, e.started_on, e.origin, e.lead_agency,
         case when e.lead_agency = 'social_care' then t.name
              else coalesce(ag.name, initcap(replace(e.lead_agency, '_', ' '))) end as lead_organisation,
         a.started_on as assessment_started_on, a.completed_on as assessment_completed_on,
         e.status, e.ended_on, e.end_reason
    from eh_episode e
    join team t on t.id = e.team_id
    left join app_user u on u.id = e.lead_user_id
    left join agency ag on ag.id = u.agency_id
    left join eh_assessment a on a.episode_id = e.id;

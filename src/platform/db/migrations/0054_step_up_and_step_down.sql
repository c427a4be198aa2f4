-- Issue 15, step-up and step-down between early help and children's social care, each carrying
-- the plan and its history across. Written for PostgreSQL 15.
--
-- Step-up: the lead professional (or the early help team) asks for social care's involvement.
-- Early help records a contact to the front door for the child, from "early help" (referral source
-- 5D) and by a new channel, `step_up`, with the episode's assessment, plan and meetings summarised
-- in it as they stood. The episode stays open until the front door decides and early help closes it.

alter table contact drop constraint contact_channel_check;
alter table contact add constraint contact_channel_check
  check (channel in ('phone', 'email', 'partner_form', 'police_notification', 'letter', 'in_person', 'step_up'));

create table eh_step_up (
  id                bigint generated always as identity primary key,
  episode_id        bigint not null references eh_episode (id),
  contact_child_id  bigint not null unique references contact_child (id),
  reason            text not null check (length(reason) between 1 and 10000),
  -- The summary of the episode sent with the contact, as it was sent.
  carried           text not null check (length(carried) between 1 and 20000),
  requested_by      bigint not null references app_user (id),
  requested_at      timestamptz not null
);
create index eh_step_up_episode on eh_step_up (episode_id, id);

-- Step-down: the social worker's closure of the case says the family steps down to early help,
-- and what early help should know. Once a manager authorises the closure it waits, with the
-- child in need plan's outcomes, for an early help team's manager to take it up (with the
-- family's consent), which starts an episode whose family plan begins with those outcomes.
alter table case_closure add column step_down boolean not null default false;
alter table case_closure add column step_down_note text
  check (step_down_note is null or length(step_down_note) between 1 and 10000);
alter table case_closure add constraint case_closure_step_down_note check (step_down = (step_down_note is not null));

alter table eh_episode add column case_closure_id bigint unique references case_closure (id);
alter table eh_episode add constraint eh_episode_step_down_closure
  check ((origin = 'step_down') = (case_closure_id is not null));

-- Protection's read contract for step-down: each authorised closure that steps down to early
-- help, with the child's last child in need plan.
create view protection_step_down_v as
  select c.id as closure_id, c.child_id, c.closed_at, c.step_down_note, c.proposed_by,
         (select p.id from cin_plan p where p.child_id = c.child_id
           order by p.start_date desc, p.id desc limit 1) as cin_plan_id
    from case_closure c
   where c.status = 'authorised' and c.step_down;

-- The outcomes of child in need plans and how their actions stood (delivered of planned).
create view protection_cin_outcome_v as
  select o.id as outcome_id, o.cin_plan_id, p.child_id, o.outcome,
         count(a.id)::int as actions,
         count(a.id) filter (where a.status = 'delivered')::int as delivered
    from cin_plan_outcome o
    join cin_plan p on p.id = o.cin_plan_id
    left join cin_plan_action a on a.cin_plan_outcome_id = o.id
   group by o.id, o.cin_plan_id, p.child_id, o.outcome;

-- Issue 15, closing an early help episode with the closure checklist (earlyhelp's closure-*.ts;
-- the checklist is platform/casework/closure.ts, shared with social care's case closure). The
-- lead professional or the holding team proposes the closure with the checklist and early help's
-- coded reason; the holding team's manager or a service manager authorises it (the episode ends,
-- its clocks stop, the grants it gave end) or returns it with the reason, through the platform's
-- sign-off step (sign_off, subject type `eh_closure`). Written for PostgreSQL 15.

-- A proposal to close an episode: the checklist as answered, its coded reason
-- (reference/earlyhelp/closure-reasons.json) and whether the referral prompt applied (the family
-- withdrew consent and the risks are unchanged). One proposal waits per episode at a time.
create table eh_closure (
  id                 bigint generated always as identity primary key,
  episode_id         bigint not null references eh_episode (id),
  child_id           bigint not null references person (id),
  status             text not null default 'awaiting'
                       check (status in ('awaiting', 'authorised', 'returned')),
  reason_code        text not null check (reason_code ~ '^EH[0-9]{1,2}$'),
  checklist          jsonb not null check (jsonb_typeof(checklist) = 'object'),
  referral_prompted  boolean not null,
  proposed_by        bigint not null references app_user (id),
  proposed_at        timestamptz not null,
  decided_by         bigint references app_user (id),
  decided_at         timestamptz,
  check ((status = 'awaiting') = (decided_at is null)),
  check ((decided_at is null) = (decided_by is null))
);
create unique index eh_closure_one_awaiting on eh_closure (episode_id) where status = 'awaiting';
create index eh_closure_episode on eh_closure (episode_id, id);
create index eh_closure_child on eh_closure (child_id, id);

-- An ended episode has the day it ended (and its reason, the closure's code).
alter table eh_episode add constraint eh_episode_ended check ((status = 'ended') = (ended_on is not null));

-- The grant a member of the team around the family with a Haven account was given, so closing the
-- episode ends exactly that grant (not one the same person holds for another process). Members
-- added before this migration are matched to their grant: same child and person, early help's
-- reason, the nearest in time to their joining.
alter table eh_taf_member add column grant_id bigint references child_access (id);
update eh_taf_member m
   set grant_id = (
     select g.id
       from child_access g
       join eh_episode e on e.id = m.episode_id
      where g.child_id = e.child_id
        and g.user_id = m.user_id
        and g.basis = 'process_participant'
        and g.reason = 'Member of the team around the family (early help)'
      order by abs(extract(epoch from (g.granted_at - m.added_at))), g.id
      limit 1)
 where m.user_id is not null;

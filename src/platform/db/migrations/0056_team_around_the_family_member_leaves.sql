-- Issue 15, the team around the family: a member leaves it (a health visitor hands over, a school
-- is no longer involved), recorded by whoever records on the episode, with the reason and who said
-- so; their row stays, with the meetings they attended, and the grant the episode gave them ends.
-- Before this a row could only be marked removed by the episode's closure. Written for PostgreSQL 15.

alter table eh_taf_member
  add column removed_by     bigint references app_user (id),
  add column removed_reason text check (length(removed_reason) between 1 and 10000);

-- Rows removed before this migration (none were: nothing set removed_at) would break the check.
alter table eh_taf_member
  add constraint eh_taf_member_removed_with_who_and_why
    check ((removed_at is null) = (removed_by is null) and (removed_at is null) = (removed_reason is null));

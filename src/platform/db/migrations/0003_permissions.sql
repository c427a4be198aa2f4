-- Permissions: why each access grant was given. Break-glass needs a stated reason for the
-- Privacy Officer's review, and a restricted-record grant needs one for the 90-day review, so the
-- reason lives on the grant itself rather than only in the audit trail.
alter table child_access add column reason text;

-- The per-user list of live grants that `visibleChildren` probes for each child.
create index child_access_live on child_access (child_id, user_id, basis) where revoked_at is null;

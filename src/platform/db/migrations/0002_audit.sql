-- The audit trail, part two: the session and network address every audit event must carry
-- (SEC-13), an index for the auditor's search by username, and format checks on the seals.
-- Written for PostgreSQL 15. Adding nullable columns rewrites no rows, so the append-only
-- triggers are not involved; the chain hashes a fixed list of columns (see audit/chain.ts),
-- so rows sealed before this migration still verify.

alter table audit_event add column ip text;
-- The session's stored id (user_session.id_hash), never the cookie value.
alter table audit_event add column session_id text;

create index audit_event_username on audit_event (username, occurred_at);

alter table audit_seal add constraint audit_seal_seq_positive check (seq > 0);
alter table audit_seal add constraint audit_seal_hash_format
  check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$');

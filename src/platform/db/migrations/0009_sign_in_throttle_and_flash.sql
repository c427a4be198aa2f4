-- Sign-in throttling kept per account and source address together, and per source across
-- accounts; and a message held in the session for the next page (a "flash").
--
-- One row per key. A sign-in attempt is counted and decided in one upsert on its rows, so
-- simultaneous guesses queue on the row lock instead of all reading the same count. An attempt
-- made while `blocked_until` is still ahead is refused and not counted; each counted attempt from
-- `allowance` on blocks the key for a delay that doubles with each one.
create table sign_in_throttle (
  scope           text not null check (scope in ('account_source', 'source')),
  username        text not null,                -- '' for a source's count across accounts
  ip              text not null,
  allowance       integer not null check (allowance > 0),
  attempts        integer not null check (attempts >= 0),
  last_attempt_at timestamptz not null,
  blocked_until   timestamptz,
  last_refused    boolean not null default false,   -- whether the latest attempt was refused
  primary key (scope, username, ip),
  check ((scope = 'source') = (username = ''))
);
create index sign_in_throttle_stale on sign_in_throttle (last_attempt_at);

-- A message for the next page shown to this session (e.g. "Alert added"), shown once then cleared.
alter table user_session add column flash jsonb;

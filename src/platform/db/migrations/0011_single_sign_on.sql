-- Single sign-on with the authority's OpenID Connect provider (ADR: single sign-on).
-- Written for PostgreSQL 15.

-- An account made at someone's first sign-in through the provider waits, disabled, until an
-- administrator confirms it (or refuses it, when it stays disabled with the reason given).
alter table app_user add column awaiting_confirmation boolean not null default false;
alter table app_user add constraint app_user_awaiting_is_disabled
  check (not awaiting_confirmation or disabled_at is not null);

-- Who a person is at the provider: the issuer and its subject identifier, never an email
-- address, which can be reassigned. One account per identity; an account may have none
-- (local accounts for the demo and break-glass administration).
create table user_identity (
  id              bigint generated always as identity primary key,
  user_id         bigint not null unique references app_user (id),
  issuer          text not null,
  subject         text not null,
  created_at      timestamptz not null default now(),
  last_sign_in_at timestamptz,
  unique (issuer, subject)
);

-- The authority's groups and what each gives in Haven: a role and, optionally, a team. When a
-- person is in several mapped groups, the mapping added first decides.
create table sso_group_mapping (
  id          bigint generated always as identity primary key,
  group_id    text not null unique check (length(group_id) between 1 and 200),
  role        text not null,
  team_id     bigint references team (id),
  created_by  bigint references app_user (id),
  created_at  timestamptz not null default now()
);

-- One row per attempt to sign in through the provider: the state (stored as its SHA-256), the
-- nonce and the PKCE verifier, tied to the browser that started it. Used once, then refused.
create table sso_sign_in_attempt (
  state_hash     text primary key,
  browser_hash   text not null,
  nonce          text not null,
  code_verifier  text not null,
  return_to      text not null,
  created_at     timestamptz not null default now(),
  expires_at     timestamptz not null,
  used_at        timestamptz
);
create index sso_sign_in_attempt_expiry on sso_sign_in_attempt (expires_at);

-- A Haven session that began at the provider: what back-channel logout finds it by (the
-- provider's session id, or the subject), and the ID token to name in RP-initiated sign-out.
create table sso_session (
  session_id_hash text primary key references user_session (id_hash),
  issuer          text not null,
  subject         text not null,
  sid             text,
  id_token        text not null,
  created_at      timestamptz not null default now()
);
create index sso_session_subject on sso_session (issuer, subject);
create index sso_session_sid on sso_session (issuer, sid) where sid is not null;

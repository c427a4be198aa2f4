-- Issue 15, closing a child's social care case with the closure checklist (protection's
-- closure-*.ts; the checklist itself is platform/casework/closure.ts, shared with early help).
-- The allocated worker proposes the closure with the checklist; a manager authorises it (the
-- referral closes with its CIN census reason, the allocation ends) or returns it with the reason,
-- through the platform's sign-off step (sign_off, subject type `case_closure`). Written for
-- PostgreSQL 15.

-- A proposal to close the child's case (the open referral): the checklist as answered, its coded
-- reason (a CIN census ReasonForClosure), and whether the referral prompt applied (the family
-- withdrew consent and the risks are unchanged), so the manager's list and sign-off page show it
-- without reading the checklist. One proposal waits per child at a time.
create table case_closure (
  id                 bigint generated always as identity primary key,
  child_id           bigint not null references person (id),
  referral_id        bigint not null references referral (id),
  status             text not null default 'awaiting'
                       check (status in ('awaiting', 'authorised', 'returned')),
  reason_code        text not null check (reason_code ~ '^RC[1-9]$'),
  checklist          jsonb not null check (jsonb_typeof(checklist) = 'object'),
  referral_prompted  boolean not null,
  proposed_by        bigint not null references app_user (id),
  proposed_at        timestamptz not null,
  decided_by         bigint references app_user (id),
  decided_at         timestamptz,
  -- The day the case closed (the CIN census CINclosureDate is the referral's closed_at).
  closed_at          timestamptz,
  check ((status = 'awaiting') = (decided_at is null)),
  check ((status = 'authorised') = (closed_at is not null))
);
create unique index case_closure_one_awaiting on case_closure (child_id) where status = 'awaiting';
create index case_closure_child on case_closure (child_id, id);
create index case_closure_referral on case_closure (referral_id);

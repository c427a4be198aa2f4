-- Issue 17, documents and money (the care module): a looked-after child's birth certificate, their
-- passport or Home Office document (a biometric residence permit or card, or an Application
-- Registration Card), their National Insurance number and a bank or savings account. Each change
-- is a row of its own (who recorded it, when); the latest row of an item is its state. No
-- document's number is kept: not the passport's, not the NI number, not the account's (the
-- module's README says why). Written for PostgreSQL 15.
create table care_document (
  id           bigint generated always as identity primary key,
  child_id     bigint not null references person (id),
  period_id    bigint not null references care_period (id),
  item         text not null check (item in ('birth_certificate', 'identity_document', 'ni_number', 'account')),
  status       text not null check (status in ('held', 'not_held', 'applied')),
  kind         text check (kind in ('passport', 'biometric_residence', 'arc',
                                    'bank_account', 'junior_isa', 'savings_account', 'child_trust_fund')),
  kept_at      text check (length(kept_at) between 1 and 200),
  applied_on   date,
  issued_on    date,
  expires_on   date,
  received_on  date,
  opened_on    date,
  provider     text check (length(provider) between 1 and 200),
  recorded_by  bigint not null references app_user (id),
  recorded_at  timestamptz not null,
  -- Applied for: the day it was, and (for an identity document) what.
  check ((status = 'applied') = (applied_on is not null)),
  check (status <> 'applied' or item in ('birth_certificate', 'identity_document')),
  -- A birth certificate held says where the original is kept.
  check ((item = 'birth_certificate' and status = 'held') = (kept_at is not null)),
  -- An identity document held or applied for says which; held, when it was issued, and a
  -- passport's or biometric residence document's expiry, after its issue.
  check ((item = 'identity_document' and status <> 'not_held') or item = 'account' or kind is null),
  check (item <> 'identity_document' or kind is null or kind in ('passport', 'biometric_residence', 'arc')),
  check (item <> 'identity_document' or status = 'not_held' or kind is not null),
  check ((item = 'identity_document' and status = 'held') = (issued_on is not null)),
  check (expires_on is null or (item = 'identity_document' and status = 'held' and expires_on > issued_on)),
  check (item <> 'identity_document' or status <> 'held' or kind = 'arc' or expires_on is not null),
  -- An NI number received, the day; an account held, its kind and the day it was opened.
  check ((item = 'ni_number' and status = 'held') = (received_on is not null)),
  check ((item = 'account' and status = 'held') = (opened_on is not null)),
  check (item <> 'account' or (status = 'held') = (kind is not null)),
  check (item <> 'account' or kind is null or kind in ('bank_account', 'junior_isa', 'savings_account', 'child_trust_fund')),
  check (provider is null or (item = 'account' and status = 'held'))
);
create index care_document_child on care_document (child_id, item, id);

-- The module's read contract for documents (the digest reads it): one row per child looked after
-- now, with when their current period of care began and the latest state of each item (null when
-- nothing is recorded). What counts as held on a day (a passport not expired, an NI number only
-- from 16) is the reader's rule with its own date: care's list applies `documentsLacking`.
create view care_documents_v as
  select p.child_id,
         p.id as period_id,
         p.start_date as looked_after_since,
         bc.status as birth_certificate,
         bc.kept_at as birth_certificate_kept_at,
         bc.applied_on as birth_certificate_applied_on,
         idd.status as identity_document,
         idd.kind as identity_document_kind,
         idd.issued_on as identity_document_issued_on,
         idd.expires_on as identity_document_expires_on,
         idd.applied_on as identity_document_applied_on,
         ni.status as ni_number,
         ni.received_on as ni_number_received_on,
         acc.status as account,
         acc.kind as account_kind,
         acc.opened_on as account_opened_on
    from care_period p
    left join lateral (select d.* from care_document d
                        where d.child_id = p.child_id and d.item = 'birth_certificate'
                        order by d.id desc limit 1) bc on true
    left join lateral (select d.* from care_document d
                        where d.child_id = p.child_id and d.item = 'identity_document'
                        order by d.id desc limit 1) idd on true
    left join lateral (select d.* from care_document d
                        where d.child_id = p.child_id and d.item = 'ni_number'
                        order by d.id desc limit 1) ni on true
    left join lateral (select d.* from care_document d
                        where d.child_id = p.child_id and d.item = 'account'
                        order by d.id desc limit 1) acc on true
   where p.end_date is null;

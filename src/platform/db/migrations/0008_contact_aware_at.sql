-- When the person making a contact became aware of the worry (a partner's form asks), kept as a
-- time of its own rather than written into the reason: the gap between knowing and telling is
-- something a MASH manager and a practice review look at.
alter table contact add column aware_at timestamptz;
alter table contact add constraint contact_aware_before_received
  check (aware_at is null or aware_at <= received_at);

-- One record, one clock for a child transferring in on a child protection plan, and a sign-off
-- withdrawn when what it asked for no longer stands. Written for PostgreSQL 15.

-- The front door's transfer-in of a child on a plan elsewhere hands over to child protection: the
-- front door creates (or joins) the protection notification in its own transaction, which carries
-- the 15-working-day clock (cp-transfer-in-conference-15wd) and the conference. The front door
-- keeps the notification's id and reads where the conference stands through the view below.
alter table transfer_in add column cp_transfer_in_id bigint references cp_transfer_in (id);
create index transfer_in_cp_transfer_in on transfer_in (cp_transfer_in_id) where cp_transfer_in_id is not null;

-- The front door's own clock (transfer-in-conference-15wd) is retired: nothing stops it now that
-- the conference is held in child protection. Its open tasks are closed; a record made before this
-- migration is handed over by recording the notification in child protection.
update task
   set stopped_at = now(), closed_by = 'cancel', updated_at = now()
 where clock_code = 'transfer-in-conference-15wd' and stopped_at is null;

-- Child protection's read contract for transfers in: each child a notification names, when we
-- were told, and where its transfer-in conference stands (arranged for, held, cancelled).
create view protection_transfer_in_v as
  select t.id as transfer_in_id,
         tc.child_id,
         t.from_la_code,
         t.notified_on,
         t.conference_id,
         c.scheduled_at as conference_scheduled_at,
         (c.held_at at time zone 'Europe/London')::date as conference_held_on,
         c.cancelled_at as conference_cancelled_at
    from cp_transfer_in t
    join cp_transfer_in_child tc on tc.transfer_in_id = t.id
    left join child_protection_conference c on c.id = t.conference_id;

-- The front door's view reports the conference as held from child protection's record once the
-- transfer is handed over (the front door's own date stays for records made before).
create or replace view frontdoor_transfer_in_v as
  select t.id,
         t.contact_child_id,
         t.child_id,
         t.previous_authority,
         t.previous_status,
         t.notified_at,
         t.received_on,
         coalesce(t.conference_held_on, p.conference_held_on) as conference_held_on,
         t.recorded_at,
         t.cp_transfer_in_id
    from transfer_in t
    left join protection_transfer_in_v p
      on p.transfer_in_id = t.cp_transfer_in_id and p.child_id = t.child_id;

-- A sign-off withdrawn: what it asked for no longer stands (a plan whose end was proposed was
-- ended by a review conference or a move away). Who withdrew it, when and why; never a decision.
alter table sign_off
  add column withdrawn_by     bigint references app_user (id),
  add column withdrawn_at     timestamptz,
  add column withdraw_reason  text check (length(withdraw_reason) between 1 and 1000);
do $$
declare c text;
begin
  for c in
    select conname from pg_constraint
     where conrelid = 'sign_off'::regclass and contype = 'c'
       and (pg_get_constraintdef(oid) like '%status%' or pg_get_constraintdef(oid) like '%decided_by IS NULL) =%'
            or pg_get_constraintdef(oid) like '%decided_at IS NULL) =%')
  loop
    execute format('alter table sign_off drop constraint %I', c);
  end loop;
end $$;
alter table sign_off
  add constraint sign_off_status check (status in ('awaiting', 'authorised', 'returned', 'withdrawn')),
  add constraint sign_off_decided check (
    (status in ('authorised', 'returned')) = (decided_by is not null)
    and (status in ('authorised', 'returned')) = (decided_at is not null)),
  add constraint sign_off_authorised_note check ((status = 'authorised') = (oversight_note is not null)),
  add constraint sign_off_returned_reason check ((status = 'returned') = (return_reason is not null)),
  add constraint sign_off_withdrawn check (
    (status = 'withdrawn') = (withdrawn_by is not null)
    and (status = 'withdrawn') = (withdrawn_at is not null)
    and (status = 'withdrawn') = (withdraw_reason is not null));

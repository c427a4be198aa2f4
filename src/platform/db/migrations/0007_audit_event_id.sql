-- Every audit event's id is drawn by a function that first gives the writing transaction its
-- transaction id (see the note at the top of platform/audit/audit.ts for why the sealer needs
-- that order). Until now each writer sent `select pg_current_xact_id()` as a statement of its
-- own before the insert; with the order kept by the column's default, one statement writes an
-- event, in a transaction or on its own, and no writer can forget the first step.
--
-- An identity column cannot take a function as its default, so the column becomes a plain one
-- fed by a sequence it owns (pg_get_serial_sequence still finds it), continuing from the last id.
alter table audit_event alter column id drop identity;
create sequence audit_event_id_seq owned by audit_event.id;
select setval('audit_event_id_seq', coalesce((select max(id) from audit_event), 0) + 1, false);

create function audit_event_next_id() returns bigint language plpgsql volatile as $$
begin
  perform pg_current_xact_id();
  return nextval('audit_event_id_seq');
end
$$;

alter table audit_event alter column id set default audit_event_next_id();

-- The front door's read contract for reporting, widened to transfers in and the emergency duty
-- team's records (0024), as its other tables publish theirs (docs/architecture.md, the module
-- contract). Facts to count and time, never the free text: no names, no narrative, no handover.

-- Each child transferring in: from which authority, what the child was there, when the front door
-- was told, and when the transfer-in conference was held (a child on a plan there).
create view frontdoor_transfer_in_v as
  select t.id,
         t.contact_child_id,
         t.child_id,
         t.previous_authority,
         t.previous_status,
         t.notified_at,
         t.received_on,
         t.conference_held_on,
         t.recorded_at
    from transfer_in t;

-- Each record of the emergency duty team's out-of-hours work: when the call was taken, its
-- referral source, how many children it named, who else was involved, consent, and the contact the
-- MASH made of it, and when.
create view frontdoor_out_of_hours_v as
  select o.id,
         o.called_at,
         o.referral_source,
         jsonb_array_length(o.children) as children,
         o.police_involved,
         o.health_involved,
         o.consent,
         o.recorded_by,
         o.recorded_at,
         o.contact_id,
         o.converted_at
    from out_of_hours_record o;

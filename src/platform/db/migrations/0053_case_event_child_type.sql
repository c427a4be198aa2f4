-- Issue 15's benchmark (bench/chronology.ts): a child's case events by type. The multi-agency
-- chronology counts each child's lines by event type (its count and its filter's choices, read
-- from this index alone, not from the lines), finds the last multi-agency meeting among the
-- meeting types, and reads a filtered page (the agencies' contributions alone, or one agency's
-- event types) by type rather than through every event of the child. Written for PostgreSQL 15.

create index case_event_child_type on case_event (child_id, type, occurred_at);

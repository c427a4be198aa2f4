-- Issue 17: the SSDA903 import matches each CHILD of a return to a person by LA child ID whatever
-- its case (a return written by another system may upper-case it). Without an index on the
-- upper-cased identifier, each batch of children scanned every person: minutes for an
-- England-sized return. Written for PostgreSQL 15.

create index person_la_child_id_upper on person (upper(la_child_id));

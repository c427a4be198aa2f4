-- Field rules (SEC-04): classifying the protected information Haven holds now.
-- Written for PostgreSQL 15.

-- A refuge or other undisclosed address: shown only to those the field rules allow
-- (src/platform/permissions/fields.ts); never shown in or matched by search.
alter table person_address add column confidential boolean not null default false;

-- Police and health checks at triage need no column: their class follows from agency_kind
-- (police: police intelligence; health: health detail), as the front door's model says.
